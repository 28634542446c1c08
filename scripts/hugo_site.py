#!/usr/bin/env python3
"""Write a minimal Hugo site equivalent to a Tolmach project, for benchmarks.

Usage: scripts/hugo_site.py CORPUS OUT

CORPUS is a project written by `tolmach gen-corpus` (its statement.yaml files
have one `source:` and one `text:` line per unit, double-quoted). OUT gets a
Hugo site with the same content split in parts: per language a home page
(title, preamble, closing) and one page per sphere, every language fully
translated, a language switcher and hreflang links on every page and a
sitemap; no feeds, taxonomies or search.
"""

import json
import os
import re
import sys

LANGS_RE = re.compile(r"^languages:\s*\[(.*)\]", re.M)


def read_source(path):
    """Return [(id, text, kind)] in reading order; kind is title/para/heading."""
    text = open(path, encoding="utf-8").read()
    units = []
    title = re.search(r'^title:\s*(".*")$', text, re.M)
    units.append(("title", json.loads(title.group(1)), "title"))
    body = text.split("\n---\n", 1)[1]
    lines = body.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        m = re.match(r"^## (.*) \{#([a-z0-9-]+)\}$", line)
        if m:
            units.append((m.group(2), m.group(1), "heading"))
        m = re.match(r"^\{#([a-z0-9-]+)\}$", line)
        if m:
            units.append((m.group(1), lines[i + 1], "para"))
            i += 1
        i += 1
    return units


def read_translation(path):
    texts = {}
    current = None
    for line in open(path, encoding="utf-8"):
        m = re.match(r"^([a-z0-9-]+):$", line)
        if m:
            current = m.group(1)
        elif line.startswith("  text: ") and current:
            texts[current] = json.loads(line[len("  text: "):])
    return texts


def front(title, weight):
    return "---\ntitle: %s\nweight: %d\n---\n" % (json.dumps(title, ensure_ascii=False), weight)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


BASEOF = """<!DOCTYPE html>
<html lang="{{ .Language.Lang }}">
<head>
<meta charset="utf-8">
<title>{{ .Title }}</title>
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end }}</head>
<body>
<nav class="languages"><ul>
{{ range .AllTranslations }}<li><a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}"{{ if eq .Language.Lang $.Language.Lang }} aria-current="page"{{ end }}>{{ .Language.LanguageName }}</a></li>
{{ end }}</ul></nav>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"""

HOME = """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
<nav><ol>{{ range .Site.RegularPages.ByWeight }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol></nav>
{{ end }}
"""

PAGE = """{{ define "main" }}<h2>{{ .Title }}</h2>
{{ .Content }}
{{ with .PrevInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ end }}
"""


def main():
    corpus, out = sys.argv[1], sys.argv[2]
    settings = open(os.path.join(corpus, "tolmach.yaml"), encoding="utf-8").read()
    langs = [l.strip() for l in LANGS_RE.search(settings).group(1).split(",")]
    units = read_source(os.path.join(corpus, "sources/statement.md"))
    config = [
        'baseURL = "https://example.org/statement/"',
        'defaultContentLanguage = "ru"',
        "defaultContentLanguageInSubdir = true",
        'disableKinds = ["taxonomy", "term", "RSS"]',
        "[languages]",
    ]
    for weight, lang in enumerate(langs, 1):
        config += [
            "[languages.%s]" % lang,
            'contentDir = "content/%s"' % lang,
            "weight = %d" % weight,
            'languageName = "%s"' % lang,
        ]
    write(os.path.join(out, "hugo.toml"), "\n".join(config) + "\n")
    write(os.path.join(out, "layouts/baseof.html"), BASEOF)
    write(os.path.join(out, "layouts/home.html"), HOME)
    write(os.path.join(out, "layouts/page.html"), PAGE)
    for lang in langs:
        texts = {u[0]: u[1] for u in units}
        if lang != "ru":
            texts.update(read_translation(os.path.join(corpus, "locales", lang, "statement.yaml")))
        home = [texts[u[0]] for u in units if u[2] == "para" and not u[0].split("-k")[0].rsplit("-", 1)[0] in SPHERE_SLUGS(units)]
        write(os.path.join(out, "content", lang, "_index.md"), front(texts["title"], 0) + "\n\n".join(home) + "\n")
        weight = 0
        page = None
        for uid, _, kind in units:
            if kind == "heading":
                if page:
                    flush(out, lang, page)
                weight += 1
                page = [uid, front(texts[uid], weight)]
            elif kind == "para" and page and is_in_sphere(uid, page[0]):
                page.append(texts[uid])
        if page:
            flush(out, lang, page)


_SLUGS = None


def SPHERE_SLUGS(units):
    global _SLUGS
    if _SLUGS is None:
        _SLUGS = {u[0].split("-k")[0] for u in units if u[2] == "heading"}
    return _SLUGS


def is_in_sphere(para_id, slug):
    base, _, k = slug.partition("-k")
    pbase, _, pk = para_id.partition("-k")
    return pbase.rsplit("-", 1)[0] == base and pk == k


def flush(out, lang, page):
    write(os.path.join(out, "content", lang, page[0] + ".md"), page[1] + "\n" + "\n\n".join(page[2:]) + "\n")


if __name__ == "__main__":
    main()
