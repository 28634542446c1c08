# Interface strings of the Turkmen edition.

## The language itself
language-name = Türkmençe
language-direction = ltr

## Navigation
skip-to-content = Tekste geçmek
languages-label = Dil
contents = Mazmuny
home = Baş sahypa
full-text = Doly tekst
parallel-text = Parallel tekst
parallel-with = Başga dil bilen deňeşdirmek
previous = Öňki bölüm
next = Indiki bölüm
download = Doly teksti bir faýl görnüşinde ýükläp almak
choose-language = Dili saýlaň

## Notices on translated pages
original-label = asyl nusga
unofficial-notice = Resmi däl terjime. Awtentik tekst rus dilindäki tekstdir.
read-original = Asyl nusgany okamak
fallback-notice = Bu abzas entek terjime edilmedi; rus dilindäki asyl nusgasy görkezilýär.
stale-notice = Bu abzasyň rus dilindäki teksti terjime edilenden soň üýtgedildi.
stale-link = Asyl nusganyň häzirki teksti

## Paragraphs
paragraph-label = Abzas { $number }
permalink-label = Abzas { $number } üçin salgy

## Translation progress and the coverage page
translation-progress = { $percent } % terjime edildi
paragraph-count =
    { $count ->
        [one] { $count } abzas
       *[other] { $count } abzas
    }
count-translated =
    { $count ->
        [one] { $count } abzas terjime edildi
       *[other] { $count } abzas terjime edildi
    }
count-stale =
    { $count ->
        [one] { $count } abzas köneldi
       *[other] { $count } abzas köneldi
    }
count-missing =
    { $count ->
        [one] { $count } abzas terjime edilmedi
       *[other] { $count } abzas terjime edilmedi
    }
coverage-title = Terjimeleriň ýagdaýy
coverage-intro = Her dil we bölüm boýunça: näçe abzasyň terjime edilendigi, asyl nusga üýtgänden soň näçesiniň könelendigi we näçesiniň entek terjime edilmändigi.
coverage-language = Dil
coverage-section = Bölüm
coverage-opening = Giriş we jemleýji bölüm

## The 404 page
not-found-title = Sahypa tapylmady
not-found-text = Bu neşirde beýle sahypa ýok.
not-found-home = Dil saýlamaga geçmek

## Footer
footer-edition = Köp dilli neşir. Rus dilindäki tekstiň ähli terjimeleri resmi däldir.

## Header and notices (issues 13, 19)
authentic-notice = Awtentik tekst.
translation-reviewed = Resmi däl terjime, barlanyldy.
translation-not-reviewed = Resmi däl terjime, entek barlanmady.
review-progress = Barlanan abzaslar: { $reviewed } (jemi { $total })
original-authentic = Awtentik tekst rus dilindäki tekstdir.
edition-version = Neşiriň wersiýasy { $version }

## Provenance (issue 19)
provenance-label = Resminama barada
provenance-type = Resminamanyň görnüşi
provenance-from = Kabul edenler
provenance-adopted = Kabul edilen senesi we ýeri
provenance-authentic = Awtentik tekst
provenance-published = Resmi neşir
provenance-edition = Şu neşir
numbering-note = 1–{ $count } abzas belgilerini salgylanmagy aňsatlaşdyrmak üçin şu neşir goýdy; asyl nusgada abzaslar belgilenmedik.

## Navigation regions and structure (issue 19)
site-nav-label = Neşiriň sahypalary
pager-label = Öňki we indiki bölüm
section-position = Bölüm { $number } (jemi { $total })
back-to-contents = Mazmuna dolanmak
parallel-pair-label = Parallel tekstiň dilleri
parallel-swap = Sütünleriň ornuny çalyşmak

## The status page (issues 13, 19)
coverage-whole = Ähli tekst
coverage-review = Barlag
coverage-interface = Interfeýs
coverage-orphans = Abzassyz ýazgylar
coverage-of = { $done } / { $total }
coverage-legend = Her öýjükde bölümiň ähli abzaslaryndan näçesiniň asyl nusganyň häzirki tekstinden terjime edilendigi, onuň aşagynda bolsa näçesiniň barlanandygy görkezilýär. Könelen ýa-da terjime edilmedik abzaslary bolan öýjükler bellenildi.
coverage-work-list = Işleriň sanawy
coverage-todo-title = Galan işler: { $language }
coverage-todo-missing = Terjime edilmedik
coverage-todo-stale = Könelen: terjimeden soň asyl nusga üýtgedi
coverage-todo-unreviewed = Terjime edildi, entek barlanmady
coverage-todo-messages = Terjime edilmedik interfeýs ýazgylary
coverage-todo-orphans = Abzasy asyl nusgada indi ýok ýazgylar
coverage-nothing = Ýok.

## The document's metadata in this language (the front matter of sources/statement.md
## gives the original's; these translate it, wording as in this translation's own text)
document-type = Beýannama
document-issuer = Gazagystan Respublikasynyň, Gyrgyz Respublikasynyň, Russiýa Federasiýasynyň, Täjigistan Respublikasynyň, Türkmenistanyň, Özbegistan Respublikasynyň Daşary işler ministrleri

## The e-book, EPUB (issue 16)
download-epub = Elektron kitap görnüşinde ýükläp almak (EPUB)
epub-title-page = Titul sahypasy
epub-preamble = Giriş
epub-closing = Jemleýji bölüm
epub-accessibility-summary = Diňe tekst: surat, audio we wideo ýok. Resminama girişe, sözbaşly bölümlere we jemleýji bölüme bölünýär; her abzasyň belgisi bar, mazmunynda ähli bölümler görkezilýär.

## Search (issue 16): the dialog opened by the search button, "/" or Ctrl+K.
## search-count and search-paragraph are filled in by the script: keep
## { $count } and { $number } as they are.
search-button = Gözleg
search-title = Beýannamanyň tekstinden gözleg
search-label = Gözlenýän sözler
search-help = Aşak ok netijelere geçýär, Enter açýar, Esc ýapýar.
search-all-languages = Ähli dillerde gözlemek
search-close = Ýapmak
search-count = Tapyldy: { $count }
search-none = Hiç zat tapylmady.
search-loading = Gözleg görkezijisi ýüklenýär…
search-paragraph = Abzas { $number }
search-same = Şol abzas:
search-opening = Giriş we jemleýji bölüm

## Citing a paragraph (issue 16): the menu of a paragraph's number.
cite-copy-link = Salgyny göçürmek
cite-copy-citation = Sitatany göçürmek
cite-copied = Göçürildi
cite-manual = Saýlanan teksti göçüriň (Ctrl+C)
cite-unofficial = resmi däl terjime
# The citation of one paragraph. $title: the document's title; $date: its
# date of adoption, or "none"; $number: the paragraph's number; $notice:
# cite-unofficial on a translation, or "none" on the original; $edition:
# this edition's date, or "none"; $url: the paragraph's permalink, or
# "none" when the site has no base URL.
cite-paragraph = { $title }{ $date ->
        [none] {""}
       *[other] {" "}({ $date })
    }, bent { $number }{ $notice ->
        [none] {""}
       *[other] {" "}({ $notice })
    }{ $edition ->
        [none] {""}
       *[other] . Elektron neşir, { $edition }
    }{ $url ->
        [none] .
       *[other] . { $url }
    }
