package report

import (
	"fmt"
	"time"

	"github.com/listaudit/listaudit/pkg/domain"
)

// fixture is the one result every report test renders: two inputs, every
// severity, related rows, a whole-row finding and PII in several fields.
// Its rule ids are the catalogue's (rules.Catalogue), as a real audit's
// are; two value-invalid findings carry info severity so that every
// severity is present. Each call builds a fresh copy so tests may change it.
func fixture() *domain.Result {
	a := func(row int) domain.Location {
		return domain.Location{File: "testdata/contacts.csv", FileIndex: 0, Row: row, Line: row + 1}
	}
	b := func(row int) domain.Location {
		return domain.Location{File: "exports/crm.tsv", FileIndex: 1, Row: row, Line: row + 1}
	}
	pol := domain.DefaultPolicy()
	pol.DefaultRegion = "KE"
	r := &domain.Result{
		Tool: domain.Tool{Name: "listaudit", Version: "0.1.0", PhoneMetadata: "8.13.52"},
		// Not midnight UTC and not UTC, to show reports convert it.
		Now: time.Date(2026, 1, 15, 3, 0, 0, 0, time.FixedZone("EAT", 3*3600)),
		// Audited as of another day (--now) than it was run, by the real
		// clock, as a back-dated audit is: reports must tell them apart.
		Invocation: domain.Invocation{
			Command:     []string{"listaudit", "check", "--now", "2026-01-15", "--region", "KE", "--report", "sarif=audit.sarif", "testdata/contacts.csv", "exports/crm.tsv"},
			WorkDir:     "/home/ann/lists",
			StartedAt:   time.Date(2026, 12, 5, 14, 3, 5, 0, time.UTC),
			GeneratedAt: time.Date(2026, 12, 5, 14, 3, 7, 0, time.UTC),
		},
		Inputs: []domain.Input{
			{Path: "testdata/contacts.csv", Format: "csv", Rows: 24, SHA256: "3f2a9c0b7d1e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c",
				// The last header holds a person's number: masked unless --show-pii.
				Columns: []domain.ColumnUse{{Field: "phone", Header: "Phone"}, {Field: "consent_at", Header: "Opt-in <date>"}, {Field: "name", Header: "Ann 0712 345 678"}}},
			{Path: "exports/crm.tsv", Format: "tsv", Rows: 1, SHA256: "00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff"},
		},
		Policy:  pol,
		Summary: domain.Summary{Rows: 25, UniqueNumbers: 20},
		Findings: domain.FindingSlice{
			{Rule: "consent-missing", Severity: domain.Error, Loc: a(2), Field: domain.FieldConsentSource, Column: "Consent",
				Message: "no consent source recorded", Phone: "+254712345678"},
			{Rule: "duplicate", Severity: domain.Warning, Loc: a(3), Field: domain.FieldPhone, Column: "Phone", Value: "0712 345 678",
				Message: "same number as row 2", Related: []domain.Location{a(2)}, Phone: "+254712345678"},
			{Rule: "phone-invalid", Severity: domain.Error, Loc: a(4), Field: domain.FieldPhone, Column: "Phone", Value: "07-12 34 <x>",
				Message: `not a valid number for region KE: too short <9 digits> & no "+"`, Phone: "07-12 34 <x>"},
			{Rule: "row-malformed", Severity: domain.Error, Loc: a(5), Field: domain.FieldNone,
				Value: "Jane Doe,+254700000001,jane@example.com", Message: "record has 5 fields, header has 7"},
			{Rule: "value-invalid", Severity: domain.Info, Loc: a(6), Field: domain.FieldEmail, Column: "E-mail", Value: "jane@@example",
				Message: "email address looks malformed", Phone: "+254733000111"},
			{Rule: "value-invalid", Severity: domain.Info, Loc: a(7), Field: domain.FieldName, Column: "Full name", Value: "J",
				Message: "name is a single letter", Phone: "+254733000222"},
			{Rule: "consent-expired", Severity: domain.Warning, Loc: a(8), Field: domain.FieldConsentAt, Column: "Consent date", Value: "2023-01-02",
				Message: "consent is 1109d old (max 730d)", Phone: "+254711000333"},
			{Rule: "duplicate-conflict", Severity: domain.Error, Loc: a(9), Field: domain.FieldOptedOut, Column: "Unsubscribed", Value: "no",
				Message: "number opted out on rows 10 and crm.tsv:1", Related: []domain.Location{a(10), b(1)}, Phone: "+447911123456"},
			{Rule: "over-messaged", Severity: domain.Warning, Loc: a(11), Field: domain.FieldMessagesSent, Column: "Sent (7d)", Value: "5",
				Message: "5 messages in 7d (max 2)", Phone: "+14155550123"},
			{Rule: "duplicate", Severity: domain.Warning, Loc: b(1), Field: domain.FieldPhone, Column: "msisdn", Value: "254711000333",
				Message: "same number as testdata/contacts.csv:9", Related: []domain.Location{a(8)}, Phone: "+254711000333"},
		},
	}
	domain.SortFindings(r.Findings.(domain.FindingSlice))
	r.Decide()
	return r
}

// oneInputFixture is the fixture without its second input: the common
// audit of one list, whose table names the file once.
func oneInputFixture() *domain.Result {
	r := fixture()
	r.Inputs = r.Inputs[:1]
	var fs domain.FindingSlice
	for _, f := range r.Findings.(domain.FindingSlice) {
		if f.Loc.FileIndex == 0 {
			fs = append(fs, f)
		}
	}
	r.Findings = fs
	r.Summary.Rows = 24
	r.Decide()
	return r
}

// jurisdictionsFixture is the fixture audited with the built-in
// jurisdiction table: the rows it judged, by jurisdiction, and what each
// set with its source.
func jurisdictionsFixture() *domain.Result {
	r := fixture()
	r.Policy.Jurisdictions = domain.Jurisdictions{Builtin: true}
	r.Jurisdictions = []domain.JurisdictionUse{
		{Code: "US", Name: "United States", Rows: 2, Thresholds: []domain.JurisdictionThreshold{
			{Kind: "sending_window", Value: "08:00–21:00", Covers: "voice, sms; marketing", Source: "47 CFR 64.1200(c)(1)",
				URL: "http://edocket.access.gpo.gov/cfr_2008/octqtr/47cfr64.1200.htm", Status: "law", Note: "telephone solicitations only"},
		}},
		{Code: "US-FL", Name: "Florida", Rows: 1, Thresholds: []domain.JurisdictionThreshold{
			{Kind: "sending_window", Value: "08:00–20:00", Covers: "voice, sms; marketing", Source: "Fla. Stat. §501.616(6)(a)",
				URL: "http://www.lawserver.com/law/state/florida/statutes/florida_statutes_501-616", Status: "law", Note: "the section says phone calls <and> texts"},
			{Kind: "message_cap", Value: "3 per 24h", Covers: "voice, sms; marketing", Source: "Fla. Stat. §501.616(6)(b)",
				URL: "http://www.lawserver.com/law/state/florida/statutes/florida_statutes_501-616", Status: "law", Note: ""},
		}},
		{Code: "KE", Name: "Kenya", Rows: 1, Thresholds: []domain.JurisdictionThreshold{
			{Kind: "sending_window", Value: "07:00–19:00", Covers: "every channel; every purpose", Source: "policy override", Status: "policy"},
		}},
	}
	return r
}

// jurisdictionsNone is an audit with the table on in which no row was in
// a jurisdiction of it.
func jurisdictionsNone() *domain.Result {
	r := emptyFixture()
	r.Policy.Jurisdictions = domain.Jurisdictions{Builtin: true}
	r.Jurisdictions = []domain.JurisdictionUse{}
	return r
}

// emptyFixture is the fixture with nothing found.
func emptyFixture() *domain.Result {
	r := fixture()
	r.Findings = domain.FindingSlice{}
	r.Decide()
	return r
}

// fixtureFailOn is the fixture judged at another fail-on threshold.
func fixtureFailOn(t domain.Threshold) func() *domain.Result {
	return func() *domain.Result {
		r := fixture()
		r.Policy.FailOn = t
		r.Decide()
		return r
	}
}

// manyFindings is a result with n findings spread over rules, severities
// and two files, for tests of large reports.
func manyFindings(n int) *domain.Result {
	r := fixture()
	ids := []string{"phone-invalid", "duplicate", "consent-missing", "stale", "phone-not-e164", "value-invalid"}
	sevs := []domain.Severity{domain.Error, domain.Warning, domain.Error, domain.Warning, domain.Warning, domain.Info}
	fs := make(domain.FindingSlice, 0, n)
	for i := range n {
		k := i % len(ids)
		file := i % 7 / 6 // one finding in seven is in the second file
		fs = append(fs, domain.Finding{
			Rule: ids[k], Severity: sevs[k],
			Loc:   domain.Location{File: r.Inputs[file].Path, FileIndex: file, Row: i + 1, Line: i + 2},
			Field: domain.FieldPhone, Column: "Phone", Value: fmt.Sprintf("07%08d", i),
			Message: fmt.Sprintf("finding %d of %d", i+1, n), Phone: fmt.Sprintf("+2547%08d", i),
		})
	}
	r.Summary.Rows = n
	domain.SortFindings(fs)
	r.Findings = fs
	r.Decide()
	return r
}
