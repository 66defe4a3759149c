package domain

import (
	"slices"
	"strings"
	"testing"

	"github.com/listaudit/listaudit/pkg/readmetest"
)

// TestREADMEScopeWords holds the README's tables of the words read for
// channels, purposes and consent types (under "### The scope columns") to
// the vocabularies: one row per name, in order, listing its aliases in
// order, so that a word added to a vocabulary is documented with it.
func TestREADMEScopeWords(t *testing.T) {
	section := readmetest.Section(t, readmetest.Lines(t), "### The scope columns")
	for _, v := range []struct {
		header string
		words  []Spelling
	}{
		{"| channel | also read as |", ChannelSpellings},
		{"| purpose | also read as |", PurposeSpellings},
		{"| consent type | also read as |", ConsentTypeSpellings},
	} {
		var want []string
		for _, w := range v.words {
			want = append(want, spellingRow(w))
		}
		got := readmetest.TableRows(t, section, v.header)
		if !slices.Equal(got, want) {
			t.Errorf("README table %s:\n%s\nwant:\n%s", v.header, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// spellingRow is the README's row of one name: | `name` | `alias`, `alias` |
func spellingRow(w Spelling) string {
	aliases := make([]string, len(w.Aliases))
	for i, a := range w.Aliases {
		aliases[i] = "`" + a + "`"
	}
	return "| `" + w.Name + "` | " + strings.Join(aliases, ", ") + " |"
}
