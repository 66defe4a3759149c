package phone

import (
	"bytes"
	"fmt"
	"go/format"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// TestCountryWideTypes holds countrywide.go to libphonenumber's metadata
// and time-zone data: for each region zone.tab gives several zones, the
// number types not tied to a place whose numbers the data gives one zone,
// the same for every number of the type that it gives one zone, but for a
// stray few (wideShare). Run with -update after upgrading the library.
func TestCountryWideTypes(t *testing.T) {
	keys := timezoneKeys(t)
	want := map[string][]Type{}
	for region, zones := range countryZones() {
		if len(zones) < 2 {
			continue
		}
		if types := wideTypesOf(typeZones(keys, region)); types != nil {
			want[region] = types
		}
	}
	if *update {
		if err := os.WriteFile("countrywide.go", countryWideSource(t, want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !maps.EqualFunc(want, countryWideTypes, slices.Equal) {
		t.Errorf("countrywide.go differs from the data (run go test -run TestCountryWideTypes -update)")
	}
}

// wideShare is the least share of a type's numbers given one single zone
// that the data must give the same zone for the type to be country-wide.
// Chile's FIXED_LINE_OR_MOBILE numbers (its 9 mobiles and its fixed lines
// alike) are all given Santiago but for a range of Valparaíso's 32 given
// Easter Island's zone, 1.9% of them; where the data places numbers by
// area code, the other zones hold far more (Mexico's FIXED_LINE_OR_MOBILE
// 16%, Brazil's mobiles 18%, the NANP's half).
const wideShare = 0.95

// wideTypesOf is the types, in order, not tied to a place to whose
// numbers the data gives one single zone (but for a stray few, wideShare),
// never another single zone: the zone says nothing of where the number
// is. A type whose numbers the data places in different zones (Brazilian
// mobiles, the NANP's and Mexico's FIXED_LINE_OR_MOBILE, by area code) is
// left out, and so are fixed lines. zones counts the type's numbers by
// the zones the data gives them.
func wideTypesOf(zones map[Type]map[string]uint64) []Type {
	var out []Type
	for _, typ := range slices.Sorted(maps.Keys(zones)) {
		if geographic(typ) {
			continue
		}
		var total, top uint64
		for z, count := range zones[typ] {
			if !strings.Contains(z, "&") {
				total += count
				top = max(top, count)
			}
		}
		if total > 0 && float64(top) >= wideShare*float64(total) {
			out = append(out, typ)
		}
	}
	return out
}

// typeZones is, for each type of the valid numbers of region, every zone
// list the time-zone data gives one of them ("Asia/Jakarta&Asia/Makassar"
// for two zones), and how many numbers it gives it. It walks the national numbers digit by digit down the
// data's prefixes, and where no longer prefix of the data begins, asks the
// region's type automaton which match masks numbers of each remaining
// length can reach, so every valid number is counted without listing it.
func typeZones(keys []uint64, region string) map[Type]map[string]uint64 {
	ri := loadTables().region(region)
	if ri == nil || !ri.compile() {
		return nil
	}
	w := typeWalk{ri: ri, inner: map[string]bool{}, memo: map[reachKey]map[uint16]uint64{}, out: map[Type]map[string]uint64{}}
	for _, k := range keys {
		if s := strconv.FormatUint(k, 10); strings.HasPrefix(s, ri.ccDigit) {
			n := s[len(ri.ccDigit):]
			for i := range len(n) {
				w.inner[n[:i]] = true
			}
		}
	}
	w.maxLen = int(ri.possible[len(ri.possible)-1])
	w.walk("", 1)
	return w.out
}

type typeWalk struct {
	ri     *regionInfo
	inner  map[string]bool // national prefixes that a longer data prefix begins with
	maxLen int
	memo   map[reachKey]map[uint16]uint64
	out    map[Type]map[string]uint64
}

type reachKey struct {
	state uint16
	n     int
}

func (w *typeWalk) walk(p string, state uint16) {
	if state == 0 || len(p) > w.maxLen {
		return
	}
	if !w.inner[p] {
		for n := 0; n <= w.maxLen-len(p); n++ {
			for m, count := range w.reach(state, n) {
				w.add(m&w.ri.descsOfLength[len(p)+n], p, count)
			}
		}
		return
	}
	if p != "" {
		w.add(w.ri.types.end[state]&w.ri.descsOfLength[len(p)], p, 1)
	}
	for d := range 10 {
		w.walk(p+strconv.Itoa(d), w.ri.types.next[int(state)*10+d])
	}
}

// reach is every match mask of the numbers n digits on from state, and
// how many numbers have it.
func (w *typeWalk) reach(state uint16, n int) map[uint16]uint64 {
	if v, ok := w.memo[reachKey{state, n}]; ok {
		return v
	}
	out := map[uint16]uint64{}
	if n == 0 {
		out[w.ri.types.end[state]] = 1
	}
	for d := 0; n > 0 && d < 10; d++ {
		if next := w.ri.types.next[int(state)*10+d]; next != 0 {
			for m, count := range w.reach(next, n-1) {
				out[m] += count
			}
		}
	}
	w.memo[reachKey{state, n}] = out
	return out
}

// add counts count numbers of national prefix p whose match mask is m.
func (w *typeWalk) add(m uint16, p string, count uint64) {
	typ := w.ri.typeOf(m)
	if typ == phonenumbers.UNKNOWN {
		return
	}
	z := strings.Join(known(prefixZones(w.ri.ccDigit+p)), "&")
	if w.out[typ] == nil {
		w.out[typ] = map[string]uint64{}
	}
	w.out[typ][z] += count
}

// typeIdents are the library's names of the types countrywide.go lists.
var typeIdents = map[Type]string{
	phonenumbers.FIXED_LINE_OR_MOBILE: "FIXED_LINE_OR_MOBILE",
	phonenumbers.MOBILE:               "MOBILE", phonenumbers.TOLL_FREE: "TOLL_FREE",
	phonenumbers.PREMIUM_RATE: "PREMIUM_RATE", phonenumbers.SHARED_COST: "SHARED_COST",
	phonenumbers.VOIP: "VOIP", phonenumbers.PERSONAL_NUMBER: "PERSONAL_NUMBER",
	phonenumbers.PAGER: "PAGER", phonenumbers.UAN: "UAN", phonenumbers.VOICEMAIL: "VOICEMAIL",
}

func countryWideSource(t *testing.T, types map[string][]Type) []byte {
	var b bytes.Buffer
	b.WriteString("// Code generated by TestCountryWideTypes -update from libphonenumber's metadata and time-zone data; DO NOT EDIT.\n\n")
	b.WriteString("package phone\n\n")
	b.WriteString("import \"github.com/nyaruka/phonenumbers\"\n\n")
	b.WriteString("// countryWideTypes are, for each region zone.tab gives several zones,\n")
	b.WriteString("// the number types not tied to a place to whose numbers the time-zone\n")
	b.WriteString("// data gives one zone, the same zone for all of them that it gives one\n")
	fmt.Fprintf(&b, "// zone but a stray few (%s).\n", MetadataVersion())
	b.WriteString("var countryWideTypes = map[string][]Type{\n")
	for _, region := range slices.Sorted(maps.Keys(types)) {
		idents := make([]string, len(types[region]))
		for i, typ := range types[region] {
			idents[i] = "phonenumbers." + typeIdents[typ]
		}
		fmt.Fprintf(&b, "\t%q: {%s},\n", region, strings.Join(idents, ", "))
	}
	b.WriteString("}\n")
	src, err := format.Source(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return src
}
