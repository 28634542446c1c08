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
