// Screenshots for the README: docs/screenshots/{sphere,parallel}-{desktop,phone}.png
// of en/trade/ and en/parallel/ru/trade/.
import fs from "node:fs";
import path from "node:path";
import { buildSite, launch, repo, runScript, staticServer } from "./lib.mjs";

const SHOTS = [["sphere", "en/trade/"], ["parallel", "en/parallel/ru/trade/"]];
const SIZES = [["desktop", { width: 1280, height: 800 }], ["phone", { width: 375, height: 740 }]];

await runScript(async (t) => {
  const dir = path.join(repo, "docs/screenshots");
  fs.mkdirSync(dir, { recursive: true });
  const site = await staticServer(buildSite());
  const browser = await launch();
  try {
    for (const [size, viewport] of SIZES) {
      const page = await browser.newPage({ viewport, deviceScaleFactor: 1 });
      for (const [name, rel] of SHOTS) {
        const file = path.join(dir, `${name}-${size}.png`);
        const response = await page.goto(site.url + rel);
        t.check(response.status() === 200, `${rel} served`, String(response.status()));
        await page.screenshot({ path: file });
        const bytes = fs.readFileSync(file);
        t.check(bytes.subarray(1, 4).toString() === "PNG" && bytes.length > 1000, `${file} written`);
        console.log(`wrote ${path.relative(repo, file)} (${bytes.length} bytes)`);
      }
      await page.close();
    }
  } finally {
    await browser.close();
    site.close();
  }
});
