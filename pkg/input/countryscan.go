package input

import (
	"strings"

	"github.com/listaudit/listaudit/pkg/cellvalue"
	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/phone"
)

// A list may record each row's country under a header that is no alias of
// country: Pays, País, Land (which are not, as the README says why) or
// any other. Read with --region instead, its rows of other countries get
// wrong numbers. So the first rows of a CSV, TSV or XLSX file that has no
// country column are looked at: a column of no field whose cells are
// (nearly) all country codes or names is named in Info.CountryColumn, for
// inspect and check to propose --map country=HEADER. Nothing is mapped:
// the user says which column it is.

// countryScanRows is how many rows are looked at: enough to tell a column
// of countries, and few enough that a long list pays nothing more.
const countryScanRows = 200

// countryScan counts, for each column of no field, its cells that could
// name a country (not empty, no placeholder, no yes/no word) and those
// that do.
type countryScan struct {
	header []string
	cols   []int
	cells  []int
	read   []int
	rows   int
}

// newCountryScan is the scan of header's columns that idx (a field's
// column, -1 for none) gives no field; nil when the file has a country
// column or no column to look at.
func newCountryScan(header []string, idx []int) *countryScan {
	if idx[domain.FieldCountry] >= 0 {
		return nil
	}
	taken := make([]bool, len(header))
	for _, c := range idx {
		if c >= 0 && c < len(taken) {
			taken[c] = true
		}
	}
	s := &countryScan{header: header}
	for i, h := range header {
		if !taken[i] && !notCountryHeader(h) {
			s.cols = append(s.cols, i)
		}
	}
	if len(s.cols) == 0 {
		return nil
	}
	s.cells, s.read = make([]int, len(s.cols)), make([]int, len(s.cols))
	return s
}

// notCountryHeader reports whether a column named h holds codes that look
// like countries without being the row's: a language or locale ("fr",
// "de", "pt" are countries' codes too), a state, province or region (US
// states' DE, GA, IN are countries' codes too: Shopify's "Default Address
// Province Code"), or Mailchimp's CC, the country guessed from the sign-up
// IP address.
func notCountryHeader(h string) bool {
	k := normalise(h)
	if k == "cc" {
		return true
	}
	for _, w := range []string{"lang", "locale", "idioma", "sprache", "lingua", "province", "state", "region"} {
		if strings.Contains(k, w) {
			return true
		}
	}
	return false
}

// add looks at one record's fields; it reports false once enough rows
// were seen, when the scan is over.
func (s *countryScan) add(fields []string) bool {
	for i, c := range s.cols {
		v := strings.TrimSpace(rowCell(fields, c))
		if v == "" || cellvalue.Placeholder(v) {
			continue
		}
		if _, err := cellvalue.ParseBool(v); err == nil {
			continue // "no" is Norway's code, and a yes/no column no country
		}
		s.cells[i]++
		if hasCountryLetters(v) {
			if _, ok := phone.RegionFromCountry(v); ok {
				s.read[i]++
			}
		}
	}
	s.rows++
	return s.rows < countryScanRows
}

// hasCountryLetters reports whether v holds a letter: a country code or
// name does, a number (an age, a count, a calling code) does not.
func hasCountryLetters(v string) bool {
	return strings.ContainsFunc(v, func(r rune) bool { return r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r > 0x7f })
}

// column is the header of the first column whose cells were at least 90%
// countries, preferring one named country, "" when none was.
func (s *countryScan) column() string {
	found := ""
	for i, c := range s.cols {
		if s.cells[i] > 0 && s.read[i]*10 >= s.cells[i]*9 {
			if strings.Contains(normalise(s.header[c]), "country") {
				return s.header[c]
			}
			if found == "" {
				found = s.header[c]
			}
		}
	}
	return found
}

// scanCountry adds a record's fields to the country scan, and ends it
// after countryScanRows records.
func (r *Reader) scanCountry(fields []string) {
	if !r.countries.add(fields) {
		r.endCountryScan()
	}
}

// endCountryScan sets Info.CountryColumn from the scan, if one is running.
func (r *Reader) endCountryScan() {
	if r.countries != nil {
		r.info.CountryColumn, r.countries = r.countries.column(), nil
	}
}
