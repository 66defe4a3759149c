package cli

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDistinctInputs(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.csv")
	b := filepath.Join(dir, "b.csv")
	for _, p := range []string{a, b} {
		if err := os.WriteFile(p, []byte("phone\n+254712345601\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sym := filepath.Join(dir, "sym.csv")
	hard := filepath.Join(dir, "hard.csv")
	if err := os.Symlink(a, sym); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := os.Link(a, hard); err != nil {
		t.Skip("no hard links here:", err)
	}
	for _, tc := range []struct {
		name  string
		files []string
		want  string
	}{
		{"distinct", []string{a, b, "-"}, ""},
		{"same path", []string{a, b, a}, a + ": the same file as " + a + ", given twice"},
		{"same path cleaned", []string{a, filepath.Join(dir, ".", "x", "..", "a.csv")}, filepath.Join(dir, ".", "x", "..", "a.csv") + ": the same file as " + a + ", given twice"},
		{"symbolic link", []string{sym, b, a}, a + ": the same file as " + sym + ", given twice"},
		{"hard link", []string{a, hard}, hard + ": the same file as " + a + ", given twice"},
		{"missing twice", []string{"missing.csv", "./missing.csv"}, "./missing.csv: the same file as missing.csv, given twice"},
		{"stdin twice", []string{"-", a, "-"}, "- (standard input) can be read only once"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := distinctInputs(tc.files)
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tc.want {
				t.Errorf("distinctInputs(%q) = %q, want %q", tc.files, got, tc.want)
			}
		})
	}
}
