/* host.js: mount an explorer on a static page, where an in-page model replaces the kernel. */

import { ensureStyle } from "./dom.js";
import { createPageModel } from "./model.js";
import { decodeState, pick, readLink } from "./state.js";
import { toWire } from "./wire.js";

/* explorer: { render, readout(state, data), check(state, config) } from the explorer's module. The first
 * explorer of a kind on the page takes its state from the address, if the link there is valid. */
export function mountStatic(el, config, explorer) {
  ensureStyle(config.css);
  const { table } = config;
  const settings = { ...config, css: null, host: "page" };
  let start = config.initial;
  if (document.querySelector(`[data-sl-explorer="${table.name}"]`) === el) {
    const text = readLink(table.name);
    const linked = text === null ? null : decodeState(table, text, config.initial);
    if (linked && explorer.check(linked, settings)) start = linked;
  }
  // config.data: read-only data some explorers' readouts need besides the state (a recorded run).
  const model = createPageModel({ ...start, config: settings, readout: null }, (values) =>
    toWire(explorer.readout(pick(table, values), config.data)),
  );
  model.save_changes();
  return explorer.render({ model, el });
}
