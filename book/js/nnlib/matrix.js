// The twin of NumPy's float64 2-D arrays, as far as nnlib needs them.
//
// nnlib leans on NumPy for `X @ W`, `X.T @ dZ` and friends. The browser has no NumPy,
// so a Matrix is a row-major Float64Array with its shape, and the handful of
// products the layers need are written out as plain loops. JavaScript numbers are
// float64, like NumPy's default dtype, so the arithmetic is the same; only the order
// in which a BLAS library adds up a dot product may differ (by about 1e-16).

export class Matrix {
  // Entry (i, j) lives at data[i * cols + j], as in a C-ordered NumPy array.
  constructor(rows, cols, data = new Float64Array(rows * cols)) {
    if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
      throw new Error(`Matrix: rows and cols must be whole numbers >= 0; got ${rows} x ${cols}`);
    }
    if (data.length !== rows * cols) {
      throw new Error(
        `Matrix: a ${rows} x ${cols} matrix needs ${rows * cols} numbers; got ${data.length}`,
      );
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data instanceof Float64Array ? data : Float64Array.from(data);
  }

  // From nested arrays, e.g. what Python's `array.tolist()` writes to JSON.
  static fromRows(rows) {
    if (!Array.isArray(rows) && !ArrayBuffer.isView(rows)) {
      throw new Error(`Matrix.fromRows needs an array of rows; got ${typeof rows}`);
    }
    const n = rows.length;
    const m = n === 0 ? 0 : rows[0].length;
    const matrix = new Matrix(n, m);
    for (let i = 0; i < n; i++) {
      if (rows[i].length !== m) {
        throw new Error(`Matrix.fromRows: row ${i} has ${rows[i].length} entries, row 0 has ${m}`);
      }
      for (let j = 0; j < m; j++) matrix.data[i * m + j] = rows[i][j];
    }
    return matrix;
  }

  // A column (n x 1) from a flat list, e.g. labels 0/1 as binary targets.
  static column(values) {
    return new Matrix(values.length, 1, Float64Array.from(values));
  }

  get shape() {
    return [this.rows, this.cols];
  }

  get size() {
    return this.data.length;
  }

  get(i, j) {
    return this.data[i * this.cols + j];
  }

  set(i, j, value) {
    this.data[i * this.cols + j] = value;
  }

  // Row i as a view: writing to it writes to the matrix.
  row(i) {
    return this.data.subarray(i * this.cols, (i + 1) * this.cols);
  }

  toRows() {
    const rows = [];
    for (let i = 0; i < this.rows; i++) rows.push(Array.from(this.row(i)));
    return rows;
  }

  copy() {
    return new Matrix(this.rows, this.cols, this.data.slice());
  }

  // Rows start..end-1 as a view sharing the data (NumPy's X[start:end]).
  sliceRows(start, end) {
    const stop = Math.min(end, this.rows);
    return new Matrix(stop - start, this.cols, this.data.subarray(start * this.cols, stop * this.cols));
  }

  // The rows listed in `order`, copied (NumPy's X[order]).
  takeRows(order) {
    const m = this.cols;
    const out = new Matrix(order.length, m);
    for (let r = 0; r < order.length; r++) {
      out.data.set(this.data.subarray(order[r] * m, order[r] * m + m), r * m);
    }
    return out;
  }

  isFinite() {
    for (const value of this.data) if (!Number.isFinite(value)) return false;
    return true;
  }
}

function checkInner(what, a, b, n1, n2) {
  if (n1 !== n2) {
    throw new Error(
      `${what}: shapes ${a.rows}x${a.cols} and ${b.rows}x${b.cols} do not fit (${n1} != ${n2})`,
    );
  }
}

// C = A B:  C[i][j] = sum_k A[i][k] B[k][j]   (NumPy's A @ B)
export function matmul(A, B) {
  checkInner("matmul", A, B, A.cols, B.rows);
  const n = A.rows, K = A.cols, m = B.cols;
  const a = A.data, b = B.data;
  const C = new Matrix(n, m);
  const c = C.data;
  // i-k-j order walks B and C row by row (fast on row-major data); each C[i][j]
  // still receives its K terms in the order k = 0, 1, ..., K-1.
  for (let i = 0; i < n; i++) {
    const ci = i * m;
    for (let k = 0; k < K; k++) {
      const aik = a[i * K + k];
      const bk = k * m;
      for (let j = 0; j < m; j++) c[ci + j] += aik * b[bk + j];
    }
  }
  return C;
}

// C = A^T B:  C[i][j] = sum_s A[s][i] B[s][j]   (NumPy's A.T @ B; dW = X.T @ dZ)
export function transposeMatmul(A, B) {
  checkInner("transposeMatmul", A, B, A.rows, B.rows);
  const S = A.rows, n = A.cols, m = B.cols;
  const a = A.data, b = B.data;
  const C = new Matrix(n, m);
  const c = C.data;
  for (let s = 0; s < S; s++) {
    for (let i = 0; i < n; i++) {
      const asi = a[s * n + i];
      const ci = i * m;
      const bs = s * m;
      for (let j = 0; j < m; j++) c[ci + j] += asi * b[bs + j];
    }
  }
  return C;
}

// C = A B^T:  C[i][j] = sum_k A[i][k] B[j][k]   (NumPy's A @ B.T; dX = dZ @ W.T)
export function matmulTransposed(A, B) {
  checkInner("matmulTransposed", A, B, A.cols, B.cols);
  const n = A.rows, K = A.cols, m = B.rows;
  const a = A.data, b = B.data;
  const C = new Matrix(n, m);
  const c = C.data;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let sum = 0;
      for (let k = 0; k < K; k++) sum += a[i * K + k] * b[j * K + k];
      c[i * m + j] = sum;
    }
  }
  return C;
}

// A new matrix with f applied to every entry.
export function map(A, f) {
  const out = new Matrix(A.rows, A.cols);
  const a = A.data, o = out.data;
  for (let i = 0; i < a.length; i++) o[i] = f(a[i]);
  return out;
}
