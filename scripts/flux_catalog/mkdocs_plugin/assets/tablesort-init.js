// Sortable tables (Material for MkDocs "data tables" recipe): tablesort ships inside the
// flux-catalog package and the plugin adds it to the site; without it tables stay unsorted.
(function () {
  if (typeof Tablesort === "undefined") {
    return;
  }
  // Versions sort as versions: 0.58.2 before 0.127.0, v1.9 before v1.10, 1.0.0-rc.1 before
  // 1.0.0; a range (">= 1.8.0", "1.x") sorts by the version it names. A column is a version
  // column when most filled cells (two in three) look like one: a chart from a Git source
  // shows the ref it follows ("branch main"); other cells sort before every version.
  var VERSION = /^(?:[<>=~^!]+\s*)?v?\d+(?:\.(?:\d+|[xX*]))*(?:[-+][0-9A-Za-z.+-]*)?$/;
  var EMPTY = "—";

  function parts(text) {
    var match = text.trim().replace(/^[<>=~^!]+\s*/, "").replace(/^v/, "")
      .match(/^(\d+(?:\.\d+)*)(?:\.[xX*])*(?:-([^+]*))?/);
    if (!match) {
      return null;
    }
    return {
      numbers: match[1].split(".").filter(Boolean).map(Number),
      pre: match[2] === undefined ? null : match[2].split("."),
    };
  }

  function compareIdentifiers(a, b) {
    var an = /^\d+$/.test(a), bn = /^\d+$/.test(b);
    if (an && bn) {
      return Number(a) - Number(b);
    }
    if (an !== bn) {
      return an ? -1 : 1;  // numeric identifiers have lower precedence (SemVer 11.4.3)
    }
    return a < b ? -1 : a > b ? 1 : 0;
  }

  function compareVersions(a, b) {
    var x = parts(a), y = parts(b);
    if (!x || !y) {
      return (x ? 1 : 0) - (y ? 1 : 0) || (a < b ? -1 : a > b ? 1 : 0);
    }
    for (var i = 0; i < Math.max(x.numbers.length, y.numbers.length); i++) {
      var d = (x.numbers[i] || 0) - (y.numbers[i] || 0);
      if (d) {
        return d;
      }
    }
    if (!x.pre || !y.pre) {
      return (x.pre ? -1 : 0) - (y.pre ? -1 : 0);  // a pre-release comes before its release
    }
    for (var j = 0; j < Math.min(x.pre.length, y.pre.length); j++) {
      var e = compareIdentifiers(x.pre[j], y.pre[j]);
      if (e) {
        return e;
      }
    }
    return x.pre.length - y.pre.length;
  }

  // Tablesort sorts descending by this function and reverses for ascending order.
  Tablesort.extend("version", function (item) {
    return VERSION.test(item.trim());
  }, function (a, b) {
    return compareVersions(b, a);
  });
  window.fluxCatalogCompareVersions = compareVersions;

  function markVersionColumns(table) {
    var head = table.tHead && table.tHead.rows[0];
    if (!head || !table.tBodies[0]) {
      return;
    }
    Array.from(head.cells).forEach(function (th, column) {
      var filled = Array.from(table.tBodies[0].rows).map(function (row) {
        var cell = row.cells[column];
        return cell ? cell.textContent.trim() : "";
      }).filter(function (text) { return text && text !== EMPTY; });
      var versions = filled.filter(function (text) { return VERSION.test(text); });
      if (filled.length && versions.length * 3 >= filled.length * 2) {
        th.setAttribute("data-sort-method", "version");
      }
    });
  }

  // A cell holding one word (a name, "cert-manager", a version) never breaks inside it.
  function keepWordsWhole(table) {
    Array.from(table.querySelectorAll("td")).forEach(function (cell) {
      var text = cell.textContent.trim();
      if (text && !/\s/.test(text)) {
        cell.classList.add("fc-word");
      }
    });
  }

  document$.subscribe(function () {
    document.querySelectorAll("article table:not([class])").forEach(function (table) {
      keepWordsWhole(table);
      if (!table.hasAttribute("data-sortable")) {
        table.setAttribute("data-sortable", "");
        markVersionColumns(table);
        new Tablesort(table);
      }
    });
  });
})();
