/* huanjie default theme: text size, high contrast, print button, scrollable tables.
   Loaded in <head> without defer so the saved settings apply before first paint.
   No framework, no network, no pop-ups. Everything here is an enhancement: without
   JavaScript the controls stay hidden and the page works as it is. */
(function () {
  "use strict";
  var root = document.documentElement;
  var FONT_KEY = "huanjie.fontsize";
  var CONTRAST_KEY = "huanjie.contrast";
  var SIZES = ["s", "m", "l"];

  function load(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }
  function save(key, value) {
    try {
      if (value === null) { window.localStorage.removeItem(key); }
      else { window.localStorage.setItem(key, value); }
    } catch (e) { /* storage disabled: the choice lasts for this page only */ }
  }

  function applyFont(size) {
    if (SIZES.indexOf(size) < 0) { size = "m"; }
    if (size === "m") { root.removeAttribute("data-fontsize"); }
    else { root.setAttribute("data-fontsize", size); }
    var buttons = document.querySelectorAll("[data-fontsize-set]");
    for (var i = 0; i < buttons.length; i++) {
      var on = buttons[i].getAttribute("data-fontsize-set") === size;
      buttons[i].setAttribute("aria-pressed", on ? "true" : "false");
    }
  }
  function applyContrast(high) {
    if (high) { root.setAttribute("data-contrast", "high"); }
    else { root.removeAttribute("data-contrast"); }
    var buttons = document.querySelectorAll("[data-contrast-toggle]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", high ? "true" : "false");
    }
  }

  root.className = root.className.replace(/\bno-js\b/, "js");
  applyFont(load(FONT_KEY));
  applyContrast(load(CONTRAST_KEY) === "high");

  function wrapTables() {
    var tables = document.querySelectorAll(".content table");
    for (var i = 0; i < tables.length; i++) {
      var table = tables[i];
      if (table.parentNode.className === "table-wrap") { continue; }
      var wrap = document.createElement("div");
      wrap.className = "table-wrap";
      // Focusable so keyboard users can scroll a wide table sideways.
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      var caption = table.querySelector("caption");
      if (caption) { wrap.setAttribute("aria-label", caption.textContent); }
      table.parentNode.insertBefore(wrap, table);
      wrap.appendChild(table);
    }
  }

  function init() {
    var hidden = document.querySelectorAll("[data-reading-tools], [data-js-only]");
    for (var i = 0; i < hidden.length; i++) { hidden[i].removeAttribute("hidden"); }
    applyFont(root.getAttribute("data-fontsize") || "m");
    applyContrast(root.getAttribute("data-contrast") === "high");

    document.addEventListener("click", function (event) {
      var target = event.target.closest ? event.target.closest("button") : null;
      if (!target) { return; }
      var size = target.getAttribute("data-fontsize-set");
      if (size) {
        applyFont(size);
        save(FONT_KEY, size === "m" ? null : size);
      } else if (target.hasAttribute("data-contrast-toggle")) {
        var high = root.getAttribute("data-contrast") !== "high";
        applyContrast(high);
        save(CONTRAST_KEY, high ? "high" : null);
      } else if (target.hasAttribute("data-print")) {
        window.print();
      }
    });
    wrapTables();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
