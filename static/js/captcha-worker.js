// Solves an ALTCHA SHA-256 challenge: finds n in [0, maxnumber] with
// hex(SHA-256(salt + n)) == challenge, and reports its progress on the way.
//
// SHA-256 is computed here in plain JavaScript, not with crypto.subtle: one
// awaited digest per number costs far more than the hash itself (about 68,000
// numbers a second against 3 million on the machine the README names). The
// salt's whole 64-byte blocks are hashed once; each number hashes only the rest.
"use strict";
var K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2]);
var IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
var W = new Int32Array(64);

// One SHA-256 compression of the 16 words `block[off..off+16]` into the state `h`.
function compress(h, block, off) {
  var i, a, b, c, d, e, f, g, k, t1, t2, x, y;
  for (i = 0; i < 16; i++) { W[i] = block[off + i]; }
  for (i = 16; i < 64; i++) {
    x = W[i - 15]; y = W[i - 2];
    W[i] = (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + W[i - 7] +
      (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + W[i - 16] | 0;
  }
  a = h[0]; b = h[1]; c = h[2]; d = h[3]; e = h[4]; f = h[5]; g = h[6]; k = h[7];
  for (i = 0; i < 64; i++) {
    t1 = k + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) +
      ((e & f) ^ (~e & g)) + K[i] + W[i] | 0;
    t2 = (((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) +
      ((a & b) ^ (a & c) ^ (b & c)) | 0;
    k = g; g = f; f = e; e = d + t1 | 0; d = c; c = b; b = a; a = t1 + t2 | 0;
  }
  h[0] = h[0] + a | 0; h[1] = h[1] + b | 0; h[2] = h[2] + c | 0; h[3] = h[3] + d | 0;
  h[4] = h[4] + e | 0; h[5] = h[5] + f | 0; h[6] = h[6] + g | 0; h[7] = h[7] + k | 0;
}

// The n in [0, max] whose SHA-256(salt + n) is `challenge` (hex), or -1.
// `progress(n)` is called every 65,536 numbers.
function solve(salt, challenge, max, progress) {
  var bytes = new TextEncoder().encode(salt), i, j;
  var full = bytes.length - bytes.length % 64;
  var words = new Int32Array(32);
  var mid = new Int32Array(IV);
  for (var off = 0; off < full; off += 64) {
    for (i = 0; i < 16; i++) {
      j = off + 4 * i;
      words[i] = bytes[j] << 24 | bytes[j + 1] << 16 | bytes[j + 2] << 8 | bytes[j + 3];
    }
    compress(mid, words, 0);
  }
  var tail = bytes.subarray(full);
  var target = new Int32Array(8);
  for (i = 0; i < 8; i++) { target[i] = parseInt(challenge.substr(8 * i, 8), 16) | 0; }
  var buf = new Uint8Array(128);
  buf.set(tail);
  var h = new Int32Array(8);
  for (var n = 0; n <= max; n++) {
    if ((n & 0xffff) === 0 && n > 0 && progress) { progress(n); }
    var s = "" + n, len = tail.length, blocks, end, bits;
    for (j = 0; j < s.length; j++) { buf[len++] = s.charCodeAt(j); }
    buf[len++] = 0x80;
    blocks = len + 8 <= 64 ? 1 : 2;
    end = blocks * 64;
    while (len < end - 4) { buf[len++] = 0; }
    bits = (bytes.length + s.length) * 8;
    buf[end - 4] = bits >>> 24; buf[end - 3] = bits >>> 16 & 255; buf[end - 2] = bits >>> 8 & 255; buf[end - 1] = bits & 255;
    for (j = 0; j < blocks * 16; j++) {
      i = 4 * j;
      words[j] = buf[i] << 24 | buf[i + 1] << 16 | buf[i + 2] << 8 | buf[i + 3];
    }
    for (j = 0; j < 8; j++) { h[j] = mid[j]; }
    compress(h, words, 0);
    if (blocks === 2) { compress(h, words, 16); }
    if (h[0] === target[0] && h[1] === target[1] && h[2] === target[2] && h[3] === target[3] &&
        h[4] === target[4] && h[5] === target[5] && h[6] === target[6] && h[7] === target[7]) {
      return n;
    }
  }
  return -1;
}

if (typeof self !== "undefined" && typeof module === "undefined") {
  self.onmessage = function (e) {
    var c = e.data;
    var start = Date.now();
    var n = solve(c.salt, c.challenge, c.maxnumber, function (done) {
      self.postMessage({ progress: done / (c.maxnumber + 1) });
    });
    self.postMessage(n >= 0 ? { ok: true, number: n, took: Date.now() - start } : { ok: false });
  };
} else if (typeof module !== "undefined") {
  module.exports = { solve: solve };
}
