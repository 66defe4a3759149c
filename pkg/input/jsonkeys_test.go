package input

import (
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/listaudit/listaudit/pkg/domain"
)

// readJSONForms reads lines as NDJSON and as a JSON array with one object
// a line (cut by hand and by encoding/json), so each object keeps its line
// number, and calls check with each form's result. Each row is described
// with its opted_out column after " | ".
func readJSONForms(t *testing.T, lines []string, opts Options, check func(t *testing.T, rows, warns []string, err error)) {
	t.Helper()
	forms := []struct {
		name, file, data string
		byHand           bool
	}{
		{"ndjson", "l.ndjson", strings.Join(lines, "\n") + "\n", true},
		{"json", "l.json", "[" + strings.Join(lines, ",\n") + "]\n", true},
		{"json decoder", "l.json", "[" + strings.Join(lines, ",\n") + "]\n", false},
	}
	for _, form := range forms {
		t.Run(form.name, func(t *testing.T) {
			defer func() { arraysByHand = true }()
			arraysByHand = form.byHand
			path := writeFile(t, t.TempDir(), form.file, []byte(form.data))
			var warns []string
			o := opts
			o.Warn = func(m string) { warns = append(warns, strings.ReplaceAll(m, path, "F")) }
			r, err := Open(Source{Path: path}, o)
			if err != nil {
				check(t, nil, warns, err)
				return
			}
			defer r.Close()
			var rows []string
			var rec domain.Record
			for {
				err = r.Next(&rec)
				if err != nil {
					break
				}
				rows = append(rows, describe(&rec)+" | "+rec.Columns[domain.FieldOptedOut])
			}
			if err == io.EOF {
				err = nil
			} else {
				err = &pathlessError{strings.ReplaceAll(err.Error(), path, "F")}
			}
			check(t, rows, warns, err)
		})
	}
}

type pathlessError struct{ msg string }

func (e *pathlessError) Error() string { return e.msg }

// TestJSONLaterKeyOfAMappedField: a key first seen in a later object that
// names a field another key is the column of is reported, once, with the
// line it first appears on; an opt-out it holds is not lost.
func TestJSONLaterKeyOfAMappedField(t *testing.T) {
	const optWarn = `F: line 2: columns "opted_out" and "unsubscribed" both match field opted_out; using "opted_out" (override with --map opted_out=HEADER); a record whose "unsubscribed" says opted out is read as opted out`
	tests := []struct {
		name  string
		lines []string
		opts  Options
		rows  []string
		warns []string
	}{
		{"an opt-out under another key is read",
			[]string{`{"phone":"1","opted_out":false}`, `{"phone":"2","unsubscribed":"yes"}`, `{"phone":"3","unsubscribed":"yes"}`},
			Options{},
			[]string{"1@1 phone=1 opted_out=false | opted_out", "2@2 phone=2 opted_out=yes | unsubscribed", "3@3 phone=3 opted_out=yes | unsubscribed"},
			[]string{optWarn}},
		{"it wins over the column saying not opted out, not the reverse",
			[]string{`{"phone":"1","opted_out":"no"}`, `{"phone":"2","unsubscribed":"stop","opted_out":"no"}`, `{"phone":"3","opted_out":"yes","unsubscribed":"no"}`, `{"phone":"4","opted_out":"no","unsubscribed":"no"}`},
			Options{},
			[]string{"1@1 phone=1 opted_out=no | opted_out", "2@2 phone=2 opted_out=stop | unsubscribed", "3@3 phone=3 opted_out=yes | opted_out", "4@4 phone=4 opted_out=no | opted_out"},
			[]string{optWarn}},
		{"an unreadable value is read when the column has none",
			[]string{`{"phone":"1","opted_out":"no"}`, `{"phone":"2","unsubscribed":"maybe"}`, `{"phone":"3","opted_out":"maybe?","unsubscribed":"1"}`},
			Options{},
			[]string{"1@1 phone=1 opted_out=no | opted_out", "2@2 phone=2 opted_out=maybe | unsubscribed", "3@3 phone=3 opted_out=1 | unsubscribed"},
			[]string{optWarn}},
		{"other fields: reported, the column is kept",
			[]string{`{"phone":"1","consent_at":"2025-06-01"}`, `{"phone":"2","mobile":"9","Consent Date":"2025-01-01"}`, `{"mobile":"8"}`},
			Options{},
			[]string{"1@1 phone=1 consent_at=2025-06-01 | ", "2@2 phone=2 | ", "3@3 | "},
			[]string{
				`F: line 2: columns "phone" and "mobile" both match field phone; using "phone" (override with --map phone=HEADER)`,
				`F: line 2: columns "consent_at" and "Consent Date" both match field consent_at; using "consent_at" (override with --map consent_at=HEADER)`,
			}},
		{"a --map header of a mapped field",
			[]string{`{"phone":"1","opted_out":"no"}`, `{"phone":"2","Opt Out?":"x"}`},
			Options{Map: map[domain.Field]string{domain.FieldOptedOut: "Opt Out?"}},
			[]string{"1@1 phone=1 opted_out=no | opted_out", "2@2 phone=2 opted_out=x | Opt Out?"},
			[]string{
				`F: no column "Opt Out?" for opted_out (mapped by --map); matching opted_out by alias`,
				`F: line 2: columns "opted_out" and "Opt Out?" both match field opted_out; using "opted_out" (override with --map opted_out=HEADER); a record whose "Opt Out?" says opted out is read as opted out`,
			}},
		{"--map names the key read first; other opt-out keys still protect",
			[]string{`{"phone":"1","Status":"subscribed","opted_out":"yes"}`, `{"phone":"2","Status":"subscribed","dnc":"yes"}`},
			Options{Map: map[domain.Field]string{domain.FieldOptedOut: "Status"}},
			[]string{"1@1 phone=1 opted_out=yes | opted_out", "2@2 phone=2 opted_out=yes | dnc"},
			[]string{
				`F: column "opted_out" also matches field opted_out, which --map reads from "Status"; a record whose "opted_out" says opted out is read as opted out`,
				`F: line 2: column "dnc" also matches field opted_out, which --map reads from "Status"; a record whose "dnc" says opted out is read as opted out`,
			}},
		{"the first object's other keys were reported by the columns",
			[]string{`{"phone":"1","opted_out":"no","unsubscribed":"yes"}`, `{"phone":"2","unsubscribed":"yes"}`},
			Options{},
			[]string{"1@1 phone=1 opted_out=yes | unsubscribed", "2@2 phone=2 opted_out=yes | unsubscribed"},
			[]string{`F: columns "opted_out" and "unsubscribed" both match field opted_out; using "opted_out" (override with --map opted_out=HEADER); a record whose "unsubscribed" says opted out is read as opted out`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			readJSONForms(t, tt.lines, tt.opts, func(t *testing.T, rows, warns []string, err error) {
				if err != nil {
					t.Fatalf("error: %v", err)
				}
				if !slices.Equal(rows, tt.rows) {
					t.Errorf("records:\n got %q\nwant %q", rows, tt.rows)
				}
				if !slices.Equal(warns, tt.warns) {
					t.Errorf("warnings:\n got %q\nwant %q", warns, tt.warns)
				}
			})
		})
	}
}

// TestJSONPhoneKeyInALaterObject: the phone column may first appear after
// the first object; only a file none of whose objects has one is an error,
// at its end, after the records before it were read.
func TestJSONPhoneKeyInALaterObject(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		opts  Options
		rows  []string
		err   string
	}{
		{"phone from the second object",
			[]string{`{"id":1}`, `{"phone":"2","opted_out":"yes"}`, `{"id":3,"phone":"3"}`},
			Options{},
			// Columns are shared: when row 1 was read, none was opted_out.
			[]string{"1@1 id=1 | ", "2@2 phone=2 opted_out=yes | opted_out", "3@3 phone=3 id=3 | opted_out"}, ""},
		{"phone by --map in a later object",
			[]string{`{"id":1}`, `{"Num.":"2"}`},
			Options{Map: map[domain.Field]string{domain.FieldPhone: "NUM"}},
			[]string{"1@1 id=1 | ", "2@2 phone=2 | "}, ""},
		{"no object has a phone key",
			[]string{`{"id":1,"consent":{"at":"x"}}`, `{"id":2}`},
			Options{},
			[]string{"1@1 consent_at=x id=1 | ", "2@2 id=2 | "},
			"F: no phone column (headers: id, consent.at); map one with --map phone=HEADER"},
		{"empty objects",
			[]string{`{}`},
			Options{},
			[]string{"1@1 | "},
			"F: no phone column (headers: none); map one with --map phone=HEADER"},
		{"no phone key, phone optional",
			[]string{`{"id":1}`},
			Options{PhoneOptional: true},
			[]string{"1@1 id=1 | "}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			readJSONForms(t, tt.lines, tt.opts, func(t *testing.T, rows, warns []string, err error) {
				if got := errText(err); got != tt.err {
					t.Fatalf("error:\n got %q\nwant %q", got, tt.err)
				}
				if !slices.Equal(rows, tt.rows) {
					t.Errorf("records:\n got %q\nwant %q", rows, tt.rows)
				}
			})
		})
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestPhoneOptional: inspect and init --from read a CSV or XLSX file
// whose phone column is not recognised.
func TestPhoneOptional(t *testing.T) {
	got := readBytes(t, "fr.csv", []byte("Nom,Numéro WhatsApp,Source\nA,+254712345601,web\n"), Options{PhoneOptional: true})
	checkRows(t, got, []string{"1@2"})
	if got.info.Columns != (domain.Columns{}) || !slices.Equal(got.info.Header, []string{"Nom", "Numéro WhatsApp", "Source"}) {
		t.Errorf("columns %q, header %q", got.info.Columns, got.info.Header)
	}
	got = readBytes(t, "fr.csv", []byte("Nom,Numéro WhatsApp,Source\nA,+254712345601,web\n"), Options{})
	if want := "no phone column (headers: Nom, Numéro WhatsApp, Source)"; got.err == nil || !strings.Contains(got.err.Error(), want) {
		t.Errorf("without PhoneOptional: error %v, want one with %q", got.err, want)
	}

	p := filepath.Join(t.TempDir(), "fr.xlsx")
	writeXLSX(t, p, map[string][]xlsxRow{"Contacts": {{"Nom", "Numéro WhatsApp"}, {"A", "+254712345601"}}}, "Contacts")
	got = read(t, Source{Path: p}, Options{PhoneOptional: true})
	checkRows(t, got, []string{"1@2"})
	if got.info.Columns != (domain.Columns{}) || !slices.Equal(got.info.Header, []string{"Nom", "Numéro WhatsApp"}) {
		t.Errorf("xlsx: columns %q, header %q", got.info.Columns, got.info.Header)
	}
	if got = read(t, Source{Path: p}, Options{}); got.err == nil || !strings.Contains(got.err.Error(), "no phone column") {
		t.Errorf("xlsx without PhoneOptional: error %v, want no phone column", got.err)
	}
}
