package input

import (
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/listaudit/listaudit/pkg/cellvalue"
	"github.com/listaudit/listaudit/pkg/domain"
)

// A CRM export keeps a contact's number in whichever of its phone columns
// was filled: HubSpot's "Phone Number" or "Mobile Phone Number", Brevo's
// WHATSAPP or SMS, Salesforce's PHONE, MOBILEPHONE or HOMEPHONE. One of
// them is the phone column (the alias table's first); the others are its
// fallbacks: a record whose phone cell has no number (empty, blank, or a
// placeholder such as "n/a") is read from the first fallback, in the
// alias table's order, that has one, and its findings name that column.
// A record with a number in its phone column is read from it alone, and
// pays nothing for the fallbacks. This is not the contacts exports' rule
// (exportPhones), where every phone column of a contact is a number of its
// own; nor does it apply when --map names the phone column, which is then
// the one read.

// hasNumber reports whether a phone cell holds something to judge: not
// empty, blank or a placeholder for "no number".
func hasNumber(cell string) bool {
	if cell == "" || cellvalue.Placeholder(cell) {
		return false
	}
	// Only a cell that starts with white space or a non-ASCII byte can be
	// blank (as rules.readCells reads blanks).
	return !((cell[0] <= ' ' || cell[0] >= utf8.RuneSelf) && cellvalue.Blank(cell))
}

// readPhoneFallback reads rec's phone from the first of the fallback
// columns cols of a positional record (fields, under header) that has a
// number, when its phone cell has none. It returns the column read, -1
// when the phone cell was kept.
func (r *Reader) readPhoneFallback(rec *domain.Record, fields, header []string, cols []int) int {
	if hasNumber(rec.Values[domain.FieldPhone]) {
		if r.asWritten != "" {
			// A phone_e164 cell is judged, and its phone as written kept
			// beside it for the rules to compare: a person who corrects one
			// may leave the other stale.
			if v := rowCell(fields, cols[0]); hasNumber(v) {
				rec.PhoneAsWritten, rec.PhoneAsWrittenColumn = v, r.asWritten
			}
		}
		return -1
	}
	for _, c := range cols {
		if v := rowCell(fields, c); hasNumber(v) {
			rec.Values[domain.FieldPhone] = v
			rec.Columns = r.labelled(rec.Columns, header[c])
			rec.CellColumns = r.phoneCellsAt(rec.CellColumns, c)
			if r.rawRec != nil {
				r.rawRec.FallbackCell = c + 1
			}
			return c
		}
	}
	return -1
}

// phoneAsWritten is Reader.asWritten for a file whose phone column is
// column phone of header and its fallbacks cols: the first fallback's
// header when the phone column is a phone_e164 column, else "".
func phoneAsWritten(header []string, phone int, cols []int) string {
	if len(cols) == 0 || phone < 0 || !IsE164Header(header[phone]) {
		return ""
	}
	return header[cols[0]]
}

// PhoneFallbackNote says that the phone column's fallbacks, others, are
// read where column has no number: it ends the warning about several phone
// columns, and init's policy says it where it leaves phone unset. Columns
// of one header in a row are named once, with their count: a file of
// 20,000 columns named "phone" made a warning of 380 KB.
func PhoneFallbackNote(column string, others []string) string {
	named := sameHeaderRuns(column, others)
	from := named[0]
	if len(named) > 1 {
		from = andList(named)
	}
	if len(others) > 1 {
		from = "the first of " + from + " that has one"
	}
	return fmt.Sprintf("a record with no number in %q is read from %s", column, from)
}

// headerRun is a run of n columns of one header, in a list of headers.
type headerRun struct {
	header string
	n      int
}

// headerRuns splits headers into runs of equal ones, in order: the
// warnings about several columns of a field name a run once, with its
// count.
func headerRuns(headers []string) []headerRun {
	var runs []headerRun
	for i := 0; i < len(headers); {
		n := 1
		for i+n < len(headers) && headers[i+n] == headers[i] {
			n++
		}
		runs = append(runs, headerRun{headers[i], n})
		i += n
	}
	return runs
}

// sameHeaderRuns quotes others, in order, a run of equal headers once:
// "mobile" and `the other "phone"` (named as column is) for one column,
// `the 2 "mobile" columns` and `the 3 other "phone" columns` for several.
func sameHeaderRuns(column string, others []string) []string {
	var named []string
	for _, r := range headerRuns(others) {
		h, n := r.header, r.n
		switch q := strconv.Quote(h); {
		case n == 1 && h == column:
			named = append(named, "the other "+q)
		case n == 1:
			named = append(named, q)
		case h == column:
			named = append(named, fmt.Sprintf("the %d other %s columns", n, q))
		default:
			named = append(named, fmt.Sprintf("the %d %s columns", n, q))
		}
	}
	return named
}
