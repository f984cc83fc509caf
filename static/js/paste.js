// The alignment page. Without JavaScript, the title and topic of a new clause appear once
// the editor presses "Check again", and so does the dropped list's update; with it, they
// appear (and are sent) as soon as the editor picks "New clause", hide (and are not sent)
// when a clause is picked, and the dropped list follows every change of a match.
(function () {
  "use strict";
  function sync(row) {
    var select = row.querySelector("select[name$='-clause']");
    var fields = row.querySelector("[data-new-clause]");
    if (!select || !fields) return;
    var isNew = select.value === "new";
    fields.hidden = !isNew;
    fields.querySelectorAll("input, select").forEach(function (input) {
      input.disabled = !isNew;
    });
    row.classList.toggle("align-new", isNew);
    row.classList.toggle("align-matched", !isNew);
  }
  function syncDropped() {
    var section = document.querySelector("[data-dropped]");
    if (!section) return;
    var kept = {};
    document.querySelectorAll("[data-align-row] select[name$='-clause']").forEach(function (s) {
      kept[s.value] = true;
    });
    var some = false;
    section.querySelectorAll("li[data-clause]").forEach(function (item) {
      var dropped = !kept[item.getAttribute("data-clause")];
      item.hidden = !dropped;
      some = some || dropped;
    });
    var note = section.querySelector("[data-dropped-some]");
    var none = section.querySelector("[data-dropped-none]");
    if (note) note.hidden = !some;
    if (none) none.hidden = some;
  }
  document.documentElement.classList.add("js");
  document.querySelectorAll("[data-align-row]").forEach(function (row) {
    sync(row);
    row.addEventListener("change", function () {
      sync(row);
      syncDropped();
    });
  });
  syncDropped();
  var summary = document.querySelector(".error-summary");
  if (summary) summary.focus();
})();
