package rules

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/listaudit/listaudit/pkg/cellvalue"
	"github.com/listaudit/listaudit/pkg/readmetest"
)

// The README documents every rule twice: a row of the rule table under
// "## Rules" (its anchor, which SARIF reports link to, its id and its
// default severity) and its id in the families table below it. These tests
// hold both to the catalogue, so the documentation cannot drift from it.

var (
	// ruleRow is a row of the rule table: | <a id="rule-ID"></a>`ID` | severity | fires when |
	ruleRow = regexp.MustCompile("^\\| <a id=\"rule-([^\"]*)\"></a>`([^`]*)` \\| ([^|]*?) \\| .*\\|$")
	// familyRow is a row of the families table: | `family` | `id`, `id` |
	familyRow = regexp.MustCompile("^\\| `([^`]*)` \\| (.*?) \\|$")
)

// TestREADMERuleTables checks the README's rule table against the
// catalogue: one row per rule, in catalogue order, each with its anchor and
// default severity, and no row for a rule that does not exist.
func TestREADMERuleTables(t *testing.T) {
	section := readmetest.Section(t, readmetest.Lines(t), "## Rules")
	rows := readmetest.TableRows(t, section, "| rule | severity | fires when |")
	var ids []string
	severity := map[string]string{}
	for _, row := range rows {
		m := ruleRow.FindStringSubmatch(row)
		if m == nil {
			t.Errorf("rule table row not in the form | <a id=\"rule-ID\"></a>`ID` | severity | fires when |:\n%s", row)
			continue
		}
		anchor, id, sev := m[1], m[2], m[3]
		if anchor != id {
			t.Errorf("rule table: the row of %s has the anchor rule-%s", id, anchor)
		}
		if _, ok := severity[id]; ok {
			t.Errorf("rule table: %s has two rows", id)
		}
		ids = append(ids, id)
		severity[id] = sev
	}
	var want []string
	for _, r := range Catalogue {
		want = append(want, r.ID)
		sev, ok := severity[r.ID]
		switch {
		case !ok:
			t.Errorf("rule table: no row for %s", r.ID)
		case sev != r.Severity.String():
			t.Errorf("rule table: %s has severity %q, the catalogue %q", r.ID, sev, r.Severity)
		}
	}
	for _, id := range ids {
		if _, ok := Lookup(id); !ok {
			t.Errorf("rule table: %s is not a rule of the catalogue", id)
		}
	}
	if !t.Failed() && !slices.Equal(ids, want) {
		t.Errorf("rule table not in catalogue order:\n got %s\nwant %s", strings.Join(ids, ", "), strings.Join(want, ", "))
	}
}

// TestREADMEFamiliesTable checks the families table against the
// catalogue: one row per family in the order the catalogue first names
// them, each listing the family's rules in catalogue order.
func TestREADMEFamiliesTable(t *testing.T) {
	section := readmetest.Section(t, readmetest.Lines(t), "## Rules")
	var got []string
	for _, row := range readmetest.TableRows(t, section, "| family | rules |") {
		m := familyRow.FindStringSubmatch(row)
		if m == nil {
			t.Errorf("families table row not in the form | `family` | `id`, `id` |:\n%s", row)
			continue
		}
		var ids []string
		for _, cell := range strings.Split(m[2], ", ") {
			id := strings.TrimSuffix(strings.TrimPrefix(cell, "`"), "`")
			if len(id)+2 != len(cell) || id == "" || strings.Contains(id, "`") {
				t.Errorf("families table: %q in the row of %s is not one `id`", cell, m[1])
				continue
			}
			if r, ok := Lookup(id); !ok {
				t.Errorf("families table: %s is not a rule of the catalogue", id)
			} else if r.Family != m[1] {
				t.Errorf("families table: %s is listed under %s, the catalogue's family is %s", id, m[1], r.Family)
			}
			ids = append(ids, id)
		}
		got = append(got, familyLine(m[1], ids))
	}
	var families []string
	members := map[string][]string{}
	for _, r := range Catalogue {
		if _, ok := members[r.Family]; !ok {
			families = append(families, r.Family)
		}
		members[r.Family] = append(members[r.Family], r.ID)
	}
	var want []string
	for _, f := range families {
		want = append(want, familyLine(f, members[f]))
	}
	if !slices.Equal(got, want) {
		t.Errorf("families table differs from the catalogue:\n got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func familyLine(family string, ids []string) string {
	return fmt.Sprintf("  %s: %s", family, strings.Join(ids, ", "))
}

// TestREADMEPlaceholders holds the README to cellvalue.Placeholders: the
// rule table's phone-missing row and the Phone numbers section list every
// placeholder, in the list's order, as `p`, and nothing else as one.
func TestREADMEPlaceholders(t *testing.T) {
	lines := readmetest.Lines(t)
	var want []string
	for _, p := range cellvalue.Placeholders {
		want = append(want, "`"+p+"`")
	}
	wantList := strings.Join(want[:len(want)-1], ", ") + " or " + want[len(want)-1]
	var row string
	for _, r := range readmetest.TableRows(t, readmetest.Section(t, lines, "## Rules"), "| rule | severity | fires when |") {
		if strings.Contains(r, "`"+PhoneMissing+"`") {
			row = r
		}
	}
	if !strings.Contains(row, "placeholder for no number: "+wantList+",") {
		t.Errorf("README rule table: the %s row does not list the placeholders as %q:\n%s", PhoneMissing, wantList, row)
	}
	section := strings.Join(readmetest.Section(t, lines, "## Phone numbers"), " ")
	section = strings.Join(strings.Fields(section), " ") // bullets wrap
	if !strings.Contains(section, "is empty, in every input format: "+wantList+",") {
		t.Errorf("README Phone numbers: the placeholders bullet does not list %q", wantList)
	}
}
