package report

import (
	"bytes"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/rules"
)

// TestJUnitSchema validates JUnit output against the Apache Ant JUnit XSD
// with xmllint (Debian's libxml2-utils).
func TestJUnitSchema(t *testing.T) {
	xmllint := needTool(t, "/usr/bin/xmllint", "apt-get install libxml2-utils")
	xsd := schemaFile(t, "JUnit.xsd")
	dir := t.TempDir()
	check := func(name string, doc []byte) error {
		path := filepath.Join(dir, name+".xml")
		if err := os.WriteFile(path, doc, 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(xmllint, "--noout", "--schema", xsd, path).CombinedOutput()
		if err != nil {
			t.Logf("xmllint %s: %s", name, out)
		}
		return err
	}
	// The schema must reject a broken document, or the checks below prove
	// nothing.
	if check("broken", []byte(`<testsuites><testsuite name="x"/></testsuites>`)) == nil {
		t.Fatal("xmllint accepted a testsuite without its required attributes")
	}
	for name, r := range map[string]*domain.Result{
		"fixture": fixture(), "empty": emptyFixture(), "hostile": hostileFixture(),
		"fail-on-info":  fixtureFailOn(domain.Threshold{Severity: domain.Info})(),
		"fail-on-never": fixtureFailOn(domain.Threshold{Never: true})(),
		"many":          manyFindings(2000),
	} {
		if err := check(name, render(t, "junit", r, Options{})); err != nil {
			t.Errorf("%s: JUnit output fails the XSD: %v", name, err)
		}
	}
}

type junitDoc struct {
	Suites []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Cases    []struct {
			Name      string `xml:"name,attr"`
			Classname string `xml:"classname,attr"`
			Failure   *struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Body    string `xml:",chardata"`
			} `xml:"failure"`
		} `xml:"testcase"`
		SystemOut string `xml:"system-out"`
	} `xml:"testsuite"`
}

func decodeJUnit(t *testing.T, r *domain.Result) junitDoc {
	t.Helper()
	var doc junitDoc
	if err := xml.Unmarshal(render(t, "junit", r, Options{}), &doc); err != nil {
		t.Fatalf("output is not XML: %v", err)
	}
	return doc
}

func TestJUnitCounts(t *testing.T) {
	tests := []struct {
		name         string
		r            *domain.Result
		wantFailures []int // per suite
	}{
		// contacts.csv: consent-missing, phone-invalid, row-malformed,
		// duplicate-conflict are errors; crm.tsv has one warning.
		{"fail-on error", fixture(), []int{4, 0}},
		// Adds duplicate, consent-expired, over-messaged and crm's duplicate.
		{"fail-on warning", fixtureFailOn(domain.Threshold{Severity: domain.Warning})(), []int{7, 1}},
		{"fail-on info", fixtureFailOn(domain.Threshold{Severity: domain.Info})(), []int{8, 1}},
		{"fail-on never", fixtureFailOn(domain.Threshold{Never: true})(), []int{0, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := decodeJUnit(t, tt.r)
			if len(doc.Suites) != 2 {
				t.Fatalf("%d suites, want 2", len(doc.Suites))
			}
			// Without --send-at, --suppress, consent.sources,
			// consent.require, a campaign and double opt-in, nine rules do
			// not run.
			want := len(rules.Catalogue) - 9
			for i, s := range doc.Suites {
				if s.Tests != want || len(s.Cases) != s.Tests {
					t.Errorf("suite %s: tests=%d, %d cases, want %d", s.Name, s.Tests, len(s.Cases), want)
				}
				failed := 0
				for _, c := range s.Cases {
					if c.Classname != s.Name {
						t.Errorf("case %s classname %s, want %s", c.Name, c.Classname, s.Name)
					}
					if c.Failure != nil {
						failed++
					}
				}
				if s.Failures != failed || failed != tt.wantFailures[i] {
					t.Errorf("suite %s: failures=%d, %d failed cases, want %d", s.Name, s.Failures, failed, tt.wantFailures[i])
				}
			}
		})
	}
}

func TestJUnitBodies(t *testing.T) {
	doc := decodeJUnit(t, fixture())
	s := doc.Suites[0]
	if s.Name != "testdata/contacts.csv" {
		t.Fatalf("first suite %s", s.Name)
	}
	var phone, dup string
	for _, c := range s.Cases {
		switch c.Name {
		case "phone-invalid":
			if c.Failure == nil || c.Failure.Type != "phone-invalid" || c.Failure.Message != "1 finding (fail-on: error)" {
				t.Fatalf("phone-invalid case = %+v", c)
			}
			phone = c.Failure.Body
		case "duplicate":
			if c.Failure != nil {
				t.Errorf("duplicate (a warning) failed at fail-on error")
			}
		}
	}
	if want := `row 4 (line 5): Phone: not a valid number for region KE: too short <9 digits> & no "+" [0*-** 34 <*>]`; !strings.Contains(phone, want) {
		t.Errorf("failure body %q lacks %q", phone, want)
	}
	dup = s.SystemOut
	if want := "duplicate (warning): row 3 (line 4): Phone: same number as row 2 [+2547******78]"; !strings.Contains(dup, want) {
		t.Errorf("system-out %q lacks %q", dup, want)
	}
}

func TestJUnitLeavesOutDisabledRules(t *testing.T) {
	r := fixture()
	r.Policy.Disabled = []string{"stale", "quiet-hours"}
	var b bytes.Buffer
	if err := (junitReporter{}).Report(&b, r, Options{}); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{`name="stale"`, `name="quiet-hours"`} {
		if bytes.Contains(b.Bytes(), []byte(id)) {
			t.Errorf("disabled rule %s is a test case", id)
		}
	}
	if !bytes.Contains(b.Bytes(), []byte(`name="phone-missing"`)) {
		t.Error("an enabled rule is missing")
	}
}

// TestJUnitLeavesOutRulesWithoutInput checks a rule whose input is not
// given is no passing test case (README: one test case per rule that ran),
// and is one once its input is given or it has findings.
func TestJUnitLeavesOutRulesWithoutInput(t *testing.T) {
	inputRules := []string{"consent-source-unknown", "consent-evidence-incomplete", "suppressed", "quiet-hours"}
	cases := func(r *domain.Result) []string {
		var names []string
		for _, c := range decodeJUnit(t, r).Suites[0].Cases {
			if slices.Contains(inputRules, c.Name) {
				names = append(names, c.Name)
			}
		}
		return names
	}
	if got := cases(fixture()); len(got) != 0 {
		t.Errorf("rules without their input are test cases: %q", got)
	}
	r := fixture()
	r.Policy.SendAt = time.Date(2026, 1, 16, 9, 0, 0, 0, time.UTC)
	r.Policy.Suppress = []string{"dnc.txt"}
	r.Policy.ConsentSources = []string{"web"}
	r.Policy.ConsentRequire = []string{"consent_text"}
	if got := cases(r); !slices.Equal(got, inputRules) {
		t.Errorf("rules with their input: %q, want %q", got, inputRules)
	}
	r = fixture()
	r.Findings.(domain.FindingSlice)[0].Rule = "suppressed"
	r.Decide()
	if got := cases(r); !slices.Equal(got, []string{"suppressed"}) {
		t.Errorf("a rule with findings: %q, want [suppressed]", got)
	}
}

// TestJUnitCapsLongLists lists at most junitMaxLines findings per test
// case and per rule in the suite output, says how many more there are, and
// keeps the counts exact.
func TestJUnitCapsLongLists(t *testing.T) {
	saved := junitMaxLines
	junitMaxLines = 3
	defer func() { junitMaxLines = saved }()
	r := manyFindings(60) // 10 of each of six rules over two files
	r.Policy.FailOn = domain.Threshold{Severity: domain.Error}
	r.Decide()
	out := string(render(t, "junit", r, Options{}))
	// phone-invalid (error) has 8 findings in the first file: 3 listed.
	if !strings.Contains(out, `<failure message="8 findings (fail-on: error)" type="phone-invalid">row 1 (line 2): Phone: finding 1 of 60 [+2547******00]
row 13 (line 14): Phone: finding 13 of 60 [+2547******12]
row 19 (line 20): Phone: finding 19 of 60 [+2547******18]
5 more findings (the json, csv and sarif reports list every finding)
</failure>`) {
		t.Errorf("phone-invalid test case not capped as expected:\n%s", out)
	}
	// stale (warning) is below fail-on: 3 lines in the output, then the rest counted.
	if !strings.Contains(out, "stale (warning): row 16 (line 17): Phone: finding 16 of 60 [+2547******15]\nstale: 6 more findings (the json, csv and sarif reports list every finding)\n") {
		t.Errorf("stale findings in system-out not capped as expected:\n%s", out)
	}
}

// TestJUnitTimestamp: a suite's timestamp says when the tests ran, by the
// real clock, not the audit time --now sets; the audit time when the
// clock is unknown.
func TestJUnitTimestamp(t *testing.T) {
	r := fixture()
	if got := newJUnitSuites(r, Options{}).Suites[0].Timestamp; got != "2026-12-05T14:03:07" {
		t.Errorf("timestamp %s, want the generation time 2026-12-05T14:03:07", got)
	}
	r.GeneratedAt = time.Time{}
	s := newJUnitSuites(r, Options{}).Suites[0]
	if s.Timestamp != "2026-01-15T00:00:00" {
		t.Errorf("timestamp %s without a generation time, want the audit time 2026-01-15T00:00:00", s.Timestamp)
	}
	for _, p := range s.Properties {
		if p.Name == "listaudit.generated_at" && p.Value != "" {
			t.Errorf("listaudit.generated_at = %q when unknown, want empty", p.Value)
		}
	}
}
