// Sortable tables (Material for MkDocs "data tables" recipe): tablesort is shipped with the
// site from node_modules by scripts/mkdocs_hooks.py; without it tables simply stay unsorted.
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
