package input

import (
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/listaudit/listaudit/pkg/domain"
)

// TestOtherOptOutColumns: a CSV, TSV or XLSX file with two columns that
// name opted_out reads a record from the other one when it says opted out
// or has the only value, naming it as the record's opted_out column; the
// warning says so. Rows are "describe | phone column | opted_out column".
func TestOtherOptOutColumns(t *testing.T) {
	const warn2 = `F: columns "opted_out" and "unsubscribed" both match field opted_out; using "opted_out" (override with --map opted_out=HEADER); a record whose "unsubscribed" says opted out is read as opted out`
	tests := []struct {
		name  string
		rows  [][]string // header first
		opts  Options
		want  []string
		warns []string
	}{
		{"the brief's file",
			[][]string{{"phone", "opted_out", "unsubscribed"}, {"1", "", "yes"}, {"2", "no", "STOP"}, {"3", "yes", ""}, {"4", "no", "no"}, {"5", "", ""}},
			Options{},
			[]string{"1@2 phone=1 opted_out=yes | phone | unsubscribed", "2@3 phone=2 opted_out=STOP | phone | unsubscribed",
				"3@4 phone=3 opted_out=yes | phone | opted_out", "4@5 phone=4 opted_out=no | phone | opted_out", "5@6 phone=5 | phone | opted_out"},
			[]string{warn2}},
		// An unreadable value may record a no (the rules read it as one, to
		// be safe): it wins over a no, not over a yes or another unreadable
		// value.
		{"the column saying opted out is kept, and an unreadable other value wins over a no",
			[][]string{{"phone", "opted_out", "unsubscribed"}, {"1", "yes", "no"}, {"2", "Opted Out", "yes"}, {"3", "no", "maybe"}, {"4", "maybe?", "1"}, {"5", "", "maybe"},
				{"6", "yes", "maybe"}, {"7", "maybe?", "pending"}, {"8", "maybe?", "no"}},
			Options{},
			[]string{"1@2 phone=1 opted_out=yes | phone | opted_out", "2@3 phone=2 opted_out=Opted Out | phone | opted_out",
				"3@4 phone=3 opted_out=maybe | phone | unsubscribed", "4@5 phone=4 opted_out=1 | phone | unsubscribed", "5@6 phone=5 opted_out=maybe | phone | unsubscribed",
				"6@7 phone=6 opted_out=yes | phone | opted_out", "7@8 phone=7 opted_out=maybe? | phone | opted_out", "8@9 phone=8 opted_out=maybe? | phone | opted_out"},
			[]string{warn2}},
		{"three columns, by alias priority",
			[][]string{{"dnc", "phone", "unsubscribed", "opt_out"}, {"yes", "1", "", "no"}, {"", "2", "yes", "no"}, {"x", "3", "yes", ""}},
			Options{},
			[]string{"1@2 phone=1 opted_out=yes | phone | dnc", "2@3 phone=2 opted_out=yes | phone | unsubscribed", "3@4 phone=3 opted_out=yes | phone | unsubscribed"},
			[]string{`F: columns "opt_out", "unsubscribed" and "dnc" all match field opted_out; using "opt_out" (override with --map opted_out=HEADER); a record whose "unsubscribed" or "dnc" says opted out is read as opted out`}},
		{"--map names the column to read first; the other still protects",
			[][]string{{"phone", "opted_out", "Status"}, {"1", "yes", "subscribed"}, {"2", "", "unsubscribed"}, {"3", "no", "subscribed"}},
			Options{Map: map[domain.Field]string{domain.FieldOptedOut: "Status"}},
			[]string{"1@2 phone=1 opted_out=yes | phone | opted_out", "2@3 phone=2 opted_out=unsubscribed | phone | Status", "3@4 phone=3 opted_out=subscribed | phone | Status"},
			[]string{`F: column "opted_out" also matches field opted_out, which --map reads from "Status"; a record whose "opted_out" says opted out is read as opted out`}},
		{"two columns of one name",
			[][]string{{"phone", "opted_out", "opted_out"}, {"1", "no", "yes"}},
			Options{},
			[]string{"1@2 phone=1 opted_out=yes | phone | opted_out"},
			[]string{`F: 2 columns are named "opted_out"; using the first for field opted_out; a record whose other "opted_out" says opted out is read as opted out`}},
		{"every number of a contacts export keeps the other column",
			[][]string{{"Phone 1 - Value", "Phone 2 - Value", "opted_out", "unsubscribed"}, {"1", "2", "no", "yes"}, {"3", "4", "no", "no"}},
			Options{},
			[]string{"1@2 phone=1 opted_out=yes | Phone 1 - Value | unsubscribed", "2@2 phone=2 opted_out=yes | Phone 2 - Value | unsubscribed",
				"3@3 phone=3 opted_out=no | Phone 1 - Value | opted_out", "4@3 phone=4 opted_out=no | Phone 2 - Value | opted_out"},
			[]string{warn2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, format := range []string{"csv", "tsv", "xlsx"} {
				t.Run(format, func(t *testing.T) {
					path := filepath.Join(t.TempDir(), "l."+format)
					switch format {
					case "xlsx":
						sheet := make([]xlsxRow, len(tt.rows))
						for i, row := range tt.rows {
							for _, c := range row {
								sheet[i] = append(sheet[i], c)
							}
						}
						writeXLSX(t, path, map[string][]xlsxRow{"S": sheet}, "S")
					default:
						sep := map[string]string{"csv": ",", "tsv": "\t"}[format]
						var b strings.Builder
						for _, row := range tt.rows {
							b.WriteString(strings.Join(row, sep) + "\n")
						}
						writeFile(t, filepath.Dir(path), filepath.Base(path), []byte(b.String()))
					}
					rows, warns := readColumns(t, path, tt.opts)
					if !slices.Equal(rows, tt.want) {
						t.Errorf("records:\n got %q\nwant %q", rows, tt.want)
					}
					if !slices.Equal(warns, tt.warns) {
						t.Errorf("warnings:\n got %q\nwant %q", warns, tt.warns)
					}
				})
			}
		})
	}
}

// readColumns reads path, describing each record with its phone and
// opted_out columns, and the warnings with the path as F.
func readColumns(t *testing.T, path string, opts Options) (rows, warns []string) {
	t.Helper()
	rows, warns, _ = readEach(t, path, opts, func(rec *domain.Record) string {
		return describe(rec) + " | " + rec.Columns[domain.FieldPhone] + " | " + rec.Columns[domain.FieldOptedOut]
	})
	return rows, warns
}

// readEach reads path, describing each record with row, and the warnings
// with the path as F.
func readEach(t *testing.T, path string, opts Options, row func(*domain.Record) string) (rows, warns []string, info Info) {
	t.Helper()
	opts.Warn = func(m string) { warns = append(warns, strings.ReplaceAll(m, path, "F")) }
	r, err := Open(Source{Path: path}, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var rec domain.Record
	for {
		err := r.Next(&rec)
		if err == io.EOF {
			return rows, warns, r.Info()
		}
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, row(&rec))
	}
}

// TestOptOutWarningNamesRepeatsOnce: the warning about other opt-out
// columns names a run of one header once, with its count (QA hostile F6's leftover: 2,000 columns named
// "opted_out" made a line of 38 KB).
func TestOptOutWarningNamesRepeatsOnce(t *testing.T) {
	// Twelve distinct headers of opt-out columns, each after an
	// "opted_out" that makes it a run of its own.
	var many []string
	for _, h := range []string{"opt_out", "unsubscribed", "do_not_contact", "dnc", "do_not_call", "sms_blacklisted",
		"SMS Opt Out", "SMS_Opt_Out__c", "Do Not Text", "opt_out", "unsubscribed", "dnc"} {
		many = append(many, h, "opted_out")
	}
	for _, tc := range []struct {
		name, header, want string
	}{
		{"three opted_out", "phone,opted_out,opted_out,opted_out",
			`3 columns are named "opted_out"; using the first for field opted_out; a record whose other "opted_out" (2 columns) says opted out is read as opted out`},
		{"2,000 opted_out", "phone," + strings.Repeat("opted_out,", 1999) + "opted_out",
			`2000 columns are named "opted_out"; using the first for field opted_out; a record whose other "opted_out" (1999 columns) says opted out is read as opted out`},
		{"runs of twelve headers", "phone,opted_out," + strings.Join(many, ","),
			`columns "opted_out", "opted_out", "opted_out", "opted_out", "opted_out", "opted_out", "opted_out", "opted_out", "opted_out", "opted_out" and 15 more all match field opted_out; using "opted_out" (override with --map opted_out=HEADER); a record whose other "opted_out" (12 columns), "opt_out" (2 columns), "unsubscribed" (2 columns), "do_not_contact", "dnc" (2 columns), "do_not_call", "sms_blacklisted", "SMS Opt Out", "SMS_Opt_Out__c" or "Do Not Text" says opted out is read as opted out`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cells := strings.Count(tc.header, ",") + 1
			path := writeFile(t, t.TempDir(), "list.csv", []byte(tc.header+"\n+254712345678"+strings.Repeat(",", cells-1)+"\n"))
			_, _, warns := readPhones(t, path, Options{})
			var got string
			for _, w := range warns {
				if strings.Contains(w, "says opted out") {
					got = w
				}
			}
			if want := "F: " + tc.want; got != want {
				t.Errorf("warning\n got %q\nwant %q", got, want)
			}
		})
	}
}

// TestOtherOptOutNoteListsTen: past sheetsListed names, the rest are
// counted.
func TestOtherOptOutNoteListsTen(t *testing.T) {
	others := []string{"a", "b", "c", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"}
	want := `; a record whose "a", "b", "c" (2 columns), "d", "e", "f", "g", "h", "i", "j" or 2 more says opted out is read as opted out`
	if got := otherOptOutNote("x", others); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
