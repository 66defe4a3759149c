package input

import (
	"archive/zip"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// handSheet is a sheet of a hand-written workbook: kind is its
// relationship type's last word (worksheet, chartsheet, dialogsheet,
// xlMacrosheet) and xml its part, sheetData for a worksheet.
type handSheet struct{ name, kind, xml string }

// handWorkbook writes the workbook of sheets as a spreadsheet program
// does, in the transitional namespaces or, strict, in those of Excel's
// "Strict Open XML Spreadsheet", with a shared strings table and a date
// style (index 1), which excelize cannot write.
func handWorkbook(t *testing.T, path string, strict bool, sheets ...handSheet) {
	t.Helper()
	main, rel := "http://schemas.openxmlformats.org/spreadsheetml/2006/main", relsTransitional
	if strict {
		main, rel = "http://purl.oclc.org/ooxml/spreadsheetml/main", relsStrict
	}
	var book, rels strings.Builder
	parts := map[string]string{
		"xl/sharedStrings.xml": `<sst xmlns="` + main + `" count="2" uniqueCount="2"><si><t>phone</t></si><si><t>consent_at</t></si></sst>`,
		"xl/styles.xml":        `<styleSheet xmlns="` + main + `"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>`,
	}
	for i, s := range sheets {
		fmt.Fprintf(&book, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, s.name, i+1, i+1)
		root := strings.ToLower(strings.TrimPrefix(s.kind, "xl"))
		target := fmt.Sprintf("%ss/sheet%d.xml", root, i+1)
		typ := rel + "/" + s.kind
		if strings.HasPrefix(s.kind, "xl") {
			typ = "http://schemas.microsoft.com/office/2006/relationships/" + s.kind
		}
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="%s" Target="%s"/>`, i+1, typ, target)
		parts["xl/"+target] = `<` + root + ` xmlns="` + main + `">` + s.xml + `</` + root + `>`
	}
	parts["xl/workbook.xml"] = `<workbook xmlns="` + main + `" xmlns:r="` + rel + `"><sheets>` + book.String() + `</sheets></workbook>`
	parts["xl/_rels/workbook.xml.rels"] = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + rels.String() + `</Relationships>`
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for name, data := range parts {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// contactsXML is a worksheet of a header of shared strings and one record:
// a phone as an inline string and a date serial.
const contactsXML = `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>` +
	`<row r="2"><c r="A2" t="inlineStr"><is><t>+254712345678</t></is></c><c r="B2" s="1"><v>45678</v></c></row></sheetData>`

var (
	chart  = handSheet{"Chart1", "chartsheet", `<sheetViews><sheetView workbookViewId="0"/></sheetViews>`}
	dialog = handSheet{"Dialog1", "dialogsheet", ``}
	macro  = handSheet{"Macro1", "xlMacrosheet", `<sheetData/>`}
)

// The first worksheet is read by default: a chart, dialog or macro sheet
// before it is no worksheet and holds no list (a tester's finding: a chart
// sheet first was read as an empty sheet, exit 2).
func TestXLSXFirstWorksheet(t *testing.T) {
	p := filepath.Join(t.TempDir(), "chart.xlsx")
	handWorkbook(t, p, false, chart, dialog, macro, handSheet{"Contacts", "worksheet", contactsXML}, handSheet{"Chart2", "chartsheet", ``})
	res := read(t, Source{Path: p}, Options{})
	checkRows(t, res, []string{"1@2 phone=+254712345678 consent_at=2025-01-21"})
	if res.info.Sheet != "Contacts" || len(res.warns) != 0 {
		t.Errorf("sheet %q, warnings %q", res.info.Sheet, res.warns)
	}

	for sheet, want := range map[string]string{
		"Chart1":  `sheet "Chart1" is a chart sheet, not a worksheet: it holds no list (sheets: "Chart1", "Dialog1", "Macro1", "Contacts", "Chart2")`,
		"Dialog1": `sheet "Dialog1" is a dialog sheet, not a worksheet: it holds no list (sheets: "Chart1", "Dialog1", "Macro1", "Contacts", "Chart2")`,
		"Macro1":  `sheet "Macro1" is a macro sheet, not a worksheet: it holds no list (sheets: "Chart1", "Dialog1", "Macro1", "Contacts", "Chart2")`,
	} {
		if res := read(t, Source{Path: p}, Options{Sheet: sheet}); res.err == nil || res.err.Error() != p+": "+want {
			t.Errorf("--sheet %s: %v, want %s", sheet, res.err, want)
		}
	}

	p = filepath.Join(t.TempDir(), "charts.xlsx")
	handWorkbook(t, p, false, chart, handSheet{"Chart2", "chartsheet", ``})
	if res, want := read(t, Source{Path: p}, Options{}), p+`: the workbook has no worksheet (sheets: "Chart1", "Chart2")`; res.err == nil || res.err.Error() != want {
		t.Errorf("charts only: %v, want %s", res.err, want)
	}
}

// An empty first worksheet, read by default, names the worksheets whose
// header has a phone column, as a first sheet without a phone column does.
func TestXLSXEmptyFirstSheet(t *testing.T) {
	empty := handSheet{"Sheet1", "worksheet", `<sheetData/>`}
	contacts := handSheet{"Contacts", "worksheet", contactsXML}
	notes := handSheet{"Notes", "worksheet", `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>note</t></is></c></row></sheetData>`}
	dir := t.TempDir()
	for _, tc := range []struct {
		sheets []handSheet
		sheet  string
		want   string
	}{
		{[]handSheet{empty, notes, chart, contacts}, "", `sheet "Sheet1" is empty; sheet "Contacts" has a phone column: read it with --sheet Contacts`},
		{[]handSheet{empty, contacts, {"UK list", "worksheet", contactsXML}}, "", `sheet "Sheet1" is empty; sheets "Contacts" and "UK list" have a phone column: read one with --sheet NAME`},
		{[]handSheet{empty, notes}, "", `sheet "Sheet1" is empty`},
		{[]handSheet{empty}, "", `sheet "Sheet1" is empty`},
		{[]handSheet{empty, contacts}, "Sheet1", `sheet "Sheet1" is empty`},
	} {
		p := filepath.Join(dir, "book.xlsx")
		handWorkbook(t, p, false, tc.sheets...)
		res := read(t, Source{Path: p}, Options{Sheet: tc.sheet})
		if res.err == nil || res.err.Error() != p+": "+tc.want {
			t.Errorf("%d sheets, --sheet %q: %v, want %s", len(tc.sheets), tc.sheet, res.err, tc.want)
		}
	}
}

// A workbook saved as "Strict Open XML Spreadsheet" differs from an
// ordinary one, as far as the reader goes, in its namespaces only, and
// reads the same (a tester's finding: its sheet "had no part").
func TestXLSXStrict(t *testing.T) {
	dir := t.TempDir()
	var got [][]string
	for _, strict := range []bool{false, true} {
		p := filepath.Join(dir, fmt.Sprintf("strict-%v.xlsx", strict))
		handWorkbook(t, p, strict, chart, handSheet{"Contacts", "worksheet", contactsXML}, handSheet{"UK", "worksheet", contactsXML})
		res := read(t, Source{Path: p}, Options{})
		checkRows(t, res, []string{"1@2 phone=+254712345678 consent_at=2025-01-21"})
		if want := p + `: only its first sheet, "Contacts", is read; sheet "UK" also holds rows (read it with --sheet UK)`; !slices.Equal(res.warns, []string{want}) {
			t.Errorf("strict %v: warnings %q, want %s", strict, res.warns, want)
		}
		got = append(got, res.rows)
	}
	if !slices.Equal(got[0], got[1]) {
		t.Errorf("strict rows %q, transitional %q", got[1], got[0])
	}
}
