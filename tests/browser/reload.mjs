// `tolmach serve` live reload in chromium: edit a translation, see the page
// reload with the new text (the new build is pushed as a server-sent event);
// break it, see the error overlay over the last good build; fix it, see the
// overlay go.
import fs from "node:fs";
import path from "node:path";
import { copyProject, launch, runScript, startServe } from "./lib.mjs";

const MARK = "TOLMACH-RELOAD-MARK";
const WAIT = { timeout: 15000, polling: 10 };

await runScript(async (t) => {
  const dir = copyProject();
  const file = path.join(dir, "locales/en/statement.yaml");
  const original = fs.readFileSync(file, "utf8");
  const serve = await startServe(dir);
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const cspErrors = [];
    page.on("console", (m) => { if (m.type() === "error") cspErrors.push(m.text()); });
    await page.goto(serve.url + "en/full/");
    t.check(await page.locator('script[src="/__tolmach/reload.js"]').count() === 1, "reload script injected");
    await page.evaluate(() => { window.__beforeReload = true; });

    const edited = original.replace('text: "', `text: "${MARK} `);
    t.check(edited !== original, "translation edited");
    const saved = Date.now();
    fs.writeFileSync(file, edited);
    await page.waitForFunction((mark) => document.body.textContent.includes(mark), MARK, WAIT);
    const latency = Date.now() - saved;
    t.check(await page.evaluate(() => window.__beforeReload === undefined), "the page was reloaded");
    // When the reloaded page first painted (its text), on the same clock as
    // `saved`; the polling above notices it somewhat later.
    const painted = await page.evaluate(() => {
      const paint = performance.getEntriesByName("first-contentful-paint")[0];
      const nav = performance.getEntriesByType("navigation")[0];
      return performance.timeOrigin + (paint ? paint.startTime : nav.domContentLoadedEventEnd);
    });
    console.log(`save-to-new-text in the browser: ${latency} ms (first paint of the new page at ${Math.round(painted - saved)} ms)`);

    fs.writeFileSync(file, edited.replace('text: "', 'text: ["'));
    const overlay = page.locator("#tolmach-error");
    await overlay.waitFor({ state: "visible", ...WAIT });
    const text = await overlay.textContent();
    t.check(text.includes("locales/en/statement.yaml:"), "overlay names the file", text);
    t.check(await page.locator("#tolmach-error *").count() === 0, "overlay is plain text");
    t.check((await page.textContent("main")).includes(MARK), "last good build still shown");
    t.check(serve.log.err.includes("locales/en/statement.yaml:"), "terminal shows the error", serve.log.err);

    fs.writeFileSync(file, original);
    await page.waitForFunction((mark) => !document.body.textContent.includes(mark), MARK, WAIT);
    t.check(await overlay.count() === 0, "overlay gone after the fix");
    const blocked = cspErrors.filter((e) => /Content Security Policy/i.test(e));
    t.check(blocked.length === 0, "no CSP violations", blocked.join("\n"));
  } finally {
    await browser.close();
    serve.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
