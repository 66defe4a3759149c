package cli

import (
	"os"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestOLEFilesWhateverTheirName: an OLE2 file is an Excel 97–2003
// workbook whatever its name or --input-format (an .xls renamed .xlsx was
// "not a valid zip file"), and a password-protected .xlsx, which is an
// OLE2 file too, is said to be encrypted, in check, fix and inspect.
func TestOLEFilesWhateverTheirName(t *testing.T) {
	t.Chdir(t.TempDir())
	xls := append([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), make([]byte, 600)...)
	for _, name := range []string{"book.xls", "book.xlsx", "book.csv"} {
		if err := os.WriteFile(name, xls, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	f := excelize.NewFile()
	if err := f.SetCellStr("Sheet1", "A1", "phone"); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs("locked.xlsx", excelize.Options{Password: "secret"}); err != nil {
		t.Fatal(err)
	}
	f.Close()
	const old = " is an Excel 97–2003 .xls workbook, which listaudit does not read: save it as .xlsx or CSV\n"
	const locked = " is a password-protected (encrypted) Excel workbook, which listaudit cannot read: save a copy without the password, as .xlsx or CSV\n"
	tests := []struct {
		name  string
		args  []string
		stdin string // a file given as standard input
		want  string
	}{
		{".xls", []string{"check", "-q", "book.xls"}, "", "listaudit: book.xls" + old},
		{".xls named .xlsx", []string{"check", "-q", "book.xlsx"}, "", "listaudit: book.xlsx" + old},
		{".xls named .csv, --input-format xlsx", []string{"check", "-q", "--input-format", "xlsx", "book.csv"}, "", "listaudit: book.csv" + old},
		{"inspect, .xls named .xlsx", []string{"inspect", "book.xlsx"}, "", "listaudit: book.xlsx" + old},
		{"init --from, .xls named .xlsx", []string{"init", "--from", "book.xlsx", "-o", "-"}, "", "listaudit: book.xlsx" + old},
		{"encrypted", []string{"check", "-q", "locked.xlsx"}, "", "listaudit: locked.xlsx" + locked},
		{"fix, encrypted", []string{"fix", "-q", "locked.xlsx", "-o", "c.csv", "--quarantine", "q.csv"}, "", "listaudit: locked.xlsx" + locked},
		{"inspect, encrypted", []string{"inspect", "locked.xlsx"}, "", "listaudit: locked.xlsx" + locked},
		{"encrypted on standard input", []string{"check", "-q", "--input-format", "csv", "-"}, "locked.xlsx", "listaudit: -" + locked},
		{".xls on standard input", []string{"check", "-q", "-"}, "book.xls", "listaudit: -" + old},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var in []byte
			if tt.stdin != "" {
				var err error
				if in, err = os.ReadFile(tt.stdin); err != nil {
					t.Fatal(err)
				}
			}
			env, out, errOut := testEnv(string(in))
			if code := Main(tt.args, env); code != ExitError || errOut.String() != tt.want || out.Len() != 0 {
				t.Errorf("exit %d, stderr %q, stdout %q\nwant %d, %q", code, errOut, out, ExitError, tt.want)
			}
		})
	}
}
