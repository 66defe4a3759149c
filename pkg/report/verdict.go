package report

import (
	"fmt"
	"strings"

	"github.com/listaudit/listaudit/pkg/domain"
)

// VerdictLine sums a result up in one line, the last of the table and all
// that check -q prints: "✗ FAILED: 12 errors, 40 warnings in 3 files
// (fail-on: error)".
func VerdictLine(r *domain.Result) string { return verdictLine(r, "") }

// InputVerdictLine is VerdictLine for listaudit fix, whose own outcome is
// the files it wrote: it says that the verdict is the input's, "✗ the
// input FAILED: 12 errors, 40 warnings in 3 files (fail-on: error)".
func InputVerdictLine(r *domain.Result) string { return verdictLine(r, "the input ") }

// verdictLine writes the verdict of subject ("" for the run).
func verdictLine(r *domain.Result, subject string) string {
	mark, word := "✓", "PASSED"
	if r.Verdict.Failed {
		mark, word = "✗", "FAILED"
	}
	counts := []string{
		plural(r.Summary.BySeverity[domain.Error], "error", "errors"),
		plural(r.Summary.BySeverity[domain.Warning], "warning", "warnings"),
	}
	// Info counts matter to few runs; mention them only when there are some.
	if n := r.Summary.BySeverity[domain.Info]; n > 0 {
		counts = append(counts, thousands(n)+" info")
	}
	return fmt.Sprintf("%s %s%s: %s in %s (fail-on: %s)", mark, subject, word, strings.Join(counts, ", "),
		plural(len(r.Inputs), "file", "files"), r.Verdict.FailOn)
}
