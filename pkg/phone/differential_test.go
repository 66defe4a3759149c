package phone

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nyaruka/phonenumbers"
)

// The differential test holds Parse to parseWithLibrary, field by field,
// on every example number of the metadata written every way a list writes
// numbers, under many regions, plus mutations and random digits. Zero
// differences, or the fast path is wrong.

const (
	differentialInputs      = 1_000_000
	differentialInputsShort = 100_000
	differentialInputsRace  = 10_000
)

// diffInput is one (raw, region) pair; class names how it was made.
type diffInput struct {
	raw, region, class string
}

// corpus is what the generator draws from: each region's metadata and
// example national significant numbers.
type corpus struct {
	regions  []string // supported regions, sorted
	regionCC map[string]int
	byCC     map[int][]string
	examples []example
	codes    []int // every calling code, non-geographic ones included
	// regionChoices adds the region-less and unsupported spellings Parse
	// may be handed.
	regionChoices []string
}

type example struct {
	region string // "001" for non-geographic codes
	cc     int
	nsn    string
	np     string // national prefix
	idd    string // a digits-only international prefix of the region
}

func newCorpus(t testing.TB) *corpus {
	coll, err := phonenumbers.MetadataCollection()
	if err != nil {
		t.Fatal(err)
	}
	c := &corpus{regionCC: map[string]int{}, byCC: map[int][]string{}}
	for r := range phonenumbers.GetSupportedRegions() {
		c.regions = append(c.regions, r)
	}
	slices.Sort(c.regions)
	for cc := range phonenumbers.GetSupportedCallingCodes() {
		c.codes = append(c.codes, cc)
		c.byCC[cc] = phonenumbers.GetRegionCodesForCountryCode(cc)
	}
	slices.Sort(c.codes)
	for _, m := range coll.GetMetadata() {
		id, cc := m.GetId(), int(m.GetCountryCode())
		c.regionCC[id] = cc
		idd := m.GetPreferredInternationalPrefix()
		if idd == "" || !allDigits(idd) {
			idd = m.GetInternationalPrefix()
		}
		if !allDigits(idd) {
			idd = "00"
		}
		for _, d := range descs(m) {
			if ex := d.GetExampleNumber(); ex != "" {
				c.examples = append(c.examples, example{region: id, cc: cc, nsn: ex, np: m.GetNationalPrefix(), idd: idd})
			}
		}
	}
	c.regionChoices = append(append([]string{}, c.regions...), "", "", "", "XX", "001", "ke", "gb", "ZZ")
	return c
}

// spaced writes digits with separators the way lists do: groups split by
// spaces, dashes or dots, sometimes the first group in parentheses.
func spaced(rng *rand.Rand, digits string) string {
	if digits == "" {
		return digits
	}
	seps := []string{" ", " ", "-", ".", " - "}
	sep := seps[rng.IntN(len(seps))]
	var b strings.Builder
	i := 0
	first := true
	for i < len(digits) {
		n := min(2+rng.IntN(3), len(digits)-i)
		if !first {
			b.WriteString(sep)
		}
		if first && rng.IntN(4) == 0 && n < len(digits)-i {
			b.WriteString("(" + digits[i:i+n] + ")")
		} else {
			b.WriteString(digits[i : i+n])
		}
		first = false
		i += n
	}
	return b.String()
}

func randomDigits(rng *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + rng.IntN(10))
	}
	return string(b)
}

// mutate changes, drops or adds digits of nsn: the near-misses of real
// numbers (other types, other regions, too short, too long).
func mutate(rng *rand.Rand, nsn string) (string, string) {
	switch k := rng.IntN(6); {
	case k == 0 && len(nsn) > 1:
		d := 1 + rng.IntN(min(3, len(nsn)-1))
		return nsn[:len(nsn)-d], "short"
	case k == 1:
		return nsn + randomDigits(rng, 1+rng.IntN(3)), "long"
	case k == 2 && len(nsn) > 3:
		return nsn[:len(nsn)-3] + randomDigits(rng, 3), "tail"
	default:
		b := []byte(nsn)
		for range 1 + rng.IntN(2) {
			b[rng.IntN(len(b))] = byte('0' + rng.IntN(10))
		}
		return string(b), "digit"
	}
}

// systematic returns every example number in every spelling under its own
// region, no region, a region sharing its calling code and a random one.
func (c *corpus) systematic(rng *rand.Rand) []diffInput {
	var out []diffInput
	for _, e := range c.examples {
		cc := strconv.Itoa(e.cc)
		spellings := []struct{ raw, class string }{
			{"+" + cc + e.nsn, "e164"},
			{"+" + cc + " " + spaced(rng, e.nsn), "spaced"},
			{"+" + spaced(rng, cc+e.nsn), "spaced"},
			{e.np + e.nsn, "national"},
			{spaced(rng, e.np+e.nsn), "national"},
			{e.nsn, "nsn"},
			{"00" + cc + e.nsn, "idd"},
			{e.idd + cc + e.nsn, "idd"},
			{e.idd + " " + cc + " " + spaced(rng, e.nsn), "idd"},
			{cc + e.nsn, "bare"},
			{cc + e.np + e.nsn, "bare"},
			{"+" + cc + e.np + e.nsn, "e164"},
			// Extensions: the forms the fast path takes, and some it
			// leaves to the library.
			{e.np + e.nsn + " ext. " + randomDigits(rng, 1+rng.IntN(7)), "ext"},
			{"+" + cc + " " + spaced(rng, e.nsn) + " x " + randomDigits(rng, 1+rng.IntN(7)), "ext"},
			{e.np + spaced(rng, e.nsn) + "  EXT" + randomDigits(rng, 1+rng.IntN(4)), "ext"},
			{"+" + cc + e.nsn + " Ext.  " + randomDigits(rng, 1+rng.IntN(4)), "ext"},
			{e.np + e.nsn + "x" + randomDigits(rng, 3), "ext"},
			{e.np + e.nsn[:len(e.nsn)-1] + " ext. 12", "ext"},
			{e.np + e.nsn + " ext. 12#", "ext"},
			{"ext. 12", "ext"},
		}
		for d := 1; d <= 3 && d < len(e.nsn); d++ {
			spellings = append(spellings,
				struct{ raw, class string }{"+" + cc + e.nsn[:len(e.nsn)-d], "short"},
				struct{ raw, class string }{e.np + e.nsn[:len(e.nsn)-d], "short"})
		}
		for d := 1; d <= 3; d++ {
			extra := randomDigits(rng, d)
			spellings = append(spellings,
				struct{ raw, class string }{"+" + cc + e.nsn + extra, "long"},
				struct{ raw, class string }{e.np + e.nsn + extra, "long"})
		}
		regions := []string{e.region, "", c.regionChoices[rng.IntN(len(c.regionChoices))]}
		if same := c.byCC[e.cc]; len(same) > 1 {
			regions = append(regions, same[rng.IntN(len(same))])
		}
		for _, s := range spellings {
			for _, r := range regions {
				if r == "001" && s.class != "e164" {
					continue
				}
				out = append(out, diffInput{s.raw, r, s.class})
			}
		}
	}
	return out
}

// random returns one generated input: a mutated example, a random number
// under a real calling code, random digits, or text the fast path must
// leave to the library.
func (c *corpus) random(rng *rand.Rand) diffInput {
	region := c.regionChoices[rng.IntN(len(c.regionChoices))]
	e := c.examples[rng.IntN(len(c.examples))]
	if rng.IntN(3) > 0 && e.region != "001" {
		region = e.region
	}
	cc := strconv.Itoa(e.cc)
	switch k := rng.IntN(100); {
	case k < 40:
		nsn, class := mutate(rng, e.nsn)
		switch rng.IntN(5) {
		case 0:
			return diffInput{"+" + cc + nsn, region, "mut-e164"}
		case 1:
			return diffInput{"+" + cc + " " + spaced(rng, nsn), region, "mut-spaced"}
		case 2:
			return diffInput{e.np + nsn, region, "mut-national-" + class}
		case 3:
			return diffInput{e.idd + cc + nsn, region, "mut-idd"}
		default:
			return diffInput{cc + nsn, region, "mut-bare"}
		}
	case k < 60:
		code := strconv.Itoa(c.codes[rng.IntN(len(c.codes))])
		return diffInput{"+" + code + randomDigits(rng, 4+rng.IntN(12)), region, "rand-cc"}
	case k < 75:
		return diffInput{e.np + randomDigits(rng, 5+rng.IntN(9)), region, "rand-national"}
	case k < 95:
		d := randomDigits(rng, 1+rng.IntN(20))
		switch rng.IntN(4) {
		case 0:
			d = "+" + d
		case 1:
			d = spaced(rng, d)
		case 2:
			d = "00" + d
		}
		return diffInput{d, region, "rand-digits"}
	default:
		odd := []string{
			"+" + cc + e.nsn + " ext. 12", "tel:+" + cc + e.nsn, "+" + cc + "\t" + e.nsn,
			"+＋" + cc + e.nsn, "＋" + cc + e.nsn, "+" + cc + "/" + e.nsn, "++" + cc + e.nsn,
			e.nsn + "#", cc + "+" + e.nsn, "0" + e.nsn + "x3", "+" + cc + e.nsn + ";ext=7",
			"٠" + e.nsn, "+" + cc + "-ABC-" + e.nsn, "(" + cc + ") " + e.nsn, "+(" + cc + ")" + e.nsn,
			" " + e.nsn + " ", "+" + cc, "+", "", "12", "1 2", "+0" + e.nsn, "+00" + cc + e.nsn,
			"0" + e.nsn + ")", strings.Repeat("9", 40), "+" + strings.Repeat("1", 70),
			"call " + e.np + e.nsn, "call " + e.nsn[:3], "tel:" + e.np + e.nsn, "n/a", "#VALUE!", "-", "none",
			"Tel: +" + cc + " " + e.nsn, "mobile: " + e.np + e.nsn, "a;b", "x;phone-context=+" + cc + ";" + e.nsn,
			"tel:" + e.nsn + ";phone-context=+" + cc, "é " + e.nsn, "tel:+" + cc + e.nsn + ";isub=12",
			"abc" + e.nsn, "ABC DEF " + e.np + e.nsn, "call +" + cc + "-" + e.nsn + "/x12", "?" + e.nsn + "?",
		}
		return diffInput{odd[rng.IntN(len(odd))], region, "odd"}
	}
}

// diffStats counts inputs, fast-path answers and differences per class.
type diffStats struct {
	mu    sync.Mutex
	total atomic.Int64
	fast  atomic.Int64
	diffs atomic.Int64
	shown []string
}

func (s *diffStats) check(in diffInput) (fast bool) {
	want := parseWithLibrary(in.raw, in.region)
	got := Parse(in.raw, in.region)
	// fast: answered without the library (NoRegion needs no parse at all).
	if trimmed := strings.TrimSpace(in.raw); in.region != "" || hasPlus(trimmed) {
		var n Number
		if n, fast = parseFast(trimmed, in.region); fast && n != want {
			got = n
		}
	} else {
		fast = true
	}
	s.total.Add(1)
	if fast {
		s.fast.Add(1)
	}
	if got != want {
		if s.diffs.Add(1) <= 25 {
			s.mu.Lock()
			s.shown = append(s.shown, fmt.Sprintf("Parse(%q, %q) [%s]\n   fast:    %+v\n   library: %+v", in.raw, in.region, in.class, got, want))
			s.mu.Unlock()
		}
	}
	return fast
}

func TestFastPathMatchesLibrary(t *testing.T) {
	n := differentialInputs
	switch {
	case raceEnabled:
		n = differentialInputsRace
		t.Logf("race detector on: comparing a %d-input sample; run without -race for all %d", n, differentialInputs)
	case testing.Short():
		n = differentialInputsShort
		t.Logf("-short: comparing %d inputs; run without -short for all %d", n, differentialInputs)
	}
	start := time.Now()
	c := newCorpus(t)
	inputs := c.systematic(rand.New(rand.NewPCG(6, 1)))
	if len(inputs) > n {
		// A sample that still visits every example's spellings evenly.
		rng := rand.New(rand.NewPCG(6, 2))
		rng.Shuffle(len(inputs), func(i, j int) { inputs[i], inputs[j] = inputs[j], inputs[i] })
		inputs = inputs[:n/2]
	}
	systematic := len(inputs)

	workers := runtime.GOMAXPROCS(0)
	st := &diffStats{}
	classes := make([]map[string][2]int64, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mine := map[string][2]int64{}
			count := func(in diffInput) {
				fast := st.check(in)
				v := mine[in.class]
				v[0]++
				if fast {
					v[1]++
				}
				mine[in.class] = v
			}
			for i := w; i < len(inputs); i += workers {
				count(inputs[i])
			}
			rng := rand.New(rand.NewPCG(uint64(w), 6))
			share := (n - systematic + workers - 1) / workers
			for range share {
				count(c.random(rng))
			}
			classes[w] = mine
		}()
	}
	wg.Wait()

	merged := map[string][2]int64{}
	for _, m := range classes {
		for k, v := range m {
			x := merged[k]
			merged[k] = [2]int64{x[0] + v[0], x[1] + v[1]}
		}
	}
	var names []string
	for k := range merged {
		names = append(names, k)
	}
	slices.Sort(names)
	var b strings.Builder
	for _, k := range names {
		fmt.Fprintf(&b, "  %-22s %8d inputs, %5.1f%% without the library\n", k, merged[k][0], 100*float64(merged[k][1])/float64(merged[k][0]))
	}
	t.Logf("%d inputs (%d systematic over %d example numbers, %d random) in %v; %.1f%% answered without the library; %d differences\n%s",
		st.total.Load(), systematic, len(c.examples), st.total.Load()-int64(systematic), time.Since(start).Round(time.Millisecond),
		100*float64(st.fast.Load())/float64(st.total.Load()), st.diffs.Load(), b.String())
	if st.total.Load() < int64(n) {
		t.Errorf("compared %d inputs, want at least %d", st.total.Load(), n)
	}
	for _, s := range st.shown {
		t.Error(s)
	}
	if d := st.diffs.Load(); d > 0 {
		t.Fatalf("%d of %d inputs differ from the library", d, st.total.Load())
	}
}

func FuzzFastPathMatchesLibrary(f *testing.F) {
	for _, s := range []struct{ raw, region string }{
		{"+254712345678", ""}, {"0712 345678", "KE"}, {"00254712345678", "GB"}, {"254712345678", "KE"},
		{"+1 (202) 555-0143", ""}, {"2025550143", "US"}, {"011 44 7911 123456", "US"}, {"07911 123456", "JE"},
		{"+7 912 345-67-89", ""}, {"8 912 345 67 89", "RU"}, {"+0712345678", "KE"}, {"+", "KE"},
		{"0 11 15 2345 6789", "AR"}, {"+54 9 11 2345 6789", ""}, {"0800 123 456", "GB"}, {"+800 1234 5678", ""},
		{"+2547123", ""}, {"+25471234567899", ""}, {"call me", "KE"}, {"123", "XX"},
		{"0712 345678 ext. 12", "KE"}, {"+44 7911 123456 x 5", ""}, {"0712345678 EXT9", "KE"},
	} {
		f.Add(s.raw, s.region)
	}
	f.Fuzz(func(t *testing.T, raw, region string) {
		if got, want := Parse(raw, region), parseWithLibrary(raw, region); got != want {
			t.Fatalf("Parse(%q, %q)\n   fast:    %+v\n   library: %+v", raw, region, got, want)
		}
	})
}
