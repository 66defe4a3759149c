package fix

import (
	"slices"
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
		{"read again, Brevo's SMS with 00", rowView{phone: "0033612345678", phoneCol: "SMS"}, 0, "+33612345678", true},
		{"read again, a mark before 00", rowView{phone: "\u200e0033612345678"}, 0, "+33612345678", true},
		{"read again, the row's country", rowView{phone: "07911 123456", country: "GB"}, 0, "+447911123456", true},
		{"read again, invalid", rowView{phone: "12"}, 0, "", false},
	} {
		got, ok := w.number(&tc.v, &decision{number: tc.number})
		if got != tc.want || ok != tc.ok {
			t.Errorf("%s: %q %v, want %q %v", tc.name, got, ok, tc.want, tc.ok)
		}
	}
}

// TestMovedNumber: a number's cell written as read under a phone column
// of the other kind is written so that a re-read gives the same number.
func TestMovedNumber(t *testing.T) {
	valid := func() (string, bool) { return "+12015550154", true }
	invalid := func() (string, bool) { return "", false }
	for _, tc := range []struct {
		name          string
		cell          string
		international bool
		e164          func() (string, bool)
		want          string
	}{
		{"wa_id under phone: its +", "447911123456", true, invalid, "+447911123456"},
		{"wa_id under phone, with its + already", "+447911123456", true, invalid, "+447911123456"},
		{"wa_id under phone, national (leading 0)", "07911 123456", true, invalid, "07911 123456"},
		{"national under wa_id: E.164", "2015550154", false, valid, "+12015550154"},
		{"national under wa_id, invalid: a space, read as national", "447911123456", false, invalid, "447 911123456"},
		{"national under wa_id, spaced: read as national already", "201 555 0154", false, valid, "201 555 0154"},
		{"national under wa_id, leading 0", "0712 345 678", false, valid, "0712 345 678"},
		{"national under wa_id, with +", "+12015550154", false, valid, "+12015550154"},
		{"national under wa_id, a placeholder", "n/a", false, invalid, "n/a"},
		{"Brevo's SMS 00 under phone: + for 00", "0033612345678", true, invalid, "+33612345678"},
		{"wa_id behind a mark under phone: its +", "\u200e447911123456", true, invalid, "+447911123456"},
		{"national 00 under wa_id: E.164", "0033612345678", false, valid, "+12015550154"},
		{"national 00 under wa_id, invalid: 0 0, not the 00 of a country code", "0033612345678", false, invalid, "0 033612345678"},
	} {
		if got := movedNumber(tc.cell, tc.international, tc.e164); got != tc.want {
			t.Errorf("%s: movedNumber(%q) = %q, want %q", tc.name, tc.cell, got, tc.want)
		}
	}
}

// TestRowWriterNumberAsRead: the cell rewritten is the one the number was
// read from (a phone fallback column's when the phone cell had none), and
// only when its output column is of the other kind.
func TestRowWriterNumberAsRead(t *testing.T) {
	lay := &layout{cols: []string{"wa_id", "name", "SMS", "mobile"}}
	fl := &fileLayout{pos: []int{0, 1, 2, 3}, phone: 0, fallback: -1, raw: -1}
	for _, tc := range []struct {
		name string
		v    rowView
		d    decision
		want []string
	}{
		{"national under wa_id, the audit's number", rowView{phone: "2015550154", phoneCol: "phone", cells: []string{"2015550154", "E", "", ""}},
			decision{number: 12015550154}, []string{"+12015550154", "E", "", ""}},
		{"national under wa_id, read again", rowView{phone: "712345678", phoneCol: "phone", cells: []string{"712345678", "E", "", ""}},
			decision{}, []string{"+254712345678", "E", "", ""}},
		{"national under wa_id, invalid", rowView{phone: "447911123456", phoneCol: "phone", cells: []string{"447911123456", "E", "", ""}},
			decision{}, []string{"447 911123456", "E", "", ""}},
		{"msisdn under wa_id: as read", rowView{phone: "447911123456", phoneCol: "msisdn", cells: []string{"447911123456", "E", "", ""}},
			decision{number: 447911123456}, []string{"447911123456", "E", "", ""}},
		{"from a fallback, same kind: as read", rowView{phone: "254712345678", phoneCol: "SMS", fallbackCell: 3, cells: []string{"", "E", "254712345678", ""}},
			decision{number: 254712345678}, []string{"", "E", "254712345678", ""}},
		{"from a fallback of the other kind", rowView{phone: "254712345678", phoneCol: "SMS", fallbackCell: 4, cells: []string{"", "E", "", "254712345678"}},
			decision{number: 254712345678}, []string{"", "E", "", "+254712345678"}},
	} {
		w := &rowWriter{lay: lay, phones: phone.NewNormaliser(), region: "KE"}
		if err := w.cells(&tc.v, fl, len(lay.cols)); err != nil {
			t.Fatal(err)
		}
		w.numberAsRead(&tc.v, fl, &tc.d)
		if !slices.Equal(w.row, tc.want) {
			t.Errorf("%s: %q, want %q", tc.name, w.row, tc.want)
		}
	}
}
