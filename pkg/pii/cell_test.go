package pii

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/listaudit/listaudit/pkg/domain"
)

func TestFieldValueOfCells(t *testing.T) {
	tests := []struct {
		f        domain.Field
		in, want string
	}{
		// What users need to fix a cell stays readable.
		{domain.FieldConsentAt, "2025-01-01", "2025-01-01"},
		{domain.FieldConsentAt, "2025-01-01 10:00:00", "2025-01-01 10:00:00"},
		{domain.FieldConsentAt, "01/02/2024", "01/02/2024"},
		{domain.FieldConsentAt, "#VALUE!", "#VALUE!"},
		{domain.FieldConsentAt, "20250101", "20250101"},
		{domain.FieldConsentAt, "20251301", "2*****01"}, // no month 13: a number
		{domain.FieldCountry, "20250101", "2*****01"},   // a date only in a date's column
		{domain.FieldCountry, "Kenya", "Kenya"},
		{domain.FieldCountry, "South Africa", "South Africa"},
		{domain.FieldCountry, "XX", "XX"},
		{domain.FieldMessagesSent, "123456", "123456"},
		{domain.FieldOptedOut, "maybe", "maybe"},
		{domain.FieldOptedOut, "opted out", "opted out"},
		{domain.FieldOptedOut, "n/a", "n/a"},
		{domain.FieldConsentChannel, "sms;whats app", "sms;whats app"},
		{domain.FieldConsentChannel, "Text Message", "Text Message"},
		{domain.FieldConsentPurpose, "customer care", "customer care"},
		{domain.FieldConsentType, "Double Opt-In", "Double Opt-In"},
		{domain.FieldConsentBrand, "Kahawa Coffee", "Kahawa Coffee"},
		{domain.FieldConsentSource, "web_form", "web_form"},
		// Numbers are masked as numbers are.
		{domain.FieldCountry, "+254712345679", "+2547******79"},
		{domain.FieldOptedOut, "+254 712 345 673", "+2** *** *** *73"},
		{domain.FieldMessagesSent, "254712345672", "2*********72"},
		{domain.FieldOptedOutAt, "0712345671", "0*******71"},
		{domain.FieldLastActiveAt, "call 0712 345 678 now", "call 0*** *** *78 now"},
		// E-mail addresses and names are hidden.
		{domain.FieldOptedOut, "ann.x@example.com", "[hidden]"},
		{domain.FieldLastContactedAt, "bob2000@example.com", "[hidden]"},
		{domain.FieldLastContactedAt, "mail <bob@example.com>", "mail <[hidden]>"},
		{domain.FieldLastActiveAt, "Jane Doe", "[hidden]"},
		{domain.FieldLastActiveAt, " Mary-Jane O'Neil ", " [hidden] "},
		{domain.FieldLastActiveAt, "Jürgen Müller", "[hidden]"},
		{domain.FieldConsentChannel, "sms;Jane Doe", "sms;[hidden]"},
		{domain.FieldConsentSource, "web form", "[hidden]"},
		{domain.FieldOptedOut, "Jane Doe, +254712345678", "[hidden], +2547******78"},
	}
	for _, tt := range tests {
		if got := FieldValue(tt.f, tt.in, false); got != tt.want {
			t.Errorf("FieldValue(%v, %q) = %q, want %q", tt.f, tt.in, got, tt.want)
		}
		if got := string(AppendFieldValue([]byte("x"), tt.f, tt.in, false)); got != "x"+tt.want {
			t.Errorf("AppendFieldValue(x, %v, %q) = %q, want %q", tt.f, tt.in, got, "x"+tt.want)
		}
		if got := FieldValue(tt.f, tt.in, true); got != tt.in {
			t.Errorf("FieldValue(%v, %q) with showPII = %q", tt.f, tt.in, got)
		}
	}
}

func TestFindingMessage(t *testing.T) {
	tests := []struct {
		name string
		f    domain.Finding
		want string
	}{
		{"number quoted", domain.Finding{Field: domain.FieldCountry, Column: "country", Value: "+254712345679",
			Message: `country: "+254712345679" is not an ISO 3166 code`}, `country: "+2547******79" is not an ISO 3166 code`},
		{"e-mail quoted", domain.Finding{Field: domain.FieldOptedOut, Column: "opted_out", Value: " ann.x@example.com",
			Message: `opted_out: "ann.x@example.com" is not a yes/no value`}, `opted_out: "[hidden]" is not a yes/no value`},
		{"name quoted", domain.Finding{Field: domain.FieldLastActiveAt, Column: "last_active_at", Value: "Jane Doe",
			Message: `last_active_at: "Jane Doe" is not a date`}, `last_active_at: "[hidden]" is not a date`},
		{"count read from the cell", domain.Finding{Field: domain.FieldMessagesSent, Column: "messages_sent", Value: "0254712345672",
			Message: "254712345672 messages sent in the last 7d, more than the cap of 2"}, "2*********72 messages sent in the last 7d, more than the cap of 2"},
		{"header with a number", domain.Finding{Field: domain.FieldCountry, Column: "+254700111222", Value: "ZZ",
			Message: `+254700111222: "ZZ" is not an ISO 3166 code`}, `+2*********22: "ZZ" is not an ISO 3166 code`},
		{"safe cell as it is", domain.Finding{Field: domain.FieldConsentAt, Column: "consent_at", Value: "2025-01-01",
			Message: "no activity or consent since 2025-01-01 (379 days ago, call 0712 345 678)"}, "no activity or consent since 2025-01-01 (379 days ago, call 0712 345 678)"},
		{"dates in a masked message stay", domain.Finding{Field: domain.FieldOptedOutAt, Column: "opted_out_at", Value: "0712345671",
			Message: "opted out on 1992-07-28T17:47:51Z (0712345671)"}, "opted out on 1992-07-28T17:47:51Z (0*******71)"},
		{"long cell of words hidden whole", domain.Finding{Field: domain.FieldOptedOut, Column: "opted_out", Value: strings.Repeat("Ann Lee ", 2000),
			Message: `opted_out: "` + strings.Repeat("Ann Lee ", 2000) + `" is not a yes/no value`}, `opted_out: "[hidden] " is not a yes/no value`},
		{"whole row as it is", domain.Finding{Field: domain.FieldNone, Value: "Jane,+254712345678", Message: "malformed"}, "malformed"},
		// A consent source hidden says how to see it: the reader must, to
		// correct it or allow it (QA 27 people F3). One shown, or only
		// masked, needs no hint.
		{"consent source hidden", domain.Finding{Field: domain.FieldConsentSource, Column: "consent_source", Value: "Facebook lead ad",
			Message: `consent source "Facebook lead ad" is not one the policy allows (web_form, checkout)`},
			`consent source "[hidden]" is not one the policy allows (web_form, checkout); --show-pii shows the hidden value`},
		{"consent source shown", domain.Finding{Field: domain.FieldConsentSource, Column: "consent_source", Value: "webform",
			Message: `consent source "webform" is not one the policy allows (web_form)`},
			`consent source "webform" is not one the policy allows (web_form)`},
		{"consent source masked", domain.Finding{Field: domain.FieldConsentSource, Column: "consent_source", Value: "sms:0712345678",
			Message: `consent source "sms:0712345678" is not one the policy allows (web_form)`},
			`consent source "sms:0*******78" is not one the policy allows (web_form)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FindingMessage(&tt.f, false); got != tt.want {
				t.Errorf("FindingMessage = %q, want %q", got, tt.want)
			}
			if got := FindingMessage(&tt.f, true); got != tt.f.Message {
				t.Errorf("FindingMessage with showPII = %q, want %q", got, tt.f.Message)
			}
		})
	}
}

// TestCellsDoNotAllocate: reports ask of every finding's cell and message;
// a cell with nothing personal, and a number in a cell, cost no
// allocation.
func TestCellsDoNotAllocate(t *testing.T) {
	b := make([]byte, 0, 64)
	for _, c := range []struct {
		f domain.Field
		v string
	}{{domain.FieldConsentAt, "2025-01-01"}, {domain.FieldConsentAt, "2025-01-01T10:00:00Z"}, {domain.FieldOptedOut, "maybe"}, {domain.FieldCountry, "+254712345679"}} {
		if n := testing.AllocsPerRun(100, func() { b = AppendFieldValue(b[:0], c.f, c.v, false) }); n != 0 {
			t.Errorf("AppendFieldValue(%v, %q) allocates %v times", c.f, c.v, n)
		}
	}
	f := &domain.Finding{Field: domain.FieldConsentAt, Column: "consent_at", Value: "2025-01-01", Message: "since 2025-01-01"}
	if n := testing.AllocsPerRun(100, func() { _ = FindingMessage(f, false) }); n != 0 {
		t.Errorf("FindingMessage of a date allocates %v times", n)
	}
}

// The regular expressions the hand-written scanners stand for.
var (
	phoneRunRE   = regexp.MustCompile(`[+＋]?[0-9(][0-9 ().\-]*[0-9]`)
	datePrefixRE = regexp.MustCompile(`^(\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./](\d{4}|\d{2}))\b`)
)

// FuzzPhoneRuns checks nextPhoneRun and datePrefixLen against the regular
// expressions they are written for.
func FuzzPhoneRuns(f *testing.F) {
	for _, s := range []string{"call 0712 345 678", "+254712345601", "2026-01-02", "1.2.2024x", "01/02/24 5", "＋44 (20) 7946-0958", "((9", "+(1", "2025-01-011", "12.1.2024", "1-2-345", "2025-01-01T10:00:00Z", "1-2-24 0712345678", "2025-01-01 0712 345678"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var got [][]int
		for start, end := nextPhoneRun(s, 0); start >= 0; start, end = nextPhoneRun(s, end) {
			got = append(got, []int{start, end})
		}
		want := phoneRunRE.FindAllStringIndex(s, -1)
		if !slices.EqualFunc(got, want, slices.Equal) {
			t.Fatalf("phone runs of %q = %v, want %v", s, got, want)
		}
		wantLen := 0
		if m := datePrefixRE.FindStringIndex(s); m != nil {
			wantLen = m[1]
		}
		if got := datePrefixLen(s); got != wantLen {
			t.Fatalf("datePrefixLen(%q) = %v, want %v", s, got, wantLen)
		}
		// The shortcut past hasPhone for dates skips no number.
		digits := 0
		for i := range len(s) {
			if isDigit(s[i]) {
				digits++
			}
		}
		if dateWithFewDigits(s, digits) && hasPhone(s) {
			t.Fatalf("dateWithFewDigits(%q) but it holds a number", s)
		}
	})
}
