package rules

import (
	"math/bits"

	"github.com/listaudit/listaudit/pkg/domain"
)

// RuleMask is a set of rules, a bit each: the bit of a rule's slot in a
// RuleSet (ruleSlot). An id with no slot is in no mask.
type RuleMask uint64

// Mask is the set of rs's rules for which in is true, given each rule's
// id and effective severity.
func (rs *RuleSet) Mask(in func(id string, sev domain.Severity) bool) RuleMask {
	var m RuleMask
	for i := range rs.slots {
		if s := &rs.slots[i]; s.id != "" && in(s.id, s.severity) {
			m |= 1 << i
		}
	}
	return m
}

// Unread is what a Checker counts instead of building: the findings of the
// rules in Rules, which no report of the audit will read. Building a
// finding (its message, its number's E.164 text) and sorting it costs far
// more than counting it, and a table of the first 50 findings of each
// severity reads none of the millions that follow. It counts the findings
// built too (TallyBuilt), and keeps the Checker's emitter: the audit gives
// each batch of records one, checked one record at a time.
type Unread struct {
	Rules RuleMask
	// Row gathers the rules counted since its caller last cleared it: the
	// caller that clears it before each record learns which of Rules
	// fired on it (listaudit fix needs no more of a row's findings).
	Row RuleMask
	// counts counts the findings not built, by their rule's slot.
	counts [ruleSlots]int
	// builtCounts counts the findings built, by their rule's slot, and
	// builtOther those of a rule with no slot (see TallyBuilt).
	builtCounts [ruleSlots]int
	builtOther  domain.Tally
	// e is the emitter CheckUnread builds findings with for this Unread's
	// records, which are checked one at a time: cheaper than taking one
	// from a pool for each record.
	e *emitter
}

// count counts one finding of the rule at bit, not built.
func (u *Unread) count(bit RuleMask) {
	u.counts[bits.TrailingZeros64(uint64(bit))]++
	u.Row |= bit
}

// built counts one finding built.
func (u *Unread) built(r raised) {
	if r.bit == 0 {
		u.builtOther.AddN(domain.RuleSeverity{Rule: r.id, Severity: r.sev}, 1)
		return
	}
	u.builtCounts[bits.TrailingZeros64(uint64(r.bit))]++
}

// TallyBuilt moves the findings counted as built into t, as Tally moves
// those not built; u then counts from zero. A Checker counts what it
// builds as it builds it: the audit's workers tally millions of findings,
// and a domain.Tally looks each one's rule up among its counts.
func (u *Unread) TallyBuilt(rs *RuleSet, t *domain.Tally) {
	tallySlots(rs, &u.builtCounts, t)
	t.Merge(&u.builtOther)
	u.builtOther.Reset()
}

// Tally moves the findings counted and not built into t, by rule and
// severity as rs (the rule set of the Checker that counted them) gives
// them, and returns how many they were; u then counts from zero.
func (u *Unread) Tally(rs *RuleSet, t *domain.Tally) int { return tallySlots(rs, &u.counts, t) }

// tallySlots moves counts by rule slot of rs into t, and returns their sum.
func tallySlots(rs *RuleSet, counts *[ruleSlots]int, t *domain.Tally) int {
	n := 0
	for i, c := range counts {
		if c != 0 {
			s := &rs.slots[i]
			t.AddN(domain.RuleSeverity{Rule: s.id, Severity: s.severity}, c)
			n += c
		}
	}
	*counts = [ruleSlots]int{}
	return n
}
