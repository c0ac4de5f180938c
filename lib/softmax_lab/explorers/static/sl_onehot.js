/* sl_onehot.js: explorer 2, a 2x2 image, its feature vector and its label codes (kernel-free).
 * Mirrors softmax_lab.explorers.onehot.onehot_readout. */
(function (root) {
  "use strict";
  var SL = (root.SoftmaxLab = root.SoftmaxLab || {});
  SL.explorers = SL.explorers || {};
  if (SL.explorers.onehot) return;

  SL.explorers.onehot = function mount(rootEl, config) {
    var ui = SL.ui, el = ui.el, M = SL.math;
    var id = rootEl.id;
    var q = config.classes.length;
    var state = { pixels: config.pixels.slice(), label: config.label };
    var nums = {};
    function num(name, digits) { nums[name] = ui.number(name, digits); return nums[name]; }

    var sliders = state.pixels.map(function (v, i) {
      var r = ui.range(id + "-pixel-" + i, "pixel x" + (i + 1) + " (" + config.pixelNames[i] + ")", {
        min: 0, max: 1, step: config.pixelStep, value: v, name: "pixel" + i,
      });
      r.input.addEventListener("input", function () { state.pixels[i] = Number(r.input.value); update(); });
      return r;
    });
    var label = ui.select(id + "-label", "Label", config.classes.map(function (n, j) { return [j, n]; }),
      state.label, "label");
    label.input.addEventListener("change", function () { state.label = Number(label.input.value); update(); });

    var image = ui.pixelImage();
    var xs = [0, 1, 2, 3].map(function (i) { return num("x" + i, 2); });
    var ohs = config.classes.map(function (n, j) { return num("onehot" + j, 0); });
    var code = el("span", { "data-name": "code" });
    var name = el("b");
    function vector(cells) {
      var out = [el("span", { text: "(" })];
      cells.forEach(function (c, i) { if (i) out.push(document.createTextNode(", ")); out.push(c); });
      out.push(document.createTextNode(")"));
      return el("span", { "class": "sl-code" }, out);
    }
    var codeRows = config.classes.map(function (n, j) {
      return [n, String(j), "(" + M.oneHot(j, q).join(", ") + ")"];
    });
    var codeTable = ui.table("Every label's codes; the chosen one is marked.", ["label", "integer", "one-hot"], codeRows);
    var rows = codeTable.querySelectorAll("tbody tr");

    rootEl.textContent = "";
    rootEl.appendChild(el("p", { "class": "sl-title", text: "One-hot codes and the 2×2 image" }));
    rootEl.appendChild(el("div", { "class": "sl-row" }, [
      el("div", {}, [image.svg]),
      el("div", { "class": "sl-controls", role: "group", "aria-label": "Pixels", style: "flex: 1 1 14rem" },
        sliders.map(function (s) { return s.wrap; })),
    ]));
    rootEl.appendChild(el("div", { "class": "sl-readout" }, [
      el("div", {}, [el("span", { "class": "sl-label", text: "features x =" }), vector(xs)]),
    ]));
    rootEl.appendChild(el("div", { "class": "sl-controls" }, [label.wrap]));
    rootEl.appendChild(el("div", { "class": "sl-readout" }, [
      el("div", {}, [name, el("span", { "class": "sl-label", text: " integer code" }), code]),
      el("div", {}, [el("span", { "class": "sl-label", text: "one-hot code" }), vector(ohs)]),
    ]));
    rootEl.appendChild(codeTable);

    function update() {
      image.paint(state.pixels);
      state.pixels.forEach(function (v, i) { ui.setNumber(xs[i], v, 2); });
      var y = M.oneHot(state.label, q);
      y.forEach(function (v, j) { ui.setNumber(ohs[j], v, 0); });
      code.textContent = String(state.label);
      code.setAttribute("data-value", state.label);
      name.textContent = config.classes[state.label] + ":";
      for (var j = 0; j < rows.length; j++) {
        if (j === state.label) rows[j].setAttribute("aria-current", "true");
        else rows[j].removeAttribute("aria-current");
        rows[j].style.fontWeight = j === state.label ? "700" : "";
      }
    }
    update();
    var api = { state: state, update: update };
    rootEl.slExplorer = api;
    return api;
  };
})(typeof window !== "undefined" ? window : globalThis);
