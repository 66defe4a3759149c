package main

import (
	"encoding/csv"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/xuri/excelize/v2"
)

// xlsx is the scripts' "xlsx SRC DST SHEET": it writes the CSV file SRC
// as the workbook DST, each cell a text cell of sheet SHEET, as a
// spreadsheet saves a list typed into it; a txtar archive cannot hold a
// workbook.
func xlsx(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: xlsx SRC DST SHEET")
	}
	rows, err := csv.NewReader(strings.NewReader(ts.ReadFile(args[0]))).ReadAll()
	ts.Check(err)
	f := excelize.NewFile()
	defer f.Close()
	ts.Check(f.SetSheetName("Sheet1", args[2]))
	for r, row := range rows {
		for c, v := range row {
			cell, err := excelize.CoordinatesToCellName(c+1, r+1)
			ts.Check(err)
			ts.Check(f.SetCellStr(args[2], cell, v))
		}
	}
	ts.Check(f.SaveAs(ts.MkAbs(args[1])))
}
