package input

import (
	"slices"
	"strconv"
	"strings"

	"github.com/listaudit/listaudit/pkg/domain"
)

// A contact with several numbers (the TELs of a vCard, the phone columns
// of a Google or Outlook export, a Google cell "+254… ::: +254…") becomes
// one record per number, so every number is audited and every finding
// names one number. The records of one contact are consecutive, carry the
// same cells otherwise and the same Loc.Line, and each has its own Row
// (rows count records, as Info.Rows does, so that listaudit fix writes one
// row per number, each in the cell it came from: RawRecord.PhoneCell). Each record's Columns names the number's source
// ("TEL;TYPE=CELL", "Phone 1 - Value [2]"), which findings show as their
// column.

// phoneValue is one number of a contact.
type phoneValue struct {
	value string
	// label names where the number came from; "" keeps the file's phone
	// column name.
	label string
	// cell is the positional cell the number was read from (raw mode), -1
	// when none.
	cell int
}

// googleSeparator joins the values of one Google Contacts cell.
const googleSeparator = ":::"

// splitMulti splits a Google Contacts multi-value cell.
func splitMulti(s string) []string {
	if !strings.Contains(s, googleSeparator) {
		return []string{s}
	}
	var out []string
	for p := range strings.SplitSeq(s, googleSeparator) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// numbers queues the numbers of a positional record when it has several:
// a Google multi-value cell, or several phone columns of a contacts export
// (extra, from exportPhones). A Google column whose label (its "Phone N -
// Label") names a fax or a pager is not read, as a vCard's fax TEL is not:
// such a number cannot take messages. It reports whether every number of
// the record was such a one, so the caller empties the phone cell.
func (r *Reader) numbers(header []string, phone int, extra []int, fields []string) (onlyFax bool) {
	if len(extra) == 0 && !strings.Contains(rowCell(fields, phone), googleSeparator) {
		return false
	}
	skipped := false
	for _, c := range append([]int{phone}, extra...) {
		cell := rowCell(fields, c)
		if cell != "" && faxLabel(rowCell(fields, googleLabel(header, c))) {
			r.skipColumn(header[c] + " (" + strings.TrimSpace(rowCell(fields, googleLabel(header, c))) + ")")
			skipped = true
			continue
		}
		parts := splitMulti(cell)
		for j, p := range parts {
			if p == "" {
				continue
			}
			label := header[c]
			if len(parts) > 1 {
				label += " [" + strconv.Itoa(j+1) + "]"
			}
			r.addPhone(p, label, c)
		}
	}
	return skipped && len(r.phones) == 0
}

// googleLabel finds the label column of Google's "Phone N - Value" column
// c: "Phone N - Label", or -1.
func googleLabel(header []string, c int) int {
	h := header[c]
	base, ok := strings.CutSuffix(h, " - Value")
	if !ok {
		return -1
	}
	for i, l := range header {
		if l == base+" - Label" {
			return i
		}
	}
	return -1
}

// faxLabel reports whether a Google phone label ("Work Fax", "* Pager")
// names a fax or a pager.
func faxLabel(label string) bool {
	l := strings.ToLower(strings.TrimLeft(strings.TrimSpace(label), "* "))
	return strings.Contains(l, "fax") || l == "pager"
}

// skipColumn names a column of numbers that are not read in Info.Skipped,
// once.
func (r *Reader) skipColumn(name string) {
	if len(r.info.Skipped) < maxSkipped && !slices.Contains(r.info.Skipped, name) {
		r.info.Skipped = append(r.info.Skipped, name)
	}
}

func rowCell(fields []string, i int) string {
	if i >= 0 && i < len(fields) {
		return fields[i]
	}
	return ""
}

// addPhone queues one number of the record being read.
func (r *Reader) addPhone(value, label string, cell int) {
	r.phones = append(r.phones, phoneValue{value: value, label: label, cell: cell})
}

// expand turns the record just read into the first of its numbers and
// queues the others. Malformed records are not expanded: they are reported
// once.
func (r *Reader) expand(rec *domain.Record) {
	if rec.Malformed != "" || len(r.phones) == 0 {
		return
	}
	r.base = *rec
	if r.rawRec != nil {
		r.baseRaw = append(r.baseRaw[:0], r.rawRec.Cells...)
	}
	r.queue = append(r.queue[:0], r.phones[1:]...)
	r.setNumber(rec, r.phones[0])
}

// nextNumber fills rec with the next queued number of the current contact.
func (r *Reader) nextNumber(rec *domain.Record) {
	p := r.queue[0]
	r.queue = r.queue[1:]
	*rec = r.base
	if r.rawRec != nil {
		r.rawRec.Cells = append(r.rawRec.Cells[:0], r.baseRaw...)
	}
	r.setNumber(rec, p)
}

// setNumber makes rec the record of number p: its phone value and column
// label, and in raw mode the cell p was read from holding p alone: the
// cells of the contact's other numbers are emptied, so a row written back
// holds one number, in its own column, and every other cell (a fax
// column, the phone labels) as read.
func (r *Reader) setNumber(rec *domain.Record, p phoneValue) {
	rec.Values[domain.FieldPhone] = p.value
	rec.Columns = r.labelled(rec.Columns, p.label)
	rec.CellColumns = r.phoneCellsAt(rec.CellColumns, p.cell)
	if r.rawRec == nil || p.cell < 0 {
		return
	}
	cells := r.rawRec.Cells
	for _, q := range r.phones {
		if q.cell >= 0 && q.cell < len(cells) {
			cells[q.cell] = ""
		}
	}
	if p.cell < len(cells) {
		cells[p.cell] = p.value
	}
	if p.cell != r.phoneCell {
		r.rawRec.PhoneCell = p.cell + 1
	}
}

// labelled returns the columns base (the file's, or those of a record
// read from another opt-out column) with the phone column named label; one
// Columns per base and label, shared by the records that use it.
func (r *Reader) labelled(base *domain.Columns, label string) *domain.Columns {
	if label == "" || label == base[domain.FieldPhone] {
		return base
	}
	return shared(&r.labels, labelKey{base, label}, func() domain.Columns {
		c := *base
		c[domain.FieldPhone] = label
		return c
	})
}

type labelKey struct {
	base  *domain.Columns
	label string
}

// phoneCellsAt returns a workbook's cell columns base with the phone read
// from positional cell col (from 0); base itself when nil (a text file),
// when col is none or when the phone is already read from there. One
// CellColumns per base and column, shared as labelled's Columns are.
func (r *Reader) phoneCellsAt(base *domain.CellColumns, col int) *domain.CellColumns {
	if base == nil || col < 0 || base[domain.FieldPhone] == col+1 {
		return base
	}
	return shared(&r.phoneCells, phoneCellKey{base, col}, func() domain.CellColumns {
		c := *base
		c[domain.FieldPhone] = col + 1
		return c
	})
}

type phoneCellKey struct {
	base *domain.CellColumns
	col  int
}

// maxShared caps the values shared keeps: a file's labels and columns are
// few, and a file must never grow the cache.
const maxShared = 1024

// shared returns the value kept in *cache under key, made by newValue and
// kept when new.
func shared[K comparable, V any](cache *map[K]*V, key K, newValue func() V) *V {
	if v, ok := (*cache)[key]; ok {
		return v
	}
	if *cache == nil {
		*cache = map[K]*V{}
	}
	v := newValue()
	if len(*cache) < maxShared {
		(*cache)[key] = &v
	}
	return &v
}
