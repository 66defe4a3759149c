package rules

import (
	"fmt"
	"slices"

	"github.com/listaudit/listaudit/pkg/domain"
)

// RuleSet is the policy's view of the catalogue: which rules run and at
// what severity. It is read-only once built, so workers share it.
type RuleSet struct {
	// rules holds every catalogue rule's state.
	rules map[string]ruleState
	// slots holds them again where ruleSlot places their ids: every
	// finding looks its rule up, and a map hashes the whole id.
	slots [ruleSlots]slotState
}

type slotState struct {
	id string
	ruleState
}

// ruleSlots is the size of RuleSet.slots, well above the catalogue's size.
const (
	ruleSlotBits = 6
	ruleSlots    = 1 << ruleSlotBits
)

// ruleSeed makes ruleSlot place every catalogue id in its own slot
// (TestRuleSlotsAreDistinct checks it, and finds another when a new id
// needs one). It is a constant so that the slot of a rule a Checker
// raises, whose id is a constant too, is worked out by the compiler
// wherever raise is inlined: no finding hashes its rule's id.
const ruleSeed = 2623

// ruleSlot hashes an id's length and first, middle and last bytes, which
// tell the catalogue's ids apart, by multiplying them with seed.
func ruleSlot(id string, seed uint32) int {
	var k uint32
	if id != "" {
		k = uint32(len(id))<<24 | uint32(id[0])<<16 | uint32(id[len(id)/2])<<8 | uint32(id[len(id)-1])
	}
	// The seed's product is mixed (murmur3's finaliser) so that every
	// byte moves the top bits: a plain product needed ~90,000 seeds,
	// tens of milliseconds at every start.
	k *= seed
	k ^= k >> 16
	k *= 0x85ebca6b
	k ^= k >> 13
	return int(k >> (32 - ruleSlotBits))
}

type ruleState struct {
	severity domain.Severity
	disabled bool
}

// strictFamilies are the families --strict raises from warning to error:
// the ones about consent and reachability, where a warning still means a
// message should not go out.
var strictFamilies = map[string]bool{"consent": true, "scope": true, "phone": true}

// NewRuleSet resolves each rule's severity: the catalogue's default, raised
// to error by Strict for the consent and phone families, then the policy's
// per-rule overrides, which win. Unknown rule ids are errors.
func NewRuleSet(p domain.Policy) (*RuleSet, error) {
	rs := &RuleSet{rules: make(map[string]ruleState, len(Catalogue))}
	for _, r := range Catalogue {
		sev := r.Severity
		if p.Strict && strictFamilies[r.Family] && sev == domain.Warning {
			sev = domain.Error
		}
		rs.rules[r.ID] = ruleState{severity: sev}
	}
	for _, id := range sortedKeys(p.Severity) {
		st, ok := rs.rules[id]
		if !ok {
			return nil, Check(id)
		}
		st.severity = p.Severity[id]
		rs.rules[id] = st
	}
	for _, id := range p.Disabled {
		st, ok := rs.rules[id]
		if !ok {
			return nil, Check(id)
		}
		st.disabled = true
		rs.rules[id] = st
	}
	for id, st := range rs.rules {
		rs.slots[ruleSlot(id, ruleSeed)] = slotState{id, st}
	}
	return rs, nil
}

// DefaultRuleSet runs every rule at its default severity.
func DefaultRuleSet() *RuleSet {
	rs, _ := NewRuleSet(domain.DefaultPolicy())
	return rs
}

// Check reports whether id names a rule of the catalogue: the error every
// command and the policy file give for one that does not, with the
// nearest id or where the ids are listed.
func Check(id string) error {
	if _, ok := byID[id]; ok {
		return nil
	}
	if near := domain.Nearest(id, IDs()); near != "" {
		return fmt.Errorf("unknown rule %q (did you mean %q?)", id, near)
	}
	return fmt.Errorf("unknown rule %q (see 'listaudit rules')", id)
}

// Severity is the rule's effective severity.
func (rs *RuleSet) Severity(id string) domain.Severity {
	sev, _ := rs.Rule(id)
	return sev
}

// Enabled reports whether the rule runs.
func (rs *RuleSet) Enabled(id string) bool {
	_, on := rs.Rule(id)
	return on
}

// Severities is every catalogue rule's effective severity, by id, as
// domain.Result carries it for reports.
func (rs *RuleSet) Severities() map[string]domain.Severity {
	m := make(map[string]domain.Severity, len(rs.rules))
	for id, st := range rs.rules {
		m[id] = st.severity
	}
	return m
}

// Rule is the rule's effective severity and whether it runs; an id that is
// no rule runs at error, as a finding with no rule behind it should not
// pass quietly.
func (rs *RuleSet) Rule(id string) (sev domain.Severity, enabled bool) {
	_, sev, enabled = rs.lookup(id)
	return sev, enabled
}

// lookup is Rule, with the rule's bit in a RuleMask: 0 for an id with no
// slot, which no mask holds.
func (rs *RuleSet) lookup(id string) (bit RuleMask, sev domain.Severity, enabled bool) {
	i := ruleSlot(id, ruleSeed)
	if s := &rs.slots[i]; s.id == id && id != "" {
		return 1 << i, s.severity, !s.disabled
	}
	st, ok := rs.rules[id]
	if !ok {
		return 0, domain.Error, true
	}
	return 0, st.severity, !st.disabled
}

// Runs reports whether rule id runs under p: it is not disabled, and the
// input it checks is given. quiet-hours needs --send-at, suppressed a
// suppression list or a send log (for its opt-out replies),
// consent-source-unknown consent.sources and consent-evidence-incomplete
// consent.require; without them it cannot fire, and a report must not
// count it as a check that passed. Every other rule reads the list itself
// (a send log only adds to what some read).
func Runs(id string, p domain.Policy) bool {
	if slices.Contains(p.Disabled, id) {
		return false
	}
	switch id {
	case QuietHours:
		return !p.SendAt.IsZero()
	case Suppressed:
		return len(p.Suppress) > 0 || len(p.MessageLogs) > 0
	case ConsentSourceUnknown:
		return len(p.ConsentSources) > 0
	case ConsentEvidenceIncomplete:
		return len(p.ConsentRequire) > 0
	case ConsentChannelMismatch:
		return p.Channel != 0
	case ConsentPurposeMismatch:
		return p.Purpose != 0
	case ConsentBrandMismatch:
		return p.Brand != ""
	case ConsentScopeUnknown:
		return p.Channel != 0 || p.Purpose != 0 || p.Brand != ""
	case ConsentUnconfirmed:
		return p.RequireDoubleOptIn
	}
	return true
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
