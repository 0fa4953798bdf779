// Dates and times in the reader's language and time zone: every
// <time datetime="…Z" data-local> is rewritten with Intl in the page's language
// (<html lang>). Without script the server's text stays (UTC, said as such).
(function () {
  "use strict";
  var lang = document.documentElement.lang || undefined;
  var format;
  try {
    format = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" });
  } catch (e) { return; }
  Array.prototype.forEach.call(document.querySelectorAll("time[data-local]"), function (t) {
    var d = new Date(t.getAttribute("datetime"));
    if (!isNaN(d.getTime())) { t.textContent = format.format(d); }
  });
})();
