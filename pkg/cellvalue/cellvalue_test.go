package cellvalue

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"
)

func TestDateReaderParse(t *testing.T) {
	utc := func(y int, m time.Month, d, h, min, s int) time.Time {
		return time.Date(y, m, d, h, min, s, 0, time.UTC)
	}
	tests := []struct {
		layout, in string
		want       time.Time
		wantErr    string
	}{
		{"", "2025-03-01", utc(2025, 3, 1, 0, 0, 0), ""},
		{"", " 2025-03-01 ", utc(2025, 3, 1, 0, 0, 0), ""},
		{"", "2025-03-01T10:20:30Z", utc(2025, 3, 1, 10, 20, 30), ""},
		{"", "2025-03-01T10:20:30+03:00", utc(2025, 3, 1, 7, 20, 30), ""},
		{"", "2025-03-01 10:20:30", utc(2025, 3, 1, 10, 20, 30), ""},
		{"", "2025-03-01T10:20:30", utc(2025, 3, 1, 10, 20, 30), ""},
		{"", "2025-03-01 10:20", utc(2025, 3, 1, 10, 20, 0), ""},
		{"", "2025-03-01T10:20", utc(2025, 3, 1, 10, 20, 0), ""},
		// Infobip's receivedAt and sentAt: a zone without its colon.
		{"", "2026-01-05T10:00:00.000+0000", utc(2026, 1, 5, 10, 0, 0), ""},
		{"", "2026-01-05T10:00:00+0300", utc(2026, 1, 5, 7, 0, 0), ""},
		{"", "2026-01-05 10:00:00.123-0500", time.Date(2026, 1, 5, 15, 0, 0, 123e6, time.UTC), ""},
		// RFC 2822, as Twilio's REST API writes dates.
		{"", "Mon, 16 Aug 2010 03:45:01 +0000", utc(2010, 8, 16, 3, 45, 1), ""},
		{"", "Tue, 6 Jan 2026 09:00:00 -0500", utc(2026, 1, 6, 14, 0, 0), ""},
		{"", "Tue, 06 Jan 2026 09:00:00 GMT", utc(2026, 1, 6, 9, 0, 0), ""},
		{"", "6 Jan 2026 09:00:00 UT", utc(2026, 1, 6, 9, 0, 0), ""},
		{"", "Tue, 06 Jan 2026 09:00:00 EST", time.Time{}, `"Tue, 06 Jan 2026 09:00:00 EST" is not a date (want RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time; set --date-format for other layouts; zone names (EST) are not read: write the time in UTC or with its offset (-05:00))`},
		{"", "Tue 06 Jan 2026 09:00:00 +0000", time.Time{}, `"Tue 06 Jan 2026 09:00:00 +0000" is not a date (want RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time; set --date-format for other layouts; month names are read in English only, with a Go layout such as 02 Jan 2006)`},
		{"", "2025-03-01 10", time.Time{}, `"2025-03-01 10" is not a date (want RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time; set --date-format for other layouts)`},
		{"", "1700000000", utc(2023, 11, 14, 22, 13, 20), ""},
		{"", "1700000000000", utc(2023, 11, 14, 22, 13, 20), ""},
		{"", "31/12/2025", time.Time{}, `"31/12/2025" is not a date (want RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time; set --date-format DD/MM/YYYY to read it)`},
		// English month names: the Go layout that reads them; others are
		// not read, and the message says so.
		{"", "12-Jan-2025", time.Time{}, `"12-Jan-2025" is not a date (want RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time; set --date-format "2-Jan-2006" (a Go layout) to read it)`},
		{"", "Jan 12, 2025", time.Time{}, `"Jan 12, 2025" is not a date (want RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time; set --date-format "Jan 2, 2006" (a Go layout) to read it)`},
		{"", "12 january 2025", time.Time{}, `"12 january 2025" is not a date (want RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time; set --date-format "2 January 2006" (a Go layout) to read it)`},
		{"", "12 janv. 2025", time.Time{}, `"12 janv. 2025" is not a date (want RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time; set --date-format for other layouts; month names are read in English only, with a Go layout such as 02 Jan 2006)`},
		{"", "n/a", time.Time{}, `"n/a" is not a date (want RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time; set --date-format for other layouts)`},
		{"2-Jan-2006", "12-Jan-2025", utc(2025, 1, 12, 0, 0, 0), ""},
		{"", "01/02/2025", time.Time{}, `"01/02/2025" is not a date (want RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time; set --date-format DD/MM/YYYY to read it, or MM/DD/YYYY if the month comes first)`},
		{"", "31/02/2025", time.Time{}, `"31/02/2025" is not a date (want RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time; set --date-format for other layouts)`},
		// Digits that read as a Unix time before 2000 are no date a list
		// holds: an Excel serial date, a YYYYMMDD date (a tester's finding:
		// both were read as 1970).
		{"", "946684800", utc(2000, 1, 1, 0, 0, 0), ""},
		{"", "946684799", time.Time{}, `"946684799" is not a date (read as Unix time it is 1999-12-31T23:59:59Z, before 2000: no date a contact list holds)`},
		{"", "946684799999", time.Time{}, `"946684799999" is not a date (read as Unix time it is 1999-12-31T23:59:59Z, before 2000: no date a contact list holds)`},
		{"", "0", time.Time{}, `"0" is not a date (read as Unix time it is 1970-01-01, before 2000: no date a contact list holds)`},
		{"", "45678", time.Time{}, `"45678" is not a date (read as Unix time it is 1970-01-01T12:41:18Z, before 2000): it looks like an Excel serial date, 2025-01-21 (2029-01-22 in a workbook of the 1904 date system); format the column as dates (YYYY-MM-DD) in the spreadsheet before exporting it`},
		{"", "45678.5", time.Time{}, `"45678.5" is not a date (want RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time): it looks like an Excel serial date and time, 2025-01-21T12:00:00Z; format the column as dates (YYYY-MM-DD) in the spreadsheet before exporting it`},
		{"", "45678,25", time.Time{}, `"45678,25" is not a date (want RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time): it looks like an Excel serial date and time, 2025-01-21T06:00:00Z; format the column as dates (YYYY-MM-DD) in the spreadsheet before exporting it`},
		{"", "20250122", time.Time{}, `"20250122" is not a date (read as Unix time it is 1970-08-23T09:02:02Z, before 2000): it looks like YYYYMMDD, 2025-01-22; set --date-format YYYYMMDD to read it`},
		{"", "20251322", time.Time{}, `"20251322" is not a date (read as Unix time it is 1970-08-23T09:22:02Z, before 2000: no date a contact list holds)`},
		{"20060102", "20250122", utc(2025, 1, 22, 0, 0, 0), ""},
		{"02/01/2006", "31/12/2025", utc(2025, 12, 31, 0, 0, 0), ""},
		{"02/01/2006", "2025-12-31", utc(2025, 12, 31, 0, 0, 0), ""},
		// The user's layout is shown as the pattern --date-format takes.
		{"02/01/2006", "yesterday", time.Time{}, `"yesterday" is not a date (want DD/MM/YYYY, RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time; set --date-format for other layouts)`},
		{"02/01/2006", "1/2/2025", time.Time{}, `"1/2/2025" is not a date (want DD/MM/YYYY, RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time; set --date-format D/M/YYYY to read it, or M/D/YYYY if the month comes first)`},
		// A cell in the other order of day and month than the layout given
		// is to be corrected, not read with the other order: the flag keeps
		// its last value, and the list's other rows need the one given.
		{"02/01/2006", "03/15/2025", time.Time{}, `"03/15/2025" is not a date (want DD/MM/YYYY, RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time; it is written the month first (MM/DD/YYYY), but --date-format DD/MM/YYYY puts the day first: correct it at the source)`},
		{"02/01/2006", "31/02/2025", time.Time{}, `"31/02/2025" is not a date (want DD/MM/YYYY, RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time; set --date-format for other layouts)`},
		// A 12-hour clock (Salesforce, Excel in en-US): the month first
		// when either could be; 12:xx AM is 00:xx, 12:xx PM is 12:xx.
		{"", "3/4/2024 2:15 PM", time.Time{}, `"3/4/2024 2:15 PM" is not a date (want RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time; set --date-format "M/D/YYYY h:mm A" to read it, or "D/M/YYYY h:mm A" if the day comes first)`},
		{"", "13/4/2024 2:15 PM", time.Time{}, `"13/4/2024 2:15 PM" is not a date (want RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time; set --date-format "D/M/YYYY h:mm A" to read it)`},
		{"", "2024-03-04 2:15 PM", time.Time{}, `"2024-03-04 2:15 PM" is not a date (want RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time; set --date-format "YYYY-MM-DD h:mm A" to read it)`},
		{"", "3/4/2024 14:15 PM", time.Time{}, `"3/4/2024 14:15 PM" is not a date (want RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time; set --date-format for other layouts)`},
		{"1/2/2006 3:04 PM", "3/4/2024 2:15 PM", utc(2024, 3, 4, 14, 15, 0), ""},
		{"1/2/2006 3:04 PM", "3/4/2024 12:15 AM", utc(2024, 3, 4, 0, 15, 0), ""},
		{"1/2/2006 3:04 PM", "3/4/2024 12:15 PM", utc(2024, 3, 4, 12, 15, 0), ""},
		{"1/2/2006 3:04 PM", "2024-03-04", utc(2024, 3, 4, 0, 0, 0), ""},
		{"01/02/2006 03:04:05 PM", "03/04/2024 02:15:00 PM", utc(2024, 3, 4, 14, 15, 0), ""},
		{"1/2/06 3:04 pm", "3/4/24 2:15 pm", utc(2024, 3, 4, 14, 15, 0), ""},
		{"1/2/2006 3:04 PM", "3/4/2024 2:15 pm", time.Time{}, `"3/4/2024 2:15 pm" is not a date (want M/D/YYYY h:mm A, RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time; set --date-format "M/D/YYYY h:mm a" to read it, or "D/M/YYYY h:mm a" if the day comes first)`},
		// An hour of 0 is no hour of a 12-hour clock (a tester's finding:
		// 0:15 PM was read as 12:15).
		{"1/2/2006 3:04 PM", "3/4/2024 0:15 PM", time.Time{}, `"3/4/2024 0:15 PM" is not a date (want M/D/YYYY h:mm A, RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time; set --date-format for other layouts)`},
		{"01/02/2006 03:04 PM", "03/04/2024 00:15 AM", time.Time{}, `"03/04/2024 00:15 AM" is not a date (want MM/DD/YYYY hh:mm A, RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time; set --date-format for other layouts)`},
		{"", "3/4/2024 0:15 PM", time.Time{}, `"3/4/2024 0:15 PM" is not a date (want RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time; set --date-format for other layouts)`},
		{"1/2/2006 15:04", "3/4/2024 0:15", utc(2024, 3, 4, 0, 15, 0), ""},
		{"1/2/2006 3:04 PM", "3/4/2024 10:15 AM", utc(2024, 3, 4, 10, 15, 0), ""},
		// A layout with a time reads its date alone (a Salesforce export's
		// date-only column), after the built-in layouts.
		{"1/2/2006 3:04 PM", "11/28/2025", utc(2025, 11, 28, 0, 0, 0), ""},
		{"2/1/2006 15:04", "28/11/2025", utc(2025, 11, 28, 0, 0, 0), ""},
		{"2006-01-02 3:04 PM", "2025-11-28", utc(2025, 11, 28, 0, 0, 0), ""},
		{"1/2/2006 3:04 PM", "13/1/2026", time.Time{}, `"13/1/2026" is not a date (want M/D/YYYY h:mm A, RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time; it is written the day first (D/M/YYYY), but --date-format "M/D/YYYY h:mm A" puts the month first: correct it at the source)`},
		{"1/2/2006 3:04 PM", "13/1/2026 2:00 PM", time.Time{}, `"13/1/2026 2:00 PM" is not a date (want M/D/YYYY h:mm A, RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time; it is written the day first (D/M/YYYY h:mm A), but --date-format "M/D/YYYY h:mm A" puts the month first: correct it at the source)`},
		// A no-break space before AM/PM (CLDR 42's en-US, U+202F) is a space.
		{"1/2/2006, 3:04 PM", "4/10/2025, 3:31\u202fPM", utc(2025, 4, 10, 15, 31, 0), ""},
		{"1/2/2006, 3:04 PM", "4/10/2025, 3:31\u00a0PM", utc(2025, 4, 10, 15, 31, 0), ""},
		{"", "4/10/2025, 3:31\u202fPM", time.Time{}, `"4/10/2025, 3:31\u202fPM" is not a date (want RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time; set --date-format "M/D/YYYY, h:mm A" to read it, or "D/M/YYYY, h:mm A" if the day comes first)`},
		// Words that are no month name get no month-name advice.
		{"", "3/4/2024 02:15 p.m.", time.Time{}, `"3/4/2024 02:15 p.m." is not a date (want RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time; set --date-format for other layouts; AM/PM is read only as AM or PM (A) or am or pm (a), not "p.m.")`},
		{"", "3/4/2024 2:15 Pm", time.Time{}, `"3/4/2024 2:15 Pm" is not a date (want RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time; set --date-format for other layouts; AM/PM is read only as AM or PM (A) or am or pm (a), not "Pm")`},
		{"", "3/4/2024 2:15 PM EST", time.Time{}, `"3/4/2024 2:15 PM EST" is not a date (want RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time; set --date-format for other layouts; zone names (EST) are not read: write the time in UTC or with its offset (-05:00))`},
		{"Jan 2, 2006", "2 Jan 2025", time.Time{}, `"2 Jan 2025" is not a date (want Jan 2, 2006, RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time; set --date-format "2 Jan 2006" (a Go layout) to read it)`},
		// YYYY-MM-DD, as written or with spaces around; a --date-format
		// that reads it otherwise (the day first) comes first.
		{"", "2025-03-04", utc(2025, 3, 4, 0, 0, 0), ""},
		{"", " 2025-03-04\t", utc(2025, 3, 4, 0, 0, 0), ""},
		{"2006-02-01", "2025-03-04", utc(2025, 4, 3, 0, 0, 0), ""},
		{"", "2025-02-30", time.Time{}, `"2025-02-30" is not a date (want RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time; set --date-format for other layouts)`},
	}
	for _, tt := range tests {
		got, err := DateReader{Layout: tt.layout}.Parse(tt.in)
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("Parse(%q, layout %q) error = %v, want %s", tt.in, tt.layout, err, tt.wantErr)
			}
			continue
		}
		if err != nil || !got.Equal(tt.want) || got.Location() != time.UTC {
			t.Errorf("Parse(%q, layout %q) = %v, %v; want %v", tt.in, tt.layout, got, err, tt.want)
		}
	}
}

func TestBlank(t *testing.T) {
	for _, cell := range []string{"", " ", "\t \r\n", "\u00a0", "\u200b", "\u202a\u202c", "\ufeff", "\u3000"} {
		if !Blank(cell) {
			t.Errorf("Blank(%q) = false", cell)
		}
	}
	for _, cell := range []string{"x", " web ", "\u00a0-", "0", "\x00"} {
		if Blank(cell) {
			t.Errorf("Blank(%q) = true", cell)
		}
	}
}

func TestPlaceholder(t *testing.T) {
	tests := []struct {
		cell string
		want bool
	}{
		{"-", true}, {"--", true}, {"–", true}, {"—", true}, {".", true}, {"?", true}, {"0", true},
		{"n/a", true}, {"N/A", true}, {"n/A", true}, {" N/A ", true}, {"\tn/a\r\n", true}, {"\u00a0-\u00a0", true},
		{"#N/A", true}, {"#n/a", true}, {"nil", true}, {"NIL", true}, {"none", true}, {"None", true},
		{"null", true}, {"NULL", true}, {" 0 ", true},
		// Words that say something, numbers, and near misses.
		{"", false}, {" ", false}, {"unknown", false}, {"Unknown", false}, {"withheld", false},
		{"00", false}, {"000", false}, {"+", false}, {"0712345678", false}, {"+254712345678", false},
		{"na", false}, {"n/", false}, {"---", false}, {"- -", false}, {"#N/A!", false}, {"nulls", false},
		{"non", false}, {"nan", false}, {"#NAME?", false}, {"−", false}, {"-1", false}, {"mone", false},
		{"#one", false}, {"nul", false},
	}
	for _, tt := range tests {
		if got := Placeholder(tt.cell); got != tt.want {
			t.Errorf("Placeholder(%q) = %v, want %v", tt.cell, got, tt.want)
		}
	}
}

// TestPlaceholderMatchesList: Placeholder, a switch, reads exactly the
// documented list, in any case and with spaces around.
func TestPlaceholderMatchesList(t *testing.T) {
	for _, p := range Placeholders {
		for _, cell := range []string{p, strings.ToUpper(p), strings.ToLower(p), " " + p + "\t"} {
			if !Placeholder(cell) {
				t.Errorf("Placeholder(%q) = false for %q of Placeholders", cell, p)
			}
		}
	}
	// Every string of up to 4 bytes over the bytes the list uses (and
	// some others) is a placeholder only when the list holds it.
	alphabet := "-–—.?0n/a#NAilLoeu1 x"
	var chars []string
	for _, r := range alphabet {
		chars = append(chars, string(r))
	}
	var walk func(s string, depth int)
	walk = func(s string, depth int) {
		want := false
		for _, p := range Placeholders {
			want = want || strings.EqualFold(strings.TrimSpace(s), p)
		}
		if got := Placeholder(s); got != want {
			t.Errorf("Placeholder(%q) = %v, want %v", s, got, want)
		}
		if depth == 4 {
			return
		}
		for _, c := range chars {
			walk(s+c, depth+1)
		}
	}
	walk("", 0)
}

func TestCheckLayout(t *testing.T) {
	for _, layout := range []string{"02/01/2006", "2006-01-02", "01/02/06", "Jan 2, 2006", "2.1.2006 15:04", "2006-002"} {
		if err := CheckLayout(layout); err != nil {
			t.Errorf("CheckLayout(%q) = %v, want nil", layout, err)
		}
	}
	for _, layout := range []string{"bogus", "01/2006", "15:04", "02/01", "2006"} {
		want := fmt.Sprintf("%q is not a Go time layout of a whole date: write how your dates show 2006-01-02, e.g. 02/01/2006", layout)
		if err := CheckLayout(layout); err == nil || err.Error() != want {
			t.Errorf("CheckLayout(%q) = %v, want %s", layout, err, want)
		}
	}
}

func TestDateWithoutZoneIsUTCWhateverTheMachineZone(t *testing.T) {
	t.Setenv("TZ", "Asia/Tokyo")
	saved := time.Local
	time.Local = time.FixedZone("JST", 9*3600)
	defer func() { time.Local = saved }()
	got, err := DateReader{}.Parse("2025-03-01 10:00:00")
	if err != nil || !got.Equal(time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)) {
		t.Fatalf("got %v, %v", got, err)
	}
}

func TestParseBool(t *testing.T) {
	tests := []struct {
		lang    string
		yes, no []string
	}{
		{"English", []string{"true", "TRUE", "Yes", "y", "1", "t", "X", " yes "}, []string{"false", "No", "n", "0", "F", "", "  "}},
		// Excel writes its TRUE and FALSE in the language of the machine.
		{"French", []string{"oui", "Oui", "OUI", "vrai", "VRAI"}, []string{"non", "Non", "NON", "faux", "FAUX"}},
		{"German", []string{"ja", "Ja", "JA", "wahr", "WAHR"}, []string{"nein", "Nein", "falsch", "FALSCH"}},
		{"Spanish", []string{"sí", "Sí", "SÍ", "si", "Si", "verdadero", "VERDADERO"}, []string{"no", "falso", "FALSO"}},
		{"Portuguese", []string{"sim", "Sim", "SIM", "verdadeiro", "VERDADEIRO"}, []string{"não", "Não", "NÃO", "nao", "NAO", "falso"}},
	}
	for _, tt := range tests {
		for _, in := range tt.yes {
			if v, err := ParseBool(in); err != nil || !v {
				t.Errorf("%s: ParseBool(%q) = %v, %v; want true", tt.lang, in, v, err)
			}
		}
		for _, in := range tt.no {
			if v, err := ParseBool(in); err != nil || v {
				t.Errorf("%s: ParseBool(%q) = %v, %v; want false", tt.lang, in, v, err)
			}
		}
	}
	// Words of no yes/no, or of another language than these, are not
	// guessed at.
	for _, in := range []string{"maybe", "oui?", "jein", "s", "o", "j", "vero", "waar", "nee", "ok"} {
		if _, err := ParseBool(in); err == nil {
			t.Errorf("ParseBool(%q) gave no error", in)
		}
	}
	_, err := ParseBool("maybe")
	if err == nil || err.Error() != `"maybe" is not a yes/no value (want true/yes/y/1/t/x or false/no/n/0/f/empty)` {
		t.Errorf("ParseBool(maybe) error = %v", err)
	}
}

func TestParseOptOut(t *testing.T) {
	tests := []struct {
		cell string
		want bool
	}{
		{"yes", true}, {"X", true}, {"no", false}, {"", false},
		{"unsubscribed", true}, {"Unsubscribed", true}, {"opted out", true}, {"Opted-Out", true},
		{"OPTED_OUT", true}, {"optout", true}, {"opt-out", true}, {"STOP", true}, {"stopped", true},
		{"blocked", true}, {"Do Not Contact", true}, {"DNC", true}, {" unsubscribed ", true},
		{"subscribed", false}, {"opted in", false}, {"Opted_In", false}, {"opt-in", false}, {"OPTIN", false},
		{"NEVER_SUBSCRIBED", false}, {"never subscribed", false},
		// Export tools' values: pandas floats and null words, switches,
		// Brevo's block list, Shopify's consent states.
		{"1.0", true}, {"0.0", false}, {"NULL", false}, {"None", false}, {"nan", false}, {"NaN", false},
		{"on", true}, {"ON", true}, {"off", false}, {"blocklisted", true}, {"blacklisted", true},
		{"NOT_SUBSCRIBED", false}, {"not subscribed", false}, {"REDACTED", true}, {"redacted", true},
		// A French, German, Spanish or Portuguese yes is an opt-out.
		{"oui", true}, {"Oui", true}, {"non", false}, {"ja", true}, {"NEIN", false}, {"sí", true}, {"Si", true},
		{"sim", true}, {"não", false}, {"NAO", false}, {"VRAI", true}, {"FAUX", false}, {"WAHR", true},
		{"FALSCH", false}, {"VERDADERO", true}, {"VERDADEIRO", true}, {"FALSO", false},
		// Non-breaking spaces and hyphens, tabs, dashes and invisible marks
		// join words too.
		{"Opted\u2011Out", true}, {"Do\u00a0not\u00a0contact", true}, {"opted\tout", true},
		{"opt\u2013out", true}, {"un\u200bsubscribed", true}, {"yes\u00a0", true},
	}
	for _, tt := range tests {
		got, err := ParseOptOut(tt.cell)
		if err != nil || got != tt.want {
			t.Errorf("ParseOptOut(%q) = %v, %v; want %v", tt.cell, got, err, tt.want)
		}
	}
	for _, cell := range []string{"maybe", "pending", "-", "resubscribed", "un subscribed later", "1.00", "PENDING"} {
		if _, err := ParseOptOut(cell); err == nil {
			t.Errorf("ParseOptOut(%q) gave no error", cell)
		}
	}
	_, err := ParseOptOut(" pending ")
	want := `"pending" is not a yes/no value or opt-out status (want true/yes/y/1/t/x/unsubscribed/opted out/stop/blocked/dnc or false/no/n/0/f/subscribed/opted in/empty)`
	if err == nil || err.Error() != want {
		t.Errorf("ParseOptOut(pending) error = %v, want %s", err, want)
	}
}

// TestParseOptOutSaidNo: the words a person's no is recorded with, by law
// and by export, in English and in French, Spanish, Portuguese and German,
// are opt-outs (a tester's finding: withdrawn, revoked, unsubscribe and no
// consent were not, and such rows were kept). Each word is a case.
func TestParseOptOutSaidNo(t *testing.T) {
	for _, cell := range []string{
		// English
		"withdrawn", "Withdrawn", "revoked", "REVOKED", "unsubscribe", "Unsubscribe", "unsubscribed",
		"no consent", "No Consent", "no_consent", "stop", "opt out", "opt-out", "opted out", "Opted Out",
		"do not contact", "Do-Not-Contact", "do not call", "dnc", "consent withdrawn", "Consent revoked",
		// French
		"désinscrit", "Désinscrite", "DESINSCRIT", "désabonné", "Désabonnée", "desabonne", "ne pas contacter",
		"révoqué", "consentement retiré", "consentement révoqué", "sans consentement",
		// Spanish
		"baja", "BAJA", "dado de baja", "dada de baja", "desuscrito", "desuscrita", "revocado", "revocada",
		"no contactar", "sin consentimiento", "consentimiento retirado", "consentimiento revocado",
		// Portuguese
		"SAIR", "descadastrado", "descadastrada", "revogado", "revogada", "não contactar", "nao contactar",
		"não contatar", "nao contatar", "sem consentimento", "consentimento retirado", "consentimento revogado",
		// German
		"abgemeldet", "Abbestellt", "widerrufen", "nicht kontaktieren", "keine Einwilligung", "Einwilligung widerrufen",
	} {
		t.Run(cell, func(t *testing.T) {
			if out, err := ParseOptOut(cell); err != nil || !out {
				t.Errorf("ParseOptOut(%q) = %v, %v; want an opt-out", cell, out, err)
			}
			if out, ok := OptOutStatus(cell); !ok || !out {
				t.Errorf("OptOutStatus(%q) = %v, %v; want an opt-out", cell, out, ok)
			}
		})
	}
	// Words that could mean either are not read: the caller holds them to
	// be opt-outs.
	for _, cell := range []string{"cancelled", "inactive", "pending", "retired", "retiré", "retirado"} {
		if _, err := ParseOptOut(cell); err == nil {
			t.Errorf("ParseOptOut(%q) read it", cell)
		}
	}
}

// TestOptOutStatus: OptOutStatus reads every cell as ParseOptOut does, and
// allocates nothing for the common values.
func TestOptOutStatus(t *testing.T) {
	cells := []string{"", " ", "yes", "Yes", "YES", " y ", "1", "t", "X", "true", "TRUE", "no", "No", "N", "0", "f",
		"False", "unsubscribed", "Unsubscribed", "STOP", "stop ", "Stopped", "BLOCKED", "dnc", "DNC", "subscribed",
		"opted out", "Opted-Out", "OPTED_OUT", "opt-in", "Do Not Contact", "Opted\u2011Out", "yes\u00a0",
		"maybe", "pending", "-", "1.0", "ye", "yess", "\u017ftop", "\u212a",
		"oui", "Non", "JA", "nein", "sí", "SÍ", "si", "sim", "não", "NAO", "vrai", "FAUX", "Wahr", "falsch",
		"verdadero", "VERDADEIRO", "falso"}
	for _, cell := range cells {
		want, err := ParseOptOut(cell)
		got, ok := OptOutStatus(cell)
		if got != want || ok != (err == nil) {
			t.Errorf("OptOutStatus(%q) = %v, %v; ParseOptOut gives %v, %v", cell, got, ok, want, err)
		}
	}
	for _, cell := range []string{"", "yes", "No", "TRUE", "STOP", "Unsubscribed", "dnc", "oui", "NON", "Ja", "nein", "VRAI", "FAUX"} {
		if n := testing.AllocsPerRun(100, func() { OptOutStatus(cell) }); n != 0 {
			t.Errorf("OptOutStatus(%q) allocates %v times", cell, n)
		}
	}
}

func TestParseCount(t *testing.T) {
	if n, err := ParseCount(" 3 "); err != nil || n != 3 {
		t.Errorf("ParseCount(3) = %d, %v", n, err)
	}
	// More than an int holds is still a count, the most there is.
	if n, err := ParseCount("99999999999999999999"); err != nil || n != math.MaxInt {
		t.Errorf("ParseCount(99999999999999999999) = %d, %v", n, err)
	}
	for _, in := range []string{"-1", "2.5", "many", "-99999999999999999999", ""} {
		if _, err := ParseCount(in); err == nil {
			t.Errorf("ParseCount(%q) gave no error", in)
		}
	}
}

func TestFormatDate(t *testing.T) {
	if got := FormatDate(time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)); got != "2025-03-01" {
		t.Errorf("got %s", got)
	}
	if got := FormatDate(time.Date(2025, 3, 1, 9, 5, 0, 0, time.UTC)); got != "2025-03-01T09:05:00Z" {
		t.Errorf("got %s", got)
	}
}

// TestAppendDateMatchesFormat checks the hand-written YYYY-MM-DD against
// time.Format on every day of several years, years of fewer digits, and
// times that are not midnight UTC.
func TestAppendDateMatchesFormat(t *testing.T) {
	check := func(tm time.Time) {
		want := tm.UTC().Format("2006-01-02")
		if u := tm.UTC(); u.Hour() != 0 || u.Minute() != 0 || u.Second() != 0 || u.Nanosecond() != 0 {
			want = u.Format(time.RFC3339)
		}
		if got := string(AppendDate([]byte("x"), tm)); got != "x"+want {
			t.Errorf("AppendDate(%v) = %q, want x%s", tm, got, want)
		}
	}
	for _, year := range []int{0, 1, 99, 999, 1600, 1900, 1969, 1970, 2000, 2024, 2025, 2100, 9999, 10000, -1} {
		for d := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() == year; d = d.AddDate(0, 0, 1) {
			check(d)
		}
	}
	// Days far apart, across eras and before the epoch and year 0.
	for d := time.Date(-2000, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() < 12000; d = d.AddDate(0, 0, 997) {
		check(d)
		check(d.Add(-time.Second))
	}
	check(time.Time{})
	check(time.Date(2025, 3, 1, 0, 0, 0, 1, time.UTC))
	check(time.Date(2025, 3, 1, 3, 0, 0, 0, time.FixedZone("EAT", 3*3600))) // midnight UTC
	check(time.Date(2025, 3, 1, 0, 0, 0, 0, time.FixedZone("EAT", 3*3600)))
}

// TestISODateMatchesTimeParse checks the YYYY-MM-DD fast path against
// time.Parse on every day of a leap and a common year and on near misses.
func TestISODateMatchesTimeParse(t *testing.T) {
	var inputs []string
	for _, y := range []int{2024, 2025, 1900, 2000, 1970, 1969, 0, 1, 4, 100, 400, 9999} {
		for m := 0; m <= 13; m++ {
			for d := 0; d <= 32; d++ {
				inputs = append(inputs, fmt.Sprintf("%04d-%02d-%02d", y, m, d))
			}
		}
	}
	inputs = append(inputs, "2025-1-01", "2025-01-1", "2025/01/01", "20250-1-01", "2025-01-01 ", "+025-01-01", "0000-01-01")
	for _, in := range inputs {
		want, werr := time.Parse("2006-01-02", in)
		got, ok := parseISODate(in)
		if ok != (werr == nil) || (ok && got != want) {
			t.Errorf("parseISODate(%q) = %v, %v; time.Parse = %v, %v", in, got, ok, want, werr)
		}
	}
}

func FuzzISODate(f *testing.F) {
	f.Add("2025-02-29")
	f.Fuzz(func(t *testing.T, in string) {
		want, werr := time.Parse("2006-01-02", in)
		got, ok := parseISODate(in)
		if ok && (werr != nil || !got.Equal(want)) {
			t.Fatalf("parseISODate(%q) = %v; time.Parse = %v, %v", in, got, want, werr)
		}
	})
}

// TestBuiltinLayoutsStartWithYear: Parse tries the built-in layouts only
// on a cell that starts with four digits and '-', as each of them does.
func TestBuiltinLayoutsStartWithYear(t *testing.T) {
	for _, layout := range builtinLayouts {
		if !strings.HasPrefix(layout, "2006-") {
			t.Errorf("built-in layout %q does not start with 2006-", layout)
		}
	}
}
