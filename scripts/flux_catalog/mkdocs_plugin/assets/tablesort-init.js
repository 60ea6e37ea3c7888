// Sortable tables (Material for MkDocs "data tables" recipe): tablesort ships inside the
// flux-catalog package and the plugin adds it to the site; without it tables stay unsorted.
document$.subscribe(function () {
  if (typeof Tablesort === "undefined") {
    return;
  }
  document.querySelectorAll("article table:not([class])").forEach(function (table) {
    if (!table.hasAttribute("data-sortable")) {
      table.setAttribute("data-sortable", "");
      new Tablesort(table);
    }
  });
});
