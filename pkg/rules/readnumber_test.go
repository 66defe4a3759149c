package rules

import (
	"slices"
	"testing"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/phone"
)

// TestReadNumber: a list's phone cell is read as suppression lists and
// send logs read it: 00 and a country code is that country's number in
// any region, also where 00 is not the region's international prefix
// (Kenya's is 000), and a cell that is no number under any reading keeps
// libphonenumber's reason.
func TestReadNumber(t *testing.T) {
	phones := phone.NewNormaliser()
	tests := []struct {
		raw, column, region string
		want                string // E.164, or the problem of an invalid number
	}{
		{"00254712345601", "phone", "KE", "+254712345601"},
		{"0044 7911 123456", "phone", "KE", "+447911123456"},
		{"0044 7911 123456", "phone", "GB", "+447911123456"},
		{"0044 7911 123456", "phone", "US", "+447911123456"},
		{"000 44 7911 123456", "phone", "KE", "+447911123456"}, // Kenya's own prefix, read by libphonenumber
		{"00254712345601", "msisdn", "KE", "+254712345601"},
		{"254712345601", "msisdn", "KE", "+254712345601"},
		{"0712 345 601", "phone", "KE", "+254712345601"},
		{"00254712345601", "phone", "", phone.NoRegion.String()}, // no region, as in a suppression list
		{"0000254712345601", "phone", "KE", "too long"},
		// Two numbers in one cell are none (libphonenumber reads the first).
		{"0712345601;0712345602", "phone", "KE", phone.Several.String()},
		{"00254712345601;00254712345602", "phone", "KE", phone.Several.String()},
		{"+254712345601; +254712345602", "msisdn", "", phone.Several.String()},
		{"+254712345601;ext=5", "phone", "KE", "+254712345601"}, // RFC 3966's extension
		{"+254712345601;", "phone", "KE", "not a number"},       // as libphonenumber reads it, not Several
		{"00999712345601", "phone", "KE", "too long"},
		// Every spelling the + and national readings take, the 00 reading
		// takes too (phone.Clean): marks, a stray BOM, Excel's ="…".
		{"\u200e00254712345601", "phone", "KE", "+254712345601"},
		{"\u200b00 254 712 345 601", "phone", "KE", "+254712345601"},
		{"\ufeff00254712345601", "phone", "KE", "+254712345601"},
		{"\u202a00254712345601\u202c", "phone", "KE", "+254712345601"},
		{`="00254712345601"`, "phone", "KE", "+254712345601"},
		{`="0712345601"`, "phone", "KE", "+254712345601"},
		{`="+254712345601"`, "phone", "KE", "+254712345601"},
		// Text the parse takes around a +, it takes around a 00 (QA28b F2).
		{"00254712345601.", "phone", "KE", "+254712345601"},
		{"00254712345601 ext. 5", "phone", "KE", "+254712345601"},
		{"'00254712345601", "phone", "KE", "+254712345601"},
		{"'+254712345601", "phone", "KE", "+254712345601"},
		{"'00254712345601", "phone", "", phone.NoRegion.String()},
		{"00254712345601.", "phone", "", phone.NoRegion.String()},
		{"\u200e+254712345601", "phone", "KE", "+254712345601"},
		{"\u200e0712345601", "phone", "KE", "+254712345601"},
		{"\u200e00254712345601", "phone", "", phone.NoRegion.String()},
		// An international column's 00 carries its country code, with or
		// without a region; what is no number after it says why, never
		// that there is no country code.
		{"0033612345678", "SMS", "", "+33612345678"},
		{"0033612345678", "SMS", "KE", "+33612345678"},
		{"00254712345601", "msisdn", "", "+254712345601"},
		{"00254712345601", "wa_id", "", "+254712345601"},
		{"\u200e0033612345678", "SMS", "", "+33612345678"},
		{`="0033612345678"`, "SMS", "", "+33612345678"},
		{"\u200e254712345601", "msisdn", "", "+254712345601"},
		{`="254712345601"`, "msisdn", "KE", "+254712345601"},
		{"0033 12", "SMS", "", "too short"},
		{"000254712345601", "msisdn", "KE", "+254712345601"}, // Kenya's own prefix, read by libphonenumber
		{"0712345601", "msisdn", "", phone.NoRegion.String()},
	}
	for _, tt := range tests {
		n := ReadNumber(phones, tt.raw, tt.column, tt.region)
		got := n.Problem.String()
		if n.Valid {
			got = n.E164()
		}
		if got != tt.want {
			t.Errorf("ReadNumber(%q, %q, %q) = %q, want %q", tt.raw, tt.column, tt.region, got, tt.want)
		}
	}
}

// TestDialledOutIsNotE164: a 00-prefixed number the region's prefix does
// not cover is valid, written not in E.164, as in a region whose prefix
// is 00, behind a mark or in Excel's ="…" too.
func TestDialledOutIsNotE164(t *testing.T) {
	for _, region := range []string{"KE", "GB"} {
		for _, cell := range []string{"00254712345601", `="00254712345601"`, "\u200e00254712345601", "\ufeff00 254 712 345 601"} {
			p := domain.DefaultPolicy()
			p.DefaultRegion = region
			got := checkOne(p, with(good(), domain.FieldPhone, cell))
			var rules []string
			for _, f := range got {
				rules = append(rules, f.Rule+": "+f.Message)
			}
			want := []string{PhoneNotE164 + ": not written in E.164 (+ and digits only); store it as its E.164 form"}
			if !slices.Equal(rules, want) {
				t.Errorf("--region %s, %q: findings %q, want %q", region, cell, rules, want)
			}
		}
	}
}
