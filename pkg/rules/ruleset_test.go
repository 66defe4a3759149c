package rules

import (
	"testing"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/phone"
)

func TestRuleSetSeverities(t *testing.T) {
	p := domain.DefaultPolicy()
	p.Strict = true
	p.Severity = map[string]domain.Severity{PhoneNotE164: domain.Info, Stale: domain.Error}
	rs, err := NewRuleSet(p)
	if err != nil {
		t.Fatal(err)
	}
	tests := map[string]domain.Severity{
		PhoneNotMobile:     domain.Error,   // phone warning raised by strict
		ConsentDateMissing: domain.Error,   // consent warning raised by strict
		PhoneNotE164:       domain.Info,    // an explicit override beats strict
		Stale:              domain.Error,   // override
		Duplicate:          domain.Warning, // not a strict family
		DateInvalid:        domain.Warning,
	}
	for id, want := range tests {
		if got := rs.Severity(id); got != want {
			t.Errorf("%s: severity %v, want %v", id, got, want)
		}
	}
}

func TestRuleSetDisabledRulesDoNotRun(t *testing.T) {
	p := policyKE()
	p.Disabled = []string{PhoneNotE164, Duplicate}
	rs, err := NewRuleSet(p)
	if err != nil {
		t.Fatal(err)
	}
	k := NewChecker(p, testNow, phone.NewNormaliser(), rs)
	d := NewDuplicates(rs)
	var got []string
	for i, num := range []string{"+254712345678", "0712 345678"} {
		var c Contact
		for _, f := range k.Check(record(i+1, with(good(), domain.FieldPhone, num)), &c, nil) {
			got = append(got, f.Rule)
		}
		if f, ok := d.Add(&c); ok {
			got = append(got, f.Rule)
		}
	}
	if len(got) != 0 {
		t.Errorf("findings = %q", got)
	}
}

func TestRuleSetUnknownRule(t *testing.T) {
	p := domain.DefaultPolicy()
	p.Disabled = []string{"phone-bogus"}
	if _, err := NewRuleSet(p); err == nil || err.Error() != `unknown rule "phone-bogus" (see 'listaudit rules')` {
		t.Errorf("err = %v", err)
	}
	p = domain.DefaultPolicy()
	p.Severity = map[string]domain.Severity{"nope": domain.Error}
	if _, err := NewRuleSet(p); err == nil {
		t.Error("unknown rule in severity accepted")
	}
}
