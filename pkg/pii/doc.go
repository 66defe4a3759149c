// Package pii owns how listaudit shows a person's data: one rule for a
// field's value (a phone number masked, another personal field [hidden],
// anything else, and everything with --show-pii, as it is), the masking of
// numbers and of column headers that hold a number or an address, and what
// in free text looks like such data. Reports, fix, inspect and the
// readers' errors all ask it, so nothing personal leaks through a copy.
// It must not read files, know report formats or flags, or allocate on
// the Append paths, which the json report runs for every finding.
package pii
