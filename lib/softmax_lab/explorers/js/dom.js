/* dom.js: create HTML and SVG elements in one call. */

const SVG_NS = "http://www.w3.org/2000/svg";

/* Attributes: on<event> keys become listeners, "text" the text content; null/false are skipped. */
export function setAttrs(node, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") node.addEventListener(k.slice(2), v);
    else if (k === "text") node.textContent = v;
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  return node;
}

function build(node, attrs, children) {
  setAttrs(node, attrs);
  for (const c of children || []) {
    if (c === null || c === undefined || c === false) continue;
    node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
  }
  return node;
}

export function h(tag, attrs, children) {
  return build(document.createElement(tag), attrs, children);
}

export function svg(tag, attrs, children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

/* Change text or an attribute only when it differs: cheap to call on every frame. */
export function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

export function setAttr(node, name, value) {
  const v = String(value);
  if (node.getAttribute(name) !== v) node.setAttribute(name, v);
}

/* Add the explorers' stylesheet to the document once (several explorers share one <style>). */
export function ensureStyle(css, id = "sl-explorer-css") {
  if (!css || document.getElementById(id)) return;
  document.head.appendChild(h("style", { id, text: css }));
}
