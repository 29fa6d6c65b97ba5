// Dossier progressive enhancement. Every page works without this file;
// it only adds conveniences: highlight toggles on the article page and
// local, relative times ("3 hours ago") next to absolute UTC ones.
(function () {
  "use strict";
  var text = document.getElementById("article-text");
  if (text) {
    document.querySelectorAll("input[data-hl]").forEach(function (box) {
      box.addEventListener("change", function () {
        text.classList.toggle("off-" + box.getAttribute("data-hl"), !box.checked);
      });
    });
  }
  var now = Date.now();
  var units = [["year", 31536e6], ["month", 2592e6], ["week", 6048e5], ["day", 864e5], ["hour", 36e5], ["minute", 6e4]];
  var fmt = window.Intl && Intl.RelativeTimeFormat ? new Intl.RelativeTimeFormat("en", { numeric: "auto" }) : null;
  document.querySelectorAll(".updated time[datetime]").forEach(function (el) {
    var t = Date.parse(el.getAttribute("datetime"));
    if (!fmt || isNaN(t)) return;
    var d = t - now;
    for (var i = 0; i < units.length; i++) {
      if (Math.abs(d) >= units[i][1] || i === units.length - 1) {
        el.title = el.textContent;
        el.textContent = fmt.format(Math.round(d / units[i][1]), units[i][0]);
        return;
      }
    }
  });
})();
