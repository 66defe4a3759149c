package report

import (
	"strings"
	"testing"
)

// TestGitHubOverflowLine: the line that counts the findings left
// unannotated writes its numbers with thousands separators, as the SARIF
// notification does, and sends a reader to the full reports the run
// wrote, or says how to write one when it wrote none.
func TestGitHubOverflowLine(t *testing.T) {
	last := func(opts Options) string {
		out := strings.TrimSuffix(string(render(t, "github", manyFindings(6_060), opts)), "\n")
		return out[strings.LastIndex(out, "\n")+1:]
	}
	const counts = "listaudit: 6,031 findings not annotated (at most 10 annotations of each kind per step, as GitHub shows no more): " +
		"1,005 consent-missing, 1,005 phone-invalid, 1,006 duplicate, 1,007 phone-not-e164, 1,007 stale, 1,001 value-invalid. "
	for _, tc := range []struct {
		full []string
		want string
	}{
		{nil, counts + "See every finding in a full report: --report json=FILE, csv=FILE or sarif=FILE."},
		{[]string{"audit.json"}, counts + "See every finding in the full report: audit.json."},
		{[]string{"audit.json", "out/findings.csv"}, counts + "See every finding in the full reports: audit.json, out/findings.csv."},
	} {
		if got := last(Options{FullReports: tc.full}); got != tc.want {
			t.Errorf("full reports %q: last line\n%q\nwant\n%q", tc.full, got, tc.want)
		}
	}
}
