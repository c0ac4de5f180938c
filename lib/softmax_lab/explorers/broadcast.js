/* broadcast.js: the softmax of a minibatch (§3.4.5), normalised along the right axis or not.
 *
 *   E = np.exp(O); S = E.sum(axis=axis, keepdims=keepdims); P = E / S
 *
 * readout(state) mirrors softmax_lab.explorers.broadcast.broadcast_readout (which runs NumPy
 * itself), the source of truth: golden vectors compare them. Broadcasting follows NumPy's rule:
 * shapes lined up from the right; an axis of length 1, or a missing one, is stretched.
 * In a kernel, implementation "yours" runs the learner's softmax_fn(O) instead (Python only).
 * render() draws either host's readout and never computes one.
 */

import { challengesPanel } from "./js/challenges.js";
import { choiceControl, footer, selectControl, toggleControl } from "./js/controls.js";
import { h, setText } from "./js/dom.js";
import { setup } from "./js/explorer.js";
import { classNumber, formatNumber, showNumber } from "./js/format.js";
import { valueHandle } from "./js/handles.js";
import { entryNamed } from "./js/state.js";

const PX_PER_UNIT = 20; // a cell's logit moves one unit per 20 px of drag

const OUTCOME_KEYS = {
  right: "broadcast.outcome_right",
  columns: "broadcast.outcome_columns",
  mixed: "broadcast.outcome_mixed",
  error: "broadcast.outcome_error",
};

/* Row-major logits of shape [n, q] refitted to [m, r]: the overlap is kept, new cells are 0. */
export function resize(logits, [n, q], [m, r]) {
  const out = [];
  for (let i = 0; i < m; i++) for (let j = 0; j < r; j++) out.push(i < n && j < q ? logits[i * q + j] : 0);
  return out;
}

/* A shape as Python prints it, (3, 4) and (3,), or compact as NumPy's error does: (3,4). */
export function shapeText(shape, compact = false) {
  const inner = shape.join(compact ? "," : ", ");
  return shape.length === 1 ? `(${inner},)` : `(${inner})`;
}

/* How broadcasting pairs the axes of a (2-D) and b, lined up from the right. */
function alignment(a, b) {
  return a.map((e, k) => {
    const at = k - (a.length - b.length);
    const s = at >= 0 ? b[at] : null;
    if (s === null) return { e, s, size: e, rule: "missing" };
    if (s === e) return { e, s, size: e, rule: "same" };
    if (s === 1 || e === 1) return { e, s, size: Math.max(s, e), rule: "stretch" };
    return { e, s, size: null, rule: "clash" };
  });
}

/* E summed along axis: the sums (flat) and their shape, as NumPy's sum(axis, keepdims) gives. */
function sumAlong(E, axis, keepdims) {
  const n = E.length;
  const q = E[0].length;
  if (axis === 1) {
    const values = E.map((row) => row.reduce((a, b) => a + b, 0));
    return { values, shape: keepdims ? [n, 1] : [n] };
  }
  const values = E[0].map((_, j) => E.reduce((a, row) => a + row[j], 0));
  return { values, shape: keepdims ? [1, q] : [q] };
}

function outcomeOf(axis, divisor) {
  if (axis === 1 && divisor.every((row, i) => row.every((k) => k === i))) return "right";
  return axis === 0 ? "columns" : "mixed";
}

function notes(state, outcome) {
  const n = state.rows;
  const q = state.cols;
  const out = [{ key: OUTCOME_KEYS[outcome], values: { n, q } }];
  if (state.axis === 1 && !state.keepdims && n === 1) out.push({ key: "broadcast.note_lucky", values: {} });
  if (state.axis === 0 && !state.keepdims) out.push({ key: "broadcast.note_keepdims_moot", values: { q } });
  return out;
}

export function readout(state) {
  const n = state.rows;
  const q = state.cols;
  const O = Array.from({ length: n }, (_, i) => state.logits.slice(i * q, (i + 1) * q));
  const E = O.map((row) => row.map(Math.exp));
  const S = sumAlong(E, state.axis, state.keepdims);
  const align = alignment([n, q], S.shape);
  const fails = align.some((a) => a.rule === "clash");
  let P = null;
  let divisor = null;
  if (!fails) {
    // S as a 2-D [a, b] (a 1-D shape is a row); a length-1 axis repeats its one entry.
    const [a, b] = S.shape.length === 1 ? [1, S.shape[0]] : S.shape;
    divisor = E.map((row, i) => row.map((_, j) => (a === 1 ? 0 : i) * b + (b === 1 ? 0 : j)));
    P = E.map((row, i) => row.map((x, j) => x / S.values[divisor[i][j]]));
  }
  const outcome = P === null ? "error" : outcomeOf(state.axis, divisor);
  return {
    o: O,
    e: E,
    s: S.values,
    shape_o: [n, q],
    shape_s: S.shape,
    shape_p: P === null ? null : [n, q],
    align,
    p: P,
    divisor,
    row_sums: P === null ? null : P.map((row) => row.reduce((x, y) => x + y, 0)),
    col_sums: P === null ? null : P[0].map((_, j) => P.reduce((x, row) => x + row[j], 0)),
    outcome,
    messages: notes(state, outcome),
    error: fails ? { key: "broadcast.error", values: { a: shapeText([n, q], true), b: shapeText(S.shape, true) } } : null,
  };
}

/* A link must hold rows × cols logits, and "yours" needs the learner's function. */
export function check(state, config) {
  return state.logits.length === state.rows * state.cols &&
    (state.implementation !== "yours" || (config.hooks || []).includes("softmax_fn"));
}

const numpyOnly = (s) => s.implementation === "numpy"; // about axis and keepdims in the code
const CHALLENGES = [
  { id: "rows", goal: "broadcast.challenge_rows", check: (s, r) => r.outcome === "right" },
  { id: "error", goal: "broadcast.challenge_error", when: numpyOnly, check: (s, r) => r.error !== null },
  {
    id: "silent", goal: "broadcast.challenge_silent", when: numpyOnly,
    check: (s, r) => s.axis === 1 && !s.keepdims && r.outcome === "mixed",
  },
  {
    id: "lucky", goal: "broadcast.challenge_lucky", when: numpyOnly,
    check: (s, r) => s.axis === 1 && !s.keepdims && r.outcome === "right",
  },
];

/* The three lines of code, with axis and keepdims chosen in the second. */
function codePanel(ex) {
  const { t } = ex;
  const pick = (name, options) => {
    const select = h("select", { "data-control": name, "aria-label": t(entryNamed(ex.table, name).label) },
      options.map(([value, text]) => h("option", { value, text })));
    select.addEventListener("change", () => ex.set({ [name]: name === "axis" ? Number(select.value) : select.value === "true" }));
    return select;
  };
  const axis = pick("axis", [["0", "0"], ["1", "1"]]);
  const keepdims = pick("keepdims", [["true", t("broadcast.true")], ["false", t("broadcast.false")]]);
  const comments = [0, 1, 2, 3].map((k) => h("span", { class: "sl-code-comment", "data-name": "comment" + k }));
  const line = (parts, k) => h("div", { class: "sl-code-line" }, [h("code", {}, parts), comments[k]]);
  const numpyLines = [
    line([t("broadcast.code_exp")], 0),
    line([t("broadcast.code_sum_start"), axis, t("broadcast.code_sum_mid"), keepdims, t("broadcast.code_sum_end")], 1),
    line([t("broadcast.code_divide")], 2),
  ];
  const yoursLine = line([t("broadcast.code_yours")], 3);
  const el = h("div", { class: "sl-code", role: "group", "aria-label": t("broadcast.code_label") }, [...numpyLines, yoursLine]);
  function update(s, r) {
    axis.value = String(s.axis);
    keepdims.value = String(s.keepdims);
    const yours = s.implementation === "yours";
    numpyLines.forEach((node) => (node.hidden = yours));
    yoursLine.hidden = !yours;
    if (!r) return;
    if (yours) {
      const shapes = { a: shapeText(r.shape_o), p: r.shape_p ? shapeText(r.shape_p) : "" };
      setText(comments[3], t(r.shape_p ? "broadcast.code_yours_shapes" : "broadcast.code_yours_fails", shapes));
      comments[3].classList.toggle("sl-bad", !r.shape_p);
      return;
    }
    setText(comments[0], t("broadcast.code_shape", { shape: shapeText(r.shape_o) }));
    setText(comments[1], t("broadcast.code_shape", { shape: shapeText(r.shape_s) }));
    const sides = { a: shapeText(r.shape_o), b: shapeText(r.shape_s) };
    setText(comments[2], r.shape_p
      ? t("broadcast.code_broadcast", { ...sides, p: shapeText(r.shape_p) })
      : t("broadcast.code_fails", sides));
    comments[2].classList.toggle("sl-bad", !r.shape_p);
  }
  return { el, update };
}

/* The broadcasting rule, axis by axis: E's size, S's size (or none), and what happens. */
function alignPanel(ex) {
  const { t } = ex;
  const head = h("tr", {}, [h("td")]);
  const rows = ["broadcast.align_e", "broadcast.align_s", "broadcast.align_result"].map((key) =>
    h("tr", {}, [h("th", { scope: "row", text: t(key) })]));
  const el = h("div", { class: "sl-table-wrap" }, [h("table", { class: "sl-table sl-align" }, [
    h("caption", { class: "sl-caption", text: t("broadcast.align_caption") }),
    h("thead", {}, [head]),
    h("tbody", {}, rows),
  ])]);
  const RULES = {
    same: "broadcast.rule_same", stretch: "broadcast.rule_stretch",
    missing: "broadcast.rule_missing", clash: "broadcast.rule_clash",
  };
  function update(r) {
    el.hidden = r.align === null; // a learner's softmax_fn: no S to line up
    const key = JSON.stringify(r.align);
    if (el.dataset.shown === key || r.align === null) return;
    el.dataset.shown = key;
    head.replaceChildren(h("td"), ...r.align.map((_, k) => h("th", { scope: "col", text: t("broadcast.align_axis", { k }) })));
    const cells = [
      r.align.map((a) => String(a.e)),
      r.align.map((a) => (a.s === null ? t("broadcast.align_missing") : String(a.s))),
      r.align.map((a) => t(RULES[a.rule], a)),
    ];
    rows.forEach((tr, k) => tr.replaceChildren(tr.firstChild, ...cells[k].map((text, m) =>
      h("td", { class: k === 2 ? "sl-rule-" + r.align[m].rule : null, text })))); // a rule's class colours it
  }
  return { el, update };
}

/* A grid of numbers with row and column headers (examples 1..n, classes 1..q). */
function matrixGrid({ rows, cols, extraCol = null, extraRow = null, cell }) {
  const cells = [];
  const grid = h("div", { class: "sl-matrix" });
  grid.style.gridTemplateColumns = `1.5rem repeat(${cols}, minmax(2.9rem, auto))` + (extraCol ? " minmax(3.2rem, auto)" : "");
  grid.append(h("span", { class: "sl-matrix-head" }));
  for (let j = 0; j < cols; j++) grid.append(h("span", { class: "sl-matrix-head", text: String(classNumber(j)) }));
  if (extraCol) grid.append(h("span", { class: "sl-matrix-head", text: extraCol.label }));
  for (let i = 0; i < rows; i++) {
    grid.append(h("span", { class: "sl-matrix-head", text: String(classNumber(i)) }));
    cells.push(Array.from({ length: cols }, (_, j) => {
      const c = cell(i, j);
      grid.append(c);
      return c;
    }));
    if (extraCol) grid.append(extraCol.cell(i));
  }
  if (extraRow) {
    grid.append(h("span", { class: "sl-matrix-head", text: extraRow.label }));
    for (let j = 0; j < cols; j++) grid.append(extraRow.cell(j));
  }
  return { grid, cells };
}

/* What the grids are built for: a new key rebuilds them. */
function viewKey(s, r) {
  return JSON.stringify([s.rows, s.cols, s.implementation, r.shape_s, !!r.shape_p]);
}

function panel(title, body) {
  return h("figure", { class: "sl-panel" }, [h("figcaption", { class: "sl-chart-title", text: title }), body]);
}

function render({ model, el }) {
  const ex = setup({ model, el });
  const { t } = ex;
  const logitEntry = entryNamed(ex.table, "logits");
  const code = codePanel(ex);
  const align = alignPanel(ex);
  /* The batch shape: a new size refits O (the overlap is kept, new cells are 0). */
  const sizeControl = (name) => {
    const entry = entryNamed(ex.table, name);
    return selectControl(ex, {
      name, label: entry.label,
      options: () => Array.from({ length: entry.max - entry.min + 1 }, (_, k) => [entry.min + k, String(entry.min + k)]),
      value: (s) => s[name],
      choose: (v) => {
        const s = ex.state();
        const next = { rows: s.rows, cols: s.cols, [name]: Number(v) };
        ex.set({ [name]: Number(v), logits: resize(s.logits, [s.rows, s.cols], [next.rows, next.cols]) });
      },
    });
  };
  const implementation = choiceControl(ex, "implementation", (c) => c !== "yours" || ex.hooks.includes("softmax_fn"));
  const controls = [sizeControl("rows"), sizeControl("cols"), toggleControl(ex, "precise")];
  if (ex.hooks.length) controls.unshift(implementation);
  const panels = h("div", { class: "sl-panels" });
  const messages = h("div", { class: "sl-messages", role: "status", "aria-live": "polite" });
  const errorBox = h("p", { class: "sl-error sl-code-error", "data-name": "error" });
  const challenges = challengesPanel(ex, CHALLENGES);

  const parts = [
    h("p", { class: "sl-title", text: t("broadcast.title") }),
    h("p", { class: "sl-help", text: t("broadcast.help") }),
    ex.hooks.length ? h("p", { class: "sl-help", text: t("broadcast.hooks_help") }) : null,
    code.el,
    h("div", { class: "sl-controls" }, controls.map((c) => c.el)),
    align.el,
    panels,
    messages,
    challenges.el,
    footer(ex),
  ];
  ex.root.append(...parts.filter(Boolean));

  /* Built for one shape; rebuilt when rows or cols change. */
  let view = null;
  let focus = null; // {cell: [i, j]} | {row: i} | {col: j}: what the reader points at or focuses

  function pointable(node, target) {
    node.addEventListener("pointerenter", () => setFocus(target));
    node.addEventListener("pointerleave", () => setFocus(null));
    node.addEventListener("focusin", () => setFocus(target));
    node.addEventListener("focusout", () => setFocus(null));
    return node;
  }

  function build(s, r) {
    const { rows, cols } = s;
    const num = (name) => h("span", { class: "sl-num sl-cell", "data-name": name });
    const o = matrixGrid({
      rows, cols,
      cell: (i, j) => {
        const k = i * cols + j;
        const handle = valueHandle({
          label: t("broadcast.cell_handle", { i: classNumber(i), j: classNumber(j) }),
          min: logitEntry.min, max: logitEntry.max, step: logitEntry.step,
          get: () => ex.state().logits[k],
          set: (v) => {
            const logits = ex.state().logits.slice();
            logits[k] = v;
            ex.set({ logits });
          },
          pxPerUnit: () => PX_PER_UNIT,
          text: () => formatNumber(ex.state().logits[k]),
        });
        handle.classList.add("sl-cell");
        handle.dataset.name = "o" + k;
        handle.append(h("span", { class: "sl-num" }));
        return pointable(handle, { cell: [i, j] });
      },
    });
    const e = matrixGrid({ rows, cols, cell: (i, j) => pointable(num("e" + (i * cols + j)), { cell: [i, j] }) });
    // S: its own entries where they sit in the stretched (broadcast) grid, or alone when it
    // fails; none when the learner's softmax_fn computes P.
    let sGrid = null;
    if (r.shape_s) {
      const sShape = r.shape_s.length === 1 ? [1, r.shape_s[0]] : r.shape_s;
      sGrid = r.shape_p
        ? matrixGrid({ rows, cols, cell: (i, j) => pointable(num("s_at" + (i * cols + j)), { cell: [i, j] }) })
        : matrixGrid({ rows: sShape[0], cols: sShape[1], cell: (i, j) => num("s" + (i * sShape[1] + j)) });
    }
    let p = null;
    if (r.shape_p) {
      p = matrixGrid({
        rows, cols,
        cell: (i, j) => pointable(num("p" + (i * cols + j)), { cell: [i, j] }),
        extraCol: { label: t("broadcast.row_sum"), cell: (i) => pointable(num("row_sum" + i), { row: i }) },
        extraRow: { label: t("broadcast.col_sum"), cell: (j) => pointable(num("col_sum" + j), { col: j }) },
      });
    }
    const yours = s.implementation === "yours";
    panels.replaceChildren(...[
      panel(t("broadcast.panel_o"), o.grid),
      yours ? null : panel(t("broadcast.panel_e"), e.grid),
      sGrid ? panel(t(r.shape_p ? "broadcast.panel_s" : "broadcast.panel_s_alone", { shape: shapeText(r.shape_s), to: shapeText(r.shape_o) }), sGrid.grid) : null,
      panel(t(yours ? "broadcast.panel_p_yours" : r.shape_p ? "broadcast.panel_p" : "broadcast.panel_p_fails"), r.shape_p ? p.grid : errorBox),
    ].filter(Boolean));
    return { key: viewKey(s, r), o, e, s: sGrid, p };
  }

  function setFocus(target) {
    focus = target;
    paint();
  }

  /* Linked highlighting: a cell, the entry of S that divides it and the cells summed into that
   * entry; a row or column sum and its cells of P. */
  function paint() {
    if (!view) return;
    const s = ex.state();
    const r = ex.readout();
    const all = [view.o, view.e, view.s, view.p].filter(Boolean).flatMap((g) => g.cells.flat());
    for (const node of all) node.classList.remove("sl-hl", "sl-hl-group");
    const mark = (grid, i, j, cls) => grid && grid.cells[i] && grid.cells[i][j] && grid.cells[i][j].classList.add(cls);
    if (!focus || !r || !view.p) return;
    if (!r.divisor) {
      if (focus.cell) for (const g of [view.o, view.e, view.p]) mark(g, focus.cell[0], focus.cell[1], "sl-hl");
      return;
    }
    if (focus.cell) {
      const [i, j] = focus.cell;
      const k = r.divisor[i][j];
      for (const g of [view.o, view.e, view.s, view.p]) mark(g, i, j, "sl-hl");
      // The cells of E added up into S[k]: a row of E for axis=1, a column for axis=0.
      for (let a = 0; a < s.rows; a++) {
        for (let b = 0; b < s.cols; b++) {
          if ((s.axis === 1 ? a : b) === k) mark(view.e, a, b, "sl-hl-group");
          if (r.divisor[a][b] === k) mark(view.s, a, b, "sl-hl-group");
        }
      }
    } else if (focus.row !== undefined) {
      for (let b = 0; b < s.cols; b++) mark(view.p, focus.row, b, "sl-hl-group");
    } else {
      for (let a = 0; a < s.rows; a++) mark(view.p, a, focus.col, "sl-hl-group");
    }
  }

  function drawMessages(r) {
    const list = r.messages;
    const key = JSON.stringify(list);
    if (messages.dataset.shown === key) return;
    messages.dataset.shown = key;
    // The first message says how it turned out; the others add a remark.
    messages.replaceChildren(...list.map((m, k) =>
      h("p", {
        class: k > 0 ? "sl-help" : r.outcome === "right" ? "sl-note" : "sl-warning",
        "data-message": m.key, text: t(m.key, m.values),
      })));
  }

  ex.onDraw((s, fromModel) => {
    for (const c of controls) c.update(s);
    // In a kernel the readout arrives a moment after the state: draw only one that fits it.
    const r = fromModel && fromModel.shape_o[0] === s.rows && fromModel.shape_o[1] === s.cols &&
      fromModel.o.flat().every((v, k) => v === s.logits[k]) ? fromModel : null;
    code.update(s, r);
    const showLogits = () => view.o.cells.flat().forEach((node, k) => {
      setText(node.lastChild, formatNumber(s.logits[k]));
      node.refresh();
    });
    if (!r) {
      if (view && view.o.cells.length === s.rows && view.o.cells[0].length === s.cols) showLogits();
      return;
    }
    align.update(r);
    if (!view || view.key !== viewKey(s, r)) {
      view = build(s, r);
      focus = null;
    }
    showLogits();
    const show = (grid, values) => grid.cells.forEach((row, i) => row.forEach((node, j) => showNumber(node, values(i, j), s.precise)));
    show(view.e, (i, j) => r.e[i][j]);
    if (view.s && r.shape_p) {
      show(view.s, (i, j) => r.s[r.divisor[i][j]]);
      const [a, b] = r.shape_s.length === 1 ? [1, r.shape_s[0]] : r.shape_s;
      view.s.cells.forEach((row, i) => row.forEach((node, j) => node.classList.toggle("sl-copy", i >= a || j >= b)));
    } else if (view.s) show(view.s, (i, j) => r.s[i * view.s.cells[0].length + j]);
    if (r.shape_p) {
      show(view.p, (i, j) => r.p[i][j]);
      r.row_sums.forEach((v, i) => {
        const node = view.p.grid.querySelector(`[data-name="row_sum${i}"]`);
        const ok = Math.abs(v - 1) <= 1e-6; // as the readout judges a row
        showNumber(node, v, s.precise);
        node.classList.toggle("sl-sum-ok", ok);
        node.classList.toggle("sl-sum-off", !ok);
      });
      r.col_sums.forEach((v, j) => showNumber(view.p.grid.querySelector(`[data-name="col_sum${j}"]`), v, s.precise));
    } else setText(errorBox, r.error ? t(r.error.key, r.error.values) : "");
    drawMessages(r);
    paint();
    challenges.update(s, r);
  });
  ex.draw();
  return ex.cleanup;
}

export default { render };
