/* pixels.js: the 2×2 grayscale toy image of §3.4.1–3.4.2, painted by the reader.
 *
 * Pixel k (row by row: top left, top right, bottom left, bottom right) is the feature x_{k+1},
 * an intensity in [0, 1] drawn darker = larger (0 white, 1 black), as the chapter's figure of
 * the toy images draws them. Each pixel is a handle (role=slider, ≥ 44 px, the only part with
 * touch-action: none): a click or tap paints it with the brush, a drag paints every pixel it
 * crosses, and on a focused pixel the keys step its value (arrows, Page Up/Down, Home = 0 =
 * white, End = 1 = black) and Enter or Space paints it with the brush.
 *
 * The explorer's state table needs "pixels" (numbers, length 4, [0, 1]) and "brush" (number).
 */

import { numberControl } from "./controls.js";
import { h, setAttr, setText } from "./dom.js";
import { formatNumber } from "./format.js";
import { sliderKeys } from "./handles.js";
import { entryNamed } from "./state.js";

/* Where each pixel sits, for the reader (message keys, in feature order). */
export const PIXEL_PLACES = ["image.top_left", "image.top_right", "image.bottom_left", "image.bottom_right"];

/* The toy images' classes (softmax_lab.data.TOY_CLASSES), as message keys in class order. */
export const TOY_CLASSES = ["image.cat", "image.chicken", "image.dog"];

/* Quick brushes: white, mid-gray, black (ink and message key). */
const SWATCHES = [[0, "image.swatch_white"], [0.5, "image.swatch_gray"], [1, "image.swatch_black"]];

const SUBSCRIPT_DIGITS = "₀₁₂₃₄₅₆₇₈₉";

/* 12 -> "₁₂": indices written as subscripts (x₁, w₂₃). */
export function subscript(n) {
  return String(n).replace(/\d/g, (d) => SUBSCRIPT_DIGITS[Number(d)]);
}

/* The gray of intensity v: 0 white, 1 black. */
export function inkColor(v) {
  const g = Math.round(255 * (1 - v));
  return `rgb(${g},${g},${g})`;
}

/* Text on a pixel of intensity v stays readable: light on dark, dark on light. */
export function inkContrast(v) {
  return v > 0.5 ? "#ffffff" : "#000000";
}

/* The feature name x₁ … x₄ of pixel k (0-based). */
export function featureName(ex, k) {
  return ex.t("image.feature", { n: subscript(k + 1) });
}

/* The painted image: {el, cells, update(state)}; onPixel(k, cell) sees each pixel (highlighting). */
export function pixelPainter(ex, { size = 64, onPixel = null } = {}) {
  const entry = entryNamed(ex.table, "pixels");
  const paint = (k, v) => {
    const pixels = ex.state().pixels.slice();
    if (pixels[k] === v) return;
    pixels[k] = v;
    ex.set({ pixels });
  };
  const cells = PIXEL_PLACES.map((place, k) => {
    const value = h("span", { class: "sl-pixel-value" });
    const cell = h("div", {
      class: "sl-handle sl-pixel", role: "slider", tabindex: 0, "data-index": k,
      "aria-label": ex.t("image.pixel_label", { name: featureName(ex, k), place: ex.t(place) }),
      "aria-valuemin": entry.min, "aria-valuemax": entry.max,
      style: `width:${size}px;height:${size}px`,
    }, [h("span", { class: "sl-pixel-name", text: featureName(ex, k) }), value]);
    sliderKeys(cell, {
      get: () => ex.state().pixels[k], set: (v) => paint(k, v), step: entry.step, min: entry.min, max: entry.max,
    });
    cell.addEventListener("keydown", (ev) => {
      if (ev.key !== "Enter" && ev.key !== " ") return;
      ev.preventDefault();
      paint(k, ex.state().brush);
    });
    if (onPixel) onPixel(k, cell);
    return { cell, value };
  });
  const grid = h("div", { class: "sl-pixels", role: "group", "aria-label": ex.t("image.grid_label") }, cells.map((c) => c.cell));

  // One pointer paints: the pixel under it on the way down, and every pixel it then crosses.
  let painting = null;
  const under = (ev) => cells.findIndex(({ cell }) => {
    const r = cell.getBoundingClientRect();
    return ev.clientX >= r.left && ev.clientX < r.right && ev.clientY >= r.top && ev.clientY < r.bottom;
  });
  grid.addEventListener("pointerdown", (ev) => {
    const cell = ev.target.closest(".sl-pixel");
    if (!cell || (ev.pointerType === "mouse" && ev.button !== 0)) return;
    ev.preventDefault();
    cell.focus({ preventScroll: true });
    grid.setPointerCapture(ev.pointerId);
    painting = ev.pointerId;
    grid.classList.add("sl-dragging");
    paint(Number(cell.dataset.index), ex.state().brush);
  });
  grid.addEventListener("pointermove", (ev) => {
    if (ev.pointerId !== painting) return;
    const k = under(ev);
    if (k >= 0) paint(k, ex.state().brush);
  });
  const stop = (ev) => {
    if (ev.pointerId !== painting) return;
    painting = null;
    grid.classList.remove("sl-dragging");
  };
  for (const type of ["pointerup", "pointercancel", "lostpointercapture"]) grid.addEventListener(type, stop);

  function update(state) {
    cells.forEach(({ cell, value }, k) => {
      const v = state.pixels[k];
      cell.style.background = inkColor(v);
      cell.style.color = inkContrast(v);
      setText(value, formatNumber(v));
      setAttr(cell, "aria-valuenow", v);
      setAttr(cell, "aria-valuetext", formatNumber(v));
    });
  }
  return { el: grid, cells: cells.map((c) => c.cell), update };
}

/* The brush: three quick swatches and the exact ink (slider and typed number). */
export function brushControls(ex) {
  const ink = numberControl(ex, "brush");
  const swatches = SWATCHES.map(([v, key]) => h("button", {
    type: "button", class: "sl-swatch-button", "data-brush": v,
    onclick: () => ex.set({ brush: v }),
  }, [h("span", { class: "sl-ink", style: `background:${inkColor(v)}` }), ex.t(key)]));
  const el = h("div", { class: "sl-brush" }, [
    h("div", { class: "sl-buttons", role: "group", "aria-label": ex.t("image.swatches") }, swatches),
    ink.el,
  ]);
  return {
    el,
    update(state) {
      ink.update(state);
      for (const b of swatches) b.setAttribute("aria-pressed", String(Number(b.dataset.brush) === state.brush));
    },
  };
}
