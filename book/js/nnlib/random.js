// A small seeded random-number generator, so the browser can redraw data sets and
// initial weights from a seed.
//
// Python twin: numpy.random.default_rng(seed), used throughout nnlib. This is NOT
// NumPy's stream (NumPy uses PCG64 and its own normal sampler); the twin is proven
// equal to nnlib on cases whose data, weights and batch orders come from Python.
//
// The algorithm: xoshiro128** (Blackman & Vigna, "Scrambled linear pseudorandom
// number generators", 2018; https://prng.di.unimi.it/), four 32-bit words of state,
// period 2^128 - 1. Its state is filled from the seed SplitMix-style (Steele, Lea &
// Flood, 2014): a counter stepped by 0x9e3779b9 (2^32 / golden ratio), each value
// scrambled by MurmurHash3's 32-bit finalizer, so that nearby seeds (0, 1, 2, ...)
// give unrelated streams. 32-bit words keep every step in exact integer arithmetic
// (Math.imul, >>>), so nextUint32, random, uniform, integer and permutation give the
// same numbers in every JavaScript engine. normal() goes through Math.log, Math.cos
// and Math.sin, which the language lets engines round differently: Node 20 and
// Chromium 156 agree to ~1e-16, not always to the last bit.

function splitMix32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

function rotl(x, k) {
  return (x << k) | (x >>> (32 - k));
}

const TWO_TO_32 = 4294967296;
const TWO_TO_53 = 9007199254740992;

export class Random {
  constructor(seed = 0) {
    if (!Number.isSafeInteger(seed)) {
      throw new Error(`Random: seed must be a whole number (e.g. 0 or 42); got ${seed}`);
    }
    // Both halves of a large seed count, so 1 and 2**32 + 1 differ.
    const mix = splitMix32((seed >>> 0) ^ Math.imul(Math.floor(seed / TWO_TO_32) | 0, 0x27d4eb2f));
    this.state = new Uint32Array([mix(), mix(), mix(), mix()]);
    if (this.state.every((word) => word === 0)) this.state[0] = 1; // the one forbidden state
    this.spareNormal = null;
  }

  // The next 32 random bits, as an integer in [0, 2^32).
  nextUint32() {
    const s = this.state;
    const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  }

  // A float in [0, 1) with all 53 bits of a double random: 27 + 26 bits from two words.
  random() {
    const high = this.nextUint32() >>> 5;
    const low = this.nextUint32() >>> 6;
    return (high * 67108864 + low) / TWO_TO_53;
  }

  // Uniform on [low, high), like rng.uniform(low, high).
  uniform(low = 0, high = 1) {
    return low + (high - low) * this.random();
  }

  // Normal(mean, std^2) by the Box-Muller transform: two uniforms u1, u2 give two
  // independent standard normals r cos(2 pi u2) and r sin(2 pi u2), r = sqrt(-2 ln u1).
  // The second is kept for the next call.
  normal(mean = 0, std = 1) {
    let z;
    if (this.spareNormal !== null) {
      z = this.spareNormal;
      this.spareNormal = null;
    } else {
      const u1 = 1 - this.random(); // in (0, 1], so the log is finite
      const u2 = this.random();
      const r = Math.sqrt(-2 * Math.log(u1));
      z = r * Math.cos(2 * Math.PI * u2);
      this.spareNormal = r * Math.sin(2 * Math.PI * u2);
    }
    return mean + std * z;
  }

  // A whole number in [0, n), every value equally likely: draws that would favour
  // the low numbers (the last, incomplete copy of 0..n-1 in 0..2^32-1) are redrawn.
  integer(n) {
    if (!Number.isInteger(n) || n < 1 || n > TWO_TO_32) {
      throw new Error(`Random.integer(n): n must be a whole number in [1, 2^32]; got ${n}`);
    }
    const limit = TWO_TO_32 - (TWO_TO_32 % n);
    let x;
    do {
      x = this.nextUint32();
    } while (x >= limit);
    return x % n;
  }

  // 0..n-1 in random order (Fisher-Yates shuffle), like rng.permutation(n).
  permutation(n) {
    if (!Number.isInteger(n) || n < 0) {
      throw new Error(`Random.permutation(n): n must be a whole number >= 0; got ${n}`);
    }
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.integer(i + 1);
      const swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }
}
