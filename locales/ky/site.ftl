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
