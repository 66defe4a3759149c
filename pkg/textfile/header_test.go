package textfile

import "testing"

func TestHeaderData(t *testing.T) {
	tests := []struct {
		name  string
		cells []string
		want  string
	}{
		{"header", []string{"phone", "name", "email"}, ""},
		{"e164", []string{"+254712345601", "Jane Doe", "jane@x.com"}, "a phone number"},
		{"national with spaces", []string{"id", "0712 345 678"}, "a phone number"},
		{"digits of phone length", []string{"254712345601"}, "a phone number"},
		{"bracketed area code", []string{"(071) 234-5678"}, "a phone number"},
		{"email", []string{"name", "jane@x.com"}, "an e-mail address"},
		{"email in brackets", []string{"<jane@x.com>"}, "an e-mail address"},
		{"date is a header", []string{"2026-01-02", "01/02/2026", "02.01.2026"}, ""},
		{"short digits", []string{"id", "2024", "123456"}, ""},
		{"header with digits", []string{"Phone 1 - Value", "consent_2024_01_01"}, ""},
		{"number in text is not the whole cell", []string{"call 0712345678"}, ""},
		{"too many digits", []string{"1234567890123456"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := HeaderData(tt.cells); got != tt.want {
				t.Errorf("HeaderData(%q) = %q, want %q", tt.cells, got, tt.want)
			}
		})
	}
}

func TestDataHeaderError(t *testing.T) {
	err := DataHeaderError("hc.csv", "the first line", []string{"+254712345601", "Jane Doe", "jane@x.com"}, "phone")
	want := "hc.csv: the first line looks like data, not a header (it holds a phone number); add a header line naming the columns, e.g. phone"
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
	if err := DataHeaderError("h.csv", "the first line", []string{"id", "name"}, "phone"); err != nil {
		t.Errorf("a header: %v", err)
	}
}

func TestPrintableHeader(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Phone Number", "Phone Number"},
		{"call 0712 345 678", "**** 0*** *** *78"},
		{"+254712345601", "+2*********01"},
		{"Jane <jane@x.com>", "[hidden]"},
		{"2026-01-02", "2026-01-02"},
		{"x\x1b[31my", "x?[31my"},
		{"longlonglonglonglonglonglonglonglonglonglong", "longlonglonglonglonglonglonglonglonglong…"},
	}
	for _, tt := range tests {
		if got := PrintableHeader(tt.in); got != tt.want {
			t.Errorf("PrintableHeader(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHeaderList(t *testing.T) {
	if got := HeaderList(nil); got != "none" {
		t.Errorf("HeaderList(nil) = %q", got)
	}
	if got, want := HeaderList([]string{"id", "mobile 0712345678", "a@b.co"}), "id, ****** 0*******78, [hidden]"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
