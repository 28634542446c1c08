#!/usr/bin/env python3
"""Time `tolmach serve` from saving a file to the new build being announced.

Usage: scripts/serve_latency.py [--bin BIN] [--project DIR] [--edits N] [--poll-ms MS]

Copies the project (sources, locales, themes, tolmach.yaml) to a temporary
folder, starts `BIN serve --root COPY --port 0 --out TMP/out`, reads the port
from its `serving http://127.0.0.1:PORT/` line, then edits
locales/en/statement.yaml N times (a different word put at the front of the
first `text:` each time) and polls http://127.0.0.1:PORT/__tolmach/version
every MS milliseconds until the version changes. Prints each latency, the
median and the maximum. This is the server side of edit-to-reload; the
browser's part (event, reload, paint) is measured by tests/browser/reload.mjs.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request


def main():
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(repo, "target/release/tolmach"))
    ap.add_argument("--project", default=repo)
    ap.add_argument("--edits", type=int, default=10)
    ap.add_argument("--poll-ms", type=float, default=5.0)
    ap.add_argument("--pause", type=float, default=0.5, help="seconds between edits")
    args = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="tolmach-latency-")
    root = os.path.join(tmp, "project")
    os.makedirs(root)
    for part in ("sources", "locales", "themes"):
        shutil.copytree(os.path.join(args.project, part), os.path.join(root, part))
    shutil.copy(os.path.join(args.project, "tolmach.yaml"), root)
    out = os.path.join(tmp, "out")

    proc = subprocess.Popen([args.bin, "serve", "--root", root, "--port", "0", "--out", out],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    port = None
    found = threading.Event()
    log = []

    def drain():
        nonlocal port
        for line in proc.stdout:
            log.append(line)
            m = re.search(r"serving http://127\.0\.0\.1:(\d+)/", line)
            if m and port is None:
                port = int(m.group(1))
                found.set()

    threading.Thread(target=drain, daemon=True).start()
    try:
        if not found.wait(120):
            sys.exit("serve did not print its address:\n" + "".join(log))
        url = "http://127.0.0.1:%d/__tolmach/version" % port

        def version():
            with urllib.request.urlopen(url, timeout=5) as r:
                return r.read()

        path = os.path.join(root, "locales/en/statement.yaml")
        original = open(path, encoding="utf-8").read()
        latencies = []
        current = version()
        for i in range(args.edits):
            time.sleep(args.pause)
            current = version()
            edited = original.replace('text: "', 'text: "Edit%d ' % i, 1)
            assert edited != original
            t0 = time.perf_counter()
            with open(path, "w", encoding="utf-8") as f:
                f.write(edited)
            while True:
                v = version()
                if v != current:
                    break
                if time.perf_counter() - t0 > 30:
                    sys.exit("no new version within 30 s:\n" + "".join(log[-5:]))
                time.sleep(args.poll_ms / 1000)
            ms = (time.perf_counter() - t0) * 1000
            latencies.append(ms)
            print("edit %d: save-to-version-change %.1f ms" % (i + 1, ms), flush=True)
        print("serve save-to-version-change over %d edits: median %.1f ms, max %.1f ms, min %.1f ms"
              % (len(latencies), statistics.median(latencies), max(latencies), min(latencies)))
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
