package report

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/listaudit/listaudit/pkg/domain"
)

// contactFindings are consent-missing findings of one file and column,
// one per number, on rows in the order given: numbers that share their
// masked form (+2547******78) and so told apart only by the number.
func contactFindings(numbers ...string) *domain.Result {
	r := fixture()
	var fs domain.FindingSlice
	for i, n := range numbers {
		fs = append(fs, domain.Finding{Rule: "consent-missing", Severity: domain.Error,
			Loc:   domain.Location{File: "testdata/contacts.csv", Row: i + 1, Line: i + 2},
			Field: domain.FieldConsentSource, Column: "Consent", Message: "no consent source recorded", Phone: n})
	}
	r.Findings = fs
	r.Decide()
	return r
}

// fingerprintsByNumber renders r as SARIF with opts and returns each
// result's fingerprint by its finding's number, and in order.
func fingerprintsByNumber(t *testing.T, r *domain.Result, opts Options) (map[string]string, []string) {
	t.Helper()
	doc := decodeSARIF(t, r, opts)
	by := map[string]string{}
	var all []string
	for i, res := range doc.Runs[0].Results {
		fp := res.Fingerprints[sarifFingerprintKey]
		by[r.Findings.(domain.FindingSlice)[i].Phone] = fp
		all = append(all, fp)
	}
	return by, all
}

// TestSARIFFingerprintPerContact: the fingerprint is the contact's. Two
// numbers that share their masked form get distinct fingerprints, which
// neither a row added above them (the tester's case) nor a new order of
// the rows changes; no fingerprint names the number.
func TestSARIFFingerprintPerContact(t *testing.T) {
	a, b, c := "+254712345678", "+254799999978", "+254711111178"
	before, all := fingerprintsByNumber(t, contactFindings(a, b), Options{})
	if before[a] == before[b] || !strings.HasSuffix(before[a], ":1") || !strings.HasSuffix(before[b], ":1") {
		t.Errorf("two contacts of one masked number: %q and %q, want distinct fingerprints numbered 1", before[a], before[b])
	}
	for _, rows := range [][]string{{c, a, b}, {b, c, a}, {b, a}} {
		after, _ := fingerprintsByNumber(t, contactFindings(rows...), Options{})
		if after[a] != before[a] || after[b] != before[b] {
			t.Errorf("rows %v: fingerprints %q, %q; want %q, %q as before", rows, after[a], after[b], before[a], before[b])
		}
	}
	for _, fp := range all {
		for _, n := range []string{a, b, "254712345678", "712345678"} {
			if strings.Contains(fp, n) {
				t.Errorf("fingerprint %q holds the number %s", fp, n)
			}
		}
	}
	// One number on two rows: the same contact, numbered among its own
	// findings only.
	_, twice := fingerprintsByNumber(t, contactFindings(a, c, a), Options{})
	if !strings.HasSuffix(twice[0], ":1") || twice[2] != strings.TrimSuffix(twice[0], "1")+"2" || twice[0] != before[a] {
		t.Errorf("one number on rows 1 and 3: %q, %q; want %q and the same numbered 2", twice[0], twice[2], before[a])
	}
}

// pinnedFingerprint is the fingerprint of consent-missing for
// +254712345678 in testdata/contacts.csv, column Consent, without a key.
const pinnedFingerprint = "832c525e2215fecc7c1b15a4e7cefaaa:1"

// TestSARIFFingerprintScheme pins the scheme the README documents: the
// first 16 bytes, in hex, of HMAC-SHA-256 of "RULE\0FILE\0COLUMN\0NUMBER"
// keyed with the label (or with the label's HMAC under
// $LISTAUDIT_FINGERPRINT_KEY), then ":" and the finding's number among
// those of the same contact.
func TestSARIFFingerprintScheme(t *testing.T) {
	mac := func(key []byte, msg string) []byte {
		m := hmac.New(sha256.New, key)
		m.Write([]byte(msg))
		return m.Sum(nil)
	}
	msg := "consent-missing\x00testdata/contacts.csv\x00Consent\x00+254712345678"
	label := []byte("listaudit SARIF partialFingerprints listaudit/v2")
	for _, tc := range []struct {
		secret string
		key    []byte
	}{
		{"", label},
		{"s3cret", mac([]byte("s3cret"), string(label))},
	} {
		_, got := fingerprintsByNumber(t, contactFindings("+254712345678"), Options{FingerprintKey: tc.secret})
		if want := hex.EncodeToString(mac(tc.key, msg)[:16]) + ":1"; got[0] != want {
			t.Errorf("key %q: fingerprint %q, want %q", tc.secret, got[0], want)
		}
	}
	// Pinned, so that a change of the scheme is seen and the key's version
	// bumped (sarifFingerprintKey).
	if _, got := fingerprintsByNumber(t, contactFindings("+254712345678"), Options{}); got[0] != pinnedFingerprint {
		t.Errorf("fingerprint %q, pinned %q: a new scheme needs a key other than %s", got[0], pinnedFingerprint, sarifFingerprintKey)
	}
	// Keys tell the fingerprints apart; ShowPII does not.
	var prints []string
	for _, opts := range []Options{{}, {FingerprintKey: "a"}, {FingerprintKey: "b"}} {
		_, got := fingerprintsByNumber(t, contactFindings("+254712345678"), opts)
		_, shown := fingerprintsByNumber(t, contactFindings("+254712345678"), Options{FingerprintKey: opts.FingerprintKey, ShowPII: true})
		if got[0] != shown[0] {
			t.Errorf("key %q: --show-pii changes the fingerprint", opts.FingerprintKey)
		}
		prints = append(prints, got[0])
	}
	if prints[0] == prints[1] || prints[1] == prints[2] || prints[0] == prints[2] {
		t.Errorf("keys give the same fingerprints: %q", prints)
	}
}
