package input

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/textfile"
)

// realworldDir holds the corpus of real-world exports (see its SOURCES.md).
const realworldDir = "../../testdata/realworld"

// TestCSVMatchesEncodingCSV reads every CSV and TSV file under testdata
// (the real-world corpus and the fixtures) as listaudit does and as
// encoding/csv does, with the dialect listaudit sniffed and with each
// delimiter given, and requires the same records: a faster CSV reader must
// stay exact on the files people have.
func TestCSVMatchesEncodingCSV(t *testing.T) {
	n := 0
	err := filepath.WalkDir("../../testdata", func(path string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() || !isDelimitedName(path) || filepath.Base(filepath.Dir(path)) == "expected" {
			return err
		}
		n++
		t.Run(strings.TrimPrefix(path, "../../testdata/"), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			format := FormatCSV
			if strings.HasSuffix(path, ".tsv") {
				format = FormatTSV
			}
			if !compareWithEncodingCSV(t, data, format, 0) {
				t.Fatal("listaudit could not open the file")
			}
			for _, d := range []rune{',', ';', '\t', '|'} {
				compareWithEncodingCSV(t, data, format, d)
			}
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 25 {
		t.Fatalf("only %d CSV/TSV files under testdata", n)
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
		"phone,name\r\r\n1,\"a\r\r\nb\"\r\r\n2,c\r\r\r\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		compareWithEncodingCSV(t, data, FormatCSV, 0)
	})
}

// compareWithEncodingCSV opens data as listaudit does, then reads the same
// bytes, decoded from the encoding listaudit detected, with encoding/csv
// configured as listaudit configures it (the sniffed delimiter, variable
// field counts, strict quotes, leading spaces trimmed when listaudit
// sniffed a space after every delimiter), and fails on the first record that
// differs in its cells, its line or whether it is a parse error. It
// reports false when listaudit refused the input at opening. delimiter is
// --delimiter, 0 to sniff it.
func compareWithEncodingCSV(t *testing.T, data []byte, format string, delimiter rune) bool {
	t.Helper()
	opts := Options{Format: format, Delimiter: delimiter, PhoneOptional: true}
	rr, err := OpenRaw(Source{Path: "-", Stdin: bytes.NewReader(data)}, opts)
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
	// A header that is not valid UTF-8 may be read alone as Windows-1252
	// (headerAlone).
	alone(header, rr.r.alone.on)
	// The guard listaudit writes before a risky cell (csvsafe.Cell) is
	// read back from every cell, the header's too: a transformation over
	// the records, not part of reading them.
	unguard(header)
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
		// A record that is not valid UTF-8 may be read alone as
		// Windows-1252 (cellsAlone).
		alone(fields, r.alone.on)
		unguard(fields)
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
		column := "column " + strconv.Itoa(len(fields)+1)
		if len(fields) < len(info.Header) && info.Header[len(fields)] != "" {
			column = "column " + strconv.Quote(info.Header[len(fields)])
		}
		// Whether the file ended inside a quote is the scanner's word: the
		// next record is then the end of the file for both.
		compareRecord(t, k, &raw, fields, werr, want, column, r.dec.(*csvDecoder).cr.quoteOpen)
	}
}

// alone decodes cells from Windows-1252 in place as listaudit reads a
// record alone (cellsAlone): when on (the file's encoding was detected as
// UTF-8), a cell is not valid UTF-8, and every cell decodes.
func alone(cells []string, on bool) {
	if !on || !slices.ContainsFunc(cells, func(c string) bool { return !utf8.ValidString(c) }) {
		return
	}
	decoded := make([]string, len(cells))
	for i, c := range cells {
		var ok bool
		if decoded[i], ok = textfile.DecodeWindows1252(c); !ok {
			return
		}
	}
	copy(cells, decoded)
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
func compareRecord(t *testing.T, k int, got *RawRecord, fields []string, werr error, want *csv.Reader, column string, quoteOpen int) {
	t.Helper()
	var pe *csv.ParseError
	if werr != nil && !errors.As(werr, &pe) {
		t.Fatalf("record %d: encoding/csv: %v", k, werr)
	}
	line := 0
	if pe != nil {
		line = pe.StartLine
		if quoteOpen > 0 && pe.Err != csv.ErrQuote {
			t.Fatalf("record %d: listaudit says a quote is never closed, encoding/csv: %v", k, pe)
		}
		if w := parseErrorText(pe, column, quoteOpen); got.Malformed != w {
			t.Fatalf("record %d: listaudit says %q, encoding/csv %q", k, got.Malformed, w)
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
	switch info.LineBreaks {
	case "CR":
		data = bytes.ReplaceAll(data, []byte{'\r'}, []byte{'\n'})
	case "CR CR LF":
		data = bytes.ReplaceAll(data, []byte("\r\r\n"), []byte("\r\n"))
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = info.Delimiter
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = info.SpaceAfterDelimiter
	return cr
}

// csvDialect is one way of configuring encoding/csv that listaudit's
// scanner must follow.
type csvDialect struct {
	comma, comment rune
	trim           bool
}

// csvDialects are the delimiters listaudit sniffs, a delimiter of several
// bytes and white-space delimiters, each with and without
// TrimLeadingSpace and a comment character.
func csvDialects() []csvDialect {
	var ds []csvDialect
	for _, comma := range []rune{',', ';', '\t', '|', ' ', '§', '\u3000'} {
		for _, comment := range []rune{0, '#'} {
			for _, trim := range []bool{false, true} {
				ds = append(ds, csvDialect{comma, comment, trim})
			}
		}
	}
	return ds
}

// TestCSVScannerMatchesEncodingCSV reads every CSV, TSV and text file
// under testdata (the repository's and the packages') with the scanner
// and with encoding/csv, in every dialect and with small reads that cut
// lines at every place, and requires the same records, lines, offsets and
// errors.
func TestCSVScannerMatchesEncodingCSV(t *testing.T) {
	files := delimitedTestdata(t)
	if len(files) < 40 {
		t.Fatalf("only %d CSV/TSV files under testdata", len(files))
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range csvDialects() {
			for _, readSize := range []int{csvReadSize, 7} {
				compareScanner(t, name, data, d, readSize)
			}
		}
	}
}

// delimitedTestdata lists the files of ../../testdata and ../*/testdata,
// at any depth, that are or could be read as CSV or TSV.
func delimitedTestdata(t *testing.T) []string {
	t.Helper()
	var files []string
	roots, err := filepath.Glob("../*/testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, root := range append(roots, "../../testdata") {
		err := filepath.WalkDir(root, func(path string, e os.DirEntry, err error) error {
			if err == nil && !e.IsDir() && isDelimitedName(path) {
				files = append(files, path)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return files
}

// TestCSVScannerEdgeCases holds the scanner to encoding/csv on the cases
// where a CSV reader most often goes wrong, in every dialect.
func TestCSVScannerEdgeCases(t *testing.T) {
	long := strings.Repeat("long ", 100_000)
	tests := []struct{ name, data string }{
		{"bare quote", "a,b\"c,d\ne,f\n"},
		{"quote in unquoted field then more lines", "a,b\"\nc,d\n"},
		{"text after closing quote", "a,\"b\"c,d\ne\n"},
		{"quote left open", "a,\"b\nc\n"},
		{"quote left open, no line break", "a,\"b"},
		{"error on a later line of the record", "a,\"b\nc\"d\"\ne\n"},
		{"doubled quotes", "\"a\"\"b\",\"\"\"\"\n"},
		{"CRLF", "a,b\r\nc,\"d\r\ne\"\r\n"},
		{"lone CR inside a line", "a\rb,c\rd\n"},
		{"CR at the end of the input", "a,b\r"},
		{"CR before the end inside quotes", "a,\"b\r"},
		{"no line break at the end", "a,b\nc,d"},
		{"blank lines", "\n\r\n\na,b\n\n\nc\n\n"},
		{"leading spaces", " a,  \"b\" ,\u00a0c,\u3000d\n \n"},
		{"comment lines", "#x,\"y\na,b\n #c\n#\n"},
		{"invalid UTF-8", "\xff,\xc3,\"\xfe\"\n\xe9t\xe9\n"},
		{"long fields", "a," + long + ",\"" + long + "\"\n" + long + "\n"},
		{"empty fields", ",,\n,\"\",\n"},
	}
	for _, tc := range tests {
		for _, d := range csvDialects() {
			for _, readSize := range []int{csvReadSize, 3} {
				compareScanner(t, tc.name, []byte(tc.data), d, readSize)
			}
		}
	}
}

// TestCSVScannerMatchesEncodingCSVOnHostileInput holds the scanner to
// encoding/csv on generated text made of quotes, delimiters, white space,
// line breaks of every kind, comment characters and invalid UTF-8.
func TestCSVScannerMatchesEncodingCSVOnHostileInput(t *testing.T) {
	pieces := []string{`"`, `""`, `,`, `;`, "\t", " ", "  ", "\n", "\r\n", "\r", "\n\n", "#", "a", "bc",
		"\xff", "\xc2\xa0", "\u3000", "§", "\xc2", "\u0085", `","`, "\"\n", "\n\"", "x\"y"}
	rng := rand.New(rand.NewPCG(19, 1))
	dialects := csvDialects()
	n := 20000
	if testing.Short() {
		n = 2000
	}
	var b strings.Builder
	for k := range n {
		b.Reset()
		for range rng.IntN(40) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		d := dialects[k%len(dialects)]
		compareScanner(t, "generated", []byte(b.String()), d, 1+rng.IntN(9))
	}
	long := strings.Repeat("x", 3*csvReadSize)
	for _, s := range []string{
		"a," + long + "\nb\n",
		"a,\"" + long + "\"\nb\n",
		"a,\"" + strings.Repeat("y\r\n", csvReadSize) + "\"\n",
		strings.Repeat("\n", 2*csvReadSize) + "a,b",
		"a,\"" + long,
	} {
		for _, d := range dialects[:4] {
			compareScanner(t, "long", []byte(s), d, csvReadSize)
			compareScanner(t, "long", []byte(s), d, 1000)
		}
	}
}

// FuzzCSVScannerMatchesEncodingCSV holds the scanner to encoding/csv on
// any input, in any dialect, with reads of any size.
func FuzzCSVScannerMatchesEncodingCSV(f *testing.F) {
	for i, s := range []string{
		"phone,name\n1,a\n2,b\n",
		"a,\"b\nc\"\r\nd,\"e\"\"f\"\n",
		"a,b\"c\n\"d\"e\n\"open\nx",
		" a, \"b\" ,c\r\n\n\n# note\n",
		"a\tb\r\rc\xff\xc2\xa0\"\n",
		"\"\"\"\"\r",
	} {
		f.Add([]byte(s), uint8(i), uint8(i*7))
	}
	f.Fuzz(func(t *testing.T, data []byte, dialect, readSize uint8) {
		ds := csvDialects()
		compareScanner(t, "fuzz", data, ds[int(dialect)%len(ds)], 1+int(readSize))
	})
}

// compareScanner reads data with the scanner, in dialect d asking for
// readSize bytes at a time, and with encoding/csv, and fails on the first
// Read that differs in its record, error, start line, input offset or
// (for the scanner) source text.
func compareScanner(t *testing.T, name string, data []byte, d csvDialect, readSize int) {
	t.Helper()
	want := csv.NewReader(bytes.NewReader(data))
	want.Comma, want.Comment, want.TrimLeadingSpace = d.comma, d.comment, d.trim
	want.FieldsPerRecord, want.ReuseRecord = -1, true
	got := newCSVScanner(&smallReads{data: data, size: readSize}, d.comma, d.comment, d.trim)
	got.readSize = readSize
	for k := 1; ; k++ {
		from := want.InputOffset()
		wrec, werr := want.Read()
		grec, gerr := got.Read()
		where := func() string {
			return fmt.Sprintf("%s, delimiter %+q comment %+q trim %v, reads of %d, record %d", name, d.comma, d.comment, d.trim, readSize, k)
		}
		if !sameCSVError(gerr, werr) {
			t.Fatalf("%s: scanner error %#v, encoding/csv %#v", where(), gerr, werr)
		}
		if !slices.Equal(grec, wrec) {
			t.Fatalf("%s: scanner %q, encoding/csv %q", where(), grec, wrec)
		}
		if got.InputOffset() != want.InputOffset() {
			t.Fatalf("%s: scanner offset %d, encoding/csv %d", where(), got.InputOffset(), want.InputOffset())
		}
		if werr == io.EOF {
			return
		}
		if werr == nil && len(wrec) > 0 {
			if line, _ := want.FieldPos(0); got.line() != line {
				t.Fatalf("%s: scanner line %d, encoding/csv %d", where(), got.line(), line)
			}
		}
		if text := strings.Trim(string(data[from:want.InputOffset()]), "\r\n"); got.text() != text {
			t.Fatalf("%s: scanner text %q, source %q", where(), got.text(), text)
		}
		if werr != nil && !errors.As(werr, new(*csv.ParseError)) {
			return // a read error ends the reading
		}
	}
}

// sameCSVError reports whether two errors of Read are the same: equal
// ParseErrors, or errors of the same text.
func sameCSVError(got, want error) bool {
	var gpe, wpe *csv.ParseError
	if errors.As(got, &gpe) || errors.As(want, &wpe) {
		return errors.As(got, &gpe) && errors.As(want, &wpe) && *gpe == *wpe
	}
	if got == nil || want == nil {
		return got == want
	}
	return got.Error() == want.Error()
}

// smallReads reads data at most size bytes at a time; when size is odd,
// io.EOF comes with the last bytes, as some readers give it.
type smallReads struct {
	data []byte
	size int
}

func (r *smallReads) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), r.size)], r.data)
	r.data = r.data[n:]
	if len(r.data) == 0 && r.size%2 == 1 {
		return n, io.EOF
	}
	return n, nil
}

// BenchmarkCSVRecords reads the records of a 100,000-row list with
// encoding/csv, configured as listaudit configured it, and with the
// scanner that replaced it.
func BenchmarkCSVRecords(b *testing.B) {
	data := csvList(100_000, "Contact")
	readers := []struct {
		name string
		read func(io.Reader) func() ([]string, error)
	}{
		{"encoding-csv", func(r io.Reader) func() ([]string, error) {
			cr := csv.NewReader(r)
			cr.FieldsPerRecord, cr.ReuseRecord = -1, true
			return cr.Read
		}},
		{"scanner", func(r io.Reader) func() ([]string, error) {
			return newCSVScanner(r, ',', 0, false).Read
		}},
	}
	for _, rd := range readers {
		b.Run(rd.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				read := rd.read(bytes.NewReader(data))
				for {
					if _, err := read(); err != nil {
						if err != io.EOF {
							b.Fatal(err)
						}
						break
					}
				}
			}
		})
	}
}

// TestCSVScannerBufferStaysSmall reads a record after a run of blank
// lines many buffers long: the scanner keeps a record's text, but not the
// blank lines before it, so its buffer does not grow.
func TestCSVScannerBufferStaysSmall(t *testing.T) {
	data := strings.Repeat("\r\n", 8*csvReadSize) + "a,b\n"
	s := newCSVScanner(strings.NewReader(data), ',', 0, false)
	rec, err := s.Read()
	if err != nil || !slices.Equal(rec, []string{"a", "b"}) || s.line() != 8*csvReadSize+1 || s.text() != "a,b" {
		t.Fatalf("Read = %q, %v at line %d, text %q", rec, err, s.line(), s.text())
	}
	if len(s.buf) > csvReadSize {
		t.Errorf("buffer grew to %d bytes", len(s.buf))
	}
}
