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
