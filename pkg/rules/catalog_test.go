package rules

import (
	"slices"
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
