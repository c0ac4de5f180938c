/* reliability.js: a reliability diagram. For each confidence bin, a bar as high as the bin's
 * accuracy, and beside the diagonal (perfect calibration) the gap between accuracy and mean
 * confidence. Empty bins draw nothing. A renderer: it draws the numbers it is handed. */

import { setAttr, svg } from "./dom.js";
import { formatNumber } from "./format.js";

const SIDE = 200;
const PAD = { left: 40, top: 12, bottom: 40, right: 8 };

/* xTitle, yTitle: axis titles; barColor, gapColor: the two fills. */
export function reliabilityChart({ xTitle, yTitle, barColor, gapColor }) {
  const width = PAD.left + SIDE + PAD.right;
  const height = PAD.top + SIDE + PAD.bottom;
  const root = svg("svg", { class: "sl-reliability", role: "img", width, height, viewBox: `0 0 ${width} ${height}` });
  const sx = (v) => PAD.left + v * SIDE;
  const sy = (v) => PAD.top + (1 - v) * SIDE;
  const axes = svg("g", { class: "sl-axis" }, [
    ...[0, 0.5, 1].flatMap((v) => [
      svg("line", { class: "sl-grid", x1: sx(0), x2: sx(1), y1: sy(v), y2: sy(v) }),
      svg("text", { x: sx(0) - 6, y: sy(v) + 4, "text-anchor": "end", text: formatNumber(v) }),
      svg("text", { x: sx(v), y: sy(0) + 15, "text-anchor": "middle", text: formatNumber(v) }),
    ]),
    svg("text", { class: "sl-axis-title", x: sx(0.5), y: height - 6, "text-anchor": "middle", text: xTitle }),
    svg("text", { class: "sl-axis-title", x: 10, y: sy(0.5), "text-anchor": "middle", transform: `rotate(-90 10 ${sy(0.5)})`, text: yTitle }),
  ]);
  const bars = svg("g");
  const frame = svg("g", {}, [
    svg("rect", { class: "sl-frame", x: sx(0), y: sy(1), width: SIDE, height: SIDE }),
    svg("line", { class: "sl-diagonal", x1: sx(0), y1: sy(0), x2: sx(1), y2: sy(1) }),
  ]);
  root.append(axes, bars, frame);
  let drawn = [];

  /* edges: B + 1 bin edges; accuracy[b], confidence[b]: NaN for an empty bin; label: the
   * accessible name of what is shown. */
  function update({ edges, accuracy, confidence, label }) {
    if (drawn.length !== edges.length - 1) {
      drawn = edges.slice(1).map(() => ({ bar: svg("rect", { class: "sl-rel-bar", style: `fill:${barColor}` }), gap: svg("rect", { class: "sl-rel-gap", style: `fill:${gapColor}` }) }));
      bars.replaceChildren(...drawn.flatMap((d) => [d.bar, d.gap]));
    }
    drawn.forEach(({ bar, gap }, b) => {
      const acc = accuracy[b];
      const conf = confidence[b];
      const empty = !Number.isFinite(acc) || !Number.isFinite(conf);
      setAttr(bar, "visibility", empty ? "hidden" : "visible");
      setAttr(gap, "visibility", empty ? "hidden" : "visible");
      if (empty) return;
      const x0 = sx(edges[b]);
      const w = sx(edges[b + 1]) - x0;
      for (const [k, v] of [["x", x0], ["width", w], ["y", sy(acc)], ["height", sy(0) - sy(acc)]]) setAttr(bar, k, v.toFixed(1));
      const [lo, hi] = acc < conf ? [acc, conf] : [conf, acc];
      for (const [k, v] of [["x", x0 + w * 0.25], ["width", w * 0.5], ["y", sy(hi)], ["height", sy(lo) - sy(hi)]]) setAttr(gap, k, v.toFixed(1));
    });
    setAttr(root, "aria-label", label);
  }

  return { el: root, update };
}
