// The captcha's SHA-256 rate on this machine: `node bench/captcha_rate.cjs`.
// Measures the widget's solver (static/js/captcha-worker.js, plain JavaScript with
// the salt's first block hashed once) against one awaited crypto.subtle digest per
// number, on a salt shaped like the server's, and checks the solver's answers
// against node's own SHA-256. The README's Captcha section quotes the results.
"use strict";
const { solve } = require("../static/js/captcha-worker.js");
const nodeCrypto = require("crypto");

const salt = "0123456789abcdef01234567?expires=1700000000&sig=" + "a".repeat(64);
const sha = (s) => nodeCrypto.createHash("sha256").update(s).digest("hex");

for (const s of ["", "abc", salt, "x".repeat(55), "x".repeat(56), "x".repeat(64)]) {
  for (const n of [0, 9, 65536, 123456]) {
    if (solve(s, sha(s + n), n + 5) !== n) { throw new Error(`wrong answer: ${s.length} bytes, ${n}`); }
  }
}

async function subtleRate(count) {
  const enc = new TextEncoder();
  const t0 = performance.now();
  for (let n = 0; n < count; n++) { await crypto.subtle.digest("SHA-256", enc.encode(salt + n)); }
  return count / ((performance.now() - t0) / 1000);
}

function solverRate(count) {
  const t0 = performance.now();
  solve(salt, "00".repeat(32), count - 1); // never found: every number is hashed
  return count / ((performance.now() - t0) / 1000);
}

(async () => {
  const subtle = await subtleRate(200000);
  solverRate(200000); // warm-up
  const plain = Math.max(solverRate(2000000), solverRate(2000000));
  console.log(`crypto.subtle, one await per number: ${Math.round(subtle)} hashes/s`);
  console.log(`captcha-worker.js solver:            ${Math.round(plain)} hashes/s`);
  console.log(`a slow phone (1/10 of the solver):    ${Math.round(plain / 10)} hashes/s;` +
    ` 5 s covers ${Math.round(plain / 2)} numbers`);
})();
