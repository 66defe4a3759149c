package input

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/listaudit/listaudit/pkg/domain"
)

// writeFile writes data to dir/name and returns its path.
func writeFile(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func gzipped(t testing.TB, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// result is everything reading one input produced.
type result struct {
	rows  []string // see describe
	info  Info
	warns []string
	err   error // from Open or a fatal Next
}

// describe renders a record as "row@line field=value ... !malformed" so
// tests can compare whole records exactly.
func describe(rec *domain.Record) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d@%d", rec.Loc.Row, rec.Loc.Line)
	for f := range domain.NumFields {
		if v := rec.Values[f]; v != "" {
			fmt.Fprintf(&b, " %s=%s", f, v)
		}
	}
	if rec.Malformed != "" {
		fmt.Fprintf(&b, " !%s", rec.Malformed)
	}
	return b.String()
}

// read opens src and reads it to the end, checking the invariants every
// input must keep.
func read(t testing.TB, src Source, opts Options) result {
	t.Helper()
	var res result
	opts.Warn = func(m string) { res.warns = append(res.warns, m) }
	r, err := Open(src, opts)
	if err != nil {
		res.err = err
		return res
	}
	defer r.Close()
	var rec domain.Record
	for {
		err := r.Next(&rec)
		if err == io.EOF {
			break
		}
		if err != nil {
			res.err = err
			res.info = r.Info()
			return res
		}
		if want := len(res.rows) + 1; rec.Loc.Row != want {
			t.Fatalf("record %d has Row %d", want, rec.Loc.Row)
		}
		if rec.Loc.File != src.Path || rec.Loc.FileIndex != src.FileIndex {
			t.Fatalf("record %d has Loc %+v", rec.Loc.Row, rec.Loc)
		}
		if rec.Columns == nil {
			t.Fatalf("record %d has no Columns", rec.Loc.Row)
		}
		res.rows = append(res.rows, describe(&rec))
	}
	if err := r.Next(&rec); err != io.EOF {
		t.Fatalf("Next after EOF = %v, want io.EOF", err)
	}
	res.info = r.Info()
	if res.info.Rows != len(res.rows) {
		t.Fatalf("Info.Rows = %d, read %d records", res.info.Rows, len(res.rows))
	}
	return res
}

// readBytes writes data to a file called name and reads it.
func readBytes(t testing.TB, name string, data []byte, opts Options) result {
	t.Helper()
	return read(t, Source{Path: writeFile(t, t.TempDir(), name, data)}, opts)
}

func checkRows(t *testing.T, got result, want []string) {
	t.Helper()
	if got.err != nil {
		t.Fatalf("error: %v", got.err)
	}
	if !slices.Equal(got.rows, want) {
		t.Errorf("records:\n got %q\nwant %q", got.rows, want)
	}
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	mustWrite := func(name, data string) string { return writeFile(t, dir, name, []byte(data)) }
	badGzip := append([]byte{0x1f, 0x8b}, "not gzip at all"...)
	tests := []struct {
		name string
		src  Source
		opts Options
		want string
	}{
		{"missing", Source{Path: filepath.Join(dir, "nope.csv")}, Options{},
			"read " + filepath.Join(dir, "nope.csv") + ": no such file or directory"},
		{"directory", Source{Path: dir}, Options{}, "read " + dir + ": is a directory"},
		{"zero bytes", Source{Path: mustWrite("empty.csv", "")}, Options{},
			filepath.Join(dir, "empty.csv") + ": file is empty"},
		{"only BOM", Source{Path: mustWrite("bom.csv", "\xef\xbb\xbf")}, Options{},
			filepath.Join(dir, "bom.csv") + ": file is empty"},
		{"only white space", Source{Path: mustWrite("ws.ndjson", " \r\n\n\t\n")}, Options{},
			filepath.Join(dir, "ws.ndjson") + ": file is empty"},
		{"gzipped nothing", Source{Path: writeFile(t, dir, "e.csv.gz", gzipped(t, nil))}, Options{},
			filepath.Join(dir, "e.csv.gz") + ": file is empty"},
		{"bad gzip header", Source{Path: writeFile(t, dir, "bad.csv.gz", badGzip)}, Options{},
			"read " + filepath.Join(dir, "bad.csv.gz") + ": gzip: invalid header"},
		{"no phone column", Source{Path: mustWrite("contacts.csv", "id,Name,Email\n1,a,b\n")}, Options{},
			filepath.Join(dir, "contacts.csv") + ": no phone column (headers: id, Name, Email); map one with --map phone=HEADER"},
		{"phone column mapped to another field", Source{Path: mustWrite("m.csv", "Phone,consent_source\n+254712345678,web\n")},
			Options{Map: map[domain.Field]string{domain.FieldConsentAt: "phone"}},
			filepath.Join(dir, "m.csv") + `: no phone column (headers: Phone, consent_source; "Phone" is mapped to consent_at); map one with --map phone=HEADER`},
		{"no phone column, header only", Source{Path: mustWrite("h.csv", "id,Name\n")}, Options{},
			filepath.Join(dir, "h.csv") + ": no phone column (headers: id, Name); map one with --map phone=HEADER"},
		// A JSON file without a phone key in its first object is an error
		// only at its end: see TestJSONPhoneKeyInALaterObject.
		{"xlsx on stdin", Source{Path: "-", Stdin: strings.NewReader("PK\x03\x04\x14\x00\x00\x00")}, Options{},
			"-: an XLSX workbook cannot be read from standard input; give its file name"},
		{"unknown format", Source{Path: "-", Stdin: strings.NewReader("phone\n1\n")}, Options{Format: "xml"},
			`-: unknown input format "xml" (want csv, tsv, json, ndjson, vcard or xlsx)`},
		{"invalid delimiter", Source{Path: mustWrite("d.csv", "phone\n1\n")}, Options{Delimiter: '"'},
			filepath.Join(dir, "d.csv") + `: invalid delimiter '"'`},
		{"header parse error", Source{Path: mustWrite("q.csv", "pho\"ne,x\n1,2\n")}, Options{},
			filepath.Join(dir, "q.csv") + `: line 1: cannot read the header: a " in column 1, whose field is not in quotes (line 1, byte 4)`},
		{"json not an array", Source{Path: mustWrite("s.json", `"phone"`)}, Options{},
			filepath.Join(dir, "s.json") + ": not a JSON array of objects (it starts with a string)"},
		{"json object spanning lines", Source{Path: mustWrite("o.json", "{\n\"phone\": 1\n}\n")}, Options{},
			filepath.Join(dir, "o.json") + ": not a JSON array of objects (it starts with an object that holds no array of objects)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Open(tt.src, tt.opts)
			if err == nil {
				r.Close()
				t.Fatalf("Open succeeded, want error %q", tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("error\n got %q\nwant %q", err, tt.want)
			}
		})
	}
}

func TestFormatDetection(t *testing.T) {
	csvData := []byte("phone;name\n1;a\n")
	tsvData := []byte("phone\tname\n1\ta\n")
	jsonData := []byte(`[{"phone":"1","name":"a"}]`)
	ndjsonData := []byte("{\"phone\":\"1\",\"name\":\"a\"}\n")
	tests := []struct {
		file       string
		data       []byte
		opts       Options
		format     string
		compressed bool
		delim      rune
	}{
		{"a.csv", csvData, Options{}, "csv", false, ';'},
		{"a.CSV", csvData, Options{}, "csv", false, ';'},
		{"a.tsv", tsvData, Options{}, "tsv", false, '\t'},
		{"a.tab", tsvData, Options{}, "tsv", false, '\t'},
		{"a.json", jsonData, Options{}, "json", false, 0},
		{"a.ndjson", ndjsonData, Options{}, "ndjson", false, 0},
		{"a.jsonl", ndjsonData, Options{}, "ndjson", false, 0},
		{"a.csv.gz", gzipped(t, csvData), Options{}, "csv", true, ';'},
		{"a.json.gz", gzipped(t, jsonData), Options{}, "json", true, 0},
		{"a.jsonl.GZ", gzipped(t, ndjsonData), Options{}, "ndjson", true, 0},
		// Gzip is found by its magic bytes whatever the name.
		{"a.csv", gzipped(t, csvData), Options{}, "csv", true, ';'},
		{"export", gzipped(t, jsonData), Options{}, "json", true, 0},
		// Unknown extensions: the content decides.
		{"a.txt", csvData, Options{}, "csv", false, ';'},
		{"a.txt", append([]byte(" \n"), jsonData...), Options{}, "json", false, 0},
		{"a", ndjsonData, Options{}, "ndjson", false, 0},
		{"a.gz", gzipped(t, ndjsonData), Options{}, "ndjson", true, 0},
		// Options win over the name.
		{"a.json", csvData, Options{Format: "csv"}, "csv", false, ';'},
		{"a.csv", tsvData, Options{Format: "TSV"}, "tsv", false, '\t'},
		{"a.txt", ndjsonData, Options{Format: "jsonl"}, "ndjson", false, 0},
		{"a.tsv", csvData, Options{Delimiter: ';'}, "tsv", false, ';'},
		// A .json file holding one object per line is read as NDJSON.
		{"a.json", ndjsonData, Options{}, "ndjson", false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got := readBytes(t, tt.file, tt.data, tt.opts)
			line := 1
			if tt.delim != 0 || strings.HasPrefix(string(tt.data), " \n") {
				line = 2 // after a CSV header, or a blank line
			}
			checkRows(t, got, []string{fmt.Sprintf("1@%d phone=1 name=a", line)})
			i := got.info
			if i.Format != tt.format || i.Compressed != tt.compressed || i.Delimiter != tt.delim {
				t.Errorf("Info = format %q compressed %v delimiter %q, want %q %v %q",
					i.Format, i.Compressed, i.Delimiter, tt.format, tt.compressed, tt.delim)
			}
			if i.SHA256 != sha(tt.data) {
				t.Errorf("SHA256 = %s, want %s", i.SHA256, sha(tt.data))
			}
		})
	}
}

func TestJSONFileOfLinesWarns(t *testing.T) {
	got := readBytes(t, "a.json", []byte("{\"phone\":\"1\"}\n{\"phone\":\"2\"}\n"), Options{})
	checkRows(t, got, []string{"1@1 phone=1", "2@2 phone=2"})
	if len(got.warns) != 1 || !strings.HasSuffix(got.warns[0], "a.json: starts with an object, not an array; reading it as NDJSON (one object per line)") {
		t.Errorf("warnings = %q", got.warns)
	}
}

func TestGzip(t *testing.T) {
	plain := []byte("phone,name\n+254712345678,Ann\n+254712345679,Bob\n")
	gz := gzipped(t, plain)
	got := readBytes(t, "contacts.csv.gz", gz, Options{})
	checkRows(t, got, []string{"1@2 phone=+254712345678 name=Ann", "2@3 phone=+254712345679 name=Bob"})
	if got.info.SHA256 != sha(gz) {
		t.Errorf("SHA256 is not of the compressed bytes")
	}

	// Two concatenated members read as one stream, as gunzip does.
	two := append(gzipped(t, plain[:11]), gzipped(t, plain[11:])...)
	checkRows(t, readBytes(t, "two.csv.gz", two, Options{}),
		[]string{"1@2 phone=+254712345678 name=Ann", "2@3 phone=+254712345679 name=Bob"})
}

func TestGzipCorrupt(t *testing.T) {
	gz := gzipped(t, []byte("phone,name\n1,a\n2,b\n"))
	badSum := slices.Clone(gz)
	badSum[len(badSum)-8] ^= 0xff // CRC-32 of the trailer
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"checksum", badSum, "gzip: invalid checksum"},
		{"truncated", gz[:len(gz)-4], "gzip: the file is cut short (unexpected EOF)"},
		{"cut in the data", gz[:20], "gzip: the file is cut short (unexpected EOF)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, t.TempDir(), "c.csv.gz", tt.data)
			got := read(t, Source{Path: p}, Options{})
			want := "read " + p + ": " + tt.want
			if got.err == nil || got.err.Error() != want {
				t.Fatalf("error = %v, want %q", got.err, want)
			}
		})
	}
}

func TestStdin(t *testing.T) {
	got := read(t, Source{Path: "-", FileIndex: 3, Stdin: strings.NewReader("phone|name\n1|a\n2|b\n")}, Options{Format: "csv"})
	checkRows(t, got, []string{"1@2 phone=1 name=a", "2@3 phone=2 name=b"})
	if got.info.Path != "-" || got.info.Delimiter != '|' {
		t.Errorf("Info = %+v", got.info)
	}

	gz := gzipped(t, []byte(`[{"phone": 1}]`))
	got = read(t, Source{Path: "-", Stdin: bytes.NewReader(gz)}, Options{Format: "json"})
	checkRows(t, got, []string{"1@1 phone=1"})
	if !got.info.Compressed || got.info.SHA256 != sha(gz) {
		t.Errorf("Info = %+v", got.info)
	}
}

func TestInfo(t *testing.T) {
	data := []byte("\xef\xbb\xbfID,Mobile,Opt-In Source\r\n7,+1555,web\r\n")
	got := readBytes(t, "c.csv", data, Options{})
	checkRows(t, got, []string{"1@2 phone=+1555 consent_source=web id=7"})
	i := got.info
	var cols domain.Columns
	cols[domain.FieldPhone], cols[domain.FieldConsentSource], cols[domain.FieldID] = "Mobile", "Opt-In Source", "ID"
	if !i.BOM || i.Rows != 1 || i.Columns != cols || !slices.Equal(i.Header, []string{"ID", "Mobile", "Opt-In Source"}) ||
		i.SHA256 != sha(data) || i.Incomplete != "" {
		t.Errorf("Info = %+v", i)
	}
	in := i.Input()
	if in.Format != "csv" || in.Rows != 1 || in.SHA256 != sha(data) {
		t.Errorf("Input() = %+v", in)
	}
	gz := readBytes(t, "c.csv.gz", gzipped(t, data), Options{}).info.Input()
	if gz.Format != "csv+gzip" {
		t.Errorf("Input().Format = %q for gzip", gz.Format)
	}
}

func TestNextOverwritesRecord(t *testing.T) {
	p := writeFile(t, t.TempDir(), "c.csv", []byte("phone,name,email\n1,a,x@y,extra\n2,,\n"))
	r, err := Open(Source{Path: p, FileIndex: 2}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	rec := domain.Record{Malformed: "stale"}
	rec.Values[domain.FieldCountry] = "stale"
	var got []string
	for r.Next(&rec) == nil {
		got = append(got, describe(&rec))
		if rec.Loc.FileIndex != 2 || rec.Columns.Has(domain.FieldCountry) || !rec.Columns.Has(domain.FieldEmail) {
			t.Errorf("record %d: Loc %+v, Columns %v", rec.Loc.Row, rec.Loc, *rec.Columns)
		}
	}
	want := []string{"1@2 phone=1 name=a email=x@y !has 4 fields, header has 3", "2@3 phone=2"}
	if !slices.Equal(got, want) {
		t.Errorf("records:\n got %q\nwant %q", got, want)
	}
	if err := r.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if err := r.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

// errReader fails after its data.
type errReader struct {
	data []byte
	err  error
}

func (e *errReader) Read(p []byte) (int, error) {
	if len(e.data) == 0 {
		return 0, e.err
	}
	n := copy(p, e.data)
	e.data = e.data[n:]
	return n, nil
}

func TestReadErrorIsFatal(t *testing.T) {
	boom := errors.New("device on fire")
	for _, format := range []string{"csv", "json", "ndjson"} {
		t.Run(format, func(t *testing.T) {
			data := map[string]string{
				"csv":    "phone\n1\n2",
				"json":   `[{"phone":1},{"phone":`,
				"ndjson": "{\"phone\":1}\n{\"pho",
			}[format]
			got := read(t, Source{Path: "-", Stdin: &errReader{[]byte(data), boom}}, Options{Format: format})
			if got.err == nil || got.err.Error() != "read -: device on fire" || !errors.Is(got.err, boom) {
				t.Fatalf("error = %v", got.err)
			}
		})
	}
}

func TestTrailingDataIsHashed(t *testing.T) {
	data := []byte("[{\"phone\": \"1\"}]\n\nnot json\n")
	got := readBytes(t, "c.json", data, Options{})
	checkRows(t, got, []string{"1@1 phone=1", "2@3 !invalid JSON: data after the end of the JSON array; the rest of the file is kept as this one record"})
	if got.info.SHA256 != sha(data) {
		t.Errorf("SHA256 does not cover trailing data")
	}
	if len(got.warns) != 0 {
		t.Errorf("warnings = %q", got.warns)
	}
}

// rowsReader generates n rows of a format lazily, so a test can stream a
// large input without holding it.
type rowsReader struct {
	head, row func(i int) string
	i, n      int
	buf       []byte
}

func (g *rowsReader) Read(p []byte) (int, error) {
	for len(g.buf) < len(p) && g.i <= g.n {
		if g.i == 0 {
			g.buf = append(g.buf, g.head(0)...)
		} else {
			g.buf = append(g.buf, g.row(g.i)...)
		}
		g.i++
	}
	if len(g.buf) == 0 {
		return 0, io.EOF
	}
	n := copy(p, g.buf)
	g.buf = g.buf[:copy(g.buf, g.buf[n:])]
	return n, nil
}

func TestMemoryDoesNotGrowWithInput(t *testing.T) {
	if testing.Short() {
		t.Skip("streams about 30 MB")
	}
	const rows = 200_000
	formats := map[string]*rowsReader{
		"csv": {head: func(int) string { return "phone,name,email\n" },
			row: func(i int) string { return fmt.Sprintf("+2547%08d,Contact number %d,c%d@example.com\n", i, i, i) }},
		"ndjson": {head: func(int) string { return "" },
			row: func(i int) string { return fmt.Sprintf("{\"phone\":\"+2547%08d\",\"name\":\"Contact %d\"}\n", i, i) }},
		"json": {head: func(int) string { return "[{\"phone\":0}" },
			row: func(i int) string { return fmt.Sprintf(",\n{\"phone\":\"+2547%08d\",\"name\":\"Contact %d\"}", i, i) }},
	}
	for format, g := range formats {
		t.Run(format, func(t *testing.T) {
			g.n = rows
			if format == "json" {
				tail := g.row
				g.row = func(i int) string {
					if i == rows {
						return tail(i) + "]"
					}
					return tail(i)
				}
			}
			r, err := Open(Source{Path: "-", Stdin: g}, Options{Format: format})
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			var rec domain.Record
			var peak uint64
			n := 0
			for r.Next(&rec) == nil {
				n++
				if n%50_000 == 0 {
					runtime.GC()
					var ms runtime.MemStats
					runtime.ReadMemStats(&ms)
					peak = max(peak, ms.HeapAlloc)
				}
			}
			if r.Info().Rows < rows {
				t.Fatalf("read %d rows", r.Info().Rows)
			}
			t.Logf("peak heap %.1f MiB", float64(peak)/(1<<20))
			if peak > 16<<20 {
				t.Errorf("heap reached %d MiB while streaming", peak>>20)
			}
		})
	}
}

func TestOpenRefusesBinaryFiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "program.csv")
	os.WriteFile(path, []byte("\x7fELF\x02\x01\x01\x00\x00\x00phone\n"), 0o600)
	_, err := Open(Source{Path: path}, Options{})
	want := path + ": line 1 holds a NUL byte: not a text file (it holds binary data), or a damaged one; listaudit reads CSV, TSV, JSON, NDJSON, XLSX and vCard files"
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %s", err, want)
	}
}

func TestNoPhoneErrorShowsHeadersSafely(t *testing.T) {
	err := noPhoneError("f.csv", []string{"x\x1b[31my", strings.Repeat("long", 20)}, domain.Columns{})
	want := "f.csv: no phone column (headers: x?[31my, " + strings.Repeat("long", 10) + "…); map one with --map phone=HEADER"
	if err.Error() != want {
		t.Errorf("got  %s\nwant %s", err, want)
	}
}

// A file without a header has a record where the header should be: the
// error says so instead of printing the number, name and address, and a
// header that holds a number or an address shows it masked.
func TestNoPhoneErrorHidesData(t *testing.T) {
	dir := t.TempDir()
	xlsx := filepath.Join(dir, "h.xlsx")
	writeXLSX(t, xlsx, map[string][]xlsxRow{"Contacts": {{"+254712345601", "Jane Doe", "jane@x.com"}}}, "Contacts")
	tests := []struct {
		name, file, body, want string
	}{
		{"csv without a header", "hc.csv", "+254712345601,Jane Doe,jane@x.com\n",
			": the first line looks like data, not a header (it holds a phone number); add a header line naming the columns, e.g. phone"},
		{"csv without a header, e-mail first", "he.csv", "Jane Doe;jane@x.com\n",
			": the first line looks like data, not a header (it holds an e-mail address); add a header line naming the columns, e.g. phone"},
		{"header with a number and an address", "hm.csv", "id,call 0712 345 678,Jane <jane@x.com>,2026-01-02\n1,2,3,4\n",
			": no phone column (headers: id, **** 0*** *** *78, [hidden], 2026-01-02); map one with --map phone=HEADER"},
		{"json keyed by number", "k.json", `[{"+254712345601":"Jane"}]`,
			": no phone column (headers: +2*********01); map one with --map phone=HEADER"},
		{"xlsx without a header", "", "",
			`: sheet "Contacts": row 1 looks like data, not a header (it holds a phone number); add a header line naming the columns, e.g. phone`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := xlsx
			if tt.file != "" {
				p = writeFile(t, dir, tt.file, []byte(tt.body))
			}
			r, err := Open(Source{Path: p}, Options{})
			if err == nil {
				// JSON's phone key may come in a later record: the error
				// comes at the end.
				var rec domain.Record
				for err == nil {
					err = r.Next(&rec)
				}
				r.Close()
				if errors.Is(err, io.EOF) {
					t.Fatal("read without an error")
				}
			}
			if want := p + tt.want; err.Error() != want {
				t.Errorf("error\n got %q\nwant %q", err, want)
			}
		})
	}
}

// TestNULByteStopsTheRunWherever: a NUL byte is an error naming its line
// in every text format and encoding, in the first 64 KiB or after them
// (it was a "binary data" error without a line in the first, and read
// into the clean list after).
func TestNULByteStopsTheRunWherever(t *testing.T) {
	var late strings.Builder
	late.WriteString("phone,name\n")
	for i := range 5000 {
		fmt.Fprintf(&late, "+2547%08d,Contact %d\n", i, i)
	}
	lateCSV := late.String() + "+254799999999,Na\x00me\n"
	utf16le := func(s string) string {
		var b strings.Builder
		b.WriteString("\xff\xfe")
		for _, c := range []byte(s) {
			b.WriteByte(c)
			b.WriteByte(0)
		}
		return b.String()
	}
	const suffix = " holds a NUL byte: not a text file (it holds binary data), or a damaged one; listaudit reads CSV, TSV, JSON, NDJSON, XLSX and vCard files"
	tests := []struct {
		name, file, data, want string
	}{
		{"csv, in the first 64 KiB", "l.csv", "phone,name\n+254712345678,A\n+254712345679,B\x00\x00\n", "line 3"},
		{"csv, after 64 KiB", "l.csv", lateCSV, "line 5002"},
		{"csv, in the header", "l.csv", "pho\x00ne\n1\n", "line 1"},
		{"windows-1252", "l.csv", "phone,name\n+254712345678,Ren\xe9e\x00\n", "line 2"},
		{"utf-16", "l.csv", utf16le("phone,name\n+254712345678,A\x00\n"), "line 2"},
		{"utf-16, after 64 KiB", "l.csv", utf16le(lateCSV), "line 5002"},
		{"ndjson", "l.ndjson", "{\"phone\":\"1\"}\n{\"phone\":\"2\x00\"}\n", "line 2"},
		{"json", "l.json", "[{\"phone\":\"1\"},\n{\"phone\":\"2\x00\"}]\n", "line 2"},
		{"vcard", "l.vcf", "BEGIN:VCARD\nTEL:+1\nEND:VCARD\nBEGIN:VCARD\nFN:\x00\nEND:VCARD\n", "line 5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := readBytes(t, tt.file, []byte(tt.data), Options{})
			if got.err == nil || !strings.HasSuffix(got.err.Error(), tt.file+": "+tt.want+suffix) {
				t.Errorf("error %v, want %s%s", got.err, tt.want, suffix)
			}
		})
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(lateCSV))
	zw.Close()
	got := readBytes(t, "l.csv.gz", gz.Bytes(), Options{})
	if got.err == nil || !strings.HasSuffix(got.err.Error(), "l.csv.gz: line 5002"+suffix) {
		t.Errorf("gzip: error %v", got.err)
	}
}
