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

  // Run `init` on every page: Material's instant navigation swaps pages without a load.
  window.paeOnEveryPage = function (init) {
    if (typeof window.document$ !== "undefined") {
      window.document$.subscribe(init);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", init);
    } else {
      init();
    }
  };
  window.paeOnEveryPage(init);
})();

/* --- Alert filters of the cohort tables (issue 14, site views) -------------------------
   Added after the filters above, without touching them: the "Alerte" and "Qui agit"
   selects narrow what the text and step filters show; the dashboard's alert rows link
   here with #alerte=A5 or #qui=referent:0990001N-c-durand. */
(function () {
  "use strict";

  function fromHash(key) {
    var found = new RegExp("[#&]" + key + "=([^&]+)").exec(window.location.hash);
    return found ? decodeURIComponent(found[1]) : "";
  }

  function listed(row, name) {
    return (row.getAttribute(name) || "").split(" ");
  }

  function setup(root) {
    var code = root.querySelector("[data-pae-alert]");
    var who = root.querySelector("[data-pae-who]");
    if (!code || !who || root.dataset.paeAlertReady) {
      return;
    }
    root.dataset.paeAlertReady = "1";
    var rows = Array.prototype.slice.call(root.querySelector("table").tBodies[0].rows);
    var input = root.querySelector("[data-pae-filter]");
    var step = root.querySelector("[data-pae-step]");
    var count = root.querySelector("[data-pae-count]");

    // Runs after the text and step filters (listeners fire in the order they were added).
    function narrow() {
      if (!code.value && !who.value) {
        return;
      }
      var shown = 0;
      rows.forEach(function (row) {
        if (!row.hidden) {
          row.hidden = (code.value && listed(row, "data-alertes").indexOf(code.value) === -1) ||
            (who.value && listed(row, "data-qui").indexOf(who.value) === -1) || false;
        }
        if (!row.hidden) {
          shown += 1;
        }
      });
      count.textContent = shown + " sur " + rows.length + " dossiers";
    }

    function refilter() {
      input.dispatchEvent(new Event("input")); // the first filters, then `narrow`
    }

    input.addEventListener("input", narrow);
    step.addEventListener("change", narrow);
    code.addEventListener("change", refilter);
    who.addEventListener("change", refilter);
    [[code, "alerte"], [who, "qui"]].forEach(function (pair) {
      var wanted = fromHash(pair[1]);
      if (wanted && pair[0].querySelector('option[value="' + wanted.replace(/"/g, "") + '"]')) {
        pair[0].value = wanted;
      }
    });
    narrow();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-pae-table]"), setup);
  }

  window.paeOnEveryPage(init);
})();
/* --- end of the alert filters ------------------------------------------------------- */
