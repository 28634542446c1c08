# Interface strings of the Kazakh edition.

## The language itself
language-name = Қазақша
language-direction = ltr

## Navigation
skip-to-content = Мәтінге өту
languages-label = Тіл
contents = Мазмұны
home = Басты бет
full-text = Толық мәтін
parallel-text = Параллель мәтін
parallel-with = Басқа тілмен салыстыру
previous = Алдыңғы бөлім
next = Келесі бөлім
download = Толық мәтінді бір файл етіп жүктеп алу
choose-language = Тілді таңдаңыз

## Notices on translated pages
original-label = түпнұсқа
unofficial-notice = Ресми емес аударма. Орыс тіліндегі мәтін түпнұсқалық мәтін болып табылады.
read-original = Түпнұсқаны оқу
fallback-notice = Бұл абзац әлі аударылмаған; орыс тіліндегі түпнұсқасы берілген.
stale-notice = Бұл абзацтың орыс тіліндегі мәтіні аударылғаннан кейін өзгертілген.
stale-link = Түпнұсқаның қазіргі мәтіні

## Paragraphs
paragraph-label = { $number }-абзац
permalink-label = { $number }-абзацқа сілтеме

## Translation progress and the coverage page
translation-progress = { $percent } % аударылған
paragraph-count =
    { $count ->
        [one] { $count } абзац
       *[other] { $count } абзац
    }
count-translated =
    { $count ->
        [one] { $count } абзац аударылған
       *[other] { $count } абзац аударылған
    }
count-stale =
    { $count ->
        [one] { $count } абзац ескірген
       *[other] { $count } абзац ескірген
    }
count-missing =
    { $count ->
        [one] { $count } абзац аударылмаған
       *[other] { $count } абзац аударылмаған
    }
coverage-title = Аудармалардың жай-күйі
coverage-intro = Әрбір тіл мен бөлім бойынша: қанша абзац аударылғаны, түпнұсқа өзгергеннен кейін қаншасы ескіргені және қаншасы әлі аударылмағаны.
coverage-language = Тіл
coverage-section = Бөлім
coverage-opening = Кіріспе және қорытынды

## The 404 page
not-found-title = Бет табылмады
not-found-text = Бұл басылымда мұндай бет жоқ.
not-found-home = Тіл таңдауға өту

## Footer
footer-edition = Көптілді басылым. Орыс тіліндегі мәтіннің барлық аудармалары ресми емес.

## Header and notices (issues 13, 19)
authentic-notice = Түпнұсқалық мәтін.
translation-reviewed = Ресми емес аударма, тексерілген.
translation-not-reviewed = Ресми емес аударма, әлі тексерілмеген.
review-progress = Тексерілген абзацтар: { $reviewed } (барлығы { $total })
original-authentic = Орыс тіліндегі мәтін түпнұсқалық мәтін болып табылады.
edition-version = Басылым нұсқасы { $version }

## Provenance (issue 19)
provenance-label = Құжат туралы
provenance-type = Құжаттың түрі
provenance-from = Кім қабылдады
provenance-adopted = Қабылданған күні мен орны
provenance-authentic = Түпнұсқалық мәтін
provenance-published = Ресми жарияланымы
provenance-edition = Осы басылым
numbering-note = 1–{ $count } абзац нөмірлерін сілтеме жасауға ыңғайлы болу үшін осы басылым қойған; түпнұсқа мәтінде абзацтар нөмірленбеген.

## Navigation regions and structure (issue 19)
site-nav-label = Басылым беттері
pager-label = Алдыңғы және келесі бөлім
section-position = { $total } бөлімнің { $number }-бөлімі
back-to-contents = Мазмұнға оралу
parallel-pair-label = Параллель мәтін тілдері
parallel-swap = Бағандарды ауыстыру

## The status page (issues 13, 19)
coverage-whole = Бүкіл мәтін
coverage-review = Тексеру
coverage-interface = Интерфейс
coverage-orphans = Абзацсыз жазбалар
coverage-of = { $done } / { $total }
coverage-legend = Әр ұяшықта бөлімнің барлық абзацының ішінен қаншасы түпнұсқаның қазіргі мәтінінен аударылғаны, ал оның астында қаншасы тексерілгені көрсетілген. Ескірген немесе аударылмаған абзацтары бар ұяшықтар белгіленген.
coverage-work-list = Жұмыс тізімі
coverage-todo-title = Атқарылатын жұмыс: { $language }
coverage-todo-missing = Аударылмаған
coverage-todo-stale = Ескірген: аудармадан кейін түпнұсқа өзгерген
coverage-todo-unreviewed = Аударылған, әлі тексерілмеген
coverage-todo-messages = Аударылмаған интерфейс хабарлары
coverage-todo-orphans = Абзацы түпнұсқада енді жоқ жазбалар
coverage-nothing = Жоқ.

## The document's metadata in this language (the front matter of sources/statement.md
## gives the original's; these translate it, wording as in this translation's own text)
document-type = Мәлімдеме
document-issuer = Қазақстан Республикасының, Қырғыз Республикасының, Ресей Федерациясының, Тәжікстан Республикасының, Түрікменстанның, Өзбекстан Республикасының Сыртқы істер министрлері

## The e-book, EPUB (issue 16)
download-epub = Электрондық кітап ретінде жүктеп алу (EPUB)
epub-title-page = Титул парағы
epub-preamble = Кіріспе
epub-closing = Қорытынды
epub-accessibility-summary = Тек мәтін: суреттер, аудио және бейне жоқ. Құжат кіріспеге, тақырыптары бар бөлімдерге және қорытындыға бөлінген; әр абзацтың нөмірі бар, мазмұнында барлық бөлімдер көрсетілген.

## Search (issue 16): the dialog opened by the search button, "/" or Ctrl+K.
## search-count and search-paragraph are filled in by the script: keep
## { $count } and { $number } as they are.
search-button = Іздеу
search-title = Мәлімдеме мәтінінен іздеу
search-label = Ізделетін сөздер
search-help = Төмен көрсеткі нәтижелерге өтеді, Enter ашады, Esc жабады.
search-all-languages = Барлық тілдерден іздеу
search-close = Жабу
search-count = Табылғаны: { $count }
search-none = Ештеңе табылмады.
search-loading = Іздеу индексі жүктелуде…
search-paragraph = { $number }-абзац
search-same = Осы абзац:
search-opening = Кіріспе және қорытынды

## Citing a paragraph (issue 16): the menu of a paragraph's number.
cite-copy-link = Сілтемені көшіру
cite-copy-citation = Дәйексөз сілтемесін көшіру
cite-copied = Көшірілді
cite-manual = Белгіленген мәтінді көшіріңіз (Ctrl+C)
cite-unofficial = ресми емес аударма
# The citation of one paragraph. $title: the document's title; $date: its
# date of adoption, or "none"; $number: the paragraph's number; $notice:
# cite-unofficial on a translation, or "none" on the original; $edition:
# this edition's date, or "none"; $url: the paragraph's permalink, or
# "none" when the site has no base URL.
cite-paragraph = { $title }{ $date ->
        [none] {""}
       *[other] {" "}({ $date })
    }, { $number }-тармақ{ $notice ->
        [none] {""}
       *[other] {" "}({ $notice })
    }{ $edition ->
        [none] {""}
       *[other] . Электрондық басылым, { $edition }
    }{ $url ->
        [none] .
       *[other] . { $url }
    }
