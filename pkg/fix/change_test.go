package fix

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/listaudit/listaudit/pkg/domain"
)

// TestInputChanged changes the input during the audit, between the passes
// and during the writing pass: each fails the run with one error naming
// the file and what changed, and nothing is written, not even a temporary
// file. A file touched between the passes but holding the same bytes is
// read alike by both, and fix goes on.
func TestInputChanged(t *testing.T) {
	const list = "phone,consent_source\n+254712345678,web\n+254712345679,web\n"
	later := time.Now().Add(time.Hour)
	rewrite := func(t *testing.T, path, data string) {
		if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(path, later, later); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name string
		// opened changes the file when it is opened for the pass'th time
		// (1: the audit, 2: the writing pass); between, before the
		// writing pass.
		opened  func(t *testing.T, path string, pass int)
		between func(t *testing.T, path string)
		want    string
	}{
		{name: "cut short during the audit", opened: func(t *testing.T, path string, pass int) {
			if pass == 1 {
				os.Truncate(path, 30)
			}
		}, want: "%s changed while it was read: its size went from 57 to 30 bytes; nothing was written"},
		{name: "rewritten between the passes", between: func(t *testing.T, path string) {
			rewrite(t, path, strings.Replace(list, "+254712345679", "+254712345670", 1))
		}, want: "%s changed between the audit and the writing pass: its bytes are not those the audit read (another SHA-256); nothing was written"},
		{name: "replaced between the passes", between: func(t *testing.T, path string) {
			other := path + ".new"
			os.WriteFile(other, []byte(list+"+254712345670,web\n"), 0o600)
			os.Rename(other, path)
		}, want: "%s changed between the audit and the writing pass: the audit read 2 rows, the writing pass 3; nothing was written"},
		{name: "grown during the writing pass", opened: func(t *testing.T, path string, pass int) {
			if pass == 2 {
				f, _ := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
				f.WriteString("+254712345670,web\n")
				f.Close()
			}
		}, want: "%s changed while it was read: its size went from 57 to 75 bytes; nothing was written"},
		{name: "touched between the passes, same bytes", between: func(t *testing.T, path string) {
			rewrite(t, path, list)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := filepath.Join(t.TempDir(), "in.csv")
			if err := os.WriteFile(in, []byte(list), 0o600); err != nil {
				t.Fatal(err)
			}
			out := t.TempDir()
			o := Options{Audit: auditOptions(), DropOn: domain.Error,
				Clean: filepath.Join(out, "c.csv"), Quarantine: filepath.Join(out, "q.csv")}
			pass := 0
			o.Audit.Input.Opened = func(string) {
				pass++
				if tc.opened != nil {
					tc.opened(t, in, pass)
				}
			}
			beforeWritePass = func() {
				if tc.between != nil {
					tc.between(t, in)
				}
			}
			defer func() { beforeWritePass = nil }()
			_, _, err := Run(context.Background(), []string{in}, o)
			ents, _ := os.ReadDir(out)
			if tc.want == "" {
				if err != nil || len(ents) != 2 {
					t.Fatalf("err = %v, wrote %v", err, ents)
				}
				return
			}
			if want := fmt.Sprintf(tc.want, in); err == nil || err.Error() != want {
				t.Errorf("err = %v\nwant %s", err, want)
			}
			if len(ents) != 0 {
				t.Errorf("written: %v", ents)
			}
		})
	}
}
