// The account menu (WAI-ARIA menu button pattern, with links and buttons inside):
// Enter, Space or ArrowDown open it on the first item, ArrowUp on the last; arrows
// move between items, Home/End jump, Escape closes and returns to the button; the
// menu closes when focus or a click leaves it.
(function () {
  "use strict";
  var button = document.querySelector("[data-menu-button]");
  if (!button) { return; }
  var menu = document.getElementById(button.getAttribute("aria-controls"));
  function items() { return Array.prototype.slice.call(menu.querySelectorAll("a, button")); }
  function set(open) { button.setAttribute("aria-expanded", open ? "true" : "false"); menu.hidden = !open; }
  function openAt(i) {
    set(true);
    var all = items();
    if (all.length) { all[(i + all.length) % all.length].focus(); }
  }
  button.addEventListener("click", function (e) { e.stopPropagation(); if (menu.hidden) { set(true); } else { set(false); } });
  button.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown") { e.preventDefault(); openAt(0); }
    if (e.key === "ArrowUp") { e.preventDefault(); openAt(-1); }
  });
  menu.addEventListener("keydown", function (e) {
    var all = items();
    var i = all.indexOf(document.activeElement);
    if (e.key === "ArrowDown") { e.preventDefault(); all[(i + 1) % all.length].focus(); }
    else if (e.key === "ArrowUp") { e.preventDefault(); all[(i - 1 + all.length) % all.length].focus(); }
    else if (e.key === "Home") { e.preventDefault(); all[0].focus(); }
    else if (e.key === "End") { e.preventDefault(); all[all.length - 1].focus(); }
  });
  document.addEventListener("click", function (e) { if (!menu.contains(e.target)) { set(false); } });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && !menu.hidden) { set(false); button.focus(); }
  });
  menu.addEventListener("focusout", function (e) {
    if (!menu.hidden && e.relatedTarget && !menu.contains(e.relatedTarget) && e.relatedTarget !== button) { set(false); }
  });
})();
