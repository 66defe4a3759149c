// Package outfile writes output files atomically: the content goes to a
// temporary file beside the target, which replaces the target only once it
// is complete, so a failed or interrupted run never leaves a half-written
// report (Pending says what is written in place instead). Files are created
// 0600 because listaudit's outputs hold personal data. Append is the one
// exception: it adds to a file others write too (a GitHub step summary).
// A Plan checks where a run's outputs go before the run reads anything, so
// that one that would write over a file the run reads, or twice to one
// file, stops at once, as does a run whose standard output or error is a
// file it reads. It must not know what the files hold: callers hand
// it bytes.
package outfile
