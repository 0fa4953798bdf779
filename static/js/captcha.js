// "I'm not a robot": fetches a challenge when the box is ticked, solves it in a Web
// Worker (captcha-worker.js) and puts the ALTCHA payload in the hidden field `altcha`.
// While it works, a bar and the status show how far it got; a polite live region
// (for screen readers) says so in steps of a quarter, not at every step. A Submit
// pressed meanwhile waits for the answer and then sends the form. The words come from the widget's data-* attributes (the
// page's language).
(function () {
  "use strict";
  document.querySelectorAll("[data-captcha]").forEach(function (box) {
    var check = box.querySelector("input[type=checkbox]");
    var field = box.querySelector("input[name=altcha]");
    var status = box.querySelector("[data-captcha-status]");
    var live = box.querySelector("[data-captcha-live]");
    var bar = box.querySelector("progress");
    var form = box.closest("form");
    var words = function (name, fallback) { return box.getAttribute("data-" + name) || fallback; };
    var solving = false;
    var sendWhenDone = null; // the submitter pressed while solving, or true
    var announced = -1;
    // The visible status, and the live region (both, unless `quiet`).
    function say(text, quiet) {
      if (status) { status.textContent = text; }
      if (live && !quiet) { live.textContent = text; }
    }
    function progressText(pct) {
      return words("checking-progress", "Checking… {pct}%").replace("{pct}", String(pct)) +
        (sendWhenDone ? " " + words("wait", "The form is sent when the check is done.") : "");
    }
    function showProgress(fraction) {
      var pct = Math.min(99, Math.floor(fraction * 100));
      if (bar) { bar.hidden = false; bar.value = pct; bar.setAttribute("aria-valuetext", pct + "%"); }
      box.setAttribute("data-progress", String(pct));
      say(progressText(pct), true);
      // The live region speaks at 25, 50 and 75 %, not at every step of the bar.
      var quarter = Math.floor(pct / 25);
      if (quarter !== announced && quarter > 0 && live) {
        announced = quarter;
        live.textContent = progressText(quarter * 25);
      }
    }
    function done() {
      if (bar) { bar.hidden = true; }
      if (!sendWhenDone) { return; }
      var submitter = sendWhenDone;
      sendWhenDone = null;
      if (form.requestSubmit) {
        form.requestSubmit(submitter instanceof HTMLElement ? submitter : undefined);
      } else {
        form.submit();
      }
    }
    check.addEventListener("change", function () {
      if (!check.checked) { field.value = ""; say(""); return; }
      if (solving) { return; }
      solving = true;
      announced = -1;
      check.disabled = true;
      box.setAttribute("data-state", "checking");
      box.setAttribute("data-progress", "0");
      if (bar) { bar.value = 0; bar.hidden = false; }
      say(words("checking", "Checking…"));
      fetch(box.getAttribute("data-challenge-url"), { credentials: "same-origin", cache: "no-store" })
        .then(function (r) { if (!r.ok) { throw new Error("challenge " + r.status); } return r.json(); })
        .then(function (challenge) {
          return new Promise(function (resolve, reject) {
            var worker = new Worker("/static/js/captcha-worker.js");
            worker.onmessage = function (e) {
              if (typeof e.data.progress === "number") { showProgress(e.data.progress); return; }
              worker.terminate();
              e.data.ok ? resolve(e.data) : reject(new Error("unsolved"));
            };
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
          solving = false;
          check.disabled = false;
          box.setAttribute("data-state", "verified");
          box.setAttribute("data-progress", "100");
          say(words("verified", "Verified"));
          done();
        })
        .catch(function () {
          solving = false;
          sendWhenDone = null;
          check.checked = false;
          check.disabled = false;
          field.value = "";
          if (bar) { bar.hidden = true; }
          box.setAttribute("data-state", "error");
          say(words("failed", "Could not verify. Tick the box to try again."));
        });
    });
    if (form) {
      form.addEventListener("submit", function (e) {
        if (field.value) { return; }
        e.preventDefault();
        if (solving) {
          // Sent as soon as the answer is there.
          sendWhenDone = e.submitter || true;
          box.setAttribute("data-send-when-done", "1");
          say(words("wait", "The form is sent when the check is done."));
          return;
        }
        say(words("tick-first", "Tick \u201cI'm not a robot\u201d first."));
        check.focus();
      });
    }
  });
})();
