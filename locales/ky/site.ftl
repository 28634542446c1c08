# Interface strings of the Kyrgyz edition.

## The language itself
language-name = Кыргызча
language-direction = ltr

## Navigation
skip-to-content = Текстке өтүү
languages-label = Тил
contents = Мазмуну
home = Башкы бет
full-text = Толук текст
parallel-text = Параллелдүү текст
parallel-with = Башка тил менен салыштыруу
previous = Мурунку бөлүм
next = Кийинки бөлүм
download = Толук текстти бир файл катары жүктөп алуу
choose-language = Тилди тандаңыз

## Notices on translated pages
original-label = түп нуска
unofficial-notice = Расмий эмес котормо. Орус тилиндеги текст аутенттүү болуп саналат.
read-original = Түп нусканы окуу
fallback-notice = Бул абзац азырынча которула элек; орус тилиндеги түп нускасы берилди.
stale-notice = Бул абзацтын орус тилиндеги тексти которулгандан кийин өзгөртүлгөн.
stale-link = Түп нусканын учурдагы тексти

## Paragraphs
paragraph-label = { $number }-абзац
permalink-label = { $number }-абзацка шилтеме

## Translation progress and the coverage page
translation-progress = { $percent } % которулган
paragraph-count =
    { $count ->
        [one] { $count } абзац
       *[other] { $count } абзац
    }
count-translated =
    { $count ->
        [one] { $count } абзац которулган
       *[other] { $count } абзац которулган
    }
count-stale =
    { $count ->
        [one] { $count } абзац эскирген
       *[other] { $count } абзац эскирген
    }
count-missing =
    { $count ->
        [one] { $count } абзац которулган эмес
       *[other] { $count } абзац которулган эмес
    }
coverage-title = Котормолордун абалы
coverage-intro = Ар бир тил жана бөлүм боюнча: канча абзац которулганы, түп нуска өзгөргөндөн кийин канчасы эскиргени жана канчасы али которула элек экени.
coverage-language = Тил
coverage-section = Бөлүм
coverage-opening = Киришүү жана корутунду

## The 404 page
not-found-title = Барак табылган жок
not-found-text = Бул басылмада мындай барак жок.
not-found-home = Тил тандоого өтүү

## Footer
footer-edition = Көп тилдүү басылма. Орус тилиндеги тексттин бардык котормолору расмий эмес.

## Header and notices (issues 13, 19)
authentic-notice = Аутенттүү текст.
translation-reviewed = Расмий эмес котормо, текшерилген.
translation-not-reviewed = Расмий эмес котормо, азырынча текшериле элек.
review-progress = Текшерилген абзацтар: { $reviewed } (бардыгы { $total })
original-authentic = Орус тилиндеги текст аутенттүү болуп саналат.
edition-version = Басылманын версиясы { $version }

## Provenance (issue 19)
provenance-label = Документ жөнүндө
provenance-type = Документтин түрү
provenance-from = Ким кабыл алган
provenance-adopted = Кабыл алынган күнү жана жери
provenance-authentic = Аутенттүү текст
provenance-published = Расмий жарыяланышы
provenance-edition = Бул басылма
numbering-note = 1–{ $count } абзацтардын номерлерин шилтеме берүүгө ыңгайлуу болушу үчүн бул басылма койгон; түп нускада абзацтар номерленген эмес.

## Navigation regions and structure (issue 19)
site-nav-label = Басылманын барактары
pager-label = Мурунку жана кийинки бөлүм
section-position = { $total } бөлүмдүн { $number }-бөлүмү
back-to-contents = Мазмунга кайтуу
parallel-pair-label = Параллелдүү тексттин тилдери
parallel-swap = Мамычалардын ордун алмаштыруу

## The status page (issues 13, 19)
coverage-whole = Бүт текст
coverage-review = Текшерүү
coverage-interface = Интерфейс
coverage-orphans = Абзацы жок жазуулар
coverage-of = { $done } / { $total }
coverage-legend = Ар бир уячада бөлүмдүн бардык абзацтарынын ичинен канчасы түп нусканын учурдагы текстинен которулганы, ал эми анын астында канчасы текшерилгени көрсөтүлгөн. Эскирген же которулбаган абзацтары бар уячалар белгиленген.
coverage-work-list = Иш тизмеси
coverage-todo-title = Аткарыла турган иш: { $language }
coverage-todo-missing = Которулган эмес
coverage-todo-stale = Эскирген: котормодон кийин түп нуска өзгөргөн
coverage-todo-unreviewed = Которулган, азырынча текшериле элек
coverage-todo-messages = Которулбаган интерфейс билдирүүлөрү
coverage-todo-orphans = Абзацы түп нускада мындан ары жок жазуулар
coverage-nothing = Жок.

## The document's metadata in this language (the front matter of sources/statement.md
## gives the original's; these translate it, wording as in this translation's own text)
document-type = Билдирүү
document-issuer = Казакстан Республикасынын, Кыргыз Республикасынын, Россия Федерациясынын, Тажикстан Республикасынын, Түркмөнстандын, Өзбекстан Республикасынын Тышкы иштер министрлери

## The e-book, EPUB (issue 16)
download-epub = Электрондук китеп катары жүктөп алуу (EPUB)
epub-title-page = Титулдук барак
epub-preamble = Киришүү
epub-closing = Корутунду
epub-accessibility-summary = Текст гана: сүрөттөр, аудио жана видео жок. Документ киришүүгө, аталыштары бар бөлүмдөргө жана корутундуга бөлүнгөн; ар бир абзацтын номери бар, мазмунунда бардык бөлүмдөр көрсөтүлгөн.

## Search (issue 16): the dialog opened by the search button, "/" or Ctrl+K.
## search-count and search-paragraph are filled in by the script: keep
## { $count } and { $number } as they are.
search-button = Издөө
search-title = Билдирүүнүн текстинен издөө
search-label = Изделүүчү сөздөр
search-help = Төмөн жебе натыйжаларга өтөт, Enter ачат, Esc жабат.
search-all-languages = Бардык тилдерден издөө
search-close = Жабуу
search-count = Табылганы: { $count }
search-none = Эч нерсе табылган жок.
search-loading = Издөө индекси жүктөлүүдө…
search-paragraph = { $number }-абзац
search-same = Ушул эле абзац:
search-opening = Киришүү жана корутунду

## Citing a paragraph (issue 16): the menu of a paragraph's number.
cite-copy-link = Шилтемени көчүрүү
cite-copy-citation = Цитата шилтемесин көчүрүү
cite-copied = Көчүрүлдү
cite-manual = Белгиленген текстти көчүрүңүз (Ctrl+C)
cite-unofficial = расмий эмес котормо
# The citation of one paragraph. $title: the document's title; $date: its
# date of adoption, or "none"; $number: the paragraph's number; $notice:
# cite-unofficial on a translation, or "none" on the original; $edition:
# this edition's date, or "none"; $url: the paragraph's permalink, or
# "none" when the site has no base URL.
cite-paragraph = { $title }{ $date ->
        [none] {""}
       *[other] {" "}({ $date })
    }, { $number }-пункт{ $notice ->
        [none] {""}
       *[other] {" "}({ $notice })
    }{ $edition ->
        [none] {""}
       *[other] . Электрондук басылыш, { $edition }
    }{ $url ->
        [none] .
       *[other] . { $url }
    }
