/* growthsite: progressive enhancement for the people directory.
   Without JavaScript the directory is a plain table with "browse by" links to
   pre-built lists; with it, filters appear and column headers sort the table. */
(function () {
  "use strict";

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  function directory(root) {
    var form = root.querySelector("[data-gs-filters]");
    var table = root.querySelector("table[data-gs-sortable]");
    if (!form || !table) { return; }
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var count = form.querySelector("[data-gs-count]");
    form.hidden = false;
    function apply() {
      var wanted = {};
      var shown = 0;
      each(form.elements, function (el) { if (el.name) { wanted[el.name] = el.value; } });
      rows.forEach(function (row) {
        var d = row.dataset;
        var ok = (!wanted.school || d.school === wanted.school) &&
          (!wanted.stage || d.stage === wanted.stage) &&
          (!wanted.pathway || d.pathway === wanted.pathway) &&
          (!wanted.types || (" " + d.types + " ").indexOf(" " + wanted.types + " ") >= 0);
        row.hidden = !ok;
        if (ok) { shown += 1; }
      });
      count.textContent = shown + " of " + rows.length + " people shown";
    }
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply();
  }

  function sortable(table) {
    var headers = table.tHead.rows[0].cells;
    each(headers, function (th, index) {
      var kind = th.getAttribute("data-sort");
      if (!kind) { return; }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "gs-sort";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        each(headers, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[index].textContent.trim();
          var y = b.cells[index].textContent.trim();
          var c = kind === "number" ? Number(x) - Number(y) : x.localeCompare(y);
          return ascending ? c : -c;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function printable(button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  }

  function init() {
    each(document.querySelectorAll("[data-gs-print]"), printable);
    each(document.querySelectorAll("[data-gs-directory]"), directory);
    each(document.querySelectorAll("table[data-gs-sortable]"), sortable);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
}());
