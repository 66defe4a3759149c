package main

import (
	"archive/zip"
	"encoding/csv"
	"os"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/xuri/excelize/v2"
)

// xlsx is the scripts' "xlsx SRC DST SHEET [SRC2 SHEET2]...": it writes
// the CSV file SRC as the workbook DST, each cell a text cell of sheet
// SHEET, as a spreadsheet saves a list typed into it, and each further
// SRC2 as a further sheet SHEET2; a txtar archive cannot hold a workbook.
func xlsx(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 3 || len(args)%2 != 1 {
		ts.Fatalf("usage: xlsx SRC DST SHEET [SRC2 SHEET2]...")
	}
	f := excelize.NewFile()
	defer f.Close()
	ts.Check(f.SetSheetName("Sheet1", args[2]))
	writeSheet(ts, f, args[0], args[2])
	for i := 3; i < len(args); i += 2 {
		_, err := f.NewSheet(args[i+1])
		ts.Check(err)
		writeSheet(ts, f, args[i], args[i+1])
	}
	ts.Check(f.SaveAs(ts.MkAbs(args[1])))
}

// writeSheet writes the CSV file src into sheet, each cell a text cell.
func writeSheet(ts *testscript.TestScript, f *excelize.File, src, sheet string) {
	rows, err := csv.NewReader(strings.NewReader(ts.ReadFile(src))).ReadAll()
	ts.Check(err)
	for r, row := range rows {
		for c, v := range row {
			cell, err := excelize.CoordinatesToCellName(c+1, r+1)
			ts.Check(err)
			ts.Check(f.SetCellStr(sheet, cell, v))
		}
	}
}

// sheetXML is the scripts' "sheetxml SRC DST": it writes the workbook DST
// of one sheet, "Contacts", whose XML is the file SRC as it is (which need
// not be well formed): the damaged workbooks no spreadsheet writes.
func sheetXML(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: sheetxml SRC DST")
	}
	const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	parts := [][2]string{
		{"xl/workbook.xml", `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="` + rel + `"><sheets><sheet name="Contacts" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="` + rel + `/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
		{"xl/worksheets/sheet1.xml", ts.ReadFile(args[0])},
	}
	f, err := os.Create(ts.MkAbs(args[1]))
	ts.Check(err)
	zw := zip.NewWriter(f)
	for _, p := range parts {
		w, err := zw.Create(p[0])
		ts.Check(err)
		_, err = w.Write([]byte(p[1]))
		ts.Check(err)
	}
	ts.Check(zw.Close())
	ts.Check(f.Close())
}
