package rules

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The README documents every rule twice: a row of the rule table under
// "## Rules" (its anchor, which SARIF reports link to, its id and its
// default severity) and its id in the families table below it. These tests
// hold both to the catalogue, so the documentation cannot drift from it.

const readmePath = "../../README.md"

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
	section := readmeSection(t, "## Rules")
	rows := tableRows(t, section, "| rule | severity | fires when |")
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
	section := readmeSection(t, "## Rules")
	var got []string
	for _, row := range tableRows(t, section, "| family | rules |") {
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

// readmeSection returns the lines of the README section under heading, up
// to the next heading of the same level.
func readmeSection(t *testing.T, heading string) []string {
	t.Helper()
	data, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	start := slices.Index(lines, heading)
	if start < 0 {
		t.Fatalf("%s has no line %q", readmePath, heading)
	}
	level := heading[:strings.IndexByte(heading, ' ')+1]
	for i := start + 1; i < len(lines); i++ {
		if strings.HasPrefix(lines[i], level) {
			return lines[start+1 : i]
		}
	}
	return lines[start+1:]
}

// tableRows returns the body rows of the table whose header line is
// header: the lines starting with "|" after its separator line.
func tableRows(t *testing.T, lines []string, header string) []string {
	t.Helper()
	i := slices.Index(lines, header)
	if i < 0 || i+1 >= len(lines) || !strings.HasPrefix(lines[i+1], "|---") {
		t.Fatalf("%s: no table with the header %q", readmePath, header)
	}
	var rows []string
	for _, l := range lines[i+2:] {
		if !strings.HasPrefix(l, "|") {
			break
		}
		rows = append(rows, l)
	}
	return rows
}
