package fix

import (
	"testing"

	"github.com/listaudit/listaudit/pkg/phone"
)

// TestRowWriterNumber: the clean file's number is the audit's key in
// E.164, or, without one (digits beyond a key), the cell read again as
// the audit read it: an msisdn column without its +, the row's country.
func TestRowWriterNumber(t *testing.T) {
	w := &rowWriter{phones: phone.NewNormaliser(), region: "KE"}
	for _, tc := range []struct {
		name   string
		v      rowView
		number uint64
		want   string
		ok     bool
	}{
		{"the audit's key", rowView{phone: "0712 345 678"}, 254712345678, "+254712345678", true},
		{"no cell, no number", rowView{}, 254712345678, "", false},
		{"read again", rowView{phone: "0712 345 678"}, 0, "+254712345678", true},
		{"read again, msisdn", rowView{phone: "447911123456", phoneCol: "msisdn"}, 0, "+447911123456", true},
		{"read again, the row's country", rowView{phone: "07911 123456", country: "GB"}, 0, "+447911123456", true},
		{"read again, invalid", rowView{phone: "12"}, 0, "", false},
	} {
		got, ok := w.number(&tc.v, &decision{number: tc.number})
		if got != tc.want || ok != tc.ok {
			t.Errorf("%s: %q %v, want %q %v", tc.name, got, ok, tc.want, tc.ok)
		}
	}
}
