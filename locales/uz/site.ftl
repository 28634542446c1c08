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

## Header and notices (issues 13, 19)
authentic-notice = Autentik matn.
translation-reviewed = Norasmiy tarjima, tekshirilgan.
translation-not-reviewed = Norasmiy tarjima, hali tekshirilmagan.
review-progress = Tekshirilgan xatboshilar: { $reviewed } (jami { $total })
original-authentic = Autentik matn rus tilidagi matn hisoblanadi.
edition-version = Nashr versiyasi { $version }

## Provenance (issue 19)
provenance-label = Hujjat haqida
provenance-type = Hujjat turi
provenance-from = Qabul qilganlar
provenance-adopted = Qabul qilingan sana va joy
provenance-authentic = Autentik matn
provenance-published = Rasmiy nashr
provenance-edition = Ushbu nashr
numbering-note = 1–{ $count } xatboshi raqamlari havola berish qulay boʻlishi uchun ushbu nashr tomonidan qoʻyilgan; asl nusxada xatboshilar raqamlanmagan.

## Navigation regions and structure (issue 19)
site-nav-label = Nashr sahifalari
pager-label = Oldingi va keyingi boʻlim
section-position = { $number }-boʻlim (jami { $total } ta)
back-to-contents = Mundarijaga qaytish
parallel-pair-label = Parallel matn tillari
parallel-swap = Ustunlar oʻrnini almashtirish

## The status page (issues 13, 19)
coverage-whole = Butun matn
coverage-review = Tekshiruv
coverage-interface = Interfeys
coverage-orphans = Xatboshisiz yozuvlar
coverage-of = { $done } / { $total }
coverage-legend = Har bir katakda boʻlimdagi barcha xatboshilardan nechtasi asl nusxaning joriy matnidan tarjima qilingani, uning ostida esa nechtasi tekshirilgani koʻrsatilgan. Eskirgan yoki tarjima qilinmagan xatboshilari bor kataklar belgilangan.
coverage-work-list = Ishlar roʻyxati
coverage-todo-title = Qolgan ishlar: { $language }
coverage-todo-missing = Tarjima qilinmagan
coverage-todo-stale = Eskirgan: tarjimadan keyin asl nusxa oʻzgargan
coverage-todo-unreviewed = Tarjima qilingan, hali tekshirilmagan
coverage-todo-messages = Tarjima qilinmagan interfeys xabarlari
coverage-todo-orphans = Xatboshisi asl nusxada endi yoʻq yozuvlar
coverage-nothing = Yoʻq.

## The document's metadata in this language (the front matter of sources/statement.md
## gives the original's; these translate it, wording as in this translation's own text)
document-type = Bayonot
document-issuer = Qozogʻiston Respublikasi, Qirgʻiz Respublikasi, Rossiya Federatsiyasi, Tojikiston Respublikasi, Turkmaniston, Oʻzbekiston Respublikasi tashqi ishlar vazirlari

## The e-book, EPUB (issue 16)
download-epub = Elektron kitob sifatida yuklab olish (EPUB)
epub-title-page = Titul varagʻi
epub-preamble = Kirish
epub-closing = Yakuniy qism
epub-accessibility-summary = Faqat matn: rasm, audio va video yoʻq. Hujjat kirish, sarlavhali boʻlimlar va yakuniy qismga ajratilgan; har bir xatboshining raqami bor, mundarijada barcha boʻlimlar koʻrsatilgan.

## Search (issue 16): the dialog opened by the search button, "/" or Ctrl+K.
## search-count and search-paragraph are filled in by the script: keep
## { $count } and { $number } as they are.
search-button = Qidiruv
search-title = Bayonot matnidan qidirish
search-label = Qidiriladigan soʻzlar
search-help = Pastga strelka natijalarga oʻtadi, Enter ochadi, Esc yopadi.
search-all-languages = Barcha tillarda qidirish
search-close = Yopish
search-count = Topildi: { $count }
search-none = Hech narsa topilmadi.
search-loading = Qidiruv indeksi yuklanmoqda…
search-paragraph = { $number }-xatboshi
search-same = Shu xatboshi:
search-opening = Kirish va yakuniy qism

## Citing a paragraph (issue 16): the menu of a paragraph's number.
cite-copy-link = Havolani nusxalash
cite-copy-citation = Iqtibos havolasini nusxalash
cite-copied = Nusxalandi
cite-manual = Belgilangan matnni nusxalang (Ctrl+C)
cite-unofficial = norasmiy tarjima
# The citation of one paragraph. $title: the document's title; $date: its
# date of adoption, or "none"; $number: the paragraph's number; $notice:
# cite-unofficial on a translation, or "none" on the original; $edition:
# this edition's date, or "none"; $url: the paragraph's permalink, or
# "none" when the site has no base URL.
cite-paragraph = { $title }{ $date ->
        [none] {""}
       *[other] {" "}({ $date })
    }, { $number }-band{ $notice ->
        [none] {""}
       *[other] {" "}({ $notice })
    }{ $edition ->
        [none] {""}
       *[other] . Elektron nashr, { $edition }
    }{ $url ->
        [none] .
       *[other] . { $url }
    }
