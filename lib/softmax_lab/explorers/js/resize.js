/* resize.js: redraw an explorer when the width of one of its elements changes (a phone turned
 * sideways, a notebook's side panel opened), e.g. a figure whose layout depends on its width. */

/* Returns a function that stops watching (call it from the cleanup render() returns). */
export function redrawOnResize(ex, node) {
  let width = 0;
  const watcher = new ResizeObserver(() => {
    if (node.clientWidth !== width) {
      width = node.clientWidth;
      ex.draw();
    }
  });
  watcher.observe(node);
  return () => watcher.disconnect();
}
