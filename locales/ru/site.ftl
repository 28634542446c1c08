# Interface strings of the Russian edition (the original).
# Message ids are shared by every language; see README.md, "Adding a language".

## The language itself
language-name = Русский
language-direction = ltr

## Navigation
skip-to-content = Перейти к тексту
languages-label = Язык
contents = Содержание
home = Начало
full-text = Полный текст
parallel-text = Параллельный текст
parallel-with = Сравнить с другим языком
previous = Предыдущий раздел
next = Следующий раздел
download = Скачать полный текст одним файлом
choose-language = Выберите язык

## Notices on translated pages
original-label = оригинал
unofficial-notice = Неофициальный перевод. Аутентичным является текст на русском языке.
read-original = Читать оригинал
fallback-notice = Перевод этого абзаца отсутствует; приведён русский оригинал.
stale-notice = Русский текст этого абзаца изменился после перевода.
stale-link = Текущий текст оригинала

## Paragraphs
paragraph-label = Абзац { $number }
permalink-label = Ссылка на абзац { $number }

## Translation progress and the coverage page
translation-progress = Переведено { $percent } %
paragraph-count =
    { $count ->
        [one] { $count } абзац
        [few] { $count } абзаца
       *[many] { $count } абзацев
    }
count-translated =
    { $count ->
        [one] { $count } абзац переведён
        [few] { $count } абзаца переведены
       *[many] { $count } абзацев переведено
    }
count-stale =
    { $count ->
        [one] { $count } абзац устарел
        [few] { $count } абзаца устарели
       *[many] { $count } абзацев устарело
    }
count-missing =
    { $count ->
        [one] { $count } абзац без перевода
        [few] { $count } абзаца без перевода
       *[many] { $count } абзацев без перевода
    }
coverage-title = Состояние переводов
coverage-intro = Для каждого языка и раздела: сколько абзацев переведено, сколько устарело после изменения оригинала и сколько ещё не переведено.
coverage-language = Язык
coverage-section = Раздел
coverage-opening = Вступление и заключение

## The 404 page
not-found-title = Страница не найдена
not-found-text = Такой страницы в этом издании нет.
not-found-home = Перейти к выбору языка

## Footer
footer-edition = Многоязычное издание. Переводы, кроме русского текста, неофициальные.

## Header and notices (issues 13, 19)
authentic-notice = Аутентичный текст.
translation-reviewed = Неофициальный перевод, проверен.
translation-not-reviewed = Неофициальный перевод, ещё не проверен.
review-progress = Проверено абзацев: { $reviewed } из { $total }
original-authentic = Аутентичным является текст на русском языке.
edition-version = Версия издания { $version }

## Provenance (issue 19)
provenance-label = О документе
provenance-type = Вид документа
provenance-from = Кем принят
provenance-adopted = Дата и место принятия
provenance-authentic = Аутентичный текст
provenance-published = Официальная публикация
provenance-edition = Настоящее издание
numbering-note = Нумерация абзацев 1–{ $count } введена настоящим изданием для удобства ссылок; в оригинале абзацы не пронумерованы.

## Navigation regions and structure (issue 19)
site-nav-label = Страницы издания
pager-label = Предыдущий и следующий разделы
section-position = Раздел { $number } из { $total }
back-to-contents = К содержанию
parallel-pair-label = Языки параллельного текста
parallel-swap = Поменять колонки местами

## The status page (issues 13, 19)
coverage-whole = Весь текст
coverage-review = Проверка
coverage-interface = Интерфейс
coverage-orphans = Записи без абзаца
coverage-of = { $done } из { $total }
coverage-legend = В каждой ячейке указано, сколько абзацев раздела переведено с текущего оригинала из общего их числа, а ниже — сколько из них проверено. Ячейки с устаревшими или непереведёнными абзацами отмечены.
coverage-work-list = Список работ
coverage-todo-title = Что осталось сделать: { $language }
coverage-todo-missing = Не переведено
coverage-todo-stale = Устарело: оригинал изменился после перевода
coverage-todo-unreviewed = Переведено, ещё не проверено
coverage-todo-messages = Непереведённые сообщения интерфейса
coverage-todo-orphans = Записи, абзаца которых больше нет в оригинале
coverage-nothing = Нет.

## The e-book, EPUB (issue 16)
download-epub = Скачать электронную книгу (EPUB)
epub-title-page = Титульный лист
epub-preamble = Вступление
epub-closing = Заключение
epub-accessibility-summary = Только текст, без изображений, аудио и видео. Документ разделён на вступление, разделы с заголовками и заключение; каждый абзац снабжён номером, оглавление содержит все разделы.

## Search (issue 16): the dialog opened by the search button, "/" or Ctrl+K.
## search-count and search-paragraph are filled in by the script: keep
## { $count } and { $number } as they are.
search-button = Поиск
search-title = Поиск по тексту заявления
search-label = Слова для поиска
search-help = Стрелка вниз — к результатам, Enter — открыть, Esc — закрыть.
search-all-languages = Искать на всех языках
search-close = Закрыть
search-count = Найдено: { $count }
search-none = Ничего не найдено.
search-loading = Загрузка поискового указателя…
search-paragraph = Абзац { $number }
search-same = Этот же абзац:
search-opening = Вступление и заключение

## Citing a paragraph (issue 16): the menu of a paragraph's number.
cite-copy-link = Копировать ссылку
cite-copy-citation = Копировать библиографическую ссылку
cite-copied = Скопировано
cite-manual = Скопируйте выделенный текст (Ctrl+C)
cite-unofficial = неофициальный перевод
# The citation of one paragraph. $title: the document's title; $date: its
# date of adoption, or "none"; $number: the paragraph's number; $notice:
# cite-unofficial on a translation, or "none" on the original; $edition:
# this edition's date, or "none"; $url: the paragraph's permalink, or
# "none" when the site has no base URL.
cite-paragraph = { $title }{ $date ->
        [none] {""}
       *[other] {" "}от { $date }
    }, п. { $number }{ $notice ->
        [none] {""}
       *[other] {" "}({ $notice })
    }{ $edition ->
        [none] {""}
       *[other] . Электронное издание от { $edition }
    }{ $url ->
        [none] .
       *[other] . { $url }
    }
