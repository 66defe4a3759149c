package fix

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"
)

// isXLSX reports whether an output path asks for a workbook.
func isXLSX(path string) bool { return strings.EqualFold(filepath.Ext(path), ".xlsx") }

// xlsxSheetName is the one worksheet listaudit fix writes.
const xlsxSheetName = "Contacts"

// xlsxOut writes rows to a workbook with excelize's StreamWriter (rows go
// to a temporary file past a few MiB, not to memory). Every cell is an
// inline string styled with the Text number format ("@"), so the phone
// column keeps its + and every digit when the workbook is opened, edited
// and saved again, and no cell is ever evaluated as a formula.
type xlsxOut struct {
	f     *excelize.File
	sw    *excelize.StreamWriter
	style int
	row   int
	vals  []any
}

func newXLSX(path string) (*xlsxOut, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", xlsxSheetName); err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	style, err := f.NewStyle(&excelize.Style{NumFmt: 49}) // "@": text
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	sw, err := f.NewStreamWriter(xlsxSheetName)
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	return &xlsxOut{f: f, sw: sw, style: style}, nil
}

func (x *xlsxOut) write(cells []string) error {
	x.row++
	x.vals = x.vals[:0]
	for _, c := range cells {
		x.vals = append(x.vals, excelize.Cell{StyleID: x.style, Value: c})
	}
	cell, err := excelize.CoordinatesToCellName(1, x.row)
	if err != nil {
		return err
	}
	return x.sw.SetRow(cell, x.vals)
}

// finish writes the workbook to w.
func (x *xlsxOut) finish(w io.Writer) error {
	defer x.f.Close()
	if err := x.sw.Flush(); err != nil {
		return err
	}
	return x.f.Write(w)
}
