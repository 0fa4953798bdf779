// "I'm not a robot": fetches a challenge when the box is ticked, solves it in a Web
// Worker (captcha-worker.js) and puts the ALTCHA payload in the hidden field `altcha`.
(function () {
  "use strict";
  document.querySelectorAll("[data-captcha]").forEach(function (box) {
    var check = box.querySelector("input[type=checkbox]");
    var field = box.querySelector("input[name=altcha]");
    var status = box.querySelector("[data-captcha-status]");
    var form = box.closest("form");
    var solving = false;
    function say(text) { if (status) { status.textContent = text; } }
    check.addEventListener("change", function () {
      if (!check.checked) { field.value = ""; say(""); return; }
      if (solving) { return; }
      solving = true;
      check.disabled = true;
      say("Checking…");
      fetch(box.getAttribute("data-challenge-url"), { credentials: "same-origin", cache: "no-store" })
        .then(function (r) { if (!r.ok) { throw new Error("challenge " + r.status); } return r.json(); })
        .then(function (challenge) {
          return new Promise(function (resolve, reject) {
            var worker = new Worker("/static/js/captcha-worker.js");
            worker.onmessage = function (e) { worker.terminate(); e.data.ok ? resolve(e.data) : reject(new Error("unsolved")); };
            worker.onerror = function (e) { worker.terminate(); reject(e); };
            worker.postMessage(challenge);
          }).then(function (result) {
            field.value = btoa(JSON.stringify({
              algorithm: challenge.algorithm, challenge: challenge.challenge, number: result.number,
              salt: challenge.salt, signature: challenge.signature, took: result.took
            }));
          });
        })
        .then(function () {
          check.disabled = false;
          box.setAttribute("data-state", "verified");
          say("Verified");
        })
        .catch(function () {
          check.checked = false;
          check.disabled = false;
          field.value = "";
          box.setAttribute("data-state", "error");
          say("Could not verify. Tick the box to try again.");
        })
        .finally(function () { solving = false; });
    });
    if (form) {
      form.addEventListener("submit", function (e) {
        if (!field.value) { e.preventDefault(); say("Tick \u201cI'm not a robot\u201d first."); check.focus(); }
      });
    }
  });
})();
