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
      each(form.querySelectorAll("select[name]"), function (el) { wanted[el.name] = el.value; });
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

  // A table wider than the screen scrolls sideways inside Material's wrapper, a chart inside its figure:
  // keyboard users need to be able to focus the wrapper to scroll it, and screen readers to hear what it
  // is. Only while it scrolls.
  function scrollable(wrap) {
    if (wrap.hasAttribute("data-gs-scroll")) { return; }
    wrap.setAttribute("data-gs-scroll", "");
    var table = wrap.querySelector("table");
    var chart = table ? null : wrap.querySelector("svg > title");  // a chart's figure is named by its chart
    var caption = table && table.caption ? table.caption.textContent.trim() :
      (chart ? "Chart: " + chart.textContent.trim() : "");
    function update() {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", (caption || "Table") + " (scrolls sideways)");
      } else {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    }
    update();
    if (window.ResizeObserver) {  // the layout can settle after the page has loaded
      var watcher = new window.ResizeObserver(update);
      watcher.observe(wrap);
      if (table) { watcher.observe(table); }
    } else {
      window.addEventListener("resize", update);
    }
  }

  // Material opens its menu and search on narrow screens with a label for a hidden checkbox: a pointer
  // can use it, a keyboard cannot reach it, and a label may not take a button's role. The plugin puts a real
  // button beside each label (hidden, for pages without JavaScript): show the button, hide the label.
  // Opened from the keyboard, the menu takes the focus: its first link on screen, once it has slid in.
  function intoMenu(tries) {
    var menu = document.querySelector(".md-sidebar--primary .md-sidebar__scrollwrap") ||
      document.querySelector(".md-sidebar--primary");
    var links = menu && menu.getBoundingClientRect().left >= 0 ?
      document.querySelectorAll(".md-sidebar--primary a[href], .md-sidebar--primary label[tabindex='0']") : [];
    for (var i = 0; i < links.length; i += 1) {
      var box = links[i].getBoundingClientRect();
      if (box.width > 0 && box.left >= 0 && box.right <= window.innerWidth && box.top >= 0 &&
          box.bottom <= window.innerHeight && links[i].checkVisibility()) {
        links[i].focus();
        return;
      }
    }
    tries = tries || 0;
    if (tries < 20) { window.setTimeout(function () { intoMenu(tries + 1); }, 25); }
  }

  function headerButton(button) {
    var box = document.getElementById(button.getAttribute("data-gs-toggle"));
    if (!box) { return; }
    each(document.querySelectorAll(".md-header label.md-header__button[for='" + box.id + "']"),
      function (label) { label.hidden = true; });
    button.hidden = false;
    function sync() { button.setAttribute("aria-expanded", box.checked ? "true" : "false"); }
    button.addEventListener("click", function (event) {
      box.click();
      // A click from Enter or Space (detail 0) opens the menu with the focus in it, as a keyboard user needs.
      if (box.checked && box.id === "__drawer" && event.detail === 0) { intoMenu(0); }
    });
    if (box.id === "__drawer") {
      // Escape closes the open menu and gives the focus back to its button.
      document.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && box.checked) {
          box.click();
          button.focus();
        }
      });
    }
    box.addEventListener("change", sync);
    sync();
  }

  function init() {
    each(document.querySelectorAll("button.md-header__button[data-gs-toggle]"), headerButton);
    each(document.querySelectorAll("[data-gs-print]"), printable);
    each(document.querySelectorAll("[data-gs-directory]"), directory);
    each(document.querySelectorAll("table[data-gs-sortable]"), sortable);
  }

  // Material wraps tables in its own script's start-up: its document$ stream says when that is done
  // (without Material, or before it has started, wait for the page to load).
  function afterLoad() {
    each(document.querySelectorAll(".md-typeset__scrollwrap, figure.gs-chart"), scrollable);
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(afterLoad);
  } else if (document.readyState === "complete") {
    afterLoad();
  } else {
    window.addEventListener("load", afterLoad);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
}());
