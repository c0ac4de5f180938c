/* linechart.js: curves on two axes with ticks, an optional vertical marker, and a legend.
 * A renderer: it draws the series it is given (e.g. loss per epoch up to the chosen epoch). */

import { h, setAttr, svg } from "./dom.js";
import { formatNumber } from "./format.js";
import { linear, niceTicks } from "./scale.js";

const MARGIN = { left: 46, right: 10, top: 10, bottom: 34 };
const TITLE_SPACE = 14; // the y-axis title sits above the plot, clear of the top tick's label

/* A path through the points; a non-finite point breaks the line. */
function pathOf(points, sx, sy) {
  let d = "";
  let pen = false;
  for (const [x, y] of points) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      pen = false;
      continue;
    }
    d += (pen ? "L" : "M") + sx(x).toFixed(1) + "," + sy(y).toFixed(1);
    pen = true;
  }
  return d;
}

/* xLabel, yLabel: axis titles (already translated). */
export function lineChart({ height = 220, xLabel = "", yLabel = "" }) {
  const root = svg("svg", { class: "sl-linechart", height, role: "img", "aria-label": yLabel });
  const axes = svg("g", { class: "sl-axis" });
  const lines = svg("g");
  const marker = svg("line", { class: "sl-marker" });
  root.append(axes, lines, marker);
  const legend = h("div", { class: "sl-legend" });
  const el = h("div", { class: "sl-linechart-box" }, [root, legend]);
  let drawnAxes = "";
  let drawnLegend = "";

  /* series: [{points: [[x, y], ...], color, label, dashed}]; x, y: domains; marker: x or null.
   * Returns the scales {sx, sy} (data to SVG pixels), for marks drawn on top. */
  function update({ width, x, y, series, marker: at = null, xTicks = niceTicks(...x), yTicks = niceTicks(...y) }) {
    const top = MARGIN.top + (yLabel ? TITLE_SPACE : 0);
    const sx = linear(x, [MARGIN.left, width - MARGIN.right]);
    const sy = linear(y, [height - MARGIN.bottom, top]);
    setAttr(root, "width", width);
    setAttr(root, "viewBox", `0 0 ${width} ${height}`);
    const bottom = height - MARGIN.bottom;
    // Axes are rebuilt only when they change (curves that grow redraw many times a second).
    const axisKey = JSON.stringify([width, x, y, xTicks, yTicks]);
    if (axisKey !== drawnAxes) axes.replaceChildren(
      ...yTicks.flatMap((v) => [
        svg("line", { class: "sl-grid", x1: MARGIN.left, x2: width - MARGIN.right, y1: sy(v), y2: sy(v) }),
        svg("text", { x: MARGIN.left - 6, y: sy(v) + 4, "text-anchor": "end", text: formatNumber(v) }),
      ]),
      ...xTicks.map((v) => svg("text", { x: sx(v), y: bottom + 14, "text-anchor": "middle", text: formatNumber(v) })),
      svg("line", { class: "sl-baseline", x1: MARGIN.left, x2: width - MARGIN.right, y1: bottom, y2: bottom }),
      svg("text", { class: "sl-axis-title", x: (MARGIN.left + width - MARGIN.right) / 2, y: height - 3, "text-anchor": "middle", text: xLabel }),
      svg("text", { class: "sl-axis-title", x: 4, y: 12, text: yLabel }),
    );
    drawnAxes = axisKey;
    // One path per series, kept between updates (a growing curve only changes its d).
    while (lines.childNodes.length > series.length) lines.lastChild.remove();
    while (lines.childNodes.length < series.length) lines.append(svg("path"));
    series.forEach((s, i) => {
      const path = lines.childNodes[i];
      setAttr(path, "class", "sl-line" + (s.dashed ? " sl-dashed" : ""));
      setAttr(path, "style", `stroke:${s.color}`);
      setAttr(path, "d", pathOf(s.points, sx, sy));
    });
    if (at === null || !Number.isFinite(at)) setAttr(marker, "visibility", "hidden");
    else {
      setAttr(marker, "visibility", "visible");
      for (const [k, v] of Object.entries({ x1: sx(at), x2: sx(at), y1: top, y2: bottom })) setAttr(marker, k, v);
    }
    const legendKey = JSON.stringify(series.map((s) => [s.label, s.color]));
    if (legendKey !== drawnLegend) legend.replaceChildren(
      ...series.filter((s) => s.label).map((s) =>
        h("span", { class: "sl-legend-item" }, [h("span", { class: "sl-swatch", style: `background:${s.color}` }), s.label]),
      ),
    );
    drawnLegend = legendKey;
    return { sx, sy };
  }
  return { el, update };
}
