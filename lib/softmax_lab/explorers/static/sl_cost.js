/* sl_cost.js: explorer 4, parameter cost of a dense layer versus a PHM layer (kernel-free).
 * Mirrors softmax_lab.explorers.cost.cost_readout; counts from SoftmaxLab.math. */
(function (root) {
  "use strict";
  var SL = (root.SoftmaxLab = root.SoftmaxLab || {});
  SL.explorers = SL.explorers || {};
  if (SL.explorers.cost) return;

  function readout(d, q, n, maxN) {
    var M = SL.math;
    var valid = [];
    for (var k = 1; k <= maxN; k++) if (d % k === 0 && q % k === 0) valid.push(k);
    var dense = M.denseParameterCount(d, q);
    var phm = M.phmParameterCount(d, q, n);
    var bad = [];
    if (d % n) bad.push("d = " + d);
    if (q % n) bad.push("q = " + q);
    var message = bad.length ? "n = " + n + " does not divide " + bad.join(" and ") +
      ": a PHM layer needs n to divide both d and q. Possible n here: " + valid.join(", ") + "." : "";
    return { dense: dense, phm: phm, ratio: phm === null ? null : phm / dense, valid: valid, message: message };
  }

  SL.explorers.cost = function mount(rootEl, config) {
    var ui = SL.ui, el = ui.el, svg = ui.svg;
    var id = rootEl.id, lim = config.limits;
    var state = { d: config.d, q: config.q, n: config.n };
    var labels = { d: "Inputs d", q: "Outputs q", n: "PHM n" };
    var controls = {};
    ["d", "q", "n"].forEach(function (name) {
      var r = ui.range(id + "-" + name, labels[name], {
        min: lim[name][0], max: lim[name][1], step: 1, value: state[name], name: name, digits: 0,
      });
      r.input.addEventListener("input", function () { state[name] = Number(r.input.value); update(); });
      controls[name] = r;
    });
    var dense = el("span", { "class": "sl-num", "data-name": "dense" });
    var phm = el("span", { "class": "sl-num", "data-name": "phm" });
    var ratio = el("span", { "class": "sl-num", "data-name": "ratio" });
    var terms = el("span", { "class": "sl-code" });
    var warning = el("p", { "class": "sl-warning", role: "status", "aria-live": "polite", id: id + "-msg" });
    var chart = svg("svg", { viewBox: "0 0 320 70", width: 320, height: 70, role: "img" });
    var denseBar = svg("rect", { x: 70, y: 8, height: 22, "class": "sl-bar-dense" });
    var phmBar = svg("rect", { x: 70, y: 40, height: 22, "class": "sl-bar-phm" });
    chart.appendChild(svg("text", { x: 2, y: 24, text: "dense" }));
    chart.appendChild(svg("text", { x: 2, y: 56, text: "PHM" }));
    chart.appendChild(denseBar);
    chart.appendChild(phmBar);

    rootEl.textContent = "";
    rootEl.appendChild(el("p", { "class": "sl-title", text: "Parameter cost: dense versus PHM" }));
    rootEl.appendChild(el("p", {
      "class": "sl-help",
      text: "A dense layer learns d·q weights and q biases. A PHM layer learns n matrices Aᵢ " +
        "(n×n) and n matrices Sᵢ ((q/n)×(d/n)), plus q biases: about n times fewer.",
    }));
    rootEl.appendChild(el("div", { "class": "sl-controls" }, [controls.d.wrap, controls.q.wrap, controls.n.wrap]));
    rootEl.appendChild(warning);
    rootEl.appendChild(el("div", { "class": "sl-readout" }, [
      el("div", {}, [el("span", { "class": "sl-label", text: "dense d·q + q =" }), dense]),
      el("div", {}, [el("span", { "class": "sl-label", text: "PHM n³ + d·q/n + q =" }), phm, " ", terms]),
      el("div", {}, [el("span", { "class": "sl-label", text: "PHM / dense =" }), ratio]),
    ]));
    rootEl.appendChild(el("div", { "class": "sl-figure" }, [chart]));

    function count(node, value) {
      node.textContent = value === null ? "—" : value.toLocaleString("en-US");
      node.setAttribute("data-value", value === null ? "null" : String(value));
    }

    function update() {
      var r = readout(state.d, state.q, state.n, lim.n[1]);
      count(dense, r.dense);
      count(phm, r.phm);
      if (r.ratio === null) { ratio.textContent = "—"; ratio.setAttribute("data-value", "null"); }
      else ui.setNumber(ratio, r.ratio);
      terms.textContent = r.phm === null ? "" : "(" + Math.pow(state.n, 3) + " + " +
        (state.d * state.q) / state.n + " + " + state.q + ")";
      if (warning.textContent !== r.message) warning.textContent = r.message;
      var nInput = controls.n.input;
      if (r.message) {
        nInput.setAttribute("aria-invalid", "true");
        nInput.setAttribute("aria-describedby", warning.id);
      } else {
        nInput.removeAttribute("aria-invalid");
        nInput.removeAttribute("aria-describedby");
      }
      var biggest = Math.max(r.dense, r.phm || 0);
      denseBar.setAttribute("width", (240 * r.dense / biggest).toFixed(1));
      phmBar.setAttribute("width", r.phm === null ? 0 : (240 * r.phm / biggest).toFixed(1));
      chart.setAttribute("aria-label", "Bars: dense " + r.dense + " parameters, PHM " +
        (r.phm === null ? "not defined" : r.phm + " parameters"));
      return r;
    }
    update();
    var api = { state: state, update: update };
    rootEl.slExplorer = api;
    return api;
  };
})(typeof window !== "undefined" ? window : globalThis);
