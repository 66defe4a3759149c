package fix

import (
	"cmp"
	"iter"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/listaudit/listaudit/pkg/audit"
	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/input"
	"github.com/listaudit/listaudit/pkg/rules"
)

// rowID names one record: its input's index and its row.
type rowID uint64

func idOf(fileIndex, row int) rowID { return rowID(uint64(fileIndex)<<32 | uint64(uint32(row))) }

func (id rowID) file() int { return int(id >> 32) }
func (id rowID) row() int  { return int(uint32(id)) }

// noConsent sorts before every consent date.
const noConsent = math.MinInt64

// member is one row of a number.
type member struct {
	id rowID
	// consent is the consent date in Unix seconds (what the audit keeps of
	// a number's first row), noConsent if none.
	consent int64
	// line is where the row starts (domain.Location.Line), for the kept
	// row's location.
	line int
}

// group is every row of one number, in input order.
type group struct {
	key   uint64
	first member
	more  []member
	// optedOut: a row is opted out, or malformed so that whether it is
	// cannot be read.
	optedOut bool
}

// collector is the audit's Observer: it gathers the rows of every number
// on more than one row (the audit's duplicate rules say which row had a
// number first, so only repeated numbers cost memory here), the malformed
// rows, the rules that fired on each row and each input's description.
type collector struct {
	groupOf   map[uint64]int32 // a repeated number's index in groups
	groups    []group
	malformed map[rowID]struct{}
	// held are the malformed records of an earlier run in a quarantine
	// file fixed again, among malformed (heldRows).
	held map[rowID]struct{}
	// heldRules are the rows of a quarantine file fixed again whose
	// listaudit_rules names rules this run cannot check again, with them
	// (heldRows).
	heldRules map[rowID]holdSet
	// optedOut holds the opted-out rows of repeated numbers (few): with
	// the opted-out rule disabled, such a row goes as a duplicate, not for
	// another row's opt-out.
	optedOut map[rowID]struct{}
	infos    []input.Info
	// rowRules holds, per input, per row (1-based), the rules that fired
	// on the row (audit.Row.Rules) as an index into masks, which holds
	// each distinct set once; 0 is none.
	rowRules [][]uint32
	masks    []rules.RuleMask
	maskOf   map[rules.RuleMask]uint32
	// recentMasks keeps maskOf's answers where a hash of the mask places
	// them: a list has few distinct sets, and every row asks.
	recentMasks [64]recentMask
	// numbers holds, per input, per row, the key of the row's number as
	// the audit read it (audit.Row.Key), 0 for none: the writing pass
	// writes it in E.164 instead of reading the cell again.
	numbers [][]uint64
}

var _ audit.Observer = (*collector)(nil)

func newCollector() *collector {
	return &collector{groupOf: map[uint64]int32{}, malformed: map[rowID]struct{}{}, optedOut: map[rowID]struct{}{},
		masks: []rules.RuleMask{0}, maskOf: map[rules.RuleMask]uint32{0: 0}}
}

func (c *collector) Row(r *audit.Row) {
	id := idOf(r.Loc.FileIndex, r.Loc.Row)
	if r.Rules != 0 {
		c.noteRules(id, r.Rules)
	}
	if r.Key != 0 {
		f, row := id.file(), id.row()
		c.numbers = grow(c.numbers, f, row)
		c.numbers[f][row] = r.Key
	}
	if r.Malformed {
		c.malformed[id] = struct{}{}
		// A malformed row whose number an earlier row had joins its
		// group (First is set only then): whether it is opted out cannot
		// be read, so no row of the number is kept.
	}
	if r.Key == 0 || r.First == nil {
		return // no number, or its first row so far
	}
	i, ok := c.groupOf[r.Key]
	if !ok {
		first := r.First
		i = int32(len(c.groups))
		c.groupOf[r.Key] = i
		if first.OptedOut {
			c.optedOut[idOf(first.Loc.FileIndex, first.Loc.Row)] = struct{}{}
		}
		c.groups = append(c.groups, group{
			key:      r.Key,
			first:    member{id: idOf(first.Loc.FileIndex, first.Loc.Row), consent: consentOf(first.ConsentAt), line: first.Loc.Line},
			optedOut: first.OptedOut || first.Malformed,
		})
	}
	g := &c.groups[i]
	m := member{id: id, consent: noConsent, line: r.Loc.Line}
	if !r.ConsentAt.IsZero() {
		m.consent = consentOf(r.ConsentAt.Unix())
	}
	g.more = append(g.more, m)
	g.optedOut = g.optedOut || r.OptedOut || r.Malformed
	if r.OptedOut {
		c.optedOut[id] = struct{}{}
	}
}

// noteRules notes that rules m fired on row id.
func (c *collector) noteRules(id rowID, m rules.RuleMask) {
	i := c.maskIndex(m)
	f, r := id.file(), id.row()
	c.rowRules = grow(c.rowRules, f, r)
	c.rowRules[f][r] = i
}

type recentMask struct {
	m rules.RuleMask // 0: no mask kept (0 is masks[0], which no row notes)
	i uint32
}

// maskIndex is m's index in masks, added when new.
func (c *collector) maskIndex(m rules.RuleMask) uint32 {
	slot := &c.recentMasks[uint64(m)*0x9e3779b97f4a7c15>>58]
	if slot.m == m {
		return slot.i
	}
	i, ok := c.maskOf[m]
	if !ok {
		i = uint32(len(c.masks))
		c.masks = append(c.masks, m)
		c.maskOf[m] = i
	}
	*slot = recentMask{m, i}
	return i
}

// consentOf turns a consent date in Unix seconds, 0 when empty as the
// audit's duplicate rules keep it, into a member's consent.
func consentOf(unix int64) int64 {
	if unix == 0 {
		return noConsent
	}
	return unix
}

// isMalformed reports whether row id is a malformed record; most lists
// have none, and then no lookup is made.
func (c *collector) isMalformed(id rowID) bool {
	if len(c.malformed) == 0 {
		return false
	}
	_, ok := c.malformed[id]
	return ok
}

func (c *collector) Input(info input.Info) { c.infos = append(c.infos, info) }

// dupRole is a row's place in a group of rows sharing a number.
type dupRole struct {
	key uint64
	// keeper is the row kept of the group; valid when hasKeeper.
	keeper    member
	hasKeeper bool
	// optedOut: a row of the group is opted out (or malformed, so that
	// whether it is cannot be read), so none is kept.
	optedOut bool
}

// plan decides, row by row, where each record goes.
type plan struct {
	lv levels
	// dups holds the rows of every number on more than one row (when the
	// duplicate rule runs), and roles each such number's decision.
	dups  dupRows
	roles []dupRole
	// classes holds every row's decision but the kept row's location.
	classes *classes
	// numbers is collector.numbers.
	numbers [][]uint64
	files   []string
	sheets  []string // each input's sheet, for a workbook
}

// dupRows holds the rows of every number on more than one row, sorted,
// each with its number's index in plan.roles. The writing pass asks about
// rows in order, so a cursor finds a row by comparing it with the next one
// instead of hashing: a map of these rows cost a million-row fix ~0.6 s of cache
// misses. Rows asked about out of order are found by binary search.
type dupRows struct {
	rows []dupRow
	next int
}

type dupRow struct {
	id    rowID
	group int32
	// dropped: a finding at or above dropOn sends the row to quarantine.
	dropped bool
}

// find returns row id's entry, nil when the row is in no group, and moves
// the cursor past it.
func (d *dupRows) find(id rowID) *dupRow {
	i := d.next
	if i > 0 && d.rows[i-1].id == id {
		return &d.rows[i-1] // a row asked about again
	}
	if i > 0 && d.rows[i-1].id > id || i < len(d.rows) && d.rows[i].id < id {
		i = d.index(id)
	}
	if i < len(d.rows) && d.rows[i].id == id {
		d.next = i + 1
		return &d.rows[i]
	}
	d.next = i
	return nil
}

// lookup returns row id's entry, nil when the row is in no group, without
// moving the cursor: for rows asked about out of order.
func (d *dupRows) lookup(id rowID) *dupRow {
	if i := d.index(id); i < len(d.rows) && d.rows[i].id == id {
		return &d.rows[i]
	}
	return nil
}

// index is where row id is, or would be, in rows.
func (d *dupRows) index(id rowID) int {
	i, _ := slices.BinarySearchFunc(d.rows, id, func(r dupRow, id rowID) int { return cmp.Compare(r.id, id) })
	return i
}

// newPlan turns what the audit saw into decisions. A group's kept row is
// chosen among its rows that no finding at or above dropOn sends to
// quarantine anyway (see chooseKeeper).
func newPlan(c *collector, res *domain.Result, dropOn domain.Severity, dedupe bool) (*plan, error) {
	lv := levels{dropOn: dropOn, failOn: res.Policy.FailOn}
	// The audit is over: the groups are not needed once the plan is made,
	// and the writing pass then has their memory.
	c.groupOf = nil
	defer func() { c.groups = nil }()
	rows := make([]int, len(res.Inputs))
	p := &plan{lv: lv, numbers: c.numbers}
	for i, in := range res.Inputs {
		p.files = append(p.files, in.Path)
		rows[i] = in.Rows
	}
	var err error
	if p.classes, err = newClasses(rows); err != nil {
		return nil, err
	}
	if err := p.classifyRules(c, res.RuleSeverity); err != nil {
		return nil, err
	}
	p.sheets = make([]string, len(p.files))
	for i, in := range c.infos {
		if i < len(p.sheets) {
			p.sheets[i] = in.Sheet
		}
	}
	if err := p.classifyHidden(res.Accepted); err != nil {
		return nil, err
	}
	if dedupe {
		p.groupRows(c)
	}
	if err := p.classify(res); err != nil {
		return nil, err
	}
	if err := p.dropWithoutNumber(); err != nil {
		return nil, err
	}
	malformed, err := p.classes.bit(rules.RowMalformed)
	if err != nil {
		return nil, err
	}
	held := p.classes.intern(classKey{drop: malformed.bit})
	for id := range c.malformed {
		if _, ok := c.held[id]; ok {
			// Its findings are of cells read from a record that did not
			// fit the header: it goes, as it went, for row-malformed alone.
			p.classes.set(id, held)
			continue
		}
		p.classes.add(id, classKey{drop: malformed.bit})
	}
	if err := p.holdRules(c); err != nil {
		return nil, err
	}
	if dedupe {
		// Rows of a group that go to quarantine for their own findings
		// cannot be kept.
		for i := range p.dups.rows {
			r := &p.dups.rows[i]
			r.dropped = p.classes.table[p.classes.of(r.id)].key.quarantined()
		}
		return p, p.chooseKeepers(c, rules.Runs(rules.DuplicateConflict, res.Policy))
	}
	return p, nil
}

// noNumberRules are the rules whose finding may mean the row has no number
// the audit could read: phone-missing, phone-invalid, and
// phone-excel-damaged when the number cannot be recovered.
var noNumberRules = [...]string{rules.PhoneMissing, rules.PhoneInvalid, rules.PhoneExcelDamaged}

// dropWithoutNumber quarantines, for those rules, a row that one of them
// leaves without a number, whatever their severity and whether a baseline
// hid the finding: the clean file's phone cell is a number in E.164, and
// a policy that lowers a rule, or a baseline that accepts a finding for
// reporting, must not put a cell that calls no one on the list. Rows are
// looked at only when a class that would be kept has such a finding.
func (p *plan) dropWithoutNumber() error {
	var ofRules uint64
	for _, id := range noNumberRules {
		b, err := p.classes.bit(id)
		if err != nil {
			return err
		}
		ofRules |= b.bit
	}
	affected := make([]bool, len(p.classes.table)) // by class
	some := false
	for i, rc := range p.classes.table {
		if rc.key.drop == 0 && (rc.key.kept|rc.key.hidden)&ofRules != 0 {
			affected[i], some = true, true
		}
	}
	if !some {
		return nil
	}
	for f, n := range p.classes.rowsPerInput() {
		for r := 1; r <= n; r++ {
			id := idOf(f, r)
			// Classes that add makes come after affected's.
			c := p.classes.of(id)
			if c >= len(affected) || !affected[c] || p.numberOf(id) != 0 {
				continue
			}
			k := p.classes.table[c].key
			p.classes.add(id, classKey{drop: (k.kept | k.hidden) & ofRules})
		}
	}
	return nil
}

// numberOf is the key of row id's number as the audit read it, 0 for none.
func (p *plan) numberOf(id rowID) uint64 {
	if f, r := id.file(), id.row(); f < len(p.numbers) && r < len(p.numbers[f]) {
		return p.numbers[f][r]
	}
	return 0
}

// classifyHidden adds to each row's class what the findings a baseline
// hid on it add (ruleBit.hiddenKey): those forbidding its number to be
// messaged, accepted for reporting, still keep the row off the list.
// They come in order, so each row's are added at once.
func (p *plan) classifyHidden(accepted domain.Findings) error {
	if accepted == nil {
		return nil
	}
	var (
		cur  rowID
		key  classKey
		have bool
		err  error
	)
	eachFinding(accepted, func(f *domain.Finding) {
		b, e := p.classes.bit(f.Rule)
		if e != nil {
			err = e
			return
		}
		if id := idOf(f.Loc.FileIndex, f.Loc.Row); id != cur || !have {
			if have && key != (classKey{}) {
				p.classes.add(cur, key)
			}
			cur, key, have = id, classKey{}, true
		}
		key = key.or(b.hiddenKey(f.Rule, f.Severity, p.lv))
	})
	if have && key != (classKey{}) {
		p.classes.add(cur, key)
	}
	return err
}

// groupRows lists the rows of every number on more than one row.
func (p *plan) groupRows(c *collector) {
	p.roles = make([]dupRole, len(c.groups))
	for i := range c.groups {
		g := &c.groups[i]
		if len(g.more) == 0 {
			continue
		}
		p.dups.rows = append(p.dups.rows, dupRow{id: g.first.id, group: int32(i)})
		for _, m := range g.more {
			p.dups.rows = append(p.dups.rows, dupRow{id: m.id, group: int32(i)})
		}
	}
	slices.SortFunc(p.dups.rows, func(a, b dupRow) int { return cmp.Compare(a.id, b.id) })
}

// classifyRules gives each row its class by the rules that fired on it
// (audit.Row.Rules), at the severities the audit gave them.
func (p *plan) classifyRules(c *collector, severity map[string]domain.Severity) error {
	if len(c.masks) < 2 {
		return nil
	}
	// A rule's bit in a RuleMask is its slot's, whatever the policy.
	slots := rules.DefaultRuleSet()
	var keys [64]classKey // by a RuleMask's bit
	for _, id := range rules.IDs() {
		bit := slots.Mask(func(x string, _ domain.Severity) bool { return x == id })
		b, err := p.classes.bit(id)
		if err != nil {
			return err
		}
		if sev, ok := severity[id]; ok && bit != 0 {
			keys[bits.TrailingZeros64(uint64(bit))] = b.key(id, sev, p.lv)
		}
	}
	class := make([]int, len(c.masks))
	for i, m := range c.masks {
		var k classKey
		for b := uint64(m); b != 0; b &= b - 1 {
			s := keys[bits.TrailingZeros64(b)]
			k = k.or(s)
		}
		class[i] = p.classes.intern(k)
	}
	for f, rows := range c.rowRules {
		for r, i := range rows {
			if i != 0 {
				p.classes.set(idOf(f, r), class[i])
			}
		}
	}
	return nil
}

// classify reads the findings once: each row's findings add to its class.
// Run's audit builds only the duplicate conflicts (audit.Options.RowRules),
// but with a baseline it builds them all: then the parts of the findings
// are read on every core (reading them back from disk is most of the
// work), and their rows taken in order.
func (p *plan) classify(res *domain.Result) error {
	parts := partsOf(res.Findings)
	workers := max(1, min(runtime.GOMAXPROCS(0), len(parts), maxPartReaders))
	window := 2 * workers
	slots := make([]partClasses, window)
	for i := range slots {
		slots[i].done = make(chan struct{}, 1)
	}
	jobs := make(chan int, window)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for j := range jobs {
				s := &slots[j%window]
				p.classifyPart(parts[j], s)
				s.done <- struct{}{}
			}
		})
	}
	for j := range min(window, len(parts)) {
		jobs <- j
	}
	var odd []oddFinding
	for j := range parts {
		s := &slots[j%window]
		<-s.done
		for k, id := range s.ids {
			p.classes.add(id, s.keys[k])
		}
		odd = append(odd, s.odd...)
		if j+window < len(parts) {
			jobs <- j + window
		}
	}
	close(jobs)
	wg.Wait()
	// Findings of rules the catalogue lacks (none is expected) get their
	// bits now that no part is being read.
	for _, f := range odd {
		b, err := p.classes.bit(f.rule)
		if err != nil {
			return err
		}
		p.classes.add(f.id, b.key(f.rule, f.sev, p.lv))
	}
	return nil
}

// maxPartReaders bounds the goroutines reading parts of the findings.
const maxPartReaders = 8

// partClasses is what one part of the findings says of its rows: each
// row's key, in order (a row may go on in the next part), and the
// findings of rules without a bit.
type partClasses struct {
	ids  []rowID
	keys []classKey
	odd  []oddFinding
	done chan struct{}
}

// oddFinding is a finding of a rule without a bit.
type oddFinding struct {
	id   rowID
	rule string
	sev  domain.Severity
}

// classifyPart reads one part into out. It only reads p.classes, so parts
// are read side by side.
func (p *plan) classifyPart(part iter.Seq[*domain.Finding], out *partClasses) {
	out.ids, out.keys, out.odd = out.ids[:0], out.keys[:0], nil
	var (
		cur  rowID
		key  classKey
		have bool
	)
	for f := range part {
		if id := idOf(f.Loc.FileIndex, f.Loc.Row); id != cur || !have {
			if have && key != (classKey{}) {
				out.ids, out.keys = append(out.ids, cur), append(out.keys, key)
			}
			cur, key, have = id, classKey{}, true
		}
		b, ok := p.classes.bitOf[f.Rule]
		if !ok {
			out.odd = append(out.odd, oddFinding{cur, strings.Clone(f.Rule), f.Severity})
			continue
		}
		key = key.or(b.key(f.Rule, f.Severity, p.lv))
	}
	if have && key != (classKey{}) {
		out.ids, out.keys = append(out.ids, cur), append(out.keys, key)
	}
}

// chooseKeepers decides each group, and sends its rows but the kept one
// to quarantine. Their reasons are check's: duplicate on every row but
// the number's first (with a kept row, every row but it: one row of the
// number stays either way, so the counts agree with check's), and, when a
// row of the number is opted out, duplicate-conflict on a row that no
// finding of its own forbids messaging (one whose later consent check
// accepts: fix keeps no row of an opted-out number). conflictRuns: the
// duplicate-conflict rule runs; else such a row is quarantined as a
// duplicate.
func (p *plan) chooseKeepers(c *collector, conflictRuns bool) error {
	dup, err := p.classes.bit(rules.Duplicate)
	if err != nil {
		return err
	}
	conflict := dup
	if conflictRuns {
		if conflict, err = p.classes.bit(rules.DuplicateConflict); err != nil {
			return err
		}
	}
	forbidding := p.classes.forbidding()
	ofNumber, err := p.classes.numberBits()
	if err != nil {
		return err
	}
	heldNumber, err := p.classes.bits(heldOfNumber[:])
	if err != nil {
		return err
	}
	var rows []member
	for i := range c.groups {
		g := &c.groups[i]
		if len(g.more) == 0 {
			continue
		}
		rows = append(append(rows[:0], g.first), g.more...)
		role := dupRole{key: g.key, optedOut: g.optedOut}
		number, held := p.groupDrops(g, rows, ofNumber, heldNumber, heldNumber&^conflict.bit)
		if !g.optedOut && number == 0 && held == 0 {
			role.keeper, role.hasKeeper = chooseKeeper(rows, func(id rowID) bool {
				r := p.dups.lookup(id)
				return r != nil && !r.dropped
			})
		}
		p.roles[i] = role
		if role.hasKeeper {
			p.classes.add(role.keeper.id, p.numberFindings(rows, ofNumber))
		}
		for j, m := range rows {
			if role.hasKeeper && role.keeper.id == m.id {
				continue
			}
			if c.isMalformed(m.id) {
				continue // a malformed row goes for row-malformed alone
			}
			k := classKey{drop: number, held: held}
			if role.hasKeeper || j > 0 {
				k.drop |= dup.bit
			}
			if g.optedOut && p.classes.table[p.classes.of(m.id)].key.drop&forbidding == 0 {
				if _, self := c.optedOut[m.id]; self {
					k.drop |= dup.bit // opted out itself, the rule disabled
				} else {
					k.drop |= conflict.bit
				}
			}
			p.classes.add(m.id, k)
		}
	}
	return nil
}

// groupDrops is what sends every row of group g (its rows) to quarantine:
// the number's findings of ofNumber (numberDrops), unless a row is opted
// out, and the number's rules of heldNumber held on a row (heldDrops);
// with a row opted out, the run finds the number's conflicts itself, and
// only heldOfOptedOut of them hold its rows.
func (p *plan) groupDrops(g *group, rows []member, ofNumber, heldNumber, heldOfOptedOut uint64) (number, held uint64) {
	if g.optedOut {
		return 0, p.heldDrops(rows, heldOfOptedOut)
	}
	return p.numberDrops(rows, ofNumber), p.heldDrops(rows, heldNumber)
}

// numberDrops is the bits of ofNumber that send a row of rows to
// quarantine: findings about the number rather than the row, so that
// every row of the number goes (see classes.numberBits).
func (p *plan) numberDrops(rows []member, ofNumber uint64) uint64 {
	var drop uint64
	for _, m := range rows {
		drop |= p.classes.table[p.classes.of(m.id)].key.drop & ofNumber
	}
	return drop
}

// heldDrops is the bits of ofNumber that hold a row of rows
// (classKey.heldOnly): rules about the number that a run before found and
// this one cannot check, so every row of the number is held for them, as
// that run quarantined them all, unless a row has the finding again.
func (p *plan) heldDrops(rows []member, ofNumber uint64) uint64 {
	var held, found uint64
	for _, m := range rows {
		k := p.classes.table[p.classes.of(m.id)].key
		held |= k.held & ofNumber
		found |= k.drop & ofNumber
	}
	return held &^ found
}

// numberFindings is what the findings about the number (ofNumber) of
// rows, below --drop-on or hidden by a baseline, add to the row kept of
// them: the number is the contact, whichever row carried its count or
// dates, so the kept row counts for them in kept_by_rule and
// kept_failing, as the row itself would have.
func (p *plan) numberFindings(rows []member, ofNumber uint64) classKey {
	var k classKey
	for _, m := range rows {
		o := p.classes.table[p.classes.of(m.id)].key
		k = k.or(classKey{kept: o.kept & ofNumber, hidden: o.hidden & ofNumber, fails: o.fails & ofNumber})
	}
	return k
}

// chooseKeeper picks the row kept of a number's rows (in input order)
// among those eligible: the most recent consent, then the earliest row.
func chooseKeeper(rows []member, eligible func(rowID) bool) (member, bool) {
	best, found := member{}, false
	for _, m := range rows {
		if !eligible(m.id) {
			continue
		}
		if !found || m.consent > best.consent {
			best, found = m, true
		}
	}
	return best, found
}

// decision is where one row goes.
type decision struct {
	class *rowClass
	// kept is the row kept in its place, for a duplicate ("" if none).
	kept string
	// inGroup is set for a row of a repeated number, key.
	key     uint64
	inGroup bool
	// number is the key of the row's number as the audit read it, 0 for
	// none (or one whose digits exceed a key).
	number uint64
}

// quarantine reports whether the row goes to quarantine.
func (d *decision) quarantine() bool { return d.class.key.quarantined() }

// decide places row id, counting it in its class. Rows must be asked
// about in order for speed (see dupRows).
func (p *plan) decide(id rowID) decision {
	d := p.decideWith(id, &p.dups)
	d.class.rows++
	return d
}

// decideWith places row id, finding it with dups (p.dups, or a cursor of
// its rows of one encoder's own), and does not count it: the encoders
// decide their batches' rows side by side, and the writer counts them.
func (p *plan) decideWith(id rowID, dups *dupRows) decision {
	d := decision{class: &p.classes.table[p.classes.of(id)], number: p.numberOf(id)}
	if r := dups.find(id); r != nil {
		role := p.roles[r.group]
		d.key, d.inGroup = role.key, true
		if role.hasKeeper && role.keeper.id != id {
			d.kept = p.loc(role.keeper)
		}
	}
	return d
}

// loc names row m as reports do: its file's line, or its sheet's cell in
// column A.
func (p *plan) loc(m member) string {
	f := m.id.file()
	return domain.Location{File: p.files[f], FileIndex: f, Row: m.id.row(), Line: m.line, Sheet: p.sheets[f]}.String()
}

// partsOf is fs in parts to be read in order.
func partsOf(fs domain.Findings) []iter.Seq[*domain.Finding] {
	if pf, ok := fs.(domain.PartedFindings); ok {
		return pf.Parts()
	}
	return []iter.Seq[*domain.Finding]{fs.All()}
}

// eachFinding calls fn on every finding of fs in order; the finding is
// valid only during the call.
func eachFinding(fs domain.Findings, fn func(*domain.Finding)) {
	for _, part := range partsOf(fs) {
		for f := range part {
			fn(f)
		}
	}
}
