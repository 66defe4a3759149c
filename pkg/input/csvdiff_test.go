package input

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/listaudit/listaudit/pkg/domain"
)

// realworldDir holds the corpus of real-world exports (see its SOURCES.md).
const realworldDir = "../../testdata/realworld"

// TestCSVMatchesEncodingCSV reads every CSV and TSV file of the real-world
// corpus as listaudit does and as encoding/csv does, with the dialect
// listaudit sniffed, and requires the same records: a faster CSV reader
// must stay exact on the files people have.
func TestCSVMatchesEncodingCSV(t *testing.T) {
	entries, err := os.ReadDir(realworldDir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !isDelimitedName(name) {
			continue
		}
		n++
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(realworldDir, name))
			if err != nil {
				t.Fatal(err)
			}
			format := FormatCSV
			if strings.HasSuffix(name, ".tsv") {
				format = FormatTSV
			}
			if !compareWithEncodingCSV(t, data, format) {
				t.Fatal("listaudit could not open the file")
			}
		})
	}
	if n < 10 {
		t.Fatalf("only %d CSV/TSV files in %s", n, realworldDir)
	}
}

// isDelimitedName reports whether a corpus file is read as CSV or TSV:
// Excel's "Unicode Text" is a .txt file.
func isDelimitedName(name string) bool {
	switch filepath.Ext(name) {
	case ".csv", ".tsv", ".txt":
		return true
	}
	return false
}

// FuzzCSVMatchesEncodingCSV holds listaudit's CSV reading to encoding/csv
// on any input, as TestCSVMatchesEncodingCSV does on the corpus.
func FuzzCSVMatchesEncodingCSV(f *testing.F) {
	entries, err := os.ReadDir(realworldDir)
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() && isDelimitedName(e.Name()) {
			data, err := os.ReadFile(filepath.Join(realworldDir, e.Name()))
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	for _, s := range []string{
		"sep=;\nphone;name\n1;\"a\nb\"\n",
		"phone,name\r1,\"a\rb\"\r2,c",
		"phone, name\n 1, \"x\"\n",
		"phone|name\n1|a\"b\n\"x\"y|z\n\"open\n",
		"\xff\xfep\x00h\x00\t\x00n\x00\n\x00",
		"phone,name\n1,caf\xe9\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		compareWithEncodingCSV(t, data, FormatCSV)
	})
}

// compareWithEncodingCSV opens data as listaudit does, then reads the same
// bytes, decoded from the encoding listaudit detected, with encoding/csv
// configured as listaudit configures it (the sniffed delimiter, variable
// field counts, strict quotes, leading spaces trimmed when listaudit
// sniffed a space after every delimiter), and fails on the first record that
// differs in its cells, its line or whether it is a parse error. It
// reports false when listaudit refused the input at opening.
func compareWithEncodingCSV(t *testing.T, data []byte, format string) bool {
	t.Helper()
	rr, err := OpenRaw(Source{Path: "-", Stdin: bytes.NewReader(data)}, Options{Format: format, PhoneOptional: true})
	if err != nil {
		return false
	}
	defer rr.Close()
	info := rr.Info()
	want := oracleReader(t, data, info)
	if want == nil {
		return true
	}
	if info.SepLine {
		if _, err := want.Read(); err != nil {
			t.Fatalf("encoding/csv cannot read the sep= line listaudit skipped: %v", err)
		}
	}
	header, err := want.Read()
	if err != nil {
		t.Fatalf("encoding/csv cannot read the header listaudit read as %q: %v", info.Header, err)
	}
	for i := range header {
		header[i] = strings.ToValidUTF8(header[i], "\uFFFD")
	}
	if !slices.Equal(header, info.Header) {
		t.Fatalf("header: listaudit %q, encoding/csv %q", info.Header, header)
	}
	// The decoder, below the numbers' expansion into records (multi.go),
	// returns one record per CSV record.
	r := rr.r
	var raw RawRecord
	r.rawRec = &raw
	for k := 1; ; k++ {
		raw.Cells, raw.Text = raw.Cells[:0], ""
		raw.Record = domain.Record{Columns: &r.cols}
		got := r.dec.next(&raw.Record)
		fields, werr := want.Read()
		if got == io.EOF && werr == nil && r.info.Footer != [2]int{} {
			checkFooter(t, k, r.info.Footer, fields, want)
			return true
		}
		if got == io.EOF || werr == io.EOF {
			if got != werr {
				t.Fatalf("record %d: listaudit returned %v, encoding/csv %v", k, got, werr)
			}
			return true
		}
		if got != nil {
			// A fatal error (a record over the size limit): the parse
			// itself is not in question.
			return true
		}
		compareRecord(t, k, &raw, fields, werr, want)
	}
}

// checkFooter checks that the records encoding/csv reads after listaudit's
// last, the first of which is record k with fields, are the report footer
// listaudit said it did not read: records of one field, from the line
// footer[0] to the line footer[1], and nothing after.
func checkFooter(t *testing.T, k int, footer [2]int, fields []string, want *csv.Reader) {
	t.Helper()
	first, last := 0, 0
	for ; ; k++ {
		if len(fields) != 1 {
			t.Fatalf("record %d: listaudit skipped it as a footer line, encoding/csv reads %q", k, fields)
		}
		line, _ := want.FieldPos(0)
		if first == 0 {
			first = line
		}
		last = line
		var err error
		if fields, err = want.Read(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("record %d: listaudit skipped it as a footer line, encoding/csv: %v", k+1, err)
		}
	}
	if [2]int{first, last} != footer {
		t.Fatalf("listaudit skipped lines %d–%d as a footer, encoding/csv read lines %d–%d after its last record", footer[0], footer[1], first, last)
	}
}

// compareRecord checks listaudit's record k against encoding/csv's fields
// and error for the same record.
func compareRecord(t *testing.T, k int, got *RawRecord, fields []string, werr error, want *csv.Reader) {
	t.Helper()
	var pe *csv.ParseError
	if werr != nil && !errors.As(werr, &pe) {
		t.Fatalf("record %d: encoding/csv: %v", k, werr)
	}
	line := 0
	if pe != nil {
		line = pe.StartLine
		if got.Malformed != parseErrorText(pe) {
			t.Fatalf("record %d: listaudit says %q, encoding/csv %q", k, got.Malformed, parseErrorText(pe))
		}
	} else if len(fields) > 0 {
		line, _ = want.FieldPos(0)
	}
	if got.Loc.Line != line {
		t.Fatalf("record %d: listaudit line %d, encoding/csv line %d", k, got.Loc.Line, line)
	}
	if !slices.Equal(got.Cells, fields) && (len(got.Cells) > 0 || len(fields) > 0) {
		t.Fatalf("record %d (line %d): listaudit %q, encoding/csv %q", k, line, got.Cells, fields)
	}
}

// oracleReader is encoding/csv over data decoded independently of
// listaudit's streaming path: the byte-order mark cut, the whole text
// decoded from info.Encoding, bare CR line breaks made LF. It returns nil
// when info names no text encoding it knows.
func oracleReader(t *testing.T, data []byte, info Info) *csv.Reader {
	t.Helper()
	var dec *encoding.Decoder
	switch strings.TrimSuffix(info.Encoding, " (BOM)") {
	case EncodingUTF8:
		data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	case EncodingUTF16LE:
		data = bytes.TrimPrefix(data, []byte{0xFF, 0xFE})
		dec = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder()
	case EncodingUTF16BE:
		data = bytes.TrimPrefix(data, []byte{0xFE, 0xFF})
		dec = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder()
	case EncodingWindows1252:
		dec = charmap.Windows1252.NewDecoder()
	case EncodingLatin1:
		dec = charmap.ISO8859_1.NewDecoder()
	case EncodingMacRoman:
		dec = charmap.Macintosh.NewDecoder()
	default:
		t.Errorf("encoding %q: the oracle does not know it", info.Encoding)
		return nil
	}
	if dec != nil {
		var err error
		if data, err = dec.Bytes(data); err != nil {
			t.Fatalf("decoding as %s: %v", info.Encoding, err)
		}
	}
	if info.LineBreaks == "CR" {
		data = bytes.ReplaceAll(data, []byte{'\r'}, []byte{'\n'})
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = info.Delimiter
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = info.SpaceAfterDelimiter
	return cr
}
