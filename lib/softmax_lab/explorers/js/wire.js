/* wire.js: readouts travel as JSON, which has no NaN or ±∞; they are written as the strings
 * "NaN", "Infinity" and "-Infinity" (softmax_lab.explorers._wire.to_wire does the same). */

const SPECIAL = { NaN: NaN, Infinity: Infinity, "-Infinity": -Infinity };

export function toWire(value) {
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (Array.isArray(value)) return value.map(toWire);
  if (value !== null && typeof value === "object") {
    const out = {};
    for (const k of Object.keys(value)) out[k] = toWire(value[k]);
    return out;
  }
  return value;
}

export function fromWire(value) {
  if (typeof value === "string" && value in SPECIAL) return SPECIAL[value];
  if (Array.isArray(value)) return value.map(fromWire);
  if (value !== null && typeof value === "object") {
    const out = {};
    for (const k of Object.keys(value)) out[k] = fromWire(value[k]);
    return out;
  }
  return value;
}
