package phone

import (
	"slices"

	"github.com/nyaruka/phonenumbers"
)

// TimeZones returns the IANA time zones the metadata gives for a valid
// E.164 number, sorted; nil when it knows none. A number of a country with
// several zones (the US, Russia, Brazil…) may map to all of them.
func TimeZones(e164 string) []string {
	num, err := phonenumbers.Parse(e164, "")
	if err != nil {
		return nil
	}
	zones, err := phonenumbers.GetTimezonesForNumber(num)
	if err != nil {
		return nil
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
