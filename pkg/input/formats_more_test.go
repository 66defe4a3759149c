package input

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/unicode"

	"github.com/listaudit/listaudit/pkg/domain"
)

var updateFixtures = flag.Bool("update-fixtures", false, "regenerate the binary fixtures under testdata/")

// xlsxRow is one row of a generated workbook: excelize values, with
// time.Time written as a date serial with a date format.
type xlsxRow []any

// writeXLSX builds a workbook with excelize's StreamWriter: sheets in
// order, each a list of rows.
func writeXLSX(t testing.TB, path string, sheets map[string][]xlsxRow, order ...string) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14}) // m/d/yyyy
	if err != nil {
		t.Fatal(err)
	}
	for i, name := range order {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		sw, err := f.NewStreamWriter(name)
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range sheets[name] {
			vals := make([]any, len(row))
			for j, v := range row {
				if tm, ok := v.(time.Time); ok {
					serial, _ := excelSerial(tm)
					v = excelize.Cell{StyleID: dateStyle, Value: serial}
				}
				vals[j] = v
			}
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := sw.SetRow(cell, vals); err != nil {
				t.Fatal(err)
			}
		}
		if err := sw.Flush(); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// excelSerial is t as an Excel 1900 date serial.
func excelSerial(t time.Time) (float64, bool) {
	epoch := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	return t.Sub(epoch).Hours() / 24, true
}

// contactsSheet is the workbook the XLSX tests and testdata/contacts.xlsx
// hold: a phone stored as text, phones stored as numbers (exact, more
// digits than Excel keeps, a lost trunk 0), dates as serials, a boolean, a
// blank row.
func contactsSheet() []xlsxRow {
	d := func(y, m, day int) time.Time { return time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC) }
	return []xlsxRow{
		{"phone", "name", "consent_source", "consent_at", "opted_out", "country"},
		{"+254712345678", "Amina", "web_form", d(2025, 6, 1), false, "KE"},
		{254722000001, "Brian", "web_form", d(2025, 7, 15), false, "KE"},
		{254733123456789012.0, "Chao", "sms_keyword", d(2025, 8, 1), false, "KE"},
		{},
		{712345679, "Dana", "paper_form", time.Date(2025, 9, 1, 14, 30, 0, 0, time.UTC), true, "KE"},
		{"2.54712E+11", "Eve", "web_form", "2025-10-01", false, "KE"},
	}
}

func TestReadXLSX(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "c.xlsx")
	writeXLSX(t, p, map[string][]xlsxRow{"Contacts": contactsSheet(), "Notes": {{"x"}}}, "Contacts", "Notes")
	res := read(t, Source{Path: p}, Options{})
	checkRows(t, res, []string{
		"1@2 phone=+254712345678 consent_source=web_form consent_at=2025-06-01 opted_out=false country=KE name=Amina",
		"2@3 phone=254722000001 consent_source=web_form consent_at=2025-07-15 opted_out=false country=KE name=Brian",
		"3@4 phone=2.54733123456789E+17 consent_source=sms_keyword consent_at=2025-08-01 opted_out=false country=KE name=Chao",
		"4@6 phone=712345679 consent_source=paper_form consent_at=2025-09-01 14:30:00 opted_out=true country=KE name=Dana",
		"5@7 phone=2.54712E+11 consent_source=web_form consent_at=2025-10-01 opted_out=false country=KE name=Eve",
	})
	data, _ := os.ReadFile(p)
	if res.info.Format != FormatXLSX || res.info.Sheet != "Contacts" || res.info.SHA256 != sha(data) || res.info.Encoding != "" {
		t.Errorf("info = %+v", res.info)
	}

	// Which phone cells were stored as numbers.
	r, err := Open(Source{Path: p}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var numeric []bool
	var rec domain.Record
	for r.Next(&rec) == nil {
		numeric = append(numeric, rec.PhoneIsNumber)
	}
	if fmt.Sprint(numeric) != "[false true true true false]" {
		t.Errorf("PhoneIsNumber = %v", numeric)
	}

	// --sheet.
	res = read(t, Source{Path: p}, Options{Sheet: "Notes"})
	if res.err == nil || !strings.Contains(res.err.Error(), "no phone column") {
		t.Errorf("sheet Notes: %v", res.err)
	}
	res = read(t, Source{Path: p}, Options{Sheet: "Missing"})
	if res.err == nil || res.err.Error() != p+`: no sheet "Missing" (sheets: "Contacts", "Notes")` {
		t.Errorf("unknown sheet: %v", res.err)
	}
	// Detected by content whatever the name; refused from stdin.
	q := filepath.Join(dir, "export.bin")
	os.WriteFile(q, data, 0o644)
	if res = read(t, Source{Path: q}, Options{}); res.err != nil || len(res.rows) != 5 {
		t.Errorf("xlsx by content: %v %d", res.err, len(res.rows))
	}
	res = read(t, Source{Path: "-", Stdin: bytes.NewReader(data)}, Options{Format: "xlsx"})
	if res.err == nil || !strings.Contains(res.err.Error(), "cannot be read from standard input") {
		t.Errorf("stdin: %v", res.err)
	}
}

func TestReadXLSXRaw(t *testing.T) {
	p := filepath.Join(t.TempDir(), "c.xlsx")
	writeXLSX(t, p, map[string][]xlsxRow{"S": {{"Name", "Phone 1 - Value", "Mobile Phone"}, {"A", "+254712345678 ::: +254722000001", 254733000002}}}, "S")
	r, err := OpenRaw(Source{Path: p}, Options{AllKeys: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var got []string
	var rec RawRecord
	for r.Next(&rec) == nil {
		got = append(got, fmt.Sprintf("%d %s %q %s cell %d", rec.Loc.Row, rec.Columns[domain.FieldPhone], rec.Cells, rec.Values[domain.FieldPhone], rec.PhoneCell))
	}
	// Each number stays in the cell it came from, alone: Mobile Phone is
	// the phone column (PhoneCell 0), Phone 1 - Value is cell 1.
	want := []string{
		`1 Mobile Phone ["A" "" "254733000002"] 254733000002 cell 0`,
		`2 Phone 1 - Value [1] ["A" "+254712345678" ""] +254712345678 cell 2`,
		`3 Phone 1 - Value [2] ["A" "+254722000001" ""] +254722000001 cell 2`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("raw records:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if k := r.Info().Keys; fmt.Sprint(k) != "[Name Phone 1 - Value Mobile Phone]" {
		t.Errorf("keys = %q", k)
	}
}

func TestDateFormats(t *testing.T) {
	for code, want := range map[string]bool{
		"yyyy-mm-dd": true, "d/m/yy h:mm": true, `[$-409]mmm d, yyyy`: true, "[h]:mm:ss": true,
		"0": false, "0.00E+00": false, "General": false, `"Tel: "0`: false, "#,##0.00;[Red]-#,##0.00": false, `0\d`: false,
	} {
		if got := isDateFormat(code); got != want {
			t.Errorf("isDateFormat(%q) = %v", code, got)
		}
	}
	if numberText(254712345678) != "254712345678" || numberText(2.54712345678e11) != "254712345678" || numberText(12.5) != "12.5" {
		t.Error("numberText damages exact numbers")
	}
}

const sampleVCard = "BEGIN:VCARD\r\n" +
	"VERSION:3.0\r\n" +
	"FN:Amina \r\n Otieno\r\n" +
	"TEL;TYPE=CELL:+254 712 345678\r\n" +
	"item1.TEL;type=HOME:0722000001\r\n" +
	"item1.X-ABLabel:home\r\n" +
	"EMAIL;TYPE=INTERNET:amina@example.com\r\n" +
	"END:VCARD\r\n" +
	"BEGIN:VCARD\n" +
	"VERSION:4.0\n" +
	"N:Kamau;Brian;;;\n" +
	"TEL;VALUE=uri;TYPE=\"cell,voice\":tel:+254-733-000002;ext=5\n" +
	"NOTE:a\\, b\\nc\n" +
	"END:VCARD\n" +
	"BEGIN:VCARD\n" +
	"VERSION:2.1\n" +
	"FN;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Ren=C3=A9e =\n" +
	"Dubois\n" +
	"END:VCARD\n" +
	"BEGIN:VCARD\n" +
	"FN:Broken\n" +
	"TEL:+254711000003\n"

func TestReadVCard(t *testing.T) {
	res := readBytes(t, "c.vcf", []byte(sampleVCard), Options{})
	checkRows(t, res, []string{
		"1@1 phone=+254 712 345678 name=Amina Otieno email=amina@example.com",
		"2@1 phone=0722000001 name=Amina Otieno email=amina@example.com",
		"3@10 phone=+254-733-000002 name=Brian Kamau",
		"4@16 name=Renée Dubois",
		"5@21 phone=+254711000003 name=Broken !the card is not closed by END:VCARD",
	})
	if res.info.Format != FormatVCard || fmt.Sprint(res.info.Header) != "[FN TEL EMAIL]" {
		t.Errorf("info = %+v", res.info)
	}

	// Each number names its TEL.
	labels := vcardLabels(t, sampleVCard)
	if want := `[TEL[1];TYPE=CELL TEL[2];TYPE=HOME TEL;VALUE=URI;TYPE="CELL,VOICE" TEL TEL]`; fmt.Sprint(labels) != want {
		t.Errorf("labels = %v, want %s", labels, want)
	}
	// Detected by content.
	if res := readBytes(t, "contacts.txt", []byte("\n"+sampleVCard), Options{}); res.info.Format != FormatVCard {
		t.Errorf("format = %q", res.info.Format)
	}
}

func TestEncodings(t *testing.T) {
	text := "phone\tname\n+254712345678\tRenée €\n"
	utf16 := func(e unicode.Endianness) []byte {
		b, err := unicode.UTF16(e, unicode.UseBOM).NewEncoder().Bytes([]byte(text))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	cp1252 := []byte("phone\tname\n+254712345678\tRen\xe9e \x80\n")
	for _, tt := range []struct {
		name, enc string
		data      []byte
		opts      Options
		warn      bool
	}{
		{"utf-8", "utf-8", []byte(text), Options{}, false},
		{"utf-8 bom", "utf-8 (BOM)", append([]byte("\xef\xbb\xbf"), text...), Options{}, false},
		{"utf-16le bom", "utf-16le", utf16(unicode.LittleEndian), Options{}, false},
		{"utf-16be bom", "utf-16be", utf16(unicode.BigEndian), Options{}, false},
		{"windows-1252 detected", "windows-1252", cp1252, Options{}, true},
		{"windows-1252 given", "windows-1252", cp1252, Options{Encoding: "windows-1252"}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := readBytes(t, "c.tsv", tt.data, tt.opts)
			checkRows(t, res, []string{"1@2 phone=+254712345678 name=Renée €"})
			if res.info.Encoding != tt.enc {
				t.Errorf("Encoding = %q, want %q", res.info.Encoding, tt.enc)
			}
			if res.info.SHA256 != sha(tt.data) {
				t.Error("hash is not of the file's bytes")
			}
			if warned := len(res.warns) == 1 && strings.Contains(res.warns[0], "reading it as windows-1252"); warned != tt.warn {
				t.Errorf("warnings = %q", res.warns)
			}
		})
	}
	res := readBytes(t, "c.csv", []byte("phone\n1\n"), Options{Encoding: "ebcdic"})
	if res.err == nil || !strings.Contains(res.err.Error(), `unknown encoding "ebcdic"`) {
		t.Errorf("bad --encoding: %v", res.err)
	}
}

func TestDetectEncoding(t *testing.T) {
	for _, tt := range []struct {
		head  string
		atEOF bool
		enc   string
		bom   int
	}{
		{"abc", true, "utf-8", 0},
		{"ab\xc3", false, "utf-8", 0}, // a sequence cut by the window
		{"ab\xc3", true, "windows-1252", 0},
		{"\xff\xfea\x00", true, "utf-16le", 2},
		{"\xfe\xff\x00a", true, "utf-16be", 2},
		{"a\x00b\x00\xe9", true, "utf-8", 0}, // NUL: not a code page text
		{"\x81\xe9", true, "utf-8", 0},       // undefined in windows-1252
	} {
		enc, bom, _ := DetectEncoding([]byte(tt.head), tt.atEOF)
		if enc != tt.enc || bom != tt.bom {
			t.Errorf("DetectEncoding(%q) = %s, %d; want %s, %d", tt.head, enc, bom, tt.enc, tt.bom)
		}
	}
}

// The binary fixtures the testscripts read; they are generated here, with
// go test ./pkg/input -run TestBinaryFixtures -update-fixtures, and
// checked on every run.
var binaryFixtures = map[string]func(t testing.TB, path string){
	// A workbook: see contactsSheet.
	"contacts.xlsx": func(t testing.TB, p string) {
		writeXLSX(t, p, map[string][]xlsxRow{"Contacts": contactsSheet()}, "Contacts")
	},
	// A workbook with cells no spreadsheet program writes: a value beyond
	// the header, a shared string that does not exist, an invalid cell
	// reference; and formatted empty cells beyond the header, which are
	// fine.
	"malformed.xlsx": func(t testing.TB, p string) {
		writeSheetXML(t, p, `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>`+
			`<row r="2">`+inline("A2", "+254712345678")+inline("B2", "web_form")+inline("C2", "2025-06-01")+`<c r="D2" s="1"/><c r="E2" s="1"/></row>`+
			`<row r="3">`+inline("A3", "+254722000001")+inline("B3", "web_form")+inline("C3", "2025-06-01")+inline("E3", "EXTRA DATA")+`</row>`+
			`<row r="4">`+inline("A4", "+254733000002")+`<c r="B4" t="s"><v>5</v></c>`+inline("C4", "2025-06-01")+`</row>`+
			`<row r="5">`+inline("A5", "+254744000003")+inline("B5", "web_form")+`<c r="ZZZZZZZ5" t="inlineStr"><is><t>2025-06-01</t></is></c></row>`,
			[]string{"phone", "consent_source", "consent_at"})
	},
	// Excel's "Unicode Text": UTF-16LE with a BOM, tab-separated.
	"contacts-utf16.txt": func(t testing.TB, p string) {
		b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(
			"phone\tname\tconsent_source\tconsent_at\r\n+254712345678\tRenée\tweb_form\t2025-06-01\r\n+254722000001\tZoë\tweb_form\t2025-07-01\r\n"))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Dir(p), filepath.Base(p), b)
	},
	// Excel's "CSV" on Western Windows: Windows-1252, ";", a damaged number.
	"contacts-cp1252.csv": func(t testing.TB, p string) {
		writeFile(t, filepath.Dir(p), filepath.Base(p), []byte(
			"phone;name;consent_source;consent_at\r\n+254712345678;Ren\xe9e;web_form;2025-06-01\r\n2,54722E+11;Fran\xe7ois;web_form;2025-07-01\r\n254733000002.0;Jos\xe9;web_form;2025-07-01\r\n"))
	},
}

func TestBinaryFixtures(t *testing.T) {
	for name, gen := range binaryFixtures {
		p := filepath.Join("..", "..", "testdata", name)
		if *updateFixtures {
			gen(t, p)
			os.Chmod(p, 0o644)
		}
		if res := read(t, Source{Path: p}, Options{}); res.err != nil || len(res.rows) < 2 {
			t.Errorf("%s: %v, %d rows", name, res.err, len(res.rows))
		}
	}
}

func FuzzReadVCard(f *testing.F) {
	f.Add([]byte(sampleVCard))
	f.Add([]byte("BEGIN:VCARD\nTEL:1\n TEL:2\nEND:VCARD\nBEGIN:VCARD\nFN;ENCODING=QUOTED-PRINTABLE:=\n=C3\n"))
	f.Add([]byte("BEGIN:VCARD\nTEL;TYPE=\"a:b\":+1\nEND:VCARD"))
	f.Add([]byte("BEGIN:VCARD\nN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller\nTEL;TYPE=\"fax,work\":+1\nORG:\xff\nFN;CHARSET=x-y:\xe9\nEND:VCARD\n"))
	f.Add([]byte("BEGIN:VCARD\nFN:A\nEND:VCARD\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, data, "vcard") })
}

func FuzzDetectEncoding(f *testing.F) {
	for _, s := range []string{"phone\n1\n", "\xff\xfep\x00\n\x00", "\xfe\xff\x00p", "ph\xe9\n", "\xef\xbb\xbfphone\n", "\x81",
		"phone,name\n1,J\xc3\xbcrgen\n2,Jos\xe9\n3,a\x81\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		enc, bom, _ := DetectEncoding(data, true)
		if canonical, err := ParseEncoding(enc); bom > len(data) || err != nil || canonical != enc {
			t.Fatalf("DetectEncoding = %q, %d", enc, bom)
		}
		// Whatever the bytes, a CSV read of them either fails cleanly or
		// yields UTF-8 only: never mojibake bytes in a record.
		r, err := Open(Source{Path: "-", Stdin: bytes.NewReader(data)}, Options{Format: "csv"})
		if err != nil {
			return
		}
		defer r.Close()
		var rec domain.Record
		for {
			if err := r.Next(&rec); err != nil {
				if err != io.EOF && !strings.HasPrefix(err.Error(), "-: ") && !strings.HasPrefix(err.Error(), "read -: ") {
					t.Fatalf("error does not name the input: %v", err)
				}
				return
			}
			if rec.Malformed != "" {
				continue
			}
			for _, v := range rec.Values {
				if r.badText(v) {
					t.Fatalf("record %d holds invalid text %q", rec.Loc.Row, v)
				}
			}
		}
	})
}

// BenchmarkReadXLSX reads a 100,000-row workbook and reports rows/s and
// the peak heap in use while reading.
func BenchmarkReadXLSX(b *testing.B) {
	const rows = 100_000
	p := filepath.Join(b.TempDir(), "big.xlsx")
	sheet := []xlsxRow{{"phone", "name", "consent_source", "consent_at", "country"}}
	day := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	for i := range rows {
		sheet = append(sheet, xlsxRow{254700000000 + i, fmt.Sprintf("Contact %d", i), "web_form", day, "KE"})
	}
	writeXLSX(b, p, map[string][]xlsxRow{"S": sheet}, "S")
	sheet = nil
	fi, _ := os.Stat(p)
	b.ResetTimer()
	var peak uint64
	for b.Loop() {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		base := ms.HeapInuse
		r, err := Open(Source{Path: p}, Options{})
		if err != nil {
			b.Fatal(err)
		}
		var rec domain.Record
		n := 0
		for r.Next(&rec) == nil {
			n++
			if n%10_000 == 0 {
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse-min(base, ms.HeapInuse))
			}
		}
		r.Close()
		if n != rows {
			b.Fatalf("read %d rows", n)
		}
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
	b.ReportMetric(float64(fi.Size())/(1<<20), "file-MiB")
}

// TestGoogleFaxLabels: a Google Contacts number labelled as a fax or a
// pager is not read, as a vCard's fax TEL is not; a contact whose only
// number is one has no number.
func TestGoogleFaxLabels(t *testing.T) {
	data := "Name,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value\n" +
		"Ann,Work Fax,+33 1 99 00 12 34,Mobile,+33 6 12 34 56 78\n" +
		"Bob,* Pager,+1 202 555 0101,,\n"
	r, err := Open(Source{Path: "-", Stdin: strings.NewReader(data)}, Options{Format: FormatCSV})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	var rec domain.Record
	for r.Next(&rec) == nil {
		got = append(got, rec.Values[domain.FieldName]+"="+rec.Values[domain.FieldPhone])
	}
	if want := []string{"Ann=+33 6 12 34 56 78", "Bob="}; !slices.Equal(got, want) {
		t.Errorf("records %q, want %q", got, want)
	}
	if want := []string{"Phone 1 - Value (Work Fax)", "Phone 1 - Value (* Pager)"}; !slices.Equal(r.Info().Skipped, want) {
		t.Errorf("skipped %q, want %q", r.Info().Skipped, want)
	}
}

// A workbook of many sheets gets the first ten named in its errors and
// warnings, then how many more: not one line of thousands of names.
func TestManySheetsListed(t *testing.T) {
	sheets := map[string][]xlsxRow{}
	var order []string
	for i := range 13 {
		name := fmt.Sprintf("S%d", i)
		order = append(order, name)
		sheets[name] = []xlsxRow{{"phone"}, {"+254712345678"}}
	}
	p := filepath.Join(t.TempDir(), "many.xlsx")
	writeXLSX(t, p, sheets, order...)
	res := read(t, Source{Path: p}, Options{Sheet: "Nope"})
	if want := p + `: no sheet "Nope" (sheets: "S0", "S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9", … 3 more)`; res.err == nil || res.err.Error() != want {
		t.Errorf("unknown sheet: %v, want %s", res.err, want)
	}
	res = read(t, Source{Path: p}, Options{})
	want := p + `: only its first sheet, "S0", is read; sheets "S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9", "S10" and 2 more also hold rows (read one with --sheet NAME)`
	if res.err != nil || !slices.Contains(res.warns, want) {
		t.Errorf("warnings %q, want %s", res.warns, want)
	}
}

// TestReadXLSXGeneralDateSerials: a number in a date column is a date
// serial when it lies where those of 1950 to 2099 do, whatever the cell's
// format (a tester's finding: a General 45678 was read as a Unix time of
// 1970). Other numbers there, and numbers in other columns, stay digits.
func TestReadXLSXGeneralDateSerials(t *testing.T) {
	p := filepath.Join(t.TempDir(), "c.xlsx")
	writeXLSX(t, p, map[string][]xlsxRow{"S": {
		{"phone", "consent_at", "opted_out_at", "last_active_at", "messages_sent"},
		{"+254712345678", 45678, 45700.5, 1736899200, 45678},
		{"+254712345679", 18263, 73051, 18264, 3},
		{"+254712345670", "45678", 73050, "", 0},
	}}, "S")
	res := read(t, Source{Path: p}, Options{})
	checkRows(t, res, []string{
		"1@2 phone=+254712345678 consent_at=2025-01-21 opted_out_at=2025-02-12 12:00:00 last_active_at=1736899200 messages_sent=45678",
		"2@3 phone=+254712345679 consent_at=18263 opted_out_at=73051 last_active_at=1950-01-01 messages_sent=3",
		"3@4 phone=+254712345670 consent_at=45678 opted_out_at=2099-12-31 messages_sent=0",
	})
}
