package report

import (
	"strconv"

	"github.com/listaudit/listaudit/pkg/domain"
)

// placeText names where in its file a location is, for text that names the
// file apart (an annotation's file, a JUnit suite): "line 4", or a
// workbook's cell "Sheet1!E3"; "row 3" when the line is not known.
func placeText(l domain.Location) string {
	switch {
	case l.Line < 1:
		return "row " + strconv.Itoa(l.Row)
	case l.Sheet != "":
		return l.Place()
	}
	return "line " + strconv.Itoa(l.Line)
}
