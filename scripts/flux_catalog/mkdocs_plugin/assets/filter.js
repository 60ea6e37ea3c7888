// Filters above a table (the inventory): one list per column named in data-fc-filter (by its
// header text), and a free-text box; a row stays when it matches all of them. The texts come
// from the page (data-fc-all, data-fc-search, data-fc-count), so they follow the site language.
document$.subscribe(function () {
  document.querySelectorAll("div.fc-filter[data-fc-filter]").forEach(function (box) {
    var table = box.querySelector("table");
    if (!table || box.querySelector(".fc-filter__controls")) {
      return;
    }
    var headers = Array.from(table.tHead.rows[0].cells).map(function (th) {
      return th.textContent.trim();
    });
    var rows = Array.from(table.tBodies[0].rows);
    var controls = document.createElement("div");
    controls.className = "fc-filter__controls";
    var selects = [];
    box.dataset.fcFilter.split("|").forEach(function (name) {
      var column = headers.indexOf(name);
      if (column < 0) {
        return;
      }
      var values = Array.from(new Set(rows.map(function (row) {
        return row.cells[column].textContent.trim();
      }))).sort(function (a, b) { return a.localeCompare(b); });
      if (values.length < 2) {
        return;
      }
      var label = document.createElement("label");
      label.textContent = name + " ";
      var select = document.createElement("select");
      select.dataset.column = String(column);
      select.add(new Option(box.dataset.fcAll, ""));
      values.forEach(function (value) { select.add(new Option(value, value)); });
      label.appendChild(select);
      controls.appendChild(label);
      selects.push(select);
    });
    var search = document.createElement("input");
    search.type = "search";
    search.placeholder = box.dataset.fcSearch;
    search.setAttribute("aria-label", box.dataset.fcSearch);
    controls.appendChild(search);
    var count = document.createElement("span");
    count.className = "fc-filter__count";
    count.setAttribute("aria-live", "polite");
    controls.appendChild(count);

    function apply() {
      var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var keep = selects.every(function (select) {
          return !select.value
            || row.cells[Number(select.dataset.column)].textContent.trim() === select.value;
        });
        if (keep && words.length) {
          var text = row.textContent.toLowerCase();
          keep = words.every(function (word) { return text.indexOf(word) >= 0; });
        }
        row.hidden = !keep;
        shown += keep ? 1 : 0;
      });
      count.textContent = box.dataset.fcCount
        .replace("{shown}", String(shown)).replace("{total}", String(rows.length));
    }

    selects.forEach(function (select) { select.addEventListener("change", apply); });
    search.addEventListener("input", apply);
    box.insertBefore(controls, box.firstChild);
    apply();
  });
});
