package input

import (
	"slices"
	"strings"
	"testing"

	"github.com/listaudit/listaudit/pkg/readmetest"
)

// TestREADMEColumns holds the README's table of recognised columns to the
// alias table: one row per field, in field order, listing its aliases in
// priority order (the phone row then says how other export columns are
// matched).
func TestREADMEColumns(t *testing.T) {
	section := readmetest.Section(t, readmetest.Lines(t), "## Recognised columns")
	rows := readmetest.TableRows(t, section, "| field | accepted headers, in priority order |")
	want := Aliases()
	if len(rows) != len(want) {
		t.Errorf("README recognised columns: %d rows, want one per field (%d)", len(rows), len(want))
	}
	for i, fa := range want[:min(len(rows), len(want))] {
		cells := readmetest.Cells(rows[i])
		list, _, _ := strings.Cut(cells[len(cells)-1], ", then ")
		if cells[0] != "`"+fa.Field.Name()+"`" || !slices.Equal(strings.Split(list, ", "), fa.Aliases) {
			t.Errorf("README recognised columns, row %d:\n%s\nwant:\n| `%s` | %s |", i+1, rows[i], fa.Field.Name(), strings.Join(fa.Aliases, ", "))
		}
	}
}
