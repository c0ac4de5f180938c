/* table.js: a table of numbers, one row per class, for linked highlighting and for readers who
 * prefer numbers to bars (and for screen readers: the figure itself is drawn for the eye). */

import { h } from "./dom.js";
import { showNumber } from "./format.js";

/* columns: [{key, label}] (a label is text or a node); rows are made by rows(count, rowLabel); each number cell carries
 * data-name="<key><row>" and its exact value in data-value. onRow(j, tr) sees each new row. */
export function dataTable({ caption, columns, onRow = null }) {
  const body = h("tbody");
  const table = h("table", { class: "sl-table" }, [
    h("caption", { class: "sl-caption", text: caption }),
    h("thead", {}, [h("tr", {}, columns.map((c) => h("th", { scope: "col" }, [c.label])))]),
    body,
  ]);
  const rows = [];

  function rowCount(count, rowLabel) {
    while (rows.length < count) {
      const j = rows.length;
      const cells = {};
      const tr = h("tr", { "data-index": j }, [
        h("th", { scope: "row" }),
        ...columns.slice(1).map((c) => h("td", {}, [(cells[c.key] = h("span", { class: "sl-num", "data-name": c.key + j }))])),
      ]);
      rows.push({ tr, cells });
      body.appendChild(tr);
      if (onRow) onRow(j, tr);
    }
    while (rows.length > count) rows.pop().tr.remove();
    rows.forEach((r, j) => {
      const text = rowLabel(j);
      if (r.tr.firstChild.textContent !== text) r.tr.firstChild.textContent = text;
    });
  }

  /* value(j, key) for every number column. */
  function update(value, precise) {
    rows.forEach((r, j) => {
      for (const key of Object.keys(r.cells)) showNumber(r.cells[key], value(j, key), precise);
    });
  }

  return { el: h("div", { class: "sl-table-wrap" }, [table]), rowCount, update };
}
