// The language switcher keeps the reader's paragraph: on en/trade/ with
// trade-3 at the top, the ru link leads to ru/trade/#trade-3.
import { buildSite, launch, runScript, staticServer } from "./lib.mjs";

await runScript(async (t) => {
  const site = await staticServer(buildSite());
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(site.url + "en/trade/");
    await page.evaluate(() => document.getElementById("trade-3").scrollIntoView({ block: "start" }));
    await page.waitForFunction(() => {
      const a = document.querySelector('nav.languages a[hreflang="ru"]');
      return a && a.getAttribute("href").endsWith("#trade-3");
    }, null, { timeout: 5000 }).catch(() => {});
    const href = await page.getAttribute('nav.languages a[hreflang="ru"]', "href");
    t.check(href.endsWith("ru/trade/#trade-3"), "switcher link follows the scroll", href);
    // The header with the switcher stays in view, so a real click does not
    // move the reading position first.
    await page.click('nav.languages a[hreflang="ru"]');
    await page.waitForURL(/\/ru\/trade\/#trade-3$/, { timeout: 5000 }).catch(() => {});
    t.check(page.url().endsWith("ru/trade/#trade-3"), "URL keeps the paragraph", page.url());
    const top = await page.evaluate(() => {
      const el = document.getElementById("trade-3");
      return el ? el.getBoundingClientRect().top : null;
    });
    t.check(top !== null && top >= 0 && top < 200, "trade-3 is near the top in Russian, below the header", String(top));
  } finally {
    await browser.close();
    site.close();
  }
});
