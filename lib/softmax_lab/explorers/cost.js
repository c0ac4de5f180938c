/* cost.js: the parameter-cost explorer (§3.4.3): a dense layer's dq + q numbers against a PHM
 * layer's n³ + dq/n + q, where n must divide both d and q.
 *
 * readout(state) mirrors softmax_lab.explorers.cost.cost_readout, which stays the source of truth
 * (golden vectors compare them); render() draws either host's readout and never computes one.
 */

import { challengesPanel } from "./js/challenges.js";
import { footer, numberControl, presetButtons, selectControl } from "./js/controls.js";
import { h, setAttr, setText, svg } from "./js/dom.js";
import { setup } from "./js/explorer.js";
import { formatNumber, showNumber } from "./js/format.js";
import { dragHandle } from "./js/handles.js";
import { highlighter } from "./js/highlight.js";
import { denseParameterCount, phmParameterCount } from "./js/math.js";
import { redrawOnResize } from "./js/resize.js";
import { linear } from "./js/scale.js";

const CURVE_POINTS = 41;

function gcd(a, b) {
  while (b) [a, b] = [b, a % b];
  return a;
}

/* Every n that divides both d and q (the divisors of their gcd), ascending. */
export function commonDivisors(d, q) {
  const g = gcd(d, q);
  const out = [];
  for (let k = 1; k <= g; k++) if (g % k === 0) out.push(k);
  return out;
}

/* The allowed n closest to n (the smaller on a tie): where n moves when it stops dividing. */
export function nearestN(d, q, n) {
  let best = 1;
  for (const k of commonDivisors(d, q)) if (Math.abs(k - n) < Math.abs(best - n)) best = k;
  return best;
}

function notes(d, q, n, divisors, phm, dense) {
  if (!divisors.includes(n)) return [{ key: "cost.n_invalid", values: { n, d, q } }];
  if (divisors.length === 1) return [{ key: "cost.only_dense", values: { d, q } }];
  if (n === 1) return [{ key: "cost.n_one", values: {} }];
  if (phm !== null && phm > dense) return [{ key: "cost.phm_costs_more", values: { a: n * n * n } }];
  return [];
}

export function readout(state) {
  const { d, q, n } = state;
  const divisors = commonDivisors(d, q);
  const counts = divisors.map((k) => phmParameterCount(d, q, k));
  const dense = denseParameterCount(d, q);
  const valid = divisors.includes(n);
  const phm = valid ? phmParameterCount(d, q, n) : null;
  const best = Math.min(...counts);
  const nStar = Math.pow((d * q) / 3, 0.25);
  const nMax = Math.max(divisors[divisors.length - 1], 2 * nStar, 2);
  const grid = Array.from({ length: CURVE_POINTS }, (_, k) => Math.pow(nMax, k / (CURVE_POINTS - 1)));
  return {
    dense,
    dense_terms: [d * q, q],
    divisors,
    counts,
    phm,
    terms: valid ? [n * n * n, (d * q) / n, q] : null,
    ratio: valid ? phm / dense : null,
    best_n: divisors[counts.indexOf(best)],
    best,
    best_ratio: best / dense,
    n_star: nStar,
    n_star_count: nStar * nStar * nStar + (d * q) / nStar + q,
    n_max: nMax,
    curve: { n: grid, count: grid.map((x) => x * x * x + (d * q) / x + q) },
    messages: notes(d, q, n, divisors, phm, dense),
  };
}

/* A link may only hold an n that divides d and q. */
export function check(state) {
  return state.d % state.n === 0 && state.q % state.n === 0;
}

const CHALLENGES = [
  { id: "cheapest", goal: "cost.challenge_cheapest", check: (s, r) => r.divisors.length >= 6 && s.n === r.best_n },
  { id: "costs_more", goal: "cost.challenge_costs_more", check: (s, r) => s.n > 1 && r.phm !== null && r.phm > r.dense },
  { id: "tenth", goal: "cost.challenge_tenth", check: (s, r) => r.ratio !== null && r.ratio < 0.1 },
  { id: "only_one", goal: "cost.challenge_only_one", check: (s, r) => r.divisors.length === 1 && s.d > 1 && s.q > 1 },
];

const CHART = { height: 240, left: 62, right: 14, top: 24, bottom: 38 };
const TERMS = ["a", "s", "bias"]; // n³ (the Aᵢ), dq/n (the Sᵢ), q (the biases)

/* Powers of base inside [lo, hi] (each times 1, 2 and 5 too, when `steps` asks and room allows). */
function logTicks(lo, hi, base, steps = [1]) {
  const out = [];
  for (let v = Math.pow(base, Math.floor(Math.log(lo) / Math.log(base))); v <= hi * (1 + 1e-9); v *= base) {
    for (const m of steps) if (m * v >= lo * (1 - 1e-9) && m * v <= hi * (1 + 1e-9)) out.push(m * v);
  }
  return out.length > 6 && steps.length > 1 ? logTicks(lo, hi, base) : out;
}

const SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹";

/* A count on the axis: as formatNumber shows it up to 10⁵, then m·10ᵏ (fits the margin). */
function tickText(v) {
  if (v < 1e5) return formatNumber(v);
  const k = Math.floor(Math.log10(v) + 1e-9);
  const m = Math.round(v / Math.pow(10, k));
  return (m === 1 ? "" : m + "·") + "10" + [...String(k)].map((c) => SUPERSCRIPT[Number(c)]).join("");
}

function costChart(ex, hl) {
  const { t } = ex;
  const root = svg("svg", { class: "sl-chart-svg", "aria-hidden": "true", height: CHART.height });
  const axis = svg("g", { class: "sl-axis" });
  const dense = svg("path", { class: "sl-cost-dense" });
  const curve = svg("path", { class: "sl-cost-curve" });
  const points = svg("g");
  const best = svg("circle", { class: "sl-cost-best", r: 9 });
  const star = svg("path", { class: "sl-cost-star" });
  root.append(axis, curve, dense, star, points, best);
  const handle = h("div", {
    class: "sl-handle sl-point-handle", role: "slider", tabindex: 0, "data-control": "n-handle",
    "aria-label": t("cost.n_handle"),
  });
  const layer = h("div", { class: "sl-handle-layer" }, [handle]);
  const el = h("div", { class: "sl-chart", style: `height:${CHART.height}px` }, [root, layer]);
  let geometry = null; // {sx, divisors}: where each allowed n sits, for drags and keys

  const choose = (n) => {
    if (n !== ex.state().n) ex.set({ n });
  };
  dragHandle(handle, {
    begin: () => geometry && geometry.sx(ex.state().n),
    move: (dx, dy, x0) => {
      if (!geometry) return;
      const x = x0 + dx;
      let pick = geometry.divisors[0];
      for (const k of geometry.divisors) if (Math.abs(geometry.sx(k) - x) < Math.abs(geometry.sx(pick) - x)) pick = k;
      choose(pick);
    },
  });
  handle.addEventListener("keydown", (ev) => {
    if (!geometry) return;
    const list = geometry.divisors;
    const at = Math.max(0, list.indexOf(ex.state().n));
    const to = {
      ArrowUp: at + 1, ArrowRight: at + 1, ArrowDown: at - 1, ArrowLeft: at - 1,
      PageUp: at + 3, PageDown: at - 3, Home: 0, End: list.length - 1,
    }[ev.key];
    if (to === undefined) return;
    ev.preventDefault();
    choose(list[Math.max(0, Math.min(list.length - 1, to))]);
  });
  hl.add(0, handle);

  function update(width, s, r) {
    const xr = [CHART.left, width - CHART.right];
    const lx = linear([0, Math.log(r.n_max)], xr);
    const sx = (n) => lx(Math.log(n));
    const values = [r.dense, ...r.counts, ...r.curve.count];
    const lo = Math.min(...values) / 1.6;
    const hi = Math.max(...values) * 1.6;
    const ly = linear([Math.log10(lo), Math.log10(hi)], [CHART.height - CHART.bottom, CHART.top]);
    const sy = (v) => ly(Math.log10(v));
    geometry = { sx, divisors: r.divisors };
    setAttr(root, "width", width);
    setAttr(root, "viewBox", `0 0 ${width} ${CHART.height}`);
    el.style.width = width + "px";
    const bottom = CHART.height - CHART.bottom;
    const xTicks = logTicks(1, r.n_max, r.n_max > 64 ? 10 : 2);
    axis.replaceChildren(
      ...logTicks(lo, hi, 10, [1, 2, 5]).flatMap((v) => [
        svg("line", { class: "sl-grid", x1: xr[0], x2: xr[1], y1: sy(v), y2: sy(v) }),
        svg("text", { x: xr[0] - 6, y: sy(v) + 4, "text-anchor": "end", text: tickText(v) }),
      ]),
      ...xTicks.map((v) => svg("text", { x: sx(v), y: bottom + 15, "text-anchor": "middle", text: formatNumber(v) })),
      svg("line", { class: "sl-baseline", x1: xr[0], x2: xr[1], y1: bottom, y2: bottom }),
      svg("text", { class: "sl-axis-title", x: (xr[0] + xr[1]) / 2, y: CHART.height - 3, "text-anchor": "middle", text: t("cost.axis_n") }),
      svg("text", { class: "sl-axis-title", x: 2, y: 11, text: t("cost.axis_count") }),
    );
    setAttr(dense, "d", `M${xr[0]},${sy(r.dense).toFixed(1)}H${xr[1]}`);
    setAttr(curve, "d", r.curve.n.map((x, k) => (k ? "L" : "M") + sx(x).toFixed(1) + "," + sy(r.curve.count[k]).toFixed(1)).join(""));
    const starX = sx(r.n_star);
    const starY = sy(r.n_star_count);
    setAttr(star, "d", `M${starX.toFixed(1)},${(starY - 7).toFixed(1)}v14M${(starX - 7).toFixed(1)},${starY.toFixed(1)}h14`);
    points.replaceChildren(...r.divisors.map((k, i) =>
      svg("circle", { class: "sl-cost-point", cx: sx(k).toFixed(1), cy: sy(r.counts[i]).toFixed(1), r: 4, "data-n": k })));
    const bestAt = r.divisors.indexOf(r.best_n);
    setAttr(best, "cx", sx(r.best_n).toFixed(1));
    setAttr(best, "cy", sy(r.counts[bestAt]).toFixed(1));
    const at = r.divisors.indexOf(s.n);
    const shown = at >= 0;
    handle.hidden = !shown;
    if (shown) {
      handle.style.transform = `translate(${sx(s.n) - 22}px, ${sy(r.counts[at]) - 22}px)`;
      setAttr(handle, "aria-valuemin", r.divisors[0]);
      setAttr(handle, "aria-valuemax", r.divisors[r.divisors.length - 1]);
      setAttr(handle, "aria-valuenow", s.n);
      setAttr(handle, "aria-valuetext", t("cost.n_text", { n: s.n, count: r.counts[at] }));
    }
  }
  return { el, update };
}

/* Two bars on one scale: dense (dq | q) and PHM (n³ | dq/n | q), each part linked to its term. */
function breakdown(ex, hl, color) {
  const { t } = ex;
  const height = 74;
  const root = svg("svg", { class: "sl-gauge", height, "aria-hidden": "true" });
  const rows = [
    { label: t("cost.bar_dense"), y: 6, parts: [svg("rect", { class: "sl-cost-part" }), svg("rect", { class: "sl-cost-part" })] },
    { label: t("cost.bar_phm"), y: 42, parts: TERMS.map(() => svg("rect", { class: "sl-cost-part" })) },
  ];
  for (const row of rows) {
    root.append(svg("text", { x: 0, y: row.y + 17, text: row.label }), ...row.parts);
  }
  rows[0].parts.forEach((p, k) => p.style.setProperty("fill", k ? color(2) : "var(--sl-muted)"));
  rows[1].parts.forEach((p, k) => {
    p.style.setProperty("fill", color(k));
    hl.add(k, p);
  });
  hl.add(2, rows[0].parts[1]);
  function update(width, r) {
    setAttr(root, "width", width);
    setAttr(root, "viewBox", `0 0 ${width} ${height}`);
    const left = 64;
    const top = Math.max(r.dense, r.phm || 0);
    const scale = (width - left - 4) / top;
    const lay = (row, values) => {
      let x = left;
      row.parts.forEach((p, k) => {
        const w = values ? Math.max(values[k] * scale, values[k] > 0 ? 1 : 0) : 0;
        for (const [a, v] of [["x", x], ["y", row.y], ["width", w], ["height", 24]]) setAttr(p, a, v.toFixed(1));
        x += w;
      });
    };
    lay(rows[0], r.dense_terms);
    lay(rows[1], r.terms);
  }
  return { el: root, update };
}

function render({ model, el }) {
  const ex = setup({ model, el });
  const { t } = ex;
  const palette = ex.config.palette;
  const color = (j) => palette[j % palette.length];
  const hl = highlighter(ex.root);
  const snapped = h("p", { class: "sl-note", role: "status", "data-message": "cost.snapped" });

  /* d and q are whole numbers, and n must keep dividing them: move it to the nearest n that does. */
  const sized = {
    ...ex,
    set(patch) {
      const s = ex.state();
      const next = { ...patch };
      for (const k of ["d", "q"]) if (k in next) next[k] = Math.round(next[k]);
      if (Object.keys(next).every((k) => next[k] === s[k])) return; // e.g. Enter, then change
      const d = next.d ?? s.d;
      const q = next.q ?? s.q;
      const n = next.n ?? s.n;
      if (d % n || q % n) {
        next.n = nearestN(d, q, n);
        snapped.textContent = t("cost.snapped", { from: n, to: next.n, d, q });
      } else snapped.textContent = "";
      ex.set(next);
    },
  };
  const dControl = numberControl(sized, "d");
  const qControl = numberControl(sized, "q");
  const nControl = selectControl(ex, {
    name: "n",
    label: "cost.n",
    options: () => {
      const r = ex.readout();
      return r.divisors.map((k, i) => [k, t("cost.n_option", { n: k, count: r.counts[i] })]);
    },
    value: (s) => s.n,
    choose: (v) => ex.set({ n: Number(v) }),
  });
  const controls = [dControl, qControl, nControl];
  const allowed = h("p", { class: "sl-help", "data-name": "allowed" });

  const chart = costChart(ex, hl);
  const bars = breakdown(ex, hl, color);
  const figure = h("div", { class: "sl-figure" }, [
    h("p", { class: "sl-chart-title", text: t("cost.chart_title") }),
    chart.el,
    h("p", { class: "sl-help", text: t("cost.chart_key") }),
    h("p", { class: "sl-chart-title", text: t("cost.bars_title") }),
    bars.el,
  ]);

  const nums = {};
  const num = (key) => (nums[key] = h("span", { class: "sl-num", "data-name": key }));
  const term = (k, key) => {
    const span = num(key);
    span.style.setProperty("--sl-color", color(k));
    span.classList.add("sl-cost-term");
    hl.add(k, span);
    return span;
  };
  const line = (label, parts) => h("div", {}, [h("span", { class: "sl-label", text: t(label) }), ...parts]);
  const readoutBox = h("div", { class: "sl-readout sl-cost-readout" }, [
    line("cost.dense_formula", [num("dense_dq"), " + ", num("dense_q"), " = ", num("dense")]),
    line("cost.phm_formula", [term(0, "term_a"), " + ", term(1, "term_s"), " + ", term(2, "term_bias"), " = ", num("phm")]),
    line("cost.ratio", [num("ratio")]),
    line("cost.best", [num("best_n"), " (", num("best"), ")"]),
    line("cost.n_star", [num("n_star")]),
  ]);
  const messages = h("div", { class: "sl-messages", role: "status", "aria-live": "polite" });
  const challenges = challengesPanel(ex, CHALLENGES);

  ex.root.append(
    h("p", { class: "sl-title", text: t("cost.title") }),
    h("p", { class: "sl-help", text: t("cost.help") }),
    h("div", { class: "sl-controls" }, controls.map((c) => c.el)),
    allowed,
    snapped,
    figure,
    readoutBox,
    messages,
    presetButtons(sized),
    challenges.el,
    footer(ex),
  );

  function drawMessages(r) {
    const key = JSON.stringify(r.messages);
    if (messages.dataset.shown === key) return;
    messages.dataset.shown = key;
    messages.replaceChildren(...r.messages.map((m) =>
      h("p", { class: m.key === "cost.n_invalid" ? "sl-warning" : "sl-note", "data-message": m.key, text: t(m.key, m.values) })));
  }

  ex.onDraw((s, fromModel) => {
    // In a kernel the readout arrives a moment after the state: draw only one that fits it.
    const r = fromModel && fromModel.dense === denseParameterCount(s.d, s.q) ? fromModel : null;
    dControl.update(s);
    qControl.update(s);
    if (!r) return;
    nControl.update(s);
    setText(allowed, t("cost.allowed", { d: s.d, q: s.q, list: r.divisors.map((k) => formatNumber(k)).join(", ") }));
    const width = Math.max(280, Math.min(figure.clientWidth || 600, 640));
    chart.update(width, s, r);
    bars.update(width, r);
    showNumber(nums.dense_dq, r.dense_terms[0]);
    showNumber(nums.dense_q, r.dense_terms[1]);
    showNumber(nums.dense, r.dense);
    const terms = r.terms || [NaN, NaN, NaN];
    ["term_a", "term_s", "term_bias"].forEach((key, k) => showNumber(nums[key], terms[k]));
    showNumber(nums.phm, r.phm === null ? NaN : r.phm);
    showNumber(nums.ratio, r.ratio === null ? NaN : r.ratio);
    showNumber(nums.best_n, r.best_n);
    showNumber(nums.best, r.best);
    showNumber(nums.n_star, r.n_star);
    drawMessages(r);
    challenges.update(s, r);
  });

  const unwatch = redrawOnResize(ex, figure);
  ex.draw();
  return () => {
    unwatch();
    ex.cleanup();
  };
}

export default { render };
