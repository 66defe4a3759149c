package phone

import (
	"slices"
	"strconv"
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// TimeZones returns the IANA time zones a valid number may be in, sorted;
// nil when none is known. They are the time-zone data's for the number,
// widened in two cases where the data gives one zone that the number may
// well not be in, and a send would be judged in the wrong one:
//   - a number of a NANP area code split between zones (850, the Florida
//     panhandle) whose exchange the data does not place: the data gives it
//     the area code's one zone; it gets all the area code's;
//   - a number not tied to a place (mobile, VoIP, toll-free…: any type but
//     fixed line) of a country with several zones, when the data gives
//     every number of its type that it gives one zone the same zone
//     (countryWideTypes): that is a whole number range given the
//     country's main zone (every +614 mobile Sydney, +79 Moscow, +628
//     Jakarta, +569 Santiago), and the subscriber may live anywhere in
//     the country (a stray few of the type placed elsewhere aside); it
//     gets all the country's zones (CountryZones). Where the data gives
//     numbers of the type different zones (Brazilian mobiles, by area
//     code: +5511 São Paulo, +5568 Rio Branco), the zone is a place and
//     is kept.
//
// A zone the data gives a whole area code that it holds only part of is
// widened to the area code's zones (sharedAreas: Recife's 81).
//
// Zones are named as zone.tab names them (zoneTabName). The slice may be
// shared: callers do not change it.
func TimeZones(n Number) []string {
	if !n.Valid {
		return nil
	}
	e164 := n.E164()
	if split := splitArea(e164); split != nil {
		return split
	}
	zones, err := phonenumbers.GetTimezonesForPrefix(e164)
	if err != nil {
		return nil
	}
	out := make([]string, 0, len(zones))
	for _, z := range zones {
		if z != "" && z != phonenumbers.UNKNOWN_TIMEZONE {
			out = append(out, zoneTabName(z))
		}
	}
	slices.Sort(out)
	out = slices.Compact(out)
	if len(out) == 1 && slices.Contains(countryWideTypes[n.Region], n.Type) {
		return withCountryZones(out, n.Region)
	}
	if len(out) == 1 {
		return sharedAreaZones(e164, out)
	}
	return out
}

// sharedAreas are area codes that the data places in a zone which holds
// only part of them: a number it places there may be in either zone, and
// is judged in both (fail closed). Brazil's 81 is Pernambuco's: Recife
// and the mainland (America/Recife), and the island of Fernando de
// Noronha (America/Noronha, an hour ahead), where the data puts every
// mobile of the area code and many of its fixed lines; judged in
// Noronha's zone alone, a send at 07:30 in Recife would pass as 08:30.
var sharedAreas = []struct {
	prefix, placed string
	zones          []string // sorted
}{
	{"+5581", "America/Noronha", []string{"America/Noronha", "America/Recife"}},
}

// sharedAreaZones is zones, the one zone the data gives e164, or every
// zone of its area code when that is one of sharedAreas.
func sharedAreaZones(e164 string, zones []string) []string {
	for _, a := range sharedAreas {
		if zones[0] == a.placed && strings.HasPrefix(e164, a.prefix) {
			return a.zones
		}
	}
	return zones
}

// geographic reports whether numbers of type t are tied to a place, so
// that the data's zone for their prefix is where the line is: fixed lines.
// countryWideTypes lists none of them. A region's FIXED_LINE_OR_MOBILE
// numbers (fixed and mobile numbers that look alike) are placed only where
// the data places them: by area code in the NANP and Mexico, whose zones
// differ; Chile's 9 mobiles are all given Santiago, and are country-wide.
func geographic(t Type) bool {
	return t == phonenumbers.FIXED_LINE
}

// withCountryZones is the data's one zone and every zone of region,
// sorted; the data's zone alone when the region has one zone or none known.
func withCountryZones(data []string, region string) []string {
	all := CountryZones(region)
	if len(all) < 2 {
		return data
	}
	if slices.Contains(all, data[0]) {
		return all
	}
	// A zone zone.tab files under another country (the data gives
	// Palestine Europe/Bucharest).
	out := append(slices.Clone(all), data[0])
	slices.Sort(out)
	return out
}

// splitArea is every zone of a NANP number's area code when the code is
// split between zones and the data does not place the number's exchange
// (no prefix of it longer than the area code is in the data); nil
// otherwise.
func splitArea(e164 string) []string {
	if len(e164) != 12 || e164[:2] != "+1" {
		return nil
	}
	ac, err := strconv.Atoi(e164[2:5])
	if err != nil {
		return nil
	}
	all, ok := splitAreaZones[uint16(ac)]
	if !ok {
		return nil
	}
	prefix := uint64(1000 + ac)
	for _, d := range e164[5:] {
		prefix = prefix*10 + uint64(d-'0')
		if placedPrefixes[prefix] {
			return nil
		}
	}
	return all
}
