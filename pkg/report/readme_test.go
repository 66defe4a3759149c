package report

import (
	"regexp"
	"testing"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/readmetest"
)

// policyKeyRow is a row of the README's table of the policy block:
// | `key` | value |
var policyKeyRow = regexp.MustCompile("^\\| `([a-z_]+)` \\| .+ \\|$")

// TestREADMEPolicyKeys checks the README's table of the JSON report's
// policy block against the keys the reports write (domain.Policy.Describe):
// one row per key, in their order, and none for a key they do not write.
func TestREADMEPolicyKeys(t *testing.T) {
	section := readmetest.Section(t, readmetest.Lines(t), "### JSON")
	var got []string
	for _, row := range readmetest.TableRows(t, section, "| policy key | value |") {
		m := policyKeyRow.FindStringSubmatch(row)
		if m == nil {
			t.Errorf("policy table row not in the form | `key` | value |:\n%s", row)
			continue
		}
		got = append(got, m[1])
	}
	var want []string
	for _, s := range domain.DefaultPolicy().Describe() {
		want = append(want, s.Key)
	}
	if len(got) != len(want) {
		t.Errorf("the README's policy table has %d keys, the reports write %d:\n%q\n%q", len(got), len(want), got, want)
	}
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			t.Errorf("policy table row %d is %s, want %s (the reports' order)", i+1, got[i], want[i])
		}
	}
}
