package report

import (
	"fmt"
	"strings"

	"github.com/listaudit/listaudit/pkg/domain"
)

// VerdictLine sums a result up in one line for a terminal or a CI log:
// "✗ 12 errors, 40 warnings in 3 files — failed (fail-on: error)".
func VerdictLine(r *domain.Result) string {
	mark, word := "✓", "passed"
	if r.Verdict.Failed {
		mark, word = "✗", "failed"
	}
	counts := []string{
		plural(r.Summary.BySeverity[domain.Error], "error", "errors"),
		plural(r.Summary.BySeverity[domain.Warning], "warning", "warnings"),
	}
	if n := r.Summary.BySeverity[domain.Info]; n > 0 {
		counts = append(counts, fmt.Sprintf("%d info", n))
	}
	return fmt.Sprintf("%s %s in %s — %s (fail-on: %s)", mark, strings.Join(counts, ", "),
		plural(len(r.Inputs), "file", "files"), word, r.Verdict.FailOn)
}
