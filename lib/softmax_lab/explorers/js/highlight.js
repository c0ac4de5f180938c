/* highlight.js: linked highlighting. Pointing at or focusing any element of class j (its bar,
 * its handle, its table row) marks every element of class j with .sl-hl. The pointer wins over
 * the focus while it is over a class; leaving it shows the focused class again. */

export function highlighter(root) {
  let groups = new Map();
  let shown = null;
  let hovered = null;
  let focused = null;
  function show(j) {
    if (j === shown) return;
    for (const node of groups.get(shown) || []) node.classList.remove("sl-hl");
    for (const node of groups.get(j) || []) node.classList.add("sl-hl");
    root.classList.toggle("sl-has-hl", j !== null);
    shown = j;
  }
  const update = () => show(hovered !== null ? hovered : focused);
  function add(j, node) {
    if (!groups.has(j)) groups.set(j, []);
    groups.get(j).push(node);
    node.addEventListener("pointerenter", () => {
      hovered = j;
      update();
    });
    node.addEventListener("pointerleave", () => {
      if (hovered === j) hovered = null;
      update();
    });
    node.addEventListener("focusin", () => {
      focused = j;
      update();
    });
    node.addEventListener("focusout", () => {
      if (focused === j) focused = null;
      update();
    });
    if (j === shown) node.classList.add("sl-hl");
  }
  /* Forget the elements of classes that were removed (e.g. when q shrinks). */
  function keep(count) {
    if ([...groups.keys()].every((j) => j < count)) return;
    groups = new Map([...groups].filter(([j]) => j < count));
    if (hovered !== null && hovered >= count) hovered = null;
    if (focused !== null && focused >= count) focused = null;
    if (shown !== null && shown >= count) shown = null;
    update();
  }
  return { add, keep, show };
}
