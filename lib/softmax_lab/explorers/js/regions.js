/* regions.js: where each class wins for a linear classifier in the plane, as exact polygons.
 *
 * Class k wins where o_k(x) = w_k · x + b_k is largest: the intersection of the half-planes
 * o_k(x) - o_j(x) >= 0, a convex polygon. Clipping the view's rectangle by each half-plane
 * (Sutherland-Hodgman) gives it exactly, so it can be drawn as a vector shape, sharp at any
 * device resolution, instead of being sampled pixel by pixel. Ties go to the lower class
 * index, as argmax does.
 */

/* The part of the convex polygon `poly` ([[x, y], ...]) where a x + c y + d >= 0 (> 0 when
 * strict). A half-plane with a = c = 0 keeps everything or nothing. */
export function clipHalfPlane(poly, [a, c, d], strict = false) {
  if (a === 0 && c === 0) return (strict ? d > 0 : d >= 0) ? poly : [];
  const side = ([x, y]) => a * x + c * y + d;
  const out = [];
  for (let i = 0; i < poly.length; i++) {
    const p = poly[i];
    const q = poly[(i + 1) % poly.length];
    const sp = side(p);
    const sq = side(q);
    if (sp >= 0) out.push(p);
    if ((sp >= 0) !== (sq >= 0)) {
      const t = sp / (sp - sq);
      out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  }
  return out.length >= 3 ? out : [];
}

/* One polygon per class (empty where it wins nowhere in view). weights[k] = [w_k1, w_k2],
 * biases[k] = b_k; the view is [x0, x1] × [y0, y1]. */
export function argmaxRegions(weights, biases, [x0, x1], [y0, y1]) {
  const view = [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
  return weights.map((wk, k) => {
    let poly = view;
    weights.forEach((wj, j) => {
      if (j === k || poly.length === 0) return;
      const plane = [wk[0] - wj[0], wk[1] - wj[1], biases[k] - biases[j]];
      poly = clipHalfPlane(poly, plane, j < k);
    });
    return poly;
  });
}

/* Area and centroid of a polygon (shoelace formula); null for an empty one. */
export function polygonCentroid(poly) {
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < poly.length; i++) {
    const [xa, ya] = poly[i];
    const [xb, yb] = poly[(i + 1) % poly.length];
    const cross = xa * yb - xb * ya;
    area += cross;
    cx += (xa + xb) * cross;
    cy += (ya + yb) * cross;
  }
  if (Math.abs(area) < 1e-12) return null;
  return { area: Math.abs(area) / 2, x: cx / (3 * area), y: cy / (3 * area) };
}
