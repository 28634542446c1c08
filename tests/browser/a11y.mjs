// axe-core over every page type of the real site, in ru, en and kk, in the
// light and dark colour schemes, at 1280, 390 and 320 px wide, with the
// phone's language menu and the parallel pair menu both closed and open.
// Fails on any serious or critical violation.
import { createRequire } from "node:module";
import { buildSite, launch, runScript, staticServer } from "./lib.mjs";

const axe = createRequire(import.meta.url)("axe-core");

const PAGES = [
  ["gateway", ""],
  ["status", "status/"],
  ["status kk", "status/kk/"],
  ["404", "no-such-page/"],
];
for (const [lang, other] of [["ru", "en"], ["en", "ru"], ["kk", "ru"]]) {
  PAGES.push(
    [`${lang} index`, `${lang}/`],
    [`${lang} sphere`, `${lang}/trade/`],
    [`${lang} full text`, `${lang}/full/`],
    [`${lang} parallel`, `${lang}/parallel/${other}/trade/`],
    [`${lang} download`, `${lang}/statement.${lang}.html`],
  );
}
const VIEWPORTS = [{ width: 1280, height: 800 }, { width: 390, height: 844 }, { width: 320, height: 640 }];
const SCHEMES = ["light", "dark"];

await runScript(async (t) => {
  const site = await staticServer(buildSite());
  const browser = await launch();
  try {
    for (const viewport of VIEWPORTS) {
      const context = await browser.newContext({ viewport, bypassCSP: true });
      const page = await context.newPage();
      for (const colorScheme of SCHEMES) {
        await page.emulateMedia({ colorScheme });
        for (const [name, rel] of PAGES) {
          const label = `${name} (/${rel}, ${colorScheme}, ${viewport.width}x${viewport.height})`;
          await page.goto(site.url + rel);
          await page.addScriptTag({ content: axe.source });
          // Open the disclosures a reader would open, so their content is checked too.
          await page.evaluate(() => document.querySelectorAll("details.lang-menu, details.pair-menu").forEach((d) => { d.open = true; }));
          const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
          const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
          const detail = bad
            .map((v) => `${v.impact} ${v.id}: ${v.help}\n` + v.nodes.slice(0, 5).map((n) => `      ${n.target.join(" ")}: ${n.failureSummary.replace(/\n/g, " ")}`).join("\n"))
            .join("\n    ");
          t.check(bad.length === 0, label, detail);
        }
      }
      await context.close();
    }
  } finally {
    await browser.close();
    site.close();
  }
});
