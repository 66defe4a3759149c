package jurisdiction

import (
	"slices"
	"strings"
	"testing"

	"github.com/listaudit/listaudit/pkg/readmetest"
)

// readmeHeader heads the README's copy of the table, under
// "### Jurisdictions".
const readmeHeader = "| code | jurisdiction | sending window (local time) | days excluded | message cap | consent age | sources |"

// TestREADMETable holds the README's table to the built-in one: a row per
// entry, in order, each value as the table writes it with what it covers,
// and every source linked with its status.
func TestREADMETable(t *testing.T) {
	section := readmetest.Section(t, readmetest.Lines(t), "### Jurisdictions")
	got := readmetest.TableRows(t, section, readmeHeader)
	var want []string
	for _, e := range Table() {
		want = append(want, readmeRow(e))
	}
	if !slices.Equal(got, want) {
		t.Errorf("the README's jurisdiction table differs from the built-in one; want:\n%s\n%s", readmeHeader+"\n|---|---|---|---|---|---|---|", strings.Join(want, "\n"))
	}
}

func readmeRow(e Entry) string {
	window, days, caps, ages := "—", "—", "—", "—"
	var sources []Source
	if w := e.Window; w != nil {
		window = w.HoursText() + " (" + coverText(w.Channels, w.Purposes) + ")"
		if ex := w.Excluded(); ex != 0 {
			days = ex.String()
		}
		sources = append(sources, w.Source)
	}
	var cs, as []string
	for _, c := range e.Caps {
		cs = append(cs, c.String()+" ("+coverText(c.Channels, c.Purposes)+")")
		sources = append(sources, c.Source)
	}
	for _, a := range e.Ages {
		as = append(as, a.typesText()+": "+a.Age.String()+" ("+coverText(a.Channels, a.Purposes)+")")
		sources = append(sources, a.Source)
	}
	if len(cs) > 0 {
		caps = strings.Join(cs, "; ")
	}
	if len(as) > 0 {
		ages = strings.Join(as, "; ")
	}
	var links []string
	for _, s := range sources {
		link := "[" + s.Cite + "](" + s.URL + ") (" + s.Status.String() + ")"
		if !slices.Contains(links, link) {
			links = append(links, link)
		}
	}
	return "| `" + e.Code + "` | " + e.Name + " | " + window + " | " + days + " | " + caps + " | " + ages + " | " + strings.Join(links, "; ") + " |"
}
