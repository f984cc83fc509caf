// The alignment page. Without JavaScript, the title and topic of a new clause appear once
// the editor presses "Check again"; with it, they appear (and are sent) as soon as the
// editor picks "New clause", and hide (and are not sent) when a clause is picked.
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
  document.documentElement.classList.add("js");
  document.querySelectorAll("[data-align-row]").forEach(function (row) {
    sync(row);
    row.addEventListener("change", function () { sync(row); });
  });
})();
