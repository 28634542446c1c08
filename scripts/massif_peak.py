#!/usr/bin/env python3
"""The peak of a massif profile, by the innermost Tolmach frame that allocated.

Usage: scripts/massif_peak.py massif.out

Prints the bytes of massif's peak snapshot grouped by the first frame of
Tolmach's own code on each allocation's stack (a `tolmach::` function, or
an inlined frame in one of `src/`'s modules), largest first. Allocations
below massif's threshold are not attributed.
"""

import os
import re
import sys

SRC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src")
MODULES = "|".join(sorted(name.removesuffix(".rs") for name in os.listdir(SRC)))
OWN = re.compile(r"\(src/(%s)[/.]" % MODULES)


def own(frame):
    return "tolmach::" in frame or OWN.search(frame) is not None


def main():
    lines = open(sys.argv[1]).read().split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("heap_tree=peak"))
    stack, found = [], {}
    for line in lines[start + 1:]:
        if line.startswith("#-") or line.startswith("snapshot"):
            break
        m = re.match(r"^( *)n(\d+): (\d+) (.*)$", line)
        if not m:
            continue
        depth, size, frame = len(m.group(1)), int(m.group(3)), m.group(4)
        stack = stack[:depth] + [frame]
        if own(frame) and not any(own(f) for f in stack[:-1]):
            key = re.sub(r"0x[0-9A-F]+: ", "", frame)
            found[key] = found.get(key, 0) + size
    for key, size in sorted(found.items(), key=lambda kv: -kv[1])[:25]:
        print(f"{size / 1e6:8.2f} MB  {key[:150]}")


if __name__ == "__main__":
    main()
