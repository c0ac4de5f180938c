/* highlight.js: linked highlighting. Pointing at or focusing any element of class j (its bar,
 * its handle, its table row) marks every element of class j with .sl-hl. */

export function highlighter(root) {
  let groups = new Map();
  let current = null;
  function set(j) {
    if (j === current) return;
    for (const node of groups.get(current) || []) node.classList.remove("sl-hl");
    for (const node of groups.get(j) || []) node.classList.add("sl-hl");
    root.classList.toggle("sl-has-hl", j !== null);
    current = j;
  }
  function add(j, node) {
    if (!groups.has(j)) groups.set(j, []);
    groups.get(j).push(node);
    node.addEventListener("pointerenter", () => set(j));
    node.addEventListener("pointerleave", () => set(null));
    node.addEventListener("focusin", () => set(j));
    node.addEventListener("focusout", () => set(null));
    if (j === current) node.classList.add("sl-hl");
  }
  /* Forget the elements of classes that were removed (e.g. when q shrinks). */
  function keep(count) {
    groups = new Map([...groups].filter(([j]) => j < count));
    if (current !== null && current >= count) current = null;
  }
  return { add, set, keep, current: () => current };
}
