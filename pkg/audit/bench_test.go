package audit

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"

	"github.com/listaudit/listaudit/pkg/domain"
)

// generateList writes a realistic contact CSV of n rows: several countries,
// E.164, spaced, national and 00-prefixed numbers, some invalid, some
// duplicates written differently, and a spread of consent states.
func generateList(n int) string {
	rng := rand.New(rand.NewPCG(1, 2))
	type country struct{ region, cc, trunk, prefix string }
	countries := []country{
		{"KE", "254", "0", "7"}, {"GB", "44", "0", "7"}, {"NG", "234", "0", "80"},
		{"TZ", "255", "0", "7"}, {"DE", "49", "0", "17"}, {"IN", "91", "", "9"},
	}
	var b strings.Builder
	b.WriteString("id,phone,country,consent_source,consent_at,opted_out,last_active_at,messages_sent\n")
	for i := range n {
		c := countries[rng.IntN(len(countries))]
		rest := fmt.Sprintf("%010d", rng.IntN(10000000000))
		national := c.prefix + rest[:9-len(c.prefix)]
		if c.region == "IN" || c.region == "DE" {
			national = c.prefix + rest[:10-len(c.prefix)]
		}
		var phone string
		switch k := rng.IntN(100); {
		case k < 40:
			phone = "+" + c.cc + national
		case k < 60:
			phone = "+" + c.cc + " " + national[:3] + " " + national[3:]
		case k < 85:
			phone = c.trunk + national
		case k < 90:
			phone = "00" + c.cc + national
		case k < 95:
			phone = "+" + c.cc + national[:4]
		default:
			phone = ""
		}
		consent := []string{"web_form", "checkout", ""}[rng.IntN(3)]
		optedOut := []string{"", "", "", "", "", "", "", "", "yes", "no"}[rng.IntN(10)]
		fmt.Fprintf(&b, "%d,%s,%s,%s,2025-%02d-%02d,%s,2025-%02d-01,%d\n", i, phone, c.region, consent, rng.IntN(12)+1, rng.IntN(28)+1, optedOut, rng.IntN(12)+1, rng.IntN(4))
	}
	return b.String()
}

// BenchmarkAudit audits a generated 100,000-row list end to end (read,
// normalise, rules, duplicates, sort) and reports rows per second.
func BenchmarkAudit(b *testing.B) {
	path := writeFile(b, b.TempDir(), "list.csv", generateList(100_000))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		res, err := Run(context.Background(), []string{path}, testOptions(0))
		if err != nil {
			b.Fatal(err)
		}
		if res.Summary.Rows != 100_000 {
			b.Fatalf("rows = %d", res.Summary.Rows)
		}
	}
	b.ReportMetric(float64(100_000*b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkAuditWithSendLog audits a generated 100,000-row list against a
// 1,000,000-line send log (issue 4): the log is streamed into per-number
// send times first, then every row consults it. It reports list rows and
// log lines per second and the heap the run peaked at.
func BenchmarkAuditWithSendLog(b *testing.B) {
	dir := b.TempDir()
	list := generateList(100_000)
	listPath := writeFile(b, dir, "list.csv", list)
	// Log numbers: the list's E.164 cells (so most sends match a contact)
	// and 10% numbers the list does not have.
	var numbers []string
	for line := range strings.Lines(list) {
		if f := strings.Split(line, ","); len(f) > 1 && strings.HasPrefix(f[1], "+") && !strings.Contains(f[1], " ") {
			numbers = append(numbers, f[1])
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	var log strings.Builder
	log.WriteString("phone,sent_at,channel\n")
	for i := range 1_000_000 {
		n := numbers[rng.IntN(len(numbers))]
		if i%10 == 0 {
			n = fmt.Sprintf("+2547%08d", rng.IntN(100_000_000))
		}
		fmt.Fprintf(&log, "%s,2025-%02d-%02dT%02d:00:00Z,sms\n", n, rng.IntN(12)+1, rng.IntN(28)+1, rng.IntN(24))
	}
	logPath := writeFile(b, dir, "sends.csv", log.String())
	o := testOptions(0)
	o.Policy.MessageLogs = []string{logPath}
	b.ReportAllocs()
	b.ResetTimer()
	var peak uint64
	for b.Loop() {
		res, err := Run(context.Background(), []string{listPath}, o)
		if err != nil {
			b.Fatal(err)
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		peak = max(peak, ms.HeapSys)
		if res.Summary.Rows != 100_000 || res.Summary.LogNumbersNotInList == 0 {
			b.Fatalf("rows %d, log numbers not in list %d", res.Summary.Rows, res.Summary.LogNumbersNotInList)
		}
	}
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(100_000*b.N)/sec, "rows/s")
	b.ReportMetric(float64(1_000_000*b.N)/sec, "log-lines/s")
	b.ReportMetric(float64(peak)/(1<<20), "heap-MiB")
}

// spillBenchFindings audits a generated list and returns its findings, as
// the sink hands them to the temporary file.
func spillBenchFindings(b *testing.B) []domain.Finding {
	path := writeFile(b, b.TempDir(), "list.csv", generateList(100_000))
	res, err := Run(context.Background(), []string{path}, testOptions(0))
	if err != nil {
		b.Fatal(err)
	}
	var fs []domain.Finding
	for f := range res.Findings.All() {
		fs = append(fs, *f)
	}
	res.Findings.Close()
	return fs
}

// BenchmarkSpillWrite encodes a list's findings into the temporary file,
// as the audit's ordered pass does, row by row.
func BenchmarkSpillWrite(b *testing.B) {
	fs := spillBenchFindings(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		s := newSpillList()
		for start := 0; start < len(fs); {
			end := start + 1
			for end < len(fs) && fs[end].Loc == fs[start].Loc {
				end++
			}
			s.add(fs[start:end])
			start = end
		}
		if err := s.finish(nil); err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
	b.ReportMetric(float64(len(fs))*float64(b.N)/b.Elapsed().Seconds(), "findings/s")
}

// BenchmarkSpillRead decodes the temporary file's parts one after the
// other, as a report renders them (on one core here).
func BenchmarkSpillRead(b *testing.B) {
	fs := spillBenchFindings(b)
	s := newSpillList()
	s.add(fs)
	if err := s.finish(nil); err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.ReportAllocs()
	b.ResetTimer()
	rows := 0
	for b.Loop() {
		for _, part := range s.Parts() {
			for f := range part {
				rows += f.Loc.Row & 1
			}
		}
	}
	b.ReportMetric(float64(len(fs))*float64(b.N)/b.Elapsed().Seconds(), "findings/s")
}
