// Zoom and pan for a large diagram (div.fc-zoom): it is drawn to fit the column (a very tall
// one is cut at 75% of the window's height); the buttons (or Ctrl + wheel) zoom in around a
// point, dragging moves the view, and a click that ends a drag does not open the node under
// the pointer. Button titles come from the page
// (data-fc-zoom-*), so they follow the site language.
document$.subscribe(function () {
  var MAX_SCALE = 8;
  document.querySelectorAll("div.fc-zoom").forEach(function (box) {
    if (box.querySelector(".fc-zoom__bar")) {
      return;
    }
    var viewport = document.createElement("div");
    viewport.className = "fc-zoom__viewport";
    while (box.firstChild) {
      viewport.appendChild(box.firstChild);
    }
    var bar = document.createElement("div");
    bar.className = "fc-zoom__bar";
    var scale = 1, x = 0, y = 0;

    function diagram() {
      return viewport.querySelector(".mermaid");
    }

    function clamp() {
      var el = diagram();
      if (!el) {
        return;
      }
      var width = el.offsetWidth * scale, height = el.offsetHeight * scale;
      x = Math.min(0, Math.max(viewport.clientWidth - width, x));
      y = Math.min(0, Math.max(viewport.clientHeight - height, y));
    }

    function pannable() {
      var el = diagram();
      return !!el && (el.offsetWidth * scale > viewport.clientWidth + 1
                      || el.offsetHeight * scale > viewport.clientHeight + 1);
    }

    function apply() {
      var el = diagram();
      if (!el) {
        return;
      }
      clamp();
      el.style.transformOrigin = "0 0";
      el.style.transform = scale === 1 && !x && !y ? ""
        : "translate(" + x + "px, " + y + "px) scale(" + scale + ")";
      box.dataset.fcScale = String(scale);
      box.classList.toggle("fc-zoom--pannable", pannable());
    }

    function zoom(factor, cx, cy) {
      var next = Math.min(MAX_SCALE, Math.max(1, scale * factor));
      if (cx === undefined) {
        cx = viewport.clientWidth / 2;
        cy = viewport.clientHeight / 2;
      }
      x = cx - (cx - x) * next / scale;
      y = cy - (cy - y) * next / scale;
      scale = next;
      if (scale === 1) {
        x = y = 0;
      }
      apply();
    }

    function button(name, text, action) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "md-button fc-zoom__" + name;
      b.textContent = text;
      b.title = box.dataset["fcZoom" + name.charAt(0).toUpperCase() + name.slice(1)] || name;
      b.setAttribute("aria-label", b.title);
      b.addEventListener("click", action);
      bar.appendChild(b);
    }
    button("in", "+", function () { zoom(1.5); });
    button("out", "\u2212", function () { zoom(1 / 1.5); });
    button("reset", "\u2922", function () { zoom(1 / scale); });
    var hint = document.createElement("span");
    hint.className = "fc-zoom__hint";
    hint.textContent = box.dataset.fcZoomHint || "";
    bar.appendChild(hint);

    var drag = null, moved = false;
    viewport.addEventListener("pointerdown", function (event) {
      if (!pannable() || event.button !== 0) {
        return;
      }
      drag = { px: event.clientX, py: event.clientY, x: x, y: y };
      moved = false;
    });
    window.addEventListener("pointermove", function (event) {
      if (!drag) {
        return;
      }
      var dx = event.clientX - drag.px, dy = event.clientY - drag.py;
      if (Math.abs(dx) + Math.abs(dy) > 3) {
        moved = true;
        viewport.classList.add("fc-zoom__viewport--dragging");
      }
      x = drag.x + dx;
      y = drag.y + dy;
      apply();
    });
    window.addEventListener("pointerup", function () {
      drag = null;
      viewport.classList.remove("fc-zoom__viewport--dragging");
    });
    viewport.addEventListener("click", function (event) {
      if (moved) {
        event.preventDefault();
        event.stopPropagation();
        moved = false;
      }
    }, true);
    viewport.addEventListener("wheel", function (event) {
      if (!event.ctrlKey && !event.metaKey) {
        return;  // a plain wheel scrolls the page
      }
      event.preventDefault();
      var rect = viewport.getBoundingClientRect();
      zoom(event.deltaY < 0 ? 1.25 : 1 / 1.25, event.clientX - rect.left, event.clientY - rect.top);
    }, { passive: false });

    box.insertBefore(bar, box.firstChild);
    box.appendChild(viewport);
    // The diagram is drawn later (Mermaid runs after this): look again once it is there.
    new ResizeObserver(function () { apply(); }).observe(viewport);
  });
});
