/* model.js: the in-page model that stands in for a kernel on the static site.
 *
 * It has the part of anywidget's model interface the explorers use: get, set (fires
 * "change:<key>" synchronously, and only when the value really changed), on, off, send and
 * save_changes. Where a kernel would compute the readout in Python, save_changes computes it
 * here with the explorer's JS readout (checked against Python's on golden vectors).
 * Listeners get no arguments: read the model with get(), as in both hosts.
 */

function deepEqual(a, b) {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => deepEqual(a[k], b[k]));
}

export function createPageModel(values, computeReadout) {
  const data = { ...values };
  const listeners = new Map();
  const model = {
    get: (key) => data[key],
    set(key, value) {
      if (deepEqual(data[key], value)) return;
      data[key] = value;
      for (const cb of [...(listeners.get("change:" + key) || [])]) cb();
    },
    on(name, cb) {
      if (!listeners.has(name)) listeners.set(name, []);
      listeners.get(name).push(cb);
    },
    off(name, cb) {
      const list = listeners.get(name) || [];
      const at = list.indexOf(cb);
      if (at >= 0) list.splice(at, 1);
    },
    send() {},
    save_changes() {
      if (computeReadout) model.set("readout", computeReadout(data));
      return Promise.resolve();
    },
  };
  return model;
}
