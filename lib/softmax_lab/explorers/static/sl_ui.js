/* sl_ui.js: small DOM helpers shared by the kernel-free explorers (no math here: see sl_math.js).
 * Labelled range/select/checkbox controls, number formatting and number cells that carry their
 * full-precision value in data-value (browser tests compare those with softmax_lab). */
(function (root) {
  "use strict";
  var SoftmaxLab = (root.SoftmaxLab = root.SoftmaxLab || {});
  SoftmaxLab.explorers = SoftmaxLab.explorers || {};
  if (SoftmaxLab.ui) return;

  var SVG_NS = "http://www.w3.org/2000/svg";

  /* Element with attributes (on* keys become listeners) and children (strings or nodes). */
  function el(tag, attrs, children, ns) {
    var node = ns ? document.createElementNS(ns, tag) : document.createElement(tag);
    attrs = attrs || {};
    Object.keys(attrs).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k.slice(0, 2) === "on" && typeof v === "function") node.addEventListener(k.slice(2), v);
      else if (k === "text") node.textContent = v;
      else node.setAttribute(k, v === true ? "" : String(v));
    });
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) return;
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function svg(tag, attrs, children) { return el(tag, attrs, children, SVG_NS); }

  /* Same rules as softmax_lab.explorers._base.format_number. */
  function fmt(x, digits) {
    digits = digits === undefined ? 4 : digits;
    if (Number.isNaN(x)) return "NaN";
    if (x === Infinity) return "∞";
    if (x === -Infinity) return "−∞";
    if (x !== 0 && (Math.abs(x) < 1e-4 || Math.abs(x) >= 1e5)) return x.toExponential(3);
    var s = x.toFixed(digits);
    return s.charAt(0) === "-" && Number(s) === 0 ? s.slice(1) : s;
  }

  /* Show x in node and keep its exact value (shortest round-trip form) in data-value. */
  function setNumber(node, x, digits) {
    var text = fmt(x, digits);
    if (node.textContent !== text) node.textContent = text;
    node.setAttribute("data-value", String(x));
  }

  function number(name, digits) {
    return el("span", { "class": "sl-num", "data-name": name, "data-digits": digits });
  }

  /* A labelled <input type=range> with an <output> showing its value. */
  function range(id, label, opts) {
    var input = el("input", {
      type: "range", id: id, min: opts.min, max: opts.max, step: opts.step, value: opts.value,
      "data-control": opts.name || id,
    });
    var out = el("output", { "for": id, "aria-hidden": "true" });
    var show = opts.show || function (v) { return fmt(v, opts.digits === undefined ? 2 : opts.digits); };
    function refresh(exact) {
      // exact: the true value where the input had to round it to its step (e.g. 0.125)
      var text = show(typeof exact === "number" ? exact : Number(input.value));
      out.textContent = text;
      input.setAttribute("aria-valuetext", text);
    }
    input.addEventListener("input", function () { refresh(); });
    refresh(Number(opts.value));
    var wrap = el("div", { "class": "sl-control" }, [
      el("label", { "for": id }, [label, " ", out]),
      input,
    ]);
    return { wrap: wrap, input: input, output: out, refresh: refresh };
  }

  /* A labelled <select>; options are [value, text] pairs. */
  function select(id, label, options, value, name) {
    var input = el("select", { id: id, "data-control": name || id });
    setOptions(input, options, value);
    var wrap = el("div", { "class": "sl-control" }, [el("label", { "for": id, text: label }), input]);
    return { wrap: wrap, input: input };
  }

  function setOptions(selectNode, options, value) {
    selectNode.textContent = "";
    options.forEach(function (o) {
      var opt = el("option", { value: o[0], text: o[1] });
      if (String(o[0]) === String(value)) opt.selected = true;
      selectNode.appendChild(opt);
    });
  }

  function checkbox(id, label, checked, name) {
    var input = el("input", { type: "checkbox", id: id, "data-control": name || id });
    input.checked = !!checked;
    var wrap = el("div", { "class": "sl-control sl-check" }, [input, el("label", { "for": id, text: label })]);
    return { wrap: wrap, input: input };
  }

  /* A table: header cells and rows of cells (strings or nodes); the first cell is a row header. */
  function table(caption, head, rows) {
    var thead = el("thead", {}, [el("tr", {}, head.map(function (h) {
      return el("th", { scope: "col" }, [h]);
    }))]);
    var tbody = el("tbody", {}, rows.map(function (cells) {
      return el("tr", {}, cells.map(function (c, i) {
        return i === 0 ? el("th", { scope: "row" }, [c]) : el("td", {}, [c]);
      }));
    }));
    return el("div", { "class": "sl-table-wrap" }, [
      el("table", { "class": "sl-table" }, [el("caption", { "class": "sl-help", text: caption }), thead, tbody]),
    ]);
  }

  /* A 2x2 grayscale image (0 black, 1 white) as an <svg>; paint(pixels) redraws it. */
  function pixelImage() {
    var image = svg("svg", { viewBox: "0 0 84 84", width: 84, height: 84, role: "img" });
    var cells = [0, 1, 2, 3].map(function (i) {
      var r = svg("rect", {
        x: 2 + 40 * (i % 2), y: 2 + 40 * Math.floor(i / 2), width: 40, height: 40, "class": "sl-pixel-cell",
      });
      image.appendChild(r);
      return r;
    });
    function paint(pixels) {
      pixels.forEach(function (v, i) {
        var g = Math.round(255 * v);
        cells[i].setAttribute("fill", "rgb(" + g + "," + g + "," + g + ")");
      });
      image.setAttribute("aria-label", "2 by 2 image, intensities " +
        pixels.map(function (v) { return v.toFixed(2); }).join(", "));
    }
    return { svg: image, paint: paint };
  }

  SoftmaxLab.ui = {
    pixelImage: pixelImage,
    el: el, svg: svg, fmt: fmt, setNumber: setNumber, number: number, range: range,
    select: select, setOptions: setOptions, checkbox: checkbox, table: table,
  };
})(typeof window !== "undefined" ? window : globalThis);
