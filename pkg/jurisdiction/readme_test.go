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
		if ex := w.ExcludedText(); ex != "" {
			days = ex
		}
		sources = append(sources, w.Source)
		for _, c := range w.Holidays {
			sources = append(sources, c.Source)
		}
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
		if link := readmeLink(s); !slices.Contains(links, link) {
			links = append(links, link)
		}
	}
	return "| `" + e.Code + "` | " + e.Name + " | " + window + " | " + days + " | " + caps + " | " + ages + " | " + strings.Join(links, "; ") + " |"
}

func readmeLink(s Source) string {
	return "[" + s.Cite + "](" + s.URL + ") (" + s.Status.String() + ")"
}

// readmeHolidaysHeader heads the README's table of the holidays the
// windows exclude.
const readmeHolidaysHeader = "| holidays | excluded by | days | source |"

// TestREADMEHolidays holds the README's table of holidays to the
// calendars of the built-in table: a row per calendar, in the order the
// table first excludes it, with the codes that exclude it, its holidays
// and its source.
func TestREADMEHolidays(t *testing.T) {
	section := readmetest.Section(t, readmetest.Lines(t), "### Jurisdictions")
	got := readmetest.TableRows(t, section, readmeHolidaysHeader)
	var want []string
	for _, x := range HolidaysOf(Table()) {
		codes := make([]string, len(x.Codes))
		for i, code := range x.Codes {
			codes[i] = "`" + code + "`"
		}
		want = append(want, "| "+x.Name+" | "+strings.Join(codes, ", ")+" | "+strings.Join(x.Names(), ", ")+" | "+readmeLink(x.Source)+" |")
	}
	if !slices.Equal(got, want) {
		t.Errorf("the README's holiday table differs from the built-in calendars; want:\n%s\n%s", readmeHolidaysHeader+"\n|---|---|---|---|", strings.Join(want, "\n"))
	}
}
