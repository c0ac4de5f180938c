/* distribution.js: edit a probability distribution and keep it one (entries >= 0, sum 1). */

import { sum } from "./math.js";

export function uniform(n) {
  return new Array(n).fill(1 / n);
}

/* w / sum(w), summed left to right as the Python readouts do. */
export function normalised(weights) {
  const total = sum(weights);
  return weights.map((w) => w / total);
}

/* Entry j set to v; the others share 1 - v in proportion to their sizes (so their ratios stay),
 * or equally when they are all 0. A reader can predict it: the bar moved takes from, or gives
 * to, every other bar the same fraction of what it has. */
export function moveProbability(dist, j, v) {
  const rest = 1 - v;
  const others = sum(dist.filter((_, k) => k !== j));
  return dist.map((x, k) => (k === j ? v : others > 0 ? (x * rest) / others : rest / (dist.length - 1)));
}

/* A distribution fitted to n entries: zeros pad a shorter one; a longer one keeps its first n
 * entries, renormalised (uniform when they are all 0). Same rule as softmax_lab's fit_label. */
export function fitDistribution(dist, n) {
  if (dist.length <= n) return [...dist, ...new Array(n - dist.length).fill(0)];
  const head = dist.slice(0, n);
  return sum(head) > 0 ? normalised(head) : uniform(n);
}
