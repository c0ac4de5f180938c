/* mathtext.js: formulas typeset with MathML, and messages that hold them.
 *
 * formula("D_{\\mathrm{KL}}(P \\| Q)") builds a <math> element from a small part of TeX: single
 * letters (italic), \mathrm{..} and \log/\ln (upright), digits, _ and ^ with an atom or a {group},
 * and operators. Notation is the same in every language, so formulas live in code; the words
 * around them come from the catalog, where a message marks a formula's place with {name}
 * (richText). Every <math> carries its plain form (alttext, aria-label); plainText reads it.
 */

import { h, setAttrs } from "./dom.js";

const MATH_NS = "http://www.w3.org/1998/Math/MathML";
const TOKEN = /\\[A-Za-z]+|\\\||[A-Za-z]|[0-9]+(?:\.[0-9]+)?|\S/g;
const OPERATORS = { "\\|": "‖", "\\cdot": "·", "\\neq": "≠", "\\geq": "≥", "\\leq": "≤", "-": "−", "\\sum": "∑" };
const FUNCTIONS = { "\\log": "log", "\\ln": "ln", "\\exp": "exp" };

function mathNode(tag, attrs, children = []) {
  const node = setAttrs(document.createElementNS(MATH_NS, tag), attrs);
  for (const c of children) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
  return node;
}

function atom(tokens, i) {
  const tok = tokens[i];
  if (tok === "{") {
    const [items, j] = sequence(tokens, i + 1, "}");
    return [items.length === 1 ? items[0] : mathNode("mrow", {}, items), j + 1];
  }
  if (tok === "\\mathrm") {
    let j = i + 2; // skip "{"
    let text = "";
    while (j < tokens.length && tokens[j] !== "}") text += tokens[j++];
    return [mathNode("mi", { mathvariant: "normal" }, [text]), j + 1];
  }
  // A function name and its argument are set apart by a thin space, as TeX does.
  if (tok in FUNCTIONS) return [mathNode("mrow", {}, [mathNode("mi", {}, [FUNCTIONS[tok]]), mathNode("mspace", { width: "0.17em" })]), i + 1];
  if (tok in OPERATORS) return [mathNode("mo", {}, [OPERATORS[tok]]), i + 1];
  if (/^[A-Za-z]$/.test(tok)) return [mathNode("mi", {}, [tok]), i + 1];
  if (/^[0-9]/.test(tok)) return [mathNode("mn", {}, [tok]), i + 1];
  // A bracket inside a row would get an infix operator's spaces: D_KL (P‖Q) instead of D_KL(P‖Q).
  const fence = "()[]".includes(tok) ? { lspace: "0", rspace: "0" } : {};
  return [mathNode("mo", fence, [tok]), i + 1];
}

function sequence(tokens, i, closing) {
  const items = [];
  while (i < tokens.length && tokens[i] !== closing) {
    const script = tokens[i] === "_" ? "msub" : tokens[i] === "^" ? "msup" : null;
    const [node, next] = atom(tokens, script ? i + 1 : i);
    items.push(script ? mathNode(script, {}, [items.pop() || mathNode("mrow"), node]) : node);
    i = next;
  }
  return [items, i];
}

/* The formula as plain text: D_KL(P ‖ Q), −log_2 P(j). */
function plainForm(tex) {
  return tex
    .replace(/\\mathrm\{(\w+)\}/g, "$1")
    .replace(/\\[A-Za-z]+|\\\|/g, (c) => OPERATORS[c] || FUNCTIONS[c] || c)
    .replace(/-/g, "−")
    .replace(/[{}]/g, "");
}

/* The plain form is also the formula's accessible name: tools that read no MathML (axe-core
 * among them) see an empty element otherwise. */
export function formula(tex) {
  const [items] = sequence(tex.match(TOKEN) || [], 0, null);
  const plain = plainForm(tex);
  return mathNode("math", { class: "sl-math", alttext: plain, "aria-label": plain }, items);
}

/* A message (already translated, numbers filled in) whose {name} placeholders are formulas. */
export function richText(text, formulas) {
  const parts = text.split(/\{(\w+)\}/);
  const nodes = parts.map((part, i) => (i % 2 === 0 ? part : part in formulas ? formula(formulas[part]) : `{${part}}`));
  return h("span", {}, nodes.filter((n) => n !== ""));
}

/* The text of a node, each formula as its plain form (for live regions and labels). */
export function plainText(node) {
  if (node.namespaceURI === MATH_NS && node.localName === "math") return node.getAttribute("alttext") || "";
  if (node.nodeType === Node.TEXT_NODE) return node.textContent;
  return [...node.childNodes].map(plainText).join("");
}
