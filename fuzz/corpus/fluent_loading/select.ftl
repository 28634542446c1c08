-term = T
msg = { $n ->
    [one] one { -term }
   *[other] { $n } { NUMBER($n) }
  }
  .attr = x
bad = {
