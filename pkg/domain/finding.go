package domain

import (
	"cmp"
	"slices"
)

// Finding is one rule's verdict about one record.
type Finding struct {
	Rule     string
	Severity Severity
	Loc      Location
	// Field is the canonical field the finding is about (FieldNone for a
	// whole-row finding); Column is that field's header in the file.
	Field  Field
	Column string
	// Value is the cell text the finding is about. Reports mask it when
	// Field.IsPII() unless PII is shown.
	Value   string
	Message string
	// Related points at the other records the finding refers to (the first
	// row of a duplicate, the opted-out rows of a conflict).
	Related []Location
	// Phone identifies the record's number in reports: its E.164 form when
	// valid, else the phone cell as written. Reports mask it.
	Phone string
}

// HasField reports whether the finding is about one cell.
func (f *Finding) HasField() bool { return f.Field != FieldNone }

// CompareFindings is the report order: input file, row, rule id, column,
// then message, so every report is deterministic.
func CompareFindings(a, b *Finding) int {
	return cmp.Or(
		cmp.Compare(a.Loc.FileIndex, b.Loc.FileIndex),
		cmp.Compare(a.Loc.Row, b.Loc.Row),
		cmp.Compare(a.Rule, b.Rule),
		cmp.Compare(a.Column, b.Column),
		cmp.Compare(a.Message, b.Message),
	)
}

// SortFindings orders findings by CompareFindings, keeping the order of
// findings that compare equal.
func SortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int { return CompareFindings(&a, &b) })
}

// MergeFindings merges two sorted lists into one sorted list; with b empty
// it returns a as is.
func MergeFindings(a, b []Finding) []Finding {
	if len(b) == 0 {
		return a
	}
	out := make([]Finding, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if CompareFindings(&b[j], &a[i]) < 0 {
			out = append(out, b[j])
			j++
		} else {
			out = append(out, a[i])
			i++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}
