/* playground.js: explorer 6, the 2-D softmax-regression playground (kernel-free form).
 *
 * Model o = W x + b for three classes in the plane. The loss and its gradient come from the
 * shared math module (SoftmaxLab.math.gradientStep: mean cross-entropy); this file adds only
 * the optional L2 penalty (lambda/2)||W||^2, whose gradient is lambda W, and the drawing.
 * Mounted by softmax_lab.explorers.playground_explorer(); several may share one page.
 */
(function (root) {
  "use strict";
  var SoftmaxLab = (root.SoftmaxLab = root.SoftmaxLab || {});
  SoftmaxLab.explorers = SoftmaxLab.explorers || {};
  if (SoftmaxLab.explorers.playground) return; // already defined by an earlier cell

  var SVGNS = "http://www.w3.org/2000/svg";
  var SIZE = 300; // the overlay's viewBox is SIZE x SIZE

  function svg(tag, attrs, parent) {
    var node = document.createElementNS(SVGNS, tag);
    for (var k in attrs) node.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(node);
    return node;
  }

  function rgb(hex) {
    var v = parseInt(hex.slice(1), 16);
    return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
  }

  function copyMatrix(W) {
    return W.map(function (row) { return row.slice(); });
  }

  function gaussian() {
    var u = 1 - Math.random(), v = Math.random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  function mount(el, config) {
    var M = SoftmaxLab.math;
    var X = config.X, y = config.y, E = config.extent;
    var q = config.W.length;
    var state = {
      W: copyMatrix(config.W), b: config.b.slice(), lr: config.lr, l2: config.l2, steps: 0,
    };
    var running = false;
    var current = null;

    function part(key) { return el.querySelector('[data-sl="' + key + '"]'); }
    var canvas = part("regions"), overlay = part("overlay");
    var ctx = canvas.getContext("2d");
    var tints = config.tints.map(rgb);

    // data <-> overlay pixels
    function px(x) { return (x + E) / (2 * E) * SIZE; }
    function py(v) { return (E - v) / (2 * E) * SIZE; }
    function clampToView(x, v) {
      var m = Math.max(Math.abs(x), Math.abs(v)) / (E * 0.97);
      return m > 1 ? [x / m, v / m] : [x, v];
    }

    /* Loss, gradient and accuracy at the current parameters (no step: lr = 0). */
    function evaluate() {
      var r = M.gradientStep(state.W, state.b, X, y, 0);
      var penalty = 0;
      state.W.forEach(function (row) {
        row.forEach(function (w) { penalty += w * w; });
      });
      penalty *= 0.5 * state.l2;
      var hits = 0;
      for (var i = 0; i < X.length; i++) {
        if (M.argmax(M.matVec(state.W, X[i], state.b)) === y[i]) hits++;
      }
      return {
        dataLoss: r.loss,
        penalty: penalty,
        loss: r.loss + penalty,
        gradW: r.gradW.map(function (row, k) {
          return row.map(function (g, j) { return g + state.l2 * state.W[k][j]; });
        }),
        gradb: r.gradb,
        accuracy: hits / X.length,
      };
    }

    /* W <- W - lr (gradCE + l2 W), b <- b - lr gradb. */
    function step() {
      var r = M.gradientStep(state.W, state.b, X, y, state.lr);
      var W = r.W.map(function (row, k) {
        return row.map(function (w, j) { return w - state.lr * state.l2 * state.W[k][j]; });
      });
      var finite = W.every(function (row) { return row.every(isFinite); }) &&
        r.b.every(isFinite);
      if (!finite) { setRunning(false); return; }
      state.W = W;
      state.b = r.b;
      state.steps += 1;
      update(null);
    }

    // ---- drawing -----------------------------------------------------------------------
    function drawRegions() {
      var w = canvas.width, h = canvas.height;
      var img = ctx.createImageData(w, h), data = img.data;
      for (var r = 0; r < h; r++) {
        var v = E - (r + 0.5) / h * 2 * E;
        for (var c = 0; c < w; c++) {
          var x = -E + (c + 0.5) / w * 2 * E;
          var k = M.argmax(M.matVec(state.W, [x, v], state.b));
          var o = 4 * (r * w + c), t = tints[k];
          data[o] = t[0]; data[o + 1] = t[1]; data[o + 2] = t[2]; data[o + 3] = 255;
        }
      }
      ctx.putImageData(img, 0, 0);
    }

    var axes = svg("g", { stroke: "#555", "stroke-width": 0.6, opacity: 0.6 }, overlay);
    svg("line", { x1: 0, y1: py(0), x2: SIZE, y2: py(0) }, axes);
    svg("line", { x1: px(0), y1: 0, x2: px(0), y2: SIZE }, axes);
    var points = svg("g", {}, overlay);
    X.forEach(function (p, i) {
      svg("circle", {
        cx: px(p[0]).toFixed(1), cy: py(p[1]).toFixed(1), r: 4,
        fill: config.colors[y[i]], stroke: "#222", "stroke-width": 0.8,
      }, points);
    });
    function arrow(parent, color, dashed) {
      var g = svg("g", {}, parent);
      var line = svg("line", { stroke: color, "stroke-width": 2.5 }, g);
      if (dashed) line.setAttribute("stroke-dasharray", "5 3");
      var head = svg("polygon", { fill: color }, g);
      return function (x0, y0, x1, y1) {
        var a = px(x0), b = py(y0), c = px(x1), d = py(y1);
        line.setAttribute("x1", a); line.setAttribute("y1", b);
        line.setAttribute("x2", c); line.setAttribute("y2", d);
        var len = Math.hypot(c - a, d - b);
        if (len < 1e-6) { head.setAttribute("points", ""); return; }
        var ux = (c - a) / len, uy = (d - b) / len, hl = Math.min(9, 0.6 * len);
        head.setAttribute("points", [
          c + "," + d,
          (c - hl * ux + 0.5 * hl * uy) + "," + (d - hl * uy - 0.5 * hl * ux),
          (c - hl * ux - 0.5 * hl * uy) + "," + (d - hl * uy + 0.5 * hl * ux),
        ].join(" "));
      };
    }
    var gradLayer = svg("g", {}, overlay);
    var weightLayer = svg("g", {}, overlay);
    var gradArrows = [], weightArrows = [], handles = [];
    for (var k = 0; k < q; k++) {
      gradArrows.push(arrow(gradLayer, "#222", true));
      weightArrows.push(arrow(weightLayer, config.colors[k], false));
    }
    for (var h = 0; h < q; h++) {
      handles.push(svg("circle", {
        r: 8, fill: config.colors[h], stroke: "#fff", "stroke-width": 2,
        class: "sl-pg-handle", "data-class": h,
      }, overlay));
    }

    function drawOverlay() {
      var showGrad = part("show-grad").checked;
      gradLayer.style.display = showGrad ? "" : "none";
      for (var k = 0; k < q; k++) {
        var tip = clampToView(state.W[k][0], state.W[k][1]);
        weightArrows[k](0, 0, tip[0], tip[1]);
        handles[k].setAttribute("cx", px(tip[0]));
        handles[k].setAttribute("cy", py(tip[1]));
        var g = current.gradW[k];
        var end = clampToView(state.W[k][0] - g[0], state.W[k][1] - g[1]);
        gradArrows[k](tip[0], tip[1], end[0], end[1]);
      }
    }

    // ---- controls ----------------------------------------------------------------------
    var inputs = [];
    for (var r = 0; r < q; r++) {
      inputs.push({ el: part("w" + r + "0"), get: getter("W", r, 0), set: setter("W", r, 0) });
      inputs.push({ el: part("w" + r + "1"), get: getter("W", r, 1), set: setter("W", r, 1) });
      inputs.push({ el: part("b" + r), get: getter("b", r), set: setter("b", r) });
    }
    function getter(name, i, j) {
      return function () { return j === undefined ? state[name][i] : state[name][i][j]; };
    }
    function setter(name, i, j) {
      return function (v) {
        if (j === undefined) state[name][i] = v; else state[name][i][j] = v;
      };
    }
    inputs.forEach(function (inp) {
      inp.el.addEventListener("input", function () {
        var v = parseFloat(inp.el.value);
        if (!isFinite(v)) return; // half-typed ("-", "1e"): wait for more
        inp.set(v);
        update(inp.el);
      });
      inp.el.addEventListener("change", function () { inp.el.value = inp.get().toFixed(3); });
    });

    var lrInput = part("lr"), lrValue = part("lr-value");
    lrInput.value = Math.log10(state.lr);
    lrInput.addEventListener("input", function () {
      state.lr = Math.pow(10, parseFloat(lrInput.value));
      showLearningRate();
    });
    function showLearningRate() {
      var text = String(Number(state.lr.toPrecision(3)));
      lrValue.textContent = text;
      lrInput.setAttribute("aria-valuetext", "η = " + text);
    }

    var l2Input = part("l2");
    l2Input.value = state.l2;
    l2Input.addEventListener("input", function () {
      var v = parseFloat(l2Input.value);
      if (!isFinite(v) || v < 0) return;
      state.l2 = v;
      update(l2Input);
    });
    part("show-grad").addEventListener("change", function () { drawOverlay(); });

    var runButton = part("run");
    function setRunning(on) {
      running = on;
      runButton.setAttribute("aria-pressed", on ? "true" : "false");
      if (on) requestAnimationFrame(tick);
    }
    function tick() {
      if (!running) return;
      if (!el.isConnected) { running = false; return; }
      step();
      if (running) requestAnimationFrame(tick);
    }
    runButton.addEventListener("click", function () { setRunning(!running); });
    part("step").addEventListener("click", step);
    part("reset").addEventListener("click", function () {
      state.W = copyMatrix(config.W);
      state.b = config.b.slice();
      state.steps = 0;
      update(null);
    });
    part("randomise").addEventListener("click", function () {
      state.W = state.W.map(function (row) {
        return row.map(function () { return 1.2 * gaussian(); });
      });
      state.b = state.b.map(function () { return 0.5 * gaussian(); });
      state.steps = 0;
      update(null);
    });

    // Dragging a weight vector's tip moves w_k to the pointer.
    handles.forEach(function (handle, k) {
      handle.addEventListener("pointerdown", function (ev) {
        ev.preventDefault();
        handle.setPointerCapture(ev.pointerId);
      });
      handle.addEventListener("pointermove", function (ev) {
        if (!handle.hasPointerCapture(ev.pointerId)) return;
        var box = overlay.getBoundingClientRect();
        var sx = (ev.clientX - box.left) / box.width * SIZE;
        var sy = (ev.clientY - box.top) / box.height * SIZE;
        var x = Math.max(-E, Math.min(E, sx / SIZE * 2 * E - E));
        var v = Math.max(-E, Math.min(E, E - sy / SIZE * 2 * E));
        state.W[k] = [x, v];
        update(null);
      });
      handle.addEventListener("pointerup", function (ev) {
        if (handle.hasPointerCapture(ev.pointerId)) handle.releasePointerCapture(ev.pointerId);
      });
    });

    // ---- one update for every change ---------------------------------------------------
    function update(source) {
      current = evaluate();
      inputs.forEach(function (inp) {
        if (inp.el !== source) inp.el.value = inp.get().toFixed(3);
      });
      var ui = SoftmaxLab.ui;
      ui.setNumber(part("loss"), current.loss, 4);
      ui.setNumber(part("data-loss"), current.dataLoss, 4);
      ui.setNumber(part("penalty"), current.penalty, 4);
      ui.setNumber(part("accuracy"), current.accuracy, 4);
      part("steps").textContent = String(state.steps);
      drawRegions();
      drawOverlay();
    }

    // Read-only view of the state for tests and for the curious reader's console.
    el.softmaxLab = {
      state: function () {
        return {
          W: copyMatrix(state.W), b: state.b.slice(), lr: state.lr, l2: state.l2,
          steps: state.steps, loss: current.loss, gradW: copyMatrix(current.gradW),
          gradb: current.gradb.slice(), accuracy: current.accuracy, running: running,
        };
      },
    };

    showLearningRate();
    update(null);
  }

  SoftmaxLab.explorers.playground = mount;
})(typeof window !== "undefined" ? window : globalThis);
