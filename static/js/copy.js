// "Copy" buttons: `data-copy` names the element whose text is copied (a list: one
// line per item). The buttons are hidden until this script shows them, so a page
// without script offers none; the page's `[data-copy-status]` (a polite live
// region) says "Copied", or how to copy by hand.
(function () {
  "use strict";
  var status = document.querySelector("[data-copy-status]");
  function say(text) { if (status) { status.textContent = text; } }
  function textOf(el) {
    var items = el.querySelectorAll("li");
    if (!items.length) { return el.textContent.trim(); }
    return Array.prototype.map.call(items, function (li) { return li.textContent.trim(); }).join("\n");
  }
  // Without the asynchronous clipboard (an insecure origin, an old browser): a
  // hidden text area, selected and copied.
  function fallback(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }
  Array.prototype.forEach.call(document.querySelectorAll("button[data-copy]"), function (button) {
    var target = document.getElementById(button.getAttribute("data-copy"));
    if (!target) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = textOf(target);
      var copying = navigator.clipboard && navigator.clipboard.writeText
        ? navigator.clipboard.writeText(text).catch(function () { return fallback(text); })
        : fallback(text);
      copying.then(function () {
        button.setAttribute("data-copied-at", String(Date.now()));
        say(button.getAttribute("data-copied") || "Copied");
      }, function () {
        say(button.getAttribute("data-copy-failed") || "Could not copy.");
      });
    });
  });
})();
