/* handles.js: things a reader drags, by mouse, pen, touch or keyboard.
 *
 * A handle is an HTML element (never an SVG one: Chromium ignores touch-action inside SVG) with
 * class sl-handle, which alone has touch-action: none in the stylesheet, so a swipe anywhere else
 * scrolls the page. Dragging is relative to where the pointer went down, so a tap moves nothing;
 * only a drag does. Each handle is a focusable role=slider with the usual keys.
 */

import { h, setAttr } from "./dom.js";
import { snap } from "./state.js";

/* Pointer dragging: move(dx, dy, start) in CSS pixels since pointerdown, start = begin(). */
export function dragHandle(node, { begin, move, end }) {
  let drag = null;
  node.addEventListener("pointerdown", (ev) => {
    if (ev.pointerType === "mouse" && ev.button !== 0) return;
    ev.preventDefault();
    node.focus({ preventScroll: true });
    node.setPointerCapture(ev.pointerId);
    drag = { id: ev.pointerId, x: ev.clientX, y: ev.clientY, start: begin ? begin() : null };
    node.classList.add("sl-dragging");
  });
  node.addEventListener("pointermove", (ev) => {
    if (drag && ev.pointerId === drag.id) move(ev.clientX - drag.x, ev.clientY - drag.y, drag.start);
  });
  const stop = (ev) => {
    if (!drag || ev.pointerId !== drag.id) return;
    drag = null;
    node.classList.remove("sl-dragging");
    if (end) end();
  };
  for (const type of ["pointerup", "pointercancel", "lostpointercapture"]) node.addEventListener(type, stop);
}

/* Keys of a slider: arrows one step, PageUp/PageDown ten, Home/End the ends. */
export function sliderKeys(node, { get, set, step, min, max }) {
  node.addEventListener("keydown", (ev) => {
    const v = get();
    const next = {
      ArrowUp: v + step, ArrowRight: v + step, ArrowDown: v - step, ArrowLeft: v - step,
      PageUp: v + 10 * step, PageDown: v - 10 * step, Home: min, End: max,
    }[ev.key];
    if (next === undefined) return;
    ev.preventDefault();
    set(snap(next, step, min, max));
  });
}

/* A vertical value handle: {label, min, max, step, get(), set(v), pxPerUnit(), text()}.
 * refresh() updates its aria values; the caller positions it. */
export function valueHandle(spec) {
  const node = h("div", {
    class: "sl-handle", role: "slider", tabindex: 0, "aria-orientation": "vertical",
    "aria-label": spec.label, "aria-valuemin": spec.min, "aria-valuemax": spec.max,
  });
  dragHandle(node, {
    begin: spec.get,
    move: (dx, dy, start) => spec.set(snap(start - dy / spec.pxPerUnit(), spec.step, spec.min, spec.max)),
  });
  sliderKeys(node, spec);
  node.refresh = () => {
    setAttr(node, "aria-valuenow", spec.get());
    setAttr(node, "aria-valuetext", spec.text());
  };
  return node;
}
