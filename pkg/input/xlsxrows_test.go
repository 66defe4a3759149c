package input

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
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
