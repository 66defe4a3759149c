// Package report renders an audit's domain.Result for people and programs.
// Each format lives in its own file and is listed once in reporters below,
// so adding a format is one file, one line here and its golden test.
package report

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/listaudit/listaudit/pkg/domain"
)

// Options are the caller's choices for one report.
type Options struct {
	// Limit caps the findings the table lists; 0 lists all.
	Limit int
	// Color turns on ANSI colour in the table. The caller decides: only on
	// a terminal and when NO_COLOR is unset.
	Color bool
	// ShowPII shows phone numbers and PII values unmasked.
	ShowPII bool
}

// Reporter renders one result in one format.
type Reporter interface {
	Report(w io.Writer, r *domain.Result, opts Options) error
}

// reporters is the one place formats are registered.
var reporters = map[string]Reporter{
	"json":  jsonReporter{},
	"table": tableReporter{},
}

// Lookup returns the reporter for a format name as given to --format.
func Lookup(format string) (Reporter, error) {
	if r, ok := reporters[format]; ok {
		return r, nil
	}
	return nil, fmt.Errorf("unknown format %q (want %s)", format, orList(Formats()))
}

// Formats lists the registered format names, sorted.
func Formats() []string {
	return slices.Sorted(maps.Keys(reporters))
}

// orList writes names as "a, b or c" for error messages.
func orList(names []string) string {
	if len(names) <= 1 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
