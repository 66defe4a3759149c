package rules

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/phone"
)

func messages(fs []domain.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule+": "+f.Message)
	}
	return out
}

func TestConsentSourcesAllowed(t *testing.T) {
	p := policyKE()
	p.ConsentSources = []string{"web_form", "checkout"}
	if got := checkOne(p, with(good(), domain.FieldConsentSource, " Web_Form ")); len(got) != 0 {
		t.Errorf("allowed source (any case) gave %q", messages(got))
	}
	got := messages(checkOne(p, with(good(), domain.FieldConsentSource, "bought_list")))
	want := []string{`consent-source-unknown: consent source "bought_list" is not one the policy allows (web_form, checkout)`}
	if !slices.Equal(got, want) {
		t.Errorf("got %q", got)
	}
	// No list: any source is fine.
	if got := checkOne(policyKE(), with(good(), domain.FieldConsentSource, "bought_list")); len(got) != 0 {
		t.Errorf("no policy list gave %q", messages(got))
	}
}

func TestConsentEvidenceRequired(t *testing.T) {
	p := policyKE()
	p.ConsentRequire = []string{"consent_text_version", "consent_channel"}
	cols := *testColumns
	cols[domain.Evidence(0)] = "Consent Text Version" // the file has this column, not the channel
	cols[domain.Evidence(1)] = ""
	rec := record(1, with(good(), domain.Evidence(0), "  "))
	rec.Columns = &cols
	var c Contact
	got := messages(NewChecker(p, testNow, phone.NewNormaliser(), nil).Check(rec, &c, nil))
	want := []string{
		"consent-evidence-incomplete: Consent Text Version is empty: the consent evidence the policy requires is missing",
		"consent-evidence-incomplete: no consent_channel column: the consent evidence the policy requires is missing",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %q", got)
	}
}

func TestQuietHours(t *testing.T) {
	p := policyKE()
	at := func(s string) time.Time { t, _ := time.Parse(time.RFC3339, s); return t }
	tests := []struct {
		name, phone, sendAt string
		want                string
	}{
		// Nairobi is UTC+3.
		{"inside", "+254712345678", "2026-01-15T05:00:00Z", ""},
		{"window start is inside", "+254712345678", "2026-01-15T05:00:00Z", ""},
		{"window end is outside", "+254712345678", "2026-01-15T18:00:00Z", "quiet-hours: at the send time 2026-01-15T18:00:00Z it is 21:00 in Africa/Nairobi, outside the sending window 08:00–21:00 (closed from 21:00)"},
		{"a minute after the end", "+254712345678", "2026-01-15T18:01:00Z", "quiet-hours: at the send time 2026-01-15T18:01:00Z it is 21:01 in Africa/Nairobi, outside the sending window 08:00–21:00"},
		{"a minute before the start", "+254712345678", "2026-01-15T04:59:00Z", "quiet-hours: at the send time 2026-01-15T04:59:00Z it is 07:59 in Africa/Nairobi, outside the sending window 08:00–21:00"},
		// A US toll-free number may be in any US zone: 14:00 UTC is 09:00 in
		// New York but 04:00 in Honolulu.
		{"multi-zone: every zone must pass", "+18005550123", "2026-01-15T14:00:00Z", "Pacific/Honolulu"},
		{"not judged without --send-at", "+254712345678", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p.SendAt = time.Time{}
			if tt.sendAt != "" {
				p.SendAt = at(tt.sendAt)
			}
			var got []string
			for _, m := range messages(checkOne(p, with(good(), domain.FieldPhone, tt.phone))) {
				if strings.HasPrefix(m, QuietHours) {
					got = append(got, m)
				}
			}
			switch {
			case tt.want == "" && len(got) != 0:
				t.Errorf("got %q, want nothing", got)
			case tt.want != "" && (len(got) != 1 || !strings.Contains(got[0], tt.want)):
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
