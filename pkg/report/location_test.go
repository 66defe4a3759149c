package report

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/listaudit/listaudit/pkg/domain"
)

// locationFixture holds a finding on line 4 of a CSV file (its third
// row), one about cell E3 of a workbook's Sheet1 (its second row), and a
// duplicate on the CSV file's line 6 whose first row is that cell.
func locationFixture() *domain.Result {
	csvAt := func(row int) domain.Location {
		return domain.Location{File: "contacts.csv", Row: row, Line: row + 1}
	}
	cell := domain.Location{File: "book.xlsx", FileIndex: 1, Row: 2, Line: 3, Sheet: "Sheet1", Col: 5}
	r := &domain.Result{
		Tool:   domain.Tool{Name: "listaudit", Version: "0.1.0", PhoneMetadata: "8.13.52"},
		Now:    time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC),
		Policy: domain.DefaultPolicy(),
		Inputs: []domain.Input{
			{Path: "contacts.csv", Format: "csv", Rows: 5, SHA256: strings.Repeat("ab", 32)},
			{Path: "book.xlsx", Format: "xlsx", Rows: 2, SHA256: strings.Repeat("cd", 32)},
		},
		Summary: domain.Summary{Rows: 7, UniqueNumbers: 3},
		Findings: domain.FindingSlice{
			{Rule: "consent-missing", Severity: domain.Error, Loc: csvAt(3), Field: domain.FieldConsentSource, Column: "consent_source",
				Message: "no consent source", Phone: "+254712345601"},
			{Rule: "duplicate", Severity: domain.Warning, Loc: csvAt(5), Field: domain.FieldPhone, Column: "phone", Value: "+254712345602",
				Message: "same number as " + cell.String(), Related: []domain.Location{cell}, Phone: "+254712345602"},
			{Rule: "phone-invalid", Severity: domain.Error, Loc: cell, Field: domain.FieldPhone, Column: "phone", Value: "0712",
				Message: "not a valid number", Phone: "0712"},
		},
	}
	domain.SortFindings(r.Findings.(domain.FindingSlice))
	r.Decide()
	return r
}

// TestLocationsPerFormat: every report gives the CSV finding's line 4 and
// the workbook finding's Sheet1!E3 where people click, and JSON keeps the
// row beside them.
func TestLocationsPerFormat(t *testing.T) {
	r := locationFixture()
	for format, wants := range map[string][]string{
		"table": {
			"contacts.csv:4 ",
			"book.xlsx:Sheet1!E3 ",
			"same number as book.xlsx:Sheet1!E3\n",
		},
		"markdown": {
			"| contacts.csv:4 | error | `+2547******01` | consent\\_source: no consent source |\n",
			"| book.xlsx:Sheet1!E3 | error | `0***` | phone: not a valid number |\n",
		},
		"github": {
			"::error file=contacts.csv,line=4,title=consent-missing::consent_source: no consent source (line 4, +2547******01)\n",
			"::error file=book.xlsx,title=phone-invalid::phone: not a valid number (Sheet1!E3, 0***)\n",
			"::warning file=contacts.csv,line=6,title=duplicate::phone: same number as book.xlsx:Sheet1!E3 (line 6, +2547******02)\n",
		},
		"junit": {
			"row 3 (line 4): consent_source: no consent source [+2547******01]",
			"row 2 (Sheet1!E3): phone: not a valid number [0***]",
		},
		"csv": {
			"\ncontacts.csv,3,4,consent-missing,error,consent_source,,'+2547******01,no consent source\n",
			"\nbook.xlsx,2,3,phone-invalid,error,phone,0***,0***,not a valid number\n",
		},
	} {
		out := string(render(t, format, r, Options{}))
		for _, want := range wants {
			if !strings.Contains(out, want) {
				t.Errorf("%s report lacks %q:\n%s", format, want, out)
			}
		}
	}
}

// TestLocationsSARIF: a text file's result has the line as its region; a
// workbook's has no region, which would be a text file's lines, but the
// cell as a logical location, as its related locations do.
func TestLocationsSARIF(t *testing.T) {
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID    string          `json:"ruleId"`
				Locations []sarifLocation `json:"locations"`
				Related   []sarifLocation `json:"relatedLocations"`
				Props     struct {
					Row int `json:"row"`
				} `json:"properties"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(render(t, "sarif", locationFixture(), Options{}), &log); err != nil {
		t.Fatal(err)
	}
	cell := []sarifLogicalLocation{{Name: "E3", FullyQualifiedName: "Sheet1!E3", Kind: "cell"}}
	got := map[string]bool{}
	for _, res := range log.Runs[0].Results {
		l := res.Locations[0]
		switch res.RuleID {
		case "consent-missing":
			got[res.RuleID] = l.PhysicalLocation.Region != nil && l.PhysicalLocation.Region.StartLine == 4 &&
				l.LogicalLocations == nil && res.Props.Row == 3
		case "phone-invalid":
			got[res.RuleID] = l.PhysicalLocation.Region == nil && l.PhysicalLocation.ArtifactLocation.URI == "book.xlsx" &&
				equalJSON(l.LogicalLocations, cell) && res.Props.Row == 2
		case "duplicate":
			rel := res.Related[0]
			got[res.RuleID] = l.PhysicalLocation.Region.StartLine == 6 && rel.PhysicalLocation.Region == nil &&
				equalJSON(rel.LogicalLocations, cell) && rel.Message.Text == "related row book.xlsx:Sheet1!E3"
		}
	}
	for _, rule := range []string{"consent-missing", "phone-invalid", "duplicate"} {
		if !got[rule] {
			t.Errorf("%s: wrong location in\n%+v", rule, log.Runs[0].Results)
		}
	}
}

// TestLocationsJSON: JSON keeps row and line, and adds sheet and cell for a
// workbook, on findings and their related rows alike.
func TestLocationsJSON(t *testing.T) {
	var rep struct {
		Findings []map[string]any `json:"findings"`
	}
	if err := json.Unmarshal(render(t, "json", locationFixture(), Options{}), &rep); err != nil {
		t.Fatal(err)
	}
	want := []string{
		`{"file":"contacts.csv","line":4,"row":3}`,
		`{"file":"contacts.csv","line":6,"related_rows":[{"cell":"E3","file":"book.xlsx","line":3,"row":2,"sheet":"Sheet1"}],"row":5}`,
		`{"cell":"E3","file":"book.xlsx","line":3,"row":2,"sheet":"Sheet1"}`,
	}
	for i, f := range rep.Findings {
		loc := map[string]any{}
		for _, k := range []string{"file", "row", "line", "sheet", "cell", "related_rows"} {
			if v, ok := f[k]; ok && !(k == "related_rows" && len(v.([]any)) == 0) {
				loc[k] = v
			}
		}
		if got, _ := json.Marshal(loc); string(got) != want[i] {
			t.Errorf("finding %d: %s, want %s", i, got, want[i])
		}
	}
}

func equalJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}
