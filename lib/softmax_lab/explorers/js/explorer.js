/* explorer.js: what every explorer's render() starts with, in either host.
 *
 *   const ex = setup({ model, el });
 *   ex.t(key, values)    a message in the reader's language
 *   ex.state()           the state-table values now; ex.readout(): the readout for them
 *   ex.set(patch)        change state (one save_changes, one redraw)
 *   ex.onDraw(fn)        fn(state, readout) after every change, from the reader or from Python
 *   ex.root              the explorer's element; ex.initial: its starting state (Reset)
 *   return ex.cleanup    from render(), so a removed view stops listening
 *
 * In a kernel the model is anywidget's and Python computes the readout; on the static site it is
 * model.js's in-page model and the explorer's JS readout computes it.
 */

import { h } from "./dom.js";
import { pageLanguage, translator } from "./i18n.js";
import { fromWire } from "./wire.js";

export function setup({ model, el }) {
  const config = model.get("config");
  const { table } = config;
  const names = table.state.map((e) => e.name);
  const onPage = config.host === "page";
  const language = onPage ? pageLanguage(el) : model.get("language") || "en";
  const root = h("div", {
    class: "sl-explorer sl-explorer-" + table.name,
    lang: onPage ? null : language,
  });
  el.replaceChildren(root);

  const drawers = [];
  let holding = false;
  const state = () => {
    const s = {};
    for (const n of names) s[n] = model.get(n);
    return s;
  };
  const readout = () => fromWire(model.get("readout"));
  function draw() {
    if (holding) return;
    const s = state();
    const r = readout();
    for (const fn of drawers) fn(s, r);
  }
  function set(patch) {
    const changed = Object.keys(patch).some((k) => JSON.stringify(patch[k]) !== JSON.stringify(model.get(k)));
    if (!changed) return;
    holding = true;
    try {
      // Fresh arrays: a model only notices a new value, never an edit in place.
      for (const [k, v] of Object.entries(patch)) model.set(k, Array.isArray(v) ? v.slice() : v);
      model.save_changes();
    } finally {
      holding = false;
    }
    draw();
  }
  const events = [...names, "readout"].map((n) => "change:" + n);
  for (const ev of events) model.on(ev, draw);
  // For tests and the curious: the state and readout of this explorer, from its element.
  root.slExplorer = { state, readout };

  return {
    t: translator(config.catalogs, language),
    table,
    config,
    root,
    onPage,
    initial: config.initial,
    hooks: config.hooks || [],
    state,
    readout,
    set,
    draw,
    onDraw: (fn) => drawers.push(fn),
    cleanup: () => events.forEach((ev) => model.off(ev, draw)),
  };
}
