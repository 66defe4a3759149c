package phone

import (
	_ "embed" // zone.tab
	"slices"
	"strings"
	"sync"
)

// zoneTab is the tz database's zone.tab (IANA tzdb 2025b, as Debian's
// tzdata 2025b ships it in /usr/share/zoneinfo; public domain): one row a
// country and zone. Go's embedded zone data has no country table, and
// libphonenumber's time-zone data names a country's zones only by prefix.
// zone.tab rather than zone1970.tab: each row has one country and names a
// zone of that country (zone1970.tab files Germany's Busingen under
// Europe/Zurich), which is what a message shows.
//
//go:embed zone.tab
var zoneTab string

// countryZones is every zone of each ISO 3166 country in zone.tab, sorted;
// built on first use.
var countryZones = sync.OnceValue(func() map[string][]string {
	m := map[string][]string{}
	for line := range strings.Lines(zoneTab) {
		if strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(strings.TrimRight(line, "\n"), "\t")
		if len(f) >= 3 {
			m[f[0]] = append(m[f[0]], f[2])
		}
	}
	for _, zones := range m {
		slices.Sort(zones)
	}
	return m
})

// CountryZones is every time zone of an ISO 3166 country ("AU"), sorted;
// nil for a code zone.tab does not have ("001"). The slice is shared:
// callers do not change it.
func CountryZones(region string) []string {
	return countryZones()[region]
}

// zoneTabNames are the zone names libphonenumber's time-zone data uses
// that zone.tab does not list, each with the name zone.tab lists for the
// same zone in the same country: the data still writes the old names,
// which the tz database keeps as links (tzdb 2025b, file "backward":
// "Link America/Argentina/Buenos_Aires America/Buenos_Aires", …). Go
// loads both names, so without this a message would name one zone twice,
// once under each name. TestZoneTabNames holds the table to the data.
var zoneTabNames = map[string]string{
	"Africa/Asmera":        "Africa/Asmara",
	"America/Buenos_Aires": "America/Argentina/Buenos_Aires",
	"America/Godthab":      "America/Nuuk",
	"Asia/Calcutta":        "Asia/Kolkata",
	"Asia/Choibalsan":      "Asia/Ulaanbaatar",
	"Asia/Katmandu":        "Asia/Kathmandu",
	"Asia/Rangoon":         "Asia/Yangon",
	"Atlantic/Faeroe":      "Atlantic/Faroe",
	"Pacific/Enderbury":    "Pacific/Kanton",
	"Pacific/Ponape":       "Pacific/Pohnpei",
	"Pacific/Truk":         "Pacific/Chuuk",
}

// zoneTabName is zone.tab's name for the data's zone z.
func zoneTabName(z string) string {
	if name, ok := zoneTabNames[z]; ok {
		return name
	}
	return z
}
