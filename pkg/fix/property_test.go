package fix

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/listaudit/listaudit/pkg/domain"
)

// genList writes nFiles generated CSV lists into dir and returns their
// paths and every row id. Rows draw numbers from a small pool (so numbers
// repeat across spellings and files), opt-outs, consent dates, empty and
// invalid phones, and malformed records (wrong field count, a bare quote);
// files differ in column order and extra columns.
func genList(rng *rand.Rand, dir string, nFiles int) ([]string, []string) {
	pool := []string{"+254712345678", "0712 345 678", "+254733123456", "0733123456", "+447911123456",
		"07911 123456", "+2348031234567", "+12025550143", "", "call me", "+25471234", "+254 722 000 111"}
	var paths, ids []string
	for f := range nFiles {
		cols := []string{"id", "phone", "country", "consent_source", "consent_at", "opted_out", "last_active_at"}
		rng.Shuffle(len(cols), func(i, j int) { cols[i], cols[j] = cols[j], cols[i] })
		if rng.IntN(2) == 0 {
			cols = append(cols, fmt.Sprintf("extra_%d", f))
		}
		var b strings.Builder
		b.WriteString(strings.Join(cols, ",") + "\n")
		for r := range rng.IntN(60) {
			id := fmt.Sprintf("f%dr%d", f, r)
			ids = append(ids, id)
			cells := make([]string, len(cols))
			for i, c := range cols {
				switch c {
				case "id":
					cells[i] = id
				case "phone":
					cells[i] = pool[rng.IntN(len(pool))]
				case "country":
					cells[i] = []string{"KE", "GB", "", "NG"}[rng.IntN(4)]
				case "consent_source":
					cells[i] = []string{"web_form", "", "checkout"}[rng.IntN(3)]
				case "consent_at":
					if rng.IntN(5) > 0 {
						cells[i] = fmt.Sprintf("2025-%02d-%02d", 1+rng.IntN(12), 1+rng.IntN(28))
					}
				case "opted_out":
					cells[i] = []string{"", "no", "no", "no", "yes"}[rng.IntN(5)]
				case "last_active_at":
					cells[i] = fmt.Sprintf("2025-%02d-01", 1+rng.IntN(12))
				default:
					cells[i] = []string{"", "=HYPERLINK(\"x\")", "note, with comma", "-5", "multi\nline"}[rng.IntN(5)]
					if strings.ContainsAny(cells[i], ",\"\n") {
						cells[i] = `"` + strings.ReplaceAll(cells[i], `"`, `""`) + `"`
					}
				}
			}
			line := strings.Join(cells, ",")
			switch rng.IntN(25) {
			case 0:
				line += ",surplus"
			case 1:
				line = id + `,bare"quote` + strings.Repeat(",", len(cols)-2)
				if cols[0] != "id" {
					line = strings.Repeat(",", len(cols)-2) + `x"y,` + id
				}
			}
			b.WriteString(line + "\n")
		}
		path := filepath.Join(dir, fmt.Sprintf("list%d.csv", f))
		if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
			panic(err)
		}
		paths = append(paths, path)
	}
	return paths, ids
}

// TestInvariantProperty: over generated lists, every input row is in
// exactly one output (checked by the rows' ids), counts add up, and the
// clean file passes its own audit.
func TestInvariantProperty(t *testing.T) {
	for seed := range uint64(40) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 5))
			paths, ids := genList(rng, t.TempDir(), 1+rng.IntN(3))
			drop := []domain.Severity{domain.Error, domain.Warning, domain.Info}[rng.IntN(3)]
			o := Options{DropOn: drop, KeepPhone: rng.IntN(2) == 0, ExcelSafe: rng.IntN(2) == 0, Audit: auditOptions()}
			if rng.IntN(2) == 0 {
				o.Audit.Policy.DefaultRegion = "KE"
			}
			s, clean, quar := runFix(t, paths, o)
			checkInvariant(t, paths, clean, quar, s)

			ch, kept := readCSV(t, clean)
			qh, removed := readCSV(t, quar)
			count := map[string]int{}
			idAt := func(h []string, rec []string) string {
				i := slices.Index(h, "id")
				if rec[i] != "" {
					return rec[i]
				}
				// A record broken before its id cell: find it in the raw text.
				raw := rec[slices.Index(h, ColRaw)]
				for _, id := range ids {
					if strings.Contains(raw+",", id+",") || strings.HasSuffix(raw, id) {
						return id
					}
				}
				return "?"
			}
			for _, r := range kept {
				count[idAt(ch, r)]++
			}
			for _, r := range removed {
				count[idAt(qh, r)]++
			}
			for _, id := range ids {
				if count[id] != 1 {
					t.Errorf("row %s is in %d outputs", id, count[id])
				}
			}
			if len(count) != len(ids) {
				t.Errorf("outputs hold %d ids, inputs %d: %v", len(count), len(ids), count)
			}
			assertClean(t, clean, drop, o.Audit)

			// A dry run counts the same.
			o.DryRun = true
			dry, _, err := Run(context.Background(), paths, o)
			if err != nil {
				t.Fatal(err)
			}
			if dry.Kept != s.Kept || dry.Quarantined != s.Quarantined || fmt.Sprint(dry.ByRule) != fmt.Sprint(s.ByRule) {
				t.Errorf("dry run: kept %d quarantined %d %v; run: %d %d %v", dry.Kept, dry.Quarantined, dry.ByRule, s.Kept, s.Quarantined, s.ByRule)
			}
		})
	}
}
