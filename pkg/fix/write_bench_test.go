package fix

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/listaudit/listaudit/pkg/audit"
	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/rules"
)

// benchList writes a list of n rows like bench/gen's: numbers written
// several ways, a quarter of them repeated, some rows with errors.
func benchList(b testing.TB, n int) string {
	b.Helper()
	var sb strings.Builder
	sb.WriteString("id,name,email,phone,country,consent_source,consent_at,opted_out,opted_out_at,last_contacted_at,last_active_at,messages_sent\n")
	for i := 1; i <= n; i++ {
		nsn := 712000000 + (i*7919)%(n*3/4+1)
		phone := [...]string{
			fmt.Sprintf("+254%d", nsn),
			fmt.Sprintf("+254 %d %03d %03d", nsn/1000000, nsn/1000%1000, nsn%1000),
			fmt.Sprintf("0%d", nsn),
			"",
			"12",
		}[i%17%5]
		consent := [...]string{"2024-05-20", "2023-01-02", "", "2025-09-30"}[i%4]
		optedOut := [...]string{"no", "", "yes"}[i%3%3*(i%7/6)]
		fmt.Fprintf(&sb, "%d,Name %d,user.%d@example.com,%s,KE,import,%s,%s,,2025-02-23,2025-11-27,%d\n", i, i, i, phone, consent, optedOut, i%9)
	}
	path := filepath.Join(b.TempDir(), "list.csv")
	if err := os.WriteFile(path, []byte(sb.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	return path
}

// benchFix writes a list of n rows and returns it with the options of
// its fix.
func benchFix(b *testing.B, n int) (string, Options) {
	dir := b.TempDir()
	return benchList(b, n), Options{Audit: auditOptions(), DropOn: domain.Error,
		Clean: filepath.Join(dir, "clean.csv"), Quarantine: filepath.Join(dir, "removed.csv")}
}

// BenchmarkWritePass times fix's second pass alone (read every row again,
// decide, write both files) on a 100,000-row list audited once.
func BenchmarkWritePass(b *testing.B) {
	const rows = 100_000
	path, opts := benchFix(b, rows)
	a := opts.Audit
	a.Input.AllKeys = true
	c := newCollector()
	a.Observer = c
	res, err := audit.Run(context.Background(), []string{path}, a)
	if err != nil {
		b.Fatal(err)
	}
	p, err := newPlan(c, res, opts.DropOn, rules.Runs(rules.Duplicate, res.Policy))
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		p.dups.next = 0
		for i := range p.classes.table {
			p.classes.table[i].rows = 0
		}
		s := &Summary{ByRule: map[string]int{}, KeptByRule: map[string]int{}}
		if err := p.write(context.Background(), []string{path}, opts, nil, c, res, s); err != nil {
			b.Fatal(err)
		}
		if s.Rows != rows {
			b.Fatalf("%d rows written, want %d", s.Rows, rows)
		}
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkFix times a whole fix (audit, plan, writing pass) of a
// 100,000-row list.
func BenchmarkFix(b *testing.B) {
	const rows = 100_000
	path, opts := benchFix(b, rows)
	for b.Loop() {
		if _, _, err := Run(context.Background(), []string{path}, opts); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

// TestManyBatches: rows spread over many batches of the writing pass
// reach each file once, in the order read.
func TestManyBatches(t *testing.T) {
	const rows = 3*batchRows + 17
	s, clean, quar := runFix(t, []string{benchList(t, rows)}, Options{})
	if s.Kept+s.Quarantined != rows || s.Kept == 0 || s.Quarantined == 0 {
		t.Fatalf("kept %d, quarantined %d of %d rows", s.Kept, s.Quarantined, rows)
	}
	seen := 0
	for _, file := range [][]byte{clean, quar} {
		lines := strings.Split(strings.TrimSuffix(string(file), "\n"), "\n")[1:]
		prev := 0
		for _, l := range lines {
			id, _, _ := strings.Cut(l, ",")
			n, err := strconv.Atoi(id)
			if err != nil || n <= prev {
				t.Fatalf("row %q after id %d", l, prev)
			}
			prev = n
		}
		seen += len(lines)
	}
	if seen != rows {
		t.Errorf("%d rows written, want %d", seen, rows)
	}
}
