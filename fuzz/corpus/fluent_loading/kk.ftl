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
