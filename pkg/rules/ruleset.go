package rules

import (
	"fmt"
	"slices"

	"github.com/listaudit/listaudit/pkg/domain"
)

// RuleSet is the policy's view of the catalogue: which rules run and at
// what severity. It is read-only once built, so workers share it.
type RuleSet struct {
	// rules holds every catalogue rule's state: one lookup a finding.
	rules map[string]ruleState
}

type ruleState struct {
	severity domain.Severity
	disabled bool
}

// strictFamilies are the families --strict raises from warning to error:
// the ones about consent and reachability, where a warning still means a
// message should not go out.
var strictFamilies = map[string]bool{"consent": true, "phone": true}

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
			return nil, unknownRule(id)
		}
		st.severity = p.Severity[id]
		rs.rules[id] = st
	}
	for _, id := range p.Disabled {
		st, ok := rs.rules[id]
		if !ok {
			return nil, unknownRule(id)
		}
		st.disabled = true
		rs.rules[id] = st
	}
	return rs, nil
}

// DefaultRuleSet runs every rule at its default severity.
func DefaultRuleSet() *RuleSet {
	rs, _ := NewRuleSet(domain.DefaultPolicy())
	return rs
}

func unknownRule(id string) error {
	return fmt.Errorf("unknown rule %q (see 'listaudit rules')", id)
}

// CheckIDs reports the first id that names no rule.
func CheckIDs(ids []string) error {
	for _, id := range ids {
		if _, ok := byID[id]; !ok {
			return unknownRule(id)
		}
	}
	return nil
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

// Rule is the rule's effective severity and whether it runs; an id that is
// no rule runs at error, as a finding with no rule behind it should not
// pass quietly.
func (rs *RuleSet) Rule(id string) (sev domain.Severity, enabled bool) {
	st, ok := rs.rules[id]
	if !ok {
		return domain.Error, true
	}
	return st.severity, !st.disabled
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
