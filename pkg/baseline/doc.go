// Package baseline records findings a team has accepted, so that later
// runs report only what is new. A finding is identified by its rule, its
// input file and a SHA-256 of its number, never by row, so a baseline
// survives re-sorting the list.
// It must not store a raw number or a row position in the file, nor decide
// a verdict: the audit subtracts what the baseline accepts.
package baseline
