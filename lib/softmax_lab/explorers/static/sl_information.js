/* sl_information.js: explorer 5, surprisal, entropy, cross-entropy and KL (kernel-free form).
 * Mirrors softmax_lab.explorers.information.information_readout; math from SoftmaxLab.math. */
(function (root) {
  "use strict";
  var SL = (root.SoftmaxLab = root.SoftmaxLab || {});
  SL.explorers = SL.explorers || {};
  if (SL.explorers.information) return;

  function normalise(w) {
    var total = SL.math.sum(w);
    return total > 0 ? w.map(function (v) { return v / total; }) : null;
  }

  function readout(pw, qw, unit) {
    var M = SL.math;
    var base = unit === "bits" ? 2 : undefined;
    var P = normalise(pw), Q = normalise(qw);
    if (!P || !Q) return { P: P, Q: Q, message: (P ? "Q" : "P") + ": move at least one weight above 0." };
    return {
      P: P, Q: Q, message: "",
      surprisalP: M.surprisal(P, base), surprisalQ: M.surprisal(Q, base),
      entropy: M.entropy(P, base), crossEntropy: M.crossEntropy(P, Q, base),
      kl: M.klDivergence(P, Q, base),
      codeLengths: P.map(function (v) { return v > 0 ? Math.ceil(-Math.log2(v)) : null; }),
    };
  }

  SL.explorers.information = function mount(rootEl, config) {
    var ui = SL.ui, el = ui.el, svg = ui.svg;
    var id = rootEl.id;
    var state = { p: config.p.slice(), q: config.q.slice(), unit: config.unit };
    var outcomeOptions = [];
    for (var k = config.minOutcomes; k <= config.maxOutcomes; k++) outcomeOptions.push([k, String(k)]);
    var outcomes = ui.select(id + "-outcomes", "Number of outcomes", outcomeOptions, state.p.length, "outcomes");
    var unit = ui.select(id + "-unit", "Unit", [["nats", "nats (log base e)"], ["bits", "bits (log base 2)"]],
      state.unit, "unit");
    var sliderBox = el("div");
    var figure = el("div", { "class": "sl-figure" });
    var summary = el("div", { "class": "sl-readout" });
    var warning = el("p", { "class": "sl-warning", role: "status", "aria-live": "polite" });
    var tableBox = el("div");
    var nums = {}, codes = [], pBars = [], qBars = [], unitLabels = [];
    function num(name, digits) { nums[name] = ui.number(name, digits); return nums[name]; }
    function unitLabel() { var s = el("span", { text: " " + state.unit }); unitLabels.push(s); return s; }

    ["entropy", "cross_entropy", "kl"].forEach(function (name, i) {
      var label = ["H[P] =", "H(P, Q) =", "D_KL(P‖Q) ="][i];
      summary.appendChild(el("div", {}, [el("span", { "class": "sl-label", text: label }), num(name), unitLabel()]));
    });
    var check = el("div", { "class": "sl-help" });
    summary.appendChild(check);

    rootEl.textContent = "";
    rootEl.appendChild(el("p", { "class": "sl-title", text: "Information theory: P and Q" }));
    rootEl.appendChild(el("p", {
      "class": "sl-help",
      text: "Each slider sets a weight; the weights are normalised into the distributions P " +
        "(outcomes happen) and Q (what the code, or the model, expects).",
    }));
    rootEl.appendChild(el("div", { "class": "sl-controls" }, [outcomes.wrap, unit.wrap]));
    rootEl.appendChild(sliderBox);
    rootEl.appendChild(figure);
    rootEl.appendChild(summary);
    rootEl.appendChild(warning);
    rootEl.appendChild(tableBox);

    // Bar chart geometry (SVG units): a legend row, then bars of height CHART_H for probability 1.
    var LEFT = 22, CHART_H = 110, BASE = 22 + CHART_H;

    function build() {
      var n = state.p.length;
      sliderBox.textContent = "";
      ["p", "q"].forEach(function (which) {
        var name = which.toUpperCase();
        var group = el("div", { "class": "sl-controls", role: "group", "aria-label": "Weights of " + name });
        state[which].forEach(function (v, j) {
          var r = ui.range(id + "-" + which + j, name + " weight, outcome " + (j + 1), {
            min: 0, max: 1, step: config.step, value: v, name: which + j,
          });
          r.input.addEventListener("input", function () { state[which][j] = Number(r.input.value); update(); });
          group.appendChild(r.wrap);
        });
        sliderBox.appendChild(group);
      });
      var COL = Math.max(34, Math.min(64, Math.floor(400 / n))), BAR = Math.floor((COL - 8) / 2);
      var width = Math.max(LEFT + COL * n + 10, 200), height = BASE + 22;
      var chart = svg("svg", {
        viewBox: "0 0 " + width + " " + height, width: width, height: height, role: "img",
        "aria-label": "Bars of P (blue) and Q (orange) per outcome",
      });
      // Legend and a probability scale, so the bars read without the caption.
      chart.appendChild(svg("rect", { x: LEFT, y: 2, width: 10, height: 10, "class": "sl-bar-p" }));
      chart.appendChild(svg("text", { x: LEFT + 14, y: 11, text: "P" }));
      chart.appendChild(svg("rect", { x: LEFT + 34, y: 2, width: 10, height: 10, "class": "sl-bar-q" }));
      chart.appendChild(svg("text", { x: LEFT + 48, y: 11, text: "Q" }));
      chart.appendChild(svg("text", { x: LEFT - 6, y: BASE - CHART_H + 4, "text-anchor": "end", text: "1" }));
      chart.appendChild(svg("text", { x: LEFT - 6, y: BASE + 4, "text-anchor": "end", text: "0" }));
      chart.appendChild(svg("line", { x1: LEFT - 3, x2: width - 4, y1: BASE - CHART_H, y2: BASE - CHART_H,
        "class": "sl-axis", "stroke-dasharray": "2 3", opacity: 0.6 }));
      pBars = []; qBars = [];
      for (var j = 0; j < n; j++) {
        var x = LEFT + 4 + j * COL;
        var pb = svg("rect", { x: x, width: BAR, "class": "sl-bar-p" });
        var qb = svg("rect", { x: x + BAR + 1, width: BAR, "class": "sl-bar-q" });
        chart.appendChild(pb); chart.appendChild(qb);
        chart.appendChild(svg("text", { x: x + BAR, y: BASE + 16, "text-anchor": "middle", text: String(j + 1) }));
        pBars.push(pb); qBars.push(qb);
      }
      chart.appendChild(svg("line", { x1: LEFT - 3, x2: width - 4, y1: BASE, y2: BASE, "class": "sl-axis" }));
      figure.textContent = "";
      figure.appendChild(chart);
      codes = [];
      var rows = state.p.map(function (v, j) {
        var code = el("span", { "data-name": "code" + j });
        codes.push(code);
        return [String(j + 1), num("P" + j), num("Q" + j), num("sP" + j), num("sQ" + j), code];
      });
      tableBox.textContent = "";
      tableBox.appendChild(ui.table(
        "Per outcome: probabilities, surprisal (the ideal code length) under P and under Q, and the whole-bit Shannon code length.",
        ["outcome", "P", "Q", "−log P", "−log Q", "⌈−log₂ P⌉ bits"], rows));
    }

    function update() {
      var r = readout(state.p, state.q, state.unit);
      var H = CHART_H;
      unitLabels.forEach(function (s) { s.textContent = " " + state.unit; });
      if (warning.textContent !== r.message) warning.textContent = r.message;
      for (var j = 0; j < state.p.length; j++) {
        var pj = r.P ? r.P[j] : 0, qj = r.Q ? r.Q[j] : 0;
        pBars[j].setAttribute("y", BASE - pj * H); pBars[j].setAttribute("height", pj * H);
        qBars[j].setAttribute("y", BASE - qj * H); qBars[j].setAttribute("height", qj * H);
        if (r.message) continue;
        ui.setNumber(nums["P" + j], r.P[j]);
        ui.setNumber(nums["Q" + j], r.Q[j]);
        ui.setNumber(nums["sP" + j], r.surprisalP[j]);
        ui.setNumber(nums["sQ" + j], r.surprisalQ[j]);
        codes[j].textContent = r.codeLengths[j] === null ? "—" : String(r.codeLengths[j]);
        codes[j].setAttribute("data-value", r.codeLengths[j] === null ? "null" : r.codeLengths[j]);
      }
      if (!r.message) {
        ui.setNumber(nums.entropy, r.entropy);
        ui.setNumber(nums.cross_entropy, r.crossEntropy);
        ui.setNumber(nums.kl, r.kl);
        check.textContent = "H[P] + D_KL = " + ui.fmt(r.entropy + r.kl) + " = H(P, Q)";
      }
      return r;
    }

    outcomes.input.addEventListener("change", function () {
      var n = Number(outcomes.input.value);
      ["p", "q"].forEach(function (which) {
        var old = state[which];
        state[which] = [];
        for (var j = 0; j < n; j++) state[which].push(j < old.length ? old[j] : 0);
      });
      build();
      update();
    });
    unit.input.addEventListener("change", function () { state.unit = unit.input.value; update(); });
    build();
    update();
    var api = { state: state, update: update };
    rootEl.slExplorer = api;
    return api;
  };
})(typeof window !== "undefined" ? window : globalThis);
