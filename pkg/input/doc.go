// Package input reads contact-list files (CSV, TSV, JSON arrays, NDJSON,
// vCard, optionally gzipped, in UTF-8, UTF-16 or a legacy code page, and
// XLSX workbooks) as a stream of domain.Records, mapping each file's columns
// to the canonical fields.
// It must not judge what it reads: numbers are not parsed and no rule runs
// here (package rules does that); a record it cannot read is reported as
// malformed, not dropped.
package input
