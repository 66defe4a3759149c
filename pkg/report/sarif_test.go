package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/rules"
)

// TestSARIFSchema validates SARIF output against the OASIS SARIF 2.1.0
// JSON schema.
func TestSARIFSchema(t *testing.T) {
	path := schemaFile(t, "sarif-schema-2.1.0.json")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("read schema: %v", err)
	}
	c := jsonschema.NewCompiler()
	const url = "https://json.schemastore.org/sarif-2.1.0.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	// The OASIS schema describes the log at its root. The shared copy keeps
	// the log's schema in definitions/Root and nothing at the root, where
	// every document would pass; validate against Root when it is there.
	root := url
	if m, ok := doc.(map[string]any); ok {
		if defs, ok := m["definitions"].(map[string]any); ok && defs["Root"] != nil {
			root = url + "#/definitions/Root"
		}
	}
	sch, err := c.Compile(root)
	if err != nil {
		t.Fatalf("compile schema: %v", err)
	}
	// The schema must reject a broken log, or the checks below prove nothing.
	bad := strings.Replace(string(render(t, "sarif", fixture(), Options{})), `"level": "error"`, `"level": "fatal"`, 1)
	if inst, err := jsonschema.UnmarshalJSON(strings.NewReader(bad)); err != nil || sch.Validate(inst) == nil {
		t.Fatalf("schema accepted a result with level fatal (err %v)", err)
	}
	// ... and one whose invocation is broken, or the invocation's checks
	// prove nothing either.
	bad = strings.Replace(string(render(t, "sarif", fixture(), Options{})), `"exitCode": 1`, `"exitCode": "1"`, 1)
	if inst, err := jsonschema.UnmarshalJSON(strings.NewReader(bad)); err != nil || sch.Validate(inst) == nil {
		t.Fatalf("schema accepted an invocation whose exit code is a string (err %v)", err)
	}
	absolute := fixture()
	absolute.Inputs[0].Path, absolute.Inputs[1].Path = "/home/ann/lists/in/a.csv", "/tmp/b.csv"
	unknownRun := fixture()
	unknownRun.Invocation = domain.Invocation{}
	unknown := fixture()
	unknown.Findings.(domain.FindingSlice)[0].Rule = "custom-rule"
	unknown.Findings.(domain.FindingSlice)[0].Loc.Line = 0 // no region
	unknown.Decide()
	for name, r := range map[string]*domain.Result{
		"fixture": fixture(), "empty": emptyFixture(), "hostile": hostileFixture(),
		"unknown rule": unknown, "many": manyFindings(500), "capped": fixture(), "workbook": locationFixture(),
		"absolute inputs": absolute, "unknown run": unknownRun,
	} {
		t.Run(name, func(t *testing.T) {
			opts := Options{}
			if name == "capped" {
				opts.SARIFMaxResults = 3
			}
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(render(t, "sarif", r, opts)))
			if err != nil {
				t.Fatalf("output is not JSON: %v", err)
			}
			if err := sch.Validate(inst); err != nil {
				t.Errorf("SARIF output fails the 2.1.0 schema: %v", err)
			}
			// What the schema validated holds the run's invocation and
			// automation details.
			run := inst.(map[string]any)["runs"].([]any)[0].(map[string]any)
			if run["invocations"] == nil || run["automationDetails"] == nil {
				t.Errorf("run has no invocations or automationDetails: %v", slices.Sorted(maps.Keys(run)))
			}
		})
	}
}

type sarifDoc struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name  string `json:"name"`
				Rules []struct {
					ID   string `json:"id"`
					Name string `json:"name"`
					Help struct {
						Text     string `json:"text"`
						Markdown string `json:"markdown"`
					} `json:"help"`
					HelpURI string `json:"helpUri"`
					Config  struct {
						Level string `json:"level"`
					} `json:"defaultConfiguration"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex int    `json:"ruleIndex"`
			Level     string `json:"level"`
			Message   struct {
				Text string `json:"text"`
			} `json:"message"`
			Locations []struct {
				Physical struct {
					Artifact struct {
						URI string `json:"uri"`
					} `json:"artifactLocation"`
					Region *struct {
						StartLine int `json:"startLine"`
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			Fingerprints map[string]string `json:"partialFingerprints"`
		} `json:"results"`
		Artifacts []struct {
			Location struct {
				URI string `json:"uri"`
			} `json:"location"`
		} `json:"artifacts"`
	} `json:"runs"`
}

func decodeSARIF(t *testing.T, r *domain.Result, opts Options) sarifDoc {
	t.Helper()
	var doc sarifDoc
	if err := json.Unmarshal(render(t, "sarif", r, opts), &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestSARIFContent(t *testing.T) {
	r := fixture()
	doc := decodeSARIF(t, r, Options{})
	if doc.Version != "2.1.0" || len(doc.Runs) != 1 {
		t.Fatalf("version %q, %d runs", doc.Version, len(doc.Runs))
	}
	run := doc.Runs[0]
	if len(run.Tool.Driver.Rules) != len(rules.Catalogue) {
		t.Errorf("%d rules, want the catalogue's %d", len(run.Tool.Driver.Rules), len(rules.Catalogue))
	}
	for i, rule := range run.Tool.Driver.Rules {
		cat := rules.Catalogue[i]
		if rule.ID != cat.ID || rule.Help.Text == "" || !strings.Contains(rule.Help.Text, cat.Help) || rule.HelpURI != "https://github.com/listaudit/listaudit#rule-"+cat.ID {
			t.Errorf("rule %d = %+v, want catalogue rule %s with its help", i, rule, cat.ID)
		}
		want := map[domain.Severity]string{domain.Error: "error", domain.Warning: "warning", domain.Info: "note"}[cat.Severity]
		if rule.Config.Level != want {
			t.Errorf("rule %s level %s, want %s", rule.ID, rule.Config.Level, want)
		}
	}
	if len(run.Results) != r.Findings.Len() {
		t.Fatalf("%d results, want %d", len(run.Results), r.Findings.Len())
	}
	prints := map[string]bool{}
	for i, res := range run.Results {
		f := r.Findings.(domain.FindingSlice)[i]
		if res.RuleID != f.Rule || run.Tool.Driver.Rules[res.RuleIndex].ID != f.Rule {
			t.Errorf("result %d: ruleId %s, ruleIndex %d, want %s", i, res.RuleID, res.RuleIndex, f.Rule)
		}
		loc := res.Locations[0].Physical
		if loc.Artifact.URI != f.Loc.File || loc.Region == nil || loc.Region.StartLine != f.Loc.Line {
			t.Errorf("result %d location %+v, want %s line %d", i, loc, f.Loc.File, f.Loc.Line)
		}
		fp := res.Fingerprints["listaudit/v2"]
		if fp == "" || prints[fp] {
			t.Errorf("result %d fingerprint %q empty or repeated", i, fp)
		}
		prints[fp] = true
	}
	if got := run.Results[2].Message.Text; !strings.HasPrefix(got, "Phone: not a valid number") {
		t.Errorf("message %q lacks the column name", got)
	}
	if got := run.Results[2].Level; got != "error" {
		t.Errorf("level %s, want error", got)
	}
	if got := run.Results[4].Level; got != "note" {
		t.Errorf("info finding level %s, want note", got)
	}
}

// TestSARIFMaxResults caps the log as GitHub code scanning needs: the most
// severe findings, in report order, with the same fingerprints as in the
// whole log, and a notification that says what was left out.
func TestSARIFMaxResults(t *testing.T) {
	whole := decodeSARIF(t, fixture(), Options{})
	prints := map[string]string{} // fingerprint by rule and row
	for _, res := range whole.Runs[0].Results {
		prints[fmt.Sprint(res.RuleID, res.Locations[0].Physical.Region.StartLine)] = res.Fingerprints["listaudit/v2"]
	}
	// The fixture has 4 errors (findings 0, 2, 3, 7), 4 warnings (1, 6, 8,
	// 9) and 2 infos (4, 5).
	tests := []struct {
		max  int
		want []int // the fixture's findings listed
	}{
		{3, []int{0, 2, 3}},
		{5, []int{0, 1, 2, 3, 7}},
		{9, []int{0, 1, 2, 3, 4, 6, 7, 8, 9}},
	}
	fs := fixture().Findings.(domain.FindingSlice)
	for _, tc := range tests {
		raw := render(t, "sarif", fixture(), Options{SARIFMaxResults: tc.max})
		var doc struct {
			Runs []struct {
				Invocations []struct {
					Successful    bool `json:"executionSuccessful"`
					Notifications []struct {
						Level   string `json:"level"`
						Message struct {
							Text string `json:"text"`
						} `json:"message"`
					} `json:"toolExecutionNotifications"`
				} `json:"invocations"`
			} `json:"runs"`
		}
		if err := json.Unmarshal(raw, &doc); err != nil {
			t.Fatal(err)
		}
		got := decodeSARIF(t, fixture(), Options{SARIFMaxResults: tc.max}).Runs[0].Results
		var gotIDs, wantIDs []string
		for _, res := range got {
			id := fmt.Sprint(res.RuleID, res.Locations[0].Physical.Region.StartLine)
			gotIDs = append(gotIDs, id)
			if res.Fingerprints["listaudit/v2"] != prints[id] {
				t.Errorf("max %d: %s fingerprint %s, %s in the whole log", tc.max, id, res.Fingerprints["listaudit/v2"], prints[id])
			}
		}
		for _, i := range tc.want {
			wantIDs = append(wantIDs, fmt.Sprint(fs[i].Rule, fs[i].Loc.Line))
		}
		if !slices.Equal(gotIDs, wantIDs) {
			t.Errorf("max %d: results %v, want %v", tc.max, gotIDs, wantIDs)
		}
		inv := doc.Runs[0].Invocations
		want := fmt.Sprintf("Results list the %d most severe of 10 findings (--sarif-max-results %d); the json and csv reports list every finding.", len(tc.want), tc.max)
		if len(inv) != 1 || !inv[0].Successful || len(inv[0].Notifications) != 1 || inv[0].Notifications[0].Level != "warning" || inv[0].Notifications[0].Message.Text != want {
			t.Errorf("max %d: invocations %+v, want one notification %q", tc.max, inv, want)
		}
	}
	// Findings that share a fingerprint on both sides of the cap keep their
	// numbers: many findings repeat rule, file, column and number (one
	// number on several rows).
	repeated := func() *domain.Result {
		r := manyFindings(600)
		for i, fs := 0, r.Findings.(domain.FindingSlice); i < len(fs); i++ {
			fs[i].Phone = fmt.Sprintf("+2547%08d", i%40)
		}
		return r
	}
	many := decodeSARIF(t, repeated(), Options{})
	byRow := map[string]string{}
	for _, res := range many.Runs[0].Results {
		byRow[fmt.Sprint(res.RuleID, res.Locations[0].Physical.Artifact.URI, res.Locations[0].Physical.Region.StartLine)] = res.Fingerprints["listaudit/v2"]
	}
	capped := decodeSARIF(t, repeated(), Options{SARIFMaxResults: 250}).Runs[0].Results
	repeats := 0
	for _, res := range capped {
		fp := res.Fingerprints["listaudit/v2"]
		if want := byRow[fmt.Sprint(res.RuleID, res.Locations[0].Physical.Artifact.URI, res.Locations[0].Physical.Region.StartLine)]; fp != want {
			t.Errorf("capped result %s fingerprint %s, %s in the whole log", res.RuleID, fp, want)
		}
		if !strings.HasSuffix(fp, ":1") {
			repeats++
		}
	}
	if len(capped) != 250 || repeats == 0 {
		t.Errorf("%d capped results, %d of them numbered after another: the test proves nothing", len(capped), repeats)
	}
	// Without a cap the summary's counts play no part: a result whose
	// counts were never made still lists every finding.
	undecided := fixture()
	undecided.Summary.BySeverity = nil
	if got := decodeSARIF(t, undecided, Options{}).Runs[0].Results; len(got) != 10 {
		t.Errorf("uncapped log of an undecided result: %d results, want 10", len(got))
	}
	// A cap the findings fit under changes nothing.
	for _, max := range []int{10, 11} {
		if got, want := render(t, "sarif", fixture(), Options{SARIFMaxResults: max}), render(t, "sarif", fixture(), Options{}); !bytes.Equal(got, want) {
			t.Errorf("max %d: the log differs from the whole log", max)
		}
	}
}

// TestSARIFFingerprintStable checks that fingerprints do not depend on the
// row, line or on showing PII, so an alert keeps its identity when rows
// move, and that they differ when the number does.
func TestSARIFFingerprintStable(t *testing.T) {
	a := decodeSARIF(t, fixture(), Options{})
	moved := fixture()
	for i := range moved.Findings.(domain.FindingSlice) {
		moved.Findings.(domain.FindingSlice)[i].Loc.Row += 40
		moved.Findings.(domain.FindingSlice)[i].Loc.Line += 40
	}
	b := decodeSARIF(t, moved, Options{ShowPII: true})
	for i := range a.Runs[0].Results {
		if x, y := a.Runs[0].Results[i].Fingerprints, b.Runs[0].Results[i].Fingerprints; x["listaudit/v2"] != y["listaudit/v2"] {
			t.Errorf("result %d fingerprint changed when rows moved: %v, %v", i, x, y)
		}
	}
	other := fixture()
	other.Findings.(domain.FindingSlice)[0].Phone = "+254799999999"
	c := decodeSARIF(t, other, Options{})
	if a.Runs[0].Results[0].Fingerprints["listaudit/v2"] == c.Runs[0].Results[0].Fingerprints["listaudit/v2"] {
		t.Error("fingerprint did not change with the number")
	}
}

// TestSARIFPathSpelling checks a file named "./testdata/contacts.csv" gets
// the URI and fingerprints it gets as "testdata/contacts.csv": code scanning
// would otherwise close every alert and open it again.
func TestSARIFPathSpelling(t *testing.T) {
	a := decodeSARIF(t, fixture(), Options{})
	respelt := fixture()
	respelt.Inputs[0].Path = "./testdata//contacts.csv"
	for i := range respelt.Findings.(domain.FindingSlice) {
		if f := &respelt.Findings.(domain.FindingSlice)[i]; f.Loc.File == "testdata/contacts.csv" {
			f.Loc.File = respelt.Inputs[0].Path
		}
	}
	b := decodeSARIF(t, respelt, Options{})
	if got := b.Runs[0].Artifacts[0].Location.URI; got != "testdata/contacts.csv" {
		t.Errorf("artifact uri %q, want testdata/contacts.csv", got)
	}
	for i := range a.Runs[0].Results {
		x, y := a.Runs[0].Results[i], b.Runs[0].Results[i]
		if x.Fingerprints["listaudit/v2"] != y.Fingerprints["listaudit/v2"] {
			t.Errorf("result %d: fingerprint %v, want %v", i, y.Fingerprints, x.Fingerprints)
		}
		if u, v := x.Locations[0].Physical.Artifact.URI, y.Locations[0].Physical.Artifact.URI; u != v {
			t.Errorf("result %d: uri %q, want %q", i, v, u)
		}
	}
}

func TestSARIFUnknownRule(t *testing.T) {
	r := fixture()
	r.Findings.(domain.FindingSlice)[0].Rule = "zz-custom"
	r.Decide()
	doc := decodeSARIF(t, r, Options{})
	rs := doc.Runs[0].Tool.Driver.Rules
	last := rs[len(rs)-1]
	if last.ID != "zz-custom" || last.Name != "ZzCustom" || last.Config.Level != "error" {
		t.Errorf("unknown rule described as %+v", last)
	}
	if got := doc.Runs[0].Results[0].RuleIndex; got != len(rs)-1 {
		t.Errorf("ruleIndex %d, want %d", got, len(rs)-1)
	}
}

func TestSARIFURI(t *testing.T) {
	for in, want := range map[string]string{
		"contacts.csv":            "contacts.csv",
		"testdata/contacts.csv":   "testdata/contacts.csv",
		"my lists/août #1.csv":    "my%20lists/ao%C3%BBt%20%231.csv",
		"c:lists.csv":             "./c:lists.csv",
		"/srv/lists/contacts.csv": "file:///srv/lists/contacts.csv",
		"-":                       "-",
		"./contacts.csv":          "contacts.csv",
		"lists/../a//b/./c.csv":   "a/b/c.csv",
	} {
		if got := sarifURI(in); got != want {
			t.Errorf("sarifURI(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSARIFPathLocation: a path in the working directory is a URI
// relative to SRCROOT, whether given relative or absolute; one outside it
// keeps a file URI; without a working directory, paths are as before.
func TestSARIFPathLocation(t *testing.T) {
	type loc struct{ uri, base string }
	for _, tc := range []struct {
		path, workDir string
		want          loc
	}{
		{"contacts.csv", "/home/ann/lists", loc{"contacts.csv", "SRCROOT"}},
		{"./in/contacts.csv", "/home/ann/lists", loc{"in/contacts.csv", "SRCROOT"}},
		{"/home/ann/lists/in/a b.csv", "/home/ann/lists", loc{"in/a%20b.csv", "SRCROOT"}},
		{"/home/ann/lists/../other.csv", "/home/ann/lists", loc{"file:///home/ann/other.csv", ""}},
		{"/home/ann/listsx/a.csv", "/home/ann/lists", loc{"file:///home/ann/listsx/a.csv", ""}},
		{"/tmp/export.csv", "/home/ann/lists", loc{"file:///tmp/export.csv", ""}},
		{"../export.csv", "/home/ann/lists", loc{"file:///home/ann/export.csv", ""}},
		{"/tmp/export.csv", "/", loc{"tmp/export.csv", "SRCROOT"}},
		{"-", "/home/ann/lists", loc{"-", ""}},
		{"/tmp/export.csv", "", loc{"file:///tmp/export.csv", ""}},
		{"contacts.csv", "", loc{"contacts.csv", ""}},
	} {
		al := sarifPathLocation(tc.path, tc.workDir)
		if got := (loc{al.URI, al.URIBaseID}); got != tc.want {
			t.Errorf("sarifPathLocation(%q, %q) = %+v, want %+v", tc.path, tc.workDir, got, tc.want)
		}
	}
}

// TestSARIFInvocation: the run records how and when it was made, by the
// real clock, and names its analysis by the policy file or the first input.
func TestSARIFInvocation(t *testing.T) {
	r := fixture()
	r.Command = []string{"listaudit", "check", "--map", "name=Ann's list", "--now", "2026-01-15", "/home/ann/lists/in/a.csv", "/tmp/b.csv"}
	r.Inputs[0].Path, r.Inputs[1].Path = "/home/ann/lists/in/a.csv", "/tmp/b.csv"
	run := sarifRun0(t, render(t, "sarif", r, Options{}))
	for key, want := range map[string]string{
		"automationDetails":  `{"id": "listaudit/check/in/a.csv/"}`,
		"originalUriBaseIds": `{"SRCROOT": {"uri": "file:///home/ann/lists/"}}`,
		"artifacts": `[{"location": {"uri": "in/a.csv", "uriBaseId": "SRCROOT"}, "hashes": {"sha-256": "` + r.Inputs[0].SHA256 + `"}},
			{"location": {"uri": "file:///tmp/b.csv"}, "hashes": {"sha-256": "` + r.Inputs[1].SHA256 + `"}}]`,
		"invocations": `[{"commandLine": "listaudit check --map 'name=Ann'\\''s list' --now 2026-01-15 /home/ann/lists/in/a.csv /tmp/b.csv",
			"arguments": ["check", "--map", "name=Ann's list", "--now", "2026-01-15", "/home/ann/lists/in/a.csv", "/tmp/b.csv"],
			"startTimeUtc": "2026-12-05T14:03:05Z", "endTimeUtc": "2026-12-05T14:03:07Z", "exitCode": 1,
			"executionSuccessful": true, "workingDirectory": {"uri": "file:///home/ann/lists/"}}]`,
	} {
		if got, want := run[key], canonicalJSON(t, want); got != want {
			t.Errorf("%s =\n%s\nwant\n%s", key, got, want)
		}
	}

	// A passing run exits 0; a policy file names the analysis; a run
	// whose command line, clock and directory are unknown says none.
	r = emptyFixture()
	r.Policy.ConfigFile = "/home/ann/lists/.listaudit.yaml"
	r.Invocation = domain.Invocation{}
	run = sarifRun0(t, render(t, "sarif", r, Options{}))
	for key, want := range map[string]string{
		"automationDetails": `{"id": "listaudit/check/home/ann/lists/.listaudit.yaml/"}`,
		"artifacts": `[{"location": {"uri": "testdata/contacts.csv"}, "hashes": {"sha-256": "` + r.Inputs[0].SHA256 + `"}},
			{"location": {"uri": "exports/crm.tsv"}, "hashes": {"sha-256": "` + r.Inputs[1].SHA256 + `"}}]`,
		"invocations": `[{"exitCode": 0, "executionSuccessful": true}]`,
	} {
		if got, want := run[key], canonicalJSON(t, want); got != want {
			t.Errorf("unknown run: %s =\n%s\nwant\n%s", key, got, want)
		}
	}
	if got, ok := run["originalUriBaseIds"]; ok {
		t.Errorf("unknown run: originalUriBaseIds = %s, want none", got)
	}

	for _, tc := range []struct {
		config, first, workDir, want string
	}{
		{".listaudit.yaml", "contacts.csv", "/w", "listaudit/check/.listaudit.yaml/"},
		{"", "./lists/contacts.csv", "/w", "listaudit/check/lists/contacts.csv/"},
		{"", "/elsewhere/contacts.csv", "/w", "listaudit/check/elsewhere/contacts.csv/"},
		{"", "-", "/w", "listaudit/check/stdin/"},
		{"", "", "/w", "listaudit/check/"},
	} {
		r := &domain.Result{Policy: domain.Policy{ConfigFile: tc.config}, Invocation: domain.Invocation{WorkDir: tc.workDir}}
		if tc.first != "" {
			r.Inputs = []domain.Input{{Path: tc.first}}
		}
		if got := sarifAutomationID(r); got != tc.want {
			t.Errorf("sarifAutomationID(config %q, first input %q) = %q, want %q", tc.config, tc.first, got, tc.want)
		}
	}
}

// sarifRun0 is each member of a log's first run, as canonicalJSON.
func sarifRun0(t *testing.T, log []byte) map[string]string {
	t.Helper()
	var doc struct {
		Runs []map[string]json.RawMessage `json:"runs"`
	}
	if err := json.Unmarshal(log, &doc); err != nil || len(doc.Runs) == 0 {
		t.Fatalf("not a SARIF log with a run: %v", err)
	}
	out := map[string]string{}
	for k, v := range doc.Runs[0] {
		out[k] = canonicalJSON(t, string(v))
	}
	return out
}

// canonicalJSON is a JSON text compact, its objects' keys sorted.
func canonicalJSON(t *testing.T, s string) string {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("%v: %s", err, s)
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestCamelCase(t *testing.T) {
	for in, want := range map[string]string{"phone-not-e164": "PhoneNotE164", "stale": "Stale", "opted-out": "OptedOut"} {
		if got := camelCase(in); got != want {
			t.Errorf("camelCase(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestCatalogueHelp checks every rule has the help text reports show.
func TestCatalogueHelp(t *testing.T) {
	for _, r := range rules.Catalogue {
		n := strings.Count(r.Help, ". ") + 1
		if r.Help == "" || !strings.HasSuffix(r.Help, ".") || n < 2 || n > 5 {
			t.Errorf("rule %s: help should be 2 to 4 sentences, got %q", r.ID, r.Help)
		}
	}
}

// TestSARIFRuleLevelsFollowThePolicy: rules are described at the severity
// the audit ran them at, which the result carries.
func TestSARIFRuleLevelsFollowThePolicy(t *testing.T) {
	r := fixture()
	r.Policy.Strict = true
	r.Policy.Severity = map[string]domain.Severity{"stale": domain.Info}
	rs, err := rules.NewRuleSet(r.Policy)
	if err != nil {
		t.Fatal(err)
	}
	r.RuleSeverity = rs.Severities()
	doc := decodeSARIF(t, r, Options{})
	levels := map[string]string{}
	for _, rule := range doc.Runs[0].Tool.Driver.Rules {
		levels[rule.ID] = rule.Config.Level
	}
	for id, want := range map[string]string{"phone-not-e164": "error", "stale": "note", "duplicate": "warning"} {
		if levels[id] != want {
			t.Errorf("%s: level %q, want %q", id, levels[id], want)
		}
	}
}

// TestSARIFStreamMatchesEncodingJSON checks the results written one by one
// against encoding/json's rendering of the whole log, on hostile text and
// on results with and without their optional parts.
func TestSARIFStreamMatchesEncodingJSON(t *testing.T) {
	for _, text := range []string{
		"plain", `quote " and \ backslash`, "tab\tnew\nline", "\x00\x1f control", "<html> & ampersand",
		"line\u2028sep", "bad \xff utf-8", "emoji 📞", "",
	} {
		r := fixture()
		fs := r.Findings.(domain.FindingSlice)
		fs[0].Message, fs[0].Column, fs[0].Value = text, text, text
		fs[1].Related = []domain.Location{{File: text, Row: 3}, {File: "b", Row: 4, Line: 5}, {File: "c.xlsx", Row: 1, Line: 2, Sheet: text + "x", Col: 3}}
		fs[2].Loc.Line, fs[2].Phone = 0, ""           // no region, no number
		fs[3].Loc.Sheet, fs[3].Loc.Col = text+"x", 28 // a workbook's cell, no region
		for _, opts := range []Options{{}, {ShowPII: true}} {
			got := render(t, "sarif", r, opts)
			log, results := newSARIFLog(r, opts)
			log.Runs[0].Results = []sarifResult{}
			var scratch sarifScratch
			for f := range r.Findings.All() {
				res := results.make(f, &scratch)
				// Numbered as the report numbers them, in order.
				res.PartialFingerprints.V2 = string(results.number(nil, []byte(res.PartialFingerprints.V2)))
				log.Runs[0].Results = append(log.Runs[0].Results, res)
			}
			want, err := marshalIndent(log)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("text %q: streamed SARIF differs from encoding/json:\n%s\nwant\n%s", text, got, want)
			}
		}
	}
	// No findings: an empty results array.
	r := fixture()
	r.Findings = domain.FindingSlice{}
	r.Decide()
	if got := render(t, "sarif", r, Options{}); !bytes.Contains(got, []byte(`"results": [],`)) {
		t.Errorf("no findings: %s", got)
	}
}
