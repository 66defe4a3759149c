package rules

import (
	"slices"
	"strings"
	"testing"
)

// TestForbidsMessaging: exactly the rules whose finding means an opt-out or
// objection is in force now forbid messaging the number; listaudit fix
// quarantines their rows whatever the baseline or --drop-on says.
func TestForbidsMessaging(t *testing.T) {
	var got []string
	for _, r := range Catalogue {
		if r.ForbidsMessaging != ForbidsMessaging(r.ID) {
			t.Errorf("ForbidsMessaging(%q) disagrees with the catalogue", r.ID)
		}
		if r.ForbidsMessaging {
			got = append(got, r.ID)
		}
	}
	want := []string{OptedOut, Suppressed, DuplicateConflict}
	if !slices.Equal(got, want) {
		t.Errorf("rules forbidding messaging: %q, want %q", got, want)
	}
	if ForbidsMessaging("no-such-rule") {
		t.Error(`ForbidsMessaging("no-such-rule") = true`)
	}
}

// TestCatalogueSettings checks rules name their settings as flags, the
// policy file's key only where there is no flag, and that the rules a send
// log feeds name --messages.
func TestCatalogueSettings(t *testing.T) {
	configOnly := map[string]bool{"consent.sources": true, "consent.require": true}
	for _, r := range Catalogue {
		for _, s := range r.Settings {
			if !strings.HasPrefix(s, "--") && !configOnly[s] {
				t.Errorf("%s: setting %q is neither a flag nor a key with no flag", r.ID, s)
			}
		}
	}
	for id, want := range map[string][]string{
		ConsentAfterContact:  {"--messages"},
		ContactedAfterOptOut: {"--messages"},
		OverMessaged:         {"--max-messages", "--message-window", "--messages", "--jurisdictions"},
		QuietHours:           {"--send-at", "--quiet-hours", "--jurisdictions"},
		ConsentExpired:       {"--consent-max-age", "--now", "--jurisdictions"},
	} {
		if r, _ := Lookup(id); !slices.Equal(r.Settings, want) {
			t.Errorf("%s settings %q, want %q", id, r.Settings, want)
		}
	}
}
