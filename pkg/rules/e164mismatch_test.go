package rules

import (
	"slices"
	"testing"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/phone"
)

// e164Columns are the columns of a file whose phone column is phone_e164.
var e164Columns = func() *domain.Columns {
	c := *testColumns
	c[domain.FieldPhone] = "phone_e164"
	return &c
}()

// e164Record is a good row of such a file: phone_e164 holds e164, and the
// phone as written, in column col, holds written.
func e164Record(row int, e164, col, written string, kv ...any) *domain.Record {
	rec := record(row, with(good(), append([]any{domain.FieldPhone, e164}, kv...)...))
	rec.Columns = e164Columns
	rec.PhoneAsWritten, rec.PhoneAsWrittenColumn = written, col
	return rec
}

func TestPhoneE164Mismatch(t *testing.T) {
	const other = "phone_e164 holds +2547******78 but phone holds another number, +2547******88: a sender reading phone_e164 would message the first; correct the stale cell, or empty it (an empty phone_e164 is read from phone)"
	tests := []struct {
		name             string
		e164, col, wrote string
		kv               []any
		want             []string // "rule: message"
	}{
		{"same number in E.164", "+254712345678", "phone", "+254712345678", nil, nil},
		{"same number, national with spaces", "+254712345678", "phone", "0712 345 678", nil, nil},
		{"same number, international with spaces", "+254712345678", "phone", "+254 712 345 678", nil, nil},
		{"same number, 00 and its country code", "+254712345678", "phone", "00254 712 345 678", nil, nil},
		{"another number, 00 and its country code", "+254712345678", "phone", "00254712999888", nil, []string{PhoneE164Mismatch + ": " + other}},
		{"no phone as written", "+254712345678", "phone", "", nil, nil},
		{"phone as written is no valid number", "+254712345678", "phone", "0712 34", nil, nil},
		{"another number, national", "+254712345678", "phone", "0712 999 888", nil, []string{PhoneE164Mismatch + ": " + other}},
		{"another number, in E.164", "+254712345678", "phone", "+254712999888", nil, []string{PhoneE164Mismatch + ": " + other}},
		// The row's country is the region, as for phone_e164.
		{"national of the row's country", "+255712345678", "phone", "0712 345 678", []any{domain.FieldCountry, "TZ"}, nil},
		{"national of --region, not the row's country", "+255712345678", "phone", "0712 999 888", []any{domain.FieldCountry, "TZ"},
			[]string{PhoneE164Mismatch + ": phone_e164 holds +2557******78 but phone holds another number, +2557******88: a sender reading phone_e164 would message the first; correct the stale cell, or empty it (an empty phone_e164 is read from phone)"}},
		// wa_id holds digits without +; fix writes a later input's national
		// number under it as written.
		{"wa_id digits", "+254712345678", "wa_id", "254712345678", nil, nil},
		{"national under wa_id", "+12015550154", "wa_id", "2015550154", []any{domain.FieldCountry, "US"}, nil},
		{"another number under wa_id", "+254712345678", "wa_id", "254712999888", nil,
			[]string{PhoneE164Mismatch + ": phone_e164 holds +2547******78 but wa_id holds another number, +2547******88: a sender reading phone_e164 would message the first; correct the stale cell, or empty it (an empty phone_e164 is read from wa_id)"}},
		// The national form of a number of another country than the
		// row's region, also a valid number of the region (QA newfx 1).
		{"national of phone_e164's country", "+33612345678", "phone", "06 12 34 56 78", nil, nil},
		{"another number of phone_e164's country", "+33612345678", "phone", "06 99 99 99 99", nil,
			[]string{PhoneE164Mismatch + ": phone_e164 holds +336******78 but phone holds another number, +2546******99: a sender reading phone_e164 would message the first; correct the stale cell, or empty it (an empty phone_e164 is read from phone)"}},
		// An invalid phone_e164 is phone-invalid alone.
		{"invalid phone_e164", "+2547123", "phone", "0712 999 888", nil, []string{PhoneInvalid + ": not a valid phone number: too short"}},
	}
	k := NewChecker(policyKE(), testNow, phone.NewNormaliser(), nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c Contact
			var got []string
			for _, f := range k.Check(e164Record(1, tt.e164, tt.col, tt.wrote, tt.kv...), &c, nil) {
				got = append(got, f.Rule+": "+f.Message)
				if f.Rule == PhoneE164Mismatch && (f.Severity != domain.Error || f.Column != "phone_e164" || f.Value != tt.e164 || f.Phone != tt.e164) {
					t.Errorf("finding %+v", f)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
		})
	}
}
