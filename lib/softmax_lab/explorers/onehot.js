/* onehot.js: the §3.4.1 explorer. Paint a 2×2 image and read its four features row by row; pick
 * its label and compare the label's integer code with its one-hot code.
 *
 * readout(state) mirrors softmax_lab.explorers.onehot.onehot_readout, which stays the source of
 * truth (golden vectors compare them); render() draws either host's readout and never computes.
 */

import { challengesPanel } from "./js/challenges.js";
import { footer, presetButtons } from "./js/controls.js";
import { h, setText } from "./js/dom.js";
import { setup } from "./js/explorer.js";
import { classNumber, showNumber } from "./js/format.js";
import { highlighter } from "./js/highlight.js";
import { oneHot } from "./js/math.js";
import { TOY_CLASSES, brushControls, featureName, pixelPainter } from "./js/pixels.js";

/* ‖a − b‖₂ of two vectors of one length. */
function distance(a, b) {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
  return Math.sqrt(s);
}

/* Every number the explorer shows. */
export function readout(state) {
  const q = TOY_CLASSES.length;
  const c = state.label;
  const codes = TOY_CLASSES.map((_, j) => oneHot(j, q));
  return {
    x: state.pixels.slice(),
    code: c,
    onehot: oneHot(c, q),
    codes,
    integer_distance: codes.map((_, j) => Math.abs(c - j)),
    onehot_distance: codes.map((e) => distance(codes[c], e)),
  };
}

export function check(state, config) {
  return state.label < TOY_CLASSES.length;
}

const near = (v, target) => Math.abs(v - target) < 1e-9;
const CHALLENGES = [
  {
    id: "antidiagonal", goal: "onehot.challenge_antidiagonal",
    check: (s, r) => [0, 1, 1, 0].every((v, k) => near(r.x[k], v)),
  },
  {
    id: "chicken", goal: "onehot.challenge_chicken",
    check: (s, r) => r.x[1] >= 0.8 && r.x[3] >= 0.8 && r.x[0] <= 0.2 && r.x[2] <= 0.2 && r.onehot[1] === 1,
  },
  { id: "gray", goal: "onehot.challenge_gray", check: (s, r) => r.x.every((v) => near(v, 0.5)) },
];

/* "(a, b, c)" with one number element per entry (punctuation only: the words are in the catalog). */
function vectorView(names, onEntry) {
  const parts = ["("];
  const cells = names.map((name, i) => {
    const cell = h("span", { class: "sl-num", "data-name": name });
    if (onEntry) onEntry(i, cell);
    return cell;
  });
  cells.forEach((cell, i) => parts.push(...(i ? [", ", cell] : [cell])));
  parts.push(")");
  return { el: h("span", { class: "sl-vector" }, parts), cells };
}

function render({ model, el }) {
  const ex = setup({ model, el });
  const { t } = ex;
  const palette = ex.config.palette;
  const hl = highlighter(ex.root);
  const className = (j) => t("image.class_named", { n: classNumber(j), name: t(TOY_CLASSES[j]) });
  const pixelKey = (k) => "pixel" + k;

  const painter = pixelPainter(ex, { size: 72, onPixel: (k, cell) => hl.add(pixelKey(k), cell) });
  const features = vectorView(painter.cells.map((_, k) => "x" + k), (k, cell) => {
    cell.setAttribute("aria-label", featureName(ex, k));
    hl.add(pixelKey(k), cell);
  });
  const brush = brushControls(ex);

  const labelButtons = TOY_CLASSES.map((_, j) => {
    const b = h("button", {
      type: "button", class: "sl-class-button", "data-label": j, onclick: () => ex.set({ label: j }),
    }, [h("span", { class: "sl-ink", style: `background:${palette[j]}` }), className(j)]);
    hl.add(j, b);
    return b;
  });

  const code = h("span", { class: "sl-num sl-big", "data-name": "code" });
  const hot = vectorView(TOY_CLASSES.map((_, j) => "onehot" + j), (j, cell) => hl.add(j, cell));
  hot.el.classList.add("sl-big");
  const chosen = h("p", { class: "sl-subtitle" });
  const codesBox = h("div", { class: "sl-codes" }, [
    h("div", { class: "sl-code-card" }, [h("p", { class: "sl-label", text: t("onehot.integer_code") }), code]),
    h("div", { class: "sl-code-card" }, [h("p", { class: "sl-label", text: t("onehot.onehot_code") }), hot.el]),
  ]);

  // Every label's codes and how far each lies from the chosen one, in both codes.
  const head = ["onehot.col_label", "onehot.col_integer", "onehot.col_onehot", "onehot.col_integer_distance",
    "onehot.col_onehot_distance"].map((key) => h("th", { scope: "col", text: t(key) }));
  const rows = TOY_CLASSES.map((_, j) => {
    const integer = h("span", { class: "sl-num", "data-name": "code_of" + j });
    const vector = vectorView(TOY_CLASSES.map((_, i) => `codes${j}_${i}`));
    const apart = h("span", { class: "sl-num", "data-name": "integer_distance" + j });
    const far = h("span", { class: "sl-num", "data-name": "onehot_distance" + j });
    const tr = h("tr", { "data-index": j }, [
      h("th", { scope: "row", text: className(j) }),
      ...[integer, vector.el, apart, far].map((c) => h("td", {}, [c])),
    ]);
    hl.add(j, tr);
    return { tr, integer, vector, apart, far };
  });
  const caption = h("caption", { class: "sl-caption" });
  const table = h("div", { class: "sl-table-wrap" }, [
    h("table", { class: "sl-table sl-codes-table" }, [caption, h("thead", {}, [h("tr", {}, head)]), h("tbody", {}, rows.map((r) => r.tr))]),
  ]);

  const challenges = challengesPanel(ex, CHALLENGES);
  ex.root.append(
    h("p", { class: "sl-title", text: t("onehot.title") }),
    h("p", { class: "sl-help", text: t("onehot.help") }),
    h("div", { class: "sl-image-row" }, [
      painter.el,
      h("div", { class: "sl-features" }, [
        h("p", { class: "sl-label", text: t("onehot.features") }),
        h("p", { class: "sl-big" }, [t("onehot.features_name"), " ", features.el]),
      ]),
    ]),
    brush.el,
    h("div", { class: "sl-control", "data-control-for": "label" }, [
      h("p", { class: "sl-label", text: t("onehot.label") }),
      h("div", { class: "sl-buttons", role: "group", "aria-label": t("onehot.label") }, labelButtons),
    ]),
    chosen,
    codesBox,
    h("p", { class: "sl-help", text: t("onehot.zero_based") }),
    table,
    presetButtons(ex),
    challenges.el,
    footer(ex),
  );

  ex.onDraw((s, r) => {
    painter.update(s);
    brush.update(s);
    labelButtons.forEach((b, j) => b.setAttribute("aria-pressed", String(j === s.label)));
    if (!r) return;
    r.x.forEach((v, k) => showNumber(features.cells[k], v));
    showNumber(code, r.code);
    r.onehot.forEach((v, j) => {
      showNumber(hot.cells[j], v);
      hot.cells[j].classList.toggle("sl-hot", v === 1);
    });
    setText(chosen, t("onehot.chosen", { label: className(r.code) }));
    setText(caption, t("onehot.table_caption", { label: className(r.code) }));
    rows.forEach((row, j) => {
      showNumber(row.integer, j);
      r.codes[j].forEach((v, i) => showNumber(row.vector.cells[i], v));
      showNumber(row.apart, r.integer_distance[j]);
      showNumber(row.far, r.onehot_distance[j]);
      row.tr.classList.toggle("sl-chosen", j === r.code);
      if (j === r.code) row.tr.setAttribute("aria-current", "true");
      else row.tr.removeAttribute("aria-current");
    });
    challenges.update(s, r);
  });
  ex.draw();
  return ex.cleanup;
}

export default { render };
