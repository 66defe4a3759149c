package cli

import (
	"os"
	"path/filepath"
	"testing"
)

// TestUnreadablePolicyFileExitCode: a .listaudit.yaml in the working
// directory that cannot be read (a link to a missing file, a directory)
// stops check, fix and inspect with exit 2 and one line naming it, rather
// than a run with the built-in defaults (QA cicomp F1).
func TestUnreadablePolicyFileExitCode(t *testing.T) {
	const list = "phone,consent_source,consent_at,opted_out\n+254712345678,web_form,2025-06-01,no\n"
	for _, tc := range []struct {
		name    string
		make    func(path string) error
		wantErr string // after "listaudit: DIR/"
	}{
		{"dangling link", func(p string) error { return os.Symlink("missing/policy.yaml", p) },
			".listaudit.yaml: links to missing/policy.yaml: no such file or directory\n"},
		{"directory", func(p string) error { return os.Mkdir(p, 0o700) },
			".listaudit.yaml: is a directory, not a config file\n"},
	} {
		for _, args := range [][]string{
			{"check", "--now", "2026-01-15", "-q", "-"},
			{"fix", "--now", "2026-01-15", "-o", "clean.csv", "--quarantine", "removed.csv", "-"},
			{"inspect", "-"},
		} {
			t.Run(tc.name+"/"+args[0], func(t *testing.T) {
				env, out, errOut := testEnv(list)
				env.Dir = t.TempDir()
				if err := tc.make(filepath.Join(env.Dir, ".listaudit.yaml")); err != nil {
					t.Fatal(err)
				}
				if code := Main(args, env); code != ExitError {
					t.Fatalf("exit %d, want %d; stderr %q", code, ExitError, errOut)
				}
				if want := "listaudit: " + filepath.Join(env.Dir, tc.wantErr); errOut.String() != want {
					t.Errorf("stderr\n got %q\nwant %q", errOut, want)
				}
				if out.Len() != 0 {
					t.Errorf("stdout %q, want nothing", out)
				}
			})
		}
	}
}
