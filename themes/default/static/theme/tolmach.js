// Progressive enhancement: keep the reader's paragraph when switching language.
// Without JavaScript the switcher links go to the same page in another language.
(function () {
  "use strict";
  var links = Array.prototype.slice.call(document.querySelectorAll("a[data-switch]"));
  if (!links.length) return;
  var bases = links.map(function (a) { return a.getAttribute("href").split("#")[0]; });
  var targets = Array.prototype.slice.call(document.querySelectorAll(".para[id], h1[id], h2[id]"));
  function current() {
    var best = null;
    for (var i = 0; i < targets.length; i++) {
      var top = targets[i].getBoundingClientRect().top;
      if (top <= 80) best = targets[i]; else break;
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
  var pending = false;
  window.addEventListener("scroll", function () {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () { pending = false; update(); });
  }, { passive: true });
  window.addEventListener("hashchange", update);
  update();
})();
