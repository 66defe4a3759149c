package config

import "testing"

// TestFlagGroups: every flag is in one of the groups --help lists, and
// only flags are; each group has a title.
func TestFlagGroups(t *testing.T) {
	known := map[Group]bool{}
	for _, g := range Groups() {
		known[g] = true
		if g.Title() == "" {
			t.Errorf("group %d has no title", g)
		}
	}
	for _, s := range table {
		switch {
		case s.Flag != "" && !known[s.Group]:
			t.Errorf("--%s is in no group of Groups()", s.Flag)
		case s.Flag == "" && s.Group != 0:
			t.Errorf("%s has a group but no flag", s.Key)
		}
	}
}
