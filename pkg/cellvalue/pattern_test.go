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
		{in: "YYYYMMDD", layout: "20060102"},
		{in: "ddmmyy", layout: "020106"},
		{in: "D.M.YYYY H:mm", layout: "2.1.2006 15:04"},
		// A pattern's letters in another language: the pattern meant.
		{in: "dd/mm/aaaa", err: `"dd/mm/aaaa" is neither a date pattern of YYYY, YY, MM, M, DD, D, HH, H, mm and ss nor a Go time layout of a whole date: for dd/mm/aaaa write DD/MM/YYYY`},
		{in: "TT.MM.JJJJ", err: `"TT.MM.JJJJ" is neither a date pattern of YYYY, YY, MM, M, DD, D, HH, H, mm and ss nor a Go time layout of a whole date: for TT.MM.JJJJ write DD.MM.YYYY`},
		{in: "TT.MM.JJ HH:mm", err: `"TT.MM.JJ HH:mm" is neither a date pattern of YYYY, YY, MM, M, DD, D, HH, H, mm and ss nor a Go time layout of a whole date: for TT.MM.JJ HH:mm write DD.MM.YY HH:mm`},
		{in: "JJ/MM/AAAA", err: `"JJ/MM/AAAA" is neither a date pattern of YYYY, YY, MM, M, DD, D, HH, H, mm and ss nor a Go time layout of a whole date: for JJ/MM/AAAA write DD/MM/YYYY`},
		{in: "gg/mm/aaaa", err: `"gg/mm/aaaa" is neither a date pattern of YYYY, YY, MM, M, DD, D, HH, H, mm and ss nor a Go time layout of a whole date: for gg/mm/aaaa write DD/MM/YYYY`},
		{in: "DD-MM-JJJJ", err: `"DD-MM-JJJJ" is neither a date pattern of YYYY, YY, MM, M, DD, D, HH, H, mm and ss nor a Go time layout of a whole date: for DD-MM-JJJJ write DD-MM-YYYY`},
		{in: "dd/mm/jahr", err: `"dd/mm/jahr" is neither a date pattern of YYYY, YY, MM, M, DD, D, HH, H, mm and ss nor a Go time layout of a whole date: for DD/MM/YYYY write DD/MM/YYYY or 02/01/2006`},
		// A run of a pattern letter that is no token (a tester's finding:
		// MMM was read as MM then M, and every date failed, exit 0).
		{in: "DD MMM YYYY", err: `"DD MMM YYYY": MMM is not one of the tokens a date pattern takes (YYYY, YY, MM, M, DD, D, HH, H, mm and ss); for English month names write a Go layout, e.g. 02 Jan 2006`},
		{in: "D MMMM YYYY", err: `"D MMMM YYYY": MMMM is not one of the tokens a date pattern takes (YYYY, YY, MM, M, DD, D, HH, H, mm and ss); for English month names write a Go layout, e.g. 02 Jan 2006`},
		{in: "DDD/MM/YYYY", err: `"DDD/MM/YYYY": DDD is not one of the tokens a date pattern takes (YYYY, YY, MM, M, DD, D, HH, H, mm and ss)`},
		{in: "dd/mm/yyy", err: `"dd/mm/yyy": yyy is not one of the tokens a date pattern takes (YYYY, YY, MM, M, DD, D, HH, H, mm and ss)`},
		{in: "02 Jan 2006", layout: "02 Jan 2006"},
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

// TestDateHint: a cell with the look of a day-month (or month-day) date,
// or of YYYYMMDD, gets the pattern that reads it; both when the day could
// be either number; none when no pattern reads it or the reader's does.
func TestDateHint(t *testing.T) {
	for _, tc := range []struct{ layout, in, hint string }{
		{"", "15/03/2025", "DD/MM/YYYY"},
		{"", " 15.03.2025 ", "DD.MM.YYYY"},
		{"", "15-03-25", "DD-MM-YY"},
		{"", "03/15/2025", "MM/DD/YYYY"},
		{"", "01/02/2025", "DD/MM/YYYY or MM/DD/YYYY"},
		{"", "1/2/2025", "D/M/YYYY or M/D/YYYY"},
		{"", "15/3/2025", "D/M/YYYY"},
		{"", "15/03/2025 09:30", "DD/MM/YYYY HH:mm"},
		{"", "15/03/2025 9:30:05", "DD/MM/YYYY HH:mm:ss"},
		{"", "20250122", "YYYYMMDD"},
		{"", "31/02/2025", ""},
		{"", "15/13/2025", ""},
		{"", "15/03-2025", ""},
		{"", "15/03/202", ""},
		{"", "2025/03/15", ""},
		{"", "15/03/2025 9h30", ""},
		{"", "12 janv. 2025", ""},
		{"", "45678", ""},
		{"02/01/2006", "15/03/2025", ""},
		{"02/01/2006", "1/2/2025", "D/M/YYYY or M/D/YYYY"},
		{"01/02/2006", "01/02/2025", "DD/MM/YYYY"},
	} {
		if got := (DateReader{Layout: tc.layout}).Hint(tc.in); got != tc.hint {
			t.Errorf("Hint(%q) with layout %q = %q, want %q", tc.in, tc.layout, got, tc.hint)
		}
	}
}

// TestPatternOf: a layout is shown as the pattern that gives it, and one
// no pattern gives as itself.
func TestPatternOf(t *testing.T) {
	for _, tc := range []struct{ layout, pattern string }{
		{"02/01/2006", "DD/MM/YYYY"},
		{"2.1.06 15:04:05", "D.M.YY HH:mm:ss"},
		{"2006-01-02T15:04", "YYYY-MM-DDTHH:mm"},
		{"20060102", "YYYYMMDD"},
		{"Jan 2, 2006", "Jan 2, 2006"},
	} {
		if got := PatternOf(tc.layout); got != tc.pattern {
			t.Errorf("PatternOf(%q) = %q, want %q", tc.layout, got, tc.pattern)
		}
		if layout, err := DateLayout(tc.pattern); err != nil || layout != tc.layout {
			t.Errorf("DateLayout(%q) = %q, %v; want %q", tc.pattern, layout, err, tc.layout)
		}
	}
}
