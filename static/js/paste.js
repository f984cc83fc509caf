// The alignment page without JavaScript shows every point's "new clause" fields; with it,
// they show only for the points marked "New clause".
(function () {
  "use strict";
  function sync(row) {
    var select = row.querySelector("select[name$='-clause']");
    var fields = row.querySelector("[data-new-clause]");
    if (!select || !fields) return;
    var isNew = select.value === "new";
    fields.hidden = !isNew;
    row.classList.toggle("align-new", isNew);
    row.classList.toggle("align-matched", !isNew);
  }
  document.querySelectorAll("[data-align-row]").forEach(function (row) {
    sync(row);
    row.addEventListener("change", function () { sync(row); });
  });
})();
