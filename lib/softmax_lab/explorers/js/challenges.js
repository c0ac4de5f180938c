/* challenges.js: "Try this" inside an explorer. Each challenge is a goal (a message key) and a
 * check of the state and readout; the panel says which are met and announces a newly met one. */

import { h, setText } from "./dom.js";

/* items: [{id, goal (message key), check(state, readout) -> bool, when(state)? -> bool}]; an item
 * may draw its goal itself: label() -> node, spoken() -> its text for the announcement. */
export function challengesPanel(ex, items) {
  const live = h("p", { class: "sl-visually-hidden", role: "status", "aria-live": "polite" });
  const met = new Set();
  const rows = items.map((item) => {
    const status = h("span", { class: "sl-challenge-status" });
    const goal = item.label ? item.label() : h("span", { text: ex.t(item.goal) });
    const li = h("li", { "data-challenge": item.id }, [goal, " ", status]);
    return { item, li, status };
  });
  const el = h("section", { class: "sl-challenges" }, [
    h("p", { class: "sl-subtitle", text: ex.t("common.try_this") }),
    h("ul", {}, rows.map((r) => r.li)),
    live,
  ]);

  function update(state, readout) {
    for (const { item, li, status } of rows) {
      const applies = !item.when || item.when(state);
      li.hidden = !applies;
      const ok = applies && readout !== null && item.check(state, readout);
      li.classList.toggle("sl-met", ok);
      li.setAttribute("data-met", ok ? "true" : "false");
      setText(status, ex.t(ok ? "common.challenge_met" : "common.challenge_open"));
      if (ok && !met.has(item.id)) live.textContent = ex.t("common.challenge_announce", { goal: item.spoken ? item.spoken() : ex.t(item.goal) });
      if (ok) met.add(item.id);
      else met.delete(item.id);
    }
  }
  return { el, update };
}
