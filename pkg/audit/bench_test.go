package audit

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
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
