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
		QuietHours:           {"--send-at", "--send-window", "--jurisdictions"},
		ConsentExpired:       {"--consent-max-age", "--now", "--jurisdictions"},
	} {
		if r, _ := Lookup(id); !slices.Equal(r.Settings, want) {
			t.Errorf("%s settings %q, want %q", id, r.Settings, want)
		}
	}
}

// jurisdictionTableCites are names only the jurisdiction table applies: a
// basis item that cites one must say it applies with --jurisdictions
// builtin, so that a default run does not read as checking it.
var jurisdictionTableCites = []string{"Fla. Stat", "Florida", "Md. Code", "Maryland", "Oklahoma", "Utah", "Miss. Code",
	"Mississippi", "Texas", "Alabama", "Washington", "Rhode Island", "CRTC", "Code de la consommation", "CASL s. 10(10)"}

// TestBasisStatus: every basis item begins with exactly one status of
// BasisStatuses and names no other; an item citing a value of the
// jurisdiction table says it applies only with --jurisdictions builtin.
func TestBasisStatus(t *testing.T) {
	for _, r := range Catalogue {
		if len(r.Basis) == 0 {
			t.Errorf("%s: no basis", r.ID)
		}
		for _, item := range r.Basis {
			status, rest, ok := strings.Cut(item, ": ")
			if !ok || !slices.Contains(BasisStatuses, status) {
				t.Errorf("%s: %q does not begin with a status of %v", r.ID, item, BasisStatuses)
				continue
			}
			for _, other := range BasisStatuses {
				lower := strings.ToLower(other)
				if strings.Contains(rest, other+":") || strings.Contains(rest, "("+lower+")") {
					t.Errorf("%s: %q names a second status, %s", r.ID, item, other)
				}
			}
			builtin := strings.HasPrefix(rest, "with --jurisdictions builtin, ")
			for _, cite := range jurisdictionTableCites {
				if strings.Contains(rest, cite) && !builtin {
					t.Errorf("%s: %q cites %s of the jurisdiction table but does not begin %q", r.ID, item, cite, status+": with --jurisdictions builtin, ")
				}
			}
		}
	}
}

// TestBasisExact pins the basis of the rules whose items apply only with
// --jurisdictions builtin or rest on a default threshold, as `rules
// explain` and `rules -f json` print them.
func TestBasisExact(t *testing.T) {
	for _, tt := range []struct {
		id   string
		want []string
	}{
		{QuietHours, []string{
			"Law: US TCPA, 47 CFR 64.1200(c)(1): telephone solicitations only from 08:00 to 21:00 in the recipient's local time",
			"Practice: the default window, 08:00 to 21:00 (--send-window), applies the federal US hours to every number, channel and purpose",
			"Law: with --jurisdictions builtin, Fla. Stat. §501.616(6)(a): 08:00 to 20:00, calls only; Utah, Washington and Rhode Island for calls; Canada's CRTC telemarketing hours; France, Code de la consommation art. D.223-9 ('listaudit rules jurisdictions' lists them with their sources)",
			"Unverified: with --jurisdictions builtin, Md. Code Com. Law §14-4502 and Oklahoma's Telephone Solicitation Act of 2022: 08:00 to 20:00; Texas for calls: as secondary sources report them, the text that sets them not read; Miss. Code §77-3-723(1): 08:00 to 20:00, no Sundays, and Alabama for calls: read in unofficial copies of the text, not the official one",
		}},
		{OverMessaged, []string{
			"Platform policy: WhatsApp Business: per-user limits on marketing messages and quality ratings",
			"Practice: the default cap, 2 messages in 7 days (--max-messages, --message-window), is common SMS practice: no general law fixes a number",
			"Law: with --jurisdictions builtin, Fla. Stat. §501.616(6)(b): at most 3 calls in 24 hours on one subject, calls only; France, Code de la consommation art. D.223-9: 4 calls in 30 days ('listaudit rules jurisdictions' lists them with their sources)",
			"Unverified: with --jurisdictions builtin, Md. Code Com. Law §14-4502 (calls and texts) and Oklahoma's Telephone Solicitation Act of 2022 (calls): 3 in 24 hours on one subject, as secondary sources report them, the text that sets them not read",
		}},
		{Stale, []string{
			"Law: GDPR Art. 5(1)(d): accuracy",
			"Law: GDPR Art. 5(1)(e): storage limitation",
			"Practice: the default threshold, 365 days (--stale-after), is listaudit's choice: no law fixes one",
		}},
		{ConsentExpired, []string{
			"Guidance: EDPB Guidelines 05/2020 on consent: refresh consent at appropriate intervals",
			"Practice: the default maximum age, 730 days (--consent-max-age), is listaudit's choice and applies to every consent type, express consent included: no law gives consent that lifetime",
			"Law: with --jurisdictions builtin, CASL s. 10(10)(a) and (e): implied consent lasts 24 months from a purchase, 6 months from an inquiry; Oklahoma 15 O.S. §775B.2(3) and Utah Code §13-25a-102(4): an established business relationship lasts 24 and 18 months ('listaudit rules jurisdictions' lists them with their sources)",
			"Guidance: with --jurisdictions builtin, the CRTC's guidance on CASL: express consent does not lapse, so no jurisdiction's age applies to it",
		}},
	} {
		r, _ := Lookup(tt.id)
		if !slices.Equal(r.Basis, tt.want) {
			t.Errorf("%s basis:\n got %q\nwant %q", tt.id, r.Basis, tt.want)
		}
	}
}
