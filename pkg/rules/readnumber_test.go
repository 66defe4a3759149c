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
		{"00999712345601", "phone", "KE", "too long"},
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
// is 00.
func TestDialledOutIsNotE164(t *testing.T) {
	for _, region := range []string{"KE", "GB"} {
		p := domain.DefaultPolicy()
		p.DefaultRegion = region
		got := checkOne(p, with(good(), domain.FieldPhone, "00254712345601"))
		var rules []string
		for _, f := range got {
			rules = append(rules, f.Rule+": "+f.Message)
		}
		want := []string{PhoneNotE164 + ": not written in E.164 (+ and digits only); store it as its E.164 form"}
		if !slices.Equal(rules, want) {
			t.Errorf("--region %s: findings %q, want %q", region, rules, want)
		}
	}
}
