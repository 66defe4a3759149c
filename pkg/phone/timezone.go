package phone

import (
	"slices"
	"strconv"

	"github.com/nyaruka/phonenumbers"
)

// TimeZones returns the IANA time zones the metadata gives for a valid
// E.164 number, sorted; nil when it knows none. A number of a country with
// several zones (the US, Russia, Brazil…) may map to all of them, and so
// may a number of an area code split between zones (850, the Florida
// panhandle) whose exchange the data does not place: the data would give
// it the area code's one zone, and a send would be judged in the wrong
// one. The slice may be shared: callers do not change it.
func TimeZones(e164 string) []string {
	num, err := phonenumbers.Parse(e164, "")
	if err != nil {
		return nil
	}
	zones, err := phonenumbers.GetTimezonesForNumber(num)
	if err != nil {
		return nil
	}
	if split := splitArea(e164); split != nil {
		return split
	}
	out := make([]string, 0, len(zones))
	for _, z := range zones {
		if z != "" && z != "Etc/Unknown" {
			out = append(out, z)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
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
