package rules

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/listaudit/listaudit/pkg/domain"
)

// Duplicates finds the same number on several rows, across every input:
// the cross-row rules. Feed it contacts in input order with Add, then call
// Conflicts once at the end. It keeps a few words per row of a number, held
// by the number as an integer, so memory grows with unique numbers.
type Duplicates struct {
	rules *RuleSet
	index map[uint64]uint32
	nums  []numberRows
	files []fileRef
}

type fileRef struct {
	path    string
	columns *domain.Columns
}

// rowRef is the part of a row that the cross-row rules need.
type rowRef struct {
	file, row, line int32
	optedOut        bool
	// Unix seconds; 0 when empty.
	consentAt, optedOutAt int64
}

type numberRows struct {
	key   uint64 // the E.164 digits
	first rowRef
	more  []rowRef
	// anyOptedOut lets Conflicts skip numbers with nothing to conflict with.
	anyOptedOut bool
}

// NewDuplicates returns an empty tracker raising the findings of rs
// (DefaultRuleSet when nil).
func NewDuplicates(rs *RuleSet) *Duplicates {
	if rs == nil {
		rs = DefaultRuleSet()
	}
	return &Duplicates{rules: rs, index: make(map[uint64]uint32)}
}

// Has reports whether a valid number with key was on the list.
func (d *Duplicates) Has(key uint64) bool {
	_, ok := d.index[key]
	return ok
}

// Unique is the number of distinct valid numbers seen.
func (d *Duplicates) Unique() int { return len(d.nums) }

// Add records c's number and returns a duplicate finding when an earlier
// row had it. Contacts without a valid number are ignored.
func (d *Duplicates) Add(c *Contact) (domain.Finding, bool) {
	key, ok := numberKey(c.Number)
	if !ok {
		return domain.Finding{}, false
	}
	rec := c.Rec
	for len(d.files) <= rec.Loc.FileIndex {
		d.files = append(d.files, fileRef{})
	}
	d.files[rec.Loc.FileIndex] = fileRef{path: rec.Loc.File, columns: rec.Columns}
	ref := rowRef{
		file: int32(rec.Loc.FileIndex), row: int32(rec.Loc.Row), line: int32(rec.Loc.Line),
		optedOut: c.OptedOut(), consentAt: unix(c.ConsentAt.Unix(), c.ConsentAt.IsZero()),
		optedOutAt: unix(c.OptedOutAt.Unix(), c.OptedOutAt.IsZero()),
	}
	i, seen := d.index[key]
	if !seen {
		d.index[key] = uint32(len(d.nums))
		d.nums = append(d.nums, numberRows{key: key, first: ref, anyOptedOut: ref.optedOut})
		return domain.Finding{}, false
	}
	n := &d.nums[i]
	n.more = append(n.more, ref)
	n.anyOptedOut = n.anyOptedOut || ref.optedOut
	if !d.rules.Enabled(Duplicate) {
		return domain.Finding{}, false
	}
	first := d.loc(n.first)
	return domain.Finding{
		Rule:     Duplicate,
		Severity: d.rules.Severity(Duplicate),
		Loc:      rec.Loc,
		Field:    domain.FieldPhone,
		Column:   rec.Columns[domain.FieldPhone],
		Value:    rec.Values[domain.FieldPhone],
		Message:  fmt.Sprintf("same number as %s", first),
		Related:  []domain.Location{first},
		Phone:    c.Number.E164,
	}, true
}

func unix(sec int64, zero bool) int64 {
	if zero {
		return 0
	}
	return sec
}

func (d *Duplicates) loc(r rowRef) domain.Location {
	return domain.Location{File: d.files[r.file].path, FileIndex: int(r.file), Row: int(r.row), Line: int(r.line)}
}

// Conflicts returns a duplicate-conflict finding for every row that is not
// opted out while another row of its number is, unless this row's consent
// is later than that opt-out (a re-opt-in).
func (d *Duplicates) Conflicts() []domain.Finding {
	var out []domain.Finding
	if !d.rules.Enabled(DuplicateConflict) {
		return nil
	}
	var rows []rowRef
	for i := range d.nums {
		n := &d.nums[i]
		if !n.anyOptedOut || len(n.more) == 0 {
			continue
		}
		rows = append(append(rows[:0], n.first), n.more...)
		for _, r := range rows {
			if r.optedOut {
				continue
			}
			var related []domain.Location
			for _, o := range rows {
				if o.optedOut && (o.optedOutAt == 0 || r.consentAt == 0 || r.consentAt <= o.optedOutAt) {
					related = append(related, d.loc(o))
				}
			}
			if len(related) == 0 {
				continue
			}
			slices.SortFunc(related, func(a, b domain.Location) int {
				if a.Before(b) {
					return -1
				}
				if b.Before(a) {
					return 1
				}
				return 0
			})
			loc := d.loc(r)
			cols := d.files[r.file].columns
			e164 := "+" + strconv.FormatUint(n.key, 10)
			out = append(out, domain.Finding{
				Rule:     DuplicateConflict,
				Severity: d.rules.Severity(DuplicateConflict),
				Loc:      loc,
				Field:    domain.FieldPhone,
				Column:   cols[domain.FieldPhone],
				Value:    e164,
				Message:  fmt.Sprintf("another row of this number is opted out (%s) and this row has no later consent", joinLocs(related)),
				Related:  related,
				Phone:    e164,
			})
		}
	}
	return out
}

func joinLocs(ls []domain.Location) string {
	s := ""
	for i, l := range ls {
		if i > 0 {
			s += ", "
		}
		s += l.String()
	}
	return s
}
