// Search across the edition, offline. The dialog (#search, in base.html)
// opens with its button, "/" or Ctrl+K. Each language's index is a script,
// search/<lang>.js, loaded on first use (from file:// as from http://); it
// holds the paragraphs as plain text, every word form folded, and per stem
// the paragraphs that have it. Folding and word splitting follow the
// index's own table, as src/render/search/fold.rs wrote it.
(function () {
  "use strict";
  var dialog = document.getElementById("search");
  var opener = document.querySelector("[data-search-open]");
  if (!dialog || !opener || typeof dialog.showModal !== "function") return;
  var input = document.getElementById("search-input");
  var all = document.getElementById("search-all");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var d = dialog.dataset;
  var root = d.root;
  var pageLang = d.lang;
  var langs = d.languages.split("|").map(function (s) {
    var i = s.indexOf("=");
    return { tag: s.slice(0, i), name: s.slice(i + 1) };
  });
  var store = (window.tolmachSearch = window.tolmachSearch || {});
  var pending = {};
  var MAX = 50;

  opener.hidden = false;

  function load(tag, done) {
    if (store[tag]) return done();
    if (pending[tag]) return pending[tag].push(done);
    pending[tag] = [done];
    var s = document.createElement("script");
    s.src = root + "search/" + tag + ".js";
    s.onload = s.onerror = function () {
      var waiting = pending[tag];
      delete pending[tag];
      waiting.forEach(function (f) { f(); });
    };
    document.head.appendChild(s);
  }

  // The index's word rules: fold table, Latin/Cyrillic look-alikes, apostrophes.
  function rules(index) {
    if (index.rules) return index.rules;
    var fold = {}, lat = {}, cyr = {};
    for (var i = 0; i + 1 < index.fold.length; i += 2) fold[index.fold[i]] = index.fold[i + 1];
    var h = Array.from(index.homoglyphs);
    for (var j = 0; j + 1 < h.length; j += 2) { lat[h[j]] = h[j + 1]; cyr[h[j + 1]] = h[j]; }
    var word = index.apostrophes ? /[\p{Alphabetic}\p{N}'’‘`ʻʼ]+/gu : /[\p{Alphabetic}\p{N}]+/gu;
    index.rules = { fold: fold, toLatin: lat, toCyrillic: cyr, word: word };
    return index.rules;
  }

  function foldWord(r, w) {
    var out = Array.from(w.toLowerCase()).map(function (c) { return r.fold[c] || c; }).join("");
    out = out.replace(/^ʼ+|ʼ+$/g, "");
    var latin = (out.match(/[a-z]/g) || []).length;
    var cyrillic = (out.match(/[\u0400-\u052f]/g) || []).length;
    if (latin && cyrillic) {
      var map = latin >= cyrillic ? r.toLatin : r.toCyrillic;
      out = Array.from(out).map(function (c) { return map[c] || c; }).join("");
    }
    return out;
  }

  function words(r, text) {
    return (text.match(r.word) || []).map(function (w) { return foldWord(r, w); }).filter(Boolean);
  }

  // The entries (stems, or forms) a query word matches, with a score:
  // its own stem 3, a form it begins 1; a word not in the vocabulary also
  // takes the longest stem or form that begins it (an inflection the text lacks).
  function entries(index, q) {
    var found = {};
    var own = index.words[q];
    if (own !== undefined) found[own] = 3;
    var best = -1, bestLen = 0;
    for (var form in index.words) {
      var e = index.words[form];
      if (form.length > q.length && form.lastIndexOf(q, 0) === 0) {
        if (!found[e]) found[e] = 1;
      } else if (own === undefined && form.length >= 4 && form.length * 2 >= q.length &&
                 form.length > bestLen && q.lastIndexOf(form, 0) === 0) {
        best = e; bestLen = form.length;
      }
    }
    if (own === undefined) {
      index.stems.forEach(function (s, e) {
        if (s.length >= 4 && s.length * 2 >= q.length && s.length > bestLen && q.lastIndexOf(s, 0) === 0) {
          best = e; bestLen = s.length;
        }
      });
      if (best >= 0 && !found[best]) found[best] = 2;
    }
    return found;
  }

  // Every paragraph of `index` that matches all words of `query`, best first.
  function search(index, query) {
    var r = rules(index);
    var qs = words(r, query);
    if (!qs.length) return [];
    var scores = null, matched = {};
    qs.forEach(function (q) {
      var found = entries(index, q), docs = {};
      Object.keys(found).forEach(function (e) {
        matched[e] = true;
        index.postings[e].forEach(function (doc) { docs[doc] = Math.max(docs[doc] || 0, found[e]); });
      });
      if (!scores) scores = docs;
      else {
        var next = {};
        Object.keys(scores).forEach(function (doc) { if (docs[doc]) next[doc] = scores[doc] + docs[doc]; });
        scores = next;
      }
    });
    return Object.keys(scores).map(Number).sort(function (a, b) {
      return scores[b] - scores[a] || a - b;
    }).map(function (doc) { return { index: index, doc: index.docs[doc], matched: matched }; });
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text) e.textContent = text;
    return e;
  }

  function pageOf(tag, doc, index) {
    var dir = tag + "/" + (doc.sphere === null ? "" : index.spheres[doc.sphere].slug + "/");
    return root + dir + (d.offline ? "index.html" : "") + "#" + doc.id;
  }

  // The text around the first match, with every matching word marked.
  function snippet(hit) {
    var r = rules(hit.index), text = hit.doc.text, parts = [], first = -1, m;
    r.word.lastIndex = 0;
    while ((m = r.word.exec(text))) {
      var e = hit.index.words[foldWord(r, m[0])];
      if (e !== undefined && hit.matched[e]) {
        parts.push([m.index, m.index + m[0].length]);
        if (first < 0) first = m.index;
      }
    }
    var start = Math.max(0, first - 80);
    if (start > 0) start = text.indexOf(" ", start) + 1;
    var end = Math.min(text.length, start + 240);
    if (end < text.length) end = Math.max(text.lastIndexOf(" ", end), first + 1);
    var p = el("p", { class: "search-snippet" });
    if (start > 0) p.appendChild(document.createTextNode("… "));
    var at = start;
    parts.forEach(function (s) {
      if (s[0] < start || s[1] > end) return;
      p.appendChild(document.createTextNode(text.slice(at, s[0])));
      p.appendChild(el("mark", {}, text.slice(s[0], s[1])));
      at = s[1];
    });
    p.appendChild(document.createTextNode(text.slice(at, end)));
    if (end < text.length) p.appendChild(document.createTextNode(" …"));
    return p;
  }

  function message(key, values) {
    return d[key].replace(/\{(\w+)\}/g, function (_, k) { return values[k]; });
  }

  function render(hits, query) {
    list.textContent = "";
    hits.slice(0, MAX).forEach(function (hit, i) {
      var lang = hit.index.lang, doc = hit.doc, other = lang !== pageLang;
      var li = el("li", other ? { lang: lang } : {});
      var sphere = doc.sphere === null ? d.opening : hit.index.spheres[doc.sphere].heading;
      var a = el("a", { href: pageOf(lang, doc, hit.index), class: "search-hit", id: "search-hit-" + i, hreflang: lang });
      a.appendChild(el("span", { class: "search-num" }, message("paragraph", { number: doc.number })));
      a.appendChild(el("span", { class: "search-sphere" }, sphere));
      if (other) a.appendChild(el("span", { class: "search-lang" }, nameOf(lang)));
      li.appendChild(a);
      li.appendChild(snippet(hit));
      var same = el("p", { class: "search-same", lang: pageLang });
      same.appendChild(document.createTextNode(d.same + " "));
      langs.filter(function (l) { return l.tag !== lang; }).forEach(function (l, j) {
        if (j) same.appendChild(document.createTextNode(" · "));
        same.appendChild(el("a", { href: pageOf(l.tag, doc, hit.index), hreflang: l.tag, lang: l.tag }, l.name));
      });
      li.appendChild(same);
      list.appendChild(li);
    });
    status.textContent = query ? (hits.length ? message("count", { count: hits.length }) : d.none) : "";
  }

  function nameOf(tag) {
    for (var i = 0; i < langs.length; i++) if (langs[i].tag === tag) return langs[i].name;
    return tag;
  }

  function run() {
    var query = input.value.trim();
    var tags = all.checked ? langs.map(function (l) { return l.tag; }) : [pageLang];
    var left = tags.length;
    if (query) status.textContent = d.loading;
    tags.forEach(function (tag) {
      load(tag, function () {
        if (--left) return;
        if (input.value.trim() !== query) return;
        var hits = [];
        tags.forEach(function (t) { if (store[t]) hits = hits.concat(search(store[t], query)); });
        render(hits, query);
      });
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    if (timer) window.clearTimeout(timer);
    timer = window.setTimeout(run, 120);
  });
  all.addEventListener("change", run);
  // Escape closes the dialog even from the search field (which would
  // otherwise only clear itself).
  input.addEventListener("keydown", function (e) {
    if (e.key === "Escape") {
      e.preventDefault();
      dialog.close();
    }
  });

  function open() {
    if (dialog.open) return;
    dialog.showModal();
    input.focus();
    input.select();
    load(pageLang, function () {});
  }
  opener.addEventListener("click", open);
  dialog.querySelector("[data-search-close]").addEventListener("click", function () { dialog.close(); });
  var landing = null;
  dialog.addEventListener("close", function () {
    if (landing) {
      // A result on this page: the reader lands on its paragraph.
      landing.setAttribute("tabindex", "-1");
      landing.focus();
      landing = null;
    } else {
      opener.focus();
    }
  });
  // A click on the backdrop (outside the dialog's box) closes it.
  dialog.addEventListener("click", function (e) {
    if (e.target === dialog) {
      var b = dialog.getBoundingClientRect();
      if (e.clientX < b.left || e.clientX > b.right || e.clientY < b.top || e.clientY > b.bottom) dialog.close();
    }
  });
  // A result on this very page: close the dialog, go to the paragraph and
  // give it the focus.
  list.addEventListener("click", function (e) {
    var a = e.target.closest ? e.target.closest("a") : null;
    if (!a || a.pathname !== location.pathname || !a.hash) return;
    landing = document.getElementById(decodeURIComponent(a.hash.slice(1)));
    dialog.close();
  });

  // Arrow keys move between the input and the results.
  dialog.addEventListener("keydown", function (e) {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    var hits = Array.prototype.slice.call(list.querySelectorAll("a.search-hit"));
    if (!hits.length) return;
    var i = hits.indexOf(document.activeElement);
    if (e.key === "ArrowDown") i = Math.min(i + 1, hits.length - 1);
    else if (i <= 0) { input.focus(); e.preventDefault(); return; } else i -= 1;
    hits[i].focus();
    e.preventDefault();
  });

  document.addEventListener("keydown", function (e) {
    var t = e.target, typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
    if ((e.key === "k" || e.key === "K") && (e.ctrlKey || e.metaKey) && !e.altKey) {
      e.preventDefault();
      open();
    } else if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      open();
    }
  });
})();
