package report

import (
	"encoding/json"
	"html"
	"slices"
	"strings"
	"testing"

	"github.com/listaudit/listaudit/pkg/rules"
)

// TestSARIFRuleBasis: every rule of a SARIF log carries the catalogue's
// basis as is, in properties.basis and, one item a line under "Why:", in
// its help text; the Markdown help sets each status in bold.
func TestSARIFRuleBasis(t *testing.T) {
	var doc struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID   string `json:"id"`
						Help struct {
							Text     string `json:"text"`
							Markdown string `json:"markdown"`
						} `json:"help"`
						Properties struct {
							Basis []string `json:"basis"`
						} `json:"properties"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(render(t, "sarif", emptyFixture(), Options{}), &doc); err != nil {
		t.Fatal(err)
	}
	got := doc.Runs[0].Tool.Driver.Rules
	if len(got) != len(rules.Catalogue) {
		t.Fatalf("%d rules, want %d", len(got), len(rules.Catalogue))
	}
	for i := range rules.Catalogue {
		want := &rules.Catalogue[i]
		r := got[i]
		if r.ID != want.ID || !slices.Equal(r.Properties.Basis, want.Basis) {
			t.Errorf("rule %d: %s with basis %q, want %s with %q", i, r.ID, r.Properties.Basis, want.ID, want.Basis)
		}
		why := "\n\nWhy:\n- " + strings.Join(want.Basis, "\n- ") + "\n\nDocumentation: "
		if !strings.Contains(r.Help.Text, why) {
			t.Errorf("%s: help text %q does not hold %q", r.ID, r.Help.Text, why)
		}
		for _, item := range want.Basis {
			status, rest, _ := strings.Cut(item, ": ")
			if line := "\n- **" + status + ":** " + markdownText(rest); !strings.Contains(r.Help.Markdown, line) {
				t.Errorf("%s: Markdown help %q does not hold %q", r.ID, r.Help.Markdown, line)
			}
		}
	}
}

// TestHTMLRuleBasis: the HTML report explains each rule that fired with
// its basis, the status of each item in bold, and a rule that did not
// fire without it (as without its help). A hyphenated word stays whole
// (keepWords), as in the help.
func TestHTMLRuleBasis(t *testing.T) {
	page := string(render(t, "html", fixture(), Options{}))
	// The fixture's findings: phone-invalid fired, quiet-hours did not.
	want := `<ul class="rule-basis"><li><b>Law:</b> GDPR Art. 5(1)(d): accuracy</li><li><b>Standard:</b> <span class="nobr">ITU-T</span> E.164: the international numbering plan</li></ul>`
	if !strings.Contains(page, want) {
		t.Errorf("the page lacks phone-invalid's basis %s", want)
	}
	quiet, _ := rules.Lookup(rules.QuietHours)
	for _, item := range quiet.Basis {
		_, rest, _ := strings.Cut(item, ": ")
		if strings.Contains(html.UnescapeString(page), rest) {
			t.Errorf("quiet-hours did not fire, yet its basis %q is on the page", item)
		}
	}
}
