package domain

import (
	"fmt"
	"strings"
)

// Formats of the summary fix, inspect and rules print: a table for people,
// JSON for programs.
const (
	SummaryTable = "table"
	SummaryJSON  = "json"
)

// SummaryFormats lists the values --format of fix, inspect and rules
// takes, in the order help texts give them.
var SummaryFormats = []string{SummaryTable, SummaryJSON}

// ParseSummaryFormat checks a --format value of fix, inspect or rules.
func ParseSummaryFormat(s string) (string, error) {
	for _, f := range SummaryFormats {
		if s == f {
			return f, nil
		}
	}
	return "", fmt.Errorf("unknown format %q (want %s)", s, OrList(SummaryFormats))
}

// OrList words a list of choices for help texts and errors: "a, b or c".
func OrList(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
