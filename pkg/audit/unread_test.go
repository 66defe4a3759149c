package audit

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/listaudit/listaudit/pkg/audit/audittest"
	"github.com/listaudit/listaudit/pkg/baseline"
	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/input"
	"github.com/listaudit/listaudit/pkg/rules"
)

// TestSinkUnread checks when the audit may count findings without building
// them: only for rules whose findings the retention keeps no more, and
// never when every finding is kept or a baseline must judge each.
func TestSinkUnread(t *testing.T) {
	dir := t.TempDir()
	base := filepath.Join(dir, "base.json")
	if err := baseline.Write(base, baseline.FromFindings(nil)); err != nil {
		t.Fatal(err)
	}
	rs := rules.DefaultRuleSet()
	mask := func(ids ...string) rules.RuleMask {
		return rs.Mask(func(id string, _ domain.Severity) bool {
			for _, want := range ids {
				if id == want {
					return true
				}
			}
			return false
		})
	}
	all := rs.Mask(func(string, domain.Severity) bool { return true })
	var warnings []string
	for _, r := range rules.Catalogue {
		if sev, _ := rs.Rule(r.ID); sev == domain.Warning {
			warnings = append(warnings, r.ID)
		}
	}
	// Two warnings of stale and one error of opted-out, in report order.
	seen := []domain.Finding{
		{Rule: rules.Stale, Severity: domain.Warning, Loc: domain.Location{Row: 1}},
		{Rule: rules.OptedOut, Severity: domain.Error, Loc: domain.Location{Row: 2}},
		{Rule: rules.Stale, Severity: domain.Warning, Loc: domain.Location{Row: 3}},
	}
	tests := []struct {
		name     string
		keep     *domain.Retention
		baseline string
		want     rules.RuleMask
	}{
		{"every finding kept", nil, "", 0},
		{"a report lists them all", &domain.RetainAll, "", 0},
		{"the table with its limit", &domain.Retention{PerSeverity: 2}, "", mask(warnings...)},
		{"the table with room left", &domain.Retention{PerSeverity: 3}, "", 0},
		{"the verdict line only", &domain.Retention{}, "", all},
		{"the verdict line, with a baseline", &domain.Retention{}, base, 0},
		{"the table, with a baseline", &domain.Retention{PerSeverity: 1}, base, 0},
		{"a few of each rule", &domain.Retention{PerRule: 2}, "", mask(rules.Stale)},
		{"the table and a few of each rule", &domain.Retention{PerSeverity: 1, PerRule: 1}, "", mask(rules.Stale, rules.OptedOut)},
		{"the first few", &domain.Retention{First: 3}, "", all},
		{"the first few, not yet", &domain.Retention{First: 4, PerSeverity: 1}, "", 0},
	}
	for _, tc := range tests {
		res := &domain.Result{Policy: domain.DefaultPolicy()}
		res.Policy.Baseline = tc.baseline
		sink, err := newFindingSink(res, tc.keep, func(string) {})
		if err != nil {
			t.Fatal(err)
		}
		for i := range seen {
			sink.add(seen[i : i+1])
		}
		if got := sink.unread(rs); got != tc.want {
			t.Errorf("%s: unread %b, want %b", tc.name, got, tc.want)
		}
		sink.closeUnlessKept()
	}
}

// realworld is the real-world exports among the test lists that an audit
// reads with no options.
func realworld(t *testing.T) []string {
	t.Helper()
	var paths []string
	for _, pattern := range []string{"*.csv", "*.vcf", "*.ndjson"} {
		m, err := filepath.Glob(filepath.Join("..", "..", "testdata", "realworld", pattern))
		if err != nil || len(m) == 0 {
			t.Fatalf("no %s: %v", pattern, err)
		}
		for _, path := range m {
			if res, err := Run(context.Background(), []string{path}, testOptions(1)); err == nil {
				res.Close()
				paths = append(paths, path)
			}
		}
	}
	if len(paths) < 10 {
		t.Fatalf("only %d real-world lists", len(paths))
	}
	return paths
}

// TestUnreadChangesNoResult audits the test lists, and a list long enough
// for many batches, under what each report reads (the table at several
// limits, GitHub, Markdown, HTML, the verdict line alone), once counting
// the findings no report reads and once building them all: the results,
// findings kept, counts and verdict, are the same, so every report of
// them is.
func TestUnreadChangesNoResult(t *testing.T) {
	defer func(n int) { batchSize = n }(batchSize)
	batchSize = 5
	dir := t.TempDir()
	lists := [][]string{
		{writeFile(t, dir, "repeated.csv", audittest.RepeatedList(300, 40))},
		{"../../testdata/contacts.csv", "../../testdata/contacts-scope.csv", "../../testdata/contacts.ndjson"},
		realworld(t),
		{"../../testdata/contacts.xlsx", "../../testdata/vcard/v30.vcf"},
	}
	keeps := []domain.Retention{{PerSeverity: 50}, {PerSeverity: 3}, {PerSeverity: 1}, {PerRule: 10}, {PerRule: 5}, {First: 500}, {}, {PerSeverity: 1, PerRule: 2}}
	run := func(paths []string, keep domain.Retention, counts bool) (*domain.Result, *auditRun) {
		t.Helper()
		defer func(was bool) { countsUnread = was }(countsUnread)
		countsUnread = counts
		o := testOptions(2)
		o.Keep = &keep
		a, err := newAuditRun(o)
		if err != nil {
			t.Fatal(err)
		}
		res, err := a.run(context.Background(), paths)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { res.Close() })
		return res, a
	}
	for _, paths := range lists {
		// Read over and over, as one list, a short list takes many batches.
		for len(paths) < 12 {
			paths = append(paths, paths...)
		}
		unbuilt := 0
		for _, keep := range keeps {
			built, b := run(paths, keep, false)
			counted, c := run(paths, keep, true)
			if b.unbuilt != 0 {
				t.Errorf("%v %+v: %d findings not built with the saving off", paths, keep, b.unbuilt)
			}
			unbuilt += c.unbuilt
			if built.Findings.Len() != counted.Findings.Len() || !reflect.DeepEqual(built.Summary, counted.Summary) || built.Verdict != counted.Verdict {
				t.Errorf("%v %+v: Len %d, summary %+v, verdict %+v; building all: %d, %+v, %+v", paths, keep,
					counted.Findings.Len(), counted.Summary, counted.Verdict, built.Findings.Len(), built.Summary, built.Verdict)
			}
			if !reflect.DeepEqual(domain.Collect(built.Findings), domain.Collect(counted.Findings)) {
				t.Errorf("%v %+v: the findings kept differ", paths, keep)
			}
		}
		if unbuilt == 0 {
			t.Errorf("%v: every finding was built", paths)
		}
	}
}

// BenchmarkAuditTable is BenchmarkAudit for the default table, which reads
// the first 50 findings of each severity: the audit counts the others
// rather than build them.
func BenchmarkAuditTable(b *testing.B) {
	path := writeFile(b, b.TempDir(), "list.csv", generateList(100_000))
	keep := domain.Retention{PerSeverity: 50}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		o := testOptions(0)
		o.Keep = &keep
		res, err := Run(context.Background(), []string{path}, o)
		if err != nil {
			b.Fatal(err)
		}
		if res.Summary.Rows != 100_000 {
			b.Fatalf("rows = %d", res.Summary.Rows)
		}
		res.Close()
	}
	b.ReportMetric(float64(100_000*b.N)/b.Elapsed().Seconds(), "rows/s")
}

// rulesObserver notes each row's Row.Rules and Row.First.
type rulesObserver struct {
	rows   map[[2]int]rules.RuleMask
	firsts map[[2]int]rules.FirstRow
}

func (o *rulesObserver) Row(r *Row) {
	if r.Rules != 0 {
		o.rows[[2]int{r.Loc.FileIndex, r.Loc.Row}] = r.Rules
	}
	if r.First != nil {
		o.firsts[[2]int{r.Loc.FileIndex, r.Loc.Row}] = *r.First
	}
}
func (o *rulesObserver) Input(input.Info) {}

// TestRowRulesNameEachRowsRules audits the test lists building every
// finding, then with Options.RowRules: each row's Row.Rules, with the
// findings still built (the duplicate conflicts, known at the end), name
// the rules of the row's findings; the counts, the verdict and each row's
// first row are the same, the duplicate rule on or off. With a baseline,
// which must see each finding, every finding is built.
func TestRowRulesNameEachRowsRules(t *testing.T) {
	defer func(n int) { batchSize = n }(batchSize)
	batchSize = 5
	dir := t.TempDir()
	base := filepath.Join(dir, "base.json")
	if err := baseline.Write(base, baseline.FromFindings(nil)); err != nil {
		t.Fatal(err)
	}
	rs := rules.DefaultRuleSet()
	bit := func(id string) rules.RuleMask {
		return rs.Mask(func(x string, _ domain.Severity) bool { return x == id })
	}
	// byRow ORs each finding's rule into its row's set, in obs.rows.
	byRow := func(res *domain.Result, obs *rulesObserver) {
		for f := range res.Findings.All() {
			obs.rows[[2]int{f.Loc.FileIndex, f.Loc.Row}] |= bit(f.Rule)
		}
	}
	run := func(paths []string, baseline string, disabled []string, rowRules bool) (*domain.Result, *rulesObserver) {
		t.Helper()
		obs := &rulesObserver{rows: map[[2]int]rules.RuleMask{}, firsts: map[[2]int]rules.FirstRow{}}
		o := testOptions(2)
		o.Policy.Baseline, o.Policy.Disabled = baseline, disabled
		o.Observer, o.RowRules = obs, rowRules
		res, err := Run(context.Background(), paths, o)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { res.Close() })
		return res, obs
	}
	lists := [][]string{
		{writeFile(t, dir, "repeated.csv", audittest.RepeatedList(300, 40))},
		{"../../testdata/contacts.csv", "../../testdata/contacts-scope.csv", "../../testdata/contacts.ndjson"},
		realworld(t),
		{"../../testdata/contacts.xlsx", "../../testdata/vcard/v30.vcf"},
	}
	firsts := 0
	for _, paths := range lists {
		for _, tc := range []struct {
			baseline string
			disabled []string
		}{{"", nil}, {base, nil}, {"", []string{rules.Duplicate}}} {
			baseline := tc.baseline
			built, want := run(paths, baseline, tc.disabled, false)
			counted, got := run(paths, baseline, tc.disabled, true)
			if firsts += len(want.firsts); !reflect.DeepEqual(got.firsts, want.firsts) {
				t.Errorf("%v (baseline %q, disabled %v): first rows %v, want %v", paths, baseline, tc.disabled, got.firsts, want.firsts)
			}
			if len(want.rows) != 0 {
				t.Errorf("%v: Row.Rules set without RowRules", paths)
			}
			if baseline != "" && len(got.rows) != 0 {
				t.Errorf("%v: Row.Rules set with a baseline", paths)
			}
			for f := range counted.Findings.All() {
				if baseline == "" && f.Rule != rules.DuplicateConflict {
					t.Errorf("%v: %s finding built with RowRules", paths, f.Rule)
				}
			}
			byRow(built, want)
			byRow(counted, got)
			if !reflect.DeepEqual(got.rows, want.rows) {
				t.Errorf("%v (baseline %q): rows' rules %v, want %v", paths, baseline, got.rows, want.rows)
			}
			if built.Findings.Len() != counted.Findings.Len() || !reflect.DeepEqual(built.Summary, counted.Summary) || built.Verdict != counted.Verdict {
				t.Errorf("%v: Len %d, summary %+v, verdict %+v; building all: %d, %+v, %+v", paths,
					counted.Findings.Len(), counted.Summary, counted.Verdict, built.Findings.Len(), built.Summary, built.Verdict)
			}
		}
	}
	if firsts == 0 {
		t.Error("no row repeats an earlier row's number")
	}
}
