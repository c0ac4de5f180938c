/* matrix.js: a confusion matrix as a grid of counts, each cell shaded by its share of the row
 * (its true class): the diagonal (right answers) in one colour, mistakes in another, darker =
 * larger share. A renderer: it draws the numbers it is handed. */

import { setAttr, svg } from "./dom.js";

const CELL = 24;
const LEFT = 34;
const TOP = 30;

/* rowTitle, columnTitle: axis titles (already translated); good, bad: the two colours. */
export function matrixChart({ rowTitle, columnTitle, good, bad }) {
  const root = svg("svg", { class: "sl-matrix", role: "img" });
  let shown = -1;
  let cells = [];

  function build(labels) {
    const q = labels.length;
    const size = LEFT + q * CELL + 4;
    const height = TOP + q * CELL + 4;
    setAttr(root, "width", size);
    setAttr(root, "height", height);
    setAttr(root, "viewBox", `0 0 ${size} ${height}`);
    const mid = TOP + (q * CELL) / 2;
    const parts = [
      svg("text", { class: "sl-axis-title", x: LEFT + (q * CELL) / 2, y: 10, "text-anchor": "middle", text: columnTitle }),
      svg("text", { class: "sl-axis-title", x: 10, y: mid, "text-anchor": "middle", transform: `rotate(-90 10 ${mid})`, text: rowTitle }),
    ];
    labels.forEach((name, j) => {
      parts.push(svg("text", { class: "sl-matrix-label", x: LEFT + (j + 0.5) * CELL, y: TOP - 5, "text-anchor": "middle", text: name }));
      parts.push(svg("text", { class: "sl-matrix-label", x: LEFT - 5, y: TOP + (j + 0.5) * CELL + 4, "text-anchor": "end", text: name }));
    });
    cells = [];
    for (let i = 0; i < q; i++) {
      for (let j = 0; j < q; j++) {
        const rect = svg("rect", { class: "sl-matrix-cell", x: LEFT + j * CELL, y: TOP + i * CELL, width: CELL, height: CELL, style: `fill:${i === j ? good : bad}` });
        const text = svg("text", { class: "sl-matrix-count", x: LEFT + (j + 0.5) * CELL, y: TOP + (i + 0.5) * CELL + 4, "text-anchor": "middle", "data-cell": `${i},${j}` });
        parts.push(rect, text);
        cells.push({ rect, text });
      }
    }
    root.replaceChildren(...parts);
    shown = q;
  }

  /* labels: class names; counts[i][j], share[i][j] (count over its row's total); label: the
   * accessible name of what is shown. */
  function update({ labels, counts, share, label }) {
    if (labels.length !== shown) build(labels);
    const q = labels.length;
    for (let i = 0; i < q; i++) {
      for (let j = 0; j < q; j++) {
        const { rect, text } = cells[i * q + j];
        const strength = Math.pow(Math.min(Math.max(share[i][j], 0), 1), 0.6);
        setAttr(rect, "fill-opacity", strength.toFixed(3));
        const count = counts[i][j];
        if (text.textContent !== (count ? String(count) : "")) text.textContent = count ? String(count) : "";
        text.classList.toggle("sl-strong", strength > 0.62);
      }
    }
    setAttr(root, "aria-label", label);
  }

  return { el: root, update };
}
