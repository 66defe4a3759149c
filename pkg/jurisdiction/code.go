package jurisdiction

import (
	"fmt"
	"strings"

	"github.com/listaudit/listaudit/pkg/phone"
)

// subdivisions names the states, districts and provinces of +1 numbers by
// their ISO 3166-2 codes. libphonenumber's geocoding names an area code's
// state or province in words ("Florida"), or a city with the postal
// abbreviation ("Miami, FL"), which is the ISO code's second part; it has
// no table of the codes themselves, so this is that table.
var subdivisions = map[string]map[string]string{
	"US": {
		"AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
		"CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
		"FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
		"IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
		"ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
		"MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
		"NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
		"NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
		"PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
		"TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia",
		"WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
	},
	"CA": {
		"AB": "Alberta", "BC": "British Columbia", "MB": "Manitoba", "NB": "New Brunswick",
		"NL": "Newfoundland and Labrador", "NS": "Nova Scotia", "NT": "Northwest Territories",
		"NU": "Nunavut", "ON": "Ontario", "PE": "Prince Edward Island", "QC": "Quebec",
		"SK": "Saskatchewan", "YT": "Yukon",
	},
}

// ParseCode reads a jurisdiction code: an ISO 3166-1 alpha-2 region the
// phone metadata knows ("KE"), or a US state or Canadian province as ISO
// 3166-2 ("US-FL", "CA-ON"), in any case.
func ParseCode(s string) (string, error) {
	code := strings.ToUpper(strings.TrimSpace(s))
	country, sub, hasSub := strings.Cut(code, "-")
	switch {
	case !phone.IsRegion(country):
		return "", fmt.Errorf("unknown jurisdiction %q (want a country code such as KE, or US-XX or CA-XX for a state or province)", s)
	case !hasSub:
		return code, nil
	case subdivisions[country][sub] == "":
		return "", fmt.Errorf("unknown jurisdiction %q (want a country code such as KE, or US-XX or CA-XX for a state or province)", s)
	}
	return code, nil
}
