/* gauge.js: one horizontal bar made of coloured segments on a fixed scale [0, max], e.g. a loss
 * as the sum of its per-class terms. Past the scale it shows a chevron; NaN/∞ get a mark. */

import { setAttr, svg } from "./dom.js";
import { formatNumber } from "./format.js";

export function gauge({ max, ticks, height = 34 }) {
  const root = svg("svg", { class: "sl-gauge", height, "aria-hidden": "true" });
  const axis = svg("g", { class: "sl-axis" });
  const body = svg("g");
  const mark = svg("text", { class: "sl-mark", x: 4, y: 15 });
  root.append(axis, body, mark);
  let drawnWidth = null;

  /* segments: [{value, color}] drawn end to end; total: their sum as the reader should see it. */
  function update({ width, segments, total }) {
    const scale = (width - 16) / max;
    setAttr(root, "width", width);
    setAttr(root, "viewBox", `0 0 ${width} ${height}`);
    if (width !== drawnWidth) axis.replaceChildren(
      ...ticks.flatMap((v) => [
        svg("line", { x1: 4 + v * scale, x2: 4 + v * scale, y1: 20, y2: 24 }),
        svg("text", { x: 4 + v * scale, y: height - 1, "text-anchor": "middle", text: formatNumber(v) }),
      ]),
    );
    drawnWidth = width;
    const finite = Number.isFinite(total);
    let x = 0;
    const parts = finite
      ? segments.filter((s) => s.value > 0).map((s) => {
          const w = Math.max(0, Math.min(s.value, max - x)) * scale;
          const rect = svg("rect", { x: 4 + x * scale, y: 4, width: w, height: 14, style: `fill:${s.color}` });
          x = Math.min(max, x + s.value);
          return rect;
        })
      : [];
    if (finite && total > max) {
      parts.push(svg("path", { class: "sl-chevron", d: `M${width - 11},5l6,6l-6,6` }));
    }
    body.replaceChildren(...parts);
    mark.textContent = finite ? "" : formatNumber(total);
  }
  return { el: root, update };
}
