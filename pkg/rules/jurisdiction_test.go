package rules

import (
	"slices"
	"testing"
	"time"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/phone"
	"github.com/listaudit/listaudit/pkg/sendlog"
)

// The US numbers below: 305 is a Florida area code, 212 New York's, 601
// Mississippi's, 801 Utah's; 416 is Ontario's.
const (
	floridaNumber     = "+13056721234"
	newYorkNumber     = "+12126721234"
	mississippiNumber = "+16016721234"
	ontarioNumber     = "+14169671111"
	utahNumber        = "+18016721234"
	franceNumber      = "+33612345678"
)

func days(n int) domain.Duration { return domain.Duration(time.Duration(n) * 24 * time.Hour) }

func policyBuiltin() domain.Policy {
	p := policyKE()
	p.Jurisdictions = domain.Jurisdictions{Builtin: true}
	return p
}

func only(fs []domain.Finding, rule string) []string {
	var out []string
	for _, m := range messages(fs) {
		if len(m) > len(rule) && m[:len(rule)+1] == rule+":" {
			out = append(out, m)
		}
	}
	return out
}

// TestQuietHoursJurisdictions checks the jurisdiction windows at their
// boundaries, in the number's local time, beside the policy's window.
func TestQuietHoursJurisdictions(t *testing.T) {
	tests := []struct {
		name, phone, sendAt, window string
		builtin                     bool
		want                        []string
	}{
		// 2026-01-15 is a Thursday; Florida (305) is on New York time, UTC-5.
		{"FL 19:59 is inside", floridaNumber, "2026-01-16T00:59:00Z", "", true, nil},
		{"FL 20:00 is outside", floridaNumber, "2026-01-16T01:00:00Z", "", true, []string{
			"quiet-hours: at the send time 2026-01-16T01:00:00Z it is 20:00 in America/New_York, outside the sending window 08:00–20:00 (closed from 20:00) of US-FL (Fla. Stat. §501.616(6)(a)), the strictest of US, US-FL"}},
		{"FL 20:00 without the table", floridaNumber, "2026-01-16T01:00:00Z", "", false, nil},
		{"FL 07:59 is outside", floridaNumber, "2026-01-15T12:59:00Z", "", true, []string{
			"quiet-hours: at the send time 2026-01-15T12:59:00Z it is 07:59 in America/New_York, outside the sending window 08:00–20:00 of US-FL (Fla. Stat. §501.616(6)(a)), the strictest of US, US-FL"}},
		{"FL 08:00 is inside", floridaNumber, "2026-01-15T13:00:00Z", "", true, nil},
		{"NY 20:00 is inside", newYorkNumber, "2026-01-16T01:00:00Z", "", true, nil},
		// The policy's window alone refuses: the message is as without
		// the table.
		{"policy stricter", newYorkNumber, "2026-01-15T23:00:00Z", "09:00-17:00", true, []string{
			"quiet-hours: at the send time 2026-01-15T23:00:00Z it is 18:00 in America/New_York, outside the sending window 09:00–17:00"}},
		// Sunday 2026-01-18 10:00 in Mississippi (UTC-6).
		{"MS Sunday", mississippiNumber, "2026-01-18T16:00:00Z", "", true, []string{
			"quiet-hours: at the send time 2026-01-18T16:00:00Z it is 10:00 in America/Chicago, on a Sunday, a day US-MS excludes (Miss. Code §77-3-723(1); unverified), the strictest of US, US-MS"}},
		{"MS Saturday", mississippiNumber, "2026-01-17T16:00:00Z", "", true, nil},
		// Ontario, Saturday 09:30: the CRTC's weekend hours start at 10:00.
		{"CA weekend", ontarioNumber, "2026-01-17T14:30:00Z", "", true, []string{
			"quiet-hours: at the send time 2026-01-17T14:30:00Z it is 09:30 in America/Toronto, outside the sending window 10:00–18:00 on Saturdays of CA (CRTC Unsolicited Telecommunications Rules)"}},
		{"CA weekday", ontarioNumber, "2026-01-16T14:30:00Z", "", true, nil},
		// Utah (UTC-6 in summer): Saturday 4 July 2026 is Independence Day,
		// observed on Friday 3 July.
		{"UT 2 July", utahNumber, "2026-07-02T18:00:00Z", "", true, nil},
		{"UT 3 July, observed", utahNumber, "2026-07-03T18:00:00Z", "", true, []string{
			"quiet-hours: at the send time 2026-07-03T18:00:00Z it is 12:00 in America/Denver, on Independence Day (observed), a legal holiday excluded by US-UT (Utah Code §13-25a-103(3)), the strictest of US, US-UT"}},
		{"UT 4 July", utahNumber, "2026-07-04T18:00:00Z", "", true, []string{
			"quiet-hours: at the send time 2026-07-04T18:00:00Z it is 12:00 in America/Denver, on Independence Day, a legal holiday excluded by US-UT (Utah Code §13-25a-103(3)), the strictest of US, US-UT"}},
		{"UT 4 July without the table", utahNumber, "2026-07-04T18:00:00Z", "", false, nil},
		{"UT 6 July", utahNumber, "2026-07-06T18:00:00Z", "", true, nil},
		// France (UTC+2 in April): Easter Monday, then the Tuesday.
		{"FR Easter Monday", franceNumber, "2026-04-06T09:00:00Z", "", true, []string{
			"quiet-hours: at the send time 2026-04-06T09:00:00Z it is 11:00 in Europe/Paris, on Lundi de Pâques, a public holiday excluded by FR (Code de la consommation art. D.223-9)"}},
		{"FR Tuesday after", franceNumber, "2026-04-07T09:00:00Z", "", true, nil},
		// Kenya: no entry, the policy's window alone.
		{"KE", "+254712345678", "2026-01-15T18:00:00Z", "", true, []string{
			"quiet-hours: at the send time 2026-01-15T18:00:00Z it is 21:00 in Africa/Nairobi, outside the sending window 08:00–21:00 (closed from 21:00)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := policyKE()
			if tt.builtin {
				p = policyBuiltin()
			}
			p.SendAt, _ = time.Parse(time.RFC3339, tt.sendAt)
			if tt.window != "" {
				start, _ := domain.ParseClockTime(tt.window[:5])
				end, _ := domain.ParseClockTime(tt.window[6:])
				p.QuietHours = domain.QuietHours{Start: start, End: end}
			}
			got := only(checkOne(p, with(good(), domain.FieldPhone, tt.phone)), QuietHours)
			if !slices.Equal(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestConsentExpiredJurisdictions checks the jurisdiction's consent age by
// consent type beside the policy's, at the boundary.
func TestConsentExpiredJurisdictions(t *testing.T) {
	tests := []struct {
		name, phone, consentAt, consentType string
		want                                []string
	}{
		// CASL: implied consent from an inquiry lasts six months; now is
		// 2026-01-15.
		{"inquiry at six months", ontarioNumber, "2025-07-15", "implied_inquiry", nil},
		{"inquiry a day past", ontarioNumber, "2025-07-14", "inquiry", []string{
			"consent-expired: consent given 2025-07-14 is 185 days old, older than 6 months for implied_inquiry consent in CA (CASL s.10(10)(e))"}},
		{"implied from a purchase, 20 months", ontarioNumber, "2024-05-15", "implied", nil},
		{"implied from a purchase, 25 months", ontarioNumber, "2023-12-14", "implied", []string{
			"consent-expired: consent given 2023-12-14 is 763 days old, older than 24 months for implied consent in CA (CASL s.10(10)(a))"}},
		// Express consent does not expire in Canada, but the policy's own
		// age (here 1000d) still applies.
		{"express, old", ontarioNumber, "2023-01-01", "express", []string{
			"consent-expired: consent given 2023-01-01 is 1110 days old, older than 1000d"}},
		// No consent type recorded: the policy's age alone.
		{"no type", ontarioNumber, "2025-01-01", "", nil},
		{"inquiry elsewhere", "+254712345678", "2025-01-01", "implied_inquiry", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cells := with(good(), domain.FieldPhone, tt.phone, domain.FieldConsentAt, tt.consentAt, domain.FieldConsentType, tt.consentType)
			// 24 months never exceed 730 days, the default: a longer
			// policy age lets Canada's be the stricter.
			p, off := policyBuiltin(), policyKE()
			p.ConsentMaxAge, off.ConsentMaxAge = days(1000), days(1000)
			got := only(checkOne(p, cells), ConsentExpired)
			if !slices.Equal(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
			if off := only(checkOne(off, cells), ConsentExpired); tt.want != nil && tt.consentType != "express" && len(off) != 0 {
				t.Errorf("without the table: %q", off)
			}
		})
	}
}

// TestOverMessagedJurisdictions checks Florida's cap of 3 per 24 hours over
// the send log, beside the policy's cap.
func TestOverMessagedJurisdictions(t *testing.T) {
	log := writeTemp(t, "sends.csv", "phone,sent_at\n"+
		floridaNumber+",2026-01-10T10:00:00Z\n"+
		floridaNumber+",2026-01-10T12:00:00Z\n"+
		floridaNumber+",2026-01-10T14:00:00Z\n"+
		floridaNumber+",2026-01-11T09:59:00Z\n"+ // the fourth within 24h
		newYorkNumber+",2026-01-10T10:00:00Z\n"+
		newYorkNumber+",2026-01-10T12:00:00Z\n"+
		newYorkNumber+",2026-01-10T14:00:00Z\n"+
		newYorkNumber+",2026-01-11T09:59:00Z\n")
	l, err := sendlog.Load([]string{log}, sendlog.Options{Normalise: phone.NewNormaliser().Keys("KE"), Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	p := policyBuiltin()
	p.MaxMessages = 10
	k := NewChecker(p, testNow, phone.NewNormaliser(), nil)
	k.Evidence = &Evidence{Sends: l}
	want := []string{"over-messaged: 4 messages within 24h (send log, 2026-01-10T10:00:00Z to 2026-01-11T09:59:00Z), more than the cap of 3 of US-FL (Fla. Stat. §501.616(6)(b))"}
	if got := ruleMessages(k, with(good(), domain.FieldPhone, floridaNumber), OverMessaged); !slices.Equal(got, want) {
		t.Errorf("Florida: got %q\nwant %q", got, want)
	}
	if got := ruleMessages(k, with(good(), domain.FieldPhone, newYorkNumber), OverMessaged); len(got) != 0 {
		t.Errorf("New York has no cap: got %q", got)
	}
	// Both caps exceeded: one finding names both.
	p.MaxMessages = 3
	k = NewChecker(p, testNow, phone.NewNormaliser(), nil)
	k.Evidence = &Evidence{Sends: l}
	want = []string{"over-messaged: 4 messages within 7d (send log, 2026-01-10T10:00:00Z to 2026-01-11T09:59:00Z), more than the cap of 3; 4 messages within 24h (send log, 2026-01-10T10:00:00Z to 2026-01-11T09:59:00Z), more than the cap of 3 of US-FL (Fla. Stat. §501.616(6)(b))"}
	if got := ruleMessages(k, with(good(), domain.FieldPhone, floridaNumber), OverMessaged); !slices.Equal(got, want) {
		t.Errorf("both: got %q\nwant %q", got, want)
	}
	// The messages_sent column cannot judge a cap over another window.
	got := only(checkOne(policyBuiltin(), with(good(), domain.FieldPhone, floridaNumber, domain.FieldMessagesSent, "5")), OverMessaged)
	want = []string{"over-messaged: 5 messages sent in the last 7d, more than the cap of 2; the messages_sent column covers the last 7d only, so the cap of 3 per 24h of US-FL needs a send log (--messages)"}
	if !slices.Equal(got, want) {
		t.Errorf("column: got %q\nwant %q", got, want)
	}
}

// TestJurisdictionsOff checks that a policy without the table reads no
// jurisdiction.
func TestJurisdictionsOff(t *testing.T) {
	k := NewChecker(policyKE(), testNow, phone.NewNormaliser(), nil)
	var c Contact
	k.Check(record(1, with(good(), domain.FieldPhone, floridaNumber)), &c, nil)
	if c.Jurisdiction != nil || k.Jurisdictions() != nil {
		t.Error("the table is off, yet a jurisdiction was read")
	}
	k = NewChecker(policyBuiltin(), testNow, phone.NewNormaliser(), nil)
	k.Check(record(1, with(good(), domain.FieldPhone, floridaNumber)), &c, nil)
	if c.Jurisdiction == nil || !slices.Equal(c.Jurisdiction.Codes, []string{"US", "US-FL"}) {
		t.Errorf("Florida number: %+v", c.Jurisdiction)
	}
}
