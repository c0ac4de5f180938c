/* scale.js: map numbers to pixels, and pick round tick values. */

/* A linear map from [d0, d1] to [r0, r1]. */
export function linear([d0, d1], [r0, r1]) {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

/* About `count` round values (1, 2 or 5 times a power of ten apart) covering [lo, hi]. */
export function niceTicks(lo, hi, count = 5) {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / Math.max(1, count);
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw);
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
    out.push(Number(v.toPrecision(12)));
  }
  return out;
}

/* Ticks from 0 up to the first round value at or above `top` (an axis that ends on a tick). */
export function roundedTicks(top, count = 4) {
  const ticks = niceTicks(0, top, count);
  const step = ticks.length > 1 ? ticks[1] - ticks[0] : top;
  const last = ticks[ticks.length - 1];
  return last >= top ? ticks : [...ticks, Number((last + step).toPrecision(12))];
}
