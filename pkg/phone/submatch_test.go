package phone

import (
	"math/rand/v2"
	"regexp"
	"slices"
	"strconv"
	"testing"
)

// submatchPatterns are the metadata's national-prefix-for-parsing and
// international-prefix patterns, anchored as the fast path matches them,
// and a few written to try the matcher's corners.
func submatchPatterns(t testing.TB) []string {
	pats := []string{
		`^(?:(1|12)(2?))`,
		`^(?:(1|12)(2??))`,
		`^(?:0(?:(11|12)(\d{2,3}?))?)`,
		`^(\d*?)(\d)`,
		`^(\d*)(\d)`,
		`^(?:(0)|(0(1)))(\d)?`,
		`^(?:1\b|2$)`,
		`^(?:(?:00|(0)(1))+)`,
	}
	for _, ri := range loadTables().byRegion {
		if ri == nil || ri.meta == nil {
			continue
		}
		if ri.npfp != "" {
			pats = append(pats, "^(?:"+ri.npfp+")")
		}
		if idd := ri.meta.GetInternationalPrefix(); idd != "" {
			pats = append(pats, "^(?:"+idd+")")
		}
	}
	slices.Sort(pats)
	return slices.Compact(pats)
}

// submatchInputs are every digit string of up to four digits, the digits
// of every example number with each of 0, 00, 011, 0011, 90 and 1 before
// them, and random digit strings.
func submatchInputs() [][]byte {
	var ins [][]byte
	var walk func(prefix []byte)
	walk = func(prefix []byte) {
		ins = append(ins, slices.Clone(prefix))
		if len(prefix) == 4 {
			return
		}
		for d := byte('0'); d <= '9'; d++ {
			walk(append(prefix, d))
		}
	}
	walk(nil)
	for _, ri := range loadTables().byRegion {
		if ri == nil || ri.meta == nil {
			continue
		}
		for _, d := range descs(ri.meta) {
			if ex := d.GetExampleNumber(); ex != "" {
				for _, p := range []string{"", "0", "00", "011", "0011", "90", "1"} {
					ins = append(ins, []byte(p+ex))
				}
			}
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 3000 {
		b := make([]byte, rng.IntN(maxFastDigits+1))
		for i := range b {
			b[i] = byte('0' + rng.IntN(10))
		}
		ins = append(ins, b)
	}
	return ins
}

// TestSubmatcherMatchesRegexp compares the submatcher with regexp's
// FindSubmatchIndex on every pattern and input above: the same match, the
// same groups.
func TestSubmatcherMatchesRegexp(t *testing.T) {
	pats := submatchPatterns(t)
	ins := submatchInputs()
	if testing.Short() || raceEnabled {
		ins = ins[:len(ins)/10]
	}
	compared := 0
	for _, p := range pats {
		re := regexp.MustCompile(p)
		m, err := newSubmatcher(p)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if m.ncap != 2*(re.NumSubexp()+1) {
			t.Errorf("%s: %d capture slots, regexp has %d", p, m.ncap, 2*(re.NumSubexp()+1))
		}
		caps := make([]int, m.ncap)
		for _, in := range ins {
			matched, ok := m.match(in, caps)
			if !ok {
				t.Errorf("%s on %s: out of memory", p, in)
				continue
			}
			want := re.FindSubmatchIndex(in)
			if (want != nil) != matched || matched && !slices.Equal(caps, want) {
				t.Fatalf("%s on %q: %v %v, regexp %v", p, in, matched, caps, want)
			}
			compared++
		}
	}
	t.Logf("%d patterns, %d comparisons", len(pats), compared)
}

func FuzzSubmatcher(f *testing.F) {
	pats := submatchPatterns(f)
	for i := range pats {
		f.Add(uint16(i), "0"+strconv.Itoa(i*7919))
	}
	f.Fuzz(func(t *testing.T, which uint16, digits string) {
		p := pats[int(which)%len(pats)]
		b := []byte(digits)
		for i := range b {
			b[i] = '0' + b[i]%10
		}
		if len(b) > maxFastDigits {
			b = b[:maxFastDigits]
		}
		m, err := newSubmatcher(p)
		if err != nil {
			t.Skip()
		}
		caps := make([]int, m.ncap)
		matched, ok := m.match(b, caps)
		if !ok {
			return
		}
		want := regexp.MustCompile(p).FindSubmatchIndex(b)
		if (want != nil) != matched || matched && !slices.Equal(caps, want) {
			t.Fatalf("%s on %q: %v %v, regexp %v", p, b, matched, caps, want)
		}
	})
}

// TestExpandTemplateMatchesRegexp expands every transform rule of the
// metadata, and templates regexp reads in less obvious ways, both ways.
func TestExpandTemplateMatchesRegexp(t *testing.T) {
	rules := []string{"$1", "$2", "9$1", "$1$2", "0$0", "$3", "12$12", "$1x", "${1}", "$$1", "x$1", ""}
	for _, ri := range loadTables().byRegion {
		if ri != nil && ri.npRule != "" {
			rules = append(rules, ri.npRule)
		}
	}
	re := regexp.MustCompile(`^(?:0(1)?(2)?)`)
	for _, rule := range rules {
		parts, ok := parseTemplate(rule)
		switch rule {
		case "$1x", "${1}", "$$1", "x$1", "":
			if ok {
				t.Errorf("parseTemplate(%q) accepted", rule)
			}
			continue
		}
		if !ok {
			t.Errorf("parseTemplate(%q) refused", rule)
			continue
		}
		for _, in := range []string{"0", "01", "02", "012", "0129"} {
			g := re.FindStringSubmatchIndex(in)
			got := expandTemplate(nil, parts, []byte(in), g)
			want := re.ExpandString(nil, rule, in, g)
			if string(got) != string(want) {
				t.Errorf("%q on %q: %q, regexp %q", rule, in, got, want)
			}
		}
	}
}
