/* Cohort tables: filter by text and step, sort by clicking a header. No dependency, no
   request; without JavaScript the table is simply shown in full. */
(function () {
  "use strict";

  function norm(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function setup(root) {
    if (root.dataset.paeReady) {
      return;
    }
    root.dataset.paeReady = "1";
    var table = root.querySelector("table");
    var tbody = table.tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    var texts = rows.map(function (row) { return norm(row.textContent); });
    var tools = root.querySelector(".pae-table__tools");
    var input = root.querySelector("[data-pae-filter]");
    var select = root.querySelector("[data-pae-step]");
    var count = root.querySelector("[data-pae-count]");
    tools.hidden = false;

    function apply() {
      var words = norm(input.value.trim()).split(/\s+/).filter(Boolean);
      var steps = select.value ? select.value.split(",") : [];
      var shown = 0;
      rows.forEach(function (row, i) {
        var ok = (!steps.length || steps.indexOf(row.dataset.etape) !== -1) &&
          words.every(function (w) { return texts[i].indexOf(w) !== -1; });
        row.hidden = !ok;
        if (ok) {
          shown += 1;
        }
      });
      count.textContent = shown === rows.length
        ? rows.length + (rows.length > 1 ? " dossiers" : " dossier")
        : shown + " sur " + rows.length + " dossiers";
    }

    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);

    // On a narrow screen only the key columns show (CSS); a toggle shows the others.
    var secondary = [];
    headers.forEach(function (th, column) {
      if (!th.hasAttribute("data-pae-key")) {
        secondary.push(column);
      }
    });
    if (secondary.length) {
      Array.prototype.forEach.call(table.rows, function (row) {
        secondary.forEach(function (column) {
          var cell = row.cells[column];
          if (cell) {
            cell.classList.add("pae-col--secondary");
          }
        });
      });
      root.classList.add("pae-table--keyed");
    }
    var columns = root.querySelector("[data-pae-columns]");
    if (columns) {
      columns.addEventListener("click", function () {
        var all = columns.getAttribute("aria-pressed") !== "true";
        columns.setAttribute("aria-pressed", all ? "true" : "false");
        root.classList.toggle("pae-table--all", all);
      });
    }
    headers.forEach(function (th, column) {
      var kind = th.dataset.sort;
      if (!kind) {
        return;
      }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "pae-sort";
      button.textContent = th.textContent;
      button.title = "Trier par " + th.textContent.toLowerCase();
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var keyed = rows.map(function (row, i) {
          var cell = row.cells[column];
          var raw = cell.hasAttribute("data-value") ? cell.getAttribute("data-value")
            : cell.textContent.trim();
          return { row: row, i: i, key: kind === "number" ? (parseFloat(raw) || 0) : norm(raw) };
        });
        keyed.sort(function (a, b) {
          var order = a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
          return (ascending ? order : -order) || a.i - b.i;
        });
        keyed.forEach(function (item) { tbody.appendChild(item.row); });
      });
    });

    input.addEventListener("input", apply);
    select.addEventListener("change", apply);
    var wanted = /etape=([a-z_,]+)/.exec(window.location.hash);
    if (wanted && select.querySelector('option[value="' + wanted[1] + '"]')) {
      select.value = wanted[1];
    }
    apply();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-pae-table]"), setup);
    // A print button prints the page's default view (data-pae-print; a dossier: its
    // bilan), or the view it names (data-pae-print-view="edt": the timetable), marked on
    // <html> while printing.
    var buttons = document.querySelectorAll("[data-pae-print], [data-pae-print-view]");
    Array.prototype.forEach.call(buttons, function (b) {
      b.hidden = false;
      b.onclick = function () {
        var root = document.documentElement;
        if (b.dataset.paePrintView) {
          root.dataset.paePrint = b.dataset.paePrintView;
          window.addEventListener("afterprint", function () {
            delete root.dataset.paePrint;
          }, { once: true });
        }
        window.print();
      };
    });
  }

  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
