# Interface strings of the Uzbek edition.

## The language itself
language-name = Oʻzbekcha
language-direction = ltr

## Navigation
skip-to-content = Matnga oʻtish
languages-label = Til
contents = Mundarija
home = Bosh sahifa
full-text = Toʻliq matn
parallel-text = Parallel matn
parallel-with = Boshqa til bilan solishtirish
previous = Oldingi boʻlim
next = Keyingi boʻlim
download = Toʻliq matnni bitta faylda yuklab olish
choose-language = Tilni tanlang

## Notices on translated pages
original-label = asl nusxa
unofficial-notice = Norasmiy tarjima. Autentik matn rus tilidagi matn hisoblanadi.
read-original = Asl nusxani oʻqish
fallback-notice = Ushbu xatboshi hali tarjima qilinmagan; rus tilidagi asl nusxasi keltirilgan.
stale-notice = Ushbu xatboshining rus tilidagi matni tarjima qilinganidan keyin oʻzgartirilgan.
stale-link = Asl nusxaning joriy matni

## Paragraphs
paragraph-label = { $number }-xatboshi
permalink-label = { $number }-xatboshiga havola

## Translation progress and the coverage page
translation-progress = { $percent } % tarjima qilingan
paragraph-count =
    { $count ->
        [one] { $count } ta xatboshi
       *[other] { $count } ta xatboshi
    }
count-translated =
    { $count ->
        [one] { $count } ta xatboshi tarjima qilingan
       *[other] { $count } ta xatboshi tarjima qilingan
    }
count-stale =
    { $count ->
        [one] { $count } ta xatboshi eskirgan
       *[other] { $count } ta xatboshi eskirgan
    }
count-missing =
    { $count ->
        [one] { $count } ta xatboshi tarjima qilinmagan
       *[other] { $count } ta xatboshi tarjima qilinmagan
    }
coverage-title = Tarjimalar holati
coverage-intro = Har bir til va boʻlim boʻyicha: nechta xatboshi tarjima qilingani, asl nusxa oʻzgargani sababli nechtasi eskirgani va nechtasi hali tarjima qilinmagani.
coverage-language = Til
coverage-section = Boʻlim
coverage-opening = Kirish va yakuniy qism

## The 404 page
not-found-title = Sahifa topilmadi
not-found-text = Ushbu nashrda bunday sahifa mavjud emas.
not-found-home = Til tanlashga oʻtish

## Footer
footer-edition = Koʻp tilli nashr. Rus tilidagi matnning barcha tarjimalari norasmiydir.
