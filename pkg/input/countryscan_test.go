package input

import (
	"strings"
	"testing"

	"github.com/listaudit/listaudit/pkg/domain"
)

// TestCountryColumn: a column of no field whose cells are (nearly) all
// country codes or names is named in Info.CountryColumn when the file has
// no country column; columns of languages, yes/no words, numbers or
// Mailchimp's CC are not, nor is anything once a country column is read.
func TestCountryColumn(t *testing.T) {
	many := "phone,Land\n" + strings.Repeat("+4915123456789,DE\n", countryScanRows) + strings.Repeat("+4915123456789,Bayern\n", 50)
	tests := []struct {
		name, csv string
		opts      Options
		want      string
	}{
		{"codes under Pays", "phone;Pays\n0612345678;FR\n0470123456;BE\n", Options{}, "Pays"},
		{"names in French", "phone;Nom;Pays de résidence\n0612345678;Ana;France\n0661234567;Omar;Maroc\n", Options{}, "Pays de résidence"},
		{"nearly all: 9 of 10", "phone,País\n" + strings.Repeat("1,México\n", 9) + "1,Marte\n", Options{}, "País"},
		{"not enough: 8 of 10", "phone,País\n" + strings.Repeat("1,México\n", 8) + "1,Marte\n1,Luna\n", Options{}, ""},
		{"empty cells and placeholders are not counted", "phone,Land\n1,DE\n1,\n1,n/a\n", Options{}, "Land"},
		{"only the first rows are looked at", many, Options{}, "Land"},
		{"a language column", "phone,Langue\n1,fr\n1,de\n", Options{}, ""},
		{"Mailchimp's CC", "phone,CC\n1,US\n1,GB\n", Options{}, ""},
		{"yes/no words (no is Norway's code)", "phone,newsletter\n1,no\n1,no\n", Options{}, ""},
		{"numbers are not calling codes here", "phone,age\n1,33\n1,44\n", Options{}, ""},
		// US states' codes are countries' codes too (DE, GA, IN).
		{"a province code column", "phone,Default Address Province Code\n1,DE\n1,GA\n1,IN\n", Options{}, ""},
		{"a state or region column", "phone,State,Region\n1,DE\n1,GA\n", Options{}, ""},
		{"a column named country is preferred", "phone,Ship To,Home Country ISO\n1,DE,US\n1,GB,US\n", Options{}, "Home Country ISO"},
		{"the first when none is named country", "phone,Pays,Ship To\n1,FR,DE\n", Options{}, "Pays"},
		{"a country column is read", "phone,country,Pays\n1,FR,FR\n", Options{}, ""},
		{"mapped", "phone,Pays\n1,FR\n", Options{Map: map[domain.Field]string{domain.FieldCountry: "Pays"}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, t.TempDir(), "list.csv", []byte(tt.csv))
			_, _, info := readEach(t, path, tt.opts, func(*domain.Record) string { return "" })
			if info.CountryColumn != tt.want {
				t.Errorf("Info.CountryColumn = %q, want %q", info.CountryColumn, tt.want)
			}
			if got := info.Input().CountryColumn; got != tt.want {
				t.Errorf("Input().CountryColumn = %q, want %q", got, tt.want)
			}
		})
	}
}
