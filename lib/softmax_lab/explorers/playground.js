/* playground.js: softmax regression in the plane (§3.4.8), trained step by step.
 *
 * readout(state) mirrors softmax_lab.explorers.playground.playground_readout, which stays the
 * source of truth (golden vectors compare them). The steps: *One step* and *Run* set the state
 * to the parameters the current readout offers (next_W, next_b), so whoever computes the readout
 * takes the step: this module's math on the site, Python (and a learner's step_fn) in a kernel,
 * where each step is one request from the front end and the kernel is never blocked.
 */

import { challengesPanel } from "./js/challenges.js";
import { choiceControl, footer, numberControl, presetButtons, toggleControl, uniqueId } from "./js/controls.js";
import { h, setAttr, setText, svg } from "./js/dom.js";
import { classNumber, formatNumber, showNumber } from "./js/format.js";
import { setup } from "./js/explorer.js";
import { dragHandle } from "./js/handles.js";
import { highlighter } from "./js/highlight.js";
import { lineChart } from "./js/linechart.js";
import { argmax, gradientStep, matVec } from "./js/math.js";
import { argmaxRegions, polygonCentroid } from "./js/regions.js";
import { roundedTicks } from "./js/scale.js";
import { entryNamed, snap } from "./js/state.js";

const CLASSES = 3;
const POINTS_PER_CLASS = 30;
const EXTENT = 4; // the plane shown is [-4, 4]²
const CONVERGED = 1e-3; // Run stops when the gradient is shorter than this
const LIMIT = 1000; // a step past ±LIMIT is divergence
const STEP_MAX = 100000; // the state table's most steps
const ROOT3 = 1.7320508075688772;
const CENTRES = {
  blobs: [[0, 2], [-ROOT3, -1], [ROOT3, -1]],
  overlap: [[0, 1], [-ROOT3 / 2, -0.5], [ROOT3 / 2, -0.5]],
  line: [[-2.5, 0], [0, 0], [2.5, 0]],
  shifted: [[1.5, 3], [0.5, 1.5], [2.5, 1.5]],
};

/* ---- the points: a seeded 32-bit generator (mulberry32) that Python repeats bit for bit */

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/* Six uniforms summed, centred, scaled to variance 1: nearly Gaussian, + and * only. */
function normals(seed) {
  const uniform = mulberry32(seed);
  return () => {
    let s = 0;
    for (let i = 0; i < 6; i++) s += uniform();
    return (s - 3) * Math.SQRT2;
  };
}

let lastPoints = { key: "", value: null };
/* The points for (dataset, noise, seed); Run asks for the same ones at every step. */
export function playgroundData(dataset, noise, seed) {
  const key = [dataset, noise, seed].join();
  if (lastPoints.key !== key) lastPoints = { key, value: samplePoints(dataset, noise, seed) };
  return { X: lastPoints.value.X.map((p) => p.slice()), y: lastPoints.value.y.slice() };
}

function samplePoints(dataset, noise, seed) {
  const z = normals(seed);
  const X = [];
  const y = [];
  CENTRES[dataset].forEach(([cx, cy], k) => {
    for (let i = 0; i < POINTS_PER_CLASS; i++) {
      const x1 = cx + noise * z(); // x1 first: the generator's order is Python's
      X.push([x1, cy + noise * z()]);
      y.push(k);
    }
  });
  return { X, y };
}

/* The state's weights [w1x, w1y, w2x, ...] as one row per class (the matrix W's columns). */
const classRows = (flat) => Array.from({ length: CLASSES }, (_, k) => [flat[2 * k], flat[2 * k + 1]]);

function stopReason(state, gradNorm, next) {
  const finite = next.every(Number.isFinite);
  let top = Infinity;
  if (finite) top = next.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  if (!finite || top > LIMIT) {
    return ["diverged", [{ key: "playground.diverged", values: { top, limit: LIMIT, lr: state.lr } }]];
  }
  if (state.steps >= STEP_MAX) return ["limit", [{ key: "playground.step_limit", values: { steps: state.steps } }]];
  if (gradNorm < CONVERGED) return ["converged", [{ key: "playground.converged", values: { norm: gradNorm, tol: CONVERGED } }]];
  return [null, []];
}

/* Every number the explorer shows (the explorer's own step; a learner's step_fn exists only in
 * a kernel). L = mean cross-entropy + (lambda / 2) ||W||², gradient lambda W added to the
 * cross-entropy's. */
export function readout(state) {
  const { X, y } = playgroundData(state.dataset, state.noise, state.seed);
  const W = classRows(state.W);
  const b = state.b;
  const { lr, l2 } = state;
  const ce = gradientStep(W, b, X, y, 0);
  let squares = 0;
  for (const row of W) for (const w of row) squares += w * w;
  const penalty = 0.5 * l2 * squares;
  const gradW = ce.gradW.map((row, k) => row.map((g, j) => g + l2 * W[k][j]));
  const gradb = ce.gradb;
  const nextW = W.map((row, k) => row.map((w, j) => w - lr * gradW[k][j]));
  const nextb = b.map((v, k) => v - lr * gradb[k]);
  const predicted = X.map((x) => argmax(matVec(W, x, b)));
  let hits = 0;
  predicted.forEach((c, i) => (hits += c === y[i] ? 1 : 0));
  let sq = 0;
  for (const row of gradW) for (const g of row) sq += g * g;
  for (const g of gradb) sq += g * g;
  const gradNorm = Math.sqrt(sq);
  const next = [...nextW.flat(), ...nextb];
  const [stop, messages] = stopReason(state, gradNorm, next);
  return {
    X, y, predicted, W: state.W.slice(), b: b.slice(), steps: state.steps,
    loss: ce.loss + penalty, data_loss: ce.loss, penalty, accuracy: hits / y.length,
    grad_W: gradW.flat(), grad_b: gradb, grad_norm: gradNorm, next_W: nextW.flat(), next_b: nextb,
    stop, can_step: stop === null || stop === "converged", messages, error: null,
  };
}

export function check() {
  return true;
}

const CHALLENGES = [
  { id: "by_hand", goal: "playground.challenge_by_hand", check: (s, r) => s.steps === 0 && r.accuracy >= 0.8 },
  { id: "converge", goal: "playground.challenge_converge", check: (s, r) => r.stop === "converged" },
  { id: "diverge", goal: "playground.challenge_diverge", check: (s, r) => r.stop === "diverged" },
  { id: "penalty", goal: "playground.challenge_penalty", check: (s, r) => s.l2 >= 0.5 && r.stop === "converged" },
];

/* ---- drawing */

const PLANE_MARGIN = { left: 38, right: 24, top: 24, bottom: 34 };
const MAX_SIZE = 420;
const TRAIL_MS = 1500;
const TRAIL_POINTS = 48;
const TRAIL_BANDS = 6;
const FADE_MS = 60;
const MAX_STEPS_PER_FRAME = 32;
const KEY_STEP = 0.1;

const clampView = (v) => Math.max(-EXTENT, Math.min(EXTENT, v));

/* A point of the plane pulled back into the view along the ray from the origin. */
function intoView([x, y]) {
  const m = Math.max(Math.abs(x), Math.abs(y)) / EXTENT;
  return m > 1 ? [x / m, y / m] : [x, y];
}

function markerPath(k, x, y) {
  const r = 4.6;
  if (k === 0) return `M${x - r},${y}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0Z`;
  if (k === 1) return `M${x - r * 0.85},${y - r * 0.85}h${1.7 * r}v${1.7 * r}h${-1.7 * r}Z`;
  return `M${x},${y - r * 1.15}L${x + r},${y + r * 0.7}L${x - r},${y + r * 0.7}Z`;
}

function arrowHead(x0, y0, x1, y1, size = 9) {
  const len = Math.hypot(x1 - x0, y1 - y0);
  if (len < 1e-6) return "";
  const ux = (x1 - x0) / len;
  const uy = (y1 - y0) / len;
  const s = Math.min(size, 0.7 * len);
  const p = [x1 - s * ux + 0.5 * s * uy, y1 - s * uy - 0.5 * s * ux];
  const q = [x1 - s * ux - 0.5 * s * uy, y1 - s * uy + 0.5 * s * ux];
  return `M${p[0].toFixed(1)},${p[1].toFixed(1)}L${x1.toFixed(1)},${y1.toFixed(1)}L${q[0].toFixed(1)},${q[1].toFixed(1)}`;
}

function legend(ex, color, hl) {
  const items = Array.from({ length: CLASSES }, (_, k) => {
    const icon = svg("svg", { width: 14, height: 14, viewBox: "0 0 14 14", "aria-hidden": "true" }, [
      svg("path", { d: markerPath(k, 7, 7), style: `fill:${color(k)}`, class: "sl-pg-point" }),
    ]);
    const item = h("span", { class: "sl-legend-item", "data-index": k }, [icon, ex.t("common.class_n", { n: classNumber(k) })]);
    hl.add(k, item);
    return item;
  });
  const wrong = svg("svg", { width: 14, height: 14, viewBox: "0 0 14 14", "aria-hidden": "true" }, [
    svg("path", { d: markerPath(0, 7, 7), class: "sl-pg-point sl-pg-wrong", style: "fill:none" }),
  ]);
  items.push(h("span", { class: "sl-legend-item" }, [wrong, ex.t("playground.legend_wrong")]));
  return h("div", { class: "sl-legend sl-pg-legend" }, items);
}

/* The square plot: regions, axes, points, trails, arrows, and a finger-sized handle per tip. */
function plane(ex, { color, hl, onTip, dragging }) {
  const t = ex.t;
  // Three stacked SVG layers, so a moving tip repaints the regions and the arrows but not the
  // axes and the 90 points between them (each layer is composited on its own).
  const root = svg("svg", { class: "sl-pg-svg", role: "img", "aria-label": t("playground.figure_label") });
  const still = svg("svg", { class: "sl-pg-svg sl-pg-layer", "aria-hidden": "true" });
  const moving = svg("svg", { class: "sl-pg-svg sl-pg-layer", "aria-hidden": "true" });
  const layers = [root, still, moving];
  const regionLayer = svg("g");
  const gridLayer = svg("g", { class: "sl-axis" });
  const pointLayer = svg("g");
  const trailLayer = svg("g");
  const arrowLayer = svg("g");
  // Points far out (a large spread) are cut at the frame, like everything else in the plane.
  const clipId = uniqueId("sl-pg-clip");
  const clipRect = svg("rect");
  pointLayer.setAttribute("clip-path", `url(#${clipId})`);
  root.append(regionLayer);
  still.append(svg("defs", {}, [svg("clipPath", { id: clipId }, [clipRect])]), gridLayer, pointLayer);
  moving.append(trailLayer, arrowLayer);
  const handles = h("div", { class: "sl-handle-layer" });
  const el = h("div", { class: "sl-pg-plane" }, [...layers, handles]);

  const regions = Array.from({ length: CLASSES }, (_, k) => {
    const poly = svg("polygon", { class: "sl-pg-region", style: `fill:${color(k)};--sl-k:${k}`, "data-index": k });
    const label = svg("text", { class: "sl-pg-region-label", "text-anchor": "middle", text: String(classNumber(k)) });
    regionLayer.append(poly);
    hl.add(k, poly);
    return { poly, label };
  });
  regionLayer.append(...regions.map((r) => r.label));

  const arrows = Array.from({ length: CLASSES }, (_, k) => {
    const g = svg("g", { class: "sl-pg-arrow", "data-index": k, style: `stroke:${color(k)}` });
    const descent = svg("path", { class: "sl-pg-descent" });
    const line = svg("path", { class: "sl-pg-weight" });
    const head = svg("path", { class: "sl-pg-weight sl-pg-head" });
    const outside = svg("path", { class: "sl-pg-outside" });
    g.append(descent, line, head, outside);
    arrowLayer.append(g);
    hl.add(k, g);
    return { g, descent, line, head, outside };
  });

  const trails = Array.from({ length: CLASSES }, (_, k) => {
    const segments = Array.from({ length: TRAIL_BANDS }, () => svg("path"));
    trailLayer.append(svg("g", { class: "sl-pg-trail", style: `stroke:${color(k)}` }, segments));
    return { segments, points: [] };
  });

  const tips = Array.from({ length: CLASSES }, (_, k) => {
    const node = h("div", {
      class: "sl-handle sl-pg-tip", role: "slider", tabindex: 0, "data-index": k,
      "aria-label": t("playground.tip_handle", { n: classNumber(k) }),
      "aria-valuemin": -LIMIT, "aria-valuemax": LIMIT, style: `--sl-color:${color(k)}`,
    });
    handles.append(node);
    hl.add(k, node);
    return node;
  });

  let size = 300;
  let unit = size / (2 * EXTENT);
  const sx = (v) => PLANE_MARGIN.left + (v + EXTENT) * unit;
  const sy = (v) => PLANE_MARGIN.top + (EXTENT - v) * unit;

  tips.forEach((node, k) => {
    dragHandle(node, {
      begin: () => {
        dragging.on = true;
        return intoView(classRows(ex.state().W)[k]);
      },
      move: (dx, dy, [x, y]) => onTip(k, [x + dx / unit, y - dy / unit]),
      end: () => (dragging.on = false),
    });
    node.addEventListener("keydown", (ev) => {
      const big = ev.shiftKey ? 10 : 1;
      const move = {
        ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1],
        PageUp: [0, 10], PageDown: [0, -10],
      }[ev.key];
      if (!move) return;
      ev.preventDefault();
      const [x, y] = intoView(classRows(ex.state().W)[k]);
      onTip(k, [x + move[0] * KEY_STEP * big, y + move[1] * KEY_STEP * big]);
    });
  });

  /* Axes with ticks, and the dataset's points (redrawn only when they or the size change). */
  let drawnAxes = "";
  function drawAxes() {
    const key = String(size);
    if (key === drawnAxes) return;
    drawnAxes = key;
    const ticks = [-4, -2, 0, 2, 4];
    const lo = PLANE_MARGIN.top + size;
    gridLayer.replaceChildren(
      ...ticks.flatMap((v) => [
        svg("line", { class: v === 0 ? "sl-pg-zero" : "sl-grid", x1: sx(v), x2: sx(v), y1: PLANE_MARGIN.top, y2: lo }),
        svg("line", { class: v === 0 ? "sl-pg-zero" : "sl-grid", x1: PLANE_MARGIN.left, x2: PLANE_MARGIN.left + size, y1: sy(v), y2: sy(v) }),
        svg("text", { x: sx(v), y: lo + 14, "text-anchor": "middle", text: formatNumber(v) }),
        svg("text", { x: PLANE_MARGIN.left - 6, y: sy(v) + 4, "text-anchor": "end", text: formatNumber(v) }),
      ]),
      svg("rect", { class: "sl-pg-frame", x: PLANE_MARGIN.left, y: PLANE_MARGIN.top, width: size, height: size }),
      svg("text", { class: "sl-axis-title", x: PLANE_MARGIN.left + size / 2, y: lo + 29, "text-anchor": "middle", text: t("playground.axis_x1") }),
      svg("text", { class: "sl-axis-title", x: 4, y: PLANE_MARGIN.top - 10, text: t("playground.axis_x2") }),
    );
  }

  let drawnPoints = "";
  let marks = [];
  function drawPoints(r, s) {
    const key = [size, s.dataset, s.noise, s.seed].join();
    if (key !== drawnPoints) {
      drawnPoints = key;
      marks = r.X.map(([x, y], i) => svg("path", {
        class: "sl-pg-point", d: markerPath(r.y[i], sx(x), sy(y)), style: `fill:${color(r.y[i])}`,
      }));
      pointLayer.replaceChildren(...marks);
    }
    marks.forEach((m, i) => m.classList.toggle("sl-pg-wrong", r.predicted[i] !== r.y[i]));
  }

  function drawRegions(W, b) {
    const polys = argmaxRegions(W, b, [-EXTENT, EXTENT], [-EXTENT, EXTENT]);
    polys.forEach((poly, k) => {
      setAttr(regions[k].poly, "points", poly.map(([x, y]) => sx(x).toFixed(1) + "," + sy(y).toFixed(1)).join(" "));
      const c = polygonCentroid(poly);
      const show = c !== null && c.area > 1.2;
      setAttr(regions[k].label, "visibility", show ? "visible" : "hidden");
      if (show) {
        setAttr(regions[k].label, "x", sx(c.x).toFixed(1));
        setAttr(regions[k].label, "y", (sy(c.y) + 6).toFixed(1));
      }
    });
  }

  function drawArrows(W, r, showDescent) {
    W.forEach((w, k) => {
      const [x, y] = intoView(w);
      const a = arrows[k];
      const [x0, y0, x1, y1] = [sx(0), sy(0), sx(x), sy(y)];
      setAttr(a.line, "d", `M${x0.toFixed(1)},${y0.toFixed(1)}L${x1.toFixed(1)},${y1.toFixed(1)}`);
      setAttr(a.head, "d", arrowHead(x0, y0, x1, y1, 11));
      const away = Math.max(Math.abs(w[0]), Math.abs(w[1])) > EXTENT;
      setAttr(a.outside, "d", away ? arrowHead(x1 - (x1 - x0) * 0.01, y1 - (y1 - y0) * 0.01, x1, y1, 16) : "");
      const g = r && r.grad_W ? [r.grad_W[2 * k], r.grad_W[2 * k + 1]] : [NaN, NaN];
      const end = intoView([x - g[0], y - g[1]]);
      const ok = showDescent && g.every(Number.isFinite);
      setAttr(a.descent, "d", ok ? `M${x1.toFixed(1)},${y1.toFixed(1)}L${sx(end[0]).toFixed(1)},${sy(end[1]).toFixed(1)}` + arrowHead(x1, y1, sx(end[0]), sy(end[1]), 7) : "");
      tips[k].style.transform = `translate(${(x1 - 22).toFixed(1)}px, ${(y1 - 22).toFixed(1)}px)`;
      setAttr(tips[k], "aria-valuenow", w[0]);
      setAttr(tips[k], "aria-valuetext", t("playground.tip_text", { n: classNumber(k), x: w[0], y: w[1] }));
    });
  }

  /* A fading trail behind each tip: where it was in the last TRAIL_MS. Returns whether any is
   * still visible (then the caller redraws next frame). */
  function drawTrails(W, now, moved) {
    let alive = false;
    trails.forEach((tr, k) => {
      if (moved) {
        const last = tr.points[tr.points.length - 1];
        const [x, y] = intoView(W[k]);
        if (!last || last.x !== x || last.y !== y) tr.points.push({ x, y, at: now });
      }
      tr.points = tr.points.filter((p) => now - p.at < TRAIL_MS).slice(-TRAIL_POINTS);
      // The segments in a few bands of age, one path each: older bands fainter.
      const n = tr.points.length - 1;
      tr.segments.forEach((path, band) => {
        const from = Math.floor((band * n) / TRAIL_BANDS);
        const to = Math.floor(((band + 1) * n) / TRAIL_BANDS);
        let d = "";
        for (let i = from; i < to; i++) {
          const p = tr.points[i];
          const q = tr.points[i + 1];
          d += `M${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}L${sx(q.x).toFixed(1)},${sy(q.y).toFixed(1)}`;
        }
        setAttr(path, "d", d);
        if (d === "") return;
        alive = true;
        const age = now - tr.points[from].at;
        const fade = Math.max(0, 1 - age / TRAIL_MS) * ((band + 1) / TRAIL_BANDS);
        setAttr(path, "stroke-opacity", (0.85 * fade).toFixed(2));
      });
    });
    return alive;
  }

  function clearTrails() {
    for (const tr of trails) tr.points = [];
  }

  function resize(available) {
    size = Math.max(160, Math.min(MAX_SIZE, Math.floor(available - PLANE_MARGIN.left - PLANE_MARGIN.right)));
    unit = size / (2 * EXTENT);
    const w = PLANE_MARGIN.left + size + PLANE_MARGIN.right;
    const hgt = PLANE_MARGIN.top + size + PLANE_MARGIN.bottom;
    for (const layer of layers) {
      setAttr(layer, "width", w);
      setAttr(layer, "height", hgt);
      setAttr(layer, "viewBox", `0 0 ${w} ${hgt}`);
    }
    for (const [name, v] of [["x", PLANE_MARGIN.left], ["y", PLANE_MARGIN.top], ["width", size], ["height", size]]) setAttr(clipRect, name, v);
    el.style.width = w + "px";
    el.style.height = hgt + "px";
  }

  return { el, resize, drawAxes, drawPoints, drawRegions, drawArrows, drawTrails, clearTrails };
}

/* The parameters as typed numbers (exact values), with the gradient beside them. */
function parameterTable(ex, { color, hl, onValue }) {
  const t = ex.t;
  const entryW = entryNamed(ex.table, "W");
  const columns = ["playground.col_w1", "playground.col_w2", "playground.col_b"];
  const labels = ["playground.label_w1", "playground.label_w2", "playground.label_b"];
  const gradColumns = ["playground.col_grad_w1", "playground.col_grad_w2", "playground.col_grad_b"];
  const rows = Array.from({ length: CLASSES }, (_, k) => {
    const inputs = columns.map((_, j) => {
      const input = h("input", {
        type: "number", step: 0.1, min: entryW.min, max: entryW.max, inputmode: "decimal",
        "data-control": `param-${k}-${j}`,
        "aria-label": t(labels[j], { n: classNumber(k) }),
      });
      const commit = () => {
        const v = input.value.trim() === "" ? NaN : Number(input.value);
        const ok = Number.isFinite(v) && v >= entryW.min && v <= entryW.max;
        input.toggleAttribute("aria-invalid", !ok);
        if (ok) onValue(k, j, v);
      };
      input.addEventListener("change", commit);
      input.addEventListener("keydown", (ev) => ev.key === "Enter" && commit());
      return input;
    });
    const grads = gradColumns.map((key, j) => h("span", { class: "sl-num", "data-name": `grad${k}${j}` }));
    const swatch = svg("svg", { width: 12, height: 12, viewBox: "0 0 14 14", "aria-hidden": "true" }, [
      svg("path", { d: markerPath(k, 7, 7), style: `fill:${color(k)}` }),
    ]);
    const tr = h("tr", { "data-index": k }, [
      h("th", { scope: "row" }, [swatch, " ", t("common.class_n", { n: classNumber(k) })]),
      ...inputs.map((i) => h("td", {}, [i])),
      ...grads.map((g) => h("td", {}, [g])),
    ]);
    hl.add(k, tr);
    return { tr, inputs, grads };
  });
  // The caption is a paragraph outside the table's scrolling box, so it wraps to the screen.
  const captionId = uniqueId("sl-pg-params");
  const table = h("table", { class: "sl-table sl-pg-params", "aria-describedby": captionId }, [
    h("thead", {}, [h("tr", {}, [
      h("th", { scope: "col", text: t("playground.col_class") }),
      ...[...columns, ...gradColumns].map((key) => h("th", { scope: "col", text: t(key) })),
    ])]),
    h("tbody", {}, rows.map((r) => r.tr)),
  ]);
  const typed = (v) => String(Number(v.toPrecision(4)));
  return {
    el: h("div", {}, [
      h("p", { class: "sl-caption", id: captionId, text: t("playground.table_caption") }),
      h("div", { class: "sl-table-wrap" }, [table]),
    ]),
    update(s, r) {
      rows.forEach((row, k) => {
        const values = [s.W[2 * k], s.W[2 * k + 1], s.b[k]];
        row.inputs.forEach((input, j) => {
          if (document.activeElement !== input && input.value !== typed(values[j])) {
            input.value = typed(values[j]);
            input.removeAttribute("aria-invalid");
          }
        });
        if (r) {
          const g = [r.grad_W[2 * k], r.grad_W[2 * k + 1], r.grad_b[k]];
          row.grads.forEach((node, j) => showNumber(node, g[j]));
        }
      });
    },
  };
}

function drawMessagesInto(ex, box, r) {
  const list = [...(r.error ? [r.error] : []), ...r.messages];
  const key = JSON.stringify(list);
  if (box.dataset.shown === key) return;
  box.dataset.shown = key;
  const kind = (m) => (m === r.error ? "sl-error" : /diverged|limit|differs/.test(m.key) ? "sl-warning" : "sl-note");
  box.replaceChildren(...list.map((m) => h("p", { class: kind(m), "data-message": m.key, text: ex.t(m.key, m.values) })));
}

/* History of the run: (step, loss, accuracy), the last point replaced while the reader drags. */
function history() {
  let points = [];
  return {
    record(steps, r) {
      while (points.length && points[points.length - 1].step >= steps) points.pop();
      points.push({ step: steps, loss: r.loss, acc: r.accuracy });
    },
    points: () => points,
    /* At most `count` points to draw (every k-th, always the last). */
    thinned(count) {
      if (points.length <= count) return points;
      const k = Math.ceil(points.length / count);
      return points.filter((_, i) => i % k === 0 || i === points.length - 1);
    },
  };
}

const sameList = (a, b) => a.length === b.length && a.every((v, i) => v === b[i]);

function render({ model, el }) {
  const ex = setup({ model, el });
  const { t } = ex;
  const palette = ex.config.palette;
  const color = (k) => palette[k % palette.length];
  const hl = highlighter(ex.root);
  const dragging = { on: false };
  const past = history();

  function setTip(k, [x, y]) {
    const W = ex.state().W.slice();
    W[2 * k] = snap(clampView(x), 0.01, -EXTENT, EXTENT);
    W[2 * k + 1] = snap(clampView(y), 0.01, -EXTENT, EXTENT);
    ex.set({ W });
  }
  const view = plane(ex, { color, hl, onTip: setTip, dragging });

  const nums = {};
  const stat = (key, label) =>
    h("div", {}, [h("span", { class: "sl-label", text: t(label) }), (nums[key] = h("span", { class: "sl-num", "data-name": key }))]);
  const stats = h("div", { class: "sl-readout" }, [
    stat("loss", "playground.loss"), stat("data_loss", "playground.data_loss"),
    stat("penalty", "playground.penalty"), stat("accuracy", "playground.accuracy"),
    stat("steps", "playground.steps"), stat("grad_norm", "playground.grad_norm"),
  ]);
  const stepButton = h("button", { type: "button", "data-control": "step", text: t("playground.one_step") });
  const runButton = h("button", { type: "button", "data-control": "run", "aria-pressed": "false", text: t("playground.run") });
  const messages = h("div", { class: "sl-messages", role: "status", "aria-live": "polite" });
  const lossChart = lineChart({ height: 150, xLabel: t("playground.axis_step"), yLabel: t("playground.chart_loss") });
  const accChart = lineChart({ height: 150, xLabel: t("playground.axis_step"), yLabel: t("playground.chart_accuracy") });
  // The latest point of each curve as a dot (a run of one step is a point, not yet a line).
  const [lossDot, accDot] = [lossChart, accChart].map((chart) => {
    const dot = svg("circle", { class: "sl-pg-dot", r: 3.5, visibility: "hidden" });
    chart.el.querySelector("svg").append(dot);
    return dot;
  });

  const controls = [numberControl(ex, "lr"), numberControl(ex, "l2"), choiceControl(ex, "dataset"), numberControl(ex, "noise")];
  const seedEntry = entryNamed(ex.table, "seed");
  const newPoints = h("button", {
    type: "button", "data-control": "new-points", text: t("playground.new_points"),
    onclick: () => ex.set({ seed: (ex.state().seed + 1) % (seedEntry.max + 1) }),
  });
  const arrowsToggle = toggleControl(ex, "arrows");
  const params = parameterTable(ex, {
    color, hl,
    onValue: (k, j, v) => {
      const s = ex.state();
      if (j < 2) {
        const W = s.W.slice();
        W[2 * k + j] = v;
        ex.set({ W });
      } else {
        const b = s.b.slice();
        b[k] = v;
        ex.set({ b });
      }
    },
  });
  const challenges = challengesPanel(ex, CHALLENGES);

  const figure = h("div", { class: "sl-figure sl-pg-figure" }, [view.el, legend(ex, color, hl)]);
  const side = h("div", { class: "sl-pg-side" }, [
    stats,
    h("div", { class: "sl-buttons" }, [stepButton, runButton]),
    messages,
    lossChart.el,
    accChart.el,
  ]);
  const parts = [
    h("p", { class: "sl-title", text: t("playground.title") }),
    h("p", { class: "sl-help", text: t("playground.help") }),
    ex.hooks.includes("step_fn") ? h("p", { class: "sl-help", text: t("playground.hooks_help") }) : null,
    h("div", { class: "sl-pg-layout" }, [figure, side]),
    h("div", { class: "sl-controls" }, [
      ...controls.map((c) => c.el),
      h("div", { class: "sl-control sl-pg-seed" }, [h("span", { class: "sl-label", id: uniqueId("sl-seed"), text: t("playground.seed") }), newPoints]),
      arrowsToggle.el,
    ]),
    presetButtons(ex),
    params.el,
    challenges.el,
    footer(ex),
  ];
  ex.root.append(...parts.filter(Boolean));

  /* ---- One step and Run */
  let running = false;
  let frames = 0;
  let pending = false;
  const describes = (r, s) => r && r.steps === s.steps && sameList(r.W, s.W) && sameList(r.b, s.b);

  function setRunning(on) {
    running = on;
    frames = 0;
    setText(runButton, t(on ? "playground.pause" : "playground.run"));
    runButton.setAttribute("aria-pressed", String(on));
    if (on) schedule();
  }
  function schedule() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(tick);
  }
  /* Take `count` steps: the readout of each state offers the next one. On the site the
   * intermediate readouts come from this module (the same one the page's model uses); in a
   * kernel one step is one request, answered by Python. */
  function advance(count) {
    let s = ex.state();
    let r = ex.readout();
    if (!describes(r, s) || !r.can_step) return false;
    for (let i = 0; i < count; i++) {
      s = { ...s, W: r.next_W, b: r.next_b, steps: s.steps + 1 };
      if (i + 1 === count) break;
      r = readout(s);
      past.record(s.steps, r);
      if (!r.can_step || r.stop) break;
    }
    ex.set({ W: s.W, b: s.b, steps: s.steps });
    return true;
  }
  function tick() {
    pending = false;
    if (!running) return;
    if (!ex.root.isConnected) {
      running = false;
      return;
    }
    if (dragging.on) return schedule();
    const s = ex.state();
    const r = ex.readout();
    if (!describes(r, s)) return; // a kernel's readout is on its way; drawing it calls schedule()
    if (r.stop) return setRunning(false);
    frames += 1;
    const count = ex.onPage ? Math.min(MAX_STEPS_PER_FRAME, 2 ** Math.floor(frames / 45)) : 1;
    advance(count);
    if (ex.onPage) schedule();
  }
  stepButton.addEventListener("click", () => advance(1));
  runButton.addEventListener("click", () => setRunning(!running));

  /* ---- drawing */
  let lastSteps = ex.state().steps;
  // Trails fade on a timer, not on every animation frame: while a finger drags, the frames
  // belong to the drag (and each move redraws the trails anyway).
  let fading = null;
  let lastMove = 0;
  function fadeTrails() {
    fading = null;
    const now = performance.now();
    const alive = now - lastMove < FADE_MS ? true : view.drawTrails(classRows(ex.state().W), now, false);
    if (alive && ex.root.isConnected) fading = setTimeout(fadeTrails, FADE_MS);
  }
  function drawCurves() {
    const points = past.thinned(400);
    const last = points.length ? points[points.length - 1].step : 0;
    const x = [0, Math.max(10, last)];
    const width = Math.max(200, side.clientWidth || 320);
    const finiteLoss = points.map((p) => p.loss).filter(Number.isFinite);
    const yTicks = roundedTicks(Math.max(0.5, ...finiteLoss));
    const top = yTicks[yTicks.length - 1];
    const lossScales = lossChart.update({
      width, x, y: [0, top], yTicks,
      series: [{ points: points.map((p) => [p.step, p.loss]), color: "var(--sl-fg)" }],
    });
    const accScales = accChart.update({
      width, x, y: [0, 1], yTicks: [0, 0.5, 1],
      series: [{ points: points.map((p) => [p.step, p.acc]), color: "var(--sl-accent)" }],
    });
    const latest = points[points.length - 1];
    for (const [dot, scales, value] of [[lossDot, lossScales, latest && latest.loss], [accDot, accScales, latest && latest.acc]]) {
      const shown = latest !== undefined && Number.isFinite(value);
      setAttr(dot, "visibility", shown ? "visible" : "hidden");
      if (shown) {
        setAttr(dot, "cx", scales.sx(latest.step).toFixed(1));
        setAttr(dot, "cy", scales.sy(value).toFixed(1));
      }
    }
  }

  let shownState = "";
  ex.onDraw((s, fromModel) => {
    const W = classRows(s.W);
    const r = fromModel && fromModel.X ? fromModel : null;
    const current = describes(r, s);
    if (s.steps < lastSteps) {
      // Reset (or a link): the run starts over.
      if (running) setRunning(false);
      view.clearTrails();
    }
    lastSteps = s.steps;
    view.drawAxes();
    view.drawRegions(W, s.b);
    view.drawArrows(W, current ? r : null, s.arrows);
    lastMove = performance.now();
    if (view.drawTrails(W, lastMove, true) && fading === null) fading = setTimeout(fadeTrails, FADE_MS);
    const key = JSON.stringify([s.lr, s.l2, s.dataset, s.noise, s.arrows]);
    if (key !== shownState) {
      for (const c of controls) c.update(s);
      arrowsToggle.update(s);
      shownState = key;
    }
    params.update(s, current ? r : null);
    if (!r) return;
    view.drawPoints(r, s);
    if (!current) return;
    past.record(s.steps, r);
    drawCurves();
    for (const name of ["loss", "data_loss", "penalty", "accuracy", "grad_norm"]) showNumber(nums[name], r[name]);
    showNumber(nums.steps, s.steps);
    stepButton.disabled = !r.can_step;
    drawMessagesInto(ex, messages, r);
    challenges.update(s, r);
    if (running) schedule();
  });

  let width = 0;
  const resized = new ResizeObserver(() => {
    const available = figure.clientWidth;
    if (available !== width) {
      width = available;
      view.resize(available);
      ex.draw();
    }
  });
  resized.observe(figure);
  view.resize(figure.clientWidth || 360);
  ex.draw();
  return () => {
    running = false;
    clearTimeout(fading);
    resized.disconnect();
    ex.cleanup();
  };
}

export default { render };
