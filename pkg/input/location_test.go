package input

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"testing"

	"github.com/listaudit/listaudit/pkg/domain"
)

// TestXLSXCellLocations: a workbook's records carry its sheet, and each
// field points at the cell it was read from: the phone fallback's and the
// other opt-out column's when those were read, each number's own column
// in a contacts export; a malformed row at the first cell at fault. Rows
// are "row location | phone | consent_source | opted_out".
func TestXLSXCellLocations(t *testing.T) {
	tests := []struct {
		name string
		rows []xlsxRow
		want []string
	}{
		{"fields, a blank row, a fallback phone, another opt-out column, a value beyond the header",
			[]xlsxRow{
				{"name", "consent_source", "opted_out", "unsubscribed", "Phone Number", "Mobile Phone Number"},
				{"Amina", "web_form", "no", "", "+254712345601", ""},
				{},
				{"Brian", "web_form", "no", "yes", "", "+254712345602"},
				{"Chao", "web_form", "no", "", "+254712345603", "", "", "extra"},
			},
			[]string{
				"1 b.xlsx:Sheet1!A2 | Sheet1!E2 | Sheet1!B2 | Sheet1!C2",
				"2 b.xlsx:Sheet1!A4 | Sheet1!F4 | Sheet1!B4 | Sheet1!D4",
				"3 b.xlsx:Sheet1!H5 | Sheet1!E5 | Sheet1!B5 | Sheet1!C5",
			}},
		{"each number of a contacts export points at its own cell",
			[]xlsxRow{
				{"Name", "Phone 1 - Value", "Phone 2 - Value", "consent_source"},
				{"Dana", "+254712345604", "+254712345605", "web_form"},
			},
			[]string{
				"1 b.xlsx:Sheet1!A2 | Sheet1!B2 | Sheet1!D2 | Sheet1!A2",
				"2 b.xlsx:Sheet1!A2 | Sheet1!C2 | Sheet1!D2 | Sheet1!A2",
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "b.xlsx")
			writeXLSX(t, path, map[string][]xlsxRow{"Sheet1": tt.rows}, "Sheet1")
			r, err := Open(Source{Path: path}, Options{Warn: func(string) {}})
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			var got []string
			var rec domain.Record
			for r.Next(&rec) == nil {
				rec.Loc.File = filepath.Base(rec.Loc.File)
				got = append(got, fmt.Sprintf("%d %s | %s | %s | %s", rec.Loc.Row, rec.Loc,
					rec.At(domain.FieldPhone).Place(), rec.At(domain.FieldConsentSource).Place(), rec.At(domain.FieldOptedOut).Place()))
			}
			if err := r.Next(&rec); err != io.EOF {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("records:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestTextLocationsHaveNoCells: a text file's records name no sheet or
// cell, whatever field is asked for.
func TestTextLocationsHaveNoCells(t *testing.T) {
	path := writeFile(t, t.TempDir(), "l.csv", []byte("name,phone\n\nAmina,+254712345601\n"))
	r, err := Open(Source{Path: path}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var rec domain.Record
	if err := r.Next(&rec); err != nil {
		t.Fatal(err)
	}
	if at := rec.At(domain.FieldPhone); at.Sheet != "" || at.Col != 0 || at.Line != 3 || rec.CellColumns != nil {
		t.Errorf("location %+v, cell columns %v", at, rec.CellColumns)
	}
}
