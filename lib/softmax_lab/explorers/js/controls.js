/* controls.js: controls built from the state table, plus Reset, Share and the presets.
 *
 * Each control is {el, update(state)}; the explorer calls update from its draw. A number gets a
 * slider (snapped to the table's step; log-scaled when the table says so) and a typed input that
 * takes any value in range, so exact values ("exactly 50 %") are reachable.
 */

import { h } from "./dom.js";
import { formatNumber } from "./format.js";
import { encodeState, entryNamed, isValid, snap, writeLink } from "./state.js";

let counter = 0;
/* An id unique on the page (several explorers, and saved outputs, share one document). */
export function uniqueId(prefix) {
  counter += 1;
  return prefix + "-" + counter + "-" + Math.random().toString(36).slice(2, 7);
}

function labelled(ex, entry, id, body) {
  return h("div", { class: "sl-control", "data-control-for": entry.name }, [
    h("label", { id: id + "-label", for: id, text: ex.t(entry.label) }),
    ...body,
  ]);
}

/* Typed numbers: as many digits as the reader typed, but no binary noise. */
const typed = (v) => String(Number(v.toPrecision(8)));

export function numberControl(ex, name) {
  const entry = entryNamed(ex.table, name);
  const log = entry.scale === "log";
  const toSlider = (v) => (log ? Math.log10(v) : v);
  const fromSlider = (x) => (log ? Number(Math.pow(10, x).toPrecision(12)) : x);
  const lo = toSlider(entry.min);
  const hi = toSlider(entry.max);
  const id = uniqueId("sl-" + name);
  const slider = h("input", {
    type: "range", min: lo, max: hi, step: entry.step, "data-control": name,
    "aria-labelledby": id + "-label",
  });
  const field = h("input", {
    type: "number", id, min: entry.min, max: entry.max, step: "any", inputmode: "decimal",
    "data-control": name + "-value", "aria-describedby": id + "-error",
  });
  const error = h("p", { class: "sl-control-error", id: id + "-error", role: "status" });
  slider.addEventListener("input", () => {
    ex.set({ [name]: fromSlider(snap(Number(slider.value), entry.step, lo, hi)) });
  });
  function commit() {
    const v = field.value.trim() === "" ? NaN : Number(field.value);
    const ok = isValid(entry, entry.type === "integer" ? Math.round(v) : v);
    field.toggleAttribute("aria-invalid", !ok);
    error.textContent = ok ? "" : ex.t("common.out_of_range", { min: entry.min, max: entry.max });
    if (ok) ex.set({ [name]: entry.type === "integer" ? Math.round(v) : v });
  }
  field.addEventListener("change", commit);
  field.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter") commit();
  });
  const el = labelled(ex, entry, id, [h("div", { class: "sl-control-row" }, [slider, field]), error]);
  return {
    el,
    update(state) {
      const v = state[name];
      slider.value = String(toSlider(v));
      slider.setAttribute("aria-valuetext", formatNumber(v));
      if (document.activeElement !== field) {
        field.value = typed(v);
        field.removeAttribute("aria-invalid");
        error.textContent = "";
      }
    },
    setDisabled(off) {
      slider.disabled = off;
      field.disabled = off;
    },
  };
}

/* A select: options(state) gives [value, text] pairs, value(state) the chosen one, and
 * choose(text of the value) applies the reader's choice. */
export function selectControl(ex, { name, label, options, value, choose }) {
  const id = uniqueId("sl-" + name);
  const select = h("select", { id, "data-control": name });
  select.addEventListener("change", () => choose(select.value));
  let shown = "";
  return {
    el: h("div", { class: "sl-control", "data-control-for": name }, [h("label", { for: id, text: ex.t(label) }), select]),
    update(state) {
      const opts = options(state);
      const key = JSON.stringify(opts);
      if (key !== shown) {
        select.replaceChildren(...opts.map(([v, text]) => h("option", { value: String(v), text })));
        shown = key;
      }
      select.value = String(value(state));
    },
    setDisabled(off) {
      select.disabled = off;
    },
  };
}

/* A select for a choice entry of the table; offered(choice, state) can leave choices out. */
export function choiceControl(ex, name, offered = () => true) {
  const entry = entryNamed(ex.table, name);
  return selectControl(ex, {
    name,
    label: entry.label,
    options: (state) => entry.choices.filter((c) => offered(c, state)).map((c) => [c, ex.t(entry.labels[c])]),
    value: (state) => state[name],
    choose: (v) => ex.set({ [name]: v }),
  });
}

export function toggleControl(ex, name) {
  const entry = entryNamed(ex.table, name);
  const id = uniqueId("sl-" + name);
  const box = h("input", { type: "checkbox", id, "data-control": name });
  box.addEventListener("change", () => ex.set({ [name]: box.checked }));
  return {
    el: h("div", { class: "sl-control sl-toggle" }, [box, h("label", { for: id, text: ex.t(entry.label) })]),
    update(state) {
      box.checked = !!state[name];
    },
  };
}

/* Presets as buttons (the table's, unless given); each sets part of the state. A preset's state
 * may also be a function of the current state (e.g. "Q = P"). */
export function presetButtons(ex, presets = ex.table.presets || []) {
  const patch = (p) => (typeof p.state === "function" ? p.state(ex.state()) : p.state);
  const buttons = presets.map((p) =>
    h("button", { type: "button", "data-preset": p.id, onclick: () => ex.set(patch(p)), text: ex.t(p.label) }),
  );
  return h("div", { class: "sl-buttons", role: "group", "aria-label": ex.t("common.presets") }, buttons);
}

/* Reset (both hosts) and, on the site, a link to this state. */
export function footer(ex) {
  const status = h("span", { class: "sl-status", role: "status" });
  const reset = h("button", {
    type: "button", "data-control": "reset", text: ex.t("common.reset"),
    onclick: () => {
      ex.set(ex.initial);
      status.textContent = "";
    },
  });
  const share = ex.onPage
    ? h("button", {
        type: "button", "data-control": "share", text: ex.t("common.share"),
        onclick: () => shareLink(ex, status),
      })
    : null;
  return h("div", { class: "sl-buttons sl-footer" }, [reset, share, status]);
}

function shareLink(ex, status) {
  const url = writeLink(ex.table.name, encodeState(ex.table, ex.state(), ex.initial));
  status.textContent = ex.t("common.link_ready");
  const clipboard = navigator.clipboard;
  if (clipboard && window.isSecureContext) {
    clipboard.writeText(url).then(
      () => (status.textContent = ex.t("common.link_copied")),
      () => {},
    );
  }
}
