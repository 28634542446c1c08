# Interface strings of the Tajik edition.

## The language itself
language-name = Тоҷикӣ
language-direction = ltr

## Navigation
skip-to-content = Гузариш ба матн
languages-label = Забон
contents = Мундариҷа
home = Саҳифаи асосӣ
full-text = Матни пурра
parallel-text = Матни мувозӣ
parallel-with = Муқоиса бо забони дигар
previous = Фасли қаблӣ
next = Фасли навбатӣ
download = Боргирии матни пурра дар як файл
choose-language = Забонро интихоб кунед

## Notices on translated pages
original-label = асл
unofficial-notice = Тарҷумаи ғайрирасмӣ. Матни мӯътабар матни русӣ мебошад.
read-original = Хондани матни асл
fallback-notice = Ин сархат ҳанӯз тарҷума нашудааст; матни аслии русӣ оварда шудааст.
stale-notice = Матни русии ин сархат пас аз тарҷума тағйир ёфтааст.
stale-link = Матни ҷории асл

## Paragraphs
paragraph-label = Сархати { $number }
permalink-label = Истинод ба сархати { $number }

## Translation progress and the coverage page
translation-progress = { $percent } % тарҷума шудааст
paragraph-count = { $count } сархат
count-translated = { $count } сархат тарҷума шудааст
count-stale = { $count } сархат кӯҳна шудааст
count-missing = { $count } сархат тарҷума нашудааст
coverage-title = Вазъи тарҷумаҳо
coverage-intro = Барои ҳар як забон ва фасл: чанд сархат тарҷума шудааст, чандтояш пас аз тағйир ёфтани матни асл кӯҳна шудааст ва чандтояш ҳанӯз тарҷума нашудааст.
coverage-language = Забон
coverage-section = Фасл
coverage-opening = Муқаддима ва хотима

## The 404 page
not-found-title = Саҳифа ёфт нашуд
not-found-text = Дар ин нашр чунин саҳифа вуҷуд надорад.
not-found-home = Гузариш ба интихоби забон

## Footer
footer-edition = Нашри бисёрзабона. Ҳамаи тарҷумаҳои матни русӣ ғайрирасмӣ мебошанд.

## Header and notices (issues 13, 19)
authentic-notice = Матни мӯътабар.
translation-reviewed = Тарҷумаи ғайрирасмӣ, санҷида шудааст.
translation-not-reviewed = Тарҷумаи ғайрирасмӣ, ҳанӯз санҷида нашудааст.
review-progress = Сархатҳои санҷидашуда: { $reviewed } аз { $total }
original-authentic = Матни мӯътабар матни русӣ мебошад.
edition-version = Версияи нашр { $version }

## Provenance (issue 19)
provenance-label = Дар бораи ҳуҷҷат
provenance-type = Намуди ҳуҷҷат
provenance-from = Қабулкунандагон
provenance-adopted = Сана ва ҷойи қабул
provenance-authentic = Матни мӯътабар
provenance-published = Нашри расмӣ
provenance-edition = Ин нашр
numbering-note = Рақамҳои сархатҳо (1–{ $count }) барои қулайии истинод аз ҷониби ҳамин нашр гузошта шудаанд; дар матни асл сархатҳо рақамгузорӣ нашудаанд.

## Navigation regions and structure (issue 19)
site-nav-label = Саҳифаҳои нашр
pager-label = Фасли қаблӣ ва навбатӣ
section-position = Фасли { $number } аз { $total }
back-to-contents = Бозгашт ба мундариҷа
parallel-pair-label = Забонҳои матни мувозӣ
parallel-swap = Ҷойи сутунҳоро иваз кардан

## The status page (issues 13, 19)
coverage-whole = Тамоми матн
coverage-review = Санҷиш
coverage-interface = Интерфейс
coverage-orphans = Сабтҳои бе сархат
coverage-of = { $done } аз { $total }
coverage-legend = Дар ҳар катак нишон дода шудааст, ки аз шумораи умумии сархатҳои фасл чандтояш аз матни ҷории асл тарҷума шудааст, ва дар зери он — чандтояш санҷида шудааст. Катакҳое, ки сархатҳои кӯҳнашуда ё тарҷуманашуда доранд, ишора шудаанд.
coverage-work-list = Рӯйхати корҳо
coverage-todo-title = Корҳои боқимонда: { $language }
coverage-todo-missing = Тарҷума нашудааст
coverage-todo-stale = Кӯҳна шудааст: матни асл пас аз тарҷума тағйир ёфтааст
coverage-todo-unreviewed = Тарҷума шудааст, ҳанӯз санҷида нашудааст
coverage-todo-messages = Паёмҳои тарҷуманашудаи интерфейс
coverage-todo-orphans = Сабтҳое, ки сархаташон дигар дар матни асл нест
coverage-nothing = Нест.

## The document's metadata in this language (the front matter of sources/statement.md
## gives the original's; these translate it, wording as in this translation's own text)
document-type = Изҳорот
document-issuer = Вазирони корҳои хориҷии Ҷумҳурии Қазоқистон, Ҷумҳурии Қирғизистон, Федератсияи Россия, Ҷумҳурии Тоҷикистон, Туркманистон, Ҷумҳурии Ӯзбекистон

## The e-book, EPUB (issue 16)
download-epub = Боргирии китоби электронӣ (EPUB)
epub-title-page = Саҳифаи унвон
epub-preamble = Муқаддима
epub-closing = Хотима
epub-accessibility-summary = Танҳо матн: тасвир, аудио ва видео нест. Ҳуҷҷат ба муқаддима, фаслҳои сарлавҳадор ва хотима тақсим шудааст; ҳар як сархат рақам дорад ва мундариҷа ҳамаи фаслҳоро дар бар мегирад.

## Search (issue 16): the dialog opened by the search button, "/" or Ctrl+K.
## search-count and search-paragraph are filled in by the script: keep
## { $count } and { $number } as they are.
search-button = Ҷустуҷӯ
search-title = Ҷустуҷӯ дар матни изҳорот
search-label = Калимаҳо барои ҷустуҷӯ
search-help = Тирчаи поён ба натиҷаҳо мегузарад, Enter мекушояд, Esc мепӯшад.
search-all-languages = Ҷустуҷӯ дар ҳамаи забонҳо
search-close = Пӯшидан
search-count = Ёфт шуд: { $count }
search-none = Ҳеҷ чиз ёфт нашуд.
search-loading = Феҳристи ҷустуҷӯ бор мешавад…
search-paragraph = Сархати { $number }
search-same = Ҳамин сархат:
search-opening = Муқаддима ва хотима

## Citing a paragraph (issue 16): the menu of a paragraph's number.
cite-copy-link = Нусхабардории истинод
cite-copy-citation = Нусхабардории иқтибос
cite-copied = Нусха бардошта шуд
cite-manual = Матни интихобшударо нусха бардоред (Ctrl+C)
cite-unofficial = тарҷумаи ғайрирасмӣ
# The citation of one paragraph. $title: the document's title; $date: its
# date of adoption, or "none"; $number: the paragraph's number; $notice:
# cite-unofficial on a translation, or "none" on the original; $edition:
# this edition's date, or "none"; $url: the paragraph's permalink, or
# "none" when the site has no base URL.
cite-paragraph = { $title }{ $date ->
        [none] {""}
       *[other] {" "}аз { $date }
    }, банди { $number }{ $notice ->
        [none] {""}
       *[other] {" "}({ $notice })
    }{ $edition ->
        [none] {""}
       *[other] . Нашри электронӣ, { $edition }
    }{ $url ->
        [none] .
       *[other] . { $url }
    }
