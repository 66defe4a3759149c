// Package outfile writes output files atomically: the content goes to a
// temporary file beside the target, which replaces the target only once it
// is complete, so a failed or interrupted run never leaves a half-written
// report (Pending says what is written in place instead). Files are created
// 0600 because listaudit's outputs hold personal data.
// It must not replace a file the run reads (RefuseReplacing) nor know what
// the files hold: callers hand it bytes.
package outfile
