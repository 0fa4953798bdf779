// Small enhancements of every form; the pages work without them.
// - a sent form shows that it is busy and ignores a second press (not a form
//   another script held back, like the captcha's while it works, nor one marked
//   data-download or data-repeatable, whose answer leaves the page as it is);
// - password fields get a "Show password" toggle;
// - the "Language" select applies on change (its button stays for keyboards
//   and for browsers without script).
// - after a failed form, focus goes to the first field with an error.
(function () {
  "use strict";
  var html = document.documentElement;
  var t = {
    show: html.getAttribute("data-show-password") || "Show password",
    hide: html.getAttribute("data-hide-password") || "Hide password"
  };
  // Bubbling, so the form's own listeners (the captcha's) have had their say.
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (e.defaultPrevented || form.hasAttribute("data-download") || form.hasAttribute("data-repeatable")) { return; }
    if (form.getAttribute("data-sent") === "1") { e.preventDefault(); return; }
    if (form.method.toLowerCase() !== "post") { return; }
    form.setAttribute("data-sent", "1");
    var b = e.submitter || form.querySelector("button[type=submit], button:not([type])");
    if (b) { b.setAttribute("aria-busy", "true"); }
    // Back/forward cache: a page shown again must take a new press.
    window.addEventListener("pageshow", function () {
      form.removeAttribute("data-sent");
      if (b) { b.removeAttribute("aria-busy"); }
    }, { once: true });
  });
  Array.prototype.forEach.call(document.querySelectorAll("input[type=password]"), function (input) {
    var wrap = document.createElement("div");
    wrap.className = "password-field";
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(input);
    var toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "password-toggle";
    toggle.textContent = t.show;
    toggle.setAttribute("aria-pressed", "false");
    toggle.setAttribute("aria-controls", input.id);
    toggle.addEventListener("click", function () {
      var shown = input.type === "text";
      input.type = shown ? "password" : "text";
      toggle.textContent = shown ? t.show : t.hide;
      toggle.setAttribute("aria-pressed", shown ? "false" : "true");
    });
    wrap.appendChild(toggle);
  });
  var select = document.querySelector("select[data-autosubmit]");
  if (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  }
  // After a failed form: the first field with an error, else the page's alert (so
  // a screen reader reads it), unless the page chose a field itself.
  var invalid = document.querySelector("[aria-invalid=true]");
  var alert = document.querySelector("main [role=alert]");
  if (invalid) { invalid.focus(); }
  else if (alert && !document.querySelector("[autofocus]")) {
    alert.setAttribute("tabindex", "-1");
    alert.focus();
  }
})();
