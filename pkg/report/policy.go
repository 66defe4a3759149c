package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/pii"
)

// The effective policy, as every report shows it: domain.Policy.Describe
// says which settings and in which order; this file only writes its
// values in each report's way.

// ShownPolicy is p as reports show it: the consent evidence columns it
// requires are headers, masked as pii.Header masks one that holds a
// number or an address, unless showPII.
func ShownPolicy(p domain.Policy, showPII bool) domain.Policy {
	if showPII || !slices.ContainsFunc(p.ConsentRequire, pii.HeaderPersonal) {
		return p
	}
	shown := make([]string, len(p.ConsentRequire))
	for i, h := range p.ConsentRequire {
		shown[i] = pii.Header(h, false)
	}
	p.ConsentRequire = shown
	return p
}

// PolicyJSON is the policy block of the JSON report, of SARIF's run
// properties and of fix's JSON summary: one member per setting, in
// Describe's order.
type PolicyJSON domain.Policy

func (p PolicyJSON) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, s := range domain.Policy(p).Describe() {
		if i > 0 {
			b.WriteByte(',')
		}
		key, _ := json.Marshal(s.Key)
		b.Write(key)
		b.WriteByte(':')
		v, err := json.Marshal(s.Value)
		if err != nil {
			return nil, fmt.Errorf("policy %s: %w", s.Key, err)
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// policyRows names every setting of the effective policy in words, for the
// report a person files (HTML).
func policyRows(p domain.Policy) [][2]string {
	settings := p.Describe()
	rows := make([][2]string, 0, len(settings))
	for _, s := range settings {
		rows = append(rows, [2]string{s.Label, settingText(s, ", ", "–")})
	}
	return rows
}

// policyProperties are the policy as JUnit properties, policy.<key>: a
// list in one comma-separated value, the severity overrides one property
// per rule.
func policyProperties(p domain.Policy) []junitProperty {
	var props []junitProperty
	for _, s := range p.Describe() {
		if m, ok := s.Value.(map[string]domain.Severity); ok {
			for _, id := range slices.Sorted(maps.Keys(m)) {
				props = append(props, junitProperty{"policy." + s.Key + "." + id, m[id].String()})
			}
			continue
		}
		s.Empty = ""
		props = append(props, junitProperty{"policy." + s.Key, settingText(s, ",", "-")})
	}
	return props
}

// settingText writes a setting's value on one line: lists joined by sep,
// the sending window's ends by dash, an empty value as s.Empty.
func settingText(s domain.PolicySetting, sep, dash string) string {
	var text string
	switch v := s.Value.(type) {
	case string:
		text = v
	case int:
		text = strconv.Itoa(v)
	case bool:
		text = strconv.FormatBool(v)
	case []string:
		text = strings.Join(v, sep)
	case domain.QuietHours:
		text = v.Start.String() + dash + v.End.String()
	case map[string]domain.Severity:
		pairs := make([]string, 0, len(v))
		for _, id := range slices.Sorted(maps.Keys(v)) {
			pairs = append(pairs, id+": "+v[id].String())
		}
		text = strings.Join(pairs, sep)
	default:
		text = fmt.Sprint(v)
	}
	if text == "" {
		return s.Empty
	}
	return text
}
