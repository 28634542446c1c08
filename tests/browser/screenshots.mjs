// Screenshots for the README: docs/screenshots/{sphere,parallel}-{desktop,phone}[-dark].png
// of kk/trade/ and en/parallel/ky/trade/, in the light and dark schemes;
// search-desktop.png (en/, "Aral" in all languages) and cite-phone.png
// (kk/environment/, the citation menu of paragraph 25).
import fs from "node:fs";
import path from "node:path";
import { buildSite, launch, repo, runScript, staticServer } from "./lib.mjs";

const SHOTS = [["sphere", "kk/trade/"], ["parallel", "en/parallel/ky/trade/"]];
const SIZES = [["desktop", { width: 1280, height: 800 }], ["phone", { width: 390, height: 844 }]];
const SCHEMES = [["", "light"], ["-dark", "dark"]];

await runScript(async (t) => {
  const dir = path.join(repo, "docs/screenshots");
  fs.mkdirSync(dir, { recursive: true });
  const site = await staticServer(buildSite());
  const browser = await launch();
  try {
    for (const [size, viewport] of SIZES) for (const [suffix, colorScheme] of SCHEMES) {
      const page = await browser.newPage({ viewport, deviceScaleFactor: 1 });
      await page.emulateMedia({ colorScheme });
      for (const [name, rel] of SHOTS) {
        const file = path.join(dir, `${name}-${size}${suffix}.png`);
        const response = await page.goto(site.url + rel);
        await page.evaluate(() => document.fonts.ready);
        t.check(response.status() === 200, `${rel} served`, String(response.status()));
        await page.screenshot({ path: file });
        const bytes = fs.readFileSync(file);
        t.check(bytes.subarray(1, 4).toString() === "PNG" && bytes.length > 1000, `${file} written`);
        console.log(`wrote ${path.relative(repo, file)} (${bytes.length} bytes)`);
      }
      await page.close();
    }
    // Search and citation (issue 16).
    const desk = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    await desk.goto(site.url + "en/");
    await desk.click("button.search-open");
    await desk.check("#search-all");
    await desk.fill("#search-input", "Aral");
    await desk.waitForSelector("#search-results li");
    await desk.waitForTimeout(500);
    await desk.screenshot({ path: path.join(dir, "search-desktop.png") });
    await desk.close();
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    await phone.goto(site.url + "kk/environment/#environment-4");
    await phone.click("#environment-4 > a.num");
    await phone.evaluate(() => document.fonts.ready);
    await phone.screenshot({ path: path.join(dir, "cite-phone.png") });
    await phone.close();
    for (const name of ["search-desktop", "cite-phone"]) {
      const bytes = fs.readFileSync(path.join(dir, `${name}.png`));
      t.check(bytes.subarray(1, 4).toString() === "PNG" && bytes.length > 1000, `${name}.png written`);
      console.log(`wrote docs/screenshots/${name}.png (${bytes.length} bytes)`);
    }
  } finally {
    await browser.close();
    site.close();
  }
});
