/* sl_softmax.js: explorer 1, logits -> probabilities -> loss -> gradient (kernel-free form).
 * Mirrors softmax_lab.explorers.softmax.softmax_readout; all math from SoftmaxLab.math. */
(function (root) {
  "use strict";
  var SL = (root.SoftmaxLab = root.SoftmaxLab || {});
  SL.explorers = SL.explorers || {};
  if (SL.explorers.softmax) return;

  var OVERFLOW_AT = Math.log(Number.MAX_VALUE); // 709.78: exp of anything larger is Infinity

  /* Every number the explorer shows, for one state (see softmax_readout in Python). */
  function readout(s) {
    var M = SL.math;
    var q = s.logits.length;
    var o = s.logits.map(function (v) { return v + s.shift; });
    var y;
    if (typeof s.target === "number") {
      y = M.oneHot(s.target, q);
      if (s.smoothing !== 0) y = y.map(function (v) { return (1 - s.smoothing) * v + s.smoothing / q; });
    } else {
      y = s.target.slice();
    }
    var z = o.map(function (v) { return v / s.temperature; });
    var soft = typeof s.target !== "number" || s.smoothing > 0;
    var p, loss, grad, h;
    if (s.implementation === "stable") {
      var tgt = soft ? y : s.target;
      p = M.softmax(o, s.temperature);
      loss = M.crossEntropyLoss(z, tgt);
      grad = M.crossEntropyLossGrad(z, tgt).map(function (g) { return g / s.temperature; });
      h = M.entropy(p);
    } else {
      p = M.naiveSoftmax(z);
      loss = M.crossEntropy(y, p); // -sum_{y_j > 0} y_j log p_j, from the probabilities
      grad = p.map(function (pj, j) { return (pj - y[j]) / s.temperature; });
      h = p.every(Number.isFinite) ? M.entropy(p) : NaN;
    }
    return {
      o: o, y: y, p: p, loss: loss, grad: grad, entropy: h, predicted: M.argmax(o),
      total: M.sum(p), overflow: !p.every(Number.isFinite),
    };
  }

  /* A shareable state: #sl-softmax=<json> in the URL, read by the page's first softmax
   * explorer. Written only when the reader asks (the button), never while dragging. */
  var HASH_KEY = "sl-softmax=";

  function writeLink(state, givenSoft) {
    var saved = {
      l: state.logits, c: state.target === givenSoft ? "soft" : state.target,
      T: state.temperature, s: state.shift, e: state.smoothing, i: state.implementation,
    };
    var hash = "#" + HASH_KEY + encodeURIComponent(JSON.stringify(saved));
    try {
      root.history.replaceState(null, "", root.location.pathname + root.location.search + hash);
    } catch (err) {
      return "This page cannot change its address here.";
    }
    try {
      if (root.navigator.clipboard) {
        root.navigator.clipboard.writeText(root.location.href).catch(function () {});
      }
    } catch (err) { /* copying is a convenience */ }
    return "The address now links to this state.";
  }

  function restore(state, rootEl, lim, givenSoft) {
    var hash = root.location && root.location.hash || "";
    var at = hash.indexOf(HASH_KEY);
    if (at < 0 || document.querySelector(".sl-explorer-softmax") !== rootEl) return;
    var saved;
    try { saved = JSON.parse(decodeURIComponent(hash.slice(at + HASH_KEY.length).split("&")[0])); }
    catch (err) { return; }
    var finite = function (v, lo, hi) { return typeof v === "number" && v >= lo && v <= hi; };
    var l = saved && saved.l;
    if (!Array.isArray(l) || l.length < lim.minClasses || l.length > lim.maxClasses ||
        !l.every(function (v) { return finite(v, -lim.logit, lim.logit); })) return;
    var q = l.length;
    var target = saved.c === "soft" && givenSoft && givenSoft.length === q ? givenSoft
      : (Number.isInteger(saved.c) && saved.c >= 0 && saved.c < q ? saved.c : null);
    if (target === null || !finite(saved.T, Math.pow(10, -lim.log10T) - 1e-12, Math.pow(10, lim.log10T) + 1e-12) ||
        !finite(saved.s, 0, lim.shiftMax) || !finite(saved.e, 0, 1) ||
        (saved.i !== "stable" && saved.i !== "naive")) return;
    state.logits = l.slice();
    state.target = target;
    state.temperature = saved.T;
    state.shift = saved.s;
    state.smoothing = saved.e;
    state.implementation = saved.i;
  }

  SL.explorers.softmax = function mount(rootEl, config) {
    var ui = SL.ui, el = ui.el, svg = ui.svg;
    var lim = config.limits;
    var id = rootEl.id;
    var givenSoft = Array.isArray(config.target) ? config.target.slice() : null;
    var state = {
      logits: config.logits.slice(),
      target: givenSoft || config.target,
      temperature: config.temperature,
      shift: config.shift,
      smoothing: config.smoothing,
      implementation: config.implementation,
    };
    restore(state, rootEl, lim, givenSoft);
    var UNIT = 6, LEFT = 44, TOP = 10, LOGIT_H = 2 * lim.logit * UNIT, GAP = 26, PROB_H = 100;
    var MID = TOP + LOGIT_H / 2, BASE = TOP + LOGIT_H + GAP + PROB_H;

    function round(v, step) { return Math.round(v / step) * step; }
    function clamp(v) { return Math.max(-lim.logit, Math.min(lim.logit, v)); }

    // ---- controls ----
    var classOptions = [];
    for (var k = lim.minClasses; k <= lim.maxClasses; k++) classOptions.push([k, String(k)]);
    var classes = ui.select(id + "-classes", "Number of classes q", classOptions, state.logits.length, "classes");
    var shareStatus = el("span", { "class": "sl-help", role: "status" });
    var share = el("button", { type: "button", "data-control": "share", text: "Link to this state" });
    share.addEventListener("click", function () {
      shareStatus.textContent = writeLink(state, givenSoft);
    });
    var target = ui.select(id + "-target", "True class", [], "", "target");
    var impl = ui.select(id + "-impl", "Softmax implementation", [
      ["stable", "stable (o − max o)"], ["naive", "naive exp(o)/Σexp(o)"],
    ], state.implementation, "implementation");
    var smoothing = ui.range(id + "-smoothing", "Label smoothing ε", {
      min: 0, max: 1, step: lim.smoothingStep, value: state.smoothing, name: "smoothing",
    });
    var temperature = ui.range(id + "-temperature", "Temperature T", {
      min: -lim.log10T, max: lim.log10T, step: lim.log10TStep, value: Math.log10(state.temperature),
      name: "temperature", show: function (v) { return ui.fmt(Math.pow(10, v), 2); },
    });
    temperature.output.textContent = ui.fmt(state.temperature, 2);
    var shift = ui.range(id + "-shift", "Add to every logit", {
      min: 0, max: lim.shiftMax, step: lim.shiftStep, value: state.shift, name: "shift", digits: 0,
    });

    var figure = el("div", { "class": "sl-figure" });
    var sliderBox = el("div", { "class": "sl-controls", role: "group", "aria-label": "Logits" });
    var nums = {};
    function num(name, digits) { nums[name] = ui.number(name, digits); return nums[name]; }
    var predicted = el("span", { "data-name": "predicted" });
    var warning = el("p", { "class": "sl-warning", role: "status", "aria-live": "polite" });
    var tableBox = el("div");

    rootEl.textContent = "";
    rootEl.appendChild(el("p", { "class": "sl-title", text: "Softmax, loss and gradient" }));
    rootEl.appendChild(el("p", {
      "class": "sl-help",
      text: "Drag a blue bar or move a slider to set a logit; the lighter bars are the " +
        "probabilities ŷ = softmax(o / T), the orange outlines the target y.",
    }));
    rootEl.appendChild(el("div", { "class": "sl-controls" }, [classes.wrap, target.wrap, impl.wrap]));
    rootEl.appendChild(figure);
    rootEl.appendChild(sliderBox);
    rootEl.appendChild(el("div", { "class": "sl-controls" }, [smoothing.wrap, temperature.wrap, shift.wrap]));
    rootEl.appendChild(el("div", { "class": "sl-readout", "aria-live": "off" }, [
      el("div", {}, [el("span", { "class": "sl-label", text: "loss −Σ y log ŷ" }), num("loss")]),
      el("div", {}, [el("span", { "class": "sl-label", text: "entropy H[ŷ] (nats)" }), num("entropy")]),
      el("div", {}, [el("span", { "class": "sl-label", text: "predicted class" }), predicted]),
      el("div", {}, [el("span", { "class": "sl-label", text: "Σ ŷ" }), num("total")]),
    ]));
    rootEl.appendChild(warning);
    rootEl.appendChild(tableBox);
    rootEl.appendChild(el("div", { "class": "sl-check" }, [share, shareStatus]));

    // ---- per-class parts, rebuilt when q changes ----
    var sliders = [], bars = [], handles = [], probBars = [], targetBars = [], svgRoot = null;

    function targetOptions(q) {
      var opts = [];
      for (var j = 0; j < q; j++) opts.push([j, "class " + (j + 1)]);
      if (givenSoft && givenSoft.length === q) opts.push(["soft", "given soft label"]);
      return opts;
    }

    function setLogit(j, v, from) {
      v = clamp(round(v, lim.logitStep));
      v = Number(v.toFixed(10)); // 0.30000000000000004 -> 0.3, as the range input reports
      state.logits[j] = v;
      if (from !== "slider") { sliders[j].input.value = v; sliders[j].refresh(); }
      update();
    }

    function build() {
      var q = state.logits.length;
      ui.setOptions(target.input, targetOptions(q), state.target === givenSoft ? "soft" : state.target);
      sliderBox.textContent = "";
      sliders = state.logits.map(function (v, j) {
        var r = ui.range(id + "-logit-" + j, "logit o" + (j + 1), {
          min: -lim.logit, max: lim.logit, step: lim.logitStep, value: v, name: "logit" + j,
        });
        r.input.addEventListener("input", function () { setLogit(j, Number(r.input.value), "slider"); });
        sliderBox.appendChild(r.wrap);
        return r;
      });
      var COL = Math.min(110, Math.max(44, Math.floor(520 / q)));
      var width = LEFT + COL * q + 10, height = BASE + 22;
      svgRoot = svg("svg", {
        viewBox: "0 0 " + width + " " + height, width: width, height: height,
        "class": "sl-bars", "aria-label": "Logit bars (draggable) and probability bars",
        role: "group",
      });
      svgRoot.appendChild(svg("line", { x1: LEFT - 4, x2: width - 6, y1: MID, y2: MID, "class": "sl-axis" }));
      svgRoot.appendChild(svg("line", { x1: LEFT - 4, x2: width - 6, y1: BASE, y2: BASE, "class": "sl-axis" }));
      svgRoot.appendChild(svg("text", { x: 2, y: MID + 4, text: "o = 0" }));
      svgRoot.appendChild(svg("text", { x: 2, y: TOP + 10, text: "+" + lim.logit }));
      svgRoot.appendChild(svg("text", { x: 2, y: TOP + LOGIT_H, text: "−" + lim.logit }));
      svgRoot.appendChild(svg("text", { x: 2, y: BASE - PROB_H + 4, text: "ŷ = 1" }));
      svgRoot.appendChild(svg("text", { x: 2, y: BASE + 4, text: "0" }));
      bars = []; handles = []; probBars = []; targetBars = [];
      state.logits.forEach(function (v, j) {
        var x = LEFT + j * COL;
        var bar = svg("rect", { x: x + 4, width: COL - 12, "class": "sl-logit-bar" });
        var hit = svg("rect", { x: x, y: TOP, width: COL - 4, height: LOGIT_H, "class": "sl-hit" });
        var handle = svg("g", {
          "class": "sl-bar-handle", role: "slider", tabindex: 0,
          "aria-label": "logit o" + (j + 1) + " bar", "aria-valuemin": -lim.logit,
          "aria-valuemax": lim.logit, "aria-orientation": "vertical", "data-bar": j,
        }, [hit, bar]);
        handle.addEventListener("keydown", function (ev) {
          var step = lim.logitStep, cur = state.logits[j], next = null;
          if (ev.key === "ArrowUp" || ev.key === "ArrowRight") next = cur + step;
          else if (ev.key === "ArrowDown" || ev.key === "ArrowLeft") next = cur - step;
          else if (ev.key === "PageUp") next = cur + 10 * step;
          else if (ev.key === "PageDown") next = cur - 10 * step;
          else if (ev.key === "Home") next = -lim.logit;
          else if (ev.key === "End") next = lim.logit;
          if (next !== null) { ev.preventDefault(); setLogit(j, next, "bar"); }
        });
        function fromPointer(ev) {
          var pt = svgRoot.createSVGPoint();
          pt.x = ev.clientX; pt.y = ev.clientY;
          var local = pt.matrixTransform(svgRoot.getScreenCTM().inverse());
          setLogit(j, (MID - local.y) / UNIT, "bar");
        }
        handle.addEventListener("pointerdown", function (ev) {
          ev.preventDefault();
          handle.focus();
          handle.setPointerCapture(ev.pointerId);
          fromPointer(ev);
        });
        handle.addEventListener("pointermove", function (ev) {
          if (handle.hasPointerCapture(ev.pointerId)) fromPointer(ev);
        });
        var prob = svg("rect", { x: x + 4, width: COL - 12, "class": "sl-prob-bar" });
        var tbar = svg("rect", { x: x + 4, width: COL - 12, "class": "sl-target-bar" });
        svgRoot.appendChild(handle);
        svgRoot.appendChild(prob);
        svgRoot.appendChild(tbar);
        svgRoot.appendChild(svg("text", { x: x + COL / 2 - 4, y: BASE + 16, "text-anchor": "middle", text: String(j + 1) }));
        bars.push(bar); handles.push(handle); probBars.push(prob); targetBars.push(tbar);
      });
      figure.textContent = "";
      figure.appendChild(svgRoot);
      var head = ["class", "logit o", "ŷ", "target y", "∂l/∂o"];
      var rows = state.logits.map(function (v, j) {
        return [String(j + 1), num("o" + j), num("p" + j), num("y" + j), num("grad" + j)];
      });
      tableBox.textContent = "";
      tableBox.appendChild(ui.table("Per class: logit, probability, target and gradient of the loss.", head, rows));
    }

    var last = null;
    function update() {
      var r = (last = readout(state));
      var q = state.logits.length;
      for (var j = 0; j < q; j++) {
        var v = state.logits[j] * UNIT;
        bars[j].setAttribute("y", MID - Math.max(v, 0));
        bars[j].setAttribute("height", Math.abs(v));
        handles[j].setAttribute("aria-valuenow", state.logits[j]);
        handles[j].setAttribute("aria-valuetext", ui.fmt(state.logits[j], 1));
        var pj = Number.isFinite(r.p[j]) ? r.p[j] : 0;
        probBars[j].setAttribute("y", BASE - pj * PROB_H);
        probBars[j].setAttribute("height", pj * PROB_H);
        targetBars[j].setAttribute("y", BASE - r.y[j] * PROB_H);
        targetBars[j].setAttribute("height", r.y[j] * PROB_H);
        ui.setNumber(nums["o" + j], r.o[j]);
        ui.setNumber(nums["p" + j], r.p[j]);
        ui.setNumber(nums["y" + j], r.y[j]);
        ui.setNumber(nums["grad" + j], r.grad[j]);
      }
      ui.setNumber(nums.loss, r.loss);
      ui.setNumber(nums.entropy, r.entropy);
      ui.setNumber(nums.total, r.total);
      predicted.textContent = "class " + (r.predicted + 1);
      predicted.setAttribute("data-value", r.predicted);
      var top = SL.math.max(r.o) / state.temperature;
      var msg = "";
      if (r.overflow) {
        msg = "Overflow: exp(" + ui.fmt(top, 1) + ") is ∞ in float64 (anything above " +
          ui.fmt(OVERFLOW_AT, 2) + " is), and ∞/∞ = NaN. The stable form subtracts max o first.";
      } else if (state.implementation === "stable" && top > OVERFLOW_AT) {
        msg = "Every exp(o) here would overflow, yet the stable form is exact: it computes " +
          "exp(o − max o), and adding a constant to all logits leaves softmax unchanged.";
      }
      if (warning.textContent !== msg) warning.textContent = msg;
      smoothing.input.disabled = state.target === givenSoft && givenSoft !== null;
      return r;
    }

    classes.input.addEventListener("change", function () {
      var q = Number(classes.input.value);
      var old = state.logits;
      state.logits = [];
      for (var j = 0; j < q; j++) state.logits.push(j < old.length ? old[j] : 0);
      if (state.target === givenSoft ? givenSoft.length !== q : state.target >= q) state.target = 0;
      build();
      update();
    });
    target.input.addEventListener("change", function () {
      var v = target.input.value;
      state.target = v === "soft" ? givenSoft : Number(v);
      update();
    });
    impl.input.addEventListener("change", function () { state.implementation = impl.input.value; update(); });
    smoothing.input.addEventListener("input", function () { state.smoothing = Number(smoothing.input.value); update(); });
    temperature.input.addEventListener("input", function () {
      state.temperature = Math.pow(10, Number(temperature.input.value));
      update();
    });
    shift.input.addEventListener("input", function () { state.shift = Number(shift.input.value); update(); });

    build();
    update();
    var api = { state: state, update: update, readout: function () { return last; }, compute: readout };
    rootEl.slExplorer = api;
    return api;
  };
  SL.explorers.softmax.readout = readout;
})(typeof window !== "undefined" ? window : globalThis);
