package input

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

var rowSeeds = []string{
	`<row r="2" spans="1:5"><c r="A2" t="s"><v>3</v></c><c r="B2" s="1"><v>254712345678</v></c><c r="C2" t="inlineStr"><is><t xml:space="preserve">a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;</t></is></c><c r="D2"/></row>`,
	`<row r="3"><c r="A3" t="inlineStr"><is><r><rPr><b/></rPr><t>漢</t></r><rPh sb="0" eb="1"><t>カン</t></rPh><r><t>字</t></r></is></c></row>`,
	`<row r="4"><c r="A4"><f>A1+1</f><v>2</v></c><c><v>7</v></c><c r="Z4" t="str"><v>x</v></c></row>`,
	`<row r="5"/>`, `<row r='6' ><c r='A6' t='n' ><v > 1.5E+11 </v ></c ></row >`,
	"<row r=\"7\">\n  <c r=\"A7\" t=\"s\">\n    <v>0</v>\n  </c>\n</row>",
	`<row r="8"><c r="A8"><v>&#39;1</v></c></row>`, "<row r=\"9\"><c r=\"A9\"><v>a\r\nb</v></c></row>",
	`<row r="10"><x:c r="A10"><v>1</v></x:c></row>`, `<row r="11"><c x:r="C11"><v>1</v></c></row>`,
	`<row r="12"><c r="A12"><v>1</v></x></row>`, `<row r="13"><!-- note --><c r="A13"><v>1</v></c></row>`,
	`<row r="14"><c r="A14"><v><![CDATA[<1>]]></v></c></row>`, "<row r=\"15\"><c r=\"A15\"><v>\x01</v></c></row>",
	`<row r="16"><c r="A16" r="B16"><v>1</v></c><c r="bad"><v>2</v></c></row>`, `<row r="17"><extLst/><c><v>1</v></c></row>`,
	`<row r="18"><c r="A18"><v>1</v></c>`, `<row r="19"><c r="A19"><v>1</v></c></row>x`, `<row r="20"><c r="A20"><v>]]&gt;</v></c></row>`,
	// Invalid references: both readers keep the last r, and its text.
	`<row r="21"><c r="ZZZZZZZ21" t="s"><v>5</v></c><c><v>1</v></c></row>`,
	`<row r="22"><c r="C22" r="bad"><v>1</v></c><c r="bad" r="D22"><v>2</v></c></row>`,
	`<row r="23"><c r="" t="s"><v>-1</v></c><c r="A0"><v>x</v></c><c r="XFE23"/></row>`,
	// Elements that do not nest: the tokenizer's readRow says so.
	`<row r="24"><c r="A24" t="inlineStr"><is><t>x</u></is></c></row>`,
	`<row r="25"><c r="A25"><v>1</v></c><row r="26"><c r="A26"><v>2</v></c></row>`,
	`<row r="27"><c r="A27"><v>1</v></c></rw><row r="28"></row>`,
	// Excel's _xHHHH_ escapes: both readers keep them, text() decodes them.
	`<row r="29"><c r="A29" t="inlineStr"><is><t>no_x000D_</t></is></c><c r="B29" t="str"><v>Bob_x005F_x0041_</v></c></row>`,
	// Row numbers outside Excel's rows.
	`<row r="0"><c><v>1</v></c></row>`, `<row r="-5"/>`, `<row r="99999999999999999999"><c><v>1</v></c></row>`, `<row r="1048577"/>`,
}

// scanBoth reads one row's XML with scanRow (when it takes it) and with
// readRow over the tokenizer.
func scanBoth(data []byte) (fast []xlsxCell, fastNum int, took bool, slow []xlsxCell, slowNum int, slowErr error) {
	var a, b xlsxSheet
	if fastNum, took = a.scanRow(data); took {
		fast = slices.Clone(a.cells)
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	tok, err := dec.RawToken()
	start, ok := tok.(xml.StartElement)
	if err != nil || !ok || start.Name.Local != "row" {
		return fast, fastNum, took, nil, 0, xml.UnmarshalError("no row")
	}
	slowNum, slowErr = b.readRow(dec, start)
	return fast, fastNum, took, b.cells, slowNum, slowErr
}

// TestScanRowMatchesTokenizer holds the hand-read rows to the tokenizer's
// cells, and checks that the rows spreadsheets write are read by hand.
func TestScanRowMatchesTokenizer(t *testing.T) {
	for i, row := range rowSeeds {
		fast, fastNum, took, slow, slowNum, err := scanBoth([]byte(row))
		if took && (err != nil || fastNum != slowNum || !slices.Equal(fast, slow)) {
			t.Errorf("%q:\n scan %d %+v\n tokens %d %+v (err %v)", row, fastNum, fast, slowNum, slow, err)
		}
		if i < 6 && !took { // the rows spreadsheets write
			t.Errorf("%q: left to the tokenizer", row)
		}
	}
}

func FuzzScanRow(f *testing.F) {
	for _, s := range rowSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fast, fastNum, took, slow, slowNum, err := scanBoth(data)
		if took && (err != nil || fastNum != slowNum || !slices.Equal(fast, slow)) {
			t.Fatalf("%q:\n scan %d %+v\n tokens %d %+v (err %v)", data, fastNum, fast, slowNum, slow, err)
		}
	})
}

// TestSheetsByHandReadTheSame reads workbooks with the fast path and with
// the tokenizer alone: every record and the description must be the same.
func TestSheetsByHandReadTheSame(t *testing.T) {
	dir := t.TempDir()
	gen := filepath.Join(dir, "gen.xlsx")
	rows := []xlsxRow{{"id", "phone", "name", "consent_at", "note"}}
	texts := []string{"a & b", "<tag>", `"quoted"`, "émoji 📞", "  spaced  ", "", "=SUM(1)", "x\ny"}
	for i := range 300 {
		var phone any = fmt.Sprintf("+2547%08d", i)
		if i%3 == 0 {
			phone = 254700000000 + i // a number cell
		}
		rows = append(rows, xlsxRow{i, phone, texts[i%len(texts)], time.Date(2025, 1, 1+i%28, 0, 0, 0, 0, time.UTC), i%2 == 0})
	}
	writeXLSX(t, gen, map[string][]xlsxRow{"Contacts": rows}, "Contacts")
	for _, path := range []string{gen, filepath.Join("..", "..", "testdata", "contacts.xlsx")} {
		fast := read(t, Source{Path: path}, Options{})
		sheetsByHand = false
		slow := read(t, Source{Path: path}, Options{})
		sheetsByHand = true
		if fast.err != nil || slow.err != nil || !slices.Equal(fast.rows, slow.rows) || !reflect.DeepEqual(fast.info, slow.info) {
			t.Errorf("%s: by hand %v %q\ntokenizer %v %q", path, fast.err, fast.rows, slow.err, slow.rows)
		}
		if len(fast.rows) == 0 {
			t.Errorf("%s: no records", path)
		}
	}
}

// writeSheetXML builds a workbook of one sheet, "S", from the XML of its
// rows and a shared strings table (none when sst is nil): the cells a
// spreadsheet program would never write, which excelize will not either.
func writeSheetXML(t testing.TB, path, rows string, sst []string) {
	t.Helper()
	writeWorkbookXML(t, path, `<worksheet `+spreadsheetNS+`><sheetData>`+rows+`</sheetData></worksheet>`, sst)
}

const spreadsheetNS = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`

// writeWorkbookXML builds a workbook of one sheet, "S", whose XML is sheet
// as given (which need not be well formed).
func writeWorkbookXML(t testing.TB, path, sheet string, sst []string) {
	t.Helper()
	const ns = spreadsheetNS
	const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	parts := map[string]string{
		"xl/workbook.xml": `<workbook ` + ns + ` xmlns:r="` + rel + `"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="` + rel + `/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml": sheet,
	}
	if sst != nil {
		var b strings.Builder
		for _, s := range sst {
			b.WriteString("<si><t>" + s + "</t></si>")
		}
		parts["xl/sharedStrings.xml"] = `<sst ` + ns + `>` + b.String() + `</sst>`
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range slices.Sorted(maps.Keys(parts)) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+parts[name])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// inline is an inline string cell.
func inline(ref, text string) string {
	return `<c r="` + ref + `" t="inlineStr"><is><t>` + text + `</t></is></c>`
}

const phoneConsentHeader = `<row r="1">` + `<c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>`

// TestReadXLSXBadCells: a cell the reader cannot place or read makes its
// row malformed, or the header an error, by hand and by the tokenizer
// alike; nothing is read as empty or into another column in silence.
func TestReadXLSXBadCells(t *testing.T) {
	sst := []string{"phone", "consent_source", "+254712345678"}
	tests := []struct {
		name string
		rows string
		sst  []string
		want []string // records, or the error
	}{
		{"values beyond the header",
			`<row r="2">` + inline("A2", "+254712345678") + inline("B2", "web") + `<c r="C2"/>` + inline("D2", "EXTRA DATA") + `</row>` +
				`<row r="3">` + inline("A3", "+254722000001") + `<c r="C3" s="1"/><c r="D3" t="inlineStr"><is><t></t></is></c><c r="E3" t="s"><v></v></c></row>` +
				`<row r="4">` + inline("A4", "+254733000002") + inline("C4", "x") + inline("E4", "y") + `</row>` +
				`<row r="5">` + inline("A5", "+254744000003") + strings.Repeat(`<c t="inlineStr"><is><t>z</t></is></c>`, 7) + `</row>`,
			sst, []string{
				"1@2 phone=+254712345678 consent_source=web !cell D2 has a value beyond the header's 2 columns",
				"2@3 phone=+254722000001",
				"3@4 phone=+254733000002 !cells C4 and E4 have values beyond the header's 2 columns",
				"4@5 phone=+254744000003 consent_source=z !cells C5, D5, E5, F5, G5 and 1 more have values beyond the header's 2 columns",
			}},
		{"shared strings that do not exist",
			`<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>5</v></c></row>` +
				`<row r="3"><c r="A3" t="s"><v>-1</v></c></row>` +
				`<row r="4"><c r="A4" t="s"><v>abc</v></c><c r="B4" t="s"><v> 3 </v></c></row>` +
				`<row r="5"><c r="A5" t="s"><v>2</v></c><c r="B5" t="s"/></row>`,
			sst, []string{
				"1@2 phone=+254712345678 !cell B2: shared string 5 does not exist (the workbook has 3)",
				"2@3 !cell A3: shared string -1 does not exist (the workbook has 3)",
				`3@4 !cell A4: shared string index "abc" is not a number; cell B4: shared string 3 does not exist (the workbook has 3)`,
				"4@5 phone=+254712345678",
			}},
		{"an invalid cell reference",
			`<row r="2"><c r="ZZZZZZZ2" t="s"><v>2</v></c></row>` +
				`<row r="3">` + inline("A3", "+254712345678") + `<c r="3B" t="s"><v>7</v></c></row>`,
			sst, []string{
				`1@2 phone=+254712345678 !invalid cell reference "ZZZZZZZ2"`,
				`2@3 phone=+254712345678 !invalid cell reference "3B"; cell "3B": shared string 7 does not exist (the workbook has 3)`,
			}},
		{"a header shared string with no table",
			`<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2"><v>1</v></c></row>`, nil,
			[]string{`sheet "S": row 1: cell A1: shared string 0 does not exist (the workbook has none)`}},
		{"a header shared string out of range",
			`<row r="3">` + inline("A3", "phone") + `<c r="B3" t="s"><v>9</v></c></row>`, sst,
			[]string{`sheet "S": row 3: cell B3: shared string 9 does not exist (the workbook has 3)`}},
		{"an invalid header cell reference",
			`<row r="1">` + inline("A1", "phone") + inline("A1B", "name") + `</row>`, sst,
			[]string{`sheet "S": row 1: invalid cell reference "A1B"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "w.xlsx")
			rows := tt.rows
			if !strings.HasPrefix(rows, `<row r="1">`) && !strings.HasPrefix(rows, `<row r="3">`) {
				rows = phoneConsentHeader + rows
			}
			writeSheetXML(t, p, rows, tt.sst)
			for _, byHand := range []bool{true, false} {
				sheetsByHand = byHand
				res := read(t, Source{Path: p}, Options{})
				sheetsByHand = true
				got := res.rows
				if res.err != nil {
					got = []string{strings.TrimPrefix(res.err.Error(), p+": ")}
				}
				if !slices.Equal(got, tt.want) {
					t.Errorf("by hand %v:\n got %q\nwant %q", byHand, got, tt.want)
				}
			}
		})
	}
}

// TestReadXLSXCutShort: a sheet whose XML ends inside a row names that
// row, and the cell it ends in when known (by its r, or by its place in
// a row of cells without r), whichever reader reads it; the rows before
// it are read as they are. A cut where no row is known (between rows, or
// in a <row> start tag before its r is whole) is placed after the last
// row read whole.
func TestReadXLSXCutShort(t *testing.T) {
	head := `<worksheet ` + spreadsheetNS + `><sheetData>` + phoneConsentHeader +
		`<row r="2">` + inline("A2", "+254712345678") + inline("B2", "web") + `</row>` +
		`<row r="3">` + inline("A3", "+254712345679") + `</row>`
	before := []string{"1@2 phone=+254712345678 consent_source=web", "2@3 phone=+254712345679"}
	const ends = "the sheet's XML ends early (unexpected EOF)"
	tests := []struct{ name, sheet, want string }{
		{"in a <c> start tag", head + `<row r="4"><c r="A4" t="inlineStr"`, `row 4: cell A4: ` + ends},
		{"in a <c> start tag, in an attribute after r", head + `<row r="4"><c r="A4" t="inl`, `row 4: cell A4: ` + ends},
		{"in a <c> start tag, after an attribute's name", head + `<row r="4"><c r="A4" s`, `row 4: cell A4: ` + ends},
		{"in a <c> start tag, in its r", head + `<row r="4"><c r="A`, `row 4: ` + ends},
		{"in a <c> start tag with no r yet", head + `<row r="4">` + inline("A4", "+254712345670") + `<c t="inlineStr"`, `row 4: ` + ends},
		{"in a self-closing <c>", head + `<row r="4"><c r="B4"/`, `row 4: cell B4: ` + ends},
		{"in a text run", head + `<row r="4"><c r="A4" t="inlineStr"><is><t>+2547`, `row 4: cell A4: ` + ends},
		{"in <v>", head + `<row r="4"><c r="A4"><v>2547123`, `row 4: cell A4: ` + ends},
		{"in </v>", head + `<row r="4"><c r="A4"><v>254712345670</v`, `row 4: cell A4: ` + ends},
		{"in </c>", head + `<row r="4"><c r="A4"><v>254712345670</v></c`, `row 4: cell A4: ` + ends},
		{"in a cell without r", head + `<row r="4"><c t="inlineStr"><is><t>+254712345670</t></is></c><c t="inlineStr"><is><t>we`, `row 4: cell B4: ` + ends},
		{"in a cell whose r is no reference", head + `<row r="4"><c r="4A"><v>1`, `row 4: cell "4A": ` + ends},
		{"in a row without r", head + `<row><c t="inlineStr"><is><t>+2547`, `row 4: cell A4: ` + ends},
		{"after </c>, with no </row>", head + `<row r="4">` + inline("A4", "+254712345670"), `row 4: ` + ends},
		{"after a stray tag not closed", head + `<row r="4">` + inline("A4", "+254712345670") + `<x>`, `row 4: ` + ends},
		{"in a stray tag", head + `<row r="4">` + inline("A4", "+254712345670") + `<x a="1`, `row 4: ` + ends},
		{"in a <c> inside a stray tag", head + `<row r="4"><x><c r="A4"`, `row 4: ` + ends},
		{"after a <row> start tag", head + `<row r="4">`, `row 4: ` + ends},
		{"in a <row> start tag", head + `<row r="4" spans="1:2`, `row 4: ` + ends},
		{"in a <row> start tag, in its r", head + `<row r="4`, `after row 3: ` + ends},
		{"in a <row> start tag with no r yet", head + `<row`, `after row 3: ` + ends},
		{"between rows", head + `<ro`, `after row 3: ` + ends},
		{"in </sheetData>", head + `</sheetDa`, `after row 3: ` + ends},
		{"in the header", `<worksheet ` + spreadsheetNS + `><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>pho`, `row 1: cell A1: ` + ends},
		{"in the header's start tag", `<worksheet ` + spreadsheetNS + `><sheetData><row r="1"`, `row 1: ` + ends},
		{"before the header", `<worksheet ` + spreadsheetNS + `><sheetData><ro`, `before the first row: ` + ends},
	}
	for _, tt := range tests {
		p := filepath.Join(t.TempDir(), "cut.xlsx")
		writeWorkbookXML(t, p, tt.sheet, []string{"phone", "consent_source"})
		want, rows := `sheet "S": `+tt.want, before
		if !strings.HasPrefix(tt.sheet, head) {
			rows = nil
		}
		for _, byHand := range []bool{true, false} {
			sheetsByHand = byHand
			res := read(t, Source{Path: p}, Options{})
			sheetsByHand = true
			if res.err == nil || strings.TrimPrefix(res.err.Error(), p+": ") != want || !slices.Equal(res.rows, rows) {
				t.Errorf("%s, by hand %v:\n error %v\n  want %s\n rows %q, want %q", tt.name, byHand, res.err, want, res.rows, rows)
			}
		}
	}
}

// TestReadXLSXCutAnywhere cuts a sheet at every byte of its rows and
// closing tags: both readers read the same rows, every row whole before
// the cut, and name the row the cut falls in, or the place after the row
// before it while that row's number is not read yet. Every cut is an
// error, between rows and in the closing tags too (QA28b F1): only the
// whole sheet reads without one.
func TestReadXLSXCutAnywhere(t *testing.T) {
	top := `<worksheet ` + spreadsheetNS + `><sheetData>` + phoneConsentHeader
	rows := []string{
		`<row r="2">` + inline("A2", "+254712345678") + inline("B2", "web") + `</row>`,
		`<row r="3" spans="1:2"><c r="A3"><v>254712345679</v></c><c t="inlineStr"><is><t>a&amp;b</t></is></c><x:y xmlns:x="u"/></row>`,
		`<row><c r="A4" t="s"><v>0</v></c></row>`,
	}
	named := []int{len(`<row r="2"`), len(`<row r="3"`), len(`<row>`)} // where each row's number is read
	sheet, at := top, make([]int, len(rows))
	for i, r := range rows {
		at[i] = len(sheet)
		sheet += r
	}
	sheet += `</sheetData></worksheet>`
	for cut := len(top); cut <= len(sheet); cut++ {
		p := filepath.Join(t.TempDir(), "cut.xlsx")
		writeWorkbookXML(t, p, sheet[:cut], []string{"phone", "consent_source"})
		whole, want := 0, `sheet "S": after row 1: `
		for i := range rows {
			switch {
			case cut >= at[i]+len(rows[i]):
				whole, want = i+1, fmt.Sprintf(`sheet "S": after row %d: `, i+2)
			case cut >= at[i]+named[i]:
				want = fmt.Sprintf(`sheet "S": row %d: `, i+2)
			}
		}
		var got [2]result
		for i, byHand := range []bool{true, false} {
			sheetsByHand = byHand
			got[i] = read(t, Source{Path: p}, Options{})
			sheetsByHand = true
		}
		errs := [2]string{}
		for i, res := range got {
			if res.err != nil {
				errs[i] = strings.TrimPrefix(res.err.Error(), p+": ")
			}
		}
		complete := cut == len(sheet)
		if errs[0] != errs[1] || !slices.Equal(got[0].rows, got[1].rows) || len(got[0].rows) != whole ||
			(errs[0] == "") != complete || !complete && (!strings.HasPrefix(errs[0], want) || !strings.HasSuffix(errs[0], "the sheet's XML ends early (unexpected EOF)")) {
			t.Errorf("cut at %d (%q): by hand %q, %s; tokenizer %q, %s; want %d rows and %s…",
				cut, sheet[max(cut-20, 0):cut], got[0].rows, errs[0], got[1].rows, errs[1], whole, want)
		}
	}
}

// TestReadXLSXRawBeyondHeader: a raw read keeps the cells beyond the
// header, for listaudit fix to quarantine.
func TestReadXLSXRawBeyondHeader(t *testing.T) {
	p := filepath.Join(t.TempDir(), "w.xlsx")
	writeSheetXML(t, p, phoneConsentHeader+`<row r="2">`+inline("A2", "+254712345678")+inline("B2", "web")+inline("D2", "EXTRA")+`</row>`,
		[]string{"phone", "consent_source"})
	r, err := OpenRaw(Source{Path: p}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var rec RawRecord
	if err := r.Next(&rec); err != nil {
		t.Fatal(err)
	}
	if want := []string{"+254712345678", "web", "", "EXTRA"}; !slices.Equal(rec.Cells, want) || rec.Malformed == "" || rec.Text != "" {
		t.Errorf("cells %q malformed %q text %q, want %q, malformed", rec.Cells, rec.Malformed, rec.Text, want)
	}
}

// TestReadXLSXDamagedXML: XML whose elements do not nest would lose or
// merge rows; it is an error naming the sheet, the row and the offset of
// the tag, whichever reader reads it.
func TestReadXLSXDamagedXML(t *testing.T) {
	head := `<worksheet ` + spreadsheetNS + `><sheetData>` + phoneConsentHeader
	row2 := `<row r="2">` + inline("A2", "+254712345678") + `</row>`
	suffix := " (Excel refuses such a workbook too: save it again from the program that made it)"
	tests := []struct{ name, sheet, want string }{
		{"a row not closed", head + `<row r="2">` + inline("A2", "+254712345678") + `<row r="3">` + inline("A3", "+254712345679") + `</row></sheetData></worksheet>`,
			`sheet "S": row 2: damaged XML at byte %d of the sheet: a <row> starts before this row's </row>` + suffix},
		{"a row closed by another tag", head + `<row r="2">` + inline("A2", "+254712345678") + `</rw><row r="3"></row></sheetData></worksheet>`,
			`sheet "S": row 2: damaged XML at byte %d of the sheet: </rw> where </row> should be` + suffix},
		{"a cell closed by the row's end", head + `<row r="2"><c r="A2" t="inlineStr"><is><t>+254712345678</t></is></row></sheetData></worksheet>`,
			`sheet "S": row 2: damaged XML at byte %d of the sheet: </row> where </c> should be` + suffix},
		{"a text run closed by another tag", head + `<row r="2"><c r="A2" t="inlineStr"><is><t>+254712345678</x></is></c></row></sheetData></worksheet>`,
			`sheet "S": row 2: damaged XML at byte %d of the sheet: </x> where </t> should be` + suffix},
		{"a row after </sheetData>", head + row2 + `</sheetData><row r="3">` + inline("A3", "+254712345679") + `</row></worksheet>`,
			`sheet "S": after row 2: damaged XML at byte %d of the sheet: a <row> after </sheetData>` + suffix},
		{"the last row closed by </sheetData>", head + `<row r="2">` + inline("A2", "+254712345678") + `</sheetData></worksheet>`,
			`sheet "S": row 2: damaged XML at byte %d of the sheet: </sheetData> where </row> should be` + suffix},
	}
	marks := []string{`<row r="3">`, `</rw>`, `</row></sheetData>`, `</x>`, `<row r="3">`, `</sheetData></worksheet>`}
	for i, tt := range tests {
		p := filepath.Join(t.TempDir(), "damaged.xlsx")
		writeWorkbookXML(t, p, tt.sheet, []string{"phone", "consent_source"})
		// writeWorkbookXML puts an XML declaration first.
		at := len(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n") + strings.Index(tt.sheet, marks[i])
		checkXLSXError(t, tt.name, p, fmt.Sprintf(tt.want, at))
		// After a comment the tokenizer reads the whole sheet.
		p = filepath.Join(t.TempDir(), "commented.xlsx")
		commented := strings.Replace(tt.sheet, "<sheetData>", "<!-- c --><sheetData>", 1)
		writeWorkbookXML(t, p, commented, []string{"phone", "consent_source"})
		checkXLSXError(t, tt.name+" after a comment", p, fmt.Sprintf(tt.want, at+len("<!-- c -->")))
	}
}

// TestReadXLSXRowNumbers: a row without r (it is optional) comes after the
// previous row, as Excel numbers it; an r outside Excel's rows is an
// error, by hand and by the tokenizer.
func TestReadXLSXRowNumbers(t *testing.T) {
	noR := `<row><c t="inlineStr"><is><t>phone</t></is></c></row>` +
		`<row><c t="inlineStr"><is><t>+254712345678</t></is></c></row>` +
		`<row/>` + // blank: not a record, but a row
		`<row><c t="inlineStr"><is><t>+254712345679</t></is></c></row>` +
		`<row r="7"><c t="inlineStr"><is><t>+254712345670</t></is></c></row>` +
		`<row><c t="inlineStr"><is><t>+254712345671</t></is></c></row>`
	p := filepath.Join(t.TempDir(), "nor.xlsx")
	writeSheetXML(t, p, noR, nil)
	checkXLSXRows(t, p, []string{"1@2 phone=+254712345678", "2@4 phone=+254712345679", "3@7 phone=+254712345670", "4@8 phone=+254712345671"})
	for _, tt := range []struct{ r, want string }{
		{"0", `sheet "S": after row 2: the row number r="0" is not one of 1 to 1048576 (the workbook is damaged)`},
		{"-5", `sheet "S": after row 2: the row number r="-5" is not one of 1 to 1048576 (the workbook is damaged)`},
		{"99999999999999999999", `sheet "S": after row 2: the row number r="99999999999999999999" is not one of 1 to 1048576 (the workbook is damaged)`},
		{"1048577", `sheet "S": after row 2: the row number r="1048577" is not one of 1 to 1048576 (the workbook is damaged)`},
		{"3x", `sheet "S": after row 2: the row number r="3x" is not one of 1 to 1048576 (the workbook is damaged)`},
	} {
		p := filepath.Join(t.TempDir(), "r.xlsx")
		writeSheetXML(t, p, phoneConsentHeader+`<row r="2">`+inline("A2", "+254712345678")+`</row><row r="`+tt.r+`">`+inline("A3", "+254712345679")+`</row>`,
			[]string{"phone", "consent_source"})
		checkXLSXError(t, "r="+tt.r, p, tt.want)
	}
	p = filepath.Join(t.TempDir(), "last.xlsx")
	writeSheetXML(t, p, phoneConsentHeader+`<row r="1048576">`+inline("A1048576", "+254712345678")+`</row><row>`+inline("A3", "+254712345679")+`</row>`,
		[]string{"phone", "consent_source"})
	checkXLSXError(t, "past the last row", p, `sheet "S": after row 1048576: more than 1048576 rows (the workbook is damaged)`)
}

// A cell or shared string longer than a record may be is an error, not
// gigabytes of memory: a workbook of a megabyte can hold one.
func TestReadXLSXTextTooLong(t *testing.T) {
	defer func(old int64) { maxRecordBytes = old }(maxRecordBytes)
	maxRecordBytes = 1 << 10
	long := strings.Repeat("a", 4<<10)
	tests := []struct {
		name, rows string
		sst        []string
		want       string
	}{
		{"cell", phoneConsentHeader + `<row r="2">` + inline("A2", "+254712345678") + inline("B2", long) + `</row>`,
			[]string{"phone", "consent_source"}, `sheet "S": after row 1: ` + errXMLTextTooLong.Error()},
		{"shared string", phoneConsentHeader, []string{"phone", "consent_source", long}, "shared strings: " + errXMLTextTooLong.Error()},
	}
	for _, tt := range tests {
		p := filepath.Join(t.TempDir(), "long.xlsx")
		writeSheetXML(t, p, tt.rows, tt.sst)
		checkXLSXError(t, tt.name, p, tt.want)
	}
}

// checkXLSXRows reads the workbook at p with both row readers, which must
// read alike the rows want.
func checkXLSXRows(t *testing.T, p string, want []string) {
	t.Helper()
	for _, byHand := range []bool{true, false} {
		sheetsByHand = byHand
		res := read(t, Source{Path: p}, Options{})
		sheetsByHand = true
		if res.err != nil || !slices.Equal(res.rows, want) {
			t.Errorf("by hand %v: %v\n got %q\nwant %q", byHand, res.err, res.rows, want)
		}
	}
}

// checkXLSXError reads the workbook at p with both row readers, which must
// fail alike with want (after the path).
func checkXLSXError(t *testing.T, name, p, want string) {
	t.Helper()
	for _, byHand := range []bool{true, false} {
		sheetsByHand = byHand
		res := read(t, Source{Path: p}, Options{})
		sheetsByHand = true
		if res.err == nil || strings.TrimPrefix(res.err.Error(), p+": ") != want {
			t.Errorf("%s, by hand %v: error %v, want %s", name, byHand, res.err, want)
		}
	}
}

// A shared strings table far larger than the sheets could use (a zip
// bomb: millions of tiny <si> compress to almost nothing) is an error
// before it fills memory, by count and by text.
func TestReadXLSXSharedStringsBomb(t *testing.T) {
	rows := phoneConsentHeader + `<row r="2">` + inline("A2", "+254712345678") + `</row>`
	// writeWorkbookXML puts an XML declaration first.
	sheetBytes := len(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<worksheet ` + spreadsheetNS + `><sheetData>` + rows + `</sheetData></worksheet>`)
	many := make([]string, sheetBytes/sharedStringCellBytes+sharedStringsSlack+1)
	for i := range many {
		many[i] = "a"
	}
	// 16 bytes of text per sheet byte, past the longest record.
	long := make([]string, 20)
	for i := range long {
		long[i] = strings.Repeat("a", sheetBytes)
	}
	const tail = " could use: a damaged or hostile workbook (a zip bomb?); save it again from the program that made it"
	tests := []struct {
		name string
		sst  []string
		want string
	}{
		{"count", append([]string{"phone", "consent_source"}, many...),
			fmt.Sprintf("shared strings: the table holds more than %d strings, more than the workbook's sheets (%d bytes)", len(many)-1, sheetBytes) + tail},
		{"text", append([]string{"phone", "consent_source"}, long...),
			fmt.Sprintf("shared strings: the table holds more than %d bytes of text, more than the workbook's sheets (%d bytes)", 1<<10+16*sheetBytes, sheetBytes) + tail},
	}
	for _, tt := range tests {
		p := filepath.Join(t.TempDir(), "bomb.xlsx")
		writeSheetXML(t, p, rows, tt.sst)
		func() {
			if tt.name == "text" {
				defer func(old int64) { maxRecordBytes = old }(maxRecordBytes)
				maxRecordBytes = 1 << 10
			}
			checkXLSXError(t, tt.name, p, tt.want)
		}()
	}
	// Up to the limit the table is read.
	p := filepath.Join(t.TempDir(), "ok.xlsx")
	writeSheetXML(t, p, rows, append([]string{"phone", "consent_source"}, many[:len(many)-3]...))
	if res := read(t, Source{Path: p}, Options{}); res.err != nil || len(res.rows) != 1 {
		t.Errorf("at the limit: %v %q", res.err, res.rows)
	}
}
