// Package audit runs one audit: it loads the evidence (suppression lists,
// send logs, the baseline), streams records from the inputs, checks them
// on every core, finds duplicates across inputs in input order, and hands
// the findings in report order to the sink (sink.go), which keeps what the
// reports will read in the spill store (spill.go).
// It must not render or print anything (warnings go to Options.Input.Warn,
// reports are package report's) nor hold every finding of a large list in
// memory.
package audit
