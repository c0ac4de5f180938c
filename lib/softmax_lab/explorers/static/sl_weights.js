/* sl_weights.js: explorer 3, weights to logits o = W x + b (kernel-free form).
 * Mirrors softmax_lab.explorers.weights.weights_readout; math from SoftmaxLab.math. */
(function (root) {
  "use strict";
  var SL = (root.SoftmaxLab = root.SoftmaxLab || {});
  SL.explorers = SL.explorers || {};
  if (SL.explorers.weights) return;

  SL.explorers.weights = function mount(rootEl, config) {
    var ui = SL.ui, el = ui.el, svg = ui.svg, M = SL.math;
    var id = rootEl.id;
    var state = {
      W: config.W.map(function (row) { return row.slice(); }),
      b: config.b.slice(),
      pixels: config.pixels.slice(),
    };
    var nums = {};
    function num(name, digits) { nums[name] = ui.number(name, digits); return nums[name]; }
    function slider(name, label, value, min, max, step, onInput) {
      var r = ui.range(id + "-" + name, label, { min: min, max: max, step: step, value: value, name: name });
      r.input.addEventListener("input", function () { onInput(Number(r.input.value)); update(); });
      return r.wrap;
    }

    var pixelSliders = state.pixels.map(function (v, i) {
      return slider("pixel" + i, "pixel x" + (i + 1), v, 0, 1, config.pixelStep,
        function (x) { state.pixels[i] = x; });
    });
    var weightGroups = state.W.map(function (row, j) {
      var parts = row.map(function (v, k) {
        return slider("w" + j + k, "weight w" + (j + 1) + (k + 1), v, -config.range, config.range,
          config.step, function (x) { state.W[j][k] = x; });
      });
      parts.push(slider("b" + j, "bias b" + (j + 1), state.b[j], -config.range, config.range,
        config.step, function (x) { state.b[j] = x; }));
      return el("div", { "class": "sl-controls sl-controls-5", role: "group", "aria-label": "Weights and bias of o" + (j + 1) }, parts);
    });

    // Network diagram: inputs left, logits right, one edge per weight.
    var net = svg("svg", {
      viewBox: "0 0 300 210", width: 300, height: 210, role: "img",
      "aria-label": "Network diagram: 4 inputs, 3 outputs, 12 weighted edges",
    });
    var IN = [0, 1, 2, 3].map(function (k) { return [40, 30 + 50 * k]; });
    var OUT = [0, 1, 2].map(function (j) { return [260, 55 + 50 * j]; });
    var edges = OUT.map(function (o) {
      return IN.map(function (i) {
        var line = svg("line", { x1: i[0], y1: i[1], x2: o[0], y2: o[1] });
        net.appendChild(line);
        return line;
      });
    });
    function node(pos, r, label) {
      net.appendChild(svg("circle", { cx: pos[0], cy: pos[1], r: r, "class": "sl-node" }));
      var t = svg("text", { x: pos[0], y: pos[1] + 4, "text-anchor": "middle" });
      net.appendChild(t);
      net.appendChild(svg("text", { x: pos[0] + (pos[0] < 150 ? -36 : 24), y: pos[1] + 4, text: label }));
      return t;
    }
    var inText = IN.map(function (p, k) { return node(p, 16, "x" + (k + 1)); });
    var outText = OUT.map(function (p, j) { return node(p, 18, "o" + (j + 1)); });

    var image = ui.pixelImage();
    var predicted = el("span", { "data-name": "predicted" });
    var rows = [0, 1, 2].map(function (j) {
      return ["o" + (j + 1) + " (" + config.classes[j] + ")", num("o" + j), num("p" + j)];
    });

    rootEl.textContent = "";
    rootEl.appendChild(el("p", { "class": "sl-title", text: "Weights to logits: o = Wx + b" }));
    rootEl.appendChild(el("p", {
      "class": "sl-help",
      text: "Each edge carries one weight wⱼₖ (blue solid: positive, red dashed: negative; " +
        "width grows with |w|). Every logit oⱼ sums its four weighted inputs and its bias bⱼ.",
    }));
    rootEl.appendChild(el("div", { "class": "sl-row" }, [
      el("div", {}, [image.svg]),
      el("div", { "class": "sl-figure", style: "flex: 1 1 16rem" }, [net]),
    ]));
    rootEl.appendChild(el("div", { "class": "sl-controls", role: "group", "aria-label": "Pixels" }, pixelSliders));
    weightGroups.forEach(function (g) { rootEl.appendChild(g); });
    rootEl.appendChild(ui.table("Logits and their softmax.", ["logit", "o = Wx + b", "softmax(o)"], rows));
    rootEl.appendChild(el("div", { "class": "sl-readout" }, [
      el("div", {}, [el("span", { "class": "sl-label", text: "predicted class" }), predicted]),
    ]));

    function update() {
      var o = M.matVec(state.W, state.pixels, state.b);
      var p = M.softmax(o);
      var c = M.argmax(o);
      image.paint(state.pixels);
      for (var j = 0; j < 3; j++) {
        for (var k = 0; k < 4; k++) {
          var w = state.W[j][k];
          edges[j][k].setAttribute("stroke-width", (0.5 + 1.5 * Math.abs(w)).toFixed(2));
          edges[j][k].setAttribute("class", w >= 0 ? "sl-edge-pos" : "sl-edge-neg");
        }
        outText[j].textContent = o[j].toFixed(2);
        ui.setNumber(nums["o" + j], o[j]);
        ui.setNumber(nums["p" + j], p[j]);
      }
      state.pixels.forEach(function (v, k) { inText[k].textContent = v.toFixed(2); });
      predicted.textContent = config.classes[c];
      predicted.setAttribute("data-value", c);
    }
    update();
    var api = { state: state, update: update };
    rootEl.slExplorer = api;
    return api;
  };
})(typeof window !== "undefined" ? window : globalThis);
