package fix

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// TestOutputBOM: the clean and quarantine files start with a UTF-8 BOM
// when the input had one or was decoded from another encoding, so that
// Excel reads their UTF-8 right; a plain UTF-8 input gets none. Fixing
// the clean file again writes it byte for byte.
func TestOutputBOM(t *testing.T) {
	const text = "phone,name,consent_source,consent_at\n" +
		"+254712345678,José,web,2026-01-01\n" +
		"+254712345679,Zoë,,\n"
	const bom = "\ufeff"
	cp1252, err := charmap.Windows1252.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, input string
		bom         bool
	}{
		{"utf-8", text, false},
		{"utf-8 with a BOM", bom + text, true},
		{"windows-1252", cp1252, true},
		{"utf-16le", utf16, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "list.csv")
			if err := os.WriteFile(p, []byte(tc.input), 0o600); err != nil {
				t.Fatal(err)
			}
			_, clean, quar := runFix(t, []string{p}, Options{})
			want := ""
			if tc.bom {
				want = bom
			}
			wantClean := want + "phone,name,consent_source,consent_at\n+254712345678,José,web,2026-01-01\n"
			if string(clean) != wantClean {
				t.Errorf("clean file %q, want %q", clean, wantClean)
			}
			if got := string(quar[:min(len(quar), len(want)+5)]); got != want+"phone" {
				t.Errorf("quarantine file starts %q, want %q", got, want+"phone")
			}
			again := filepath.Join(t.TempDir(), "clean.csv")
			if err := os.WriteFile(again, clean, 0o600); err != nil {
				t.Fatal(err)
			}
			if _, clean2, _ := runFix(t, []string{again}, Options{}); string(clean2) != string(clean) {
				t.Errorf("fix of the clean file wrote %q, want %q", clean2, clean)
			}
		})
	}
}
