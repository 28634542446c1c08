# Interface strings of the English edition.

## The language itself
language-name = English
language-direction = ltr
# The Open Graph locale: the edition's English is British.
og-locale = en_GB

## Navigation
skip-to-content = Skip to the text
languages-label = Language
contents = Contents
home = Home
full-text = Full text
parallel-text = Parallel text
parallel-with = Compare with another language
previous = Previous section
next = Next section
download = Download the full text as one file
choose-language = Choose a language

## Notices on translated pages
original-label = original
unofficial-notice = Unofficial translation. The Russian text is the authentic one.
read-original = Read the original
fallback-notice = This paragraph has not been translated yet; the Russian original is shown.
stale-notice = The Russian text of this paragraph has changed since it was translated.
stale-link = Current text of the original

## Paragraphs
paragraph-label = Paragraph { $number }
permalink-label = Link to paragraph { $number }

## Translation progress and the coverage page
translation-progress = { $percent }% translated
paragraph-count =
    { $count ->
        [one] { $count } paragraph
       *[other] { $count } paragraphs
    }
count-translated =
    { $count ->
        [one] { $count } paragraph translated
       *[other] { $count } paragraphs translated
    }
count-stale =
    { $count ->
        [one] { $count } paragraph out of date
       *[other] { $count } paragraphs out of date
    }
count-missing =
    { $count ->
        [one] { $count } paragraph not translated
       *[other] { $count } paragraphs not translated
    }
coverage-title = Translation status
coverage-intro = For each language and section: how many paragraphs are translated, how many are out of date because the original changed, and how many are not yet translated.
coverage-language = Language
coverage-section = Section
coverage-opening = Opening and closing

## The 404 page
not-found-title = Page not found
not-found-text = This edition has no such page.
not-found-home = Choose a language

## Footer
footer-edition = A multilingual edition. All translations of the Russian text are unofficial.

## Header and notices (issues 13, 19)
authentic-notice = Authentic text.
translation-reviewed = Unofficial translation, reviewed.
translation-not-reviewed = Unofficial translation, not yet reviewed.
review-progress = Paragraphs reviewed: { $reviewed } of { $total }
original-authentic = The Russian text is the authentic one.
edition-version = Edition { $version }

## Provenance (issue 19)
provenance-label = About this document
provenance-type = Document type
provenance-from = Issued by
provenance-adopted = Adopted
provenance-authentic = Authentic text
provenance-published = Officially published in
provenance-edition = This edition
numbering-note = The paragraph numbers 1–{ $count } were added by this edition for citation; the original text is not numbered.

## Navigation regions and structure (issue 19)
site-nav-label = Pages of this edition
pager-label = Previous and next section
section-position = Section { $number } of { $total }
back-to-contents = Back to contents
parallel-pair-label = Languages side by side
parallel-swap = Swap columns

## The status page (issues 13, 19)
coverage-whole = Whole text
coverage-review = Review
coverage-interface = Interface
coverage-orphans = Orphaned entries
coverage-of = { $done } of { $total }
coverage-legend = Each cell shows how many paragraphs of the section are translated from the current original, of all its paragraphs, and below that how many are reviewed. Cells with out-of-date or untranslated paragraphs are marked.
coverage-work-list = Work list
coverage-todo-title = Open work: { $language }
coverage-todo-missing = Not translated
coverage-todo-stale = Out of date: the original changed since the translation
coverage-todo-unreviewed = Translated, not yet reviewed
coverage-todo-messages = Interface messages not yet translated
coverage-todo-orphans = Entries whose paragraph is no longer in the original
coverage-nothing = None.

## The document's metadata in this language (the front matter of sources/statement.md
## gives the original's; these translate it, wording as in this translation's own text)
document-type = Statement
document-issuer = The Foreign Ministers of the Republic of Kazakhstan, the Kyrgyz Republic, the Russian Federation, the Republic of Tajikistan, Turkmenistan and the Republic of Uzbekistan

## The e-book, EPUB (issue 16)
download-epub = Download as an e-book (EPUB)
epub-title-page = Title page
epub-preamble = Opening
epub-closing = Closing
epub-accessibility-summary = Text only, with no images, audio or video. The document is divided into the opening, sections with headings and the closing; every paragraph carries its number, and the table of contents lists every section.

## Search (issue 16): the dialog opened by the search button, "/" or Ctrl+K.
## search-count and search-paragraph are filled in by the script: keep
## { $count } and { $number } as they are.
search-button = Search
search-title = Search the statement
search-label = Words to find
search-help = Down arrow moves to the results, Enter opens one, Esc closes.
search-all-languages = Search all languages
search-close = Close
search-count = Results: { $count }
search-none = Nothing found.
search-loading = Loading the search index…
search-paragraph = Paragraph { $number }
search-same = The same paragraph in
search-opening = Opening and closing

## Citing a paragraph (issue 16): the menu of a paragraph's number.
cite-copy-link = Copy link
cite-copy-citation = Copy citation
cite-copied = Copied
cite-manual = Copy the selected text (Ctrl+C)
cite-unofficial = unofficial translation
# The citation of one paragraph. $title: the document's title; $date: its
# date of adoption, or "none"; $number: the paragraph's number; $notice:
# cite-unofficial on a translation, or "none" on the original; $edition:
# this edition's date, or "none"; $url: the paragraph's permalink, or
# "none" when the site has no base URL.
cite-paragraph = { $title }{ $date ->
        [none] {""}
       *[other] {" "}of { $date }
    }, para. { $number }{ $notice ->
        [none] {""}
       *[other] {" "}({ $notice })
    }{ $edition ->
        [none] {""}
       *[other] . Edition of { $edition }
    }{ $url ->
        [none] .
       *[other] . { $url }
    }
