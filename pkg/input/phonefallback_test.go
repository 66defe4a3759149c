package input

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/listaudit/listaudit/pkg/domain"
)

// phoneRead is what a record's phone was read as: "column=value", with
// "/column" of a record read from another opt-out column.
func phoneRead(rec *domain.Record) string {
	s := rec.Columns[domain.FieldPhone] + "=" + rec.Values[domain.FieldPhone]
	if o := rec.Columns[domain.FieldOptedOut]; o != "" && o != "opted_out" {
		s += " /" + o + "=" + rec.Values[domain.FieldOptedOut]
	}
	if rec.PhoneIsNumber {
		s += " (number cell)"
	}
	return s
}

func readPhones(t *testing.T, path string, opts Options) (got []string, info Info, warns []string) {
	t.Helper()
	got, warns, info = readEach(t, path, opts, phoneRead)
	return got, info, warns
}

// TestPhoneFallback: a record whose phone column has no number is read
// from the first other phone column, in alias order, that has one, and
// names it; a record with a number, a --map'd phone column and the
// contacts exports' columns are read as before.
func TestPhoneFallback(t *testing.T) {
	tests := []struct {
		name, csv string
		opts      Options
		want      []string
		fallbacks []string
		warn      string // the end of the first warning, "" for none
	}{
		{"HubSpot", "Phone Number,Mobile Phone Number\n+12015550180,+12015550181\n,+447700900180\n,\n",
			Options{}, []string{"Phone Number=+12015550180", "Mobile Phone Number=+447700900180", "Phone Number="},
			[]string{"Mobile Phone Number"},
			`columns "Phone Number" and "Mobile Phone Number" both match field phone; using "Phone Number" (override with --map phone=HEADER); a record with no number in "Phone Number" is read from "Mobile Phone Number"`},
		{"Brevo: WHATSAPP wins, SMS is its fallback", "SMS,WHATSAPP\n33612345678,33612345679\n447700900190,\n",
			Options{}, []string{"WHATSAPP=33612345679", "SMS=447700900190"}, []string{"SMS"},
			`a record with no number in "WHATSAPP" is read from "SMS"`},
		{"Salesforce: in alias order, not column order", "PHONE,HOMEPHONE,MOBILEPHONE\n,(201) 555-0112,(201) 555-0111\n,(201) 555-0112,\n",
			Options{}, []string{"MOBILEPHONE=(201) 555-0111", "HOMEPHONE=(201) 555-0112"}, []string{"MOBILEPHONE", "HOMEPHONE"},
			`a record with no number in "PHONE" is read from the first of "MOBILEPHONE" and "HOMEPHONE" that has one`},
		{"placeholders and blanks are no number", "phone,mobile\nn/a,+254712345678\n\u00a0,+254712345679\n-,n/a\n#N/A,\n",
			Options{}, []string{"mobile=+254712345678", "mobile=+254712345679", "phone=-", "phone=#N/A"}, []string{"mobile"},
			`a record with no number in "phone" is read from "mobile"`},
		{"a number that is wrong is still the phone column's", "phone,mobile\ncall me,+254712345678\n",
			Options{}, []string{"phone=call me"}, []string{"mobile"}, `is read from "mobile"`},
		{"--map names the one column read", "phone,mobile\n,+254712345678\n",
			Options{Map: map[domain.Field]string{domain.FieldPhone: "phone"}}, []string{"phone="}, nil, ""},
		{"phone_e164 is read first, silently", "phone,phone_e164\n0712 345678,\n0712 345679,+254712345679\n",
			Options{}, []string{"phone=0712 345678", "phone_e164=+254712345679"}, []string{"phone"}, ""},
		{"with another opt-out column", "phone,mobile,opted_out,unsubscribed\n,+254712345678,,yes\n",
			Options{}, []string{"mobile=+254712345678 /unsubscribed=yes"}, []string{"mobile"}, `is read from "mobile"`},
		{"contacts exports: one record per number, no fallback", "Mobile Phone,Home Phone\n,+254712345678\n+254712345679,+254712345670\n",
			Options{}, []string{"Home Phone=+254712345678", "Mobile Phone=+254712345679", "Home Phone=+254712345670"}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, t.TempDir(), "list.csv", []byte(tt.csv))
			got, info, warns := readPhones(t, path, tt.opts)
			if !slices.Equal(got, tt.want) {
				t.Errorf("records:\n got %q\nwant %q", got, tt.want)
			}
			if !slices.Equal(info.PhoneFallbacks, tt.fallbacks) {
				t.Errorf("Info.PhoneFallbacks = %q, want %q", info.PhoneFallbacks, tt.fallbacks)
			}
			switch {
			case tt.warn == "" && len(warns) > 0:
				t.Errorf("warnings %q, want none", warns)
			case tt.warn != "" && (len(warns) == 0 || !strings.HasSuffix(warns[0], tt.warn)):
				t.Errorf("warnings %q, want the first ending %q", warns, tt.warn)
			}
		})
	}
}

// TestPhoneFallbackXLSX: a workbook's fallback is read the same way, and
// a fallback cell stored as a number is judged as one.
func TestPhoneFallbackXLSX(t *testing.T) {
	path := filepath.Join(t.TempDir(), "crm.xlsx")
	writeXLSX(t, path, map[string][]xlsxRow{"Contacts": {
		{"Phone Number", "Mobile Phone Number"},
		{"+12015550180", ""},
		{"", 254712345678},
	}}, "Contacts")
	got, info, _ := readPhones(t, path, Options{})
	want := []string{"Phone Number=+12015550180", "Mobile Phone Number=254712345678 (number cell)"}
	if !slices.Equal(got, want) || !slices.Equal(info.PhoneFallbacks, []string{"Mobile Phone Number"}) {
		t.Errorf("records %q, fallbacks %q; want %q", got, info.PhoneFallbacks, want)
	}
}

// TestPhoneFallbackJSON: JSON and NDJSON read the phone key alone, as
// their other keys (README "JSON and NDJSON"), and do not say otherwise.
func TestPhoneFallbackJSON(t *testing.T) {
	path := writeFile(t, t.TempDir(), "list.ndjson", []byte(`{"phone":"","mobile":"+254712345678"}`+"\n"))
	got, info, warns := readPhones(t, path, Options{})
	if !slices.Equal(got, []string{"phone="}) || len(info.PhoneFallbacks) != 0 || len(warns) != 1 || strings.Contains(warns[0], "no number") {
		t.Errorf("records %q, fallbacks %q, warnings %q", got, info.PhoneFallbacks, warns)
	}
}

// TestPhoneFallbackCell: a raw record says which fallback cell its number
// was read from (fix writes that cell as a number), of a CSV and of a
// workbook; 0 when the phone cell had it.
func TestPhoneFallbackCell(t *testing.T) {
	dir := t.TempDir()
	csvPath := writeFile(t, dir, "crm.csv", []byte("id,Phone Number,Mobile Phone Number\n1,+12015550180,\n2,,+12015550181\n3,n/a,+12015550182\n"))
	xlsxPath := filepath.Join(dir, "crm.xlsx")
	writeXLSX(t, xlsxPath, map[string][]xlsxRow{"Contacts": {
		{"id", "Phone Number", "Mobile Phone Number"},
		{"1", "+12015550180", ""},
		{"2", "", "+12015550181"},
		{"3", "n/a", "+12015550182"},
	}}, "Contacts")
	for _, path := range []string{csvPath, xlsxPath} {
		t.Run(filepath.Ext(path), func(t *testing.T) {
			rr, err := OpenRaw(Source{Path: path}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer rr.Close()
			var got []int
			var rec RawRecord
			for rr.Next(&rec) == nil {
				got = append(got, rec.FallbackCell)
			}
			if want := []int{0, 3, 3}; !slices.Equal(got, want) {
				t.Errorf("FallbackCell = %v, want %v", got, want)
			}
		})
	}
}

// TestPhoneAsWritten: a record of a file whose phone column is a
// phone_e164 column keeps the phone as written (its first fallback) beside
// it when both hold a number, for the rules to compare; a record read from
// the fallback, a phone as written with no number, and every record of a
// file without phone_e164 keep none. A workbook likewise.
func TestPhoneAsWritten(t *testing.T) {
	asWritten := func(rec *domain.Record) string {
		return rec.PhoneAsWrittenColumn + "=" + rec.PhoneAsWritten
	}
	tests := []struct{ name, csv string }{
		{"phone_e164 beside phone", "phone,name,phone_e164\n0712 999 888,A,+254712345678\n0712 345 679,B,\nn/a,C,+254712345670\n,D,+254712345671\n"},
		{"Phone (E.164) beside Mobile and Phone", "Phone,Mobile,Phone (E.164)\n0712 999 888,0712 000 001,+254712345678\n"},
		{"no phone_e164", "phone,mobile\n0712 999 888,+254712345678\n,+254712345678\n"},
	}
	want := [][]string{
		{"phone=0712 999 888", "=", "=", "="},
		{"Phone=0712 999 888"},
		{"=", "="},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, t.TempDir(), "list.csv", []byte(tt.csv))
			if got, _, _ := readEach(t, path, Options{}, asWritten); !slices.Equal(got, want[i]) {
				t.Errorf("got %q, want %q", got, want[i])
			}
		})
	}
	t.Run("xlsx", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "clean.xlsx")
		writeXLSX(t, path, map[string][]xlsxRow{"Sheet1": {
			{"phone", "phone_e164"},
			{"0712 999 888", "+254712345678"},
			{712999888, "+254712345678"},
		}}, "Sheet1")
		got, _, _ := readEach(t, path, Options{}, asWritten)
		if want := []string{"phone=0712 999 888", "phone=712999888"}; !slices.Equal(got, want) {
			t.Errorf("got %q, want %q", got, want)
		}
	})
}

// TestPhoneFallbackWarningNamesRepeatsOnce: the warning names a run of
// columns of one header once, with their count, not once a column (QA
// hostile F6: 20,000 columns named "phone" made a line of 380 KB).
func TestPhoneFallbackWarningNamesRepeatsOnce(t *testing.T) {
	for _, tc := range []struct {
		name, header, want string
	}{
		{"four phone", "phone,phone,phone,phone",
			`4 columns are named "phone"; using the first for field phone; a record with no number in "phone" is read from the first of the 3 other "phone" columns that has one`},
		{"two phone", "phone,phone",
			`2 columns are named "phone"; using the first for field phone; a record with no number in "phone" is read from the other "phone"`},
		{"20,000 phone", strings.Repeat("phone,", 19_999) + "phone",
			`20000 columns are named "phone"; using the first for field phone; a record with no number in "phone" is read from the first of the 19999 other "phone" columns that has one`},
		{"runs of two headers", "mobile,phone,mobile,phone,phone",
			`columns "phone", "phone", "phone", "mobile" and "mobile" all match field phone; using "phone" (override with --map phone=HEADER); a record with no number in "phone" is read from the first of the 2 other "phone" columns and the 2 "mobile" columns that has one`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cells := strings.Count(tc.header, ",") + 1
			path := writeFile(t, t.TempDir(), "list.csv", []byte(tc.header+"\n+254712345678"+strings.Repeat(",", cells-1)+"\n"))
			_, _, warns := readPhones(t, path, Options{})
			if want := "F: " + tc.want; len(warns) == 0 || warns[0] != want {
				t.Errorf("warnings %q\nwant the first %q", warns, want)
			}
		})
	}
}
