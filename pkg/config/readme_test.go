package config

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/listaudit/listaudit/pkg/readmetest"
)

// The README documents what the settings table declares: each command's
// flags in a table under "#### Flags of `listaudit CMD`" (fix, inspect and
// init list the flags they share with check instead of repeating their
// rows), and the policy file's keys in a table and in a copy of the init
// template. These tests hold all of it to the table, so that a new setting
// cannot be left out of the README and a changed default cannot drift.

// readmeCommands are the commands whose flags the README documents;
// grouped ones in a table per group (flagTables).
var readmeCommands = []struct {
	name    string
	cmd     Command
	grouped bool
}{{"check", Check, true}, {"fix", Fix, false}, {"inspect", Inspect, false}, {"init", Init, false}}

var (
	// flagCell is a flags table's first cell: `--name`, `--name VALUE`, or
	// either after `-x`, for a flag with a one-letter form.
	flagCell = regexp.MustCompile("^(?:`-([a-zA-Z])`, )?`--([a-z0-9-]+)( [^`]+)?`$")
	// valueCell is a default written as the value: `730d`, or `0` (all)
	// with a gloss. Any other default is prose (none, detected, off) and
	// stands for an empty default.
	valueCell = regexp.MustCompile("^`([^`]*)`(?: \\([^`]*\\))?$")
	// flagName is a flag named in prose: `--name`.
	flagName = regexp.MustCompile("`--([a-z0-9-]+)`")
	// keysCell is a key table's default cell: one or more values written
	// as code, then perhaps a gloss: `""` (none), `"08:00"`, `"21:00"`.
	keysCell = regexp.MustCompile("^(`[^`]*`(?:, `[^`]*`)*)(?: \\([^`]*\\))?$")
)

// sharedMarker introduces, in the flags section of fix, inspect and init,
// the flags the command shares with check.
const sharedMarker = "with the same defaults and meaning"

// TestREADMEFlagTables checks each command's flags section against the
// settings table: every flag of the command appears exactly once, in a
// row of its own or in the list of flags shared with check; no row names a
// flag the command lacks; a row shows the flag's one-letter form, takes a
// value unless the flag is on/off, and gives the table's default. A
// grouped section has a table per group, under the group's title, in the
// order --help lists them, each holding the flags of its group.
func TestREADMEFlagTables(t *testing.T) {
	readme := readmetest.Lines(t)
	checkFlags := NewFlags(Check)
	for _, c := range readmeCommands {
		t.Run(c.name, func(t *testing.T) {
			section := readmetest.Section(t, readme, "#### Flags of `listaudit "+c.name+"`")
			flags := NewFlags(c.cmd)
			seen := map[string]int{}
			tables := flagTables(t, section)
			checkGroupOrder(t, tables, c.grouped)
			for _, table := range tables {
				for _, row := range table.rows {
					name, ok := checkFlagRow(t, flags, row)
					if !ok {
						continue
					}
					seen[name]++
					if f := flags.Lookup(name); f != nil && c.grouped && f.Group() != table.group {
						t.Errorf("--%s is under %q; its group is %q", name, table.group.Title(), f.Group().Title())
					}
				}
			}
			for _, name := range sharedFlags(section) {
				seen[name]++
				checkShared(t, c.name, flags.Lookup(name), checkFlags.Lookup(name), name)
			}
			for _, f := range flags.List() {
				if n := seen[f.Name()]; n != 1 {
					t.Errorf("--%s appears %d times, want once (a row, or the list of flags shared with check)", f.Name(), n)
				}
			}
		})
	}
}

// flagTable is one table of a flags section, and the group whose title
// heads it (0 for none).
type flagTable struct {
	group Group
	rows  []string
}

// flagTables are the flags tables of a section, each with the group of
// the last "##### " heading before it.
func flagTables(t *testing.T, section []string) []flagTable {
	t.Helper()
	const header = "| flag | default | meaning |"
	var tables []flagTable
	var group Group
	for i, l := range section {
		if title, ok := strings.CutPrefix(l, "##### "); ok {
			group = groupOfTitle(title)
			if group == 0 {
				t.Errorf("heading %q names no group of flags (Group.Title)", l)
			}
		}
		if l == header {
			tables = append(tables, flagTable{group, readmetest.TableRows(t, section[i:], header)})
		}
	}
	if len(tables) == 0 {
		t.Fatalf("no table with the header %q", header)
	}
	return tables
}

func groupOfTitle(title string) Group {
	for _, g := range Groups() {
		if g.Title() == title {
			return g
		}
	}
	return 0
}

// checkGroupOrder checks that a grouped section has one table per group,
// in the order of Groups(), and that any other has one table of no group.
func checkGroupOrder(t *testing.T, tables []flagTable, grouped bool) {
	t.Helper()
	var got []string
	for _, table := range tables {
		got = append(got, table.group.Title())
	}
	want := []string{""}
	if grouped {
		want = nil
		for _, g := range Groups() {
			want = append(want, g.Title())
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("the flags tables are headed %q, want %q", got, want)
	}
}

// checkFlagRow checks one row of a flags table against the flag it names,
// and returns that flag's name.
func checkFlagRow(t *testing.T, flags *Flags, row string) (string, bool) {
	t.Helper()
	cells := readmetest.Cells(row)
	if len(cells) != 3 {
		t.Errorf("row not in the form | flag | default | meaning |:\n%s", row)
		return "", false
	}
	m := flagCell.FindStringSubmatch(cells[0])
	if m == nil {
		t.Errorf("flag cell %q not in the form `-x`, `--name VALUE`", cells[0])
		return "", false
	}
	short, name, value := m[1], m[2], m[3]
	f := flags.Lookup(name)
	if f == nil {
		t.Errorf("a row names --%s, which the command does not have", name)
		return name, true
	}
	if short != f.Shorthand() {
		t.Errorf("--%s: the row gives the short form %q, the table %q", name, short, f.Shorthand())
	}
	if (value == "") != f.IsBool() {
		t.Errorf("--%s: the row writes %q; an on/off flag takes no value, any other one does", name, cells[0])
	}
	want := f.String()
	if v := valueCell.FindStringSubmatch(cells[1]); v != nil {
		if v[1] != want {
			t.Errorf("--%s: the README's default is %q, the table's %q", name, v[1], want)
		}
	} else if want != "" {
		t.Errorf("--%s: the README's default is %q, the table's %q: write it as `%s`", name, cells[1], want, want)
	}
	return name, true
}

// checkShared checks a flag listed as shared with check: the command has
// it, and it is check's flag, with the same default and help.
func checkShared(t *testing.T, cmd string, f, checks *Flag, name string) {
	t.Helper()
	switch {
	case f == nil:
		t.Errorf("the flags shared with check name --%s, which %s does not have", name, cmd)
	case checks == nil:
		t.Errorf("the flags shared with check name --%s, which check does not have", name)
	case f.String() != checks.String() || f.Shorthand() != checks.Shorthand() || f.Usage() != checks.Usage():
		t.Errorf("--%s of %s differs from check's (default, short form or help): give it a row of its own", name, cmd)
	}
}

// sharedFlags are the flags named after sharedMarker, to the end of its
// paragraph.
func sharedFlags(section []string) []string {
	for _, para := range strings.Split(strings.Join(section, "\n"), "\n\n") {
		_, after, ok := strings.Cut(strings.Join(strings.Fields(para), " "), sharedMarker)
		if !ok {
			continue
		}
		var names []string
		for _, m := range flagName.FindAllStringSubmatch(after, -1) {
			names = append(names, m[1])
		}
		return names
	}
	return nil
}

// TestREADMEPolicyKeys checks the policy file's key table against the
// settings table: one row per key, in the table's order, each naming the
// key's flag ("none" for none) and its default as the init template
// writes it. A row may name a key's parts (quiet_hours.start).
func TestREADMEPolicyKeys(t *testing.T) {
	section := readmetest.Section(t, readmetest.Lines(t), "## Policy file (`.listaudit.yaml`)")
	def := Defaults(Check)
	var got []string
	for _, row := range readmetest.TableRows(t, section, "| key | default | flag | meaning |") {
		cells := readmetest.Cells(row)
		if len(cells) != 4 {
			t.Errorf("row not in the form | key | default | flag | meaning |:\n%s", row)
			continue
		}
		s := keyOfCell(t, cells[0])
		if s == nil {
			continue
		}
		got = append(got, s.Key)
		wantFlag := "none"
		if s.Flag != "" {
			wantFlag = "`--" + s.Flag + "`"
		}
		if cells[2] != wantFlag {
			t.Errorf("%s: the README's flag is %s, the table's %s", s.Key, cells[2], wantFlag)
		}
		if want := yamlValues(s, &def); cells[1] != "none" || want != nil {
			if m := keysCell.FindStringSubmatch(cells[1]); m == nil || m[1] != strings.Join(want, ", ") {
				t.Errorf("%s: the README's default is %s, the template's %s", s.Key, cells[1], strings.Join(want, ", "))
			}
		}
	}
	var want []string
	for _, s := range table {
		if s.Key != "" {
			want = append(want, s.Key)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("the key table's rows are not the table's keys, in its order:\n got %s\nwant %s", strings.Join(got, ", "), strings.Join(want, ", "))
	}
}

// keyOfCell is the setting a key table row is about: its key, or the key
// of the parts it names (`quiet_hours.start`, `quiet_hours.end`).
func keyOfCell(t *testing.T, cell string) *Setting {
	t.Helper()
	var s *Setting
	for _, part := range strings.Split(cell, ", ") {
		key := strings.TrimSuffix(strings.TrimPrefix(part, "`"), "`")
		k := byKey(key)
		if parent, _, ok := cutLast(key, "."); k == nil && ok {
			k = byKey(parent)
		}
		switch {
		case len(key)+2 != len(part) || k == nil:
			t.Errorf("key cell %q: %q is no key of the settings table", cell, part)
			return nil
		case s != nil && s != k:
			t.Errorf("key cell %q names two settings, %s and %s", cell, s.Key, k.Key)
			return nil
		}
		s = k
	}
	return s
}

func cutLast(s, sep string) (before, after string, found bool) {
	if i := strings.LastIndex(s, sep); i >= 0 {
		return s[:i], s[i+len(sep):], true
	}
	return s, "", false
}

// yamlValues is a setting's default as the init template writes it,
// written as code: one value, or one per line of a mapping
// (quiet_hours' start and end); nil when the template writes none.
func yamlValues(s *Setting, c *Config) []string {
	if s.yaml == nil {
		return nil
	}
	var vals []string
	for _, line := range strings.Split(strings.TrimPrefix(s.yaml(c), "\n"), "\n") {
		if _, v, ok := strings.Cut(line, ": "); ok && strings.HasPrefix(line, " ") {
			line = v
		}
		vals = append(vals, "`"+line+"`")
	}
	return vals
}

// TestREADMETemplate checks the README's copy of the init template: it is
// what init writes without --from.
func TestREADMETemplate(t *testing.T) {
	section := readmetest.Section(t, readmetest.Lines(t), "## Policy file (`.listaudit.yaml`)")
	i := slices.IndexFunc(section, func(l string) bool {
		return strings.HasPrefix(l, "This is the template that `listaudit init` writes")
	})
	if i < 0 || i+2 >= len(section) || section[i+2] != "```yaml" {
		t.Fatal("the policy file section has no ```yaml block after \"This is the template that `listaudit init` writes\"")
	}
	body := section[i+3:]
	end := slices.Index(body, "```")
	if end < 0 {
		t.Fatal("the template's ```yaml block does not end")
	}
	got := []byte(strings.Join(body[:end], "\n") + "\n")
	if want := templateOf(nil, ""); !bytes.Equal(got, want) {
		t.Errorf("the README's template differs from what init writes; copy testdata/golden/template.yaml into it:\n%s", want)
	}
}
