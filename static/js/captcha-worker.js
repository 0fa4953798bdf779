// Solves an ALTCHA SHA-256 challenge: finds n in [0, maxnumber] with
// hex(SHA-256(salt + n)) == challenge.
self.onmessage = async function (e) {
  var c = e.data;
  var enc = new TextEncoder();
  var start = Date.now();
  for (var n = 0; n <= c.maxnumber; n++) {
    var digest = await crypto.subtle.digest("SHA-256", enc.encode(c.salt + n));
    var bytes = new Uint8Array(digest);
    var hex = "";
    for (var i = 0; i < bytes.length; i++) { hex += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16); }
    if (hex === c.challenge) { self.postMessage({ ok: true, number: n, took: Date.now() - start }); return; }
  }
  self.postMessage({ ok: false });
};
