package cli

import (
	"os"
	"path/filepath"
	"testing"
)

// TestUnreadableEvidence: a suppression list or send log that cannot be
// read is an error worded as for a list (read FILE: permission denied),
// not a file that changed while it was read. Root reads any file, so the
// test runs only for another user (the tester's repro runs it as nobody).
func TestUnreadableEvidence(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads a file of mode 000")
	}
	dir := t.TempDir()
	list := filepath.Join(dir, "list.csv")
	writeFile(t, list, "phone,consent_source\n+254712345678,web\n")
	for _, flag := range []string{"--suppress", "--messages"} {
		evidence := filepath.Join(dir, "evidence.csv")
		writeFile(t, evidence, "phone,sent_at\n+254700000001,2026-01-10\n")
		if err := os.Chmod(evidence, 0); err != nil {
			t.Fatal(err)
		}
		env, out, errOut := testEnv("")
		code := Main([]string{"check", "--now", "2026-01-15", flag, evidence, list}, env)
		if want := "listaudit: read " + evidence + ": permission denied\n"; code != ExitError || out.Len() > 0 || errOut.String() != want {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit 2, stderr %q", flag, code, out, errOut, want)
		}
		os.Remove(evidence)
	}
}
