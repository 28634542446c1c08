// Progressive enhancement: keep the reader's paragraph when switching language.
// Without JavaScript the switcher links go to the same page in another language.
(function () {
  "use strict";
  var links = Array.prototype.slice.call(document.querySelectorAll("a[data-switch]"));
  if (!links.length) return;
  var bases = links.map(function (a) { return a.getAttribute("href").split("#")[0]; });
  var targets = Array.prototype.slice.call(document.querySelectorAll(".para[id], h1[id], h2[id]"));
  // The bar that stays in view (the masthead above it scrolls away).
  var header = document.querySelector(".bar") || document.querySelector(".site-header");
  function current() {
    // The paragraph at the top of the reading area, just under the sticky header.
    var line = (header ? header.getBoundingClientRect().bottom : 0) + 16;
    var best = null;
    for (var i = 0; i < targets.length; i++) {
      var top = targets[i].getBoundingClientRect().top;
      if (top <= line) best = targets[i]; else break;
    }
    if (!best && targets.length && window.scrollY > 0) best = targets[0];
    return best ? best.id : (location.hash ? location.hash.slice(1) : "");
  }
  function update() {
    var id = current();
    for (var i = 0; i < links.length; i++) {
      links[i].setAttribute("href", id ? bases[i] + "#" + encodeURIComponent(id) : bases[i]);
    }
  }
  // The reading position is where the reader rests: a scroll that a click
  // itself causes (bringing the link into view) must not move it.
  var timer = null;
  window.addEventListener("scroll", function () {
    if (timer) window.clearTimeout(timer);
    timer = window.setTimeout(update, 150);
  }, { passive: true });
  window.addEventListener("hashchange", update);
  update();
})();

// The disclosures (the language menu, the pair of a parallel page) close
// with Escape or a click elsewhere, as menus do; without JavaScript they
// open and close with their summary alone.
(function () {
  "use strict";
  var menus = Array.prototype.slice.call(document.querySelectorAll("details.lang-menu, details.pair-menu"));
  if (!menus.length) return;
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") return;
    menus.forEach(function (d) {
      if (d.open) {
        d.open = false;
        d.querySelector("summary").focus();
      }
    });
  });
  document.addEventListener("click", function (e) {
    menus.forEach(function (d) {
      if (d.open && !d.contains(e.target)) d.open = false;
    });
  });
})();
