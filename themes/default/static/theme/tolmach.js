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

// A paragraph's number (its permalink) also opens a small menu: copy the
// paragraph's link, or its citation in the page's language (the message
// cite-paragraph, rendered into #cite-data with {number} and {url} left to
// fill). Where the clipboard cannot be written (a page read from disk, a
// browser that refuses), the text is shown selected in a field to copy by
// hand. Without JavaScript the number stays a plain permalink.
(function () {
  "use strict";
  var data = document.getElementById("cite-data");
  if (!data) return;
  var d = data.dataset;
  var nums = Array.prototype.slice.call(document.querySelectorAll(".para[id] > a.num"));
  var openMenu = null;

  function link(id) {
    var page = d.page || location.href.split("#")[0];
    return page + "#" + id;
  }

  function close(focus) {
    if (!openMenu) return;
    openMenu.menu.hidden = true;
    openMenu.num.setAttribute("aria-expanded", "false");
    if (focus) openMenu.num.focus();
    openMenu = null;
  }

  function button(text, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = text;
    b.addEventListener("click", onClick);
    return b;
  }

  function copy(menu, text) {
    var status = menu.querySelector(".cite-status");
    var old = menu.querySelector(".cite-manual");
    if (old) old.parentNode.removeChild(old);
    function manual() {
      var wrap = document.createElement("p");
      wrap.className = "cite-manual";
      var id = menu.id + "-text";
      var label = document.createElement("label");
      label.htmlFor = id;
      label.textContent = d.manual;
      var field = document.createElement("textarea");
      field.id = id;
      field.readOnly = true;
      field.value = text;
      field.rows = 4;
      wrap.appendChild(label);
      wrap.appendChild(field);
      menu.appendChild(wrap);
      field.focus();
      field.select();
      status.textContent = d.manual;
    }
    if (navigator.clipboard && navigator.clipboard.writeText && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { status.textContent = d.copied; }, manual);
    } else {
      manual();
    }
  }

  function menuFor(num) {
    var para = num.parentNode, id = para.id;
    var existing = document.getElementById("cite-" + id);
    if (existing) return existing;
    var menu = document.createElement("div");
    menu.className = "cite-menu";
    menu.id = "cite-" + id;
    menu.hidden = true;
    menu.setAttribute("role", "group");
    menu.setAttribute("aria-label", num.getAttribute("aria-label") || num.textContent);
    menu.appendChild(button(d.copyLink, function () { copy(menu, link(id)); }));
    menu.appendChild(button(d.copyCitation, function () {
      var url = link(id);
      copy(menu, d.citation.replace("{number}", para.getAttribute("data-num")).replace("{url}", url));
    }));
    var status = document.createElement("p");
    status.className = "cite-status";
    status.setAttribute("role", "status");
    menu.appendChild(status);
    num.insertAdjacentElement("afterend", menu);
    return menu;
  }

  nums.forEach(function (num) {
    num.setAttribute("aria-expanded", "false");
    num.setAttribute("aria-controls", "cite-" + num.parentNode.id);
    // The link still goes to the paragraph; the menu opens beside it.
    num.addEventListener("click", function () {
      var menu = menuFor(num);
      var wasOpen = openMenu && openMenu.num === num;
      close(false);
      if (wasOpen) return;
      menu.hidden = false;
      num.setAttribute("aria-expanded", "true");
      openMenu = { num: num, menu: menu };
    });
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && openMenu) close(true);
  });
  document.addEventListener("click", function (e) {
    if (openMenu && !openMenu.menu.contains(e.target) && e.target !== openMenu.num) close(false);
  });
})();
