package cellvalue

import (
	"strings"
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
		{in: "dd/mm/yyyy HH:mm:ss", layout: "02/01/2006 15:04:05"},
		// The hour of a 12-hour clock (hh, h) and AM/PM (A, a) are told
		// by case, as in Moment.js and Day.js, and go together.
		{in: "M/D/YYYY h:mm A", layout: "1/2/2006 3:04 PM"},
		{in: "MM/DD/YYYY hh:mm:ss A", layout: "01/02/2006 03:04:05 PM"},
		{in: "m/d/yy h:mm a", layout: "1/2/06 3:04 pm"},
		{in: "YYYY-MM-DD h:mmA", layout: "2006-01-02 3:04PM"},
		{in: "D/M/YYYY, h:mm A", layout: "2/1/2006, 3:04 PM"},
		{in: "dd/mm/yyyy hh:mm:ss", err: `"dd/mm/yyyy hh:mm:ss": hh is the hour of a 12-hour clock, which needs AM/PM: write dd/mm/yyyy hh:mm:ss A (a for am/pm), or dd/mm/yyyy HH:mm:ss for a 24-hour clock`},
		{in: "M/D/YYYY h:mm", err: `"M/D/YYYY h:mm": h is the hour of a 12-hour clock, which needs AM/PM: write M/D/YYYY h:mm A (a for am/pm), or M/D/YYYY H:mm for a 24-hour clock`},
		{in: "M/D/YYYY HH:mm A", err: `"M/D/YYYY HH:mm A": A (AM/PM) goes with the hour of a 12-hour clock, h or hh, not H or HH: write M/D/YYYY hh:mm A`},
		{in: "M/D/YYYY a", err: `"M/D/YYYY a": a (AM/PM) needs the hour of a 12-hour clock, h or hh, before it: write M/D/YYYY h:mm a`},
		{in: "M/D/YYYY h:mm AA", err: `"M/D/YYYY h:mm AA": AA is not one of the tokens a date pattern takes (YYYY, YY, MM, M, DD, D, HH, H, hh, h, mm, ss, A and a)`},
		{in: "dd/mm/aa", err: `"dd/mm/aa" is neither a date pattern of YYYY, YY, MM, M, DD, D, HH, H, hh, h, mm, ss, A and a nor a Go time layout of a whole date: for dd/mm/aa write DD/MM/YY`},
		{in: "M/D/YYYY hhh:mm A", err: `"M/D/YYYY hhh:mm A": hhh is not one of the tokens a date pattern takes (YYYY, YY, MM, M, DD, D, HH, H, hh, h, mm, ss, A and a)`},
		// AM/PM written as a word: Excel's AM/PM is A, the others are
		// refused with the pattern meant (a tester's finding: the M of AM
		// was read as a month, and no date was read, exit 0).
		{in: "m/d/yyyy h:mm AM/PM", layout: "1/2/2006 3:04 PM"},
		{in: "m/d/yyyy h:mm am/pm", layout: "1/2/2006 3:04 pm"},
		{in: "M/D/YYYY h:mm AM", err: `"M/D/YYYY h:mm AM": AM is not a token: write A for AM/PM (a for am/pm): M/D/YYYY h:mm A`},
		{in: "M/D/YYYY hh:mm:ss AM", err: `"M/D/YYYY hh:mm:ss AM": AM is not a token: write A for AM/PM (a for am/pm): M/D/YYYY hh:mm:ss A`},
		{in: "M/D/YYYY h:mm am", err: `"M/D/YYYY h:mm am": am is not a token: write a for am/pm (A for AM/PM): M/D/YYYY h:mm a`},
		{in: "M/D/YYYY h:mm PM", err: `"M/D/YYYY h:mm PM": PM is not a token: write A for AM/PM (a for am/pm): M/D/YYYY h:mm A`},
		{in: "M/D/YYYY h:mm P", err: `"M/D/YYYY h:mm P": P is not a token: write A for AM/PM (a for am/pm): M/D/YYYY h:mm A`},
		{in: "M/D/YYYY h:mm tt", err: `"M/D/YYYY h:mm tt": tt is not a token: write A for AM/PM (a for am/pm): M/D/YYYY h:mm A`},
		{in: "mm/dd/yyyy hh:mm tt", err: `"mm/dd/yyyy hh:mm tt": tt is not a token: write A for AM/PM (a for am/pm): mm/dd/yyyy hh:mm A`},
		{in: "DD/MM/YYYY HH:mm AM", err: `"DD/MM/YYYY HH:mm AM": AM is not a token: write A for AM/PM (a for am/pm): DD/MM/YYYY hh:mm A`},
		{in: "m/d/yyyy h:mm A/P", err: `"m/d/yyyy h:mm A/P": A/P is not a token: write A for AM/PM (a for am/pm): m/d/yyyy h:mm A`},
		{in: "02/01/2006 03:04 PM", layout: "02/01/2006 03:04 PM"},
		// A field given twice: time.Parse would keep the last.
		{in: "M/D/YYYY h:mm A A", err: `"M/D/YYYY h:mm A A": A gives the AM/PM a second time: a pattern gives each of the year, month, day, hour, minutes, seconds and AM/PM once`},
		{in: "DD/MM/YYYY MM", err: `"DD/MM/YYYY MM": MM gives the month a second time: a pattern gives each of the year, month, day, hour, minutes, seconds and AM/PM once`},
		{in: "M/D/YYYY HH:mm HH", err: `"M/D/YYYY HH:mm HH": HH gives the hour a second time: a pattern gives each of the year, month, day, hour, minutes, seconds and AM/PM once`},
		{in: "M/D/YYYY h:mm AM/PM AM/PM", err: `"M/D/YYYY h:mm AM/PM AM/PM": AM/PM gives the AM/PM a second time: a pattern gives each of the year, month, day, hour, minutes, seconds and AM/PM once`},
		{in: "YYYY-MM-DDTHH:mm:ss", layout: "2006-01-02T15:04:05"},
		{in: "02/01/2006", layout: "02/01/2006"},
		{in: "Jan 2, 2006", layout: "Jan 2, 2006"},
		{in: "MM/YYYY", err: `"MM/YYYY" is not a whole date: a pattern needs a year, a month and a day (YYYY, MM, DD), e.g. DD/MM/YYYY`},
		{in: "YYYYMMDD", layout: "20060102"},
		{in: "ddmmyy", layout: "020106"},
		{in: "D.M.YYYY H:mm", layout: "2.1.2006 15:04"},
		// A pattern's letters in another language: the pattern meant.
		{in: "dd/mm/aaaa", err: `"dd/mm/aaaa" is neither a date pattern of YYYY, YY, MM, M, DD, D, HH, H, hh, h, mm, ss, A and a nor a Go time layout of a whole date: for dd/mm/aaaa write DD/MM/YYYY`},
		{in: "TT.MM.JJJJ", err: `"TT.MM.JJJJ" is neither a date pattern of YYYY, YY, MM, M, DD, D, HH, H, hh, h, mm, ss, A and a nor a Go time layout of a whole date: for TT.MM.JJJJ write DD.MM.YYYY`},
		{in: "TT.MM.JJ HH:mm", err: `"TT.MM.JJ HH:mm" is neither a date pattern of YYYY, YY, MM, M, DD, D, HH, H, hh, h, mm, ss, A and a nor a Go time layout of a whole date: for TT.MM.JJ HH:mm write DD.MM.YY HH:mm`},
		{in: "JJ/MM/AAAA", err: `"JJ/MM/AAAA" is neither a date pattern of YYYY, YY, MM, M, DD, D, HH, H, hh, h, mm, ss, A and a nor a Go time layout of a whole date: for JJ/MM/AAAA write DD/MM/YYYY`},
		{in: "gg/mm/aaaa", err: `"gg/mm/aaaa" is neither a date pattern of YYYY, YY, MM, M, DD, D, HH, H, hh, h, mm, ss, A and a nor a Go time layout of a whole date: for gg/mm/aaaa write DD/MM/YYYY`},
		{in: "DD-MM-JJJJ", err: `"DD-MM-JJJJ" is neither a date pattern of YYYY, YY, MM, M, DD, D, HH, H, hh, h, mm, ss, A and a nor a Go time layout of a whole date: for DD-MM-JJJJ write DD-MM-YYYY`},
		{in: "dd/mm/jahr", err: `"dd/mm/jahr" is neither a date pattern of YYYY, YY, MM, M, DD, D, HH, H, hh, h, mm, ss, A and a nor a Go time layout of a whole date: for DD/MM/YYYY write DD/MM/YYYY or 02/01/2006`},
		// A run of a pattern letter that is no token (a tester's finding:
		// MMM was read as MM then M, and every date failed, exit 0).
		{in: "DD MMM YYYY", err: `"DD MMM YYYY": MMM is not one of the tokens a date pattern takes (YYYY, YY, MM, M, DD, D, HH, H, hh, h, mm, ss, A and a); for English month names write a Go layout, e.g. 02 Jan 2006`},
		{in: "D MMMM YYYY", err: `"D MMMM YYYY": MMMM is not one of the tokens a date pattern takes (YYYY, YY, MM, M, DD, D, HH, H, hh, h, mm, ss, A and a); for English month names write a Go layout, e.g. 02 Jan 2006`},
		{in: "DDD/MM/YYYY", err: `"DDD/MM/YYYY": DDD is not one of the tokens a date pattern takes (YYYY, YY, MM, M, DD, D, HH, H, hh, h, mm, ss, A and a)`},
		{in: "dd/mm/yyy", err: `"dd/mm/yyy": yyy is not one of the tokens a date pattern takes (YYYY, YY, MM, M, DD, D, HH, H, hh, h, mm, ss, A and a)`},
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
		// A 12-hour clock: the month first when either could be, as the
		// United States write it (Salesforce, Excel in en-US).
		{"", "3/4/2024 2:15 PM", "M/D/YYYY h:mm A or D/M/YYYY h:mm A"},
		{"", "03/04/2024 02:15:00 PM", "MM/DD/YYYY h:mm:ss A or DD/MM/YYYY h:mm:ss A"},
		{"", "3/4/24 2:15 pm", "M/D/YY h:mm a or D/M/YY h:mm a"},
		{"", "3/4/2024 2:15PM", "M/D/YYYY h:mmA or D/M/YYYY h:mmA"},
		{"", "4/10/2025, 3:31 PM", "M/D/YYYY, h:mm A or D/M/YYYY, h:mm A"},
		{"", "13/4/2024 2:15 PM", "D/M/YYYY h:mm A"},
		{"", "4/13/2024 12:05 AM", "M/D/YYYY h:mm A"},
		{"", "2024-03-04 2:15 PM", "YYYY-MM-DD h:mm A"},
		{"", "2024-3-4 02:15:00 am", "YYYY-M-D h:mm:ss a"},
		{"", "3/4/2024 14:15 PM", ""},
		{"", "3/4/2024 0:15 PM", ""},
		{"", "3/4/2024 00:15 AM", ""},
		{"", "4/10/2025, 3:31\u202fPM", "M/D/YYYY, h:mm A or D/M/YYYY, h:mm A"},
		{"", "13/4/2024 2:15\u00a0pm", "D/M/YYYY h:mm a"},
		{"", "3/4/2024 2:15 P.M.", ""},
		{"", "2024-03-04 2:15", ""},
		{"", "3/4/2024, ", ""},
		{"1/2/2006 3:04 PM", "3/4/2024 2:15 PM", "D/M/YYYY h:mm A"},
		{"1/2/2006 3:04 PM", "3/4/2024 2:15 pm", "M/D/YYYY h:mm a or D/M/YYYY h:mm a"},
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

// TestDateHintReads: the pattern a hint proposes, fed back as
// --date-format, reads the cell as the date its order means: 12:xx AM is
// 00:xx, 12:xx PM is 12:xx.
func TestDateHintReads(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want time.Time // with the first pattern of the hint
	}{
		{"3/4/2024 2:15 PM", time.Date(2024, 3, 4, 14, 15, 0, 0, time.UTC)},
		{"03/04/2024 02:15:00 PM", time.Date(2024, 3, 4, 14, 15, 0, 0, time.UTC)},
		{"3/4/24 2:15 pm", time.Date(2024, 3, 4, 14, 15, 0, 0, time.UTC)},
		{"3/4/2024 12:15 AM", time.Date(2024, 3, 4, 0, 15, 0, 0, time.UTC)},
		{"3/4/2024 12:15 PM", time.Date(2024, 3, 4, 12, 15, 0, 0, time.UTC)},
		{"3/4/2024 11:59:59 PM", time.Date(2024, 3, 4, 23, 59, 59, 0, time.UTC)},
		{"4/10/2025, 3:31 PM", time.Date(2025, 4, 10, 15, 31, 0, 0, time.UTC)},
		{"13/4/2024 2:15 PM", time.Date(2024, 4, 13, 14, 15, 0, 0, time.UTC)},
		{"2024-03-04 2:15 PM", time.Date(2024, 3, 4, 14, 15, 0, 0, time.UTC)},
		{"01/12/2026 09:00", time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)},
	} {
		hint := DateReader{}.Hint(tc.in)
		pattern, _, _ := strings.Cut(hint, " or ")
		layout, err := DateLayout(pattern)
		if err != nil {
			t.Errorf("Hint(%q) = %q: DateLayout(%q): %v", tc.in, hint, pattern, err)
			continue
		}
		if got, err := (DateReader{Layout: layout}).Parse(tc.in); err != nil || !got.Equal(tc.want) {
			t.Errorf("Hint(%q) = %q, which reads it as %v, %v; want %v", tc.in, hint, got, err, tc.want)
		}
	}
}

// TestHintFlags: a hint as the message and the table's next steps give it.
func TestHintFlags(t *testing.T) {
	for _, tc := range []struct{ hint, pattern, other, when string }{
		{"DD/MM/YYYY", "DD/MM/YYYY", "", ""},
		{"DD/MM/YYYY or MM/DD/YYYY", "DD/MM/YYYY", "MM/DD/YYYY", "if the month comes first"},
		{"DD/MM/YYYY HH:mm or MM/DD/YYYY HH:mm", `"DD/MM/YYYY HH:mm"`, `"MM/DD/YYYY HH:mm"`, "if the month comes first"},
		{"M/D/YYYY h:mm A or D/M/YYYY h:mm A", `"M/D/YYYY h:mm A"`, `"D/M/YYYY h:mm A"`, "if the day comes first"},
		{"D/M/YYYY h:mm A", `"D/M/YYYY h:mm A"`, "", ""},
	} {
		pattern, other, when := HintFlags(tc.hint)
		if pattern != tc.pattern || other != tc.other || when != tc.when {
			t.Errorf("HintFlags(%q) = %q, %q, %q; want %q, %q, %q", tc.hint, pattern, other, when, tc.pattern, tc.other, tc.when)
		}
	}
}

// TestPatternReads: a pattern of D, M and h reads the dates of the same
// pattern with DD, MM and hh, not the reverse.
func TestPatternReads(t *testing.T) {
	for _, tc := range []struct {
		p, q string
		want bool
	}{
		{"M/D/YYYY h:mm A", "M/D/YYYY h:mm A", true},
		{"M/D/YYYY h:mm A", "MM/DD/YYYY h:mm A", true},
		{"M/D/YYYY h:mm A", "MM/DD/YYYY hh:mm A", true},
		{"MM/DD/YYYY h:mm A", "M/D/YYYY h:mm A", false},
		{"M/D/YYYY h:mm A", "D/M/YYYY h:mm A", false},
		{"M/D/YYYY h:mm A", "M/D/YYYY h:mm a", false},
		{"D/M/YYYY", "DD/MM/YY", false},
		{"D/M/YYYY HH:mm", "DD/MM/YYYY HH:mm", true},
		// A pattern with a time reads its date alone (DateReader.Parse).
		{"M/D/YYYY h:mm A", "MM/DD/YYYY", true},
		{"M/D/YYYY, h:mm A", "M/D/YYYY", true},
		{"YYYY-MM-DDTHH:mm", "YYYY-MM-DD", true},
		{"M/D/YYYY", "M/D/YYYY h:mm A", false},
		{"M/D/YYYY h:mm A", "D/M/YYYY", false},
	} {
		if got := PatternReads(tc.p, tc.q); got != tc.want {
			t.Errorf("PatternReads(%q, %q) = %v, want %v", tc.p, tc.q, got, tc.want)
		}
		// Where a pattern is said to read another's dates, its layout does.
		pl, _ := DateLayout(tc.p)
		ql, _ := DateLayout(tc.q)
		ref := time.Date(2024, 12, 31, 23, 5, 0, 0, time.UTC).Format(ql)
		if _, err := (DateReader{Layout: pl}).Parse(ref); tc.want && err != nil {
			t.Errorf("%q does not read %q (%q): %v", tc.p, ref, tc.q, err)
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
		{"1/2/2006 3:04 PM", "M/D/YYYY h:mm A"},
		{"01/02/06 03:04:05pm", "MM/DD/YY hh:mm:ssa"},
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
