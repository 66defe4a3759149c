package report

import (
	"strings"
	"testing"

	"github.com/listaudit/listaudit/pkg/domain"
)

// leakFixture is an audit of a shifted export, as repro leak.csv is: a
// number in country, opted_out and messages_sent, an e-mail address in
// opted_out, a name in last_active_at, and a header that holds a number.
func leakFixture() *domain.Result {
	r := oneInputFixture()
	loc := domain.Location{File: "testdata/contacts.csv", Row: 1, Line: 2}
	cell := func(rule string, f domain.Field, col, v, msg string) domain.Finding {
		return domain.Finding{Rule: rule, Severity: domain.Warning, Loc: loc, Field: f, Column: col, Value: v, Message: msg, Phone: "+254712345678"}
	}
	fs := domain.FindingSlice{
		cell("value-invalid", domain.FieldCountry, "country", "+254712345679",
			`country: "+254712345679" is not an ISO 3166 code, calling code or country name the phone metadata knows`),
		cell("value-invalid", domain.FieldOptedOut, "opted_out", "ann.x@example.com",
			`opted_out: "ann.x@example.com" is not a yes/no value or opt-out status; read as not opted out`),
		cell("date-invalid", domain.FieldLastActiveAt, "last_active_at", "Jane Doe", `last_active_at: "Jane Doe" is not a date`),
		cell("over-messaged", domain.FieldMessagesSent, "messages_sent", "254712345672", "254712345672 messages sent in the last 7d, more than the cap of 2"),
		cell("opted-out", domain.FieldOptedOutAt, "opted_out_at", "0712345671", "opted out on 1992-07-28T17:47:51Z with no later consent"),
		cell("value-invalid", domain.FieldCountry, "+254700111222", "ZZ", `+254700111222: "ZZ" is not an ISO 3166 code`),
		cell("stale", domain.FieldConsentAt, "consent_at", "2025-01-01", "no activity or consent since 2025-01-01"),
	}
	domain.SortFindings(fs)
	r.Findings = fs
	r.Decide()
	return r
}

// TestCellPIIInEveryFormat: what in a cell of a field that is not
// personal may be a person's data (a number, an e-mail address, a name,
// a header with a number) is masked or hidden in every report format,
// in values, columns and the messages that quote them, and shown as it
// is with ShowPII; dates stay readable.
func TestCellPIIInEveryFormat(t *testing.T) {
	raw := []string{"254712345679", "ann.x@example.com", "Jane Doe", "254712345672", "0712345671", "254700111222"}
	masked := []string{"+2547******79", "2*********72 messages sent", "+2*********22", "[hidden]", "since 2025-01-01", "1992-07-28T17:47:51Z"}
	// Values, which these formats show as well: a Unix time of phone
	// length is masked too (the message says the date it was read as).
	values := map[string][]string{"csv": {"0*******71", "2025-01-01"}, "json": {"0*******71", "2025-01-01"}, "html": {"0*******71", "2025-01-01"}}
	for _, format := range Formats() {
		t.Run(format, func(t *testing.T) {
			shown := func(s string) string {
				if format == "markdown" {
					return markdownText(s)
				}
				return s
			}
			out := string(render(t, format, leakFixture(), Options{Width: 200}))
			for _, s := range raw {
				if strings.Contains(out, s) {
					t.Errorf("shows %q:\n%s", s, out)
				}
			}
			for _, s := range append(masked, values[format]...) {
				if !strings.Contains(out, shown(s)) {
					t.Errorf("does not show %q:\n%s", shown(s), out)
				}
			}
			out = string(render(t, format, leakFixture(), Options{Width: 200, ShowPII: true}))
			for _, s := range []string{"+254712345679", "ann.x@example.com", "Jane Doe", "254712345672 messages sent", "+254700111222"} {
				if !strings.Contains(out, shown(s)) {
					t.Errorf("with ShowPII does not show %q:\n%s", shown(s), out)
				}
			}
		})
	}
}

// TestHTMLSaysPIIShown: with ShowPII the HTML report says plainly, where
// it otherwise says what is masked, that it holds unmasked personal data
// (a tester's L4).
func TestHTMLSaysPIIShown(t *testing.T) {
	const (
		maskedNote = `<p class="settings">Phone numbers are masked (calling code, first digit and last two digits kept); names and e-mail addresses are hidden.</p>`
		shownNote  = `<p class="settings"><strong>This report holds unmasked personal data</strong> (--show-pii): phone numbers, names, e-mail addresses and any other cell text as the list has them. Keep it as carefully as the list itself.</p>`
	)
	for _, tt := range []struct {
		opts        Options
		want, never string
	}{{Options{}, maskedNote, shownNote}, {Options{ShowPII: true}, shownNote, maskedNote}} {
		out := string(render(t, "html", leakFixture(), tt.opts))
		if !strings.Contains(out, tt.want) || strings.Contains(out, tt.never) {
			t.Errorf("ShowPII %v: want %s and not %s in the report", tt.opts.ShowPII, tt.want, tt.never)
		}
	}
}

// TestSARIFFingerprintOfMaskedHeader: a finding's fingerprint hashes its
// column as shown without ShowPII, so showing PII does not change the
// identity of an alert whose header holds a number.
func TestSARIFFingerprintOfMaskedHeader(t *testing.T) {
	a, b := decodeSARIF(t, leakFixture(), Options{}), decodeSARIF(t, leakFixture(), Options{ShowPII: true})
	for i := range a.Runs[0].Results {
		if x, y := a.Runs[0].Results[i].Fingerprints, b.Runs[0].Results[i].Fingerprints; x["listaudit/v1"] != y["listaudit/v1"] {
			t.Errorf("result %d fingerprint changed with ShowPII: %v, %v", i, x, y)
		}
	}
}
