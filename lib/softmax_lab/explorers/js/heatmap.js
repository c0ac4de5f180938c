/* heatmap.js: a function of (x, y) painted on a canvas at the device's resolution (sharp on
 * phones and high-DPI screens), e.g. the class regions of a classifier, with an SVG layer on top
 * for axes and marks. */

import { h, setAttr, svg } from "./dom.js";

/* "#0072B2" -> [0, 114, 178] */
export function rgb(hex) {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function heatmap({ label = "" } = {}) {
  const canvas = h("canvas", { class: "sl-heatmap-canvas", role: "img", "aria-label": label });
  const overlay = svg("svg", { class: "sl-heatmap-overlay", "aria-hidden": "true" });
  const el = h("div", { class: "sl-heatmap" }, [canvas, overlay]);

  /* size: CSS pixels (square); x, y: domains; color(x, y) -> [r, g, b] (0-255).
   * Returns the overlay, the CSS-pixel maps and the device pixel ratio. */
  function draw({ size, x, y, color }) {
    const ratio = window.devicePixelRatio || 1;
    const n = Math.round(size * ratio);
    canvas.width = n;
    canvas.height = n;
    canvas.style.width = size + "px";
    canvas.style.height = size + "px";
    el.style.width = size + "px";
    el.style.height = size + "px";
    setAttr(overlay, "width", size);
    setAttr(overlay, "height", size);
    setAttr(overlay, "viewBox", `0 0 ${size} ${size}`);
    const ctx = canvas.getContext("2d");
    const image = ctx.createImageData(n, n);
    const [x0, x1] = x;
    const [y0, y1] = y;
    for (let row = 0; row < n; row++) {
      const yv = y1 - ((row + 0.5) / n) * (y1 - y0);
      for (let col = 0; col < n; col++) {
        const [r, g, b] = color(x0 + ((col + 0.5) / n) * (x1 - x0), yv);
        const at = 4 * (row * n + col);
        image.data[at] = r;
        image.data[at + 1] = g;
        image.data[at + 2] = b;
        image.data[at + 3] = 255;
      }
    }
    ctx.putImageData(image, 0, 0);
    return {
      overlay,
      ratio,
      sx: (v) => ((v - x0) / (x1 - x0)) * size,
      sy: (v) => ((y1 - v) / (y1 - y0)) * size,
    };
  }
  return { el, draw };
}
