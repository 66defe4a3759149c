package phone

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// dfaPatternSets are the pattern sets compile builds automata of, for
// every region of the metadata: its number types together, its leading
// digits, its international prefix and its national prefix for parsing.
func dfaPatternSets(t testing.TB) [][]string {
	coll, err := phonenumbers.MetadataCollection()
	if err != nil {
		t.Fatal(err)
	}
	var sets [][]string
	for _, meta := range coll.GetMetadata() {
		var types []string
		for _, d := range descs(meta) {
			types = append(types, "^(?:"+d.GetNationalNumberPattern()+")$")
		}
		sets = append(sets, types, []string{"^(?:" + meta.GetInternationalPrefix() + ")$"})
		if ld := meta.GetLeadingDigits(); ld != "" {
			sets = append(sets, []string{"^(?:" + ld + ")"})
		}
		if np := meta.GetNationalPrefixForParsing(); np != "" {
			sets = append(sets, []string{"^(?:" + np + ")"})
		}
	}
	return sets
}

// TestDFAMatchesRegexp holds every automaton the metadata gives to regexp,
// the reference: for digit strings of every length up to 17 (random, and
// ones that start as the patterns' literal digits do), the patterns full
// reports are those regexp matches (patterns ending in $), and prefix is
// whether regexp matches (patterns that match a prefix).
func TestDFAMatchesRegexp(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 24))
	built, checked := 0, 0
	for _, set := range dfaPatternSets(t) {
		d, err := buildDFA(set)
		if err != nil {
			continue // the caller falls back to the library
		}
		built++
		res := make([]*regexp.Regexp, len(set))
		anchored := true // every pattern ends with $: full is what regexp matches
		for i, p := range set {
			res[i] = regexp.MustCompile(p)
			anchored = anchored && strings.HasSuffix(p, ")$")
		}
		for _, s := range dfaInputs(rng, set) {
			var want uint16
			for i, re := range res {
				if re.MatchString(s) {
					want |= 1 << i
				}
			}
			if anchored {
				if got := full(d, s); got != want {
					t.Fatalf("full(%q) = %016b, regexp %016b; patterns %q", s, got, want, set)
				}
			} else if got := prefix(d, s); got != (want != 0) {
				t.Fatalf("prefix(%q) = %v, regexp %016b; patterns %q", s, got, want, set)
			}
			checked++
		}
	}
	if built < 500 {
		t.Fatalf("only %d automata built", built)
	}
	t.Logf("%d automata, %d inputs", built, checked)
}

// dfaInputs are digit strings to match set against: random ones of every
// length, and the region's example-like strings made from the patterns'
// own digits.
func dfaInputs(rng *rand.Rand, set []string) []string {
	var in []string
	for n := 0; n <= 17; n++ {
		for range 3 {
			in = append(in, randomDigits(rng, n))
		}
	}
	// Strings that start as a pattern's literal digits do, where random
	// ones rarely reach a match.
	for _, p := range set {
		var lit []byte
		for i := 0; i < len(p); i++ {
			if p[i] >= '0' && p[i] <= '9' {
				lit = append(lit, p[i])
			}
		}
		for n := 1; n <= len(lit) && n <= 17; n++ {
			in = append(in, string(lit[:n]), string(lit[:n])+randomDigits(rng, rng.IntN(10)))
		}
	}
	return in
}

// BenchmarkBuildDFA builds the number-type automata of every region, as
// a list with numbers of every country makes a run do once.
func BenchmarkBuildDFA(b *testing.B) {
	var sets [][]string
	for _, set := range dfaPatternSets(b) {
		if len(set) > 1 {
			sets = append(sets, set)
		}
	}
	for b.Loop() {
		for _, set := range sets {
			buildDFA(set)
		}
	}
}

// FuzzDFAMatchesRegexp matches fuzzed digit strings against one region's
// number-type automaton and regexp.
func FuzzDFAMatchesRegexp(f *testing.F) {
	var sets [][]string
	for _, set := range dfaPatternSets(f) {
		if len(set) > 1 {
			sets = append(sets, set)
		}
	}
	f.Add(uint16(0), "712345678")
	f.Add(uint16(100), "2015550123")
	f.Fuzz(func(t *testing.T, which uint16, digits string) {
		set := sets[int(which)%len(sets)]
		if len(digits) > 20 || strings.Trim(digits, "0123456789") != "" {
			return
		}
		d, err := buildDFA(set)
		if err != nil {
			return
		}
		var want uint16
		for i, p := range set {
			if regexp.MustCompile(p).MatchString(digits) {
				want |= 1 << i
			}
		}
		if got := full(d, digits); got != want {
			t.Fatalf("full(%q) = %016b, regexp %016b; patterns %q", digits, got, want, set)
		}
	})
}
