/* bars.js: vertical bars in columns on a value axis, with optional drag handles.
 *
 * A renderer (as in TensorFlow Playground): it draws the numbers it is handed and reports drags
 * through the handle spec; it knows nothing of the model. Charts stacked with one columnLayout
 * line their bars up. Non-finite values get a visible mark instead of a bar.
 */

import { h, setAttr, svg } from "./dom.js";
import { formatNumber } from "./format.js";
import { valueHandle } from "./handles.js";

export const HANDLE_SIZE = 44;

/* Column geometry for `count` columns in `available` CSS pixels (wider when columns would be
 * narrower than a finger: the figure then scrolls sideways inside its own box). */
export function columnLayout(count, available, { axis = 46, min = HANDLE_SIZE + 8, max = 120, right = 8 } = {}) {
  const col = Math.max(min, Math.min(max, Math.floor((available - axis - right) / count)));
  return { count, axis, col, width: axis + col * count + right, center: (j) => axis + col * (j + 0.5) };
}

function arrowPath(x, y0, y1) {
  const dir = y1 < y0 ? -1 : 1;
  const head = Math.min(6, Math.abs(y1 - y0));
  return `M${x},${y0}V${y1}M${x - 4},${y1 - dir * head}L${x},${y1}L${x + 4},${y1 - dir * head}`;
}

/* handle: null, or (j) => spec for valueHandle (label, min, max, step, get, set, text); its
 * pxPerUnit is supplied here. onColumn(j, parts) sees each new column (e.g. for highlighting). */
export function barChart({ height, labelSpace = 0, pad = 12, handle = null, onColumn = null }) {
  const root = svg("svg", { class: "sl-chart-svg", "aria-hidden": "true", height });
  const axis = svg("g", { class: "sl-axis" });
  const body = svg("g");
  root.append(axis, body);
  const layer = h("div", { class: "sl-handle-layer" });
  const el = h("div", { class: "sl-chart", style: `height:${height}px` }, [root, layer]);
  const cols = [];
  let unit = 1;
  let drawnAxis = "";

  function column(j) {
    const parts = {
      g: svg("g", { class: "sl-col", "data-index": j }),
      bar: svg("rect", { class: "sl-bar" }),
      outline: svg("rect", { class: "sl-outline" }),
      arrow: svg("path", { class: "sl-arrow" }),
      broken: svg("path", { class: "sl-break" }),
      mark: svg("text", { class: "sl-mark", "text-anchor": "middle" }),
      label: svg("text", { class: "sl-col-label", "text-anchor": "middle" }),
    };
    parts.g.append(parts.bar, parts.outline, parts.broken, parts.arrow, parts.mark, parts.label);
    body.appendChild(parts.g);
    if (handle) {
      parts.handle = valueHandle({ ...handle(j), pxPerUnit: () => unit });
      parts.handle.dataset.index = j;
      layer.appendChild(parts.handle);
    }
    if (onColumn) onColumn(j, parts);
    return parts;
  }

  /* columns: a columnLayout; domain [lo, hi]; bars[j]: {value, color, outline, arrow, mark};
   * labels[j]: text under column j; ticks: values on the axis. */
  function update({ layout, domain, baseline = 0, bars, labels = null, ticks = [], tickFormat = formatNumber }) {
    const [lo, hi] = domain;
    const top = pad;
    const bottom = height - pad - labelSpace;
    unit = (bottom - top) / (hi - lo);
    const y = (v) => top + (hi - Math.min(hi, Math.max(lo, v))) * unit;
    setAttr(root, "width", layout.width);
    setAttr(root, "viewBox", `0 0 ${layout.width} ${height}`);
    el.style.width = layout.width + "px";

    const inside = baseline >= lo && baseline <= hi;
    const axisKey = JSON.stringify([ticks, lo, hi, baseline, layout.width]);
    if (axisKey !== drawnAxis) axis.replaceChildren(
      ...ticks.flatMap((v) => [
        svg("line", { class: "sl-grid", x1: layout.axis - 4, x2: layout.width - 4, y1: y(v), y2: y(v) }),
        svg("text", { x: layout.axis - 7, y: y(v) + 4, "text-anchor": "end", text: tickFormat(v) }),
      ]),
      ...(inside ? [svg("line", { class: "sl-baseline", x1: layout.axis - 4, x2: layout.width - 4, y1: y(baseline), y2: y(baseline) })] : []),
    );
    drawnAxis = axisKey;
    while (cols.length < bars.length) cols.push(column(cols.length));
    while (cols.length > bars.length) {
      const gone = cols.pop();
      gone.g.remove();
      if (gone.handle) gone.handle.remove();
    }
    const width = Math.min(layout.col * 0.6, 56);
    const y0 = y(baseline);
    bars.forEach((b, j) => {
      const c = cols[j];
      const x = layout.center(j);
      const finite = Number.isFinite(b.value);
      const y1 = finite ? y(b.value) : y0;
      c.g.style.setProperty("--sl-color", b.color);
      setBox(c.bar, x - width / 2, Math.min(y0, y1), width, Math.abs(y1 - y0));
      if (b.outline === undefined) setAttr(c.outline, "visibility", "hidden");
      else {
        setAttr(c.outline, "visibility", "visible");
        const yo = y(b.outline);
        setBox(c.outline, x - width / 2 - 3, Math.min(y0, yo), width + 6, Math.abs(yo - y0));
      }
      const arrow = finite && b.arrow ? y(b.value + b.arrow) : null;
      setAttr(c.arrow, "d", arrow === null || Math.abs(arrow - y1) < 1 ? "" : arrowPath(x + width / 2 + 6, y1, arrow));
      const cut = !inside;
      const yb = baseline < lo ? bottom : top;
      setAttr(c.broken, "d", cut ? `M${x - width / 2},${yb}l${width / 4},-4l${width / 4},8l${width / 4},-8l${width / 4},4` : "");
      setAttr(c.mark, "x", x);
      setAttr(c.mark, "y", (top + bottom) / 2);
      c.mark.textContent = finite ? "" : b.mark || formatNumber(b.value);
      c.g.classList.toggle("sl-nonfinite", !finite);
      if (labels) {
        setAttr(c.label, "x", x);
        setAttr(c.label, "y", height - 5);
        c.label.textContent = labels[j];
      }
      if (c.handle) {
        c.handle.style.transform = `translate(${x - HANDLE_SIZE / 2}px, ${y1 - HANDLE_SIZE / 2}px)`;
        c.handle.refresh();
      }
    });
  }

  return { el, update, columns: cols };
}

function setBox(node, x, y, w, hgt) {
  setAttr(node, "x", x.toFixed(1));
  setAttr(node, "y", y.toFixed(1));
  setAttr(node, "width", w.toFixed(1));
  setAttr(node, "height", hgt.toFixed(1));
}
