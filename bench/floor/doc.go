// Command floor measures the parts of `listaudit check --format json` that
// any design must pay, each alone on one goroutine, the least CPU seconds
// of -count runs: reading the list, normalising every number on the fast
// path, the duplicate map, hashing the list, writing and holding the
// report's bytes. Their sum is a floor under the audit's CPU time (rules,
// findings and handing rows between cores come on top); it must not be
// read as listaudit's speed.
//
//	listaudit check --format json --now 2026-01-15 -o /tmp/report.json /tmp/list.csv
//	go run ./bench/floor -list /tmp/list.csv -report /tmp/report.json
package main
