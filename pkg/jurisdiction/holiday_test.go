package jurisdiction

import (
	"slices"
	"testing"
	"time"

	"github.com/listaudit/listaudit/pkg/domain"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestCalendars checks each calendar around its holidays: the day before,
// the date, the day it is observed on; years where the date falls on a
// weekend, and moveable feasts.
func TestCalendars(t *testing.T) {
	for _, tt := range []struct {
		cal  *Calendar
		date string
		want string // "" for no holiday
	}{
		// 4 July 2026 is a Saturday: observed on Friday 3 July.
		{utahLegal, "2026-07-02", ""},
		{utahLegal, "2026-07-03", "Independence Day (observed)"},
		{utahLegal, "2026-07-04", "Independence Day"},
		{utahLegal, "2026-07-05", ""},
		{utahLegal, "2026-07-06", ""},
		// Pioneer Day: a Friday in 2026, a Saturday in 2027, a Sunday in 2022.
		{utahLegal, "2026-07-23", ""},
		{utahLegal, "2026-07-24", "Pioneer Day"},
		{utahLegal, "2027-07-23", "Pioneer Day (observed)"},
		{utahLegal, "2027-07-24", "Pioneer Day"},
		{utahLegal, "2022-07-24", "Pioneer Day"},
		{utahLegal, "2022-07-25", "Pioneer Day (observed)"},
		// 1 January 2022 is a Saturday: observed on 31 December 2021.
		{utahLegal, "2021-12-30", ""},
		{utahLegal, "2021-12-31", "New Year's Day (observed)"},
		{utahLegal, "2022-01-01", "New Year's Day"},
		// Juneteenth on a Wednesday (2024) is observed on the Monday of its
		// week; Utah has it from 2022.
		{utahLegal, "2024-06-17", "Juneteenth National Freedom Day (observed)"},
		{utahLegal, "2024-06-18", ""},
		{utahLegal, "2024-06-19", "Juneteenth National Freedom Day"},
		{utahLegal, "2021-06-18", ""},
		{utahLegal, "2021-06-19", ""},
		// Good Friday from 2027 (Easter: 5 April 2026, 28 March 2027).
		{utahGoodFriday, "2026-04-03", ""},
		{utahGoodFriday, "2027-03-26", "Good Friday"},
		{utahLegal, "2027-03-26", ""},
		{utahLegal, "2026-11-26", "Thanksgiving Day"},
		{utahLegal, "2026-11-27", ""},
		{utahLegal, "2026-01-19", "Dr. Martin Luther King, Jr. Day"},
		// The federal calendar moves a Saturday holiday to the Friday
		// before, Rhode Island's to the Monday after.
		{usFederal, "2026-07-03", "Independence Day (observed)"},
		{usFederal, "2026-07-06", ""},
		{usFederal, "2026-07-24", ""},
		{usFederal, "2026-06-19", "Juneteenth"},
		{rhodeIslandState, "2026-07-03", ""},
		{rhodeIslandState, "2026-07-06", "Independence Day (observed)"},
		{rhodeIslandState, "2026-08-09", ""},
		{rhodeIslandState, "2026-08-10", "Victory Day"},
		{rhodeIslandState, "2026-08-11", ""},
		{rhodeIslandState, "2025-05-04", "Rhode Island Independence Day"},
		{rhodeIslandState, "2025-05-05", "Rhode Island Independence Day (observed)"},
		{rhodeIslandState, "2026-11-02", ""},
		{rhodeIslandState, "2026-11-03", "Election Day"},
		{rhodeIslandState, "2027-11-02", ""},
		{alabamaState, "2026-04-27", "Confederate Memorial Day"},
		{alabamaState, "2026-06-01", "Jefferson Davis' Birthday"},
		// France: Easter Monday moves with Easter; a holiday on a Sunday
		// (14 July 2024) is not moved.
		{frenchPublic, "2026-04-05", ""},
		{frenchPublic, "2026-04-06", "Lundi de Pâques"},
		{frenchPublic, "2026-04-07", ""},
		{frenchPublic, "2027-03-29", "Lundi de Pâques"},
		{frenchPublic, "2026-05-14", "Ascension"},
		{frenchPublic, "2026-05-25", "Lundi de Pentecôte"},
		{frenchPublic, "2024-07-14", "Fête Nationale"},
		{frenchPublic, "2024-07-15", ""},
	} {
		got, ok := tt.cal.On(day(tt.date))
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("%s on %s: %q, %v; want %q", tt.cal.Name, tt.date, got, ok, tt.want)
		}
	}
}

// TestCalendarYears checks that a year's holidays are worked out once.
func TestCalendarYears(t *testing.T) {
	c := &Calendar{Name: "test", Holidays: usFederal.Holidays}
	y2026 := c.year(2026)
	if c.year(2027) == y2026 || c.year(2026) != y2026 || len(c.years) != 2 {
		t.Errorf("years are not kept: %v", c.years)
	}
	if n := len(y2026.names); n != 12 { // 11 holidays, Independence Day observed on 3 July
		t.Errorf("2026: %d days, want 12: %v", n, y2026.names)
	}
}

// TestHolidayRefusals checks the findings' clauses on and around holidays,
// beside the windows' hours and days.
func TestHolidayRefusals(t *testing.T) {
	for _, tt := range []struct {
		codes []string
		date  string
		at    string
		want  []string // nil: allowed
	}{
		{[]string{"US", "US-UT"}, "2026-07-02", "12:00", nil},
		{[]string{"US", "US-UT"}, "2026-07-03", "12:00", []string{"on Independence Day (observed), a legal holiday excluded by US-UT (Utah Code §13-25a-103(3))"}},
		{[]string{"US", "US-UT"}, "2026-07-04", "12:00", []string{"on Independence Day, a legal holiday excluded by US-UT (Utah Code §13-25a-103(3))"}},
		// After every window's hours too: the holiday is the strictest.
		{[]string{"US", "US-UT"}, "2026-07-04", "22:00", []string{"on Independence Day, a legal holiday excluded by US-UT (Utah Code §13-25a-103(3))"}},
		// A holiday on a Sunday is named as the Sunday.
		{[]string{"US", "US-UT"}, "2027-07-04", "12:00", []string{"on a Sunday, a day US-UT excludes (Utah Code §13-25a-103(3))"}},
		{[]string{"US", "US-UT"}, "2027-07-05", "12:00", []string{"on Independence Day (observed), a legal holiday excluded by US-UT (Utah Code §13-25a-103(3))"}},
		{[]string{"US", "US-UT"}, "2026-07-06", "12:00", nil},
		{[]string{"US", "US-RI"}, "2026-07-03", "12:00", []string{"on Independence Day (observed), a federal holiday excluded by US-RI (R.I. Gen. Laws §5-61-3.6(a))"}},
		{[]string{"US", "US-RI"}, "2026-07-04", "12:00", []string{"on Independence Day, a federal holiday excluded by US-RI (R.I. Gen. Laws §5-61-3.6(a))"}},
		{[]string{"US", "US-RI"}, "2026-07-06", "12:00", []string{"on Independence Day (observed), a state holiday excluded by US-RI (R.I. Gen. Laws §5-61-3.6(a))"}},
		{[]string{"US", "US-RI"}, "2026-08-10", "12:00", []string{"on Victory Day, a state holiday excluded by US-RI (R.I. Gen. Laws §5-61-3.6(a))"}},
		{[]string{"US", "US-AL"}, "2026-04-27", "12:00", []string{"on Confederate Memorial Day, a state holiday excluded by US-AL (Ala. Admin. Code r. 770-X-5-.17(1)(b); unverified)"}},
		{[]string{"FR"}, "2026-04-03", "11:00", nil},
		{[]string{"FR"}, "2026-04-06", "11:00", []string{"on Lundi de Pâques, a public holiday excluded by FR (Code de la consommation art. D.223-9)"}},
		{[]string{"FR"}, "2026-04-07", "11:00", nil},
		// The federal window alone excludes no holiday.
		{[]string{"US"}, "2026-07-04", "12:00", nil},
	} {
		a := Effective(tt.codes, domain.DefaultPolicy())
		d := day(tt.date)
		if got := a.Allows(d, clock(tt.at)); got != (tt.want == nil) {
			t.Errorf("%v on %s at %s: Allows = %v", tt.codes, tt.date, tt.at, got)
		}
		if got := a.Outside(d, clock(tt.at), window("08:00-21:00")); !slices.Equal(got, tt.want) {
			t.Errorf("%v on %s at %s:\n got %q\nwant %q", tt.codes, tt.date, tt.at, got, tt.want)
		}
	}
}

// TestOverrideKeepsHolidays checks that a policy's hours for a
// jurisdiction keep the holidays the law excludes, cited to the law.
func TestOverrideKeepsHolidays(t *testing.T) {
	p := domain.DefaultPolicy()
	p.Jurisdictions = domain.Jurisdictions{Builtin: true, Overrides: map[string]domain.JurisdictionOverride{
		"US-UT": {SendWindow: ptr(window("09:00-20:00"))},
	}}
	ut := Effective([]string{"US", "US-UT"}, p)
	want := []string{"on Pioneer Day, a legal holiday excluded by US-UT (Utah Code §13-25a-103(3))"}
	if got := ut.Outside(day("2026-07-24"), clock("12:00"), window("08:00-21:00")); !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	want = []string{"outside the sending window 09:00–20:00 of US-UT (policy override)"}
	if got := ut.Outside(day("2026-07-23"), clock("08:30"), window("08:00-21:00")); !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestStrictestHolidays(t *testing.T) {
	for code, want := range map[string]string{
		"US-UT": "Mon–Sat 08:00–21:00; Sun, Utah legal holidays and Utah Good Friday excluded",
		"US-RI": "Mon–Fri 09:00–18:00, Sat 10:00–17:00; Sun, US federal holidays and Rhode Island state holidays excluded",
		"FR":    "Mon–Fri 10:00–13:00 and 14:00–20:00; Sat–Sun and French public holidays excluded",
	} {
		merged := Effective(Within(code), domain.DefaultPolicy()).Strictest()
		if len(merged) == 0 || merged[0].Value != want || merged[0].Code != code {
			t.Errorf("%s: %+v, want %q set by %s", code, merged, want, code)
		}
	}
}

func TestExcludedText(t *testing.T) {
	for _, tt := range []struct {
		days Weekdays
		cals []*Calendar
		want string
	}{
		{0, nil, ""},
		{Days(time.Sunday), nil, "Sun"},
		{0, []*Calendar{usFederal}, "US federal holidays"},
		{weekend, []*Calendar{frenchPublic}, "Sat–Sun and French public holidays"},
		{Days(time.Sunday), []*Calendar{usFederal, alabamaState}, "Sun, US federal holidays and Alabama state holidays"},
	} {
		if got := excludedText(tt.days, tt.cals); got != tt.want {
			t.Errorf("%q, want %q", got, tt.want)
		}
	}
}
