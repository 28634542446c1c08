// Issue 19 in a real browser: reading the edition as a ministry would
// publish it, at 320, 390, 768 and 1280 px, in light and dark. Every item
// of the "Done when" has a check here:
// - every language reachable in the switcher, without sideways scrolling;
// - the provenance block and the masthead; "authentic text" on Russian pages;
// - paragraph numbers visible and tappable (at least 24 x 24 px);
// - the closing set apart in the full text, the index, the parallel view
//   and the download;
// - the parallel view: one labelled pair control, language marks and a
//   tint on a phone, sticky column headings on a wide screen, the first
//   paragraph on the first screen at 390 x 844;
// - print: A4, the page count of en/full/ measured with Chromium's PDF;
// - every glyph of every language's text drawn by the shipped fonts
//   (document.fonts and the DevTools protocol's CSS.getPlatformFontsForNode),
//   over http, from file:// and in the one-file download (fonts inlined);
// - each navigation region named on its own; the highlighted paragraph
//   distinct from the warning notice.
import { buildSite, launch, runScript, staticServer } from "./lib.mjs";

const LANGS = ["ru", "en", "kk", "ky", "tg", "tk", "uz"];
const WIDTHS = [320, 390, 768, 1280];
const SCHEMES = ["light", "dark"];
const SHIPPED = new Set(["Noto Serif", "Noto Sans"]);
/** The most pages en/full/ may print on A4 (issue 19: "about 5"). */
const MAX_PRINT_PAGES = 5;

async function open(browser, url, width, scheme, height = 844) {
  const page = await browser.newPage({ viewport: { width, height } });
  await page.emulateMedia({ colorScheme: scheme });
  await page.goto(url);
  await page.evaluate(() => document.fonts.ready);
  return page;
}

/** Every language link a reader can see (opening the phone's disclosure first). */
async function reachableLanguages(page) {
  const summary = page.locator("nav.languages details.lang-menu > summary");
  if (await summary.isVisible()) await summary.click();
  return page.evaluate(() => {
    const out = [];
    for (const a of document.querySelectorAll("nav.languages a[hreflang]")) {
      const r = a.getBoundingClientRect();
      const style = getComputedStyle(a);
      const seen = r.width > 0 && r.height > 0 && style.visibility !== "hidden" &&
        r.left >= 0 && r.right <= window.innerWidth + 0.5 && r.top >= 0 && r.bottom <= window.innerHeight;
      if (seen && !out.some((o) => o.lang === a.hreflang)) out.push({ lang: a.hreflang, top: Math.round(r.top), list: a.closest(".lang-list") !== null });
    }
    return { links: out, sideways: document.documentElement.scrollWidth > window.innerWidth };
  });
}

async function switcher(t, browser, site) {
  for (const scheme of SCHEMES) {
    for (const width of WIDTHS) {
      for (const rel of ["tg/full/", "en/trade/", "ky/parallel/en/trade/", "status/", "uz/"]) {
        const page = await open(browser, site.url + rel, width, scheme);
        const { links, sideways } = await reachableLanguages(page);
        const name = `switcher ${rel} at ${width}px ${scheme}`;
        t.check(links.length === LANGS.length, `${name}: all seven reachable`, JSON.stringify(links));
        t.check(!sideways, `${name}: no sideways scrolling`);
        if (width >= 768 && links.every((l) => l.list)) {
          t.check(new Set(links.map((l) => l.top)).size === 1, `${name}: on one line`, JSON.stringify(links));
        }
        await page.close();
      }
    }
  }
  // The disclosure keeps the reader's paragraph too.
  const page = await open(browser, site.url + "tg/trade/", 390, "light");
  await page.evaluate(() => document.getElementById("trade-3").scrollIntoView({ block: "start" }));
  await page.waitForFunction(() => {
    const a = document.querySelector('.lang-menu a[hreflang="kk"]');
    return a && a.getAttribute("href").endsWith("#trade-3");
  }, null, { timeout: 5000 }).catch(() => {});
  await page.click(".lang-menu > summary");
  await page.click('.lang-menu a[hreflang="kk"]');
  await page.waitForURL(/\/kk\/trade\/#trade-3$/, { timeout: 5000 }).catch(() => {});
  t.check(page.url().endsWith("kk/trade/#trade-3"), "the phone's disclosure keeps the paragraph", page.url());
  await page.close();
}

async function provenance(t, browser, site) {
  for (const lang of LANGS) {
    for (const rel of [`${lang}/`, `${lang}/statement.${lang}.html`]) {
      const page = await open(browser, site.url + rel, 390, "light");
      const fields = await page.$$eval(".provenance dt", (dts) => dts.map((d) => d.textContent.trim()));
      t.check(fields.length >= 4, `provenance block on ${rel}`, JSON.stringify(fields));
      const meta = await page.$eval(".doc-meta", (p) => p.textContent).catch(() => "");
      t.check(/1\.0/.test(meta) && /2026-12-01/.test(meta), `masthead names the edition on ${rel}`, meta);
      const note = await page.$eval(".numbering-note", (p) => p.textContent).catch(() => "");
      t.check(note.includes("46"), `numbering note on ${rel}`, note);
      await page.close();
    }
  }
  const ru = await open(browser, site.url + "ru/trade/", 390, "light");
  t.check((await ru.textContent(".authentic")).includes("Аутентичный текст"), "Russian pages say authentic text");
  await ru.close();
  const en = await open(browser, site.url + "en/trade/", 390, "light");
  t.check((await en.textContent(".unofficial")).includes("Unofficial translation, not yet reviewed"), "translations say their review level");
  const title = await en.$eval(".doc-title a", (a) => ({ overflow: getComputedStyle(a.parentElement).overflow, text: a.textContent }));
  t.check(title.overflow === "visible" && !title.text.includes("…"), "the title is whole, not cut off", JSON.stringify(title));
  await en.close();
}

async function numbers(t, browser, site) {
  for (const scheme of SCHEMES) {
    for (const width of [320, 390, 1280]) {
      const page = await open(browser, site.url + "kk/trade/", width, scheme);
      const boxes = await page.$$eval(".para > a.num", (as) => as.map((a) => {
        const r = a.getBoundingClientRect();
        return { w: r.width, h: r.height, o: getComputedStyle(a).opacity, text: a.textContent };
      }));
      const small = boxes.filter((b) => b.w < 24 || b.h < 24 || b.o !== "1" || !/^\d+$/.test(b.text));
      t.check(boxes.length > 0 && small.length === 0, `numbers visible and at least 24x24 at ${width}px ${scheme}`, JSON.stringify(small));
      await page.locator(".para > a.num").nth(1).click();
      const hash = await page.evaluate(() => location.hash);
      t.check(hash === "#trade-2", `tapping a number links to its paragraph at ${width}px ${scheme}`, hash);
      // The highlighted paragraph is not the warning notice's colour.
      const [target, notice] = await page.evaluate(() => [
        getComputedStyle(document.querySelector(".para:target")).backgroundColor,
        getComputedStyle(document.querySelector(".unofficial")).backgroundColor,
      ]);
      t.check(target !== notice && target !== "rgba(0, 0, 0, 0)", `highlight differs from the notice (${scheme})`, `${target} vs ${notice}`);
      await page.close();
    }
  }
}

async function structure(t, browser, site) {
  for (const rel of ["en/full/", "en/", "en/statement.en.html"]) {
    const page = await open(browser, site.url + rel, 390, "light");
    const gap = await page.evaluate(() => {
      const hr = document.querySelector("hr.closing-break");
      const closing = document.querySelector(".part.closing .para");
      const before = hr && hr.previousElementSibling;
      if (!hr || !closing || !before) return null;
      return { gap: closing.getBoundingClientRect().top - before.getBoundingClientRect().bottom, mark: getComputedStyle(hr, "::after").content };
    });
    t.check(gap && gap.gap >= 40 && gap.mark.includes("*"), `the closing is set apart on ${rel}`, JSON.stringify(gap));
    await page.close();
  }
  for (const rel of ["en/full/", "en/statement.en.html"]) {
    const page = await open(browser, site.url + rel, 1280, "light");
    const toc = await page.$$eval("nav.toc li a", (as) => as.map((a) => a.getAttribute("href")));
    t.check(toc.length === 9 && toc.every((h) => h.startsWith("#")), `${rel} opens with contents linking within it`, JSON.stringify(toc));
    const first = await page.evaluate(() => {
      const toc = document.querySelector("nav.toc").getBoundingClientRect().top;
      const para = document.querySelector(".para").getBoundingClientRect().top;
      return toc < para;
    });
    t.check(first, `${rel}: the contents come before the text`);
    const backs = await page.$$eval(".part.sphere .back a", (as) => as.map((a) => a.getAttribute("href")));
    t.check(backs.length === 9 && backs.every((h) => h === "#contents"), `${rel}: back to contents after each section`);
    await page.close();
  }
  const sphere = await open(browser, site.url + "en/trade/", 390, "light");
  const top = await sphere.evaluate(() => {
    const pager = document.querySelector(".pager-top");
    const h1 = document.querySelector("h1");
    return pager && { text: pager.textContent, before: pager.getBoundingClientRect().top < h1.getBoundingClientRect().top, links: pager.querySelectorAll("a[rel]").length };
  });
  t.check(top && top.text.includes("Section 3 of 9") && top.before && top.links === 2, "a section says where it is, with previous/next at the top", JSON.stringify(top));
  const current = await sphere.$$eval('nav.toc a[aria-current="page"]', (as) => as.map((a) => a.textContent));
  t.check(current.length === 1 && current[0].includes("trade"), "the contents mark the current section", JSON.stringify(current));
  // A wrapped contents item keeps its number on its first line.
  const marker = await sphere.evaluate(() => {
    const li = [...document.querySelectorAll("nav.toc li")].find((l) => l.getBoundingClientRect().height > 40);
    if (!li) return null;
    const a = li.querySelector("a").getBoundingClientRect();
    return { liTop: li.getBoundingClientRect().top, aTop: a.top, display: getComputedStyle(li.querySelector("a")).display };
  });
  t.check(marker && marker.display === "block" && Math.abs(marker.aTop - marker.liTop) < 2, "a wrapped contents item starts on its number's line", JSON.stringify(marker));
  // Each navigation region has a name of its own.
  for (const rel of ["en/trade/", "en/parallel/ky/trade/", "en/"]) {
    const names = await sphere.goto(site.url + rel).then(() => sphere.$$eval("nav", (navs) => navs.map((n) => {
      const by = n.getAttribute("aria-labelledby");
      return by ? document.getElementById(by).textContent.trim() : (n.getAttribute("aria-label") || "");
    })));
    t.check(names.every((n) => n) && new Set(names).size === names.length, `every nav region on ${rel} has its own name`, JSON.stringify(names));
  }
  await sphere.close();
}

async function parallel(t, browser, site) {
  for (const scheme of SCHEMES) {
    for (const width of [320, 390]) {
      const page = await open(browser, site.url + "en/parallel/ky/trade/", width, scheme, 844);
      const marks = await page.$$eval(".parallel .row.paragraph", (rows) => rows.map((row) => [...row.querySelectorAll(".col")].map((c) => {
        const m = c.querySelector(".lang-mark");
        return { shown: m && m.getBoundingClientRect().height > 0 && m.textContent.trim(), bg: getComputedStyle(c).backgroundColor };
      })));
      const bad = marks.filter(([a, b]) => !a.shown || !b.shown || !a.shown.startsWith("EN") || !b.shown.startsWith("KY"));
      t.check(marks.length > 0 && bad.length === 0, `every block tagged EN / KY at ${width}px ${scheme}`, JSON.stringify(bad.slice(0, 2)));
      t.check(marks.every(([a, b]) => a.bg !== b.bg), `the second language is tinted at ${width}px ${scheme}`);
      const spoken = await page.$eval(".parallel .row.paragraph .col.second .lang-mark", (m) => m.textContent);
      t.check(spoken.includes("Кыргызча"), "the mark is read out as the language's name", spoken);
      const firstTop = await page.$eval(".parallel .row.paragraph .para p", (p) => p.getBoundingClientRect().top);
      t.check(firstTop < 844 - 40, `the first paragraph is on the first screen at ${width}x844 ${scheme}`, String(firstTop));
      await page.close();
    }
  }
  for (const scheme of SCHEMES) {
    const page = await open(browser, site.url + "en/parallel/ky/full/", 1280, scheme, 900);
    const summary = await page.textContent(".pair-menu > summary");
    t.check(summary.includes("English") && summary.includes("Кыргызча"), "one control names the pair", summary);
    const label = await page.$eval(".pair-menu > summary", (s) => document.getElementById(s.getAttribute("aria-describedby")).textContent);
    t.check(label.includes("side by side"), "the pair control is labelled", label);
    await page.click(".pair-menu > summary");
    const current = await page.$$eval('.pairs a[aria-current="page"]', (as) => as.map((a) => a.hreflang));
    t.check(current.length === 1 && current[0] === "ky", "the pair menu marks the current language", JSON.stringify(current));
    const swap = await page.getAttribute(".pairs a.swap", "href");
    t.check(/ky\/parallel\/en\/full\/$/.test(swap), "the pair can be swapped", swap);
    await page.click(".pair-menu > summary");
    await page.evaluate(() => window.scrollTo(0, 3000));
    const sticky = await page.evaluate(() => {
      const head = document.querySelector(".parallel .row.head").getBoundingClientRect();
      const bar = document.querySelector(".bar").getBoundingClientRect();
      return { head: head.top, bar: bar.bottom };
    });
    t.check(Math.abs(sticky.head - sticky.bar) < 4, `column headings stay in view (${scheme})`, JSON.stringify(sticky));
    const gap = await page.evaluate(() => {
      const first = document.querySelector(".parallel .row.closing.first");
      return first && parseFloat(getComputedStyle(first).marginTop);
    });
    t.check(gap >= 30, "the parallel view sets the closing apart", String(gap));
    await page.close();
  }
}

async function print(t, browser, site) {
  const page = await open(browser, site.url + "en/full/", 1280, "light");
  await page.emulateMedia({ media: "print" });
  const shown = await page.evaluate(() => ({
    original: getComputedStyle(document.querySelector(".read-original")).display,
    colophon: getComputedStyle(document.querySelector(".colophon")).display,
    bar: getComputedStyle(document.querySelector(".bar")).display,
    breaks: [...document.querySelectorAll(".part")].filter((p) => getComputedStyle(p).breakBefore === "page").length,
    paraBreak: getComputedStyle(document.querySelector(".para")).breakInside,
    headingBreak: getComputedStyle(document.querySelector(".part h2")).breakAfter,
  }));
  t.check(shown.original === "none" && shown.bar === "none", "print hides the navigation and 'read the original'", JSON.stringify(shown));
  t.check(shown.colophon === "block", "print has a colophon");
  t.check(shown.breaks === 0 && shown.paraBreak === "avoid" && shown.headingBreak === "avoid", "no forced breaks; headings keep to their text", JSON.stringify(shown));
  const pdf = await page.pdf({ preferCSSPageSize: true });
  const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
  const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString("latin1"));
  console.log(`print: en/full/ is ${pages} A4 pages`);
  t.check(pages >= 1 && pages <= MAX_PRINT_PAGES, `en/full/ prints on at most ${MAX_PRINT_PAGES} pages`, String(pages));
  t.check(box && Math.abs(+box[1] - 595.92) < 2 && Math.abs(+box[2] - 842.88) < 2, "the pages are A4", box && box[0]);
  await page.close();
}

/** Every text-bearing element of the page, with the fonts the platform drew it in. */
async function fontsOf(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("DOM.enable");
  await cdp.send("CSS.enable");
  const { root } = await cdp.send("DOM.getDocument", { depth: -1 });
  const { nodeIds } = await cdp.send("DOM.querySelectorAll", {
    nodeId: root.nodeId,
    selector: "h1, h2, h3, p, a, span, li, dt, dd, summary, th, td, div.col, code",
  });
  const used = new Map();
  for (const nodeId of nodeIds) {
    const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
    for (const f of fonts) {
      const key = `${f.familyName}${f.isCustomFont ? "" : " (system)"}`;
      used.set(key, (used.get(key) || 0) + f.glyphCount);
    }
  }
  await cdp.detach();
  return used;
}

async function fonts(t, browser, site, offline) {
  const pages = LANGS.map((l) => `${l}/full/`).concat(["en/parallel/ky/full/", "ru/parallel/tg/full/", "status/kk/", "", "kk/statement.kk.html", "uz/statement.uz.html"]);
  for (const rel of pages) {
    const page = await open(browser, site.url + rel, 1280, "light");
    const faces = await page.evaluate(() => [...document.fonts].map((f) => `${f.family} ${f.weight} ${f.status}`));
    t.check(faces.length >= 2 && faces.every((f) => f.endsWith("loaded") || f.endsWith("unloaded")), `document.fonts on /${rel}`, JSON.stringify(faces));
    const used = await fontsOf(page);
    const foreign = [...used.keys()].filter((k) => !SHIPPED.has(k));
    t.check(used.size > 0 && foreign.length === 0, `every glyph of /${rel} is drawn by the shipped fonts`, JSON.stringify([...used]));
    await page.close();
  }
  // From disk (file://) the fonts load as well.
  const page = await open(browser, `file://${offline}/uz/full/index.html`, 1280, "light");
  const used = await fontsOf(page);
  t.check([...used.keys()].every((k) => SHIPPED.has(k)), "from file:// every glyph is drawn by the shipped fonts", JSON.stringify([...used]));
  await page.close();
  // Bytes added per page view: the fonts a page uses, once per visit.
  const sizes = await Promise.all(["NotoSerif-Regular", "NotoSans-Regular", "NotoSans-Bold"].map(async (f) => {
    const r = await fetch(`${site.url}theme/fonts/${f}.woff2`);
    return (await r.arrayBuffer()).byteLength;
  }));
  console.log(`fonts: ${sizes.join(" + ")} = ${sizes.reduce((a, b) => a + b, 0)} bytes of WOFF2 per first page view (cached after)`);
}

await runScript(async (t) => {
  const site = await staticServer(buildSite());
  const offline = buildSite("--offline");
  const browser = await launch();
  try {
    await switcher(t, browser, site);
    await provenance(t, browser, site);
    await numbers(t, browser, site);
    await structure(t, browser, site);
    await parallel(t, browser, site);
    await print(t, browser, site);
    await fonts(t, browser, site, offline);
  } finally {
    await browser.close();
    site.close();
  }
});
