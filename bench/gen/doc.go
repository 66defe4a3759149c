// Command gen writes a realistic contact list for benchmarks: 16
// countries, numbers in the spellings real lists hold (E.164, "+" with
// separators, national with trunk prefix, bare digits, international
// prefix), ~5% malformed cells, ~3% duplicates of earlier rows written
// differently, and consent, opt-out and activity columns. It must not vary
// between runs: the same -seed gives the same file. -scope adds the consent
// scope columns (consent_channel, consent_purpose, consent_type,
// consent_confirmed_at) at the end of each row, from a generator of their
// own: the other columns stay those of the same -seed without it.
//
//	go run ./bench/gen -rows 1000000 -o /tmp/list.csv
//	go run ./bench/gen -rows 1000000 -scope -o /tmp/list-scope.csv
package main
