package fix

import (
	"fmt"
	"math/bits"
	"slices"
	"strings"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/rules"
)

// classKey is what decides a row's place and what it counts for, as bits
// of classes.rules: the rules sending it to quarantine; the rules of its
// findings (but duplicate) that count for it when it is kept; those of the
// findings a baseline hid; and those of its findings at or above fail-on
// that the clean file still has (a check of the clean file fails on them);
// and the rules a quarantine file's row fixed again names that this run
// cannot check again (plan.holdRules), which quarantine it too.
type classKey struct{ drop, kept, hidden, fails, held uint64 }

// quarantined reports whether a row of the class goes to quarantine.
func (k classKey) quarantined() bool { return k.drop|k.held != 0 }

// heldOnly is the bits of the rules that hold the row: named by its
// listaudit_rules, not found again by this run.
func (k classKey) heldOnly() uint64 { return k.held &^ k.drop }

// rowClass is one classKey with what writing a row of it needs, made once
// for all its rows.
type rowClass struct {
	key classKey
	// rules are the ids of the drop and held bits, sorted; joined is them
	// joined by ";" (the quarantine file's listaudit_rules), each rule that
	// holds the row (classKey.heldOnly) marked " (held)": the row says
	// which reasons no run checked again.
	rules  []string
	joined string
	// rows counts the rows of the class decided so far.
	rows int
}

// classes holds every row's class: a row's decision is an index into a
// small table instead of its findings and a map lookup, and the findings
// are read once, when the plan is made, not again by the writing pass.
// Class 0 is the row without findings.
type classes struct {
	rules  []string           // a rule's bit is its index
	bitOf  map[string]ruleBit // by rule id
	table  []rowClass
	index  map[classKey]int
	narrow [][]uint16 // per input, per row (1-based): the class
	wide   [][]uint32 // narrow, once more than 65536 classes exist
}

// ruleBit is a rule's bit, whether its findings forbid messaging and
// whether fix cures them (rules.Rule.CuredByFix).
type ruleBit struct {
	bit           uint64
	forbids, cure bool
}

// levels are the severities a finding is judged by: at or above dropOn it
// quarantines its row; failOn is the policy's fail-on.
type levels struct {
	dropOn domain.Severity
	failOn domain.Threshold
}

// key is what one finding of rule at sev adds to its row's class. The
// duplicate finding adds nothing: which row of a number is kept is the
// group's decision (it marks every row but the first), and it counts for
// no kept row. A finding that fix cures never quarantines its row.
func (b ruleBit) key(rule string, sev domain.Severity, lv levels) classKey {
	if rule == rules.Duplicate {
		return classKey{}
	}
	k := classKey{kept: b.bit}
	if !b.cure && (sev >= lv.dropOn || b.forbids) {
		k.drop = b.bit
	}
	if !b.cure && lv.failOn.Fails(sev) {
		k.fails = b.bit
	}
	return k
}

// hiddenKey is what one finding of rule at sev that a baseline hid adds
// to its row's class: it quarantines the row only when it forbids
// messaging (a baseline accepts a finding for reporting, not for sending),
// or, by plan.dropWithoutNumber, when it leaves the row without a number.
func (b ruleBit) hiddenKey(rule string, sev domain.Severity, lv levels) classKey {
	if rule == rules.Duplicate {
		return classKey{}
	}
	k := classKey{hidden: b.bit}
	if b.forbids {
		k.drop = b.bit
	}
	if !b.cure && lv.failOn.Fails(sev) {
		k.fails = b.bit
	}
	return k
}

// heldMark follows, in listaudit_rules, a rule that holds the row
// (classKey.heldOnly); holdOf reads the id before it.
const heldMark = " (held)"

// newClasses gives every rule of the catalogue its bit at once, so that
// reading findings only reads bitOf.
func newClasses(rowsPerInput []int) (*classes, error) {
	c := &classes{bitOf: map[string]ruleBit{}, index: map[classKey]int{}}
	for _, id := range rules.IDs() {
		if _, err := c.bit(id); err != nil {
			return nil, err
		}
	}
	c.intern(classKey{})
	for _, n := range rowsPerInput {
		c.narrow = append(c.narrow, make([]uint16, n+1))
	}
	return c, nil
}

// bit returns rule's bit, giving it one the first time.
func (c *classes) bit(rule string) (ruleBit, error) {
	if b, ok := c.bitOf[rule]; ok {
		return b, nil
	}
	if len(c.rules) == 64 {
		return ruleBit{}, fmt.Errorf("internal error: more than 64 rules (%s)", rule)
	}
	r, ok := rules.Lookup(rule)
	if ok {
		rule = r.ID // the catalogue's copy: the finding's memory is used again
	} else {
		rule = strings.Clone(rule)
	}
	b := ruleBit{bit: 1 << len(c.rules), forbids: ok && r.ForbidsMessaging, cure: ok && r.CuredByFix}
	c.rules = append(c.rules, rule)
	c.bitOf[rule] = b
	return b, nil
}

// forbidding is the bits of the rules whose findings forbid messaging.
func (c *classes) forbidding() uint64 {
	var m uint64
	for _, b := range c.bitOf {
		if b.forbids {
			m |= b.bit
		}
	}
	return m
}

// numberRules are the rules whose findings are about a number rather than
// its row: it was sent more messages than the cap allows (over-messaged),
// or messaged after it opted out (contacted-after-opt-out). A row
// quarantined for one takes every row of its number with it, as an
// opted-out row does: another export's row of the number, without the
// count or the dates, would put the contact back on the list.
// (suppressed fires on every row of its number already.)
var numberRules = [...]string{rules.OverMessaged, rules.ContactedAfterOptOut}

// numberBits is the bits of numberRules.
func (c *classes) numberBits() (uint64, error) { return c.bits(numberRules[:]) }

// bits is the bits of ids.
func (c *classes) bits(ids []string) (uint64, error) {
	var m uint64
	for _, id := range ids {
		b, err := c.bit(id)
		if err != nil {
			return 0, err
		}
		m |= b.bit
	}
	return m, nil
}

// intern returns key's class, adding it the first time.
func (c *classes) intern(key classKey) int {
	if i, ok := c.index[key]; ok {
		return i
	}
	rc := rowClass{key: key}
	for d := key.drop | key.held; d != 0; d &= d - 1 {
		rc.rules = append(rc.rules, c.rules[bits.TrailingZeros64(d)])
	}
	slices.Sort(rc.rules)
	if held := key.heldOnly(); held != 0 {
		marked := make([]string, len(rc.rules))
		for j, r := range rc.rules {
			marked[j] = r
			if held&c.bitOf[r].bit != 0 {
				marked[j] += heldMark
			}
		}
		rc.joined = strings.Join(marked, ";")
	} else {
		rc.joined = strings.Join(rc.rules, ";")
	}
	i := len(c.table)
	c.table = append(c.table, rc)
	c.index[key] = i
	if i == 1<<16 {
		c.widen()
	}
	return i
}

// widen moves the rows' classes to 32 bits.
func (c *classes) widen() {
	for _, n := range c.narrow {
		w := make([]uint32, len(n))
		for j, v := range n {
			w[j] = uint32(v)
		}
		c.wide = append(c.wide, w)
	}
	c.narrow = nil
}

// of returns row id's class.
func (c *classes) of(id rowID) int {
	f, r := id.file(), id.row()
	if c.wide != nil {
		if f < len(c.wide) && r < len(c.wide[f]) {
			return int(c.wide[f][r])
		}
		return 0
	}
	if f < len(c.narrow) && r < len(c.narrow[f]) {
		return int(c.narrow[f][r])
	}
	return 0
}

// rowsPerInput is the number of rows each input's table holds (row 0 is
// none).
func (c *classes) rowsPerInput() []int {
	var n []int
	if c.wide != nil {
		for _, t := range c.wide {
			n = append(n, max(0, len(t)-1))
		}
		return n
	}
	for _, t := range c.narrow {
		n = append(n, max(0, len(t)-1))
	}
	return n
}

// set gives row id class i. A row beyond its input's rows (which the
// audit does not report) grows the input's table.
func (c *classes) set(id rowID, i int) {
	f, r := id.file(), id.row()
	if c.wide != nil {
		c.wide = grow(c.wide, f, r)
		c.wide[f][r] = uint32(i)
		return
	}
	c.narrow = grow(c.narrow, f, r)
	c.narrow[f][r] = uint16(i)
}

// grow makes room in t for row r of input f.
func grow[T uint16 | uint32 | uint64](t [][]T, f, r int) [][]T {
	for len(t) <= f {
		t = append(t, nil)
	}
	if r >= len(t[f]) {
		t[f] = append(t[f], make([]T, r+1-len(t[f]))...)
	}
	return t
}

// add ORs key into row id's class.
func (c *classes) add(id rowID, key classKey) {
	c.set(id, c.intern(c.table[c.of(id)].key.or(key)))
}

// or is the union of k and o.
func (k classKey) or(o classKey) classKey {
	return classKey{drop: k.drop | o.drop, kept: k.kept | o.kept, hidden: k.hidden | o.hidden, fails: k.fails | o.fails, held: k.held | o.held}
}

// tally adds the rows counted per class to s.
func (c *classes) tally(s *Summary) {
	for i := range c.table {
		rc := &c.table[i]
		if rc.rows == 0 {
			continue
		}
		s.Rows += rc.rows
		if rc.key.quarantined() {
			s.Quarantined += rc.rows
			for _, r := range rc.rules {
				s.ByRule[r] += rc.rows
			}
			if held := rc.key.heldOnly(); held != 0 {
				s.HeldForRules += rc.rows
				if s.HeldByRule == nil {
					s.HeldByRule = map[string]int{}
				}
				c.count(s.HeldByRule, held, rc.rows)
			}
			continue
		}
		s.Kept += rc.rows
		c.count(s.KeptByRule, rc.key.kept, rc.rows)
		c.count(s.KeptHiddenByRule, rc.key.hidden, rc.rows)
		if rc.key.fails != 0 {
			s.KeptFailing += rc.rows
		}
	}
}

// count adds rows to the count of each rule of mask.
func (c *classes) count(by map[string]int, mask uint64, rows int) {
	for k := mask; k != 0; k &= k - 1 {
		by[c.rules[bits.TrailingZeros64(k)]] += rows
	}
}
