// Package pii owns how listaudit shows a person's data: one rule for a
// field's value (a phone number masked, another personal field [hidden],
// what in any other cell may be a number, an address or a name masked or
// [hidden], and everything with --show-pii as it is), the same for the
// messages that quote a cell, the masking of numbers and of column headers
// that hold a number or an address, and what in free text looks like such
// data. Reports, fix, inspect and the readers' errors all ask it, so
// nothing personal leaks through a copy. It must not read files, know
// report formats or flags, or allocate on the Append paths (but for the
// rare cell with an address or a name in it), which the json report runs
// for every finding, nor in FindingMessage of a message it leaves as is.
package pii
