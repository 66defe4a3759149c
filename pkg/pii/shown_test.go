package pii

import (
	"slices"
	"testing"

	"github.com/listaudit/listaudit/pkg/domain"
)

func TestFindingValueAndNumber(t *testing.T) {
	tests := []struct {
		name       string
		f          domain.Finding
		pii        bool
		wantValue  string
		wantNumber string
	}{
		{"e164 phone", domain.Finding{Field: domain.FieldPhone, Value: "+254712345678", Phone: "+254712345678"}, false, "+2547******78", "+2547******78"},
		{"written phone", domain.Finding{Field: domain.FieldPhone, Value: "0712 345 678", Phone: "+254712345678"}, false, "0*** *** *78", "+2547******78"},
		{"invalid phone", domain.Finding{Field: domain.FieldPhone, Value: "abc-12", Phone: "abc-12"}, false, "***-1*", "***-1*"},
		{"phone shown", domain.Finding{Field: domain.FieldPhone, Value: "0712 345 678", Phone: "+254712345678"}, true, "0712 345 678", "+254712345678"},
		{"name hidden", domain.Finding{Field: domain.FieldName, Value: "Jane Doe", Phone: "+254712345678"}, false, "[hidden]", "+2547******78"},
		{"email hidden", domain.Finding{Field: domain.FieldEmail, Value: "jane@example.com"}, false, "[hidden]", ""},
		{"email shown", domain.Finding{Field: domain.FieldEmail, Value: "jane@example.com"}, true, "jane@example.com", ""},
		{"empty name stays hidden", domain.Finding{Field: domain.FieldName, Value: ""}, false, "[hidden]", ""},
		{"non-PII raw", domain.Finding{Field: domain.FieldConsentAt, Value: "2023-01-02"}, false, "2023-01-02", ""},
		{"whole row never shown", domain.Finding{Field: domain.FieldNone, Value: "Jane,+254712345678"}, false, "", ""},
		{"whole row never shown with PII", domain.Finding{Field: domain.FieldNone, Value: "Jane,+254712345678"}, true, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FindingValue(&tt.f, tt.pii); got != tt.wantValue {
				t.Errorf("value = %q, want %q", got, tt.wantValue)
			}
			if got := string(AppendFindingValue([]byte("x"), &tt.f, tt.pii)); got != "x"+tt.wantValue {
				t.Errorf("appended value = %q, want %q", got, "x"+tt.wantValue)
			}
			if got := FindingNumber(&tt.f, tt.pii); got != tt.wantNumber {
				t.Errorf("number = %q, want %q", got, tt.wantNumber)
			}
			// FindingNumber is FieldValue's phone case written out.
			if got, rule := FindingNumber(&tt.f, tt.pii), FieldValue(domain.FieldPhone, tt.f.Phone, tt.pii); got != rule {
				t.Errorf("number = %q, but FieldValue of the phone = %q", got, rule)
			}
			if got := string(AppendFindingNumber([]byte("x"), &tt.f, tt.pii)); got != "x"+tt.wantNumber {
				t.Errorf("appended number = %q, want %q", got, "x"+tt.wantNumber)
			}
		})
	}
}

func TestAppendFieldValueDoesNotAllocate(t *testing.T) {
	b := make([]byte, 0, 64)
	for _, f := range []domain.Field{domain.FieldPhone, domain.FieldName, domain.FieldConsentAt} {
		if n := testing.AllocsPerRun(100, func() { b = AppendFieldValue(b[:0], f, "+254712345678", false) }); n != 0 {
			t.Errorf("AppendFieldValue(%v) allocates %v times", f, n)
		}
	}
}

func TestHeader(t *testing.T) {
	tests := []struct {
		in, want string
		pii      bool
	}{
		{"Phone Number", "Phone Number", false},
		{"call 0712 345 678", "**** 0*** *** *78", false},
		{"+254712345601", "+2*********01", false},
		{"Jane <jane@x.com>", "[hidden]", false},
		{"owner jane@x.com 0712345678", "[hidden]", false},
		{"2026-01-02", "2026-01-02", false},
		{"consent_2024_01_01", "consent_2024_01_01", false},
		{"call 0712 345 678", "call 0712 345 678", true},
		{"Jane <jane@x.com>", "Jane <jane@x.com>", true},
	}
	for _, tt := range tests {
		if got := Header(tt.in, tt.pii); got != tt.want {
			t.Errorf("Header(%q, %v) = %q, want %q", tt.in, tt.pii, got, tt.want)
		}
	}
}

func TestInputs(t *testing.T) {
	in := []domain.Input{{Path: "a.csv", Rows: 2, Columns: []domain.ColumnUse{{Field: "phone", Header: "phone"}, {Field: "name", Header: "+254712345601"}}}}
	want := []domain.ColumnUse{{Field: "phone", Header: "phone"}, {Field: "name", Header: "+2*********01"}}
	got := Inputs(in, false)
	if len(got) != 1 || got[0].Path != "a.csv" || got[0].Rows != 2 || !slices.Equal(got[0].Columns, want) {
		t.Errorf("Inputs = %+v, want the columns %+v", got, want)
	}
	if in[0].Columns[1].Header != "+254712345601" {
		t.Error("Inputs changed its argument")
	}
	if shown := Inputs(in, true); !slices.Equal(shown[0].Columns, in[0].Columns) {
		t.Errorf("Inputs with showPII = %+v", shown)
	}
	if got := Columns(nil, false); got == nil || len(got) != 0 {
		t.Errorf("Columns(nil) = %#v, want empty, not nil", got)
	}
}
