package jurisdiction

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/phone"
)

var sourceURL = regexp.MustCompile(`^https?://[^ ]+$`)

// officialURL matches the sites of governments and legislatures, where a
// law's text is cited from: not a court's calendar, not a vendor's copy.
var officialURL = regexp.MustCompile(`^https?://([a-z0-9-]+\.)*(gov|gc\.ca|gouv\.fr|state\.[a-z]{2}\.us)/`)

// notOfficial are hosts under official domains that publish no statute
// text: the federal courts' own holiday calendars.
var notOfficial = regexp.MustCompile(`uscourts\.gov`)

// reportedOnly matches a note that says the value was not read in the
// text that sets it: such a value is unverified, not law.
var reportedOnly = regexp.MustCompile(`unverified|as reported|statute text (was )?not|subsection unverified`)

// TestTableSources checks every entry: its code parses as itself, its name
// is the subdivisions table's, it sets something, and every value it sets
// (and every set of holidays a window excludes) names a source with a URL
// and says whether it is law, guidance, practice or unverified; a law's
// note does not say its text was not read.
func TestTableSources(t *testing.T) {
	var codes []string
	for _, e := range Table() {
		codes = append(codes, e.Code)
		if got, err := ParseCode(e.Code); err != nil || got != e.Code {
			t.Errorf("%s: ParseCode = %q, %v", e.Code, got, err)
		}
		if country, sub, ok := strings.Cut(e.Code, "-"); ok && subdivisions[country][sub] != e.Name {
			t.Errorf("%s: name %q, the subdivisions table's %q", e.Code, e.Name, subdivisions[country][sub])
		}
		if e.Name == "" || e.Window == nil && len(e.Caps) == 0 && len(e.Ages) == 0 {
			t.Errorf("%s: no name, or nothing set", e.Code)
		}
		var sources []Source
		if w := e.Window; w != nil {
			sources = append(sources, w.Source)
			if len(w.Windows) == 0 {
				t.Errorf("%s: a sending window without hours", e.Code)
			}
			for _, win := range w.Windows {
				if win.Hours.Start == win.Hours.End {
					t.Errorf("%s: an empty window %s", e.Code, win.Hours)
				}
			}
			for _, c := range w.Holidays {
				sources = append(sources, c.Source)
				if c.Name == "" || c.Kind == "" || len(c.Holidays) == 0 {
					t.Errorf("%s: holidays %q without a name, a kind or holidays", e.Code, c.Name)
				}
			}
		}
		for _, c := range e.Caps {
			sources = append(sources, c.Source)
			if c.Max <= 0 || c.Per <= 0 {
				t.Errorf("%s: cap %s", e.Code, c)
			}
		}
		for _, a := range e.Ages {
			sources = append(sources, a.Source)
			if len(a.Types) == 0 {
				t.Errorf("%s: a consent age of no type", e.Code)
			}
		}
		for _, s := range sources {
			if s.Cite == "" || !sourceURL.MatchString(s.URL) || s.Status < Law || s.Status == Policy || s.Status > Unverified {
				t.Errorf("%s: source %+v lacks a citation, a URL or a status (law, guidance, practice or unverified)", e.Code, s)
			}
			if s.Status == Law && reportedOnly.MatchString(s.Note) {
				t.Errorf("%s: %s is law, but its note says its text was not read: %q", e.Code, s.Cite, s.Note)
			}
			if s.Status == Law && (!officialURL.MatchString(s.URL) || notOfficial.MatchString(s.URL)) {
				t.Errorf("%s: %s is law, but %s is not an official site of its text", e.Code, s.Cite, s.URL)
			}
		}
	}
	if !slices.IsSorted(codes) || len(slices.Compact(slices.Clone(codes))) != len(codes) {
		t.Errorf("codes not sorted or not unique: %v", codes)
	}
}

func TestWeekdaysString(t *testing.T) {
	for _, tt := range []struct {
		days Weekdays
		want string
	}{
		{EveryDay, "every day"},
		{weekdaysMonFri, "Mon–Fri"},
		{weekdaysMonSat, "Mon–Sat"},
		{weekend, "Sat–Sun"},
		{Days(time.Sunday), "Sun"},
		{Days(time.Monday, time.Wednesday, time.Thursday), "Mon, Wed–Thu"},
		{Days(time.Sunday, time.Monday), "Mon, Sun"},
	} {
		if got := tt.days.String(); got != tt.want {
			t.Errorf("%07b: %q, want %q", tt.days, got, tt.want)
		}
	}
}

func TestSendingWindowString(t *testing.T) {
	for code, want := range map[string]string{
		"US":    "08:00–21:00",
		"US-FL": "08:00–20:00",
		"US-MS": "Mon–Sat 08:00–20:00; Sun excluded",
		"US-TX": "Mon–Sat 09:00–21:00, Sun 12:00–21:00",
		"US-RI": "Mon–Fri 09:00–18:00, Sat 10:00–17:00; Sun, US federal holidays and Rhode Island state holidays excluded",
		"US-UT": "Mon–Sat 08:00–21:00; Sun, Utah legal holidays and Utah Good Friday excluded",
		"US-AL": "Mon–Sat 08:00–20:00; Sun, US federal holidays and Alabama state holidays excluded",
		"CA":    "Mon–Fri 09:00–21:30, Sat–Sun 10:00–18:00",
		"FR":    "Mon–Fri 10:00–13:00 and 14:00–20:00; Sat–Sun and French public holidays excluded",
	} {
		e, ok := Lookup(code)
		if !ok {
			t.Fatalf("no entry %s", code)
		}
		if got := e.Window.String(); got != want {
			t.Errorf("%s: %q, want %q", code, got, want)
		}
		// The merged form of one window is the window.
		if got := windowMinutes(e.Window).text(e.Window.Holidays); got != want {
			t.Errorf("%s merged: %q, want %q", code, got, want)
		}
	}
}

func clock(s string) domain.ClockTime {
	c, err := domain.ParseClockTime(s)
	if err != nil {
		panic(err)
	}
	return c
}

// onDay is a date on weekday d in a week without holidays (12–18 January
// 2026).
func onDay(d time.Weekday) time.Time {
	return time.Date(2026, time.January, 12+(int(d)+6)%7, 12, 0, 0, 0, time.UTC)
}

func window(s string) domain.QuietHours {
	a, b, _ := strings.Cut(s, "-")
	return domain.QuietHours{Start: clock(a), End: clock(b)}
}

// TestAllowsBoundaries checks each window at the minutes either side of
// its ends, and on the days it excludes.
func TestAllowsBoundaries(t *testing.T) {
	p := domain.DefaultPolicy()
	for _, tt := range []struct {
		codes []string
		day   time.Weekday
		at    string
		want  bool
	}{
		{[]string{"US"}, time.Monday, "07:59", false},
		{[]string{"US"}, time.Monday, "08:00", true},
		{[]string{"US"}, time.Monday, "20:59", true},
		{[]string{"US"}, time.Monday, "21:00", false},
		{[]string{"US", "US-FL"}, time.Monday, "08:00", true},
		{[]string{"US", "US-FL"}, time.Monday, "19:59", true},
		{[]string{"US", "US-FL"}, time.Monday, "20:00", false},
		{[]string{"US", "US-FL"}, time.Sunday, "12:00", true},
		{[]string{"US", "US-TX"}, time.Saturday, "08:59", false},
		{[]string{"US", "US-TX"}, time.Saturday, "09:00", true},
		{[]string{"US", "US-TX"}, time.Sunday, "11:59", false},
		{[]string{"US", "US-TX"}, time.Sunday, "12:00", true},
		{[]string{"US", "US-TX"}, time.Sunday, "20:59", true},
		{[]string{"US", "US-TX"}, time.Sunday, "21:00", false},
		{[]string{"US", "US-MS"}, time.Saturday, "19:59", true},
		{[]string{"US", "US-MS"}, time.Sunday, "12:00", false},
		{[]string{"US", "US-RI"}, time.Friday, "17:59", true},
		{[]string{"US", "US-RI"}, time.Friday, "18:00", false},
		{[]string{"US", "US-RI"}, time.Saturday, "09:59", false},
		{[]string{"US", "US-RI"}, time.Saturday, "16:59", true},
		{[]string{"US", "US-RI"}, time.Saturday, "17:00", false},
		{[]string{"CA", "CA-ON"}, time.Friday, "21:29", true},
		{[]string{"CA", "CA-ON"}, time.Friday, "21:30", false},
		{[]string{"CA", "CA-ON"}, time.Saturday, "09:59", false},
		{[]string{"CA", "CA-ON"}, time.Saturday, "17:59", true},
		{[]string{"CA", "CA-ON"}, time.Sunday, "18:00", false},
		{[]string{"FR"}, time.Monday, "09:59", false},
		{[]string{"FR"}, time.Monday, "10:00", true},
		{[]string{"FR"}, time.Monday, "12:59", true},
		{[]string{"FR"}, time.Monday, "13:00", false},
		{[]string{"FR"}, time.Monday, "13:59", false},
		{[]string{"FR"}, time.Monday, "14:00", true},
		{[]string{"FR"}, time.Friday, "19:59", true},
		{[]string{"FR"}, time.Friday, "20:00", false},
		{[]string{"FR"}, time.Saturday, "11:00", false},
	} {
		a := Effective(tt.codes, p)
		if got := a.Allows(onDay(tt.day), clock(tt.at)); got != tt.want {
			t.Errorf("%v on %s at %s: Allows = %v, want %v", tt.codes, tt.day, tt.at, got, tt.want)
		}
	}
}

// TestOutside checks the clauses of a refused time: the strictest refusal
// is named, the policy's own window as one of them.
func TestOutside(t *testing.T) {
	for _, tt := range []struct {
		codes  []string
		policy string
		day    time.Weekday
		at     string
		want   []string
	}{
		{[]string{"US", "US-FL"}, "08:00-21:00", time.Monday, "20:30",
			[]string{"outside the sending window 08:00–20:00 of US-FL (Fla. Stat. §501.616(6)(a))"}},
		// After US's 21:00 and the policy's too: Florida's is the strictest.
		{[]string{"US", "US-FL"}, "08:00-21:00", time.Monday, "22:00",
			[]string{"outside the sending window 08:00–20:00 of US-FL (Fla. Stat. §501.616(6)(a))"}},
		// The policy's window is stricter than both.
		{[]string{"US", "US-FL"}, "09:00-17:00", time.Monday, "22:00",
			[]string{"outside the sending window 09:00–17:00"}},
		{[]string{"US", "US-FL"}, "09:00-17:00", time.Monday, "18:00",
			[]string{"outside the sending window 09:00–17:00"}},
		// Neither holds the other: both are named.
		{[]string{"US", "US-FL"}, "07:00-09:00", time.Monday, "07:30",
			[]string{"outside the sending window 08:00–20:00 of US-FL (Fla. Stat. §501.616(6)(a))"}},
		{[]string{"US", "US-FL"}, "12:00-23:00", time.Monday, "07:30",
			[]string{"outside the sending window 12:00–23:00", "outside the sending window 08:00–20:00 of US-FL (Fla. Stat. §501.616(6)(a))"}},
		{[]string{"US", "US-MS"}, "08:00-21:00", time.Sunday, "10:00",
			[]string{"on a Sunday, a day US-MS excludes (Miss. Code §77-3-723(1); unverified)"}},
		{[]string{"US", "US-TX"}, "08:00-21:00", time.Sunday, "11:00",
			[]string{"outside the sending window 12:00–21:00 on Sundays of US-TX (Tex. Bus. & Com. Code §301.051; unverified)"}},
		{[]string{"CA"}, "08:00-21:00", time.Saturday, "09:00",
			[]string{"outside the sending window 10:00–18:00 on Saturdays of CA (CRTC Unsolicited Telecommunications Rules)"}},
		{[]string{"FR"}, "08:00-21:00", time.Tuesday, "13:30",
			[]string{"outside the sending window 10:00–13:00 and 14:00–20:00 of FR (Code de la consommation art. D.223-9)"}},
		// At a window's end, which it excludes, the clause says it is
		// closed from then.
		{[]string{"US", "US-FL"}, "08:00-21:00", time.Monday, "20:00",
			[]string{"outside the sending window 08:00–20:00 (closed from 20:00) of US-FL (Fla. Stat. §501.616(6)(a))"}},
		{[]string{"US"}, "08:00-21:00", time.Monday, "21:00",
			[]string{"outside the sending window 08:00–21:00 (closed from 21:00)"}},
		{[]string{"US", "US-TX"}, "08:00-22:00", time.Sunday, "21:00",
			[]string{"outside the sending window 12:00–21:00 (closed from 21:00) on Sundays of US-TX (Tex. Bus. & Com. Code §301.051; unverified)"}},
		{[]string{"FR"}, "08:00-21:00", time.Tuesday, "13:00",
			[]string{"outside the sending window 10:00–13:00 and 14:00–20:00 (closed from 13:00) of FR (Code de la consommation art. D.223-9)"}},
		{[]string{"FR"}, "08:00-21:00", time.Saturday, "11:00",
			[]string{"on a Saturday, a day FR excludes (Code de la consommation art. D.223-9)"}},
	} {
		got := Effective(tt.codes, domain.DefaultPolicy()).Outside(onDay(tt.day), clock(tt.at), window(tt.policy))
		if !slices.Equal(got, tt.want) {
			t.Errorf("%v, policy %s, %s %s:\n got %q\nwant %q", tt.codes, tt.policy, tt.day, tt.at, got, tt.want)
		}
	}
}

func ptr[T any](v T) *T { return &v }

func days(n int) domain.Duration { return domain.Duration(time.Duration(n) * 24 * time.Hour) }

// TestOverrides checks that the policy's values replace the table's for a
// code, and that a code the table lacks applies when the policy sets it.
func TestOverrides(t *testing.T) {
	p := domain.DefaultPolicy()
	p.Jurisdictions = domain.Jurisdictions{Builtin: true, Overrides: map[string]domain.JurisdictionOverride{
		"US-FL": {SendWindow: ptr(window("09:00-20:00")), MaxMessages: ptr(5)},
		"US-MS": {SendWindow: ptr(window("09:00-19:00"))},
		"KE":    {SendWindow: ptr(window("22:00-06:00")), MessageWindow: ptr(days(1))},
		"CA":    {ConsentMaxAge: ptr(days(365))},
	}}
	fl := Effective([]string{"US", "US-FL"}, p)
	if fl.Allows(onDay(time.Monday), clock("08:30")) || !fl.Allows(onDay(time.Monday), clock("09:00")) {
		t.Error("US-FL: the override's 09:00 start does not apply")
	}
	if caps := fl.Caps(); len(caps) != 1 || caps[0].Max != 5 || caps[0].Per != days(1) || caps[0].Source.Status != Policy {
		t.Errorf("US-FL caps = %+v, want 5 per 24h from the policy", caps)
	}
	// The override replaces the hours; the day the law excludes stays
	// excluded.
	ms := Effective([]string{"US", "US-MS"}, p)
	if !ms.Allows(onDay(time.Monday), clock("18:59")) || ms.Allows(onDay(time.Monday), clock("19:00")) || ms.Allows(onDay(time.Monday), clock("08:59")) {
		t.Error("US-MS: the override's hours do not replace the table's")
	}
	if ms.Allows(onDay(time.Sunday), clock("10:00")) {
		t.Error("US-MS: the override allows Sunday, which the law excludes")
	}
	ke := Effective([]string{"KE"}, p)
	if ke == nil {
		t.Fatal("KE: an override of a code the table lacks does not apply")
	}
	for at, want := range map[string]bool{"21:59": false, "22:00": true, "05:59": true, "06:00": false} {
		if got := ke.Allows(onDay(time.Wednesday), clock(at)); got != want {
			t.Errorf("KE 22:00–06:00 at %s: %v, want %v", at, got, want)
		}
	}
	if caps := ke.Caps(); len(caps) != 1 || caps[0].Max != p.MaxMessages || caps[0].Per != days(1) {
		t.Errorf("KE caps = %+v, want the policy's max in 1d", caps)
	}
	ca := Effective([]string{"CA", "CA-ON"}, p)
	for _, ct := range allConsentTypes {
		if age, ok := ca.ConsentAge(ct); !ok || age.Age.Duration != days(365) || age.Code != "CA" {
			t.Errorf("CA %s: %+v, %v; want 365d from the policy", ct, age, ok)
		}
	}
	if Effective([]string{"GB"}, p) != nil {
		t.Error("GB: nothing is set, yet something applies")
	}
}

// TestConsentAges checks the strictest age per consent type, and the
// deadline at its boundary.
func TestConsentAges(t *testing.T) {
	p := domain.DefaultPolicy()
	ca := Effective([]string{"CA", "CA-ON"}, p)
	inquiry, ok := ca.ConsentAge(domain.ConsentImpliedInquiry)
	if !ok || inquiry.Age.String() != "6 months" || inquiry.Source.Cite != "CASL s.10(10)(e)" {
		t.Fatalf("CA implied_inquiry = %+v, %v", inquiry, ok)
	}
	given := time.Date(2025, 7, 15, 10, 0, 0, 0, time.UTC)
	if d := inquiry.Age.Deadline(given); !d.Equal(time.Date(2026, 1, 15, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("deadline = %s", d)
	}
	if implied, ok := ca.ConsentAge(domain.ConsentImplied); !ok || implied.Age.Months != 24 {
		t.Errorf("CA implied = %+v, %v", implied, ok)
	}
	for _, ct := range []domain.ConsentType{domain.ConsentExpress, domain.ConsentDoubleOptIn, domain.ConsentSoftOptIn, domain.ConsentTypeNone} {
		if age, ok := ca.ConsentAge(ct); ok {
			t.Errorf("CA %s expires: %+v", ct, age)
		}
	}
	p.Jurisdictions.Overrides = map[string]domain.JurisdictionOverride{"US": {ConsentMaxAge: ptr(days(90))}}
	ok2 := Effective([]string{"US", "US-OK"}, p)
	if age, ok := ok2.ConsentAge(domain.ConsentImplied); !ok || age.Code != "US" || !slices.Equal(age.Of, []string{"US", "US-OK"}) {
		t.Errorf("US+US-OK implied = %+v, %v; want US's 90d, the strictest of US, US-OK", age, ok)
	}
}

// TestCampaign checks that a declared channel or purpose keeps only the
// thresholds that cover it.
func TestCampaign(t *testing.T) {
	p := domain.DefaultPolicy()
	p.Channel = domain.ChannelWhatsApp
	if fl := Effective([]string{"US", "US-FL"}, p); fl != nil {
		t.Errorf("a WhatsApp campaign: %v apply, want none (the sources cover calls and texts)", fl.Codes)
	}
	if ca := Effective([]string{"CA"}, p); ca == nil || ca.HasWindow() {
		t.Error("a WhatsApp campaign to Canada: want CASL's ages without the telemarketing hours")
	}
	p.Channel = domain.ChannelVoice
	if ca := Effective([]string{"CA"}, p); ca == nil || !ca.HasWindow() {
		t.Error("a voice campaign to Canada: want the telemarketing hours")
	} else if _, ok := ca.ConsentAge(domain.ConsentImplied); ok {
		t.Error("a voice campaign to Canada: CASL's ages cover electronic messages only")
	}
	// Florida's statute says phone calls: an SMS campaign to Florida is
	// judged by the federal window alone, unless the policy sets Florida's
	// hours, which then cover every channel.
	p.Channel = domain.ChannelSMS
	if fl := Effective([]string{"US", "US-FL"}, p); fl == nil || !slices.Equal(fl.Codes, []string{"US"}) {
		t.Errorf("an SMS campaign to Florida: %v, want US alone", fl)
	}
	if e, ok := Resolve("US-FL", p); ok {
		t.Errorf("an SMS campaign to Florida: US-FL sets %+v, want nothing", e)
	}
	window := hours("08:00", "20:00")
	p.Jurisdictions = domain.Jurisdictions{Builtin: true, Overrides: map[string]domain.JurisdictionOverride{"US-FL": {SendWindow: &window}}}
	if e, ok := Resolve("US-FL", p); !ok || e.Window == nil || e.Window.Source.Status != Policy {
		t.Errorf("an SMS campaign to Florida with its hours overridden: %+v, want the policy's window", e)
	}
	p.Jurisdictions = domain.Jurisdictions{}
	p.Channel, p.Purpose = 0, domain.PurposeUtility
	if a := Effective([]string{"US", "US-FL", "CA", "FR"}, p); a != nil {
		t.Errorf("a utility campaign: %v apply, want none (every source covers marketing)", a.Codes)
	}
}

func mustParse(t *testing.T, s string) phone.Number {
	t.Helper()
	n := phone.Parse(s, "")
	if !n.Valid {
		t.Fatalf("%s is not a valid number", s)
	}
	return n
}

// TestFor checks the candidates of numbers of each kind.
func TestFor(t *testing.T) {
	for number, want := range map[string]string{
		"+13056721234":  "US US-FL",
		"+14169671111":  "CA CA-ON",
		"+19024251234":  "CA CA-NS CA-PE",
		"+18005550199":  "US",
		"+254712345678": "KE",
		"+919876543210": "IN",
		"+33612345678":  "FR",
	} {
		if got := strings.Join(For(mustParse(t, number)), " "); got != want {
			t.Errorf("For(%s) = %q, want %q", number, got, want)
		}
	}
	if got := For(phone.Number{}); got != nil {
		t.Errorf("For(invalid) = %v", got)
	}
}

// TestResolver checks that lookups are shared per area code and country,
// and that tallies count rows per code.
func TestResolver(t *testing.T) {
	r := NewResolver(domain.DefaultPolicy())
	fl1, fl2 := r.Lookup(mustParse(t, "+13056721234")), r.Lookup(mustParse(t, "+13059990000"))
	if fl1 == nil || fl1 != fl2 || !slices.Equal(fl1.Codes, []string{"US", "US-FL"}) {
		t.Fatalf("Florida numbers: %v and %v", fl1, fl2)
	}
	if a := r.Lookup(mustParse(t, "+254712345678")); a != nil {
		t.Errorf("KE: %v applies, want nothing", a.Codes)
	}
	tollFree := r.Lookup(mustParse(t, "+18005550199"))
	if tollFree == nil || !slices.Equal(tollFree.Codes, []string{"US"}) {
		t.Fatalf("toll-free: %v", tollFree)
	}
	var t1, t2 Tally
	t1.Add(fl1)
	t1.Add(fl2)
	t2.Add(r.Lookup(mustParse(t, "+14169671111")))
	t2.Add(tollFree)
	t1.Merge(&t2)
	var got []string
	for _, u := range r.Uses(&t1) {
		got = append(got, u.Code+"="+strings.Repeat("|", u.Rows))
		if len(u.Thresholds) == 0 {
			t.Errorf("%s: no thresholds", u.Code)
		}
	}
	if want := []string{"CA=|", "US=|||", "US-FL=||"}; !slices.Equal(got, want) {
		t.Errorf("uses = %v, want %v", got, want)
	}
	t1.Reset()
	if uses := r.Uses(&t1); uses == nil || len(uses) != 0 {
		t.Errorf("uses of an empty tally = %#v, want []", uses)
	}
}

func TestStrictest(t *testing.T) {
	var got []string
	for _, m := range Effective(Within("US-TX"), domain.DefaultPolicy()).Strictest() {
		got = append(got, m.Kind+" "+m.Value+" "+m.Code+" "+strings.Join(m.Of, ","))
	}
	if want := []string{"sending_window Mon–Sat 09:00–21:00, Sun 12:00–21:00 US-TX US,US-TX"}; !slices.Equal(got, want) {
		t.Errorf("US-TX: %q, want %q", got, want)
	}
}

// TestDeadlineMonths checks that calendar months end on the same day of
// the month, or on the last day of a shorter month: an older consent never
// lasts longer than a newer one.
func TestDeadlineMonths(t *testing.T) {
	at := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	for _, tc := range []struct {
		given  time.Time
		months int
		want   time.Time
	}{
		{at(2025, 8, 31), 6, at(2026, 2, 28)},
		{at(2025, 8, 30), 6, at(2026, 2, 28)},
		{at(2025, 8, 29), 6, at(2026, 2, 28)},
		{at(2025, 8, 28), 6, at(2026, 2, 28)},
		{at(2025, 9, 1), 6, at(2026, 3, 1)},
		{at(2023, 8, 31), 6, at(2024, 2, 29)}, // leap year
		{at(2023, 8, 29), 6, at(2024, 2, 29)},
		{at(2024, 8, 31), 18, at(2026, 2, 28)}, // Utah
		{at(2024, 9, 1), 18, at(2026, 3, 1)},
		{at(2024, 2, 29), 24, at(2026, 2, 28)}, // CASL implied, from a leap day
		{at(2024, 2, 29), 48, at(2028, 2, 29)},
		{at(2025, 12, 31), 2, at(2026, 2, 28)},
		{at(2025, 3, 31), 1, at(2025, 4, 30)},
		{at(2025, 1, 31), 12, at(2026, 1, 31)},
		{time.Date(2025, 8, 31, 23, 30, 0, 0, time.UTC), 6, time.Date(2026, 2, 28, 23, 30, 0, 0, time.UTC)},
	} {
		got := Age{Months: tc.months}.Deadline(tc.given)
		if !got.Equal(tc.want) {
			t.Errorf("%s + %d months = %s, want %s", tc.given.Format(time.RFC3339), tc.months, got.Format(time.RFC3339), tc.want.Format(time.RFC3339))
		}
	}
	// Consecutive days never give deadlines out of order.
	for d := at(2023, 1, 1); d.Before(at(2026, 1, 1)); d = d.AddDate(0, 0, 1) {
		for _, n := range []int{6, 18, 24} {
			if a, b := (Age{Months: n}).Deadline(d), (Age{Months: n}).Deadline(d.AddDate(0, 0, 1)); b.Before(a) {
				t.Fatalf("%s + %d months = %s, after the next day's %s", d.Format(time.DateOnly), n, a, b)
			}
		}
	}
}
