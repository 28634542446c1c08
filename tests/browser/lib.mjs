// Shared helpers of the browser scripts: the tolmach binary, project copies,
// a tiny static server, chromium and a pass/fail tally.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const here = path.dirname(fileURLToPath(import.meta.url));
export const repo = path.resolve(here, "../..");

/** The tolmach binary: $TOLMACH or target/release/tolmach (run `cargo build --release`). */
export function tolmachBin() {
  const bin = process.env.TOLMACH || path.join(repo, "target/release/tolmach");
  if (!fs.existsSync(bin)) {
    console.error(`${bin} not found: run \`cargo build --release\` or set TOLMACH`);
    process.exit(2);
  }
  return bin;
}

/** A copy of the real project (sources, locales, themes, settings) in a temporary folder. */
export function copyProject() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tolmach-browser-"));
  for (const part of ["sources", "locales", "themes", "tolmach.yaml"]) {
    fs.cpSync(path.join(repo, part), path.join(dir, part), { recursive: true });
  }
  return dir;
}

/** Build the real project into a new temporary folder and return it. */
export function buildSite(...flags) {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tolmach-site-")), "site");
  const run = spawnSync(tolmachBin(), ["build", "--root", repo, "--out", out, ...flags], { encoding: "utf8" });
  if (run.status !== 0) {
    console.error(run.stdout + run.stderr);
    throw new Error(`tolmach build failed with ${run.status}`);
  }
  return out;
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
};

/** Serve `dir` on 127.0.0.1 (directory -> index.html, missing -> 404.html with 404). */
export async function staticServer(dir) {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = path.resolve(root, "." + rel);
    if (!file.startsWith(root)) {
      res.writeHead(400).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    let status = 200;
    if (!fs.existsSync(file)) {
      status = 404;
      file = path.join(root, "404.html");
    }
    const type = TYPES[path.extname(file)] || "application/octet-stream";
    res.writeHead(status, { "Content-Type": type });
    res.end(fs.readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() };
}

/** Start `tolmach serve --port 0` in `dir`; resolves when it prints its address. */
export function startServe(dir) {
  const child = spawn(tolmachBin(), ["serve", "--port", "0"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  const log = { out: "", err: "" };
  child.stderr.on("data", (d) => { log.err += d; });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("tolmach serve did not start:\n" + log.out + log.err)), 120000);
    child.stdout.on("data", (d) => {
      log.out += d;
      const m = /serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(log.out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], child, log, stop: () => child.kill() });
      }
    });
    child.on("exit", (code) => reject(new Error(`tolmach serve exited with ${code}:\n${log.out}${log.err}`)));
  });
}

/** Launch the system chromium through playwright-core. */
export async function launch() {
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run"],
  });
}

/** Counts checks; `finish()` prints `N passed, M failed` last and sets the exit code. */
export class Tally {
  constructor() {
    this.passed = 0;
    this.failed = 0;
  }

  check(ok, name, detail = "") {
    if (ok) {
      this.passed++;
    } else {
      this.failed++;
      console.log(`FAIL ${name}${detail ? ": " + detail : ""}`);
    }
    return ok;
  }

  finish() {
    console.log(`${this.passed} passed, ${this.failed} failed`);
    process.exitCode = this.failed ? 1 : 0;
  }
}

/** Run `main(tally)`; an exception counts as a failure and still prints the tally. */
export async function runScript(main) {
  const tally = new Tally();
  try {
    await main(tally);
  } catch (err) {
    tally.check(false, "script", err && err.stack ? err.stack : String(err));
  }
  tally.finish();
  // Child processes and servers must not keep the script alive.
  setTimeout(() => process.exit(process.exitCode), 100).unref();
}
