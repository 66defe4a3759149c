package input

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestDecodeXstring(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"no_x000D_", "no\r"},
		{"+254712345678_x000D_", "+254712345678\r"},
		{"Bob_x005F_x0041_", "Bob_x0041_"},
		{"_x005F_x005F_", "_x005F_"},
		{"a_x0041_b_x0042_", "aAbB"},
		{"_x00e9_ _x00E9_ _X00E9_", "é é _X00E9_"}, // hex digits in either case; the x is lower case
		{"_x000d__x000A_", "\r\n"},
		{"_x_x0041_", "_xA"},
		{"_x004_ _x00411_ _x0041 x0041_ _x004G_", "_x004_ _x00411_ _x0041 x0041_ _x004G_"},
		{"_xD83D__xDE00_", "😀"},
		{"_xD83D_ _xDE00_ _xDE00__xD83D_", "\uFFFD \uFFFD \uFFFD\uFFFD"},
		{"_xD83D__x0041_", "\uFFFDA"},
		{"_x0041", "_x0041"},
		{"_x", "_x"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := decodeXstring(tt.in); got != tt.want {
			t.Errorf("decodeXstring(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestReadXLSXEscapes: shared strings (each run on its own), inline
// strings and a formula's text are read with their _xHHHH_ escapes
// decoded, by hand and by the tokenizer alike. A CR is kept, as a CSV
// field's is: the audit trims cells, whatever the file.
func TestReadXLSXEscapes(t *testing.T) {
	p := filepath.Join(t.TempDir(), "w.xlsx")
	sst := []string{"phone", "opted_out", "name", "+254712345678_x000D_", "no_x000D_",
		"Bob_x005F_x0041_</t></r><r><t>_x0042_", "_x00</t></r><r><t>41_"}
	for i, s := range sst {
		if strings.Contains(s, "</r>") {
			sst[i] = "</t><r><t>" + s + "</t></r><t>" // runs: <si><t></t><r><t>…</t></r><t></t></si>
		}
	}
	rows := `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>` +
		`<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" t="s"><v>4</v></c><c r="C2" t="s"><v>5</v></c></row>` +
		`<row r="3">` + inline("A3", "+254712345679_x000D_") + inline("B3", "_x0079_es") + `<c r="C3" t="s"><v>6</v></c></row>` +
		`<row r="4"><c r="A4" t="str"><f>A3</f><v>+254712345679_x000d_</v></c>` + inline("C4", "_x005f_x000D_") + `</row>`
	writeSheetXML(t, p, rows, sst)
	want := []string{
		"1@2 phone=+254712345678\r opted_out=no\r name=Bob_x0041_B",
		"2@3 phone=+254712345679\r opted_out=yes name=_x0041_",
		"3@4 phone=+254712345679\r name=_x000D_",
	}
	checkXLSXRows(t, p, want)
}

// TestReadXLSXInlineRuns: each <t> run of an inline string is an
// ST_Xstring of its own, decoded alone, as a shared string's runs are: text
// that looks like an escape, cut into runs before its x (as listaudit fix
// stores it), is read as written, and an escape is never read across two
// runs; by hand and by the tokenizer alike.
func TestReadXLSXInlineRuns(t *testing.T) {
	runs := func(ref string, texts ...string) string {
		return `<c r="` + ref + `" t="inlineStr"><is><r><t>` + strings.Join(texts, `</t></r><r><t>`) + `</t></r></is></c>`
	}
	p := filepath.Join(t.TempDir(), "w.xlsx")
	rows := `<row r="1">` + inline("A1", "phone") + inline("B1", "name") + inline("C1", "email") + `</row>` +
		`<row r="2">` + inline("A2", "+254712345678") + runs("B2", "A_", "xD83D__", "xDE00_B") + runs("C2", "_x005F_x0041_", "x0042_") + `</row>` +
		`<row r="3">` + inline("A3", "+254712345679") + runs("B3", "_x00", "41_") + runs("C3", "_x0041_", "_x00e9_", `</t><rPh><t>_x0042_</t></rPh><t>x`) + `</row>`
	writeSheetXML(t, p, rows, nil)
	want := []string{
		"1@2 phone=+254712345678 name=A_xD83D__xDE00_B email=_x0041_x0042_",
		"2@3 phone=+254712345679 name=_x0041_ email=Aéx",
	}
	checkXLSXRows(t, p, want)
}

// TestReadXLSXDateBeyond9999: a date-formatted serial past Excel's last
// date, 9999-12-31 (serial 2958465), is no date: it is read as the number
// it is, as a serial before Excel's first date is.
func TestReadXLSXDateBeyond9999(t *testing.T) {
	p := filepath.Join(t.TempDir(), "d.xlsx")
	f := excelize.NewFile()
	defer f.Close()
	style, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		t.Fatal(err)
	}
	cells := [][]any{{"phone", "consent_at"}, {"+254712345678", 2958465}, {"+254712345679", 2958466}, {"+254712345670", 3000000}, {"+254712345671", -1}}
	for r, row := range cells {
		for c, v := range row {
			name, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if err := f.SetCellValue("Sheet1", name, v); err != nil {
				t.Fatal(err)
			}
			if r > 0 && c == 1 {
				if err := f.SetCellStyle("Sheet1", name, name, style); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"1@2 phone=+254712345678 consent_at=9999-12-31",
		"2@3 phone=+254712345679 consent_at=2958466",
		"3@4 phone=+254712345670 consent_at=3000000",
		"4@5 phone=+254712345671 consent_at=-1",
	}
	res := read(t, Source{Path: p}, Options{})
	if res.err != nil || !slices.Equal(res.rows, want) {
		t.Errorf("%v\n got %q\nwant %q", res.err, res.rows, want)
	}
}
