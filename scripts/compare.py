#!/usr/bin/env python3
"""Tolmach, Zola and Hugo on the same site, alternated in one run.

Usage: scripts/compare.py --tolmach BIN --gen XTASK --repo DIR --work DIR --results DIR
                          [--zola BIN] [--hugo BIN] [--scales 1,10,100,1000] [--rounds 5]

For each scale K: `XTASK gen-corpus` writes the project (the real text, the
nine spheres repeated K times, 7 languages); scripts/zola_site.py and
scripts/hugo_site.py write the equivalent Zola and Hugo sites (the same
text, parts, languages, switcher and hreflang). Then, ROUNDS times, each
tool builds its site from an empty output folder, one after the other
(Tolmach, Zola, Hugo, Tolmach, ...), each build timed by /usr/bin/time
(wall clock and peak RSS). Tolmach builds with `--no-parallel`, the site the
others build too. The medians, the page counts and the output bytes of each
tool go to RESULTS/compare.tsv (the raw rounds to compare-rounds.tsv), the
ratios to RESULTS/compare.md, and charts to RESULTS/wall.svg and
RESULTS/rss.svg. A tool that is not given (no --zola, no --hugo) is left out.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def timed(cmd, out, cache=None):
    """Build into `out` from scratch (without the build's `cache` folder, if
    it keeps one): (wall seconds, peak RSS MiB)."""
    shutil.rmtree(out, ignore_errors=True)
    if cache:
        shutil.rmtree(cache, ignore_errors=True)
    res = subprocess.run(
        ["/usr/bin/time", "-f", "%e %M"] + cmd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    if res.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{res.stderr[-2000:]}")
    wall, rss = res.stderr.strip().splitlines()[-1].split()
    return float(wall), int(rss) / 1024


def site_size(out):
    pages = files = size = 0
    for root, _, names in os.walk(out):
        for name in names:
            files += 1
            size += os.path.getsize(os.path.join(root, name))
            pages += name.endswith(".html")
    return pages, files, size


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tolmach", required=True)
    ap.add_argument("--gen", required=True)
    ap.add_argument("--repo", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--results", required=True)
    ap.add_argument("--zola")
    ap.add_argument("--hugo")
    ap.add_argument("--scales", default="1,10,100,1000")
    ap.add_argument("--rounds", type=int, default=5)
    a = ap.parse_args()
    os.makedirs(a.results, exist_ok=True)
    rows, raw = [], []
    for k in [int(s) for s in a.scales.split(",")]:
        corpus = os.path.join(a.work, f"c{k}")
        shutil.rmtree(corpus, ignore_errors=True)
        run([a.gen, "gen-corpus", corpus, "--scale", str(k), "--languages", "7", "--from", a.repo],
            stdout=subprocess.DEVNULL)
        tools = {}
        flags = ["--max-file-mib", "512", "--max-output-mib", "4096"] if k >= 1000 else []
        out = os.path.join(a.work, f"tolmach{k}")
        tools["tolmach"] = ([a.tolmach, "build", "--root", corpus, "--out", out, "--no-parallel",
                             "--base-url", "https://example.org/statement/"] + flags, out,
                            os.path.join(corpus, ".tolmach", "model"))
        if a.zola:
            site = os.path.join(a.work, f"zola{k}")
            shutil.rmtree(site, ignore_errors=True)
            run([sys.executable, os.path.join(HERE, "zola_site.py"), corpus, site])
            out = os.path.join(a.work, f"zola{k}-out")
            tools["zola"] = ([a.zola, "--root", site, "build", "--output-dir", out, "--force"], out, None)
        if a.hugo:
            site = os.path.join(a.work, f"hugo{k}")
            shutil.rmtree(site, ignore_errors=True)
            run([sys.executable, os.path.join(HERE, "hugo_site.py"), corpus, site])
            out = os.path.join(a.work, f"hugo{k}-out")
            tools["hugo"] = ([a.hugo, "--quiet", "--source", site, "-d", out], out, None)
        samples = {t: [] for t in tools}
        rounds = a.rounds if k < 1000 else max(1, a.rounds // 2)
        for r in range(rounds):
            for tool, (cmd, out, cache) in tools.items():
                wall, rss = timed(cmd, out, cache)
                samples[tool].append((wall, rss))
                raw.append((tool, k, r + 1, wall, rss))
                print(f"K={k} round {r + 1} {tool}: {wall:.3f} s, {rss:.1f} MiB", flush=True)
        for tool, (cmd, out, _) in tools.items():
            pages, files, size = site_size(out)
            wall = statistics.median(s[0] for s in samples[tool])
            rss = statistics.median(s[1] for s in samples[tool])
            rows.append((tool, k, pages, files, size, wall, rss, len(samples[tool])))
            shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(corpus, ignore_errors=True)
    with open(os.path.join(a.results, "compare.tsv"), "w") as f:
        f.write("tool\tK\tpages\tfiles\tbytes\twall_s\trss_mib\truns\n")
        for r in rows:
            f.write("%s\t%d\t%d\t%d\t%d\t%.3f\t%.1f\t%d\n" % r)
    with open(os.path.join(a.results, "compare-rounds.tsv"), "w") as f:
        f.write("tool\tK\tround\twall_s\trss_mib\n")
        for r in raw:
            f.write("%s\t%d\t%d\t%.3f\t%.1f\n" % r)
    write_table(rows, os.path.join(a.results, "compare.md"))
    charts(rows, a.results)


def write_table(rows, path):
    by = {(t, k): r for (t, k, *_), r in ((r[:2], r) for r in rows)}
    scales = sorted({r[1] for r in rows})
    lines = [
        "| K | tool | pages | output | wall (median) | peak RSS (median) | Tolmach / this |",
        "|---|---|---|---|---|---|---|",
    ]
    for k in scales:
        ours = by.get(("tolmach", k))
        for tool in ("tolmach", "zola", "hugo"):
            r = by.get((tool, k))
            if not r:
                continue
            _, _, pages, files, size, wall, rss, runs = r
            ratio = ""
            if tool != "tolmach" and ours:
                ratio = f"{ours[5] / wall:.2f}× wall, {ours[6] / rss:.2f}× RSS"
            lines.append(
                f"| {k} | {tool} | {pages:,} | {size / 2**20:.1f} MiB in {files:,} files | "
                f"{fmt_time(wall)} ({runs} runs) | {rss:.1f} MiB | {ratio} |"
            )
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))


def fmt_time(s):
    return f"{s * 1000:.0f} ms" if s < 1 else f"{s:.2f} s"


def charts(rows, results):
    for metric, index, unit, name in (("wall time", 5, "s", "wall.svg"), ("peak memory", 6, "MiB", "rss.svg")):
        series = {}
        for r in rows:
            series.setdefault(r[0], []).append((r[1], r[index]))
        with open(os.path.join(results, name), "w") as f:
            f.write(svg(series, f"Build {metric} against scale (log-log)", unit))


COLOURS = {"tolmach": "#1b5e20", "zola": "#0d47a1", "hugo": "#b71c1c"}


def svg(series, title, unit):
    """A log-log line chart of `series` (tool -> [(K, value)]), plain SVG."""
    import math
    w, h, left, right, top, bottom = 640, 400, 70, 120, 40, 50
    xs = sorted({k for pts in series.values() for k, _ in pts})
    ys = [v for pts in series.values() for _, v in pts if v > 0]
    x0, x1 = math.log10(min(xs)), math.log10(max(xs)) or 1
    y0, y1 = math.floor(math.log10(min(ys))), math.ceil(math.log10(max(ys)))
    if y1 == y0:
        y1 += 1
    px = lambda k: left + (math.log10(k) - x0) / ((x1 - x0) or 1) * (w - left - right)
    py = lambda v: top + (y1 - math.log10(v)) / (y1 - y0) * (h - top - bottom)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="sans-serif" font-size="12">',
           f'<rect width="{w}" height="{h}" fill="#fff"/>',
           f'<text x="{w / 2}" y="20" text-anchor="middle" font-size="14">{title}</text>']
    for e in range(y0, y1 + 1):
        y = py(10 ** e)
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{w - right}" y2="{y:.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{10 ** e:g} {unit}</text>')
    for k in xs:
        x = px(k)
        out.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{h - bottom}" stroke="#eee"/>')
        out.append(f'<text x="{x:.1f}" y="{h - bottom + 18}" text-anchor="middle">K = {k}</text>')
    for n, (tool, pts) in enumerate(sorted(series.items())):
        pts = sorted(pts)
        colour = COLOURS.get(tool, "#555")
        path = " ".join(f"{'M' if i == 0 else 'L'}{px(k):.1f},{py(v):.1f}" for i, (k, v) in enumerate(pts) if v > 0)
        out.append(f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for k, v in pts:
            if v > 0:
                out.append(f'<circle cx="{px(k):.1f}" cy="{py(v):.1f}" r="3" fill="{colour}"/>')
        ly = top + 20 + n * 20
        out.append(f'<line x1="{w - right + 15}" y1="{ly}" x2="{w - right + 35}" y2="{ly}" stroke="{colour}" stroke-width="2"/>')
        out.append(f'<text x="{w - right + 40}" y="{ly + 4}">{tool}</text>')
    out.append("</svg>\n")
    return "\n".join(out)


if __name__ == "__main__":
    main()
