/* format.js: how every explorer shows a number and names a class (one rule for both hosts).
 *
 * softmax_lab.explorers._format holds the same rules in Python; tests compare the two on every
 * number of the golden vectors.
 */

const TINY = 1e-4;
const HUGE = 1e5;

function trimZeros(text) {
  return text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text;
}

/* formatNumber(x, precise): 4 significant digits (10 when precise) and at least one decimal,
 * trailing zeros dropped; integers as integers; |x| < 1e-4 as "< 0.0001" unless precise;
 * scientific below 1e-4 (precise) and from 1e5; NaN, ∞ and −∞ spelled out. Rounding is that of
 * toFixed/toExponential: the exact binary value, ties away from zero. */
export function formatNumber(x, precise = false) {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "∞";
  if (x === -Infinity) return "−∞";
  if (x === 0) return "0";
  const a = Math.abs(x);
  const sign = x < 0 ? "-" : "";
  if (Number.isInteger(a) && a < 1e15) return sign + a.toFixed(0);
  if (!precise && a < TINY) return x > 0 ? "< 0.0001" : "> -0.0001";
  const digits = precise ? 10 : 4;
  const [mantissa, exponent] = a.toExponential(digits - 1).split("e");
  if (a >= HUGE || a < TINY) return sign + trimZeros(mantissa) + "e" + exponent;
  const decimals = Math.max(digits - 1 - Number(exponent), 1);
  return sign + trimZeros(a.toFixed(decimals));
}

/* Readers count classes from 1 (ŷ₁ … ŷ_q, "class 3"); code counts from 0 (target=0 is class 1).
 * Every explorer turns an index into the number a reader sees here, and only here. */
export function classNumber(index) {
  return index + 1;
}

/* Show x in node, keep its exact value in data-value (the tests read it) and mark NaN/±∞. */
export function showNumber(node, x, precise = false) {
  const text = formatNumber(x, precise);
  if (node.textContent !== text) node.textContent = text;
  const exact = String(x);
  if (node.getAttribute("data-value") === exact) return;
  node.setAttribute("data-value", exact);
  node.classList.toggle("sl-nonfinite", typeof x === "number" && !Number.isFinite(x));
}
