/* scrubber.js: scrub through a recorded training run (§3.4.8), epoch by epoch.
 *
 * readout(state, run) mirrors softmax_lab.explorers.scrubber.scrubber_readout (golden vectors
 * compare them); the run is the explorer's read-only data, recorded by softmax_lab. The curves are
 * drawn up to the chosen epoch on axes fixed for the whole run; the confusion matrix and the
 * reliability diagram show that epoch.
 */

import { challengesPanel } from "./js/challenges.js";
import { footer, uniqueId } from "./js/controls.js";
import { h, setAttr, svg } from "./js/dom.js";
import { setup } from "./js/explorer.js";
import { formatNumber, showNumber } from "./js/format.js";
import { dragHandle } from "./js/handles.js";
import { lineChart } from "./js/linechart.js";
import { sum } from "./js/math.js";
import { matrixChart } from "./js/matrix.js";
import { reliabilityChart } from "./js/reliability.js";
import { niceTicks, roundedTicks } from "./js/scale.js";

const SERIES = ["train_loss", "test_loss", "train_acc", "test_acc"];
const PLAY_MS = 400;

const orNaN = (v) => (v === null || v === undefined ? NaN : v);

export function readout(state, run) {
  const i = run.epochs.indexOf(state.epoch);
  const m = run.confusion[i];
  const rows = m.map((row) => sum(row));
  const curves = {};
  const at = {};
  for (const name of SERIES) {
    curves[name] = run.epochs.slice(0, i + 1).map((e, k) => [e, run[name][k]]);
    at[name] = run[name][i];
  }
  const settings = run.settings || {};
  return {
    epoch: state.epoch, index: i, epochs: run.epochs.slice(), ...at, ece: run.ece[i], curves,
    loss_max: Math.max(Math.max(...run.train_loss), Math.max(...run.test_loss)),
    ece_max: Math.max(...run.ece),
    test_acc_best: Math.max(...run.test_acc),
    class_names: run.class_names.slice(),
    confusion: m.map((row) => row.slice()),
    confusion_share: m.map((row, a) => row.map((c) => c / Math.max(rows[a], 1))),
    correct: m.reduce((s, row, a) => s + row[a], 0),
    total: sum(rows),
    bin_edges: run.bin_edges.slice(),
    bin_count: run.bin_count[i].slice(),
    bin_confidence: run.bin_confidence[i].map(orNaN),
    bin_accuracy: run.bin_accuracy[i].map(orNaN),
    about: {
      dataset: run.dataset, lr: orNaN(settings.lr), batch_size: orNaN(settings.batch_size),
      n_train: orNaN(settings.n_train), n_test: orNaN(settings.n_test),
    },
  };
}

export function check(state, config) {
  return !!config.data && config.data.epochs.includes(state.epoch);
}

const CHALLENGES = [
  {
    id: "near_best", goal: "scrubber.challenge_near_best",
    check: (s, r) => {
      const bar = r.test_acc_best - 0.01;
      return r.test_acc >= bar && r.curves.test_acc.slice(0, -1).every(([, v]) => v < bar);
    },
  },
  {
    id: "loss_up", goal: "scrubber.challenge_loss_up",
    check: (s, r) => r.index > 0 && r.test_loss > r.curves.test_loss[r.index - 1][1],
  },
  { id: "worst_ece", goal: "scrubber.challenge_worst_ece", check: (s, r) => r.ece === r.ece_max },
];

const DATASETS = { digits: "scrubber.dataset_digits", "fashion-mnist": "scrubber.dataset_fashion" };

function render({ model, el }) {
  const ex = setup({ model, el });
  const { t } = ex;
  const [trainColor, testColor] = ex.config.palette;

  /* ---- choosing the epoch: slider (by position), typed epoch, Play, the marker on the curves */
  const sliderId = uniqueId("sl-epoch");
  const slider = h("input", { type: "range", id: sliderId, min: 0, step: 1, "data-control": "epoch" });
  const field = h("input", {
    type: "number", step: 1, inputmode: "numeric", "data-control": "epoch-value",
    "aria-label": t("scrubber.epoch_typed"),
  });
  const playButton = h("button", { type: "button", "data-control": "play", "aria-pressed": "false", text: t("scrubber.play") });
  const position = h("span", { class: "sl-status", "data-name": "position" });
  let epochs = [];
  const choose = (index) => {
    const k = Math.max(0, Math.min(epochs.length - 1, index));
    if (epochs.length) ex.set({ epoch: epochs[k] });
  };
  const indexNow = () => epochs.indexOf(ex.state().epoch);
  slider.addEventListener("input", () => {
    setPlaying(false);
    choose(Number(slider.value));
  });
  const commit = () => {
    const v = Number(field.value);
    const ok = epochs.includes(v);
    field.toggleAttribute("aria-invalid", !ok);
    if (ok) {
      setPlaying(false);
      ex.set({ epoch: v });
    }
  };
  field.addEventListener("change", commit);
  field.addEventListener("keydown", (ev) => ev.key === "Enter" && commit());

  let timer = null;
  function setPlaying(on) {
    if (timer !== null) clearInterval(timer);
    timer = null;
    playButton.textContent = t(on ? "scrubber.pause" : "scrubber.play");
    playButton.setAttribute("aria-pressed", String(on));
    if (!on) return;
    if (indexNow() >= epochs.length - 1) choose(0); // replay from the start
    timer = setInterval(() => {
      const k = indexNow();
      if (!ex.root.isConnected || k >= epochs.length - 1) setPlaying(false);
      else choose(k + 1);
    }, PLAY_MS);
  }
  playButton.addEventListener("click", () => setPlaying(timer === null));

  /* ---- numbers */
  const nums = {};
  const stat = (key, label) =>
    h("div", {}, [h("span", { class: "sl-label", text: t(label) }), (nums[key] = h("span", { class: "sl-num", "data-name": key }))]);
  const stats = h("div", { class: "sl-readout" }, [
    stat("epoch", "scrubber.epoch"), stat("train_loss", "scrubber.train_loss"), stat("test_loss", "scrubber.test_loss"),
    stat("train_acc", "scrubber.train_acc"), stat("test_acc", "scrubber.test_acc"), stat("ece", "scrubber.ece"),
  ]);

  /* ---- charts */
  const lossChart = lineChart({ height: 200, xLabel: t("scrubber.axis_epoch"), yLabel: t("scrubber.chart_loss") });
  const accChart = lineChart({ height: 200, xLabel: t("scrubber.axis_epoch"), yLabel: t("scrubber.chart_accuracy") });
  const dots = [lossChart, accChart].map((chart) => {
    const g = svg("g", { class: "sl-sc-dots" });
    chart.el.querySelector("svg").append(g);
    return g;
  });
  const marker = h("div", {
    class: "sl-handle sl-sc-marker", role: "slider", tabindex: 0, "aria-orientation": "horizontal",
    "aria-label": t("scrubber.marker_handle"), "data-control": "marker",
  });
  // The knob stands on the accuracy chart's x axis: there the curves are high after the first
  // epochs and the knob hides none of them.
  const lossBox = h("div", { class: "sl-sc-chart" }, [lossChart.el]);
  const accBox = h("div", { class: "sl-sc-chart" }, [accChart.el, h("div", { class: "sl-handle-layer" }, [marker])]);
  let pxPerIndex = 10;
  dragHandle(marker, {
    begin: () => {
      setPlaying(false);
      return indexNow();
    },
    move: (dx, dy, start) => choose(start + Math.round(dx / pxPerIndex)),
  });
  marker.addEventListener("keydown", (ev) => {
    const k = indexNow();
    const next = { ArrowRight: k + 1, ArrowUp: k + 1, ArrowLeft: k - 1, ArrowDown: k - 1, PageUp: k + 5, PageDown: k - 5, Home: 0, End: epochs.length - 1 }[ev.key];
    if (next === undefined) return;
    ev.preventDefault();
    setPlaying(false);
    choose(next);
  });

  const matrix = matrixChart({ rowTitle: t("scrubber.confusion_rows"), columnTitle: t("scrubber.confusion_columns"), good: trainColor, bad: testColor });
  const reliability = reliabilityChart({ xTitle: t("scrubber.axis_confidence"), yTitle: t("scrubber.axis_accuracy"), barColor: trainColor, gapColor: testColor });
  const about = h("p", { class: "sl-help", "data-name": "about" });
  const challenges = challengesPanel(ex, CHALLENGES);

  const charts = h("div", { class: "sl-sc-charts" }, [
    h("figure", { class: "sl-sc-figure" }, [lossBox]),
    h("figure", { class: "sl-sc-figure" }, [accBox]),
    h("figure", { class: "sl-sc-figure" }, [matrix.el, h("figcaption", { class: "sl-caption", text: t("scrubber.confusion_caption") })]),
    h("figure", { class: "sl-sc-figure" }, [reliability.el, h("figcaption", { class: "sl-caption", text: t("scrubber.reliability_caption") })]),
  ]);
  ex.root.append(
    h("p", { class: "sl-title", text: t("scrubber.title") }),
    h("p", { class: "sl-help", text: t("scrubber.help") }),
    h("div", { class: "sl-sc-controls" }, [
      playButton,
      h("label", { for: sliderId, text: t("scrubber.epoch") }),
      slider, field, position,
    ]),
    stats,
    charts,
    about,
    challenges.el,
    footer(ex),
  );

  function drawChart(chart, g, r, names, y, yTicks, width) {
    const x = [r.epochs[0], r.epochs[r.epochs.length - 1]];
    const styles = { train_loss: [trainColor, false], test_loss: [testColor, true], train_acc: [trainColor, false], test_acc: [testColor, true] };
    const scales = chart.update({
      width, x, y, yTicks, marker: r.epoch, xTicks: niceTicks(x[0], x[1], width < 300 ? 4 : 6),
      series: names.map((name) => ({
        points: r.curves[name], color: styles[name][0], dashed: styles[name][1],
        label: t(name.startsWith("train") ? "scrubber.train" : "scrubber.test"),
      })),
    });
    g.replaceChildren(...names.map((name) => svg("circle", {
      class: "sl-sc-dot", r: 4, cx: scales.sx(r.epoch), cy: scales.sy(r[name]), style: `fill:${styles[name][0]}`,
    })));
    return scales;
  }

  let shownRun = "";
  ex.onDraw((s, r) => {
    if (!r || r.epoch !== s.epoch) return; // a kernel's readout is on its way
    if (shownRun !== r.epochs.join(",")) {
      epochs = r.epochs;
      shownRun = epochs.join(",");
      slider.max = String(epochs.length - 1);
      field.min = String(epochs[0]);
      field.max = String(epochs[epochs.length - 1]);
      setAttr(marker, "aria-valuemin", epochs[0]);
      setAttr(marker, "aria-valuemax", epochs[epochs.length - 1]);
      const a = r.about;
      about.replaceChildren(
        h("span", { class: "sl-label", text: DATASETS[a.dataset] ? t(DATASETS[a.dataset]) : a.dataset }),
        " ",
        t("scrubber.about", { lr: a.lr, batch: a.batch_size, train: a.n_train, test: a.n_test }),
      );
    }
    slider.value = String(r.index);
    setAttr(slider, "aria-valuetext", t("scrubber.position", { epoch: r.epoch, last: epochs[epochs.length - 1] }));
    if (document.activeElement !== field) {
      field.value = String(r.epoch);
      field.removeAttribute("aria-invalid");
    }
    position.textContent = t("scrubber.position", { epoch: r.epoch, last: epochs[epochs.length - 1] });
    for (const key of ["train_loss", "test_loss", "train_acc", "test_acc", "ece"]) showNumber(nums[key], r[key]);
    showNumber(nums.epoch, r.epoch);

    const width = Math.max(220, Math.min(460, lossBox.clientWidth || 320));
    const yTicks = roundedTicks(r.loss_max);
    const top = yTicks[yTicks.length - 1];
    drawChart(lossChart, dots[0], r, ["train_loss", "test_loss"], [0, top], yTicks, width);
    const scales = drawChart(accChart, dots[1], r, ["train_acc", "test_acc"], [0, 1], [0, 0.5, 1], width);
    pxPerIndex = epochs.length > 1 ? (scales.sx(epochs[epochs.length - 1]) - scales.sx(epochs[0])) / (epochs.length - 1) : 10;
    // Above the tick labels, which stay readable under the knob.
    marker.style.transform = `translate(${(scales.sx(r.epoch) - 22).toFixed(1)}px, ${(scales.sy(0) - 34).toFixed(1)}px)`;
    setAttr(marker, "aria-valuenow", r.epoch);
    setAttr(marker, "aria-valuetext", t("scrubber.marker_text", { epoch: r.epoch, loss: r.test_loss, acc: r.test_acc }));

    matrix.update({
      labels: r.class_names, counts: r.confusion, share: r.confusion_share,
      label: t("scrubber.confusion_label", { epoch: r.epoch, correct: r.correct, total: r.total }),
    });
    reliability.update({
      edges: r.bin_edges, accuracy: r.bin_accuracy, confidence: r.bin_confidence,
      label: t("scrubber.reliability_label", { epoch: r.epoch, ece: formatNumber(r.ece) }),
    });
    challenges.update(s, r);
  });

  let width = 0;
  const resized = new ResizeObserver(() => {
    if (charts.clientWidth !== width) {
      width = charts.clientWidth;
      ex.draw();
    }
  });
  resized.observe(charts);
  ex.draw();
  return () => {
    setPlaying(false);
    resized.disconnect();
    ex.cleanup();
  };
}

export default { render };
