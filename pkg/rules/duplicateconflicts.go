package rules

import (
	"cmp"
	"iter"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/listaudit/listaudit/pkg/cellvalue"
	"github.com/listaudit/listaudit/pkg/domain"
)

// Conflicts is the duplicate-conflict findings of a Duplicates in report
// order (domain.CompareFindings): a finding for every row that is not
// opted out while another row of its number is, unless this row's consent
// is later than that opt-out (a re-opt-in); and for every row that is not
// opted out while another row of its number is malformed, so that whether
// that row is opted out cannot be read (listaudit fails closed). A
// malformed row gets none (it has row-malformed). It holds where they are, 16
// bytes a finding, and builds each finding only as it is read: a list of
// millions of rows can have millions of conflicts, and a report may read
// few of them.
type Conflicts struct {
	d    *Duplicates
	rule domain.RuleSeverity
	rows []conflictRow
	// wide holds the keys of Duplicates.wide that conflictRow.number
	// names, from the table's length on.
	wide []uint64
}

// conflictRow is a row that has a conflict: 16 bytes.
type conflictRow struct {
	// at is the row's input file and row, which order its finding: the
	// rule and column, next in the order, are the same for every
	// conflict, and no two have the same file and row.
	at uint64
	// number is its number's slot in the table, or from the table's
	// length on, its index in Conflicts.wide plus that length.
	number uint32
	// row is the row's index in rows (rowChains).
	row uint32
}

// Conflicts finds the duplicate conflicts, once every row was added.
func (d *Duplicates) Conflicts() *Conflicts {
	sev, on := d.rules.Rule(DuplicateConflict)
	c := &Conflicts{d: d, rule: domain.RuleSeverity{Rule: DuplicateConflict, Severity: sev}}
	if !on {
		return c
	}
	var rows []rowRef
	for i, s := range d.numbers.slots {
		if s.val&chainedBit != 0 {
			rows = c.collect(uint32(i), s.val, rows)
		}
	}
	for key, val := range d.wide {
		c.wide = append(c.wide, key)
		rows = c.collect(uint32(len(d.numbers.slots)+len(c.wide)-1), val, rows)
	}
	// number and row break ties as the order they were collected in
	// would: a stable sort's.
	slices.SortFunc(c.rows, func(a, b conflictRow) int {
		return cmp.Or(cmp.Compare(a.at, b.at), cmp.Compare(a.number, b.number), cmp.Compare(a.row, b.row))
	})
	return c
}

// Len is how many conflicts there are.
func (c *Conflicts) Len() int { return len(c.rows) }

// RuleSeverity is the rule and severity of every conflict.
func (c *Conflicts) RuleSeverity() domain.RuleSeverity { return c.rule }

// All builds and yields the conflicts in report order. Each finding is the
// reader's own.
func (c *Conflicts) All() iter.Seq[*domain.Finding] {
	return func(yield func(*domain.Finding) bool) {
		rows := optOutCache{}
		var same []domain.Finding
		for i := 0; i < len(c.rows); {
			j := i + 1
			for j < len(c.rows) && c.rows[j].at == c.rows[i].at {
				j++
			}
			if j == i+1 {
				f := c.finding(c.rows[i], rows)
				if !yield(&f) {
					return
				}
				i = j
				continue
			}
			// Rows that share a file and row (no input makes them) are
			// ordered by the rest of their findings, as a sort of every
			// finding would.
			same = same[:0]
			for ; i < j; i++ {
				same = append(same, c.finding(c.rows[i], rows))
			}
			domain.SortFindings(same)
			for k := range same {
				f := same[k]
				if !yield(&f) {
					return
				}
			}
		}
	}
}

// Collect builds every conflict, in report order.
func (c *Conflicts) Collect() []domain.Finding {
	out := make([]domain.Finding, 0, c.Len())
	for f := range c.All() {
		out = append(out, *f)
	}
	return out
}

// collect adds the rows of the number at index number, whose chained value
// is val, that have a conflict; rows is scratch space, returned for reuse.
// Each row is held against the opted-out rows alone, which are few: a
// number on thousands of rows with one opt-out costs as many steps, not
// their square.
func (c *Conflicts) collect(number uint32, val uint64, rows []rowRef) []rowRef {
	head, tail := chainHead(val), chainTail(val)
	if head == tail || val&anyOptedOutBit == 0 {
		return rows
	}
	rows = c.d.chainRows(val, rows[:0])
	all := len(rows)
	rows = appendMayStop(rows, rows)
	opted := rows[all:]
	k := 0
	for i := head; ; i = c.d.rows.at(i).next {
		if r := rows[k]; !r.mayStop() && stoppedByAny(r, opted) {
			c.rows = append(c.rows, conflictRow{at: uint64(uint32(r.file))<<32 | uint64(uint32(r.row)), number: number, row: i})
		}
		k++
		if i == tail {
			return rows
		}
	}
}

// finding builds the conflict of row cr, with its number's opted-out rows
// from cache.
func (c *Conflicts) finding(cr conflictRow, cache optOutCache) domain.Finding {
	d := c.d
	var key, val uint64
	if n := len(d.numbers.slots); int(cr.number) < n {
		s := d.numbers.slots[cr.number]
		key, val = s.key&keyMask, s.val
	} else {
		key = c.wide[int(cr.number)-n]
		val = d.wide[key]
	}
	opted, ok := cache[cr.number]
	if !ok {
		if len(cache) >= maxCachedNumbers {
			clear(cache)
		}
		opted = appendMayStop(nil, d.chainRows(val, nil))
		cache[cr.number] = opted
	}
	return d.conflictOf(key, d.rowAt(cr.row), opted)
}

// optOutCache holds the opted-out and malformed rows of numbers with
// conflicts (rowRef.mayStop), by
// conflictRow.number: a number's conflicts are built apart (they sort by
// row), and walking its chain for each made a number on thousands of rows
// cost their square.
type optOutCache map[uint32][]rowRef

// maxCachedNumbers bounds the cache; past it, it starts again.
var maxCachedNumbers = 1 << 16

// appendMayStop appends the rows of rows that may stop the others (opted
// out or malformed) to out.
func appendMayStop(out, rows []rowRef) []rowRef {
	for _, r := range rows {
		if r.mayStop() {
			out = append(out, r)
		}
	}
	return out
}

// chainRows appends the rows of the number whose chained value is val to
// rows, first to last.
func (d *Duplicates) chainRows(val uint64, rows []rowRef) []rowRef {
	tail := chainTail(val)
	for i := chainHead(val); ; i = d.rows.at(i).next {
		rows = append(rows, d.rowAt(i))
		if i == tail {
			return rows
		}
	}
}

// stoppedBy reports whether o stops r: o is an opt-out and r's consent is
// not shown to be later than it, or o is malformed, so no consent of r can
// be shown to be later than whatever o holds.
func (r rowRef) stoppedBy(o rowRef) bool {
	return o.malformed() || o.optedOut() && (o.optedOutAt == 0 || r.consentAt == 0 || r.consentAt <= o.optedOutAt)
}

// stoppedByAny reports whether one of rows stops r.
func stoppedByAny(r rowRef, rows []rowRef) bool {
	for _, o := range rows {
		if r.stoppedBy(o) {
			return true
		}
	}
	return false
}

// conflictOf is the conflict of row r, which is not opted out, with the
// rows of its number key that stop it (one at least) among rows, which
// holds the number's opted-out and malformed rows at least.
func (d *Duplicates) conflictOf(key uint64, r rowRef, rows []rowRef) domain.Finding {
	var why conflictReason
	for _, o := range rows {
		if r.stoppedBy(o) {
			why.add(o, d.loc(o))
		}
	}
	related := why.related()
	e164 := "+" + strconv.FormatUint(key, 10)
	return domain.Finding{
		Rule:     DuplicateConflict,
		Severity: d.rules.Severity(DuplicateConflict),
		Loc:      d.loc(r),
		Field:    domain.FieldPhone,
		Column:   d.files[r.file].phoneColumns.values[r.column].header,
		Value:    e164,
		Message:  why.message(r, d.scopeNote(rows)),
		Related:  related,
		Phone:    e164,
	}
}

// conflictReason is what stops a row: the opted-out rows of its number,
// how many of their opt-outs have no date and the latest date of the
// others, and the malformed rows of its number.
type conflictReason struct {
	opted, malformed []domain.Location
	undated, dated   int
	latest           int64
}

func (w *conflictReason) add(o rowRef, at domain.Location) {
	if o.malformed() {
		w.malformed = append(w.malformed, at)
		return
	}
	w.opted = append(w.opted, at)
	if o.optedOutAt == 0 {
		w.undated++
	} else {
		w.dated++
		w.latest = max(w.latest, o.optedOutAt)
	}
}

// related is the rows that stop the row, sorted: a conflict's related rows.
func (w *conflictReason) related() []domain.Location {
	sortLocations(w.opted)
	if len(w.malformed) == 0 {
		return w.opted // the message reads them, and does not change them
	}
	sortLocations(w.malformed)
	related := append(append(make([]domain.Location, 0, len(w.opted)+len(w.malformed)), w.opted...), w.malformed...)
	sortLocations(related)
	return related
}

// message says truthfully why the row r is stopped: which rows, and why no
// consent of r can be shown to be later than their opt-outs. note, the
// opt-outs' channels (scopeNote), follows what it is about. related sorts
// the rows first.
func (w *conflictReason) message(r rowRef, note string) string {
	var b strings.Builder
	if len(w.opted) > 0 {
		b.WriteString("another row of this number is opted out (" + joinLocs(w.opted) + ") and ")
		switch {
		case r.consentAt == 0:
			b.WriteString("this row has no consent date")
		case w.dated == 0:
			b.WriteString(plural(w.undated, "the opt-out has no date", "the opt-outs have no date") + ", so no consent can be shown to be later")
		default:
			b.WriteString("this row's consent (" + dayText(r.consentAt) + ") is not later than the opt-out (" + dayText(w.latest) + ")")
			if w.undated > 0 {
				b.WriteString(", and " + plural(w.undated, "another opt-out has no date", "other opt-outs have no date"))
			}
		}
		b.WriteString(note)
	}
	if len(w.malformed) > 0 {
		if b.Len() > 0 {
			b.WriteString("; ")
		}
		b.WriteString("another row of this number is malformed (" + joinLocs(w.malformed) + "), so whether it is opted out cannot be read")
	}
	return b.String()
}

// plural is one when n is 1, else many.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// dayText writes a date in Unix seconds as reports do: 2025-01-31, with
// the time when it has one.
func dayText(sec int64) string { return cellvalue.FormatDate(time.Unix(sec, 0)) }

// sortLocations sorts locations by input file and row.
func sortLocations(ls []domain.Location) {
	slices.SortFunc(ls, func(a, b domain.Location) int {
		if a.Before(b) {
			return -1
		}
		if b.Before(a) {
			return 1
		}
		return 0
	})
}

// scopeNote says, when the campaign's channel is declared and an opted-out
// row records its channels, what the opt-out was for and that it stops
// this campaign.
func (d *Duplicates) scopeNote(rows []rowRef) string {
	var chans domain.Channels
	for _, r := range rows {
		if r.optedOut() {
			chans |= r.channels()
		}
	}
	return string(appendOptOutNote(nil, chans, d.channel, d.scope))
}

// joinLocs writes locations as a list: "a.csv:2, a.csv:5".
func joinLocs(ls []domain.Location) string {
	var b strings.Builder
	for i, l := range ls {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(l.String())
	}
	return b.String()
}
