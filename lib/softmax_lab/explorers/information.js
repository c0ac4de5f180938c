/* information.js: the information explorer (§3.4.7): surprisal, entropy, cross-entropy and KL
 * divergence of two distributions P and Q that the reader drags.
 *
 * readout(state) mirrors softmax_lab.explorers.information.information_readout, which stays the
 * source of truth (golden vectors compare them); render() draws either host's readout.
 */

import { barChart, columnLayout } from "./js/bars.js";
import { challengesPanel } from "./js/challenges.js";
import { choiceControl, footer, presetButtons, selectControl, toggleControl, uniqueId } from "./js/controls.js";
import { fitDistribution, moveProbability, normalised, uniform } from "./js/distribution.js";
import { h } from "./js/dom.js";
import { setup } from "./js/explorer.js";
import { classNumber, showNumber } from "./js/format.js";
import { gauge } from "./js/gauge.js";
import { highlighter } from "./js/highlight.js";
import { argmax, crossEntropy, entropy, klDivergence, surprisal } from "./js/math.js";
import { plainText, richText } from "./js/mathtext.js";
import { niceTicks } from "./js/scale.js";
import { entryNamed } from "./js/state.js";
import { dataTable } from "./js/table.js";

const BASES = { nats: undefined, bits: 2 }; // undefined: the natural log, as softmax_lab's default
const UNIT_WORDS = { nats: "information.nats", bits: "information.bits" };
const HANDLE_TEXTS = { nats: "information.handle_text_nats", bits: "information.handle_text_bits" };
const STEP = 0.01; // a handle's arrow-key step
const NEARLY_ZERO = 0.01; // the "Q nearly 0 where P is large" preset

/* Formulas the messages place with {name}; notation is the same in every language. */
const FORMULAS = {
  P: "P",
  Q: "Q",
  p_j: "P(j)",
  q_j: "Q(j)",
  s_p: "-\\log P(j)",
  s_q: "-\\log Q(j)",
  h_p: "H[P]",
  h_pq: "H(P, Q)",
  two_h_p: "2 \\cdot H[P]",
  kl_pq: "D_{\\mathrm{KL}}(P \\| Q)",
  kl_qp: "D_{\\mathrm{KL}}(Q \\| P)",
};

const outcomeList = (js) => js.map((j) => String(classNumber(j))).join(", ");

/* Warnings for outcomes one distribution rules out and the other does not. */
function notes(p, q) {
  const out = [];
  const missed = p.flatMap((pj, j) => (pj > 0 && q[j] === 0 ? [j] : []));
  const reverse = q.flatMap((qj, j) => (qj > 0 && p[j] === 0 ? [j] : []));
  if (missed.length) out.push({ key: "information.warn_q_rules_out", values: { outcomes: outcomeList(missed) } });
  if (reverse.length) out.push({ key: "information.note_reverse_infinite", values: { outcomes: outcomeList(reverse) } });
  return out;
}

/* Every number the explorer shows, in the chosen unit. */
export function readout(state) {
  const base = BASES[state.unit];
  const p = normalised(state.p);
  const q = normalised(state.q);
  const sp = surprisal(p, base);
  const sq = surprisal(q, base);
  return {
    p, q, surprisal_p: sp, surprisal_q: sq,
    cost_p: p.map((pj, j) => (pj > 0 ? pj * sp[j] : 0)),
    cost_q: p.map((pj, j) => (pj > 0 ? pj * sq[j] : 0)),
    entropy: entropy(p, base),
    cross_entropy: crossEntropy(p, q, base),
    kl: klDivergence(p, q, base),
    kl_reverse: klDivergence(q, p, base),
    messages: notes(p, q),
  };
}

/* Whether a state (e.g. from a link) fits together. */
export function check(state) {
  return state.p.length === state.q.length;
}

const CHALLENGES = [
  { id: "kl_zero", goal: "information.challenge_kl_zero", check: (s, r) => r.kl < 1e-3 },
  { id: "cross_twice", goal: "information.challenge_cross_twice", check: (s, r) => r.entropy > 0 && r.cross_entropy > 2 * r.entropy },
  { id: "asymmetric", goal: "information.challenge_asymmetric", check: (s, r) => Math.abs(r.kl - r.kl_reverse) > 0.1 },
];

const PRESETS = [
  { id: "uniform", label: "information.preset_uniform", state: (s) => ({ p: uniform(s.p.length) }) },
  "source",
  { id: "q_equals_p", label: "information.preset_q_equals_p", state: (s) => ({ q: s.p }) },
  { id: "q_misses", label: "information.preset_q_misses", state: (s) => ({ q: moveProbability(s.p, argmax(s.p), NEARLY_ZERO) }) },
];

/* Weights typed for one distribution ("1, 1, 2"), divided by their sum; a different count of
 * numbers changes the number of outcomes (the other distribution is fitted to it). */
function typedWeights(ex, name, other) {
  const entry = entryNamed(ex.table, name);
  const [lo, hi] = entry.length;
  const id = uniqueId("sl-" + name);
  const field = h("input", {
    type: "text", id, inputmode: "decimal", autocomplete: "off", spellcheck: "false",
    "data-control": name + "-value", "aria-describedby": id + "-error",
  });
  const error = h("p", { class: "sl-control-error", id: id + "-error", role: "status" });
  const shown = (dist) => dist.map((v) => String(Number(v.toPrecision(8)))).join(", ");
  function commit() {
    const words = field.value.split(/[\s,;]+/).filter((w) => w !== "");
    const w = words.map(Number);
    const ok = w.length >= lo && w.length <= hi && w.every((x) => Number.isFinite(x) && x >= 0);
    const problem = !ok ? ex.t("information.typed_invalid", { min: lo, max: hi })
      : w.every((x) => x === 0) ? ex.t("information.typed_all_zero") : "";
    field.toggleAttribute("aria-invalid", problem !== "");
    error.textContent = problem;
    if (problem) return;
    const s = ex.state();
    ex.set({ [name]: normalised(w), [other]: fitDistribution(s[other], w.length) });
  }
  field.addEventListener("change", commit);
  field.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter") commit();
  });
  field.addEventListener("blur", () => {
    if (!field.hasAttribute("aria-invalid")) field.value = shown(ex.state()[name]);
  });
  return {
    el: h("div", { class: "sl-control", "data-control-for": name }, [
      h("label", { for: id, text: ex.t(name === "p" ? "information.p_typed" : "information.q_typed") }),
      field,
      error,
    ]),
    update(state) {
      if (document.activeElement === field) return;
      field.value = shown(state[name]);
      field.removeAttribute("aria-invalid");
      error.textContent = "";
    },
  };
}

function render({ model, el }) {
  const ex = setup({ model, el });
  const { t } = ex;
  const palette = ex.config.palette;
  const color = (j) => palette[j % palette.length];
  const hl = highlighter(ex.root);
  const rich = (key, values) => richText(t(key, values), FORMULAS);
  const lengths = entryNamed(ex.table, "p").length;

  /* A chart of one distribution whose bars are handles; dragging one moves the others too. */
  function distributionChart(name, handleKey) {
    return barChart({
      height: 170,
      pad: 22,
      labelSpace: 18,
      handle: (j) => ({
        label: t(handleKey, { n: classNumber(j) }),
        min: 0,
        max: 1,
        step: STEP,
        get: () => ex.state()[name][j],
        set: (v) => ex.set({ [name]: moveProbability(ex.state()[name], j, v) }),
        text: () => {
          const s = ex.state();
          const r = ex.readout();
          const surprise = r && r.p.length === s[name].length ? r["surprisal_" + name][j] : NaN;
          return t(HANDLE_TEXTS[s.unit], { value: s[name][j], s: surprise });
        },
      }),
      onColumn: (j, c) => {
        hl.add(j, c.g);
        hl.add(j, c.handle);
      },
    });
  }
  const pChart = distributionChart("p", "information.p_handle");
  const qChart = distributionChart("q", "information.q_handle");
  const chartTitle = (key) => h("p", { class: "sl-chart-title" }, [rich(key)]);
  const figure = h("div", { class: "sl-figure" }, [
    chartTitle("information.chart_p"), pChart.el, chartTitle("information.chart_q"), qChart.el,
  ]);
  const scrollHint = h("p", { class: "sl-help", text: t("information.scroll_hint"), hidden: true });

  const nums = {};
  const units = [];
  const stat = (key, label) => {
    const unit = h("span", { class: "sl-unit" });
    units.push(unit);
    return h("div", {}, [h("span", { class: "sl-label" }, [rich(label)]), (nums[key] = h("span", { class: "sl-num", "data-name": key })), " ", unit]);
  };
  const readoutBox = h("div", { class: "sl-readout" }, [
    stat("entropy", "information.entropy"),
    stat("cross_entropy", "information.cross_entropy"),
    stat("kl", "information.kl"),
    stat("kl_reverse", "information.kl_reverse"),
  ]);

  const gauges = {};
  const gaugeBox = { p: h("div", { class: "sl-gauge-slot" }), q: h("div", { class: "sl-gauge-slot" }) };
  const codes = h("div", { class: "sl-loss" }, [
    h("p", { class: "sl-chart-title" }, [rich("information.chart_code_p")]), gaugeBox.p,
    h("p", { class: "sl-chart-title" }, [rich("information.chart_code_q")]), gaugeBox.q,
  ]);
  let gaugeScale = null;
  /* Both gauges span 0 .. 2 log n: twice the largest entropy on n outcomes. */
  function drawGauges(unit, r) {
    const n = r.p.length;
    if (gaugeScale !== unit + n) {
      const max = 2 * (unit === "bits" ? Math.log2(n) : Math.log(n));
      for (const which of ["p", "q"]) {
        gauges[which] = gauge({ max, ticks: niceTicks(0, max, 4) });
        gaugeBox[which].replaceChildren(gauges[which].el);
      }
      gaugeScale = unit + n;
    }
    const width = Math.max(200, Math.min(figure.clientWidth || 600, 520));
    const segments = (costs) => costs.map((v, j) => ({ value: v, color: color(j) }));
    gauges.p.update({ width, segments: segments(r.cost_p), total: r.entropy });
    gauges.q.update({ width, segments: segments(r.cost_q), total: r.cross_entropy });
  }

  const messages = h("div", { class: "sl-messages", role: "status", "aria-live": "polite" });
  function drawMessages(r) {
    const key = JSON.stringify(r.messages);
    if (messages.dataset.shown === key) return;
    messages.dataset.shown = key;
    messages.replaceChildren(...r.messages.map((m) =>
      h("p", { class: m.key.includes(".warn_") ? "sl-warning" : "sl-note", "data-message": m.key }, [rich(m.key, m.values)]),
    ));
  }

  const outcomes = selectControl(ex, {
    name: "outcomes",
    label: "information.outcomes",
    options: () => Array.from({ length: lengths[1] - lengths[0] + 1 }, (_, k) => [lengths[0] + k, String(lengths[0] + k)]),
    value: (s) => s.p.length,
    choose: (v) => {
      const s = ex.state();
      ex.set({ p: fitDistribution(s.p, Number(v)), q: fitDistribution(s.q, Number(v)) });
    },
  });
  const controls = [
    outcomes, choiceControl(ex, "unit"), typedWeights(ex, "p", "q"), typedWeights(ex, "q", "p"), toggleControl(ex, "precise"),
  ];

  const table = dataTable({
    caption: t("information.table_caption"),
    columns: [
      { key: "outcome", label: t("information.col_outcome") },
      { key: "p", label: rich("information.col_p") },
      { key: "q", label: rich("information.col_q") },
      { key: "sp", label: rich("information.col_surprisal_p") },
      { key: "sq", label: rich("information.col_surprisal_q") },
    ],
    onRow: (j, tr) => hl.add(j, tr),
  });
  const challenges = challengesPanel(ex, CHALLENGES.map((c) => {
    const label = () => rich(c.goal);
    return { ...c, label, spoken: () => plainText(label()) };
  }));
  const presets = PRESETS.map((p) => (typeof p === "string" ? ex.table.presets.find((x) => x.id === p) : p));

  ex.root.append(
    h("p", { class: "sl-title", text: t("information.title") }),
    h("p", { class: "sl-help", text: t("information.help") }),
    figure,
    scrollHint,
    readoutBox,
    codes,
    messages,
    h("div", { class: "sl-controls" }, controls.map((c) => c.el)),
    presetButtons(ex, presets),
    table.el,
    challenges.el,
    footer(ex),
  );

  let shownState = "";
  ex.onDraw((s, fromModel) => {
    const n = s.p.length;
    // In a kernel the readout arrives a moment after the state; until then it may be for other n.
    const r = fromModel && fromModel.p.length === n && s.q.length === n ? fromModel : null;
    hl.keep(n);
    const layout = columnLayout(n, figure.clientWidth || 600);
    scrollHint.hidden = layout.width <= (figure.clientWidth || 600);
    const labels = s.p.map((_, j) => String(classNumber(j)));
    const ticks = [0, 0.5, 1];
    pChart.update({ layout, domain: [0, 1], ticks, labels, bars: s.p.map((v, j) => ({ value: v, color: color(j) })) });
    qChart.update({
      layout, domain: [0, 1], ticks, labels,
      bars: s.q.map((v, j) => ({ value: v, outline: s.p[j], color: color(j) })),
    });
    const key = JSON.stringify(s);
    if (key !== shownState) {
      for (const c of controls) c.update(s);
      table.rowCount(n, (j) => String(classNumber(j)));
      for (const u of units) u.textContent = t(UNIT_WORDS[s.unit]);
      shownState = key;
    }
    if (!r) return;
    for (const name of ["entropy", "cross_entropy", "kl", "kl_reverse"]) showNumber(nums[name], r[name], s.precise);
    drawGauges(s.unit, r);
    drawMessages(r);
    const columns = { p: r.p, q: r.q, sp: r.surprisal_p, sq: r.surprisal_q };
    table.update((j, name) => columns[name][j], s.precise);
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
