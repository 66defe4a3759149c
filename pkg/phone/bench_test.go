package phone

import (
	"strconv"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// benchRegions are the countries of a typical list; each benchmark input
// class cycles through one mobile number of each.
var benchRegions = []string{"KE", "GB", "NG", "TZ", "DE", "IN", "US", "FR", "BR", "ZA", "PH", "MX", "ID", "EG", "PK", "IT"}

type benchInput struct{ raw, region string }

// benchClasses builds the inputs of each class from the metadata's example
// mobile numbers, so every input is valid except in "invalid".
func benchClasses(b testing.TB) map[string][]benchInput {
	classes := map[string][]benchInput{}
	for _, r := range benchRegions {
		ex := phonenumbers.GetExampleNumberForType(r, phonenumbers.MOBILE)
		if ex == nil {
			b.Fatalf("no example for %s", r)
		}
		cc := strconv.Itoa(int(ex.GetCountryCode()))
		nsn := phonenumbers.GetNationalSignificantNumber(ex)
		national := phonenumbers.Format(ex, phonenumbers.NATIONAL)
		intl := phonenumbers.Format(ex, phonenumbers.INTERNATIONAL)
		classes["e164"] = append(classes["e164"], benchInput{"+" + cc + nsn, r})
		classes["spaced"] = append(classes["spaced"], benchInput{intl, r})
		classes["national"] = append(classes["national"], benchInput{national, r})
		// "00" is the international prefix of DE (and most of Europe).
		classes["00"] = append(classes["00"], benchInput{"00" + cc + " " + nsn, "DE"})
		classes["invalid"] = append(classes["invalid"],
			benchInput{"+" + cc + nsn[:4], r},        // too short
			benchInput{"+" + cc + nsn + "1234", r},   // too long
			benchInput{"+" + cc + "0" + nsn[1:], ""}, // no such range
		)
	}
	return classes
}

var sink Number

// BenchmarkParse compares Parse (fast path, library fallback) with the
// library alone on each input class; the fast path should stay at or
// under 1 µs and allocate nothing (TestFastPathAllocatesNothing).
func BenchmarkParse(b *testing.B) {
	classes := benchClasses(b)
	for _, class := range []string{"e164", "spaced", "national", "00", "invalid"} {
		inputs := classes[class]
		for _, in := range inputs {
			if got, want := Parse(in.raw, in.region), parseWithLibrary(in.raw, in.region); got != want {
				b.Fatalf("Parse(%q, %q) = %+v, library %+v", in.raw, in.region, got, want)
			}
		}
		for _, impl := range []struct {
			name  string
			parse func(raw, region string) Number
		}{{"fast", Parse}, {"library", parseWithLibrary}} {
			b.Run(impl.name+"/"+class, func(b *testing.B) {
				b.ReportAllocs()
				i := 0
				for b.Loop() {
					in := inputs[i%len(inputs)]
					sink = impl.parse(in.raw, in.region)
					i++
				}
			})
		}
	}
}

// BenchmarkNormaliser is the audit's entry point: the fast path first,
// the memo only for what the library decides.
func BenchmarkNormaliser(b *testing.B) {
	var inputs []benchInput
	for _, c := range benchClasses(b) {
		inputs = append(inputs, c...)
	}
	z := NewNormaliser()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		in := inputs[i%len(inputs)]
		sink = z.Normalise(in.raw, in.region)
		i++
	}
}

// TestFastPathAllocatesNothing parses every benchmark input the fast path
// decides and fails on any allocation: the E.164 text is built only when
// asked for. Every valid input of the classes is the fast path's, with no
// exception: prefixes that are patterns with groups are matched by the
// submatcher (TestPatternPrefixesAllocateNothing).
func TestFastPathAllocatesNothing(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	for class, inputs := range benchClasses(t) {
		fast := 0
		for _, in := range inputs {
			n, ok := parseFast(in.raw, in.region) // also compiles the region's matchers
			if !ok {
				if class != "invalid" || n.Valid {
					t.Errorf("%s: %q (%s) is left to the library", class, in.raw, in.region)
				}
				continue
			}
			fast++
			if allocs := testing.AllocsPerRun(100, func() { sink, _ = parseFast(in.raw, in.region) }); allocs != 0 {
				t.Errorf("%s: parseFast(%q, %q) allocates %v times", class, in.raw, in.region, allocs)
			}
		}
		if fast < len(inputs)*9/10 {
			t.Errorf("%s: the fast path decides only %d of %d inputs", class, fast, len(inputs))
		}
	}
}

// TestPatternPrefixesAllocateNothing parses, in every region whose
// national prefix has groups or a transform rule (AR, BR, CN, JP…) or
// whose international prefix is not of one length (AU, CN, KR…), its
// example numbers written nationally and after its international prefix:
// the fast path answers them without allocating and without regexp.
func TestPatternPrefixesAllocateNothing(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	tested := 0
	for _, ri := range loadTables().byRegion {
		if ri == nil || !ri.compile() || (ri.npRegexp == nil && ri.iddRegexp == nil) {
			continue
		}
		var inputs []string
		for _, typ := range []phonenumbers.PhoneNumberType{phonenumbers.MOBILE, phonenumbers.FIXED_LINE} {
			ex := phonenumbers.GetExampleNumberForType(ri.id, typ)
			if ex == nil {
				continue
			}
			inputs = append(inputs, phonenumbers.Format(ex, phonenumbers.NATIONAL))
			if ri.iddRegexp != nil {
				inputs = append(inputs, phonenumbers.FormatOutOfCountryCallingNumber(ex, ri.id))
				inputs = append(inputs, phonenumbers.FormatOutOfCountryCallingNumber(ex, "US"))
			}
		}
		for _, in := range inputs {
			before := prefixRegexps.Load()
			n, ok := parseFast(in, ri.id)
			if !ok {
				continue // left to the library: not the fast path
			}
			if want := Parse(in, ri.id); n != want {
				t.Errorf("parseFast(%q, %s) = %+v, Parse %+v", in, ri.id, n, want)
			}
			tested++
			if allocs := testing.AllocsPerRun(50, func() { sink, _ = parseFast(in, ri.id) }); allocs != 0 || prefixRegexps.Load() != before {
				t.Errorf("parseFast(%q, %s) allocates %v times (regexp calls %d)", in, ri.id, allocs, prefixRegexps.Load()-before)
			}
		}
	}
	if tested < 100 {
		t.Errorf("only %d numbers answered by the fast path", tested)
	}
	t.Logf("%d numbers", tested)
}
