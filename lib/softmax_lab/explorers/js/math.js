/* math.js: the browser-side math of the explorers, written once.
 *
 * Every function mirrors one in softmax_lab (ops.py, info.py, phm.py) and is checked in Chromium
 * against golden vectors that the Python library writes (tests/fixtures/golden_math.json) to 1e-9.
 * Vectors are plain arrays of numbers, matrices arrays of rows.
 */

export function max(v) {
  let m = -Infinity;
  for (const x of v) if (x > m) m = x;
  return m;
}

export function sum(v) {
  let s = 0;
  for (const x of v) s += x;
  return s;
}

/* First index of the largest value (ties go to the lower index, like numpy.argmax). */
export function argmax(v) {
  let best = 0;
  for (let i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
  return best;
}

/* softmax(o)_j = exp((o_j - max o) / T) / sum_k exp((o_k - max o) / T).
 * The shift makes every exponent <= 0: no overflow, and the largest term is 1. */
export function softmax(o, temperature = 1) {
  const m = max(o);
  const e = o.map((x) => Math.exp(temperature === 1 ? x - m : (x - m) / temperature));
  const s = sum(e);
  return e.map((x) => x / s);
}

/* exp(o_j) / sum_k exp(o_k) with no shift: what a first attempt computes.
 * exp(710) is Infinity in float64, and Infinity / Infinity is NaN. */
export function naiveSoftmax(o) {
  const e = o.map(Math.exp);
  const s = sum(e);
  return e.map((x) => x / s);
}

/* LSE(o) = m + log sum_k exp(o_k - m), m = max o. */
export function logsumexp(o) {
  const m = max(o);
  let s = 0;
  for (const x of o) s += Math.exp(x - m);
  return m + Math.log(s);
}

/* log softmax(o)_j = (o_j - m) - log sum_k exp(o_k - m). */
export function logSoftmax(o) {
  const m = max(o);
  const z = o.map((x) => x - m);
  let s = 0;
  for (const x of z) s += Math.exp(x);
  const ls = Math.log(s);
  return z.map((x) => x - ls);
}

/* One-hot code of label c among q classes. */
export function oneHot(c, q) {
  const y = new Array(q).fill(0);
  y[c] = 1;
  return y;
}

/* A target is an integer label or a probability vector (soft label). */
export function targetVector(target, q) {
  return typeof target === "number" ? oneHot(target, q) : target;
}

/* l(y, o) = -sum_j y_j log softmax(o)_j, from the logits (never from rounded probabilities);
 * for an integer label c it is -log softmax(o)_c. */
export function crossEntropyLoss(o, target) {
  const logp = logSoftmax(o);
  if (typeof target === "number") return -logp[target];
  let s = 0;
  for (let j = 0; j < o.length; j++) s += target[j] * logp[j];
  return -s;
}

/* dl/do_j = softmax(o)_j - y_j. */
export function crossEntropyLossGrad(o, target) {
  const p = softmax(o);
  const y = targetVector(target, o.length);
  return p.map((pj, j) => pj - y[j]);
}

function logIn(base) {
  // Divide by ln(base) only when a base is given, exactly as softmax_lab.info does.
  if (base === undefined) return Math.log;
  const lb = Math.log(base);
  return (x) => Math.log(x) / lb;
}

/* s(p) = -log p, elementwise; Infinity for p = 0. */
export function surprisal(p, base) {
  const log = logIn(base);
  return p.map((x) => -log(x));
}

/* H[P] = -sum_j P(j) log P(j), with 0 log 0 = 0. */
export function entropy(p, base) {
  const log = logIn(base);
  let s = 0;
  for (const x of p) if (x > 0) s += x * log(x);
  return -s;
}

/* H(P, Q) = -sum_j P(j) log Q(j); Infinity when Q(j) = 0 < P(j). */
export function crossEntropy(p, q, base) {
  const log = logIn(base);
  let s = 0;
  for (let j = 0; j < p.length; j++) if (p[j] > 0) s += p[j] * log(q[j]);
  return -s;
}

/* D_KL(P || Q) = sum_j P(j) (log P(j) - log Q(j)) >= 0 (clipped at 0 against rounding). */
export function klDivergence(p, q, base) {
  const log = logIn(base);
  let s = 0;
  for (let j = 0; j < p.length; j++) if (p[j] > 0) s += p[j] * (log(p[j]) - log(q[j]));
  return Math.max(s, 0);
}

/* o = W x + b, W as rows. */
export function matVec(W, x, b) {
  return W.map((row, i) => {
    let s = 0;
    for (let k = 0; k < x.length; k++) s += row[k] * x[k];
    return b ? s + b[i] : s;
  });
}

/* One step of gradient descent on the mean cross-entropy of a linear softmax classifier.
 * W: q x d rows, b: q, X: n x d rows, y: n integer labels, lr: step size.
 * O = X W^T + b; G = (softmax(O) - Y) / n; gradW = G^T X; gradb = sum_i G_i.
 * Returns the new W and b, and the loss and gradients at the old ones. */
export function gradientStep(W, b, X, y, lr) {
  const q = W.length, d = q ? W[0].length : 0, n = X.length;
  const gradW = W.map(() => new Array(d).fill(0));
  const gradb = new Array(q).fill(0);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const o = matVec(W, X[i], b);
    loss += crossEntropyLoss(o, y[i]);
    const g = crossEntropyLossGrad(o, y[i]);
    for (let j = 0; j < q; j++) {
      const gij = g[j] / n;
      gradb[j] += gij;
      for (let k = 0; k < d; k++) gradW[j][k] += gij * X[i][k];
    }
  }
  return {
    W: W.map((row, j) => row.map((w, k) => w - lr * gradW[j][k])),
    b: b.map((bj, j) => bj - lr * gradb[j]),
    loss: n ? loss / n : NaN,
    gradW,
    gradb,
  };
}

/* Parameters of a dense layer d -> q, and of a PHM layer with n:
 * n^3 (A_1..A_n, n x n) + dq/n (S_1..S_n, q/n x d/n), each plus q biases.
 * The PHM count is null when n does not divide both d and q. */
export function denseParameterCount(d, q, bias) {
  return d * q + (bias === false ? 0 : q);
}

export function phmParameterCount(d, q, n, bias) {
  if (d % n !== 0 || q % n !== 0) return null;
  return n * n * n + (d * q) / n + (bias === false ? 0 : q);
}
