package domain

import "testing"

// TestLocationString: a text file's location is its line, a workbook's its
// cell with the sheet as a spreadsheet's name box takes it.
func TestLocationString(t *testing.T) {
	for _, tt := range []struct {
		loc   Location
		want  string
		place string
		cell  string
	}{
		{Location{File: "contacts.csv", Row: 3, Line: 4}, "contacts.csv:4", "4", ""},
		{Location{File: "-", Row: 1, Line: 2}, "-:2", "2", ""},
		{Location{File: "contacts.csv", Row: 3}, "contacts.csv", "", ""},
		{Location{File: "book.xlsx", Row: 2, Line: 3, Sheet: "Sheet1", Col: 5}, "book.xlsx:Sheet1!E3", "Sheet1!E3", "E3"},
		{Location{File: "book.xlsx", Row: 2, Line: 3, Sheet: "Sheet1"}, "book.xlsx:Sheet1!A3", "Sheet1!A3", "A3"},
		{Location{File: "book.xlsx", Row: 9, Line: 12, Sheet: "Opt-ins 2025", Col: 27}, "book.xlsx:'Opt-ins 2025'!AA12", "'Opt-ins 2025'!AA12", "AA12"},
		{Location{File: "book.xlsx", Row: 1, Line: 2, Sheet: "Bob's list", Col: 16384}, "book.xlsx:'Bob''s list'!XFD2", "'Bob''s list'!XFD2", "XFD2"},
		{Location{File: "book.xlsx", Row: 1, Sheet: "Sheet1", Col: 2}, "book.xlsx", "", ""},
	} {
		if got := tt.loc.String(); got != tt.want {
			t.Errorf("%+v.String() = %q, want %q", tt.loc, got, tt.want)
		}
		if got := tt.loc.Place(); got != tt.place {
			t.Errorf("%+v.Place() = %q, want %q", tt.loc, got, tt.place)
		}
		if got := tt.loc.CellName(); got != tt.cell {
			t.Errorf("%+v.CellName() = %q, want %q", tt.loc, got, tt.cell)
		}
	}
}

// TestSheetRef: plain names stay as they are; names a spreadsheet would
// misread are quoted.
func TestSheetRef(t *testing.T) {
	for name, want := range map[string]string{
		"Sheet1":       "Sheet1",
		"Contacts":     "Contacts",
		"Report":       "Report",
		"Données_2025": "Données_2025",
		"v1.2":         "v1.2",
		"My Sheet":     "'My Sheet'",
		"Opt-ins":      "'Opt-ins'",
		"2025":         "'2025'",
		"A1":           "'A1'",
		"xfd10":        "'xfd10'",
		"R1C1":         "'R1C1'",
		"R2":           "'R2'",
		"RC":           "'RC'",
		"C":            "'C'",
		"It's":         "'It''s'",
		"":             "''",
	} {
		if got := SheetRef(name); got != want {
			t.Errorf("SheetRef(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestColumnName(t *testing.T) {
	for col, want := range map[int]string{1: "A", 5: "E", 26: "Z", 27: "AA", 52: "AZ", 53: "BA", 702: "ZZ", 703: "AAA", 16384: "XFD"} {
		if got := ColumnName(col); got != want {
			t.Errorf("ColumnName(%d) = %q, want %q", col, got, want)
		}
	}
}

// TestRecordAt: a field's location is its cell in a workbook, the record's
// own where the file has no column for it or is text.
func TestRecordAt(t *testing.T) {
	cols := CellColumns{FieldPhone: 5, FieldConsentAt: 2}
	rec := Record{Loc: Location{File: "b.xlsx", Row: 2, Line: 3, Sheet: "S"}, CellColumns: &cols}
	for f, want := range map[Field]string{FieldPhone: "S!E3", FieldConsentAt: "S!B3", FieldEmail: "S!A3", FieldNone: "S!A3"} {
		if got := rec.At(f).Place(); got != want {
			t.Errorf("At(%v) = %q, want %q", f, got, want)
		}
	}
	text := Record{Loc: Location{File: "l.csv", Row: 2, Line: 3}}
	if got := text.At(FieldPhone); got != text.Loc {
		t.Errorf("text At(phone) = %+v", got)
	}
}

func TestLocationSame(t *testing.T) {
	base := Location{File: "a.xlsx", FileIndex: 1, Row: 2, Line: 3, Sheet: "S", Col: 4}
	tests := []struct {
		name   string
		change func(*Location)
	}{
		{"equal", func(*Location) {}},
		{"file", func(l *Location) { l.File = "b.xlsx" }},
		{"file index", func(l *Location) { l.FileIndex = 0 }},
		{"row", func(l *Location) { l.Row = 9 }},
		{"line", func(l *Location) { l.Line = 9 }},
		{"sheet", func(l *Location) { l.Sheet = "T" }},
		{"col", func(l *Location) { l.Col = 0 }},
	}
	for _, tc := range tests {
		o := base
		tc.change(&o)
		if got, want := base.Same(&o), base == o; got != want {
			t.Errorf("%s: Same = %t, want %t", tc.name, got, want)
		}
	}
}
