// Link check of a built site: node linkcheck.mjs DIR [--offline] [--base-url URL]
// - every relative href/src of every HTML file resolves to a file in DIR
//   (a folder to its index.html), and every #fragment is an id in the target;
// - links to the site's own --base-url are checked the same way;
// - root-absolute links (/x) are refused: the site must work under any prefix
//   (except the home link "/" of 404.html, which is served at any depth);
// - nothing is loaded from outside (src, srcset, or <link> that loads);
// - with --offline every link to a page names its index.html.
import fs from "node:fs";
import path from "node:path";
import { Tally } from "./lib.mjs";

const args = process.argv.slice(2);
const offline = args.includes("--offline");
const baseIndex = args.indexOf("--base-url");
const baseUrl = baseIndex >= 0 ? args[baseIndex + 1] : null;
const dir = args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--base-url");
if (!dir) {
  console.error("usage: node linkcheck.mjs DIR [--offline] [--base-url URL]");
  process.exit(2);
}
const root = path.resolve(dir);
const LOADING_RELS = new Set(["stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest", "apple-touch-icon", "mask-icon"]);

function htmlFiles(folder) {
  return fs.readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".html"))
    .map((e) => path.join(e.parentPath ?? e.path, e.name))
    .sort();
}

function unescape(value) {
  return value.replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#([0-9]+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

function attributes(tag) {
  const out = {};
  for (const m of tag.matchAll(/\s([a-zA-Z:-]+)(?:="([^"]*)"|='([^']*)')?/g)) {
    out[m[1].toLowerCase()] = unescape(m[2] ?? m[3] ?? "");
  }
  return out;
}

function tags(html) {
  return [...html.replace(/<!--[\s\S]*?-->/g, "").matchAll(/<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>/g)]
    .map((m) => ({ name: m[1].toLowerCase(), attrs: attributes(m[0].slice(m[1].length + 1, -1)) }));
}

const idCache = new Map();
function ids(file) {
  if (!idCache.has(file)) {
    const found = new Set();
    for (const t of tags(fs.readFileSync(file, "utf8"))) {
      if (t.attrs.id !== undefined) found.add(t.attrs.id);
      if (t.name === "a" && t.attrs.name !== undefined) found.add(t.attrs.name);
    }
    idCache.set(file, found);
  }
  return idCache.get(file);
}

/** Check one URL found in `file`; returns an error message or null. */
function checkLink(file, url) {
  let target = url;
  if (baseUrl && url.startsWith(baseUrl)) target = url.slice(baseUrl.length) || "./";
  else if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return null; // external or mailto: not ours to check
  else if (url.startsWith("//")) return null;
  const base = baseUrl && url.startsWith(baseUrl) ? root + "/" : path.dirname(file) + "/";
  // 404.html is served at any depth, so without a base URL its home link can
  // only be "/"; that one root-absolute link is accepted there.
  if (target === "/" && file === path.join(root, "404.html")) return null;
  if (target.startsWith("/")) return "root-absolute link";
  const [beforeHash, fragment] = target.split("#", 2);
  const rel = beforeHash.split("?")[0];
  let resolved = file;
  if (rel !== "") {
    resolved = path.resolve(base, decodeURIComponent(rel));
    if (!resolved.startsWith(root)) return "leaves the site";
    if (fs.existsSync(resolved) && fs.statSync(resolved).isDirectory()) {
      if (offline) return "offline link to a folder, not its index.html";
      resolved = path.join(resolved, "index.html");
    }
    if (!fs.existsSync(resolved)) return `no file ${path.relative(root, resolved)}`;
  }
  if (fragment && resolved.endsWith(".html") && !ids(resolved).has(decodeURIComponent(fragment))) {
    return `no id "${decodeURIComponent(fragment)}" in ${path.relative(root, resolved)}`;
  }
  return null;
}

function loadsFromOutside(tag) {
  const urls = [];
  if (tag.attrs.src !== undefined) urls.push(tag.attrs.src);
  if (tag.attrs.srcset !== undefined) urls.push(...tag.attrs.srcset.split(",").map((s) => s.trim().split(/\s+/)[0]));
  if (tag.name === "link" && (tag.attrs.rel || "").split(/\s+/).some((r) => LOADING_RELS.has(r.toLowerCase()))) {
    urls.push(tag.attrs.href);
  }
  return urls.filter((u) => /^(https?:)?\/\//i.test(u ?? ""));
}

const tally = new Tally();
const files = htmlFiles(root);
let links = 0;
for (const file of files) {
  const name = path.relative(root, file);
  for (const tag of tags(fs.readFileSync(file, "utf8"))) {
    for (const url of loadsFromOutside(tag)) tally.check(false, `${name}: <${tag.name}> loads ${url} from outside`);
    for (const attr of ["href", "src"]) {
      const url = tag.attrs[attr];
      if (url === undefined) continue;
      links++;
      const problem = checkLink(file, url);
      tally.check(problem === null, `${name}: <${tag.name} ${attr}="${url}">`, problem);
    }
  }
}
tally.check(files.length > 0, "the site has HTML files", root);
console.log(`${files.length} HTML files, ${links} links checked${offline ? " (offline)" : ""}`);
tally.finish();
