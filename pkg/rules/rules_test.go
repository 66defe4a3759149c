package rules

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/phone"
)

var testNow = time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)

var testColumns = func() *domain.Columns {
	var c domain.Columns
	for f := domain.Field(0); f < domain.NumFields; f++ {
		c[f] = f.Name()
	}
	return &c
}()

// record builds a record of the test file from field=value pairs.
func record(row int, cells map[domain.Field]string) *domain.Record {
	rec := &domain.Record{Loc: domain.Location{File: "list.csv", Row: row, Line: row + 1}, Columns: testColumns}
	for f, v := range cells {
		rec.Values[f] = v
	}
	return rec
}

// good is a contact that breaks no rule; tests change one thing at a time.
func good() map[domain.Field]string {
	return map[domain.Field]string{
		domain.FieldPhone:         "+254712345678",
		domain.FieldConsentSource: "web_form",
		domain.FieldConsentAt:     "2025-06-01",
		domain.FieldLastActiveAt:  "2025-12-01",
	}
}

func with(m map[domain.Field]string, kv ...any) map[domain.Field]string {
	for i := 0; i < len(kv); i += 2 {
		m[kv[i].(domain.Field)] = kv[i+1].(string)
	}
	return m
}

func checkOne(p domain.Policy, cells map[domain.Field]string) []domain.Finding {
	k := NewChecker(p, testNow, phone.NewNormaliser(), nil)
	var c Contact
	return k.Check(record(1, cells), &c, nil)
}

func policyKE() domain.Policy {
	p := domain.DefaultPolicy()
	p.DefaultRegion = "KE"
	return p
}

func TestRowRules(t *testing.T) {
	days := func(n int) string { return testNow.AddDate(0, 0, -n).Format("2006-01-02") }
	F := func(rule, msg string) string { return rule + ": " + msg }
	tests := []struct {
		name  string
		cells map[domain.Field]string
		want  []string // "rule: message", in emission order
	}{
		{"clean", good(), nil},
		{"phone missing", with(good(), domain.FieldPhone, ""), []string{F(PhoneMissing, "the phone number is empty")}},
		{"phone too short", with(good(), domain.FieldPhone, "+2547123"), []string{F(PhoneInvalid, "not a valid phone number: too short")}},
		{"phone too long", with(good(), domain.FieldPhone, "+25471234567899"), []string{F(PhoneInvalid, "not a valid phone number: too long")}},
		{"bad country code", with(good(), domain.FieldPhone, "+999123456"), []string{F(PhoneInvalid, "not a valid phone number: bad country code")}},
		{"not a number", with(good(), domain.FieldPhone, "call me"), []string{F(PhoneInvalid, "not a valid phone number: not a number")}},
		// Digits that lost their + (or 00), of another country than the row's.
		{"lost + of another country", with(good(), domain.FieldPhone, "2348031234567"), []string{F(PhoneInvalid, "not a valid phone number: too long; with a + before it, it is a valid number of Nigeria (+234): if its + or 00 was lost, write it in E.164")}},
		{"too long, and no number with a +", with(good(), domain.FieldPhone, "99912345678901"), []string{F(PhoneInvalid, "not a valid phone number: too long")}},
		{"an Excel text formula", with(good(), domain.FieldPhone, `="0712345678"`), []string{F(PhoneNotE164, "not written in E.164 (+ and digits only); store it as its E.164 form")}},
		{"E.164 behind fix --excel-safe's '", with(good(), domain.FieldPhone, "'+254712345678"), nil},
		{"a ' before a national number", with(good(), domain.FieldPhone, "'0712345678"), []string{F(PhoneNotE164, "not written in E.164 (+ and digits only); store it as its E.164 form")}},
		{"national with region", with(good(), domain.FieldPhone, "0712 345678"), []string{F(PhoneNotE164, "not written in E.164 (+ and digits only); store it as its E.164 form")}},
		{"spaced international", with(good(), domain.FieldPhone, "+254 712 345678"), []string{F(PhoneNotE164, "not written in E.164 (+ and digits only); store it as its E.164 form")}},
		{"landline", with(good(), domain.FieldPhone, "+254202123456"), []string{F(PhoneNotMobile, "a fixed line number, not mobile: it may not receive SMS or WhatsApp messages")}},
		// Types whose names end in "number" take no second one (QA 27 rules 3).
		{"personal number", with(good(), domain.FieldPhone, "+447012345678"), []string{F(PhoneNotMobile, "a personal number, not mobile: it may not receive SMS or WhatsApp messages")}},
		{"universal access number", with(good(), domain.FieldPhone, "+443031234567"), []string{F(PhoneNotMobile, "a universal access number, not mobile: it may not receive SMS or WhatsApp messages")}},
		{"toll free", with(good(), domain.FieldPhone, "+448001234567"), []string{F(PhoneNotMobile, "a toll free number, not mobile: it may not receive SMS or WhatsApp messages")}},
		{"fixed line or mobile is fine", with(good(), domain.FieldPhone, "+12025550143"), nil},
		{"country as region", with(good(), domain.FieldPhone, "0712345678", domain.FieldCountry, "TZ"), []string{F(PhoneNotE164, "not written in E.164 (+ and digits only); store it as its E.164 form")}},
		{"region mismatch", with(good(), domain.FieldPhone, "+255712345678", domain.FieldCountry, "KE"), []string{F(PhoneRegionMismatch, "country KE has calling code +254 but the number has +255 (TZ)")}},
		{"country by calling code", with(good(), domain.FieldCountry, "+254"), nil},
		{"country by name", with(good(), domain.FieldCountry, "Kenya"), nil},
		{"country by name as region", with(good(), domain.FieldPhone, "0712345678", domain.FieldCountry, "Tanzania"), []string{F(PhoneNotE164, "not written in E.164 (+ and digits only); store it as its E.164 form")}},
		{"unknown country", with(good(), domain.FieldCountry, "Atlantis"), []string{F(ValueInvalid, `country: "Atlantis" is not an ISO 3166 code, calling code or country name the phone metadata knows`)}},
		{"country by French name as region", with(good(), domain.FieldPhone, "0661 23 45 67", domain.FieldCountry, "Maroc"), []string{F(PhoneNotE164, "not written in E.164 (+ and digits only); store it as its E.164 form")}},
		// A country that cannot be read is not replaced by --region (KE
		// here): the number is read with no region (fail closed).
		{"unreadable country: no --region", with(good(), domain.FieldPhone, "0712345678", domain.FieldCountry, "Marocco"), []string{
			F(ValueInvalid, `country: "Marocco" is not an ISO 3166 code, calling code or country name the phone metadata knows`),
			F(PhoneInvalid, "not a valid phone number: it has no + country code, and its row's country (country) cannot be read; --region is not used for a row that names a country")}},
		{"unreadable country, number with +", with(good(), domain.FieldCountry, "Marocco"), []string{F(ValueInvalid, `country: "Marocco" is not an ISO 3166 code, calling code or country name the phone metadata knows`)}},
		{"placeholder country: --region reads", with(good(), domain.FieldPhone, "0712345678", domain.FieldCountry, "n/a"), []string{
			F(ValueInvalid, `country: "n/a" is not an ISO 3166 code, calling code or country name the phone metadata knows`),
			F(PhoneNotE164, "not written in E.164 (+ and digits only); store it as its E.164 form")}},
		{"consent missing", with(good(), domain.FieldConsentSource, "", domain.FieldConsentAt, ""), []string{F(ConsentMissing, "no consent source: nothing records how this contact opted in")}},
		{"consent date missing", with(good(), domain.FieldConsentAt, ""), []string{F(ConsentDateMissing, "a consent source but no consent date: when the contact opted in cannot be shown")}},
		{"consent exactly at max age", with(good(), domain.FieldConsentAt, days(730)), nil},
		{"consent one day past max age", with(good(), domain.FieldConsentAt, days(731)), []string{F(ConsentExpired, "consent given 2024-01-15 is 731 days old, older than 730d")}},
		{"consent one second inside max age", with(good(), domain.FieldConsentAt, "2024-01-16T00:00:01Z"), nil},
		{"consent one second past max age", with(good(), domain.FieldConsentAt, "2024-01-15T23:59:59Z"), []string{F(ConsentExpired, "consent given 2024-01-15T23:59:59Z is more than 730 days old, older than 730d")}},
		{"consent after contact", with(good(), domain.FieldLastContactedAt, "2025-05-01"), []string{F(ConsentAfterContact, "consent given 2025-06-01, after the contact was messaged on 2025-05-01")}},
		{"consent same time as contact", with(good(), domain.FieldLastContactedAt, "2025-06-01"), nil},
		// Messaged between the opt-out and the re-opt-in: not consent-after-contact
		// (a re-opt-in), but a message after opting out.
		{"re-opt-in is not consent after contact", with(good(), domain.FieldLastContactedAt, "2025-05-01", domain.FieldOptedOutAt, "2025-04-01"), []string{F(ContactedAfterOptOut, "messaged on 2025-05-01 after opting out on 2025-04-01")}},
		{"opted out flag", with(good(), domain.FieldOptedOut, "yes"), []string{F(OptedOut, `opted out (opted_out is "yes"): remove the contact from send lists`)}},
		{"opted out flag wins over later consent", with(good(), domain.FieldOptedOut, "TRUE", domain.FieldOptedOutAt, "2025-01-01"), []string{F(OptedOut, `opted out (opted_out is "TRUE"): remove the contact from send lists`)}},
		{"opted out by date", with(good(), domain.FieldOptedOutAt, "2025-07-01"), []string{F(OptedOut, "opted out on 2025-07-01 with no later consent: remove the contact from send lists")}},
		{"opt-out same time as consent", with(good(), domain.FieldOptedOutAt, "2025-06-01"), []string{F(OptedOut, "opted out on 2025-06-01 with no later consent: remove the contact from send lists")}},
		{"re-opt-in after opt-out", with(good(), domain.FieldOptedOutAt, "2025-05-31"), nil},
		{"opted_out no", with(good(), domain.FieldOptedOut, "no"), nil},
		{"opted_out status word", with(good(), domain.FieldOptedOut, "Unsubscribed"), []string{F(OptedOut, `opted out (opted_out is "Unsubscribed"): remove the contact from send lists`)}},
		{"opted_out STOP keyword", with(good(), domain.FieldOptedOut, "STOP"), []string{F(OptedOut, `opted out (opted_out is "STOP"): remove the contact from send lists`)}},
		{"opted_out subscribed", with(good(), domain.FieldOptedOut, "subscribed"), nil},
		// An unreadable opt-out cell may be a no: it is read as one, to be
		// safe (a tester's finding: such rows were kept).
		{"opted_out unreadable", with(good(), domain.FieldOptedOut, "maybe"), []string{
			F(ValueInvalid, `opted_out: "maybe" is not a yes/no value or opt-out status (want true/yes/y/1/t/x/unsubscribed/opted out/stop/blocked/dnc or false/no/n/0/f/subscribed/opted in/empty); read as opted out to be safe`),
			F(OptedOut, `read as opted out to be safe (opted_out is "maybe", which cannot be read): remove the contact from send lists, or correct the cell`),
		}},
		// An opt-out date that cannot be read still records an opt-out: it
		// is read as one, to be safe (a tester's finding: 15/03/2025 and
		// 45678 were ignored, and the contact kept).
		{"opt-out date unreadable", with(good(), domain.FieldOptedOutAt, "15/03/2025"), []string{
			F(DateInvalid, `opted_out_at: "15/03/2025" is not a date (want RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time; set --date-format DD/MM/YYYY to read it); read as opted out to be safe`),
			F(OptedOut, `read as opted out to be safe (opted_out_at is "15/03/2025", which cannot be read as a date): remove the contact from send lists, or correct the cell (--date-format DD/MM/YYYY reads it)`),
		}},
		{"opt-out date unreadable beats opted_out no", with(good(), domain.FieldOptedOut, "no", domain.FieldOptedOutAt, "01/02/2025"), []string{
			F(DateInvalid, `opted_out_at: "01/02/2025" is not a date (want RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time; set --date-format DD/MM/YYYY to read it, or MM/DD/YYYY if the month comes first); read as opted out to be safe`),
			F(OptedOut, `read as opted out to be safe (opted_out_at is "01/02/2025", which cannot be read as a date): remove the contact from send lists, or correct the cell (--date-format DD/MM/YYYY or MM/DD/YYYY reads it)`),
		}},
		// A 12-hour clock's patterns hold spaces: each is quoted.
		{"opt-out date 12-hour clock", with(good(), domain.FieldOptedOutAt, "1/2/2025 9:30 AM"), []string{
			F(DateInvalid, `opted_out_at: "1/2/2025 9:30 AM" is not a date (want RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time; set --date-format "M/D/YYYY h:mm A" to read it, or "D/M/YYYY h:mm A" if the day comes first); read as opted out to be safe`),
			F(OptedOut, `read as opted out to be safe (opted_out_at is "1/2/2025 9:30 AM", which cannot be read as a date): remove the contact from send lists, or correct the cell (--date-format "M/D/YYYY h:mm A" or "D/M/YYYY h:mm A" reads it)`),
		}},
		{"opt-out date Excel serial", with(good(), domain.FieldOptedOutAt, "45678"), []string{
			F(DateInvalid, `opted_out_at: "45678" is not a date (read as Unix time it is 1970-01-01T12:41:18Z, before 2000): it looks like an Excel serial date, 2025-01-21 (2029-01-22 in a workbook of the 1904 date system); format the column as dates (YYYY-MM-DD) in the spreadsheet before exporting it; read as opted out to be safe`),
			F(OptedOut, `read as opted out to be safe (opted_out_at is "45678", which cannot be read as a date): remove the contact from send lists, or correct the cell`),
		}},
		{"opt-out date YYYYMMDD", with(good(), domain.FieldOptedOutAt, "20250122"), []string{
			F(DateInvalid, `opted_out_at: "20250122" is not a date (read as Unix time it is 1970-08-23T09:02:02Z, before 2000): it looks like YYYYMMDD, 2025-01-22; set --date-format YYYYMMDD to read it; read as opted out to be safe`),
			F(OptedOut, `read as opted out to be safe (opted_out_at is "20250122", which cannot be read as a date): remove the contact from send lists, or correct the cell (--date-format YYYYMMDD reads it)`),
		}},
		{"opt-out date after now", with(good(), domain.FieldOptedOutAt, "2026-03-01"), []string{
			F(DateInvalid, "opted_out_at: 2026-03-01 lies after now (2026-01-15); read as opted out to be safe"),
			F(OptedOut, `read as opted out to be safe (opted_out_at is "2026-03-01", a date after now): remove the contact from send lists, or correct the cell`),
		}},
		{"opt-out date unreadable and flag yes", with(good(), domain.FieldOptedOut, "yes", domain.FieldOptedOutAt, "15/03/2025"), []string{
			F(DateInvalid, `opted_out_at: "15/03/2025" is not a date (want RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time; set --date-format DD/MM/YYYY to read it); read as opted out to be safe`),
			F(OptedOut, `opted out (opted_out is "yes"): remove the contact from send lists`),
		}},
		// A placeholder says there is no opt-out date.
		{"opt-out date placeholder", with(good(), domain.FieldOptedOutAt, "NULL"), []string{
			F(DateInvalid, `opted_out_at: "NULL" is not a date (want RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time; set --date-format for other layouts)`),
		}},
		{"opt-out date zero", with(good(), domain.FieldOptedOutAt, "0"), []string{
			F(DateInvalid, `opted_out_at: "0" is not a date (read as Unix time it is 1970-01-01, before 2000: no date a contact list holds)`),
		}},
		{"opt-out date zero date", with(good(), domain.FieldOptedOutAt, "0001-01-01"), []string{
			F(DateInvalid, "opted_out_at: 0001-01-01 lies before 1900: a placeholder, not a date"),
		}},
		{"contact date Excel serial", with(good(), domain.FieldLastContactedAt, "45900"), []string{
			F(DateInvalid, `last_contacted_at: "45900" is not a date (read as Unix time it is 1970-01-01T12:45:00Z, before 2000): it looks like an Excel serial date, 2025-08-31 (2029-09-01 in a workbook of the 1904 date system); format the column as dates (YYYY-MM-DD) in the spreadsheet before exporting it`),
		}},
		{"opted_out withdrawn", with(good(), domain.FieldOptedOut, "withdrawn"), []string{F(OptedOut, `opted out (opted_out is "withdrawn"): remove the contact from send lists`)}},
		{"opted_out in German", with(good(), domain.FieldOptedOut, "Einwilligung widerrufen"), []string{F(OptedOut, `opted out (opted_out is "Einwilligung widerrufen"): remove the contact from send lists`)}},
		{"contacted after opt-out", with(good(), domain.FieldConsentAt, "2025-01-01", domain.FieldOptedOutAt, "2025-02-01", domain.FieldLastContactedAt, "2025-03-01"), []string{
			F(OptedOut, "opted out on 2025-02-01 with no later consent: remove the contact from send lists"),
			F(ContactedAfterOptOut, "messaged on 2025-03-01 after opting out on 2025-02-01"),
		}},
		{"contacted after re-opt-in", with(good(), domain.FieldOptedOutAt, "2025-05-01", domain.FieldLastContactedAt, "2025-07-01"), nil},
		{"contacted on the opt-out instant", with(good(), domain.FieldConsentAt, "2025-01-01", domain.FieldOptedOutAt, "2025-02-01", domain.FieldLastContactedAt, "2025-02-01"), []string{
			F(OptedOut, "opted out on 2025-02-01 with no later consent: remove the contact from send lists"),
		}},
		{"contacted at the re-opt-in instant", with(good(), domain.FieldOptedOutAt, "2025-05-01", domain.FieldLastContactedAt, "2025-06-01"), nil},
		{"stale exactly at threshold", with(good(), domain.FieldConsentAt, days(365), domain.FieldLastActiveAt, ""), nil},
		{"stale past threshold", with(good(), domain.FieldConsentAt, days(400), domain.FieldLastActiveAt, days(366)), []string{F(Stale, "no activity or consent since 2025-01-14 (366 days ago, stale after 365d)")}},
		{"stale uses latest", with(good(), domain.FieldConsentAt, days(400), domain.FieldLastActiveAt, days(10)), nil},
		{"stale no dates", with(good(), domain.FieldConsentAt, "", domain.FieldLastActiveAt, ""), []string{F(ConsentDateMissing, "a consent source but no consent date: when the contact opted in cannot be shown")}},
		{"messages at cap", with(good(), domain.FieldMessagesSent, "2"), nil},
		{"messages over cap", with(good(), domain.FieldMessagesSent, "3"), []string{F(OverMessaged, "3 messages sent in the last 7d, more than the cap of 2")}},
		{"messages past an int", with(good(), domain.FieldMessagesSent, " 99999999999999999999 "), []string{F(OverMessaged, "99999999999999999999 messages sent in the last 7d, more than the cap of 2")}},
		{"messages negative past an int", with(good(), domain.FieldMessagesSent, "-99999999999999999999"), []string{F(ValueInvalid, `messages_sent: "-99999999999999999999" is not a count (want a whole number, 0 or more)`)}},
		{"messages unreadable", with(good(), domain.FieldMessagesSent, "lots"), []string{F(ValueInvalid, `messages_sent: "lots" is not a count (want a whole number, 0 or more)`)}},
		{"date unparseable counts as empty", with(good(), domain.FieldConsentAt, "31/12/2025"), []string{
			F(DateInvalid, `consent_at: "31/12/2025" is not a date (want RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time; set --date-format DD/MM/YYYY to read it)`),
			F(ConsentDateMissing, "a consent source but no consent date: when the contact opted in cannot be shown"),
		}},
		{"date after now", with(good(), domain.FieldLastActiveAt, "2026-02-01"), []string{F(DateInvalid, "last_active_at: 2026-02-01 lies after now (2026-01-15)")}},
		{"date exactly now", with(good(), domain.FieldLastActiveAt, "2026-01-15"), nil},
		{"blank consent source", with(good(), domain.FieldConsentSource, " \u00a0"), []string{F(ConsentMissing, "no consent source: nothing records how this contact opted in")}},
		{"consent source n/a", with(good(), domain.FieldConsentSource, " N/A "), []string{F(ConsentMissing, `no consent source: "N/A" records nothing of how this contact opted in`)}},
		{"consent source none", with(good(), domain.FieldConsentSource, "none", domain.FieldConsentAt, ""), []string{F(ConsentMissing, `no consent source: "none" records nothing of how this contact opted in`)}},
		{"consent source a dash", with(good(), domain.FieldConsentSource, "-"), []string{F(ConsentMissing, `no consent source: "-" records nothing of how this contact opted in`)}},
		{"blank phone", with(good(), domain.FieldPhone, "\t"), []string{F(PhoneMissing, "the phone number is empty")}},
		// A placeholder for no number is phone-missing; words that say
		// something else, and numbers, are not placeholders.
		{"phone placeholder n/a", with(good(), domain.FieldPhone, "n/a"), []string{F(PhoneMissing, `the phone cell holds "n/a", a placeholder for no number`)}},
		{"phone placeholder spaced upper case", with(good(), domain.FieldPhone, " N/A "), []string{F(PhoneMissing, `the phone cell holds "N/A", a placeholder for no number`)}},
		{"phone placeholder Excel error", with(good(), domain.FieldPhone, "#N/A"), []string{F(PhoneMissing, `the phone cell holds "#N/A", a placeholder for no number`)}},
		{"phone placeholder dash", with(good(), domain.FieldPhone, "-"), []string{F(PhoneMissing, `the phone cell holds "-", a placeholder for no number`)}},
		{"phone placeholder em dash", with(good(), domain.FieldPhone, "—"), []string{F(PhoneMissing, `the phone cell holds "—", a placeholder for no number`)}},
		{"phone placeholder zero", with(good(), domain.FieldPhone, "0"), []string{F(PhoneMissing, `the phone cell holds "0", a placeholder for no number`)}},
		{"phone placeholder NULL", with(good(), domain.FieldPhone, "NULL"), []string{F(PhoneMissing, `the phone cell holds "NULL", a placeholder for no number`)}},
		{"phone word is no placeholder", with(good(), domain.FieldPhone, "unknown"), []string{F(PhoneInvalid, "not a valid phone number: not a number")}},
		{"phone double zero is no placeholder", with(good(), domain.FieldPhone, "00"), []string{F(PhoneInvalid, "not a valid phone number: too short")}},
		{"blank date", with(good(), domain.FieldLastActiveAt, "\u200b "), nil},
		{"date before 1900", with(good(), domain.FieldConsentAt, "1700-01-01"), []string{
			F(DateInvalid, "consent_at: 1700-01-01 lies before 1900: a placeholder, not a date"),
			F(ConsentDateMissing, "a consent source but no consent date: when the contact opted in cannot be shown"),
		}},
		{"zero date placeholder", with(good(), domain.FieldLastActiveAt, "0001-01-01"), []string{F(DateInvalid, "last_active_at: 0001-01-01 lies before 1900: a placeholder, not a date")}},
		{"date on 1900-01-01", with(good(), domain.FieldConsentAt, "1900-01-01", domain.FieldLastActiveAt, ""), []string{
			F(ConsentExpired, "consent given 1900-01-01 is 46035 days old, older than 730d"),
			F(Stale, "no activity or consent since 1900-01-01 (46035 days ago, stale after 365d)"),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, f := range checkOne(policyKE(), tt.cells) {
				got = append(got, f.Rule+": "+f.Message)
				if r, _ := Lookup(f.Rule); f.Severity != r.Severity {
					t.Errorf("%s has severity %v, want %v", f.Rule, f.Severity, r.Severity)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("findings:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

func TestNoRegionMessage(t *testing.T) {
	got := checkOne(domain.DefaultPolicy(), with(good(), domain.FieldPhone, "0712345678"))
	if len(got) != 1 || got[0].Rule != PhoneInvalid || got[0].Message != "not a valid phone number: no region: the number has no + country code, and neither --region nor the row's country says which country it belongs to" {
		t.Fatalf("got %+v", got)
	}
}

func TestMalformedRowGetsOnlyRowMalformed(t *testing.T) {
	k := NewChecker(policyKE(), testNow, phone.NewNormaliser(), nil)
	rec := record(4, map[domain.Field]string{domain.FieldPhone: ""})
	rec.Malformed = "has 5 fields, header has 4"
	var c Contact
	got := k.Check(rec, &c, nil)
	if len(got) != 1 || got[0].Rule != RowMalformed || got[0].Message != "has 5 fields, header has 4" || got[0].Field != domain.FieldNone || got[0].Loc.Row != 4 {
		t.Fatalf("got %+v", got)
	}
}

// TestMalformedRowsNumberIsRead: a malformed row's phone cell is read (with
// its country cell as region), for the duplicate rules alone: its one
// finding still names the cell as written.
func TestMalformedRowsNumberIsRead(t *testing.T) {
	k := NewChecker(policyKE(), testNow, phone.NewNormaliser(), nil)
	tests := []struct {
		phone, country, want string
	}{
		{"+254712345678", "", "+254712345678"},
		{"0712 345 678", "", "+254712345678"},
		{"0712 345 678", "TZ", "+255712345678"},
		{"00254712345678", "", "+254712345678"}, // 00 dials out, not Kenya's prefix (000)
		{"not a number", "", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		rec := record(4, map[domain.Field]string{domain.FieldPhone: tt.phone, domain.FieldCountry: tt.country, domain.FieldOptedOut: "yes"})
		rec.Malformed = "has 5 fields, header has 4"
		var c Contact
		got := k.Check(rec, &c, nil)
		if len(got) != 1 || got[0].Rule != RowMalformed || got[0].Phone != tt.phone {
			t.Errorf("%q: findings %+v, want row-malformed naming the cell as written", tt.phone, got)
		}
		if e164 := c.Number.E164(); c.Number.Valid != (tt.want != "") || c.Number.Valid && e164 != tt.want {
			t.Errorf("%q (country %q): number %q (valid %v), want %q", tt.phone, tt.country, e164, c.Number.Valid, tt.want)
		}
		if c.OptedOut() {
			t.Errorf("%q: the malformed row's cells were read as opted out", tt.phone)
		}
	}
}

func TestFindingCarriesCellAndNumber(t *testing.T) {
	got := checkOne(policyKE(), with(good(), domain.FieldPhone, "0712 345678", domain.FieldMessagesSent, "9"))
	if len(got) != 2 || got[0].Rule != OverMessaged || got[1].Rule != PhoneNotE164 {
		t.Fatalf("got %+v", got)
	}
	f := got[1]
	if f.Column != "phone" || f.Value != "0712 345678" || f.Phone != "+254712345678" || f.Field != domain.FieldPhone {
		t.Errorf("phone finding = %+v", f)
	}
	if got[0].Column != "messages_sent" || got[0].Value != "9" || got[0].Phone != "+254712345678" {
		t.Errorf("messages finding = %+v", got[0])
	}
}

func TestCatalogueIsComplete(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Catalogue {
		if seen[r.ID] {
			t.Errorf("rule %s listed twice", r.ID)
		}
		seen[r.ID] = true
		if r.Summary == "" || r.Severity == 0 || r.Family == "" {
			t.Errorf("rule %s lacks summary, severity or family", r.ID)
		}
	}
	if len(Catalogue) != 29 {
		t.Errorf("catalogue has %d rules, want 29", len(Catalogue))
	}
}

func TestEveryFindingOfARowNamesItsNumber(t *testing.T) {
	got := checkOne(policyKE(), with(good(), domain.FieldCountry, "Atlantis", domain.FieldConsentAt, "31/12/2025", domain.FieldPhone, "+254712345678"))
	if len(got) != 3 {
		t.Fatalf("got %+v", got)
	}
	for _, f := range got {
		if f.Phone != "+254712345678" {
			t.Errorf("%s: Phone = %q", f.Rule, f.Phone)
		}
	}
}

// Ages are counted in seconds (a time.Duration ends at 292 years), in the
// unit of the limit they exceed, and whole units that do not exceed it say
// "more than".
func TestAge(t *testing.T) {
	from := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	tests := []struct {
		to    time.Time
		limit time.Duration
		want  string
	}{
		{time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC), 730 * day, "146097 days"},
		{from.Add(731 * day), 730 * day, "731 days"},
		{from.Add(731*day - time.Second), 730 * day, "more than 730 days"},
		{from.Add(730*day + time.Nanosecond), 730 * day, "more than 730 days"},
		{from.Add(2 * day), day, "2 days"},
		{from.Add(day + 500*time.Millisecond), 12 * time.Hour, "24 hours"},
		{from.Add(37 * time.Hour), 36 * time.Hour, "37 hours"},
		{from.Add(36*time.Hour + 30*time.Minute), 36 * time.Hour, "more than 36 hours"},
		{from.Add(91 * time.Minute), 90 * time.Minute, "91 minutes"},
		{from.Add(61 * time.Second), time.Minute + time.Second, "more than 61 seconds"},
		{from.Add(62 * time.Second), time.Minute + time.Second, "62 seconds"},
		{from.Add(2 * time.Hour), time.Hour, "2 hours"},
	}
	for _, tt := range tests {
		var txt text
		if got := txt.age(from, tt.to, domain.Duration(tt.limit)).String(); got != tt.want {
			t.Errorf("age(%v, %v, %v) = %q, want %q", from, tt.to, tt.limit, got, tt.want)
		}
	}
}

// A wa_id, msisdn or SMS (Brevo) column holds international numbers
// without "+": with no region they are read as such, not as numbers
// without a region.
func TestInternationalPhoneColumn(t *testing.T) {
	for _, tt := range []struct{ header, cell, want string }{
		{"wa_id", "254712345678", "phone-not-e164"},
		{"MSISDN", "447911123456", "phone-not-e164"},
		{"phone", "254712345678", "phone-invalid"},
		{"wa_id", "0712345678", "phone-invalid"}, // national: still needs a region
		// Brevo's SMS attribute holds the country code; its WHATSAPP
		// attribute is not known to.
		{"SMS", "33612345678", "phone-not-e164"},
		{"WHATSAPP", "33612345678", "phone-invalid"},
	} {
		rec := record(1, with(good(), domain.FieldPhone, tt.cell))
		rec.Columns[domain.FieldPhone] = tt.header
		k := NewChecker(domain.DefaultPolicy(), testNow, phone.NewNormaliser(), nil)
		var c Contact
		var got []string
		for _, f := range k.Check(rec, &c, nil) {
			got = append(got, f.Rule)
		}
		if !slices.Equal(got, []string{tt.want}) {
			t.Errorf("%s %q: %v, want [%s]", tt.header, tt.cell, got, tt.want)
		}
	}
}

// TestBlankCellsAreEmptied checks every field: a cell a person sees as
// empty is read as empty, whatever its field, and a cell that only
// starts with white space or a non-ASCII letter is kept as it is.
func TestBlankCellsAreEmptied(t *testing.T) {
	k := NewChecker(policyKE(), testNow, phone.NewNormaliser(), nil)
	tests := []struct{ cell, want string }{
		{" \u00a0\u200b", ""},
		{"\t", ""},
		{" x", " x"},
		{"é", "é"},
		{"\x7f", "\x7f"},
	}
	for f := domain.Field(0); f < domain.NumFields; f++ {
		for _, tc := range tests {
			rec := record(1, with(good(), f, tc.cell))
			var c Contact
			k.Check(rec, &c, nil)
			if got := rec.Values[f]; got != tc.want {
				t.Errorf("field %d, cell %q: read as %q, want %q", f, tc.cell, got, tc.want)
			}
		}
	}
}
