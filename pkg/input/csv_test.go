package input

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/textfile"
)

func TestSniffDelimiter(t *testing.T) {
	tests := []struct {
		name  string
		data  string
		atEOF bool
		want  rune
	}{
		{"comma", "phone,name\n1,a\n2,b\n", true, ','},
		{"semicolon", "phone;name\n1;a\n2;b\n", true, ';'},
		{"tab", "phone\tname\n1\ta\n2\tb\n", true, '\t'},
		{"pipe", "phone|name\n1|a\n2|b\n", true, '|'},
		{"quoted commas in a semicolon file", "phone;name\n1;\"Doe, John\"\n2;\"Roe, Jane\"\n", true, ';'},
		{"unquoted commas in a pipe file", "id|name|phone\n1|Doe, John|123\n2|Roe, Jane|456\n", true, '|'},
		{"decimal commas", "id;name;amount\n1;A;1,5\n2;B;2,5\n", true, ';'},
		{"quoted semicolons in a comma file", "phone,note\n1,\"a;b;c\"\n2,\"d;e\"\n", true, ','},
		{"quoted newline and delimiters", "phone,note\n1,\"x|y\n|z\"\n2,w\n", true, ','},
		{"escaped quotes", "phone;note\n1;\"say \"\"a,b\"\"\"\n2;c\n", true, ';'},
		{"single column", "phone\n1\n2\n", true, ','},
		{"tie goes to comma", "a,b;c\n1,2;3\n", true, ','},
		{"tie broken by more fields", "id;full name, title;phone\n1;Doe, J;123\n", true, ';'},
		{"header only", "phone;name\n", true, ';'},
		{"CRLF and blank lines", "phone|name\r\n\r\n1|a\r\n", true, '|'},
		{"cut last record ignored", "phone;name\n1;a\n2,x,y,z", false, ';'},
		{"nothing", "", true, ','},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sniffDelimiter([]byte(tt.data), tt.atEOF); got != tt.want {
				t.Errorf("sniffDelimiter = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestSpaceAfterDelimiter: the dialect with a space after every delimiter
// is sniffed when a quoted field follows such a space (which only trimming
// reads), and not otherwise.
func TestSpaceAfterDelimiter(t *testing.T) {
	tests := []struct {
		name  string
		data  string
		delim rune
		want  bool
	}{
		{"CPython's sample", "phone, name, note\n1, \"Lee, Bo\", x\n2, Ann, y\n", ',', true},
		{"semicolons", "phone; name\n1; \"Lee; Bo\"\n", ';', true},
		{"pipes, CRLF", "phone| name\r\n1| \"a|b\"\r\n", '|', true},
		{"several spaces", "phone,  name\n1,  \"Lee, Bo\"\n", ',', true},
		{"one delimiter in ten without its space", "a, b, c, d, e, f, g, h, i, j\n1, 2, 3, 4, 5, 6, 7, 8, 9,\"x\"\n2, 2, 3, 4, 5, 6, 7, 8, 9, \"y\"\n", ',', true},
		{"spaces but no quote after one", "phone, name\n1, Ann\n2, Bo\n", ',', false},
		{"no spaces", "phone,name\n1,\"Lee, Bo\"\n", ',', false},
		{"a space after some delimiters only", "phone,name,note\n1,Ann, \"x\"\n2,Bo,y\n", ',', false},
		{"spaces inside quotes do not count", "phone,note\n1,\"a, b, c, \"\"d\"\"\"\n", ',', false},
		{"one delimiter", "phone, \"name\"\n", ',', false},
		{"tab", "phone\t name\n1\t \"a\"\n", '\t', false},
		{"nothing", "", ',', false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := spaceAfterDelimiter([]byte(tt.data), tt.delim); got != tt.want {
				t.Errorf("spaceAfterDelimiter = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestReadSpaceAfterDelimiter: a file in that dialect is read with the
// spaces trimmed, its header too, and says so; a quoted field after its
// space is the field.
func TestReadSpaceAfterDelimiter(t *testing.T) {
	data := "phone, name, opted_out\n+12015550601, Ann Lee, no\n+12015550602, \"Lee, Bo\", yes\n"
	got := readBytes(t, "spaces.csv", []byte(data), Options{})
	checkRows(t, got, []string{"1@2 phone=+12015550601 opted_out=no name=Ann Lee", "2@3 phone=+12015550602 opted_out=yes name=Lee, Bo"})
	if !got.info.SpaceAfterDelimiter || strings.Join(got.info.Header, "|") != "phone|name|opted_out" {
		t.Errorf("SpaceAfterDelimiter %v, header %q", got.info.SpaceAfterDelimiter, got.info.Header)
	}
	// Without a quote after a space the cells are read as written.
	got = readBytes(t, "spaces.csv", []byte("phone, name\n+12015550601, Ann Lee\n"), Options{})
	checkRows(t, got, []string{"1@2 phone=+12015550601 name= Ann Lee"})
	if got.info.SpaceAfterDelimiter {
		t.Error("SpaceAfterDelimiter set for a file without a quote after a space")
	}
}

func TestReadCSV(t *testing.T) {
	tests := []struct {
		name string
		data string
		opts Options
		want []string
	}{
		{"BOM", "\xef\xbb\xbfphone,name\n1,a\n", Options{}, []string{"1@2 phone=1 name=a"}},
		{"CRLF", "phone,name\r\n1,a\r\n2,b\r\n", Options{}, []string{"1@2 phone=1 name=a", "2@3 phone=2 name=b"}},
		{"no final newline", "phone,name\n1,a\n2,b", Options{}, []string{"1@2 phone=1 name=a", "2@3 phone=2 name=b"}},
		{"Excel sep= line", "sep=;\nphone;name\n1;a,b\n", Options{}, []string{"1@3 phone=1 name=a,b"}},
		{"Excel sep= line, CRLF, upper case, a delimiter given", "SEP=;\r\nphone|name\r\n1|a\r\n", Options{Delimiter: '|'},
			[]string{"1@3 phone=1 name=a"}},
		{"Excel sep= line with a BOM and tabs", "\xef\xbb\xbfsep=\t\nphone\tname\n1\ta,b;c\n", Options{}, []string{"1@3 phone=1 name=a,b;c"}},
		{"a header that starts with sep=", "sep=x,phone\ny,1\n", Options{}, []string{"1@2 phone=1"}},
		{"bare CR line breaks (classic Mac)", "phone,name\r1,a\r2,\"b\rc\"\r\r3,d", Options{},
			[]string{"1@2 phone=1 name=a", "2@3 phone=2 name=b\nc", "3@6 phone=3 name=d"}},
		{"multi-line quoted field", "phone,name\n1,\"a\nb\nc\"\n2,d\n3,\"e\r\nf\"\n4,g\n", Options{},
			[]string{"1@2 phone=1 name=a\nb\nc", "2@5 phone=2 name=d", "3@6 phone=3 name=e\nf", "4@8 phone=4 name=g"}},
		{"blank lines are not records", "phone,name\n\n1,a\n\n\n2,b\n", Options{}, []string{"1@3 phone=1 name=a", "2@6 phone=2 name=b"}},
		{"quoted delimiters", "phone;name\n\"1;2\";\"a;b\"\n", Options{}, []string{"1@2 phone=1;2 name=a;b"}},
		{"header only", "phone,name\n", Options{}, nil},
		{"header only, no newline", "phone", Options{}, nil},
		{"tsv keeps commas", "phone\tname\n1\tDoe, J\n", Options{Format: "tsv"}, []string{"1@2 phone=1 name=Doe, J"}},
		{"unmapped columns ignored", "x,phone,y\n1,2,3\n", Options{}, []string{"1@2 phone=2"}},
		{"too many fields", "phone,name\n1,a,extra\n2,b\n", Options{},
			[]string{"1@2 phone=1 name=a !has 3 fields, header has 2", "2@3 phone=2 name=b"}},
		{"empty fields beyond the header", "phone,name\n1,a,\n2,b,,\n3,c\n", Options{},
			[]string{"1@2 phone=1 name=a", "2@3 phone=2 name=b", "3@4 phone=3 name=c"}},
		{"a value beyond the header after an empty field", "phone,name\n1,a,,x\n", Options{},
			[]string{"1@2 phone=1 name=a !has 4 fields, header has 2"}},
		{"too few fields", "phone,name,email\n1\n2,b,c\n", Options{},
			[]string{"1@2 phone=1 !has 1 field, header has 3", "2@3 phone=2 name=b email=c"}},
		{"invalid UTF-8", "phone,Name\n1,\xff\xfe\n2,b\n", Options{Encoding: "utf-8"},
			[]string{"1@2 phone=1 name=\xff\xfe !invalid UTF-8 in column \"Name\"", "2@3 phone=2 name=b"}},
		{"invalid UTF-8 in an extra column", "phone,Name\n1,a,\xff\n", Options{Encoding: "UTF8"},
			[]string{"1@2 phone=1 name=a !has 3 fields, header has 2; invalid UTF-8 in column 3"}},
		{"windows-1252 detected", "phone,Name\n1,Ren\xe9e \x80\n", Options{},
			[]string{"1@2 phone=1 name=Renée €"}},
		{"latin-1 given", "phone,Name\n1,Ren\xe9e\n", Options{Encoding: "latin1"},
			[]string{"1@2 phone=1 name=Renée"}},
		{"byte undefined in windows-1252", "phone,Name\n1,a\x81\n2,b\n", Options{Encoding: "cp1252"},
			[]string{"1@2 phone=1 name=a\uFFFD !bytes invalid in windows-1252 in column \"Name\"", "2@3 phone=2 name=b"}},
		{"google multi-value cell", "Name,Phone 1 - Value\nA,+254712345678 ::: +254722000001\nB,+254733000002\n", Options{},
			[]string{"1@2 phone=+254712345678 name=A", "2@2 phone=+254722000001 name=A", "3@3 phone=+254733000002 name=B"}},
		{"outlook phone columns", "Name,Business Phone,Mobile Phone,Business Fax\nA,+254201234567,+254712345678,+254209999999\nB,,,\n", Options{},
			[]string{"1@2 phone=+254712345678 name=A", "2@2 phone=+254201234567 name=A", "3@3 name=B"}},
		{"header repeated", "phone,name\n1,a\nphone,name\n\uFEFFphone,name\n2,b\nphone,x\n", Options{},
			[]string{"1@2 phone=1 name=a", "2@3 !repeats the header (two exports joined into one?)", "3@4 !repeats the header (two exports joined into one?)",
				"4@5 phone=2 name=b", "5@6 phone=phone name=x"}},
		{"bare CR in an LF file", "phone,name,x\n1,a,b\r2,c,d\n3,e,f\n", Options{},
			[]string{"1@2 phone=1 name=a !has 5 fields, header has 3 (column \"x\" holds a bare CR, a line break to Excel: two lines run together?)", "2@3 phone=3 name=e"}},
		{"bare quote", "phone,name\n1,a\"b\n2,c\n", Options{},
			[]string{"1@2 phone=1 !a \" in column \"name\", whose field is not in quotes (line 2, byte 4)", "2@3 phone=2 name=c"}},
		{"quote inside quoted field", "phone,name\n1,\"a\"b\"\n2,c\n", Options{},
			[]string{"1@2 phone=1 !a \" inside the quoted field of column \"name\" is not doubled, or text follows its closing quote (line 2, byte 5)", "2@3 phone=2 name=c"}},
		{"error on a later line of a record", "phone,name\n1,\"a\nb\"c\n2,d\n", Options{},
			[]string{"1@2 phone=1 !a \" inside the quoted field of column \"name\" is not doubled, or text follows its closing quote (line 3, byte 2)",
				"2@3 phone=b\"c !read as part of the record on line 2 (lines 2–3), inside a quoted field: its cells are read by position",
				"3@4 phone=2 name=d"}},
		{"unclosed quote swallows the rest", "phone,name\n1,a\n2,\"b\n3,c\n", Options{},
			[]string{"1@2 phone=1 name=a", "2@3 phone=2 !a quote opened on line 3 in column \"name\" is never closed: lines 3–4, to the end of the file, were read as this one record",
				"3@4 phone=3 name=c !read as part of the record on line 3 (lines 3–4), inside a quoted field: its cells are read by position"}},
		{"every bad record returned", "phone,name\n\"\n\"\"\"\nx\"\n1,\"a\"x\n2,b\n", Options{},
			[]string{"1@2 phone=\n\" !has 1 field, header has 2", "2@4 !a \" in column \"phone\", whose field is not in quotes (line 4, byte 2)",
				"3@5 phone=1 !a \" inside the quoted field of column \"name\" is not doubled, or text follows its closing quote (line 5, byte 5)", "4@6 phone=2 name=b"}},
		// A record with a quoting error keeps the fields of its first line
		// before the quote that broke it; each line it took after its
		// first is a malformed row of its own, read by position (as a
		// record of its own when it is one), so that its number counts.
		{"the lines a quote took, to a quote closed by a later line", "name,phone,note,opted_out\n\"Doe, J\",+254733444555,\"open\nAnn,+254722000111,x,yes\n\n\"Lee, Bo\",+254799888777,y,no\n9,+254700000009,z,no\n", Options{},
			[]string{"1@2 phone=+254733444555 name=Doe, J !a \" inside the quoted field of column \"note\" is not doubled, or text follows its closing quote (line 5, byte 1)",
				"2@3 phone=+254722000111 opted_out=yes name=Ann !read as part of the record on line 2 (lines 2–5), inside a quoted field: its cells are read by position",
				"3@5 phone=+254799888777 opted_out=no name=Lee, Bo !read as part of the record on line 2 (lines 2–5), inside a quoted field: its cells are read by position",
				"4@6 phone=+254700000009 opted_out=no name=9"}},
		{"the lines a quote took, TSV, CRLF", "phone\tname\r\n1\t\"a\r\n2\tb\r\n\r\n", Options{},
			[]string{"1@2 phone=1 !a quote opened on line 2 in column \"name\" is never closed: lines 2–4, to the end of the file, were read as this one record",
				"2@3 phone=2 name=b !read as part of the record on line 2 (lines 2–4), inside a quoted field: its cells are read by position"}},
		{"the lines a quote took, with a space after each delimiter", "phone, name\n1, \"Lee, Bo\"\n2, \"open\n3, Ann\n", Options{},
			[]string{"1@2 phone=1 name=Lee, Bo", "2@3 phone=2 !a quote opened on line 3 in column \"name\" is never closed: lines 3–4, to the end of the file, were read as this one record",
				"3@4 phone=3 name=Ann !read as part of the record on line 3 (lines 3–4), inside a quoted field: its cells are read by position"}},
		{"a line a quote took, split at its delimiters", "phone,name\n1,\"a\n2,b\"c,\"d\"\n", Options{},
			[]string{"1@2 phone=1 !a \" inside the quoted field of column \"name\" is not doubled, or text follows its closing quote (line 3, byte 4)",
				"2@3 phone=2 name=b\"c !read as part of the record on line 2 (lines 2–3), inside a quoted field: its cells are read by position"}},
		// The guard against formulas that listaudit writes (csvsafe.Cell)
		// is read back; a quote it never writes is the cell's text.
		{"formula guard read back", "phone,opted_out,consent_at,name\n'+254712345678,'\tno,\"'\r2026-06-01\",'=1+2\n" +
			"1,'-no,'@x,''=x\n2,'no,'2026-06-01,''no\n3,',x,''\n", Options{},
			[]string{"1@2 phone=+254712345678 consent_at=\r2026-06-01 opted_out=\tno name==1+2",
				"2@3 phone=1 consent_at=@x opted_out=-no name='=x",
				"3@4 phone=2 consent_at='2026-06-01 opted_out='no name='no",
				"4@5 phone=3 consent_at=x opted_out=' name='"}},
		{"formula guard read back in the header and a malformed row", "'@phone;'=name\n'-1;'+a;x\n", Options{},
			[]string{"1@2 phone=-1 name=+a !has 3 fields, header has 2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkRows(t, readBytes(t, "c.csv", []byte(tt.data), tt.opts), tt.want)
		})
	}
}

func TestDelimiterOverride(t *testing.T) {
	got := readBytes(t, "c.csv", []byte("phone;name,x\n1;a,b\n"), Options{Delimiter: ','})
	if got.err == nil || !strings.HasSuffix(got.err.Error(), "no phone column (headers: phone;name, x); map one with --map phone=HEADER") {
		t.Fatalf("error = %v", got.err)
	}
	got = readBytes(t, "c.csv", []byte("phone;name,x\n1;a,b\n"), Options{Delimiter: ';'})
	checkRows(t, got, []string{"1@2 phone=1"})
	if got.info.Delimiter != ';' {
		t.Errorf("Delimiter = %q", got.info.Delimiter)
	}
}

func TestCSVRecordTooLong(t *testing.T) {
	defer func(old int64) { maxRecordBytes = old }(maxRecordBytes)
	maxRecordBytes = 1 << 10
	// The limit counts from what is already buffered, so the unclosed
	// quote must run on well past the 256 KiB buffer.
	data := "phone,name\n1,a\n2,\"" + strings.Repeat("x\n", bufSize) + "\n"
	got := readBytes(t, "c.csv", []byte(data), Options{})
	if got.err == nil || !strings.HasSuffix(got.err.Error(), "c.csv: line 3: more than 0 MiB read from there without the record ending (a quote opened there or after it and never closed, or a run of blank lines that long?)") {
		t.Fatalf("error = %v", got.err)
	}
}

// A record past the limit is an error however far one read could reach:
// once the buffer has grown, a single read asked for as much as the limit
// again, and a 100 MiB cell passed the 64 MiB one (QA csvread F1).
func TestCSVRecordTooLongInOneRead(t *testing.T) {
	defer func(old int64) { maxRecordBytes = old }(maxRecordBytes)
	maxRecordBytes = 4 << 20
	for _, cell := range []string{strings.Repeat("x", 6<<20), `"` + strings.Repeat("x", 6<<20) + `"`} {
		data := "phone,name\n1,a\n2," + cell + "\n3,b\n"
		got := readBytes(t, "c.csv", []byte(data), Options{})
		if want := "c.csv: line 3: more than 4 MiB read from there without the record ending (a quote opened there or after it and never closed, or a run of blank lines that long?)"; got.err == nil || !strings.HasSuffix(got.err.Error(), want) {
			t.Errorf("%d-byte cell: error = %v, want %s", len(cell), got.err, want)
		}
	}
}

// TestCSVBlankRunTooLong: a run of blank lines over the limit is named by
// the line it starts on, from which that much was read, not by its end.
func TestCSVBlankRunTooLong(t *testing.T) {
	defer func(old int64) { maxRecordBytes = old }(maxRecordBytes)
	maxRecordBytes = 1 << 10
	data := "phone,name\n1,a\n" + strings.Repeat("\n", 2*bufSize) + "2,b\n"
	got := readBytes(t, "c.csv", []byte(data), Options{})
	if want := "c.csv: line 3: more than 0 MiB read from there without the record ending (a quote opened there or after it and never closed, or a run of blank lines that long?)"; got.err == nil || !strings.HasSuffix(got.err.Error(), want) {
		t.Fatalf("error = %v, want %s", got.err, want)
	}
}

// A header line over the limit with no line break is an error naming line
// 1, without being cut into its millions of fields first.
func TestCSVHeaderTooLong(t *testing.T) {
	defer func(old int64) { maxRecordBytes = old }(maxRecordBytes)
	maxRecordBytes = 1 << 10
	data := "phone," + strings.Repeat("c,", bufSize)
	got := readBytes(t, "c.csv", []byte(data), Options{})
	if want := "c.csv: line 1: more than 0 MiB read from there without the record ending (a quote opened there or after it and never closed, or a run of blank lines that long?)"; got.err == nil || !strings.HasSuffix(got.err.Error(), want) {
		t.Fatalf("error = %v, want %s", got.err, want)
	}
}

func TestLongCSVRecord(t *testing.T) {
	long := strings.Repeat("n", 3*bufSize)
	got := readBytes(t, "c.csv", []byte("phone,name\n1,"+long+"\n2,b\n"), Options{})
	checkRows(t, got, []string{"1@2 phone=1 name=" + long, "2@3 phone=2 name=b"})
}

func BenchmarkReadCSV(b *testing.B) {
	const rows = 100_000
	benchmarkRead(b, csvList(rows, "Contact"), "csv", rows)
}

// BenchmarkReadCSVAccents reads a UTF-8 list whose every name is
// accented: each record takes the check for invalid UTF-8 that ASCII
// records skip.
func BenchmarkReadCSVAccents(b *testing.B) {
	const rows = 100_000
	benchmarkRead(b, csvList(rows, "Jürgen Müller"), "csv", rows)
}

// csvList is a CSV list of rows well-formed records, each named name and
// its number.
func csvList(rows int, name string) []byte {
	var buf bytes.Buffer
	buf.WriteString("id,phone,name,email,consent_source,consent_at,opted_out,last_contacted_at\n")
	for i := range rows {
		fmt.Fprintf(&buf, "%d,+2547%08d,%s %d,c%d@example.com,web form,2024-01-%02d,false,2024-06-01T10:00:00Z\n",
			i, i, name, i, i, i%28+1)
	}
	return buf.Bytes()
}

// BenchmarkReadCSVTwoOptOutColumns reads a file whose opt-outs are in
// two columns, the other one's values varying as lists write them.
func BenchmarkReadCSVTwoOptOutColumns(b *testing.B) {
	const rows = 100_000
	others := []string{"", "no", "No", "yes", "STOP", "Unsubscribed"}
	var buf bytes.Buffer
	buf.WriteString("id,phone,name,email,consent_source,consent_at,opted_out,last_contacted_at,unsubscribed\n")
	for i := range rows {
		fmt.Fprintf(&buf, "%d,+2547%08d,Contact %d,c%d@example.com,web form,2024-01-%02d,false,2024-06-01T10:00:00Z,%s\n",
			i, i, i, i, i%28+1, others[i%len(others)])
	}
	benchmarkRead(b, buf.Bytes(), "csv", rows)
}

// benchmarkRead reads data, rows well-formed records in format, as
// standard input, and reports rows/s.
func benchmarkRead(b *testing.B, data []byte, format string, rows int) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	total := 0
	for b.Loop() {
		r, err := Open(Source{Path: "-", Stdin: bytes.NewReader(data)}, Options{Format: format})
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		var rec domain.Record
		for r.Next(&rec) == nil {
			if rec.Malformed != "" {
				b.Fatalf("record %d: %s", n+1, rec.Malformed)
			}
			n++
		}
		if n != rows {
			b.Fatalf("read %d rows, want %d", n, rows)
		}
		total += n
	}
	b.ReportMetric(float64(total)/b.Elapsed().Seconds(), "rows/s")
}

// TestCSVTextCheckedWhereNotASCII reads bad and good non-ASCII text
// spread over a file of plain ASCII, whose records need no check: bad
// bytes are still found wherever they fall in the reads, and good text
// passes.
func TestCSVTextCheckedWhereNotASCII(t *testing.T) {
	var data strings.Builder
	var want []string
	data.WriteString("phone,Name\n")
	for i := 1; data.Len() < 3*bufSize; i++ {
		name, problem := "plain", ""
		switch {
		case i%997 == 0:
			name, problem = "bad\xff", ` !invalid UTF-8 in column "Name"`
		case i%1009 == 0:
			name = "Jos\u00e9"
		}
		fmt.Fprintf(&data, "%d,%s\n", i, name)
		want = append(want, fmt.Sprintf("%d@%d phone=%d name=%s%s", i, i+1, i, name, problem))
	}
	checkRows(t, readBytes(t, "c.csv", []byte(data.String()), Options{Encoding: "utf-8"}), want)
}

func TestASCIISpans(t *testing.T) {
	reads := []string{"abc", "d\xe9f", "ghi", "jk\x80", "\x81", "lmnopqrs"}
	a := &asciiSpans{r: &chunkReader{chunks: reads}}
	buf := make([]byte, 16)
	for range reads {
		if _, err := a.Read(buf); err != nil {
			t.Fatal(err)
		}
	}
	// Offsets: abc 0-3, d\xe9f 3-6, ghi 6-9, jk\x80 9-12, \x81 12-13, rest 13-21.
	tests := []struct {
		from, to int64
		want     bool
	}{
		{0, 3, true},
		{2, 4, false},
		{3, 6, false},
		{6, 9, true},
		{8, 10, false},
		{12, 13, false},
		{13, 21, true},
	}
	for _, tc := range tests {
		if got := a.all(tc.from, tc.to); got != tc.want {
			t.Errorf("all(%d, %d) = %v, want %v", tc.from, tc.to, got, tc.want)
		}
	}
	if len(a.other) != 0 {
		t.Errorf("spans kept after the last one was passed: %v", a.other)
	}
}

// chunkReader returns its chunks one per Read.
type chunkReader struct{ chunks []string }

func (c *chunkReader) Read(p []byte) (int, error) {
	if len(c.chunks) == 0 {
		return 0, io.EOF
	}
	n := copy(p, c.chunks[0])
	c.chunks = c.chunks[1:]
	return n, nil
}

func TestCRLineBreaks(t *testing.T) {
	tests := []struct {
		head  string
		atEOF bool
		want  bool
	}{
		{"phone\r1\r", true, true},
		{"phone\r1", false, true},
		{"phone\r\n1\r\n", true, false},
		{"phone\n1\r2", true, false}, // any LF: not a CR file
		{"phone", true, false},
		{"a long first line\r", false, false}, // the LF of a CRLF may follow
		{"a short file\r", true, true},
	}
	for _, tc := range tests {
		if got := crLineBreaks([]byte(tc.head), tc.atEOF); got != tc.want {
			t.Errorf("crLineBreaks(%q, %v) = %v, want %v", tc.head, tc.atEOF, got, tc.want)
		}
	}
	got := readBytes(t, "mac.csv", []byte("phone\r+254712345678\r"), Options{})
	if got.info.LineBreaks != "CR" || len(got.rows) != 1 {
		t.Errorf("LineBreaks %q, rows %q", got.info.LineBreaks, got.rows)
	}
	got = readBytes(t, "pc.csv", []byte("phone\r\n+254712345678\r\n"), Options{})
	if got.info.LineBreaks != "" || len(got.rows) != 1 {
		t.Errorf("LineBreaks %q, rows %q", got.info.LineBreaks, got.rows)
	}
}

func TestSepLine(t *testing.T) {
	got := readBytes(t, "excel.csv", []byte("sep=;\r\nphone;name\r\n+254712345678;a,b\r\n"), Options{})
	if !got.info.SepLine || got.info.Delimiter != ';' || len(got.rows) != 1 || got.info.Header[0] != "phone" {
		t.Errorf("SepLine %v, delimiter %q, header %q, rows %q", got.info.SepLine, got.info.Delimiter, got.info.Header, got.rows)
	}
	if sep, ok := textfile.SepDirective([]byte("sep=;x")); ok {
		t.Errorf("sep=;x read as a sep= line naming %q", sep)
	}
	if sep, ok := textfile.SepDirective([]byte("sep=|")); !ok || sep != '|' {
		t.Errorf("sep=| at the end of the file: %q, %v", sep, ok)
	}
}

// CR CR LF line ends read as CRLF, whatever the blocks the text comes in;
// other CRs stay.
func TestCRCRLFToCRLF(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"a,b\r\r\n1,2\r\r\n", "a,b\r\n1,2\r\n"},
		{"a\r\r\r\n", "a\r\r\n"},
		{"a\rb\r\r\nc\r", "a\rb\r\nc\r"},
		{"\r\r", "\r\r"},
		{"x\r\r\ny", "x\r\ny"},
	} {
		for _, src := range []io.Reader{strings.NewReader(tt.in), iotest.OneByteReader(strings.NewReader(tt.in)), iotest.HalfReader(strings.NewReader(tt.in))} {
			got, err := io.ReadAll(&crcrlfToCRLF{r: src})
			if err != nil || string(got) != tt.want {
				t.Errorf("%q: got %q, %v, want %q", tt.in, got, err, tt.want)
			}
		}
	}
	checkRows(t, readBytes(t, "c.csv", []byte("phone,name\r\r\n1,a\r\r\n2,b\r\r\n"), Options{}), []string{"1@2 phone=1 name=a", "2@3 phone=2 name=b"})
	if got := readBytes(t, "c.csv", []byte("phone,name\r\r\n1,a\r\r\n"), Options{}); got.info.LineBreaks != "CR CR LF" {
		t.Errorf("LineBreaks = %q", got.info.LineBreaks)
	}
}
