package input

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/listaudit/listaudit/pkg/domain"
)

// aloneWarning is the warning for a file whose records list were read
// alone as Windows-1252.
func aloneWarning(list, verb, pronoun string) string {
	return fmt.Sprintf("FILE: %s %s not valid UTF-8; read %s alone as windows-1252 and the rest as UTF-8 (--encoding reads the whole file in one encoding)", list, verb, pronoun)
}

// TestRecordsReadAlone: in a file whose encoding was detected as UTF-8, a
// record that is not valid UTF-8 is read alone as Windows-1252, in every
// text format, unless a byte of it is undefined there or the encoding was
// given; one warning at the end names the rows.
func TestRecordsReadAlone(t *testing.T) {
	latin := strings.Repeat("+1,Jos\xe9\n", 8)
	tests := []struct {
		name, file, data string
		opts             Options
		rows             []string
		warns            []string
		alone            int
	}{
		{"csv", "l.csv", "phone,name\n+254712345678,J\xc3\xbcrgen\n+254712345679,Jos\xe9\n", Options{},
			[]string{"1@2 phone=+254712345678 name=Jürgen", "2@3 phone=+254712345679 name=José"},
			[]string{aloneWarning("row 2", "is", "it")}, 1},
		{"tsv with a BOM", "l.tsv", "\xef\xbb\xbfphone\tname\r\n1\tRen\xe9e \x80\r\n2\tJ\xc3\xbcrgen\r\n", Options{},
			[]string{"1@2 phone=1 name=Renée €", "2@3 phone=2 name=Jürgen"},
			[]string{aloneWarning("row 1", "is", "it")}, 1},
		{"the whole record", "l.csv", "phone,name,email\n1,J\xc3\xbcrgen,j\xfcrgen@example.com\n", Options{},
			[]string{"1@2 phone=1 name=JÃ¼rgen email=jürgen@example.com"},
			[]string{aloneWarning("row 1", "is", "it")}, 1},
		{"a byte undefined in windows-1252", "l.csv", "phone,name\n1,J\xc3\xbcrgen\n2,Jos\xe9\x81\n", Options{},
			[]string{"1@2 phone=1 name=Jürgen", "2@3 phone=2 name=Jos\xe9\x81 !invalid UTF-8 in column \"name\""}, nil, 0},
		{"utf-8 given", "l.csv", "phone,name\n1,J\xc3\xbcrgen\n2,Jos\xe9\n", Options{Encoding: "utf-8"},
			[]string{"1@2 phone=1 name=Jürgen", "2@3 phone=2 name=Jos\xe9 !invalid UTF-8 in column \"name\""}, nil, 0},
		{"many rows", "l.csv", "phone,name\n+1,J\xc3\xbcrgen\n" + latin, Options{},
			slices.Concat([]string{"1@2 phone=+1 name=Jürgen"}, rowsOf(2, 8, "phone=+1 name=José")),
			[]string{aloneWarning("rows 2, 3, 4, 5, 6 and 3 more", "are", "each")}, 8},
		{"wrong number of fields", "l.csv", "phone,name\n1,J\xc3\xbcrgen\n2,Jos\xe9,x\n", Options{},
			[]string{"1@2 phone=1 name=Jürgen", "2@3 phone=2 name=José !has 3 fields, header has 2"},
			[]string{aloneWarning("row 2", "is", "it")}, 1},
		{"ndjson", "l.ndjson", "{\"phone\":\"1\",\"name\":\"J\xc3\xbcrgen\"}\n{\"phone\":\"2\",\"name\":\"Jos\xe9\"}\n", Options{},
			[]string{"1@1 phone=1 name=Jürgen", "2@2 phone=2 name=José"},
			[]string{aloneWarning("row 2", "is", "it")}, 1},
		{"ndjson, the first object", "l.ndjson", "{\"phone\":\"1\",\"n\xe4me\":\"Jos\xe9\"}\n{\"phone\":\"2\",\"n\xc3\xa4me\":\"J\xc3\xbcrgen\"}\n",
			Options{Map: map[domain.Field]string{domain.FieldName: "näme"}},
			[]string{"1@1 phone=1 name=José", "2@2 phone=2 name=Jürgen"},
			[]string{aloneWarning("row 1", "is", "it")}, 1},
		{"ndjson, not an object", "l.ndjson", "[\"Jos\xe9\"]\n{\"phone\":\"2\",\"name\":\"J\xc3\xbcrgen\"}\n", Options{},
			[]string{"1@1 !not a JSON object (found an array)", "2@2 phone=2 name=Jürgen"},
			[]string{aloneWarning("row 1", "is", "it")}, 1},
		{"ndjson, undefined", "l.ndjson", "{\"phone\":\"1\",\"name\":\"J\xc3\xbcrgen\"}\n{\"phone\":\"2\",\"name\":\"\x81\"}\n", Options{},
			[]string{"1@1 phone=1 name=Jürgen", "2@2 phone=2 name=\uFFFD !invalid UTF-8 in key \"name\""}, nil, 0},
		{"json array", "l.json", "[{\"phone\":\"1\",\"name\":\"J\xc3\xbcrgen\"},\n{\"phone\":\"2\",\"name\":\"Jos\xe9\"}]", Options{},
			[]string{"1@1 phone=1 name=Jürgen", "2@2 phone=2 name=José"},
			[]string{aloneWarning("row 2", "is", "it")}, 1},
		{"json array, nested", "l.json", "[{\"phone\":\"1\",\"name\":\"J\xc3\xbcrgen\"},\n{\"phone\":\"2\",\"name\":\"x\",\"tags\":[\"caf\xe9\"]}]", Options{},
			[]string{"1@1 phone=1 name=Jürgen", "2@2 phone=2 name=x"},
			[]string{aloneWarning("row 2", "is", "it")}, 1},
		{"vcard", "l.vcf", "BEGIN:VCARD\nFN:J\xc3\xbcrgen\nTEL:+1\nEND:VCARD\nBEGIN:VCARD\nFN:Jos\xe9\nTEL:+2\nEND:VCARD\n", Options{},
			[]string{"1@1 phone=+1 name=Jürgen", "2@5 phone=+2 name=José"},
			[]string{aloneWarning("row 2", "is", "it")}, 1},
		{"vcard, undefined", "l.vcf", "BEGIN:VCARD\nFN:J\xc3\xbcrgen\nTEL:+1\nEND:VCARD\nBEGIN:VCARD\nFN:Jos\x81\nTEL:+2\nEND:VCARD\n", Options{},
			[]string{"1@1 phone=+1 name=Jürgen", "2@5 phone=+2 !line 6: invalid UTF-8 in FN"}, nil, 0},
		// No valid multi-byte sequence: the whole file is Windows-1252.
		{"windows-1252", "l.csv", "phone,name\n1,Jos\xe9\n", Options{},
			[]string{"1@2 phone=1 name=José"},
			[]string{"FILE: not valid UTF-8; reading it as windows-1252 (give --encoding if that is wrong)"}, 0},
	}
	for _, tt := range tests {
		for _, byHand := range []bool{true, false} {
			if !byHand && !strings.HasSuffix(tt.file, ".json") {
				continue
			}
			arraysByHand = byHand
			got := readBytes(t, tt.file, []byte(tt.data), tt.opts)
			arraysByHand = true
			for i, w := range got.warns {
				got.warns[i] = replacePath(w)
			}
			if got.err != nil || !slices.Equal(got.rows, tt.rows) || !slices.Equal(got.warns, tt.warns) || got.info.AloneRows != tt.alone {
				t.Errorf("%s (by hand %v):\n rows %q\nwant %q\nwarns %q\n want %q\nalone %d, want %d, err %v",
					tt.name, byHand, got.rows, tt.rows, got.warns, tt.warns, got.info.AloneRows, tt.alone, got.err)
			}
		}
	}
}

// replacePath puts FILE for the path a warning starts with.
func replacePath(w string) string {
	if path, rest, ok := strings.Cut(w, ": "); ok && filepath.IsAbs(path) {
		return "FILE: " + rest
	}
	return w
}

// rowsOf describes n records from row first, each at the line after its
// row, with the same values.
func rowsOf(first, n int, values string) []string {
	var rows []string
	for r := first; r < first+n; r++ {
		rows = append(rows, fmt.Sprintf("%d@%d %s", r, r+1, values))
	}
	return rows
}

// TestHeaderReadAlone: a CSV header that is not valid UTF-8 is read alone
// as Windows-1252 too, and the warning says so.
func TestHeaderReadAlone(t *testing.T) {
	got := readBytes(t, "l.csv", []byte("phone,name,Stra\xdfe\n1,J\xc3\xbcrgen,x\n2,Jos\xe9,y\n"), Options{})
	if !slices.Equal(got.info.Header, []string{"phone", "name", "Straße"}) || !got.info.AloneHeader || got.info.AloneRows != 1 {
		t.Errorf("header %q, alone header %v, rows %d", got.info.Header, got.info.AloneHeader, got.info.AloneRows)
	}
	want := []string{aloneWarning("the header and row 2", "are", "each")}
	for i, w := range got.warns {
		got.warns[i] = replacePath(w)
	}
	if !slices.Equal(got.warns, want) {
		t.Errorf("warnings %q, want %q", got.warns, want)
	}
}

// TestRawTextReadAlone: the source text of a malformed record read alone
// as Windows-1252, which listaudit fix's quarantine shows, is read so too.
func TestRawTextReadAlone(t *testing.T) {
	tests := []struct {
		file, data string
		cells      []string
		text       string
	}{
		{"l.csv", "phone,name\n1,J\xc3\xbcrgen\n2,Jos\xe9,x\n", []string{"2", "José", "x"}, "2,José,x"},
		{"l.ndjson", "{\"phone\":\"1\",\"name\":\"J\xc3\xbcrgen\"}\n{\"phone\":\"2\",\"name\":\"Jos\xe9\"\n", nil, "{\"phone\":\"2\",\"name\":\"José\""},
		{"l.vcf", "BEGIN:VCARD\nFN:J\xc3\xbcrgen\nTEL:+1\nEND:VCARD\nBEGIN:VCARD\nFN:Jos\xe9\nTEL:+2\n", []string{"José", "+2", ""}, "BEGIN:VCARD\nFN:José\nTEL:+2"},
	}
	for _, tt := range tests {
		p := filepath.Join(t.TempDir(), tt.file)
		if err := os.WriteFile(p, []byte(tt.data), 0o600); err != nil {
			t.Fatal(err)
		}
		rr, err := OpenRaw(Source{Path: p}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var rec RawRecord
		for rr.Next(&rec) == nil && rec.Loc.Row < 2 {
		}
		rr.Close()
		if rec.Loc.Row != 2 || rec.Malformed == "" || tt.cells != nil && !slices.Equal(rec.Cells, tt.cells) || rec.Text != tt.text {
			t.Errorf("%s: row %d %q: cells %q, text %q; want %q, %q", tt.file, rec.Loc.Row, rec.Malformed, rec.Cells, rec.Text, tt.cells, tt.text)
		}
	}
}

func TestRowsAloneWarning(t *testing.T) {
	tests := []struct {
		header bool
		rows   []int
		want   string
	}{
		{false, nil, ""},
		{true, nil, aloneWarning("the header", "is", "it")},
		{false, []int{7}, aloneWarning("row 7", "is", "it")},
		{true, []int{7}, aloneWarning("the header and row 7", "are", "each")},
		{false, []int{2, 3}, aloneWarning("rows 2 and 3", "are", "each")},
		{false, []int{1, 2, 3, 4, 5}, aloneWarning("rows 1, 2, 3, 4 and 5", "are", "each")},
		{true, []int{1, 2, 3, 4, 5, 6, 7}, aloneWarning("the header, rows 1, 2, 3, 4, 5 and 2 more", "are", "each")},
	}
	for _, tt := range tests {
		a := rowsAlone{header: tt.header}
		for _, r := range tt.rows {
			a.current = true
			a.note(r)
		}
		if got := a.warning("FILE"); got != tt.want {
			t.Errorf("header %v, rows %v:\n got %s\nwant %s", tt.header, tt.rows, got, tt.want)
		}
	}
}
