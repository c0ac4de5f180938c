/* sl_math.js: the browser-side math of the kernel-free explorers, written once.
 *
 * Every function mirrors one in softmax_lab (ops.py, info.py, phm.py) and is checked
 * against golden vectors that the Python library writes (tests/fixtures/golden_math.json)
 * to 1e-9. Vectors are plain arrays of numbers, matrices are arrays of rows.
 * Loaded in a page (window.SoftmaxLab.math) or under node (module.exports).
 */
(function (root) {
  "use strict";
  var SoftmaxLab = (root.SoftmaxLab = root.SoftmaxLab || {});
  if (SoftmaxLab.math) {
    if (typeof module !== "undefined" && module.exports) module.exports = SoftmaxLab.math;
    return; // already defined by an earlier explorer on this page
  }

  function max(v) {
    var m = -Infinity;
    for (var i = 0; i < v.length; i++) if (v[i] > m) m = v[i];
    return m;
  }

  function sum(v) {
    var s = 0;
    for (var i = 0; i < v.length; i++) s += v[i];
    return s;
  }

  /* First index of the largest value (ties go to the lower index, like numpy.argmax). */
  function argmax(v) {
    var best = 0;
    for (var i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
    return best;
  }

  /* softmax(o)_j = exp((o_j - max o) / T) / sum_k exp((o_k - max o) / T).
   * The shift makes every exponent <= 0: no overflow, and the largest term is 1. */
  function softmax(o, temperature) {
    var t = temperature === undefined ? 1 : temperature;
    var m = max(o);
    var e = new Array(o.length);
    for (var i = 0; i < o.length; i++) {
      var z = o[i] - m;
      if (t !== 1) z = z / t;
      e[i] = Math.exp(z);
    }
    var s = sum(e);
    for (var j = 0; j < o.length; j++) e[j] = e[j] / s;
    return e;
  }

  /* exp(o_j) / sum_k exp(o_k) with no shift: what a first attempt computes.
   * exp(710) is Infinity in float64, and Infinity / Infinity is NaN. */
  function naiveSoftmax(o) {
    var e = o.map(Math.exp);
    var s = sum(e);
    return e.map(function (x) { return x / s; });
  }

  /* LSE(o) = m + log sum_k exp(o_k - m), m = max o. */
  function logsumexp(o) {
    var m = max(o);
    var s = 0;
    for (var i = 0; i < o.length; i++) s += Math.exp(o[i] - m);
    return m + Math.log(s);
  }

  /* log softmax(o)_j = (o_j - m) - log sum_k exp(o_k - m). */
  function logSoftmax(o) {
    var m = max(o);
    var z = o.map(function (x) { return x - m; });
    var s = 0;
    for (var i = 0; i < z.length; i++) s += Math.exp(z[i]);
    var ls = Math.log(s);
    return z.map(function (x) { return x - ls; });
  }

  /* One-hot code of label c among q classes. */
  function oneHot(c, q) {
    var y = new Array(q).fill(0);
    y[c] = 1;
    return y;
  }

  /* A target is an integer label or a probability vector (soft label). */
  function targetVector(target, q) {
    return typeof target === "number" ? oneHot(target, q) : target;
  }

  /* l(y, o) = -sum_j y_j log softmax(o)_j, from the logits (never from rounded
   * probabilities); for an integer label c it is -log softmax(o)_c. */
  function crossEntropyLoss(o, target) {
    var logp = logSoftmax(o);
    if (typeof target === "number") return -logp[target];
    var s = 0;
    for (var j = 0; j < o.length; j++) s += target[j] * logp[j];
    return -s;
  }

  /* dl/do_j = softmax(o)_j - y_j. */
  function crossEntropyLossGrad(o, target) {
    var p = softmax(o);
    var y = targetVector(target, o.length);
    return p.map(function (pj, j) { return pj - y[j]; });
  }

  function logIn(base) {
    // Divide by ln(base) only when base != e, exactly as softmax_lab.info does.
    var lb = base === undefined ? 1 : Math.log(base);
    return function (x) { return lb === 1 ? Math.log(x) : Math.log(x) / lb; };
  }

  /* s(p) = -log p, elementwise; Infinity for p = 0. */
  function surprisal(p, base) {
    var log = logIn(base);
    return p.map(function (x) { return -log(x); });
  }

  /* H[P] = -sum_j P(j) log P(j), with 0 log 0 = 0. */
  function entropy(p, base) {
    var log = logIn(base);
    var s = 0;
    for (var j = 0; j < p.length; j++) if (p[j] > 0) s += p[j] * log(p[j]);
    return -s;
  }

  /* H(P, Q) = -sum_j P(j) log Q(j); Infinity when Q(j) = 0 < P(j). */
  function crossEntropy(p, q, base) {
    var log = logIn(base);
    var s = 0;
    for (var j = 0; j < p.length; j++) if (p[j] > 0) s += p[j] * log(q[j]);
    return -s;
  }

  /* D_KL(P || Q) = sum_j P(j) (log P(j) - log Q(j)) >= 0 (clipped at 0 against rounding). */
  function klDivergence(p, q, base) {
    var log = logIn(base);
    var s = 0;
    for (var j = 0; j < p.length; j++) if (p[j] > 0) s += p[j] * (log(p[j]) - log(q[j]));
    return Math.max(s, 0);
  }

  /* o = W x + b, W as rows. */
  function matVec(W, x, b) {
    return W.map(function (row, i) {
      var s = 0;
      for (var k = 0; k < x.length; k++) s += row[k] * x[k];
      return b ? s + b[i] : s;
    });
  }

  /* One step of gradient descent on the mean cross-entropy of a linear softmax classifier.
   * W: q x d rows, b: q, X: n x d rows, y: n integer labels, lr: step size.
   * O = X W^T + b; G = (softmax(O) - Y) / n; gradW = G^T X; gradb = sum_i G_i.
   * Returns the new W and b, and the loss and gradients at the old ones. */
  function gradientStep(W, b, X, y, lr) {
    var q = W.length, d = q ? W[0].length : 0, n = X.length;
    var gradW = W.map(function () { return new Array(d).fill(0); });
    var gradb = new Array(q).fill(0);
    var loss = 0;
    for (var i = 0; i < n; i++) {
      var o = matVec(W, X[i], b);
      loss += crossEntropyLoss(o, y[i]);
      var g = crossEntropyLossGrad(o, y[i]);
      for (var j = 0; j < q; j++) {
        var gij = g[j] / n;
        gradb[j] += gij;
        for (var k = 0; k < d; k++) gradW[j][k] += gij * X[i][k];
      }
    }
    return {
      W: W.map(function (row, j) {
        return row.map(function (w, k) { return w - lr * gradW[j][k]; });
      }),
      b: b.map(function (bj, j) { return bj - lr * gradb[j]; }),
      loss: n ? loss / n : NaN,
      gradW: gradW,
      gradb: gradb,
    };
  }

  /* Parameters of a dense layer d -> q, and of a PHM layer with n:
   * n^3 (A_1..A_n, n x n) + dq/n (S_1..S_n, q/n x d/n), each plus q biases.
   * The PHM count is null when n does not divide both d and q. */
  function denseParameterCount(d, q, bias) {
    return d * q + (bias === false ? 0 : q);
  }

  function phmParameterCount(d, q, n, bias) {
    if (d % n !== 0 || q % n !== 0) return null;
    return n * n * n + (d * q) / n + (bias === false ? 0 : q);
  }

  SoftmaxLab.math = {
    max: max,
    sum: sum,
    argmax: argmax,
    softmax: softmax,
    naiveSoftmax: naiveSoftmax,
    logsumexp: logsumexp,
    logSoftmax: logSoftmax,
    oneHot: oneHot,
    targetVector: targetVector,
    crossEntropyLoss: crossEntropyLoss,
    crossEntropyLossGrad: crossEntropyLossGrad,
    surprisal: surprisal,
    entropy: entropy,
    crossEntropy: crossEntropy,
    klDivergence: klDivergence,
    matVec: matVec,
    gradientStep: gradientStep,
    denseParameterCount: denseParameterCount,
    phmParameterCount: phmParameterCount,
  };
  if (typeof module !== "undefined" && module.exports) module.exports = SoftmaxLab.math;
})(typeof window !== "undefined" ? window : globalThis);
