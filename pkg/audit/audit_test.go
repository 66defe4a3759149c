package audit

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/listaudit/listaudit/pkg/audit/audittest"
	"github.com/listaudit/listaudit/pkg/baseline"
	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/rules"
)

var testNow = time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)

func writeFile(t testing.TB, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func testOptions(workers int) Options {
	p := domain.DefaultPolicy()
	p.DefaultRegion = "KE"
	return Options{Policy: p, Now: testNow, Workers: workers, Tool: domain.Tool{Name: "listaudit", Version: "test"}}
}

func summarise(res *domain.Result) []string {
	var out []string
	for f := range res.Findings.All() {
		s := fmt.Sprintf("%s:%d %s", filepath.Base(f.Loc.File), f.Loc.Row, f.Rule)
		for _, r := range f.Related {
			s += " ->" + filepath.Base(r.File) + ":" + fmt.Sprint(r.Row)
		}
		out = append(out, s)
	}
	return out
}

func TestRunAuditsSeveralFilesAsOneList(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.csv", "phone,consent_source,consent_at\n+254712345678,web,2025-06-01\n+254722000111,web,2025-06-01\n")
	b := writeFile(t, dir, "b.ndjson", `{"msisdn":"0712 345 678","consent":{"source":"web","at":"2025-06-01"},"opted_out":true}`+"\n\n"+`{"msisdn":"+2547"}`+"\n")
	res, err := Run(context.Background(), []string{a, b}, testOptions(2))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"a.csv:1 duplicate-conflict ->b.ndjson:1",
		"b.ndjson:1 duplicate ->a.csv:1",
		"b.ndjson:1 opted-out",
		"b.ndjson:1 phone-not-e164",
		"b.ndjson:2 consent-missing",
		"b.ndjson:2 phone-invalid",
	}
	if got := summarise(res); !reflect.DeepEqual(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if res.Summary.Rows != 4 || res.Summary.UniqueNumbers != 2 {
		t.Errorf("summary = %+v", res.Summary)
	}
	if len(res.Inputs) != 2 || res.Inputs[0].Rows != 2 || res.Inputs[1].Rows != 2 || res.Inputs[1].Format != "ndjson" || len(res.Inputs[0].SHA256) != 64 {
		t.Errorf("inputs = %+v", res.Inputs)
	}
	if !res.Verdict.Failed || res.Summary.BySeverity[domain.Error] != 4 {
		t.Errorf("verdict = %+v, by severity %v", res.Verdict, res.Summary.BySeverity)
	}
}

func TestRunIsDeterministicWhateverTheWorkers(t *testing.T) {
	path := writeFile(t, t.TempDir(), "big.csv", generateList(5000))
	one, err := Run(context.Background(), []string{path}, testOptions(1))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []int{2, 7} {
		many, err := Run(context.Background(), []string{path}, testOptions(w))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(one, many) {
			t.Fatalf("%d workers gave another result than 1", w)
		}
	}
	if one.Summary.Rows != 5000 {
		t.Errorf("rows = %d", one.Summary.Rows)
	}
}

func TestRunEmptyListPasses(t *testing.T) {
	path := writeFile(t, t.TempDir(), "empty.csv", "phone,consent_source\n")
	res, err := Run(context.Background(), []string{path}, testOptions(0))
	if err != nil {
		t.Fatal(err)
	}
	if res.Findings == nil || res.Findings.Len() != 0 || res.Verdict.Failed || res.Summary.Rows != 0 {
		t.Errorf("result = %+v", res)
	}
}

func TestRunReadsStdin(t *testing.T) {
	o := testOptions(1)
	o.Stdin = strings.NewReader("phone\n+254712345678\n")
	o.Input.Format = "csv"
	res, err := Run(context.Background(), []string{"-"}, o)
	if err != nil {
		t.Fatal(err)
	}
	if got := summarise(res); !reflect.DeepEqual(got, []string{"-:1 consent-missing"}) {
		t.Errorf("findings = %q", got)
	}
}

// TestRunCarriesRuleSeverities: the result says at what severity every
// catalogue rule ran, --strict and overrides applied, for the reports.
func TestRunCarriesRuleSeverities(t *testing.T) {
	o := testOptions(1)
	o.Policy.Strict = true
	o.Policy.Severity = map[string]domain.Severity{rules.Stale: domain.Info}
	o.Stdin = strings.NewReader("phone\n+254712345678\n")
	o.Input.Format = "csv"
	res, err := Run(context.Background(), []string{"-"}, o)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.RuleSeverity) != len(rules.Catalogue) {
		t.Errorf("%d rule severities, want the catalogue's %d", len(res.RuleSeverity), len(rules.Catalogue))
	}
	for id, want := range map[string]domain.Severity{rules.PhoneNotE164: domain.Error, rules.Stale: domain.Info, rules.Duplicate: domain.Warning} {
		if got := res.RuleSeverity[id]; got != want {
			t.Errorf("%s: %v, want %v", id, got, want)
		}
	}
}

func TestRunInputError(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "good.csv", "phone\n+254712345678\n")
	_, err := Run(context.Background(), []string{good, filepath.Join(dir, "missing.csv")}, testOptions(2))
	if err == nil || !strings.Contains(err.Error(), "missing.csv") {
		t.Fatalf("err = %v, want one naming missing.csv", err)
	}
}

// TestBaselineHiddenFindingsCountNowhere: what a baseline accepts is out of
// the findings, the counts and the verdict, and counted as hidden.
func TestBaselineHiddenFindingsCountNowhere(t *testing.T) {
	dir := t.TempDir()
	list := writeFile(t, dir, "list.csv", "phone,consent_source,consent_at,last_active_at\n+254712345678,,2025-06-01,2025-12-01\n0722 000111,web,2025-06-01,2025-12-01\n")
	first, err := Run(context.Background(), []string{list}, testOptions(1))
	if err != nil {
		t.Fatal(err)
	}
	base := filepath.Join(dir, "base.json")
	// Accept only the consent-missing finding.
	var accept []domain.Finding
	for f := range first.Findings.All() {
		if f.Rule == "consent-missing" {
			accept = append(accept, *f)
		}
	}
	if err := baseline.Write(base, baseline.FromFindings(accept)); err != nil {
		t.Fatal(err)
	}
	o := testOptions(1)
	o.Policy.Baseline = base
	res, err := Run(context.Background(), []string{list}, o)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, n := range res.Summary.BySeverity {
		total += n
	}
	if res.Summary.BaselineHidden != 1 || res.Accepted.Len() != 1 || total != res.Findings.Len() || res.Summary.ByRule["consent-missing"] != 0 || res.Verdict.Failed {
		t.Errorf("hidden %d, accepted %d, counted %d of %d, by rule %v, failed %v",
			res.Summary.BaselineHidden, res.Accepted.Len(), total, res.Findings.Len(), res.Summary.ByRule, res.Verdict.Failed)
	}
}

// TestRunKeepsWhatReportsRead audits a list with many repeated and
// opted-out numbers (so many findings come at the end, as conflicts) with
// each retention, and checks what a report reading within it sees: the
// same first findings and the same first findings of each rule as in the
// whole list, with the same counts.
func TestRunKeepsWhatReportsRead(t *testing.T) {
	path := writeFile(t, t.TempDir(), "list.csv", audittest.RepeatedList(20_000, 3000))
	run := func(keep *domain.Retention) *domain.Result {
		t.Helper()
		res, err := Run(context.Background(), []string{path}, Options{Policy: domain.DefaultPolicy(), Now: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Keep: keep})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { res.Close() })
		return res
	}
	full := run(nil)
	all := domain.Collect(full.Findings)
	if full.Summary.ByRule[rules.DuplicateConflict] < 1000 {
		t.Fatalf("only %d conflicts: the test wants many findings at the end", full.Summary.ByRule[rules.DuplicateConflict])
	}
	firstOfRule := func(fs []domain.Finding, k int) map[string][]domain.Finding {
		m := map[string][]domain.Finding{}
		for _, f := range fs {
			if len(m[f.Rule]) < k {
				m[f.Rule] = append(m[f.Rule], f)
			}
		}
		return m
	}
	firstOfSeverity := func(fs []domain.Finding, k int) map[domain.Severity][]domain.Finding {
		m := map[domain.Severity][]domain.Finding{}
		for _, f := range fs {
			if len(m[f.Severity]) < k {
				m[f.Severity] = append(m[f.Severity], f)
			}
		}
		return m
	}
	for _, keep := range []domain.Retention{{}, {First: 50}, {PerRule: 10}, {First: 7, PerRule: 3}, {First: 70_000}, {PerSeverity: 20}, {First: 5, PerSeverity: 1500}} {
		res := run(&keep)
		got := domain.Collect(res.Findings)
		if res.Findings.Len() != len(all) || !reflect.DeepEqual(res.Summary, full.Summary) || res.Verdict != full.Verdict {
			t.Errorf("%+v: Len %d, summary %+v; want %d, %+v", keep, res.Findings.Len(), res.Summary, len(all), full.Summary)
		}
		n := min(keep.First, len(all))
		if len(got) < n || !reflect.DeepEqual(got[:n], all[:n]) {
			t.Errorf("%+v: the first %d findings differ", keep, n)
		}
		if keep.PerRule > 0 && !reflect.DeepEqual(firstOfRule(got, keep.PerRule), firstOfRule(all, keep.PerRule)) {
			t.Errorf("%+v: the first findings of some rule differ", keep)
		}
		if keep.PerSeverity > 0 && !reflect.DeepEqual(firstOfSeverity(got, keep.PerSeverity), firstOfSeverity(all, keep.PerSeverity)) {
			t.Errorf("%+v: the first findings of some severity differ", keep)
		}
		if keep == (domain.Retention{}) && len(got) != 0 {
			t.Errorf("%+v: kept %d findings", keep, len(got))
		}
	}
}

// TestRunRecordsJurisdictions checks that under --jurisdictions builtin the
// result counts rows per jurisdiction, across workers and batches, and
// that without it the result has no such list.
func TestRunRecordsJurisdictions(t *testing.T) {
	dir := t.TempDir()
	var list strings.Builder
	list.WriteString("phone\n")
	for range 700 { // more than a batch
		list.WriteString("+13056721234\n+14169671111\n+254712345678\n+18005550199\n")
	}
	path := writeFile(t, dir, "list.csv", list.String())
	for _, workers := range []int{1, 3} {
		opts := testOptions(workers)
		opts.Policy.Jurisdictions = domain.Jurisdictions{Builtin: true}
		res, err := Run(context.Background(), []string{path}, opts)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, u := range res.Jurisdictions {
			got = append(got, fmt.Sprintf("%s=%d", u.Code, u.Rows))
		}
		if want := []string{"CA=700", "US=1400", "US-FL=700"}; !reflect.DeepEqual(got, want) {
			t.Errorf("%d workers: %v, want %v", workers, got, want)
		}
	}
	res, err := Run(context.Background(), []string{path}, testOptions(2))
	if err != nil {
		t.Fatal(err)
	}
	if res.Jurisdictions != nil {
		t.Errorf("without the table: %v", res.Jurisdictions)
	}
}
