/* scrubber.js: explorer 7, scrub through a recorded training run (kernel-free form).
 *
 * config is a TrainingRun.to_dict() from softmax_lab.explorers.scrubber: per-epoch losses and
 * accuracies, test confusion matrices and reliability bins. Nothing is computed here: the
 * numbers were measured by softmax_lab when the page was built; this file only draws them
 * (curves with a marker, confusion matrix, reliability diagram) for the chosen epoch.
 */
(function (root) {
  "use strict";
  var SoftmaxLab = (root.SoftmaxLab = root.SoftmaxLab || {});
  SoftmaxLab.explorers = SoftmaxLab.explorers || {};
  if (SoftmaxLab.explorers.scrubber) return; // already defined by an earlier cell

  var SVGNS = "http://www.w3.org/2000/svg";
  var TRAIN = "#0072B2", TEST = "#D55E00";

  function svg(tag, attrs, parent, text) {
    var node = document.createElementNS(SVGNS, tag);
    for (var k in attrs) node.setAttribute(k, attrs[k]);
    if (text !== undefined) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }

  function fmt(x) { return SoftmaxLab.ui ? SoftmaxLab.ui.fmt(x, 4) : x.toFixed(4); }

  /* Diagonal (correct) cells blue, mistakes orange; darker = larger share of the true class. */
  function shade(frac, diagonal) {
    var base = diagonal ? [0, 114, 178] : [213, 94, 0];
    var f = Math.pow(Math.min(Math.max(frac, 0), 1), 0.6);
    return "rgb(" + base.map(function (c) { return Math.round(255 + (c - 255) * f); }).join(",") +
      ")";
  }

  /* Loss (top) and accuracy (bottom) against epoch; returns a function moving the marker. */
  function curves(host, run) {
    var w = 320, h = 262, left = 42, right = 10;
    var s = svg("svg", { viewBox: "0 0 " + w + " " + h, role: "img" }, host);
    var e0 = run.epochs[0], e1 = run.epochs[run.epochs.length - 1], span = Math.max(e1 - e0, 1);
    function sx(e) { return left + (e - e0) / span * (w - left - right); }
    var panels = [
      { label: "loss", train: run.train_loss, test: run.test_loss, top: 12, height: 110 },
      { label: "accuracy", train: run.train_acc, test: run.test_acc, top: 136, height: 106 },
    ];
    var dots = [];
    panels.forEach(function (p) {
      var hi = p.label === "loss" ? Math.max.apply(null, p.train.concat(p.test)) : 1;
      p.sy = function (v) { return p.top + p.height - v / (hi || 1) * p.height; };
      svg("rect", { x: left, y: p.top, width: w - left - right, height: p.height, fill: "none",
        stroke: "#999" }, s);
      svg("text", { x: left - 4, y: p.top + 9, "text-anchor": "end", "font-size": 10 }, s,
        Number(hi.toPrecision(2)).toString());
      svg("text", { x: left - 4, y: p.top + p.height, "text-anchor": "end", "font-size": 10 }, s,
        "0");
      svg("text", { x: left + 4, y: p.top + 11, "font-size": 11 }, s, p.label);
      [[p.train, TRAIN, null], [p.test, TEST, "5 3"]].forEach(function (spec) {
        var pts = spec[0].map(function (v, i) {
          return sx(run.epochs[i]).toFixed(1) + "," + p.sy(v).toFixed(1);
        }).join(" ");
        var line = svg("polyline", { points: pts, fill: "none", stroke: spec[1],
          "stroke-width": 2 }, s);
        if (spec[2]) line.setAttribute("stroke-dasharray", spec[2]);
        dots.push({ series: spec[0], sy: p.sy, node: svg("circle", { r: 3.5, fill: spec[1] }, s) });
      });
    });
    var marker = svg("line", { y1: 10, y2: h - 18, stroke: "#555", "stroke-width": 1.2 }, s);
    svg("text", { x: left, y: h - 4, "font-size": 10 }, s, String(e0));
    svg("text", { x: (left + w - right) / 2, y: h - 4, "text-anchor": "middle", "font-size": 10 },
      s, "epoch");
    svg("text", { x: w - right, y: h - 4, "text-anchor": "end", "font-size": 10 }, s, String(e1));
    var legend = svg("text", { x: w - right - 4, y: 12 + 11, "text-anchor": "end",
      "font-size": 10 }, s);
    svg("tspan", { style: "fill:" + TRAIN }, legend, "— train ");
    svg("tspan", { style: "fill:" + TEST }, legend, "- - test");
    return function (i) {
      var x = sx(run.epochs[i]);
      marker.setAttribute("x1", x);
      marker.setAttribute("x2", x);
      dots.forEach(function (d) {
        d.node.setAttribute("cx", x);
        d.node.setAttribute("cy", d.sy(d.series[i]));
      });
      s.setAttribute("aria-label", "Loss and accuracy curves; epoch " + run.epochs[i] +
        ": test loss " + fmt(run.test_loss[i]) + ", test accuracy " + fmt(run.test_acc[i]));
    };
  }

  /* The test confusion matrix; returns a function showing epoch index i. */
  function confusion(host, run) {
    var q = run.class_names.length, cell = 24, left = 34, top = 30;
    var size = left + q * cell + 6;
    var s = svg("svg", { viewBox: "0 0 " + size + " " + (top + q * cell + 6), role: "img" }, host);
    svg("text", { x: left + q * cell / 2, y: 10, "text-anchor": "middle", "font-size": 10 }, s,
      "predicted");
    var mid = top + q * cell / 2;
    svg("text", { x: 9, y: mid, "text-anchor": "middle", "font-size": 10,
      transform: "rotate(-90 9 " + mid + ")" }, s, "true");
    run.class_names.forEach(function (name, j) {
      svg("text", { x: left + (j + 0.5) * cell, y: top - 4, "text-anchor": "middle",
        "font-size": 9 }, s, name);
      svg("text", { x: left - 4, y: top + (j + 0.5) * cell + 3, "text-anchor": "end",
        "font-size": 9 }, s, name);
    });
    var rects = [], labels = [];
    for (var i = 0; i < q; i++) {
      rects.push([]); labels.push([]);
      for (var j = 0; j < q; j++) {
        rects[i].push(svg("rect", { x: left + j * cell, y: top + i * cell, width: cell,
          height: cell, stroke: "#fff" }, s));
        labels[i].push(svg("text", { x: left + (j + 0.5) * cell, y: top + (i + 0.5) * cell + 3,
          "text-anchor": "middle", "font-size": 9, "data-cell": i + "," + j }, s));
      }
    }
    return function (e) {
      var m = run.confusion[e], correct = 0, total = 0;
      for (var i = 0; i < q; i++) {
        var rowTotal = m[i].reduce(function (a, b) { return a + b; }, 0) || 1;
        for (var j = 0; j < q; j++) {
          var frac = m[i][j] / rowTotal;
          rects[i][j].setAttribute("fill", shade(frac, i === j));
          labels[i][j].textContent = m[i][j] ? String(m[i][j]) : "";
          labels[i][j].setAttribute("style", "fill:" + (frac > 0.55 ? "#fff" : "#222"));
          total += m[i][j];
          if (i === j) correct += m[i][j];
        }
      }
      s.setAttribute("aria-label", "Confusion matrix of the test set at epoch " + run.epochs[e] +
        ": " + correct + " of " + total + " on the diagonal");
    };
  }

  /* Reliability diagram: accuracy per confidence bin (bars) and its gap to the diagonal. */
  function reliability(host, run) {
    var w = 250, h = 262, left = 36, top = 22, size = 200, edges = run.bin_edges;
    var s = svg("svg", { viewBox: "0 0 " + w + " " + h, role: "img" }, host);
    svg("rect", { x: left, y: top, width: size, height: size, fill: "none", stroke: "#999" }, s);
    svg("line", { x1: left, y1: top + size, x2: left + size, y2: top, stroke: "#888",
      "stroke-dasharray": "4 3" }, s);
    var bars = [], gaps = [];
    for (var b = 0; b < edges.length - 1; b++) {
      bars.push(svg("rect", { fill: TRAIN, "fill-opacity": 0.8, stroke: "#fff" }, s));
      gaps.push(svg("rect", { fill: TEST, "fill-opacity": 0.55 }, s));
    }
    svg("text", { x: left + size / 2, y: top + size + 26, "text-anchor": "middle",
      "font-size": 10 }, s, "confidence (largest probability)");
    svg("text", { x: 10, y: top + size / 2, "text-anchor": "middle", "font-size": 10,
      transform: "rotate(-90 10 " + (top + size / 2) + ")" }, s, "accuracy");
    svg("text", { x: left, y: top + size + 12, "font-size": 9 }, s, "0");
    svg("text", { x: left + size, y: top + size + 12, "text-anchor": "end", "font-size": 9 }, s,
      "1");
    svg("text", { x: left - 4, y: top + 9, "text-anchor": "end", "font-size": 9 }, s, "1");
    // Above the frame: a bin with accuracy 1 fills the frame to its top edge.
    var ece = svg("text", { x: left, y: top - 8, "font-size": 10 }, s);
    return function (e) {
      for (var b = 0; b < edges.length - 1; b++) {
        var acc = run.bin_accuracy[e][b], conf = run.bin_confidence[e][b];
        var x0 = left + edges[b] * size, bw = (edges[b + 1] - edges[b]) * size;
        if (acc === null || conf === null) {
          bars[b].setAttribute("height", 0);
          gaps[b].setAttribute("height", 0);
          continue;
        }
        bars[b].setAttribute("x", x0); bars[b].setAttribute("width", bw);
        bars[b].setAttribute("y", top + (1 - acc) * size);
        bars[b].setAttribute("height", acc * size);
        var lo = Math.min(acc, conf), hi = Math.max(acc, conf);
        gaps[b].setAttribute("x", x0 + bw * 0.25); gaps[b].setAttribute("width", bw * 0.5);
        gaps[b].setAttribute("y", top + (1 - hi) * size);
        gaps[b].setAttribute("height", (hi - lo) * size);
      }
      ece.textContent = "ECE " + fmt(run.ece[e]);
      s.setAttribute("aria-label", "Reliability diagram at epoch " + run.epochs[e] +
        ", expected calibration error " + fmt(run.ece[e]));
    };
  }

  function mount(el, run) {
    function part(key) { return el.querySelector('[data-sl="' + key + '"]'); }
    var slider = part("epoch-slider"), play = part("play");
    var views = [
      curves(part("curves"), run),
      confusion(part("confusion"), run),
      reliability(part("reliability"), run),
    ];
    var numbers = {
      "epoch": function (i) { return String(run.epochs[i]); },
      "train-loss": function (i) { return run.train_loss[i]; },
      "test-loss": function (i) { return run.test_loss[i]; },
      "train-acc": function (i) { return run.train_acc[i]; },
      "test-acc": function (i) { return run.test_acc[i]; },
      "ece": function (i) { return run.ece[i]; },
    };
    var shown = -1;

    function show(i) {
      i = Math.max(0, Math.min(run.epochs.length - 1, i | 0));
      if (String(slider.value) !== String(i)) slider.value = i;
      slider.setAttribute("aria-valuetext", "epoch " + run.epochs[i] + " of " +
        run.epochs[run.epochs.length - 1]);
      Object.keys(numbers).forEach(function (key) {
        var v = numbers[key](i), node = part(key);
        if (typeof v === "string") node.textContent = v;
        else if (SoftmaxLab.ui) SoftmaxLab.ui.setNumber(node, v, 4);
        else node.textContent = fmt(v);
      });
      views.forEach(function (draw) { draw(i); });
      shown = i;
    }

    var timer = null;
    function setPlaying(on) {
      if (timer !== null) { clearInterval(timer); timer = null; }
      play.setAttribute("aria-pressed", on ? "true" : "false");
      if (!on) return;
      if (shown >= run.epochs.length - 1) show(0); // replay from the start
      timer = setInterval(function () {
        if (!el.isConnected || shown >= run.epochs.length - 1) { setPlaying(false); return; }
        show(shown + 1);
      }, 400);
    }
    play.addEventListener("click", function () { setPlaying(timer === null); });
    slider.addEventListener("input", function () { show(Number(slider.value)); });

    el.softmaxLab = { epochIndex: function () { return shown; }, show: show };
    show(Number(slider.value));
  }

  SoftmaxLab.explorers.scrubber = mount;
})(typeof window !== "undefined" ? window : globalThis);
