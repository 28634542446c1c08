#!/usr/bin/env python3
"""Write a minimal Zola site equivalent to a Tolmach project, for benchmarks.

Usage: scripts/zola_site.py CORPUS OUT

CORPUS is a project written by `cargo xtask gen-corpus` (its statement.yaml
files have one `source:` and one `text:` line per unit, double-quoted). OUT
gets a Zola site with the same content split in the same parts as Tolmach's
equivalent site (`--no-parallel`): per language a home page (title,
preamble, contents, closing) and one page per sphere with previous/next,
every language fully translated, a language switcher and hreflang links on
every page, and the sitemap Zola writes by default; no feeds, taxonomies or
search index. Like hugo_site.py, it reuses that script's readers.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hugo_site import LANGS_RE, read_source, read_translation, write  # noqa: E402

BASE = """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<title>{% block title %}{{ config.title }}{% endblock title %}</title>
{% block alternates %}{% endblock alternates %}
</head>
<body>
<nav class="languages"><ul>{% block switcher %}{% endblock switcher %}</ul></nav>
<main>{% block main %}{% endblock main %}</main>
</body>
</html>
"""

SWITCH = """{% for t in {item}.translations %}<li><a href="{{ t.permalink }}" hreflang="{{ t.lang }}"{% if t.lang == lang %} aria-current="page"{% endif %}>{{ t.lang }}</a></li>
{% endfor %}"""

ALTERNATES = """{% for t in {item}.translations %}<link rel="alternate" hreflang="{{ t.lang }}" href="{{ t.permalink }}">
{% endfor %}"""

INDEX = """{% extends "base.html" %}
{% block title %}{{ section.title }}{% endblock title %}
{% block alternates %}""" + ALTERNATES.replace("{item}", "section") + """{% endblock alternates %}
{% block switcher %}""" + SWITCH.replace("{item}", "section") + """{% endblock switcher %}
{% block main %}<h1>{{ section.title }}</h1>
{{ section.content | safe }}
<nav><ol>{% for p in section.pages %}<li><a href="{{ p.permalink }}">{{ p.title }}</a></li>{% endfor %}</ol></nav>
{% endblock main %}
"""

PAGE = """{% extends "base.html" %}
{% block title %}{{ page.title }}{% endblock title %}
{% block alternates %}""" + ALTERNATES.replace("{item}", "page") + """{% endblock alternates %}
{% block switcher %}""" + SWITCH.replace("{item}", "page") + """{% endblock switcher %}
{% block main %}<h2>{{ page.title }}</h2>
{{ page.content | safe }}
{% if page.lower %}<a rel="prev" href="{{ page.lower.permalink }}">{{ page.lower.title }}</a>{% endif %}
{% if page.higher %}<a rel="next" href="{{ page.higher.permalink }}">{{ page.higher.title }}</a>{% endif %}
{% endblock main %}
"""


def toml_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def front(title, weight=None, sort=False):
    lines = ["+++", "title = " + toml_string(title)]
    if weight is not None:
        lines.append("weight = %d" % weight)
    if sort:
        lines.append('sort_by = "weight"')
    lines.append("+++")
    return "\n".join(lines) + "\n"


def main():
    corpus, out = sys.argv[1], sys.argv[2]
    settings = open(os.path.join(corpus, "tolmach.yaml"), encoding="utf-8").read()
    langs = [l.strip() for l in LANGS_RE.search(settings).group(1).split(",")]
    units = read_source(os.path.join(corpus, "sources/statement.md"))
    config = [
        'base_url = "https://example.org/statement/"',
        'title = "Statement"',
        'default_language = "%s"' % langs[0],
        "compile_sass = false",
        "build_search_index = false",
        "generate_feeds = false",
        "",
    ]
    for lang in langs[1:]:
        config += ["[languages.%s]" % lang, "generate_feeds = false", "build_search_index = false", ""]
    write(os.path.join(out, "config.toml"), "\n".join(config))
    write(os.path.join(out, "templates/base.html"), BASE)
    write(os.path.join(out, "templates/index.html"), INDEX)
    write(os.path.join(out, "templates/section.html"), INDEX)
    write(os.path.join(out, "templates/page.html"), PAGE)
    headings = [u for u in units if u[2] == "heading"]
    for lang in langs:
        suffix = "" if lang == langs[0] else "." + lang
        texts = {u[0]: u[1] for u in units}
        if lang != langs[0]:
            texts.update(read_translation(os.path.join(corpus, "locales", lang, "statement.yaml")))
        in_sphere, current = {}, None
        for uid, _, kind in units:
            if kind == "heading":
                current = uid
            elif kind == "para" and current and not uid.startswith("closing"):
                in_sphere[uid] = current
            if uid.startswith("closing"):
                current = None
        home = [texts[u[0]] for u in units if u[2] == "para" and u[0] not in in_sphere]
        write(
            os.path.join(out, "content", "_index%s.md" % suffix),
            front(texts["title"], sort=True) + "\n" + "\n\n".join(home) + "\n",
        )
        for weight, (slug, _, _) in enumerate(headings, 1):
            body = [texts[u] for u, s in in_sphere.items() if s == slug]
            write(
                os.path.join(out, "content", "%s%s.md" % (slug, suffix)),
                front(texts[slug], weight) + "\n" + "\n\n".join(body) + "\n",
            )


if __name__ == "__main__":
    main()
