package rules

import (
	"fmt"
	"slices"

	"github.com/listaudit/listaudit/pkg/domain"
)

// RuleSet is the policy's view of the catalogue: which rules run and at
// what severity. It is read-only once built, so workers share it.
type RuleSet struct {
	severity map[string]domain.Severity
	disabled map[string]bool
}

// strictFamilies are the families --strict raises from warning to error:
// the ones about consent and reachability, where a warning still means a
// message should not go out.
var strictFamilies = map[string]bool{"consent": true, "phone": true}

// NewRuleSet resolves each rule's severity: the catalogue's default, raised
// to error by Strict for the consent and phone families, then the policy's
// per-rule overrides, which win. Unknown rule ids are errors.
func NewRuleSet(p domain.Policy) (*RuleSet, error) {
	rs := &RuleSet{severity: make(map[string]domain.Severity, len(Catalogue)), disabled: map[string]bool{}}
	for _, r := range Catalogue {
		sev := r.Severity
		if p.Strict && strictFamilies[r.Family] && sev == domain.Warning {
			sev = domain.Error
		}
		rs.severity[r.ID] = sev
	}
	for _, id := range sortedKeys(p.Severity) {
		if _, ok := byID[id]; !ok {
			return nil, unknownRule(id)
		}
		rs.severity[id] = p.Severity[id]
	}
	for _, id := range p.Disabled {
		if _, ok := byID[id]; !ok {
			return nil, unknownRule(id)
		}
		rs.disabled[id] = true
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
	if s, ok := rs.severity[id]; ok {
		return s
	}
	return domain.Error
}

// Enabled reports whether the rule runs.
func (rs *RuleSet) Enabled(id string) bool { return !rs.disabled[id] }

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
