# batch-slow-line.awk: one case of a 60-year period with many reductions (n
# work days, n absence days, n/2 other benefits) as one JSON line; n = 8400
# gives a line just under 1 MiB (the longest a batch takes) that costs
# about 0.15 s of CPU. Used by .ci/batch-memory.
BEGIN {
  if (n == "") n = 8400
  printf "{\"id\":\"slow\",\"birth_date\":\"2000-01-01\",\"from\":\"2026-01-01\",\"to\":\"2085-12-31\",\"child_birth_dates\":[\"2020-01-01\",\"2022-01-01\"]"
  list("work_hours", n, 0); list("absence", n, 1); list("other_benefits", int(n / 2), 2)
  print "}"
}
function day(i, n,   m) {
  m = int(i * 720 / n)
  return sprintf("%04d-%02d-%02d", 2026 + int(m / 12), m % 12 + 1, i % 27 + 1)
}
function list(key, n, kind,   i) {
  printf ",\"%s\":[", key
  for (i = 0; i < n; i++) {
    if (i > 0) printf ","
    if (kind == 0) printf "{\"hours\":\"%d\",\"from\":\"%s\",\"to\":\"%s\"}", 5 + i % 20, day(i, n), day(i, n)
    else if (kind == 1) printf "{\"date\":\"%s\",\"hours\":\"3\"}", day(i, n)
    else printf "{\"kind\":\"sykepenger\",\"per_day\":\"100\",\"from\":\"%s\",\"to\":\"%s\"}", day(i, n), day(i, n)
  }
  printf "]"
}
