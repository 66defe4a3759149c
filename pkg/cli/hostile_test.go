package cli

import (
	"archive/zip"
	"os"
	"strings"
	"testing"
)

// sheetWorkbook writes a workbook of one sheet, "Contacts", whose XML is
// sheet as given (which need not be well formed).
func sheetWorkbook(t *testing.T, path, sheet string) {
	t.Helper()
	const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, p := range [][2]string{
		{"xl/workbook.xml", `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="` + rel + `"><sheets><sheet name="Contacts" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="` + rel + `/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
		{"xl/worksheets/sheet1.xml", sheet},
	} {
		w, err := zw.Create(p[0])
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(p[1]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// TestDamagedInputExitCodes: a damaged file the readers cannot trust
// stops check and fix with exit 2 and one line naming where; fix writes
// nothing then.
func TestDamagedInputExitCodes(t *testing.T) {
	const header = `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>phone</t></is></c></row>`
	const row2 = `<row r="2"><c r="A2" t="inlineStr"><is><t>+254712345678</t></is></c>`
	long := strings.Repeat("é", 32768)
	tests := []struct {
		name    string
		sheet   string // w.xlsx's sheet XML
		csv     string // l.csv
		args    []string
		code    int
		wantErr string
	}{
		{"check, a row closed by another tag", header + row2 + `</rw><row r="3"></row></sheetData></worksheet>`, "",
			[]string{"check", "--now", "2026-01-15", "w.xlsx"}, ExitError,
			"listaudit: w.xlsx: sheet \"Contacts\": row 2: damaged XML at byte 156 of the sheet: </rw> where </row> should be (Excel refuses such a workbook too: save it again from the program that made it)\n"},
		{"fix, a row after </sheetData>", header + row2 + `</row></sheetData><row r="3"></row></worksheet>`, "",
			[]string{"fix", "--now", "2026-01-15", "w.xlsx", "-o", "clean.csv", "--quarantine", "removed.csv"}, ExitError,
			"listaudit: w.xlsx: sheet \"Contacts\": after row 2: damaged XML at byte 174 of the sheet: a <row> after </sheetData> (Excel refuses such a workbook too: save it again from the program that made it)\n"},
		// A sheet whose XML ends inside its last row names that row, and
		// the cell it ends in, not the place after the row before.
		{"check, a sheet cut in a cell", header + row2 + `</row><row r="3"><c r="A3"><v>2547`, "",
			[]string{"check", "--now", "2026-01-15", "w.xlsx"}, ExitError,
			"listaudit: w.xlsx: sheet \"Contacts\": row 3: cell A3: the sheet's XML ends early (unexpected EOF)\n"},
		{"fix, a sheet cut after a cell", header + row2 + `</row><row r="3"><c r="A3" t="inlineStr"><is><t>+254712345679</t></is></c>`, "",
			[]string{"fix", "--now", "2026-01-15", "w.xlsx", "-o", "clean.csv", "--quarantine", "removed.csv"}, ExitError,
			"listaudit: w.xlsx: sheet \"Contacts\": row 3: the sheet's XML ends early (unexpected EOF)\n"},
		{"inspect, a sheet cut in a <c> tag", header + row2 + `</row><row r="3"><c r="A3" t="inlineStr"`, "",
			[]string{"inspect", "w.xlsx"}, ExitError,
			"listaudit: w.xlsx: sheet \"Contacts\": row 3: cell A3: the sheet's XML ends early (unexpected EOF)\n"},
		// A NUL byte, wherever it is, names its line.
		{"check, a NUL byte", "", "phone,name\n+254712345678,A\n+254712345679,B\x00\n",
			[]string{"check", "--now", "2026-01-15", "l.csv"}, ExitError,
			"listaudit: l.csv: line 3 holds a NUL byte: not a text file (it holds binary data), or a damaged one; listaudit reads CSV, TSV, JSON, NDJSON, XLSX and vCard files\n"},
		{"fix, a NUL byte", "", "phone,name\n+254712345678,A\n+254712345679,B\x00\n",
			[]string{"fix", "--now", "2026-01-15", "l.csv", "-o", "clean.csv", "--quarantine", "removed.csv"}, ExitError,
			"listaudit: l.csv: line 3 holds a NUL byte: not a text file (it holds binary data), or a damaged one; listaudit reads CSV, TSV, JSON, NDJSON, XLSX and vCard files\n"},
		// A workbook cell holds 32,767 characters: a longer one is not cut.
		{"fix to a workbook, a cell too long", "", "phone,consent_source,consent_at,opted_out,name\n+254712345678,web,2025-06-01,,a\n+254712345679,web,2025-06-01,," + long + "\n",
			[]string{"fix", "--now", "2026-01-15", "--fail-on", "never", "l.csv", "-o", "clean.xlsx", "--quarantine", "removed.csv"}, ExitError,
			"listaudit: write clean.xlsx: row 3, column \"name\": 32768 characters, more than the 32767 an Excel cell holds; nothing was written: write this file as CSV (a name ending in .csv), which keeps every character\n"},
		{"fix to a workbook, a malformed record too long", "", "phone,opted_out,name\n+254712345678,\"" + long + "\n",
			[]string{"fix", "--now", "2026-01-15", "--fail-on", "never", "l.csv", "-o", "clean.csv", "--quarantine", "removed.xlsx"}, ExitError,
			"listaudit: write removed.xlsx: row 2, column \"listaudit_raw\": 32783 characters, more than the 32767 an Excel cell holds; nothing was written: write this file as CSV (a name ending in .csv), which keeps every character\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, _, errOut := testEnv("")
			env.Dir = t.TempDir()
			t.Chdir(env.Dir)
			if tt.sheet != "" {
				sheetWorkbook(t, "w.xlsx", tt.sheet)
			}
			if tt.csv != "" {
				os.WriteFile("l.csv", []byte(tt.csv), 0o600)
			}
			if code := Main(tt.args, env); code != tt.code {
				t.Fatalf("exit %d, want %d; stderr %q", code, tt.code, errOut)
			}
			if errOut.String() != tt.wantErr {
				t.Errorf("stderr\n got %q\nwant %q", errOut, tt.wantErr)
			}
			for _, out := range []string{"clean.csv", "clean.xlsx", "removed.csv", "removed.xlsx"} {
				if _, err := os.Stat(out); err == nil {
					t.Errorf("fix wrote %s", out)
				}
			}
		})
	}
}
