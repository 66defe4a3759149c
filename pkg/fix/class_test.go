package fix

import (
	"fmt"
	"iter"
	"slices"
	"strings"
	"testing"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/rules"
)

// TestRulesFitClassBits: a class holds a row's rules as bits of a uint64,
// row-malformed and duplicate among them.
func TestRulesFitClassBits(t *testing.T) {
	if n := len(rules.IDs()); n > 64 {
		t.Fatalf("%d rules do not fit a class's 64 bits", n)
	}
	if _, err := newClasses([]int{1}); err != nil {
		t.Fatal(err)
	}
}

// TestClassesWiden: past 65536 classes the rows' classes move to 32 bits
// and keep their values.
func TestClassesWiden(t *testing.T) {
	const n = 70000
	c, err := newClasses([]int{n, 3})
	if err != nil {
		t.Fatal(err)
	}
	for r := 1; r <= n; r++ {
		c.set(idOf(0, r), c.intern(classKey{kept: uint64(r)}))
	}
	c.set(idOf(1, 3), c.intern(classKey{kept: 7}))
	c.set(idOf(1, 5), c.intern(classKey{kept: 9})) // beyond the input's rows
	if c.wide == nil || c.narrow != nil {
		t.Fatal("not widened")
	}
	for _, tc := range []struct {
		id   rowID
		want uint64
	}{{idOf(0, 1), 1}, {idOf(0, 65535), 65535}, {idOf(0, 65536), 65536}, {idOf(0, n), n}, {idOf(1, 3), 7}, {idOf(1, 5), 9}, {idOf(1, 1), 0}, {idOf(2, 1), 0}} {
		if got := c.table[c.of(tc.id)].key.kept; got != tc.want {
			t.Errorf("row %d:%d: class %d, want %d", tc.id.file(), tc.id.row(), got, tc.want)
		}
	}
}

// partedFindings is findings in parts, as an audit's spilled findings.
type partedFindings struct{ parts []domain.FindingSlice }

func (p partedFindings) all() domain.FindingSlice {
	var all domain.FindingSlice
	for _, s := range p.parts {
		all = append(all, s...)
	}
	return all
}
func (p partedFindings) Len() int                       { return len(p.all()) }
func (p partedFindings) All() iter.Seq[*domain.Finding] { return p.all().All() }
func (p partedFindings) Err() error                     { return nil }
func (p partedFindings) Close() error                   { return nil }
func (p partedFindings) Parts() []iter.Seq[*domain.Finding] {
	var seqs []iter.Seq[*domain.Finding]
	for _, s := range p.parts {
		seqs = append(seqs, s.All())
	}
	return seqs
}

// TestClassifyParts: findings read part by part on several goroutines
// (rows going on into the next part, more parts than goroutines, a rule
// outside the catalogue) class each row as reading them in one go does.
func TestClassifyParts(t *testing.T) {
	f := func(row int, rule string, sev domain.Severity) domain.Finding {
		return domain.Finding{Rule: rule, Severity: sev, Loc: domain.Location{File: "a.csv", Row: row}}
	}
	all := domain.FindingSlice{
		f(1, "consent-missing", domain.Error), f(1, "stale", domain.Warning),
		f(2, "duplicate", domain.Warning),
		f(3, "stale", domain.Warning), f(3, "opted-out", domain.Info), f(3, "not-a-rule", domain.Error),
		f(4, "phone-not-e164", domain.Info),
		f(5, "phone-invalid", domain.Error), f(5, "phone-not-e164", domain.Warning),
	}
	var parts partedFindings
	for _, cut := range [][2]int{{0, 1}, {1, 2}, {2, 4}, {4, 4}, {4, 7}, {7, 8}, {8, 9}} {
		parts.parts = append(parts.parts, all[cut[0]:cut[1]])
	}
	classes := func(fs domain.Findings) []string {
		p := &plan{lv: levels{dropOn: domain.Error}}
		var err error
		if p.classes, err = newClasses([]int{6}); err != nil {
			t.Fatal(err)
		}
		if err := p.classify(&domain.Result{Findings: fs}); err != nil {
			t.Fatal(err)
		}
		var got []string
		for r := 1; r <= 6; r++ {
			rc := p.classes.table[p.classes.of(idOf(0, r))]
			got = append(got, fmt.Sprintf("%s/%b", rc.joined, rc.key.kept))
		}
		return got
	}
	one, parted := classes(all), classes(parts)
	if !slices.Equal(one, parted) {
		t.Errorf("in parts: %q, in one go: %q", parted, one)
	}
	for r, want := range []string{"consent-missing", "", "not-a-rule;opted-out", "", "phone-invalid", ""} {
		if got, _, _ := strings.Cut(parted[r], "/"); got != want {
			t.Errorf("row %d: quarantined for %q, want %q", r+1, got, want)
		}
	}
}
