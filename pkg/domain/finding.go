package domain

import (
	"cmp"
	"iter"
	"slices"
	"strings"
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
	// Not cmp.Or: it would compare the strings of findings that their
	// rows already order, and a report compares millions of those.
	if c := cmp.Compare(a.Loc.FileIndex, b.Loc.FileIndex); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Loc.Row, b.Loc.Row); c != 0 {
		return c
	}
	if c := strings.Compare(a.Rule, b.Rule); c != 0 {
		return c
	}
	if c := strings.Compare(a.Column, b.Column); c != 0 {
		return c
	}
	return strings.Compare(a.Message, b.Message)
}

// SortFindings orders findings by CompareFindings, keeping the order of
// findings that compare equal.
func SortFindings(fs []Finding) {
	if len(fs) > 12 {
		slices.SortStableFunc(fs, func(a, b Finding) int { return CompareFindings(&a, &b) })
		return
	}
	// An audit sorts every row's few findings: an insertion sort that
	// compares them in place, rather than copies of them as
	// slices.SortStableFunc's comparison takes them, costs far less.
	for i := 1; i < len(fs); i++ {
		for j := i; j > 0 && CompareFindings(&fs[j-1], &fs[j]) > 0; j-- {
			fs[j-1], fs[j] = fs[j], fs[j-1]
		}
	}
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

// Findings is a result's findings in report order. An audit of a large
// list keeps them on disk rather than in memory, so reports read them with
// All, as often as they need; each *Finding yielded is the reader's own.
type Findings interface {
	Len() int
	All() iter.Seq[*Finding]
	// Err reports a failure to read the findings back (a temporary file
	// that could not be read), which ends All early: a report written
	// while it is set is incomplete.
	Err() error
	// Close releases what holds the findings (a temporary file).
	Close() error
}

// PartedFindings are Findings that can also be read as consecutive parts,
// each on its own goroutine, so a report of millions of findings renders on
// every core. Reading every part in order yields what All yields. Parts are
// for rendering: a finding a part yields, with the strings in it, is valid
// only until that part's iteration ends (the memory is used again), unlike
// All's.
type PartedFindings interface {
	Findings
	Parts() []iter.Seq[*Finding]
}

// FindingSlice is Findings held in memory.
type FindingSlice []Finding

func (s FindingSlice) Len() int { return len(s) }

func (s FindingSlice) All() iter.Seq[*Finding] {
	return func(yield func(*Finding) bool) {
		for i := range s {
			f := s[i]
			if !yield(&f) {
				return
			}
		}
	}
}

func (s FindingSlice) Err() error { return nil }

func (s FindingSlice) Close() error { return nil }

// Collect returns every finding in memory, for tests and small results.
func Collect(fs Findings) []Finding {
	if fs == nil {
		return nil
	}
	out := make([]Finding, 0, fs.Len())
	for f := range fs.All() {
		out = append(out, *f)
	}
	return out
}
