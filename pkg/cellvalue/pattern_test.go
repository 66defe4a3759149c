package cellvalue

import (
	"testing"
	"time"
)

// TestDateLayout: the patterns people type are read as their Go layouts,
// Go layouts as themselves, and anything else is refused, exactly.
func TestDateLayout(t *testing.T) {
	for _, tc := range []struct{ in, layout, err string }{
		{in: "DD/MM/YYYY", layout: "02/01/2006"},
		{in: "dd/mm/yyyy", layout: "02/01/2006"},
		{in: "YYYY-MM-DD", layout: "2006-01-02"},
		{in: "MM/DD/YYYY", layout: "01/02/2006"},
		{in: "DD.MM.YYYY", layout: "02.01.2006"},
		{in: "D/M/YYYY", layout: "2/1/2006"},
		{in: "DD/MM/YY", layout: "02/01/06"},
		{in: "DD/MM/YYYY HH:mm", layout: "02/01/2006 15:04"},
		{in: "dd/mm/yyyy hh:mm:ss", layout: "02/01/2006 15:04:05"},
		{in: "YYYY-MM-DDTHH:mm:ss", layout: "2006-01-02T15:04:05"},
		{in: "02/01/2006", layout: "02/01/2006"},
		{in: "Jan 2, 2006", layout: "Jan 2, 2006"},
		{in: "MM/YYYY", err: `"MM/YYYY" is not a whole date: a pattern needs a year, a month and a day (YYYY, MM, DD), e.g. DD/MM/YYYY`},
		{in: "dd/mm/aaaa", err: `"dd/mm/aaaa" is neither a date pattern of YYYY, MM, DD, HH, mm and ss nor a Go time layout of a whole date: for DD/MM/YYYY write DD/MM/YYYY or 02/01/2006`},
		{in: "bogus", err: `"bogus" is not a Go time layout of a whole date: write how your dates show 2006-01-02, e.g. 02/01/2006`},
	} {
		got, err := DateLayout(tc.in)
		if tc.err != "" {
			if err == nil || err.Error() != tc.err {
				t.Errorf("DateLayout(%q) = %q, %v; want error %s", tc.in, got, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.layout {
			t.Errorf("DateLayout(%q) = %q, %v; want %q", tc.in, got, err, tc.layout)
		}
	}
}

// TestDatePatternReads: a cell in the pattern's form reads as that date.
func TestDatePatternReads(t *testing.T) {
	layout, err := DateLayout("DD/MM/YYYY HH:mm")
	if err != nil {
		t.Fatal(err)
	}
	got, err := DateReader{Layout: layout}.Parse("15/03/2025 09:30")
	if want := time.Date(2025, 3, 15, 9, 30, 0, 0, time.UTC); err != nil || !got.Equal(want) {
		t.Errorf("Parse = %v, %v; want %v", got, err, want)
	}
}

// TestSuggestPattern: the pattern suggested reads the cell, with the day
// first and the month first when the cell does not say which.
func TestSuggestPattern(t *testing.T) {
	for _, tc := range []struct{ in, pattern, alt string }{
		{"01/12/2026 09:00", "DD/MM/YYYY HH:mm", "MM/DD/YYYY HH:mm"},
		{"31/12/2026 09:00", "DD/MM/YYYY HH:mm", ""},
		{"12/31/2026", "MM/DD/YYYY", ""},
		{"1/2/26", "D/M/YY", "M/D/YY"},
		{"15.03.2025 09:30:15", "DD.MM.YYYY HH:mm:ss", ""},
		{"2026/12/01 9:00", "YYYY/MM/DD HH:mm", ""},
		{"yesterday", "", ""},
		{"32/13/2026", "", ""},
		{"01/12", "", ""},
	} {
		p, alt := SuggestPattern(tc.in)
		if p != tc.pattern || alt != tc.alt {
			t.Errorf("SuggestPattern(%q) = %q, %q; want %q, %q", tc.in, p, alt, tc.pattern, tc.alt)
		}
		for _, v := range []string{p, alt} {
			if v == "" {
				continue
			}
			layout, err := DateLayout(v)
			if err == nil {
				_, err = DateReader{Layout: layout}.Parse(tc.in)
			}
			if err != nil {
				t.Errorf("--date-format %q does not read %q: %v", v, tc.in, err)
			}
		}
	}
}

// TestDateReaderSuggest: with Suggest, the error gives a --date-format
// value that reads the cell.
func TestDateReaderSuggest(t *testing.T) {
	for _, tc := range []struct{ in, err string }{
		{"01/12/2026 09:00", `"01/12/2026 09:00" is not a date (want RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time; set --date-format "DD/MM/YYYY HH:mm" if the day comes first, "MM/DD/YYYY HH:mm" if the month does)`},
		{"13/12/2026", `"13/12/2026" is not a date (want RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time; set --date-format "DD/MM/YYYY")`},
		{"yesterday", `"yesterday" is not a date (want RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time; set --date-format for other layouts)`},
	} {
		_, err := DateReader{Suggest: true}.Parse(tc.in)
		if err == nil || err.Error() != tc.err {
			t.Errorf("Parse(%q) error = %v; want %s", tc.in, err, tc.err)
		}
	}
}
