package cli

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/jurisdiction"
	"github.com/listaudit/listaudit/pkg/report"
)

// jurisdictionsTopic is the argument of `listaudit rules jurisdictions`,
// which lists the built-in jurisdiction table rather than a rule.
const jurisdictionsTopic = "jurisdictions"

// entryJSON is one jurisdiction of the table as `rules -f json` writes it.
type entryJSON struct {
	Code       string                         `json:"code"`
	Name       string                         `json:"name"`
	Thresholds []domain.JurisdictionThreshold `json:"thresholds"`
	// Holidays are those its sending window excludes.
	Holidays []holidaysJSON `json:"holidays,omitempty"`
}

// holidaysJSON is a calendar of holidays a sending window excludes.
type holidaysJSON struct {
	Name   string   `json:"name"`
	Days   []string `json:"days"`
	Source string   `json:"source"`
	URL    string   `json:"url"`
	Status string   `json:"status"`
	Note   string   `json:"note"`
}

// appliesJSON is what applies to a number of one jurisdiction.
type appliesJSON struct {
	Code string `json:"code"`
	Name string `json:"name"`
	// Within are the jurisdictions such a number is in, country first.
	Within  []string     `json:"within"`
	Applies []mergedJSON `json:"applies"`
	Entries []entryJSON  `json:"jurisdictions"`
}

type mergedJSON struct {
	Kind  string `json:"kind"`
	Value string `json:"value"`
	SetBy string `json:"set_by"`
	// StrictestOf are the jurisdictions that set one, Value the strictest.
	StrictestOf []string `json:"strictest_of"`
}

func entriesJSON(entries []jurisdiction.Entry) []entryJSON {
	out := make([]entryJSON, 0, len(entries))
	for _, e := range entries {
		j := entryJSON{Code: e.Code, Name: e.Name, Thresholds: jurisdiction.Thresholds(e)}
		if e.Window != nil {
			for _, c := range e.Window.Holidays {
				j.Holidays = append(j.Holidays, holidaysJSON{c.Name, c.Names(), c.Source.Cite, c.Source.URL, c.Source.Status.String(), c.Source.Note})
			}
		}
		out = append(out, j)
	}
	return out
}

// writeJurisdictionTable writes `listaudit rules jurisdictions`: every
// entry of the table with its sources.
func writeJurisdictionTable(b *bytes.Buffer, format string, ascii bool) error {
	entries := jurisdiction.Table()
	if format == domain.SummaryJSON {
		return encodeJSON(b, entriesJSON(entries))
	}
	b.WriteString("The built-in jurisdiction table (--jurisdictions builtin). A number is in its\n" +
		"country and, for +1 numbers, the state or province of its area code; per\n" +
		"threshold the strictest of them applies, beside the policy's own.\n\n")
	if err := writeEntries(b, entries, true, ascii); err != nil {
		return err
	}
	b.WriteString("\nWhat applies to one number: 'listaudit rules --jurisdiction CODE'.\n")
	return nil
}

// writeJurisdiction writes `listaudit rules --jurisdiction CODE`: what
// applies to a number there, merged over the jurisdictions it is in, and
// each of their entries with sources.
func writeJurisdiction(b *bytes.Buffer, code, format string, ascii bool) error {
	within := jurisdiction.Within(code)
	p := domain.DefaultPolicy()
	var entries []jurisdiction.Entry
	for _, c := range within {
		if e, ok := jurisdiction.Resolve(c, p); ok {
			entries = append(entries, e)
		}
	}
	var merged []jurisdiction.Merged
	if a := jurisdiction.Effective(within, p); a != nil {
		merged = a.Strictest()
	}
	if format == domain.SummaryJSON {
		out := appliesJSON{Code: code, Name: jurisdiction.Name(code), Within: within, Applies: []mergedJSON{}, Entries: entriesJSON(entries)}
		for _, m := range merged {
			out.Applies = append(out.Applies, mergedJSON{m.Kind, m.Value, m.Code, m.Of})
		}
		return encodeJSON(b, out)
	}
	names := make([]string, len(within))
	for i, c := range within {
		names[i] = c + " (" + jurisdiction.Name(c) + ")"
	}
	if len(entries) == 0 {
		b.WriteString(wrap(fmt.Sprintf("The built-in table sets nothing for %s: the policy's own thresholds apply to its numbers.", strings.Join(names, " and ")), 78) + "\n")
		return nil
	}
	b.WriteString(wrap(fmt.Sprintf("A number in %s is judged by %s: per threshold, the strictest of them applies, beside the policy's own.", names[len(names)-1], strings.Join(names, " and ")), 78) + "\n\n")
	rows := make([][]string, 0, len(merged))
	for _, m := range merged {
		setBy := m.Code
		if len(m.Of) > 1 {
			setBy += ", the strictest of " + strings.Join(m.Of, ", ")
		}
		rows = append(rows, []string{strings.ReplaceAll(m.Kind, "_", " "), m.Value, setBy})
	}
	if err := report.WriteTable(b, []string{"THRESHOLD", "APPLIES", "SET BY"}, marksCells(ascii, rows)); err != nil {
		return err
	}
	b.WriteString("\n")
	return writeEntries(b, entries, false, ascii)
}

// writeEntries writes entries' thresholds as a table, then their sources
// with URL and note.
func writeEntries(b *bytes.Buffer, entries []jurisdiction.Entry, withName, ascii bool) error {
	header := []string{"CODE", "THRESHOLD", "VALUE", "COVERS", "SOURCE", "STATUS"}
	if withName {
		header = []string{"CODE", "NAME", "THRESHOLD", "VALUE", "COVERS", "SOURCE", "STATUS"}
	}
	var rows [][]string
	var sources []domain.JurisdictionThreshold
	for _, e := range entries {
		for i, t := range jurisdiction.Thresholds(e) {
			code, name := e.Code, e.Name
			if i > 0 {
				code, name = "", ""
			}
			row := []string{code, strings.ReplaceAll(t.Kind, "_", " "), t.Value, t.Covers, t.Source, t.Status}
			if withName {
				row = append([]string{code, name}, row[1:]...)
			}
			rows = append(rows, row)
			if !containsSource(sources, t.Source) {
				sources = append(sources, t)
			}
		}
	}
	if err := report.WriteTable(b, header, marksCells(ascii, rows)); err != nil {
		return err
	}
	b.WriteString("\nSources:\n")
	for _, s := range sources {
		writeSource(b, s.Source+" ("+s.Status+")", s.URL, s.Note)
	}
	writeHolidays(b, entries)
	return nil
}

// writeSource writes a source: its heading, URL and notes, each note a
// paragraph, indented.
func writeSource(b *bytes.Buffer, heading, url string, notes ...string) {
	fmt.Fprintf(b, "  %s\n    %s\n", heading, url)
	for _, note := range notes {
		if note != "" {
			b.WriteString("    " + strings.ReplaceAll(wrap(note, 74), "\n", "\n    ") + "\n")
		}
	}
}

// writeHolidays writes the holidays entries' windows exclude: each
// calendar once, with the codes that exclude it, its days and its source.
func writeHolidays(b *bytes.Buffer, entries []jurisdiction.Entry) {
	excluded := jurisdiction.HolidaysOf(entries)
	if len(excluded) == 0 {
		return
	}
	b.WriteString("\nHolidays excluded, each on its date and on the day it is moved to:\n")
	for _, x := range excluded {
		s := x.Source
		writeSource(b, x.Name+", by "+strings.Join(x.Codes, ", ")+": "+s.Cite+" ("+s.Status.String()+")", s.URL,
			strings.Join(x.Names(), ", "), s.Note)
	}
}

func containsSource(ts []domain.JurisdictionThreshold, cite string) bool {
	for _, t := range ts {
		if t.Source == cite {
			return true
		}
	}
	return false
}
