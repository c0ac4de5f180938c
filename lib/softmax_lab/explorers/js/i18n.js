/* i18n.js: every string a reader sees comes from the message catalogs (one JSON file per language
 * in softmax_lab/messages/<language>/explorers.json); English fills any key a language lacks. */

import { formatNumber } from "./format.js";

/* t(key, values): the message, with {name} placeholders filled (numbers through formatNumber). */
export function translator(catalogs, language) {
  const english = catalogs.en || {};
  const own = catalogs[language] || {};
  return function t(key, values) {
    const text = key in own ? own[key] : english[key];
    if (text === undefined) {
      console.error("softmax_lab explorers: no message " + JSON.stringify(key));
      return key;
    }
    if (!values) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name) => {
      if (!(name in values)) return whole;
      const v = values[name];
      return typeof v === "number" ? formatNumber(v) : String(v);
    });
  };
}

/* The page's language: the nearest lang attribute ("ko", "en-US" -> "en"). */
export function pageLanguage(el) {
  const holder = el.closest("[lang]") || document.documentElement;
  return (holder.getAttribute("lang") || "en").split("-")[0].toLowerCase();
}
