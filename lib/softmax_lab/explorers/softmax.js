/* softmax.js: the flagship explorer (§3.4.4 and §3.4.6): logits -> probabilities -> loss -> gradient.
 *
 * readout(state) mirrors softmax_lab.explorers.softmax.softmax_readout, which stays the source of
 * truth (golden vectors compare them); render() draws either host's readout and never computes.
 */

import { barChart, columnLayout } from "./js/bars.js";
import { challengesPanel } from "./js/challenges.js";
import { choiceControl, footer, numberControl, presetButtons, selectControl, toggleControl } from "./js/controls.js";
import { h } from "./js/dom.js";
import { setup } from "./js/explorer.js";
import { classNumber, formatNumber, showNumber } from "./js/format.js";
import { gauge } from "./js/gauge.js";
import { highlighter } from "./js/highlight.js";
import {
  argmax, crossEntropyLoss, crossEntropyLossGrad, entropy, logSoftmax, max, naiveSoftmax, oneHot, softmax, sum,
} from "./js/math.js";
import { entryNamed } from "./js/state.js";
import { dataTable } from "./js/table.js";

const LOSS_SCALE = 5; // nats on the loss bar
const ARROW_GAIN = 5; // logit units of arrow per unit of -dl/do
const WINDOW = 10; // the logit chart spans shift ± 10

/* A soft label given for another number of classes: zeros pad a shorter one; a longer one keeps
 * its first q entries, renormalised. The label itself is never changed, so q -> 10 -> 3 restores it. */
export function fitLabel(label, q) {
  if (label.length <= q) return [...label, ...new Array(q - label.length).fill(0)];
  const head = label.slice(0, q);
  const total = sum(head);
  return total > 0 ? head.map((v) => v / total) : new Array(q).fill(1 / q);
}

/* y: the soft label, or the one-hot row of the target smoothed towards uniform by epsilon. */
export function targetDistribution(state) {
  const q = state.logits.length;
  if (state.use_soft) return fitLabel(state.soft_label, q);
  const eps = state.smoothing;
  return oneHot(state.target, q).map((v) => (1 - eps) * v + eps / q);
}

function notes(state, z, p) {
  const top = max(z);
  const out = [];
  if (!p.every(Number.isFinite)) {
    const key = Math.exp(top) === Infinity ? "softmax.warn_overflow"
      : Math.exp(top) === 0 ? "softmax.warn_underflow" : "softmax.warn_nonfinite";
    out.push({ key, values: { top } });
  } else if (state.implementation === "stable" && Math.exp(top) === Infinity) {
    out.push({ key: "softmax.note_stable_exact", values: { top } });
  }
  return out;
}

/* Every number the explorer shows (the site's "stable" and "naive" implementations; learner
 * hooks exist only in a kernel). */
export function readout(state) {
  const T = state.temperature;
  const o = state.logits.map((v) => v + state.shift);
  const z = o.map((v) => v / T);
  const y = targetDistribution(state);
  const hard = !state.use_soft && state.smoothing === 0;
  let p, terms, loss, grad, h;
  if (state.implementation === "stable") {
    const logp = logSoftmax(z);
    p = softmax(o, T);
    terms = y.map((yj, j) => (yj > 0 ? -yj * logp[j] : 0));
    loss = crossEntropyLoss(z, hard ? state.target : y);
    grad = crossEntropyLossGrad(z, hard ? state.target : y).map((g) => g / T);
    h = entropy(p);
  } else {
    p = naiveSoftmax(z);
    terms = y.map((yj, j) => (yj > 0 ? -yj * Math.log(p[j]) : 0));
    loss = sum(terms);
    grad = p.map((pj, j) => (pj - y[j]) / T);
    h = p.every(Number.isFinite) ? entropy(p) : NaN;
  }
  return {
    o, y, p, terms, loss, grad, entropy: h, total: sum(p), predicted: argmax(o),
    messages: notes(state, z, p), error: null,
  };
}

/* Whether a state (e.g. from a link) fits together. */
export function check(state, config) {
  return state.target < state.logits.length &&
    (!state.use_soft || state.soft_label.length > 0) &&
    (state.implementation !== "yours" || (config.hooks || []).includes("softmax_fn"));
}

const CHALLENGES = [
  { id: "class3", goal: "softmax.challenge_class3", check: (s, r) => r.predicted === 2 && r.p[2] > 0.9 },
  { id: "half", goal: "softmax.challenge_half", check: (s, r) => Math.abs(max(r.p) - 0.5) < 5e-4 },
  {
    id: "zero_gradient", goal: "softmax.challenge_zero_gradient", when: (s) => s.soft_label.length > 0,
    check: (s, r) => s.use_soft && r.grad.every((g) => Math.abs(g) < 0.02),
  },
  { id: "overflow", goal: "softmax.challenge_overflow", check: (s, r) => !r.p.every(Number.isFinite) },
];

function render({ model, el }) {
  const ex = setup({ model, el });
  const { t } = ex;
  const palette = ex.config.palette;
  const color = (j) => palette[j % palette.length];
  const hl = highlighter(ex.root);
  const logitEntry = entryNamed(ex.table, "logits");
  const classLabel = (j) => t("common.class_n", { n: classNumber(j) });

  const logitChart = barChart({
    height: 240,
    pad: 22,
    handle: (j) => ({
      label: t("softmax.logit_handle", { n: classNumber(j) }),
      min: logitEntry.min,
      max: logitEntry.max,
      step: logitEntry.step,
      get: () => ex.state().logits[j],
      set: (v) => {
        const logits = ex.state().logits.slice();
        logits[j] = v;
        ex.set({ logits });
      },
      text: () => {
        const s = ex.state();
        const r = ex.readout();
        const p = r && r.p.length === s.logits.length ? r.p[j] : NaN;
        return t("softmax.logit_text", { value: s.logits[j], p });
      },
    }),
    onColumn: (j, c) => {
      hl.add(j, c.g);
      hl.add(j, c.handle);
    },
  });
  const probChart = barChart({ height: 150, pad: 8, labelSpace: 20, onColumn: (j, c) => hl.add(j, c.g) });
  const lossBar = gauge({ max: LOSS_SCALE, ticks: [0, 1, 2, 3, 4, 5] });
  const figure = h("div", { class: "sl-figure" }, [
    h("p", { class: "sl-chart-title", text: t("softmax.chart_logits") }),
    logitChart.el,
    h("p", { class: "sl-chart-title", text: t("softmax.chart_probabilities") }),
    probChart.el,
  ]);
  const scrollHint = h("p", { class: "sl-help", text: t("common.scroll_hint"), hidden: true });
  const lossBox = h("div", { class: "sl-loss" }, [h("p", { class: "sl-chart-title", text: t("softmax.chart_loss") }), lossBar.el]);

  const nums = {};
  const stat = (key, label) =>
    h("div", {}, [h("span", { class: "sl-label", text: t(label) }), (nums[key] = h("span", { class: "sl-num", "data-name": key }))]);
  const predicted = h("span", { "data-name": "predicted" });
  const readoutBox = h("div", { class: "sl-readout" }, [
    stat("loss", "softmax.loss"),
    stat("entropy", "softmax.entropy"),
    stat("total", "softmax.total"),
    h("div", {}, [h("span", { class: "sl-label", text: t("softmax.predicted") }), predicted]),
  ]);
  const messages = h("div", { class: "sl-messages", role: "status", "aria-live": "polite" });

  const classes = selectControl(ex, {
    name: "classes",
    label: "softmax.classes",
    options: () => Array.from({ length: logitEntry.length[1] - logitEntry.length[0] + 1 }, (_, k) => {
      const n = logitEntry.length[0] + k;
      return [n, String(n)];
    }),
    value: (s) => s.logits.length,
    choose: (v) => {
      const s = ex.state();
      const n = Number(v);
      ex.set({ logits: Array.from({ length: n }, (_, j) => s.logits[j] ?? 0), target: Math.min(s.target, n - 1) });
    },
  });
  const target = selectControl(ex, {
    name: "target",
    label: "softmax.target",
    options: (s) => [
      ...s.logits.map((_, j) => [j, classLabel(j)]),
      ...(s.soft_label.length ? [["soft", t("softmax.target_soft", { label: s.soft_label.map((v) => formatNumber(v)).join(", ") })]] : []),
    ],
    value: (s) => (s.use_soft ? "soft" : s.target),
    choose: (v) => ex.set(v === "soft" ? { use_soft: true } : { use_soft: false, target: Number(v) }),
  });
  const implementation = choiceControl(ex, "implementation", (c) => c !== "yours" || ex.hooks.includes("softmax_fn"));
  const temperature = numberControl(ex, "temperature");
  const shift = numberControl(ex, "shift");
  const smoothing = numberControl(ex, "smoothing");
  const precise = toggleControl(ex, "precise");
  const controls = [classes, target, implementation, temperature, shift, smoothing, precise];

  const table = dataTable({
    caption: t("softmax.table_caption"),
    columns: [
      { key: "class", label: t("softmax.col_class") },
      { key: "o", label: t("softmax.col_logit") },
      { key: "p", label: t("softmax.col_probability") },
      { key: "y", label: t("softmax.col_target") },
      { key: "grad", label: t("softmax.col_gradient") },
    ],
    onRow: (j, tr) => hl.add(j, tr),
  });
  const challenges = challengesPanel(ex, CHALLENGES);

  const parts = [
    h("p", { class: "sl-title", text: t("softmax.title") }),
    h("p", { class: "sl-help", text: t("softmax.help") }),
    ex.hooks.length ? h("p", { class: "sl-help", text: t("softmax.hooks_help") }) : null,
    figure,
    scrollHint,
    lossBox,
    readoutBox,
    messages,
    h("div", { class: "sl-controls" }, controls.map((c) => c.el)),
    presetButtons(ex),
    table.el,
    challenges.el,
    footer(ex),
  ];
  ex.root.append(...parts.filter(Boolean));

  function drawMessages(r) {
    const list = [...(r.error ? [r.error] : []), ...r.messages];
    const key = JSON.stringify(list);
    if (messages.dataset.shown === key) return;
    messages.dataset.shown = key;
    messages.replaceChildren(
      ...list.map((m) => h("p", { class: m === r.error ? "sl-error" : m.key.includes(".warn_") ? "sl-warning" : "sl-note", "data-message": m.key, text: t(m.key, m.values) })),
    );
  }

  let shownState = "";
  ex.onDraw((s, fromModel) => {
    const q = s.logits.length;
    // In a kernel the readout arrives a moment after the state; until then it may be for other q.
    const r = fromModel && fromModel.o.length === q ? fromModel : null;
    hl.keep(q);
    const layout = columnLayout(q, figure.clientWidth || 600);
    scrollHint.hidden = layout.width <= (figure.clientWidth || 600);
    logitChart.update({
      layout,
      domain: [s.shift - WINDOW, s.shift + WINDOW],
      ticks: [-10, -5, 0, 5, 10].map((v) => v + s.shift),
      bars: s.logits.map((l, j) => ({
        value: l + s.shift,
        color: color(j),
        arrow: r && Number.isFinite(r.grad[j]) ? -r.grad[j] * ARROW_GAIN : 0,
      })),
    });
    probChart.update({
      layout,
      domain: [0, 1],
      ticks: [0, 0.5, 1],
      labels: s.logits.map((_, j) => String(classNumber(j))),
      bars: s.logits.map((_, j) => ({ value: r ? r.p[j] : 0, outline: r ? r.y[j] : undefined, color: color(j) })),
    });
    const key = JSON.stringify(s);
    if (key !== shownState) {
      for (const c of controls) c.update(s);
      smoothing.setDisabled(s.use_soft);
      table.rowCount(q, (j) => String(classNumber(j)));
      shownState = key;
    }
    if (!r) return;
    lossBar.update({ width: Math.max(200, Math.min(figure.clientWidth || 600, 520)), segments: r.terms.map((v, j) => ({ value: v, color: color(j) })), total: r.loss });
    for (const key of ["loss", "entropy", "total"]) showNumber(nums[key], r[key], s.precise);
    predicted.textContent = classLabel(r.predicted);
    predicted.setAttribute("data-value", r.predicted);
    drawMessages(r);
    table.update((j, key) => ({ o: r.o, p: r.p, y: r.y, grad: r.grad })[key][j], s.precise);
    challenges.update(s, r);
  });

  let width = 0;
  const resized = new ResizeObserver(() => {
    if (figure.clientWidth !== width) {
      width = figure.clientWidth;
      ex.draw();
    }
  });
  resized.observe(figure);
  ex.draw();
  return () => {
    resized.disconnect();
    ex.cleanup();
  };
}

export default { render };
