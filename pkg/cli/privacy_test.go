package cli

import (
	"encoding/csv"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/listaudit/listaudit/pkg/report"
)

// TestReportsNeverShowNumbers runs every report format over the sample
// list and checks that no phone number appears unmasked anywhere — not in
// a value, a number column nor a message — unless --show-pii is given.
func TestReportsNeverShowNumbers(t *testing.T) {
	const sample = "../../testdata/contacts.csv"
	numbers := phoneDigits(t, sample)
	leaks := func(out string) []string {
		var found []string
		for _, m := range regexp.MustCompile(`\d{7,}`).FindAllString(out, -1) {
			for _, n := range numbers {
				// Seven digits in a row of a number are more than a masked
				// number shows (calling code, one digit, the last two).
				if strings.Contains(n, m) || strings.Contains(m, n) {
					found = append(found, m)
					break
				}
			}
		}
		return found
	}
	for _, format := range report.Formats() {
		env, out, errOut := testEnv("")
		if code := Main([]string{"check", "--now", "2026-01-15", "--limit", "0", "-f", format, sample}, env); code == ExitError {
			t.Fatalf("%s: exit 2: %s", format, errOut)
		}
		if l := leaks(out.String()); len(l) > 0 {
			t.Errorf("%s report shows numbers: %q", format, l)
		}
	}
	// The check can fail: with --show-pii the numbers are there.
	env, out, _ := testEnv("")
	Main([]string{"check", "--now", "2026-01-15", "--show-pii", "-f", "json", sample}, env)
	if len(leaks(out.String())) == 0 {
		t.Error("--show-pii shows no number: the leak check is blind")
	}
}

// phoneDigits returns the digits of every phone cell of a CSV sample that
// has at least seven.
func phoneDigits(t *testing.T, path string) []string {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := -1
	for i, h := range rows[0] {
		if h == "phone" {
			col = i
		}
	}
	var out []string
	for _, row := range rows[1:] {
		if col >= len(row) {
			continue
		}
		digits := regexp.MustCompile(`\D`).ReplaceAllString(row[col], "")
		if len(digits) >= 7 {
			out = append(out, strings.TrimLeft(digits, "0"))
		}
	}
	if len(out) < 10 {
		t.Fatalf("only %d numbers in %s", len(out), path)
	}
	return out
}
