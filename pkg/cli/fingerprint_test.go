package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// sarifFingerprints runs check -f sarif on list with getenv and returns
// each result's fingerprint by its row's number (--show-pii, which the
// fingerprints do not depend on), and the log.
func sarifFingerprints(t *testing.T, list string, getenv func(string) string) (map[string]string, string) {
	t.Helper()
	env, out, errOut := testEnv("")
	env.Getenv = getenv
	if code := Main([]string{"check", "--now", "2026-01-15", "--show-pii", "-f", "sarif", list}, env); code != ExitFindings {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				Fingerprints map[string]string `json:"partialFingerprints"`
				Properties   struct {
					Number string `json:"number"`
				} `json:"properties"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(out.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	by := map[string]string{}
	for _, res := range log.Runs[0].Results {
		by[res.Properties.Number] = res.Fingerprints["listaudit/v2"]
	}
	return by, out.String()
}

// TestSARIFFingerprintsFollowTheContact is the tester's case: two numbers
// that mask alike (+2547******78) keep their fingerprints when a third
// row that masks alike is added above them; $LISTAUDIT_FINGERPRINT_KEY
// keys them all anew, and appears nowhere in the log.
func TestSARIFFingerprintsFollowTheContact(t *testing.T) {
	// One file, as a list in a repository is, before and after the row
	// is added: the file is part of a finding's identity.
	list := filepath.Join(t.TempDir(), "list.csv")
	two := func() string {
		writeFile(t, list, "phone,consent_source,consent_at\n+254712345678,,\n+254799999978,,\n")
		return list
	}
	three := func() string {
		writeFile(t, list, "phone,consent_source,consent_at\n+254711111178,,\n+254712345678,,\n+254799999978,,\n")
		return list
	}
	noKey := func(string) string { return "" }
	withKey := func(name string) string {
		if name == "LISTAUDIT_FINGERPRINT_KEY" {
			return "team-secret"
		}
		return ""
	}
	for _, getenv := range []func(string) string{noKey, withKey} {
		before, _ := sarifFingerprints(t, two(), getenv)
		after, log := sarifFingerprints(t, three(), getenv)
		a, b := "+254712345678", "+254799999978"
		if before[a] == "" || before[a] == before[b] || after[a] != before[a] || after[b] != before[b] {
			t.Errorf("fingerprints %v, then %v with a row added: want them kept, and distinct", before, after)
		}
		if strings.Contains(log, "team-secret") {
			t.Error("the key is in the log")
		}
	}
	plain, _ := sarifFingerprints(t, two(), noKey)
	keyed, _ := sarifFingerprints(t, two(), withKey)
	if plain["+254712345678"] == keyed["+254712345678"] {
		t.Error("the key changes no fingerprint")
	}
}
