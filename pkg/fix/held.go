package fix

import (
	"context"
	"errors"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/input"
	"github.com/listaudit/listaudit/pkg/rules"
)

// holdable are the rules a quarantine file's listaudit_rules may name that
// a later run may not be able to check again, since their evidence is not
// in the row's cells: a suppression list, a send log, the number's other
// rows (in other files), an XLSX number cell's damage. A row naming one that the
// run cannot check stays quarantined (plan.holdRules) until a person
// removes it from the cell: else a re-fix without the evidence would put a
// number that must not be messaged back on the clean list.
var holdable = [...]string{rules.Suppressed, rules.OverMessaged, rules.ContactedAfterOptOut, rules.Duplicate, rules.DuplicateConflict, rules.PhoneExcelDamaged}

// holdSet is a set of holdable rules, bit i for holdable[i].
type holdSet uint8

// heldOfNumber are the holdable rules about a number rather than its row:
// a row held for one holds every row of its number in the run (the run
// that found it quarantined them all), as their findings would.
var heldOfNumber = [...]string{rules.Suppressed, rules.OverMessaged, rules.ContactedAfterOptOut, rules.DuplicateConflict}

// unchecked is the set of holdable rules that a run under pol cannot check
// again: suppressed without a suppression list, over-messaged and
// contacted-after-opt-out without a send log, duplicate and
// duplicate-conflict always (the number's other rows are in other files),
// and phone-excel-damaged always: fix writes the digits it read as text,
// in a CSV file or in a workbook's text cell alike, where no damage shows
// any more. A rule found again (a number cell still damaged, a number on
// the list given) is the run's own finding and holds nothing
// (classKey.heldOnly). A rule the policy disables holds no row, as it
// quarantines none; nor does duplicate-conflict once duplicate is
// disabled, which keeps every row of a number.
func unchecked(pol domain.Policy) holdSet {
	var s holdSet
	for i, id := range holdable {
		hold := !slices.Contains(pol.Disabled, id)
		switch id {
		case rules.Suppressed:
			// Found on a suppression list or by an opt-out reply of a
			// send log: the quarantine file does not say which, so the
			// run checks it again only with both kinds of evidence.
			hold = hold && (len(pol.Suppress) == 0 || len(pol.MessageLogs) == 0)
		case rules.OverMessaged, rules.ContactedAfterOptOut:
			hold = hold && len(pol.MessageLogs) == 0
		case rules.DuplicateConflict:
			hold = hold && !slices.Contains(pol.Disabled, rules.Duplicate)
		}
		if hold {
			s |= 1 << i
		}
	}
	return s
}

// holdOf is the set of rules of among those a listaudit_rules cell names:
// ids joined by ";", each perhaps marked " (held)" as fix writes a held
// rule (rowClass.joined), in any case and spacing a person may type.
func holdOf(cell string, among holdSet) holdSet {
	var s holdSet
	// Any run of characters a rule id has not separates ids: a person may
	// retype "a;b" as "a, b", "a b" or one a line, and a rule missed here
	// would be released.
	notInID := func(r rune) bool { return !(r == '-' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9') }
	for _, id := range strings.FieldsFunc(strings.ToLower(cell), notInID) {
		if i := slices.Index(holdable[:], id); i >= 0 && among&(1<<i) != 0 {
			s |= 1 << i
		}
	}
	return s
}

// ids are the rule ids of s, in holdable's order.
func (s holdSet) ids() []string {
	var ids []string
	for i, id := range holdable {
		if s&(1<<i) != 0 {
			ids = append(ids, id)
		}
	}
	return ids
}

// heldCells is what the listaudit_* cells of a quarantine file fixed
// again hold back (heldRows).
type heldCells struct {
	// malformed are the records whose listaudit_raw is not empty.
	malformed map[rowID]struct{}
	// rules are, of the other records, those whose listaudit_rules names
	// rules the run cannot check again (unchecked), with them.
	rules map[rowID]holdSet
}

// heldRows reads again each input that has a listaudit_raw or a
// listaudit_rules column (a quarantine file fixed again) and returns its
// records held back by them. A record whose listaudit_raw is not empty was
// a malformed record of the run that wrote it, its cells read from a
// record that did not fit the header (a short record's missing opt-out is
// an empty cell, read as not opted out; a long one's cells are shifted).
// fix cannot tell cells corrected from cells as read, so such a record
// stays quarantined as row-malformed, with its raw text, until its
// listaudit_raw is emptied. A record whose listaudit_rules names rules
// this run cannot check again under pol (unchecked) stays quarantined for
// them until they are removed from it. Only such inputs are read a third
// time; the others cost nothing.
func heldRows(ctx context.Context, paths []string, infos []input.Info, in input.Options, stdin *os.File, pol domain.Policy) (heldCells, error) {
	var h heldCells
	in.AllKeys, in.Warn = false, nil // the audit warned already
	for i, info := range infos {
		fl := fileLayout{raw: slices.Index(info.Keys, ColRaw), rules: slices.Index(info.Keys, ColRules)}
		among := unchecked(pol)
		if fl.rules < 0 {
			among = 0
		}
		if i >= len(paths) || fl.raw < 0 && among == 0 {
			continue
		}
		if err := h.read(ctx, input.Source{Path: paths[i], FileIndex: i}, info, in, stdin, &fl, among); err != nil {
			return heldCells{}, err
		}
	}
	return h, nil
}

// read reads one input's held records into h.
func (h *heldCells) read(ctx context.Context, src input.Source, info input.Info, in input.Options, stdin *os.File, fl *fileLayout, among holdSet) error {
	r, err := reopen(src, in, stdin)
	if err != nil {
		return err
	}
	var rec input.RawRecord
	for err == nil {
		if err = r.Next(&rec); err != nil {
			break
		}
		id := idOf(src.FileIndex, rec.Loc.Row)
		if fl.rawCell(rec.Keys, rec.Cells) != "" {
			if h.malformed == nil {
				h.malformed = map[rowID]struct{}{}
			}
			h.malformed[id] = struct{}{}
		} else if s := holdOf(quarantineCell(fl.rules, ColRules, rec.Keys, rec.Cells), among); s != 0 {
			if h.rules == nil {
				h.rules = map[rowID]holdSet{}
			}
			h.rules[id] = s
		}
		err = ctx.Err()
	}
	if !errors.Is(err, io.EOF) {
		r.Close()
		return err
	}
	now := r.Info()
	if err := r.Close(); err != nil {
		return err
	}
	return changedBetweenPasses(src.Path, info, now)
}

// rawCell is a record's listaudit_raw cell (keys name cells for JSON), ""
// when its input has no such column.
func (fl *fileLayout) rawCell(keys, cells []string) string {
	return quarantineCell(fl.raw, ColRaw, keys, cells)
}

// quarantineCell is a record's cell of the quarantine column name, at
// position at (keys name cells for JSON), "" when its input has no such
// column (at < 0).
func quarantineCell(at int, name string, keys, cells []string) string {
	if at < 0 {
		return ""
	}
	if len(keys) > 0 {
		if j := slices.Index(keys, name); j >= 0 && j < len(cells) {
			return cells[j]
		}
		return ""
	}
	if at < len(cells) {
		return cells[at]
	}
	return ""
}

// hold makes the held rows (heldRows) malformed records: each goes to
// quarantine for row-malformed alone, and no row of its number is kept,
// since whether it is opted out cannot be read. The rows held for their
// rules are kept for the plan (plan.holdRules).
func (c *collector) hold(h heldCells) {
	c.heldRules = h.rules
	if len(h.malformed) == 0 {
		return
	}
	held := h.malformed
	c.held = held
	for id := range held {
		c.malformed[id] = struct{}{}
	}
	for i := range c.groups {
		g := &c.groups[i]
		_, first := held[g.first.id]
		g.optedOut = g.optedOut || first || slices.ContainsFunc(g.more, func(m member) bool {
			_, ok := held[m.id]
			return ok
		})
	}
}

// holdRules adds to each row held for its rules (collector.heldRules)
// those rules, as held (classKey.held): the row is quarantined, and
// listaudit_rules names them again. A malformed row goes for row-malformed
// alone. A phone-excel-damaged finding on the row, whatever its severity,
// was checked again (a number cell still damaged), and the policy decides
// it: it holds nothing.
func (p *plan) holdRules(c *collector) error {
	var bitOf [len(holdable)]uint64
	for i, id := range holdable {
		b, err := p.classes.bit(id)
		if err != nil {
			return err
		}
		bitOf[i] = b.bit
	}
	excel := p.classes.bitOf[rules.PhoneExcelDamaged].bit
	for id, s := range c.heldRules {
		if c.isMalformed(id) {
			continue
		}
		var k classKey
		for i := range holdable {
			if s&(1<<i) != 0 {
				k.held |= bitOf[i]
			}
		}
		own := p.classes.table[p.classes.of(id)].key
		k.held &^= (own.kept | own.hidden) & excel
		p.classes.add(id, k)
	}
	return nil
}
