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
