package jurisdiction

import (
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/listaudit/listaudit/pkg/phone"
)

// For returns the jurisdictions a valid number may be in, country first:
// its region, and for a US or Canadian number the state or province of its
// area code, as libphonenumber's offline geocoding data names it (Florida
// law presumes a call to a Florida area code is made to a person in
// Florida, Fla. Stat. §501.059). An area code the data gives several
// for (902: Nova Scotia and Prince Edward Island) gives them all; one it
// gives none for (toll-free 8XX, non-geographic codes) gives the country
// alone. nil for an invalid or non-geographic number.
//
// The area codes' places are read from the geocoding data into areaCodes
// (areacodes.go) by TestAreaCodes, which holds the two to each other:
// loading the data at run time costs a tenth of a second of CPU, more than
// the rules spend on many lists.
func For(n phone.Number) []string {
	if !n.Valid || !phone.IsRegion(n.Region) {
		return nil
	}
	out := []string{n.Region}
	if ac, ok := areaCode(n); ok {
		out = append(out, AreaSubdivisions(n.Region, ac)...)
	}
	return out
}

// areaCode is a US or Canadian number's area code.
func areaCode(n phone.Number) (int, bool) {
	if n.CallingCode != 1 || (n.Region != "US" && n.Region != "CA") || n.Key < 1e10 {
		return 0, false
	}
	return int(n.Key / 1e7 % 1000), true
}

// AreaSubdivisions returns the codes of the states or provinces of region
// ("US" or "CA") that area code ac serves, sorted; nil when the geocoding
// data names none. A Resolver asks once per area code.
func AreaSubdivisions(region string, ac int) []string {
	var subs []string
	for _, code := range strings.Fields(areaCodes[uint16(ac)]) {
		if strings.HasPrefix(code, region+"-") {
			subs = append(subs, code)
		}
	}
	return subs
}

// Name is a code's name: the subdivisions table's for a state or
// province, the region's English name for a country.
func Name(code string) string {
	if e, ok := Lookup(code); ok {
		return e.Name
	}
	if country, sub, ok := strings.Cut(code, "-"); ok {
		return subdivisions[country][sub]
	}
	r, err := language.ParseRegion(code)
	if err != nil {
		return code
	}
	return display.English.Regions().Name(r)
}

// Within returns the jurisdictions a number of code is in, country first:
// "US-FL" is in US and US-FL.
func Within(code string) []string {
	if country, _, ok := strings.Cut(code, "-"); ok {
		return []string{country, code}
	}
	return []string{code}
}
