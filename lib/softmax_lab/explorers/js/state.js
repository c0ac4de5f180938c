/* state.js: one state table per explorer (its <name>.json), read by both hosts.
 *
 * An entry is {name, type, url, default, ...}; type is one of
 *   number        min, max, step (of the slider), scale "linear" | "log"
 *   integer       min, max
 *   choice        choices, labels (message key per choice)
 *   boolean
 *   numbers       a list: min, max, step of each item; length [shortest, longest]
 *   distribution  a list of probabilities (>= 0, sum 1 within 1e-6); length [shortest, longest]
 * The table drives Reset, the link to a state (URL), the presets, the controls and the tests;
 * softmax_lab.explorers._table validates the same entries in Python.
 */

const SUM_TOLERANCE = 1e-6;

const isNumber = (v) => typeof v === "number" && Number.isFinite(v);
const inRange = (e, v) => isNumber(v) && v >= e.min && v <= e.max;
const lengthOk = (e, v) => Array.isArray(v) && v.length >= e.length[0] && v.length <= e.length[1];

const CHECKS = {
  number: (e, v) => inRange(e, v),
  integer: (e, v) => Number.isInteger(v) && inRange(e, v),
  choice: (e, v) => e.choices.includes(v),
  boolean: (e, v) => typeof v === "boolean",
  numbers: (e, v) => lengthOk(e, v) && v.every((x) => inRange(e, x)),
  distribution: (e, v) =>
    lengthOk(e, v) && v.every((x) => isNumber(x) && x >= 0) &&
    (v.length === 0 || Math.abs(v.reduce((a, b) => a + b, 0) - 1) <= SUM_TOLERANCE),
};

export function isValid(entry, value) {
  return CHECKS[entry.type](entry, value);
}

export function entryNamed(table, name) {
  return table.state.find((e) => e.name === name);
}

export function defaults(table) {
  const out = {};
  for (const e of table.state) out[e.name] = e.default;
  return out;
}

/* The state's own keys out of a bag of values (a model also holds config and readout). */
export function pick(table, values) {
  const out = {};
  for (const e of table.state) out[e.name] = values[e.name];
  return out;
}

function decimalsOf(step) {
  const text = String(step);
  return text.includes(".") ? text.length - text.indexOf(".") - 1 : 0;
}

/* The nearest multiple of step within [lo, hi], without binary noise (0.30000000000000004 -> 0.3). */
export function snap(value, step, lo, hi) {
  const v = Math.round(value / step) * step;
  return Math.min(hi, Math.max(lo, Number(v.toFixed(decimalsOf(step)))));
}

/* ---- link to a state: #sl-<name>=<key>:<value>;<key>:<value> (keys that differ from the start) */

function unchanged(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

function writeValue(entry, v) {
  if (entry.type === "boolean") return v ? "1" : "0";
  if (Array.isArray(v)) return v.map(String).join(",");
  return String(v);
}

function readValue(entry, text) {
  const num = (s) => (s.trim() === "" ? NaN : Number(s));
  switch (entry.type) {
    case "number":
    case "integer":
      return num(text);
    case "boolean":
      return text === "1" ? true : text === "0" ? false : undefined;
    case "numbers":
    case "distribution":
      return text === "" ? [] : text.split(",").map(num);
    default:
      return text;
  }
}

export function encodeState(table, state, initial) {
  return table.state
    .filter((e) => !unchanged(state[e.name], initial[e.name]))
    .map((e) => e.url + ":" + writeValue(e, state[e.name]))
    .join(";");
}

/* The state a link describes, or null when any part is unknown or invalid (then it is ignored). */
export function decodeState(table, text, initial) {
  const state = { ...initial };
  if (text === "") return state;
  for (const part of text.split(";")) {
    const at = part.indexOf(":");
    const entry = table.state.find((e) => e.url === part.slice(0, at));
    if (at < 0 || !entry) return null;
    const value = readValue(entry, part.slice(at + 1));
    if (!isValid(entry, value)) return null;
    state[entry.name] = value;
  }
  return state;
}

function hashParts() {
  const hash = window.location.hash.replace(/^#/, "");
  return hash === "" ? [] : hash.split("&");
}

export function readLink(name) {
  const prefix = "sl-" + name + "=";
  const part = hashParts().find((p) => p.startsWith(prefix));
  if (part === undefined) return null;
  try {
    return decodeURIComponent(part.slice(prefix.length));
  } catch (err) {
    return null;
  }
}

/* Put the state in the address (no reload, no history entry); returns the new address. */
export function writeLink(name, text) {
  const prefix = "sl-" + name + "=";
  const others = hashParts().filter((p) => p.startsWith("sl-") && !p.startsWith(prefix));
  const parts = text === "" ? others : [...others, prefix + encodeURI(text)];
  const url = window.location.pathname + window.location.search + (parts.length ? "#" + parts.join("&") : "");
  window.history.replaceState(null, "", url);
  return window.location.href;
}
