/* weights.js: the §3.4.2 explorer. A fully connected layer from the four pixels of a 2×2 image
 * to three logits, o = W x + b, drawn as a network whose 12 edges carry draggable weights.
 *
 * readout(state) mirrors softmax_lab.explorers.weights.weights_readout, which stays the source
 * of truth (golden vectors compare them); render() draws either host's readout and never computes.
 */

import { challengesPanel } from "./js/challenges.js";
import { footer, presetButtons } from "./js/controls.js";
import { h, setAttr, setText, svg } from "./js/dom.js";
import { setup } from "./js/explorer.js";
import { classNumber, formatNumber, showNumber } from "./js/format.js";
import { valueHandle } from "./js/handles.js";
import { highlighter } from "./js/highlight.js";
import { argmax, softmax, sum } from "./js/math.js";
import { TOY_CLASSES, brushControls, featureName, inkColor, inkContrast, pixelPainter, subscript } from "./js/pixels.js";
import { entryNamed } from "./js/state.js";

const INPUTS = 4;
const OUTPUTS = 3;
const KNOB = 44; // a knob's hit area (CSS px)
const KNOB_GAP = 46; // knob centres at least this far apart, across and along a column
const NODE_R = 20;
const PX_PER_WEIGHT = 30; // a vertical drag of 30 px changes a weight by 1
const MIN_WIDTH = 300; // narrower figures scroll sideways inside their box

const rowOf = (W, j) => W.slice(INPUTS * j, INPUTS * (j + 1));

/* Whether every row of W equals the first (then o_j − o_k = b_j − b_k for every image). */
function equalRows(W) {
  return W.every((w, i) => w === W[i % INPUTS]);
}

/* Every number the explorer shows: the products w_jk x_k, the logits o_j = Σ_k w_jk x_k + b_j
 * (summed left to right), softmax(o) and the predicted class; a note when the rows of W are equal. */
export function readout(state) {
  const x = state.pixels;
  const terms = [];
  for (let j = 0; j < OUTPUTS; j++) terms.push(rowOf(state.W, j).map((w, k) => w * x[k]));
  const o = terms.map((row, j) => sum(row) + state.b[j]);
  return {
    x: x.slice(),
    terms,
    o,
    p: softmax(o),
    predicted: argmax(o),
    messages: equalRows(state.W) ? [{ key: "weights.note_equal_rows", values: {} }] : [],
  };
}

export function check(state, config) {
  return true;
}

/* Where everything sits for a figure `width` CSS px wide. The knobs of output j stand on its
 * edges at one distance t_j from the inputs; columns are KNOB_GAP apart, and the inputs are far
 * enough apart that the knobs of one column (which converge towards the output) never touch. */
function networkLayout(available) {
  const width = Math.max(MIN_WIDTH, Math.floor(available));
  const xIn = NODE_R + 6;
  const xOut = width - NODE_R - 44;
  const span = xOut - xIn;
  // Columns at least a knob apart, and spread over the first half of a wide figure.
  const first = Math.max((NODE_R + KNOB / 2 + 4) / span, 0.12);
  const gap = Math.max(KNOB_GAP / span, 0.18);
  const t = Array.from({ length: OUTPUTS }, (_, j) => first + gap * j);
  const dy = Math.max(64, Math.ceil(KNOB_GAP / (1 - t[OUTPUTS - 1])));
  const top = 46;
  const yIn = Array.from({ length: INPUTS }, (_, k) => top + dy * k);
  const middle = top + (dy * (INPUTS - 1)) / 2;
  const yOut = Array.from({ length: OUTPUTS }, (_, j) => middle + (j - (OUTPUTS - 1) / 2) * dy);
  const knob = (j, k) => [xIn + t[j] * span, yIn[k] + t[j] * (yOut[j] - yIn[k])];
  return { width, height: yIn[INPUTS - 1] + NODE_R + 14, xIn, xOut, yIn, yOut, knob };
}

const CHALLENGES = [
  {
    id: "bias_only", goal: "weights.challenge_bias_only",
    check: (s, r, start) => r.predicted === 2 && same(s.W, start.W) && same(s.pixels, start.pixels) &&
      s.b[0] === start.b[0] && s.b[1] === start.b[1],
  },
  {
    id: "chicken", goal: "weights.challenge_chicken",
    check: (s, r, start) => r.predicted === 1 && same(s.W, start.W) && same(s.b, start.b),
  },
  { id: "equal_rows", goal: "weights.challenge_equal_rows", check: (s) => equalRows(s.W) },
];

function same(a, b) {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/* The signed number inside a sum: "(-0.2)" for a negative one. */
function factor(t, v) {
  return v < 0 ? t("weights.negative", { value: formatNumber(v) }) : formatNumber(v);
}

function render({ model, el }) {
  const ex = setup({ model, el });
  const { t } = ex;
  const palette = ex.config.palette;
  const hl = highlighter(ex.root);
  const wEntry = entryNamed(ex.table, "W");
  const bEntry = entryNamed(ex.table, "b");
  const className = (j) => t("image.class_named", { n: classNumber(j), name: t(TOY_CLASSES[j]) });
  const logitName = (j) => t("weights.logit_name", { n: subscript(j + 1) });
  const weightName = (j, k) => t("weights.weight_name", { n: subscript(`${j + 1}${k + 1}`) });
  const biasName = (j) => t("weights.bias_name", { n: subscript(j + 1) });

  const painter = pixelPainter(ex, { size: 56 });
  const brush = brushControls(ex);

  // The network: edges and nodes in SVG, one knob (an HTML handle) on each edge.
  const edges = svg("g");
  const nodes = svg("g");
  const headings = svg("g", { class: "sl-network-headings" });
  const drawing = svg("svg", { class: "sl-chart-svg", "aria-hidden": "true" }, [headings, edges, nodes]);
  const layer = h("div", { class: "sl-handle-layer" });
  const chart = h("div", { class: "sl-chart sl-network" }, [drawing, layer]);
  const figure = h("div", { class: "sl-figure" }, [chart]);
  const inputTitle = svg("text", { "text-anchor": "middle", text: t("weights.inputs") });
  const outputTitle = svg("text", { "text-anchor": "middle", text: t("weights.outputs") });
  headings.append(inputTitle, outputTitle);

  const inputNodes = Array.from({ length: INPUTS }, (_, k) => {
    const g = svg("g", { class: "sl-node" });
    const circle = svg("circle", { r: NODE_R, class: "sl-input-node" });
    const value = svg("text", { "text-anchor": "middle", class: "sl-node-value" });
    const name = svg("text", { "text-anchor": "middle", class: "sl-node-name", text: featureName(ex, k) });
    g.append(circle, value, name);
    nodes.appendChild(g);
    return { g, circle, value, name };
  });
  const outputNodes = Array.from({ length: OUTPUTS }, (_, j) => {
    const g = svg("g", { class: "sl-node sl-col", "data-index": j });
    g.style.setProperty("--sl-color", palette[j]);
    const circle = svg("circle", { r: NODE_R, class: "sl-output-node" });
    const name = svg("text", { "text-anchor": "middle", class: "sl-node-name", text: logitName(j) });
    const value = svg("text", { "text-anchor": "start", class: "sl-node-value", "data-name": "node_o" + j });
    g.append(circle, name, value);
    nodes.appendChild(g);
    hl.add(j, g);
    return { g, circle, name, value };
  });
  const links = [];
  for (let j = 0; j < OUTPUTS; j++) {
    for (let k = 0; k < INPUTS; k++) {
      const i = INPUTS * j + k;
      const line = svg("line", { class: "sl-edge", "data-output": j, "data-input": k });
      line.style.setProperty("--sl-color", palette[j]);
      edges.appendChild(line);
      const knob = valueHandle({
        label: t("weights.knob_label", { name: weightName(j, k), from: featureName(ex, k), to: logitName(j) }),
        min: wEntry.min,
        max: wEntry.max,
        step: wEntry.step,
        pxPerUnit: () => PX_PER_WEIGHT,
        get: () => ex.state().W[i],
        set: (v) => {
          const W = ex.state().W.slice();
          W[i] = v;
          ex.set({ W });
        },
        text: () => formatNumber(ex.state().W[i]),
      });
      knob.classList.add("sl-knob");
      knob.dataset.output = j;
      knob.dataset.input = k;
      knob.style.setProperty("--sl-color", palette[j]);
      const face = h("span", { class: "sl-knob-face" });
      knob.appendChild(face);
      layer.appendChild(knob);
      hl.add(j, knob);
      hl.add(j, line);
      links.push({ j, k, i, line, knob, face });
    }
  }

  // W and b as typed numbers: row j of W beside b_j, the same row the knobs of output j set.
  const matrixError = h("p", { class: "sl-control-error", role: "status" });
  const cellInputs = [];
  function numberCell(name, label, entry, get, put) {
    const input = h("input", {
      type: "number", min: entry.min, max: entry.max, step: entry.step, inputmode: "decimal",
      "data-control": name, "aria-label": label,
    });
    const commit = () => {
      const v = input.value.trim() === "" ? NaN : Number(input.value);
      const ok = Number.isFinite(v) && v >= entry.min && v <= entry.max;
      input.toggleAttribute("aria-invalid", !ok);
      setText(matrixError, ok ? "" : t("common.out_of_range", { min: entry.min, max: entry.max }));
      if (ok) put(v);
    };
    input.addEventListener("change", commit);
    input.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter") commit();
    });
    cellInputs.push({ input, get });
    return h("td", {}, [input]);
  }
  const matrixRows = Array.from({ length: OUTPUTS }, (_, j) => {
    const tr = h("tr", { "data-index": j }, [
      h("th", { scope: "row" }, [h("span", { class: "sl-ink", style: `background:${palette[j]}` }), logitName(j)]),
      ...Array.from({ length: INPUTS }, (_, k) => numberCell(`W${j}${k}`, weightName(j, k), wEntry,
        (s) => s.W[INPUTS * j + k], (v) => {
          const W = ex.state().W.slice();
          W[INPUTS * j + k] = v;
          ex.set({ W });
        })),
      numberCell(`b${j}`, biasName(j), bEntry, (s) => s.b[j], (v) => {
        const b = ex.state().b.slice();
        b[j] = v;
        ex.set({ b });
      }),
    ]);
    hl.add(j, tr);
    return tr;
  });
  const matrix = h("div", { class: "sl-table-wrap" }, [
    h("table", { class: "sl-table sl-matrix" }, [
      h("caption", { class: "sl-caption", text: t("weights.matrix_caption") }),
      h("thead", {}, [h("tr", {}, [
        h("th", { scope: "col", text: t("weights.col_output") }),
        ...Array.from({ length: INPUTS }, (_, k) => h("th", { scope: "col", text: featureName(ex, k) })),
        h("th", { scope: "col", text: t("weights.col_bias") }),
      ])]),
      h("tbody", {}, matrixRows),
    ]),
    matrixError,
  ]);

  // Each logit as its sum, then all of them with softmax(o).
  const equations = Array.from({ length: OUTPUTS }, (_, j) => {
    const p = h("p", { class: "sl-equation", "data-index": j, "data-name": "equation" + j });
    p.style.setProperty("--sl-color", palette[j]);
    hl.add(j, p);
    return p;
  });
  const logitCells = Array.from({ length: OUTPUTS }, (_, j) => {
    const o = h("span", { class: "sl-num", "data-name": "o" + j });
    const p = h("span", { class: "sl-num", "data-name": "p" + j });
    const tr = h("tr", { "data-index": j }, [
      h("th", { scope: "row" }, [h("span", { class: "sl-ink", style: `background:${palette[j]}` }), className(j)]),
      h("td", {}, [o]),
      h("td", {}, [p]),
    ]);
    hl.add(j, tr);
    return { tr, o, p };
  });
  const logits = h("div", { class: "sl-table-wrap" }, [
    h("table", { class: "sl-table" }, [
      h("caption", { class: "sl-caption", text: t("weights.logits_caption") }),
      h("thead", {}, [h("tr", {}, ["weights.col_class", "weights.col_logit", "weights.col_probability"].map((key) =>
        h("th", { scope: "col", text: t(key) })))]),
      h("tbody", {}, logitCells.map((c) => c.tr)),
    ]),
  ]);
  const predicted = h("span", { "data-name": "predicted" });
  const messages = h("div", { class: "sl-messages", role: "status", "aria-live": "polite" });
  const challenges = challengesPanel(ex, CHALLENGES.map((c) => ({ ...c, check: (s, r) => c.check(s, r, ex.initial) })));

  ex.root.append(
    h("p", { class: "sl-title", text: t("weights.title") }),
    h("p", { class: "sl-help", text: t("weights.help") }),
    h("div", { class: "sl-image-row" }, [
      h("div", {}, [h("p", { class: "sl-label", text: t("weights.image") }), painter.el]),
      brush.el,
    ]),
    figure,
    h("div", { class: "sl-equations" }, equations),
    h("div", { class: "sl-readout" }, [h("div", {}, [h("span", { class: "sl-label", text: t("weights.predicted") }), predicted])]),
    messages,
    h("div", { class: "sl-tables" }, [logits, matrix]),
    presetButtons(ex),
    challenges.el,
    footer(ex),
  );

  let drawnWidth = null;
  function place(layout) {
    setAttr(drawing, "width", layout.width);
    setAttr(drawing, "height", layout.height);
    setAttr(drawing, "viewBox", `0 0 ${layout.width} ${layout.height}`);
    chart.style.width = layout.width + "px";
    chart.style.height = layout.height + "px";
    for (const [node, x] of [[inputTitle, layout.xIn], [outputTitle, layout.xOut]]) {
      setAttr(node, "x", x);
      setAttr(node, "y", 18);
    }
    inputNodes.forEach((n, k) => {
      const y = layout.yIn[k];
      for (const [a, v] of [["cx", layout.xIn], ["cy", y]]) setAttr(n.circle, a, v);
      setAttr(n.name, "x", layout.xIn);
      setAttr(n.name, "y", y - 3);
      setAttr(n.value, "x", layout.xIn);
      setAttr(n.value, "y", y + 11);
    });
    outputNodes.forEach((n, j) => {
      const y = layout.yOut[j];
      for (const [a, v] of [["cx", layout.xOut], ["cy", y]]) setAttr(n.circle, a, v);
      setAttr(n.name, "x", layout.xOut);
      setAttr(n.name, "y", y + 4);
      setAttr(n.value, "x", layout.xOut + NODE_R + 6);
      setAttr(n.value, "y", y + 4);
    });
    for (const { j, k, line, knob } of links) {
      for (const [a, v] of [["x1", layout.xIn], ["y1", layout.yIn[k]], ["x2", layout.xOut], ["y2", layout.yOut[j]]]) setAttr(line, a, v);
      const [x, y] = layout.knob(j, k);
      knob.style.transform = `translate(${(x - KNOB / 2).toFixed(1)}px, ${(y - KNOB / 2).toFixed(1)}px)`;
    }
  }

  function drawMessages(r) {
    const key = JSON.stringify(r.messages);
    if (messages.dataset.shown === key) return;
    messages.dataset.shown = key;
    messages.replaceChildren(...r.messages.map((m) => h("p", { class: "sl-note", "data-message": m.key, text: t(m.key, m.values) })));
  }

  let width = null; // the figure's width, read only when it may have changed (reading forces a layout)
  ex.onDraw((s, r) => {
    if (width === null) width = figure.clientWidth || 600;
    if (width !== drawnWidth) {
      place(networkLayout(width));
      drawnWidth = width;
    }
    painter.update(s);
    brush.update(s);
    s.pixels.forEach((v, k) => {
      const n = inputNodes[k];
      n.circle.style.fill = inkColor(v);
      n.value.style.fill = inkContrast(v);
      n.name.style.fill = inkContrast(v);
      setText(n.value, formatNumber(v));
    });
    for (const { i, line, knob, face } of links) {
      const w = s.W[i];
      setAttr(line, "stroke-width", (1 + 2 * Math.abs(w)).toFixed(2));
      line.classList.toggle("sl-negative", w < 0);
      setText(face, formatNumber(w));
      knob.refresh();
    }
    for (const { input, get } of cellInputs) {
      const text = String(get(s));
      if (document.activeElement !== input && input.value !== text) {
        input.value = text;
        input.removeAttribute("aria-invalid");
      }
    }
    if (!r) return;
    outputNodes.forEach((n, j) => showNumber(n.value, r.o[j]));
    equations.forEach((p, j) => {
      const terms = rowOf(s.W, j).map((w, k) => t("weights.term", { w: factor(t, w), x: formatNumber(s.pixels[k]) }));
      setText(p, t("weights.equation", {
        name: logitName(j), terms: terms.join(" + "), b: factor(t, s.b[j]), value: formatNumber(r.o[j]),
      }));
    });
    logitCells.forEach((c, j) => {
      showNumber(c.o, r.o[j]);
      showNumber(c.p, r.p[j]);
      c.tr.classList.toggle("sl-chosen", j === r.predicted);
    });
    setText(predicted, className(r.predicted));
    predicted.setAttribute("data-value", r.predicted);
    drawMessages(r);
    challenges.update(s, r);
  });

  const resized = new ResizeObserver(() => {
    width = figure.clientWidth || 600;
    if (width !== drawnWidth) ex.draw();
  });
  resized.observe(figure);
  ex.draw();
  return () => {
    resized.disconnect();
    ex.cleanup();
  };
}

export default { render };
