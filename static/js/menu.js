// The account menu: the avatar button opens and closes the list of accounts.
(function () {
  "use strict";
  var button = document.querySelector("[data-menu-button]");
  if (!button) { return; }
  var menu = document.getElementById(button.getAttribute("aria-controls"));
  function set(open) { button.setAttribute("aria-expanded", open ? "true" : "false"); menu.hidden = !open; }
  button.addEventListener("click", function (e) { e.stopPropagation(); set(menu.hidden); });
  document.addEventListener("click", function (e) { if (!menu.contains(e.target)) { set(false); } });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") { set(false); button.focus(); } });
})();
