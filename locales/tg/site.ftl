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
