package rules

import (
	"slices"
	"strings"
	"testing"
	"time"

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

// TestCheck: a rule id is checked as written, and an unknown one named
// with the nearest id or where the ids are listed.
func TestCheck(t *testing.T) {
	for _, tc := range []struct{ id, want string }{
		{"stale", ""},
		{"phone-not-mobile", ""},
		{"stal", `unknown rule "stal" (did you mean "stale"?)`},
		{"Stale", `unknown rule "Stale" (did you mean "stale"?)`},
		{" stale", `unknown rule " stale" (did you mean "stale"?)`},
		{"phone-bogus", `unknown rule "phone-bogus" (see 'listaudit rules')`},
		{"", `unknown rule "" (see 'listaudit rules')`},
	} {
		got := ""
		if err := Check(tc.id); err != nil {
			got = err.Error()
		}
		if got != tc.want {
			t.Errorf("Check(%q) = %q, want %q", tc.id, got, tc.want)
		}
	}
}

// TestRuleSlotsAreDistinct fails when a new rule id shares its slot with
// another under ruleSeed; it names a seed that places every id in its own.
func TestRuleSlotsAreDistinct(t *testing.T) {
	distinct := func(seed uint32) bool {
		var used [ruleSlots]bool
		for _, r := range Catalogue {
			i := ruleSlot(r.ID, seed)
			if used[i] {
				return false
			}
			used[i] = true
		}
		return true
	}
	if distinct(ruleSeed) {
		return
	}
	for seed := uint32(1); seed < 1<<20; seed += 2 {
		if distinct(seed) {
			t.Fatalf("rule ids share slots under ruleSeed %d: make it %d", ruleSeed, seed)
		}
	}
	t.Fatal("no seed places every rule id in its own slot: ruleSlot needs other bytes")
}

// TestRuleRefsNameTheirSlots checks that the rule a Checker raises through
// a ruleRef is the rule its id names, at the severity and state the
// policy gives it.
func TestRuleRefsNameTheirSlots(t *testing.T) {
	p := domain.DefaultPolicy()
	p.Disabled = []string{Stale}
	p.Severity = map[string]domain.Severity{PhoneNotMobile: domain.Error}
	rs, err := NewRuleSet(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []ruleRef{refDuplicate, refConsentAfterContact, refConsentBrandMismatch, refConsentChannelMismatch, refConsentDateMissing, refConsentEvidenceIncomplete, refConsentExpired, refConsentMissing, refConsentPurposeMismatch, refConsentScopeUnknown, refConsentSourceUnknown, refConsentUnconfirmed, refContactedAfterOptOut, refDateInvalid, refOptedOut, refOverMessaged, refPhoneExcelDamaged, refPhoneInvalid, refPhoneMissing, refPhoneNotE164, refPhoneNotMobile, refPhoneRegionMismatch, refQuietHours, refRowMalformed, refStale, refSuppressed, refValueInvalid} {
		s := rs.state(r)
		sev, on := rs.Rule(r.id)
		if s.id != r.id || s.severity != sev || s.disabled == on {
			t.Errorf("%s: slot %d holds %q at %v (disabled %v), want %v (runs %v)", r.id, r.slot, s.id, s.severity, s.disabled, sev, on)
		}
	}
}

// TestRuleSetSlotsAgreeWithTheMap looks up every rule and ids that are no
// rule, the empty one and ones that share a rule's slot among them, both
// ways.
func TestRuleSetSlotsAgreeWithTheMap(t *testing.T) {
	p := domain.DefaultPolicy()
	p.Disabled = []string{Stale, Duplicate}
	p.Severity = map[string]domain.Severity{PhoneNotE164: domain.Info}
	rs, err := NewRuleSet(p)
	if err != nil {
		t.Fatal(err)
	}
	ids := []string{"", "x", "phone-bogus", "stalE", "s---e", "opted-in"}
	for _, r := range Catalogue {
		ids = append(ids, r.ID, r.ID[:len(r.ID)-1]+"X", strings.Clone(r.ID))
	}
	for _, id := range ids {
		sev, on := domain.Error, true
		if st, ok := rs.rules[id]; ok {
			sev, on = st.severity, !st.disabled
		}
		if gotSev, gotOn := rs.Rule(id); gotSev != sev || gotOn != on {
			t.Errorf("Rule(%q) = %v, %v; want %v, %v", id, gotSev, gotOn, sev, on)
		}
	}
	if _, on := rs.Rule(Stale); on {
		t.Error("disabled rule runs")
	}
	if sev, _ := rs.Rule(PhoneNotE164); sev != domain.Info {
		t.Errorf("phone-not-e164 at %v", sev)
	}
}

// TestRuns checks which rules run: not a disabled one, nor one whose input
// is not given.
func TestRuns(t *testing.T) {
	given := domain.DefaultPolicy()
	given.SendAt = time.Date(2026, 1, 16, 9, 0, 0, 0, time.UTC)
	given.Suppress = []string{"dnc.txt"}
	given.ConsentSources = []string{"web"}
	given.ConsentRequire = []string{"consent_text"}
	given.Channel, given.Purpose, given.Brand, given.RequireDoubleOptIn = domain.ChannelSMS, domain.PurposeMarketing, "Acme", true
	disabled := given
	disabled.Disabled = []string{Stale, QuietHours}
	logOnly := domain.DefaultPolicy()
	logOnly.MessageLogs = []string{"sends.csv"}
	for _, tt := range []struct {
		name string
		p    domain.Policy
		off  []string
	}{
		{"default", domain.DefaultPolicy(), []string{ConsentSourceUnknown, ConsentEvidenceIncomplete,
			ConsentChannelMismatch, ConsentPurposeMismatch, ConsentBrandMismatch, ConsentScopeUnknown, ConsentUnconfirmed, Suppressed, QuietHours}},
		{"inputs given", given, nil},
		{"disabled", disabled, []string{Stale, QuietHours}},
		// A send log's opt-out replies are checked by suppressed.
		{"a send log", logOnly, []string{ConsentSourceUnknown, ConsentEvidenceIncomplete,
			ConsentChannelMismatch, ConsentPurposeMismatch, ConsentBrandMismatch, ConsentScopeUnknown, ConsentUnconfirmed, QuietHours}},
	} {
		var off []string
		for _, r := range Catalogue {
			if !Runs(r.ID, tt.p) {
				off = append(off, r.ID)
			}
		}
		if !slices.Equal(off, tt.off) {
			t.Errorf("%s: rules that do not run %q, want %q", tt.name, off, tt.off)
		}
	}
}
