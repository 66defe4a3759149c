package cli

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// integrityList writes a list of n rows to dir/list.csv.
func integrityList(t *testing.T, dir string, n int) (path string, size int) {
	t.Helper()
	var b strings.Builder
	b.WriteString("phone,consent_source,consent_at,opted_out\n")
	for i := range n {
		fmt.Fprintf(&b, "+2547%08d,web,2025-06-01,\n", i)
	}
	path = filepath.Join(dir, "list.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path, b.Len()
}

// dirNames lists dir's entries.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// TestCheckStopsOnAChangedInput cuts the list short once check has opened
// it, as `truncate` does to an export being audited: check fails with one
// line naming the file and what changed, exit 2, and writes nothing: no
// report, no baseline, no temporary file, nothing on standard output.
func TestCheckStopsOnAChangedInput(t *testing.T) {
	for _, outputs := range []func(out string) []string{
		func(out string) []string {
			return []string{"-f", "json", "-o", filepath.Join(out, "r.json"), "--report", "sarif=" + filepath.Join(out, "r.sarif"),
				"--write-baseline", filepath.Join(out, "b.json")}
		},
		func(string) []string { return nil }, // the table on standard output
	} {
		dir := t.TempDir()
		in, size := integrityList(t, dir, 3000)
		out := t.TempDir()
		args := outputs(out)
		env, stdout, stderr := testEnv("")
		env.inputOpened = func(name string) {
			if err := os.Truncate(name, 1000); err != nil {
				t.Error(err)
			}
		}
		code := Main(append(append([]string{"check", "--now", "2026-01-15"}, args...), in), env)
		if code != ExitError {
			t.Errorf("%v: exit %d, want %d", args, code, ExitError)
		}
		want := fmt.Sprintf("listaudit: %s changed while it was read: its size went from %d to 1000 bytes; nothing was written\n", in, size)
		if stderr.String() != want {
			t.Errorf("%v: stderr %q\nwant %q", args, stderr, want)
		}
		if stdout.Len() != 0 {
			t.Errorf("%v: stdout %q", args, stdout)
		}
		if names := dirNames(t, out); len(names) != 0 {
			t.Errorf("%v: written: %v", args, names)
		}
	}
}

// TestCheckStopsOnAChangedEvidenceFile: a suppression list or send log
// that changes while it is loaded stops the run as a list does, since the
// report would pin a hash of a file other than the one loaded.
func TestCheckStopsOnAChangedEvidenceFile(t *testing.T) {
	for _, flag := range []string{"--suppress", "--messages"} {
		for _, size := range []int64{40, 0} { // cut in a line; emptied, which fails the load
			dir := t.TempDir()
			in, _ := integrityList(t, dir, 10)
			evidence := filepath.Join(dir, "evidence.csv")
			data := "phone,sent_at\n+254700000001,2026-01-10\n+254700000002,2026-01-11\n"
			if err := os.WriteFile(evidence, []byte(data), 0o600); err != nil {
				t.Fatal(err)
			}
			env, _, stderr := testEnv("")
			env.inputOpened = func(name string) {
				if name == evidence {
					os.Truncate(name, size)
				}
			}
			out := filepath.Join(t.TempDir(), "r.json")
			if code := Main([]string{"check", "--now", "2026-01-15", "-f", "json", "-o", out, flag, evidence, in}, env); code != ExitError {
				t.Errorf("%s: exit %d", flag, code)
			}
			want := fmt.Sprintf("listaudit: %s changed while it was read: its size went from %d to %d bytes; nothing was written\n", evidence, len(data), size)
			if got := stderr.String(); got != want {
				t.Errorf("%s: stderr %q\nwant %q", flag, got, want)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("%s: the report was written", flag)
			}
		}
	}
}

// TestOutputsAreCreatedAfterTheAudit: while check and fix read their
// input, nothing of their outputs exists yet, not even a temporary file,
// so a run killed during the audit leaves nothing behind.
func TestOutputsAreCreatedAfterTheAudit(t *testing.T) {
	in, _ := integrityList(t, t.TempDir(), 10)
	for _, cmd := range [][]string{
		{"check", "-f", "json", "-o", "r.json", "--report", "html=r.html", "--write-baseline", "b.json"},
		{"fix", "-o", "c.csv", "--quarantine", "q.csv"},
	} {
		out := t.TempDir()
		args := []string{cmd[0], "--now", "2026-01-15", "--fail-on", "never"}
		for _, a := range cmd[1:] {
			if name, ok := strings.CutPrefix(a, "html="); ok {
				a = "html=" + filepath.Join(out, name)
			} else if strings.Contains(a, ".") {
				a = filepath.Join(out, a)
			}
			args = append(args, a)
		}
		env, _, stderr := testEnv("")
		opened := 0
		env.inputOpened = func(string) {
			opened++
			if names := dirNames(t, out); len(names) != 0 && opened == 1 {
				t.Errorf("%s: during the audit, the output directory holds %v", cmd[0], names)
			}
		}
		if code := Main(append(args, in), env); code != ExitOK {
			t.Fatalf("%s: exit %d: %s", cmd[0], code, stderr)
		}
		if opened == 0 {
			t.Errorf("%s: the input was never opened", cmd[0])
		}
		for _, name := range dirNames(t, out) {
			if strings.Contains(name, ".tmp-") {
				t.Errorf("%s: left %s", cmd[0], name)
			}
		}
	}
}

// unwritableDir makes a directory that cannot be written, even by root
// (an immutable one), or skips the test.
func unwritableDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "ro")
	if err := os.Mkdir(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	writable := func() bool {
		f, err := os.CreateTemp(dir, "probe")
		if err != nil {
			return false
		}
		f.Close()
		os.Remove(f.Name())
		return true
	}
	if writable() && runtime.GOOS == "linux" {
		if exec.Command("chattr", "+i", dir).Run() == nil {
			t.Cleanup(func() { exec.Command("chattr", "-i", dir).Run() })
		}
	}
	if writable() {
		t.Skip("cannot make a directory this user cannot write")
	}
	return dir
}

// TestUnwritableDirectoryRefusedBeforeTheAudit: the outputs are created
// only after the audit, but a directory that cannot be written still
// stops the run before it reads anything, and the try leaves nothing.
func TestUnwritableDirectoryRefusedBeforeTheAudit(t *testing.T) {
	ro := unwritableDir(t)
	in, _ := integrityList(t, t.TempDir(), 10)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"check", "-f", "json", "-o", filepath.Join(ro, "r.json")}, "-o " + filepath.Join(ro, "r.json")},
		{[]string{"check", "--write-baseline", filepath.Join(ro, "b.json")}, "--write-baseline " + filepath.Join(ro, "b.json")},
		{[]string{"fix", "-o", filepath.Join(t.TempDir(), "c.csv"), "--quarantine", filepath.Join(ro, "q.csv")}, "--quarantine " + filepath.Join(ro, "q.csv")},
	} {
		env, _, stderr := testEnv("")
		env.inputOpened = func(string) { t.Errorf("%v: the input was read", tc.args) }
		if code := Main(append(tc.args, in), env); code != ExitError {
			t.Errorf("%v: exit %d", tc.args, code)
		}
		want := "listaudit: " + tc.want + ": cannot create a file in " + ro + ": "
		if got := stderr.String(); !strings.HasPrefix(got, want) || strings.Count(got, "\n") != 1 {
			t.Errorf("%v: stderr %q\nwant %q…", tc.args, got, want)
		}
		if names := dirNames(t, ro); len(names) != 0 {
			t.Errorf("%v: left %v", tc.args, names)
		}
	}
}

// TestStaleTemporaryFilesRemoved: the temporary files a killed run left
// beside an output (listaudit's naming, older than the run, held open by
// no process) are removed by the next run that writes there; a file of
// that name that a process holds open, a newer one and files of other
// names stay.
func TestStaleTemporaryFilesRemoved(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("which files a process holds open is seen only on Linux")
	}
	in, _ := integrityList(t, t.TempDir(), 10)
	old := time.Now().Add(-time.Hour)
	for _, tc := range []struct {
		args             []string
		removed, kept    []string
		heldOpen, recent string
	}{
		{
			args:     []string{"check", "-f", "json", "-o", "r.json"},
			removed:  []string{".r.json.tmp-1234"},
			heldOpen: ".r.json.tmp-5678", recent: ".r.json.tmp-9012",
			kept: []string{".r.json.tmp-backup", ".other.json.tmp-3456", "r.json.tmp-7890"},
		},
		{
			args:     []string{"fix", "-o", "c.csv", "--quarantine", "q.csv"},
			removed:  []string{".c.csv.tmp-1234", ".q.csv.tmp-42"},
			heldOpen: ".c.csv.tmp-5678", recent: ".q.csv.tmp-9012",
		},
	} {
		out := t.TempDir()
		for _, name := range append(append([]string{tc.heldOpen, tc.recent}, tc.removed...), tc.kept...) {
			path := filepath.Join(out, name)
			if err := os.WriteFile(path, []byte("+254712345678\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			if name != tc.recent {
				os.Chtimes(path, old, old)
			} else {
				later := time.Now().Add(time.Minute)
				os.Chtimes(path, later, later)
			}
		}
		f, err := os.Open(filepath.Join(out, tc.heldOpen))
		if err != nil {
			t.Fatal(err)
		}
		args := []string{tc.args[0], "--now", "2026-01-15", "--fail-on", "never"}
		for _, a := range tc.args[1:] {
			if strings.Contains(a, ".") {
				a = filepath.Join(out, a)
			}
			args = append(args, a)
		}
		env, _, stderr := testEnv("")
		code := Main(append(args, in), env)
		f.Close()
		if code != ExitOK || stderr.Len() != 0 {
			t.Fatalf("%s: exit %d: %s", tc.args[0], code, stderr)
		}
		names := dirNames(t, out)
		for _, name := range tc.removed {
			if slices.Contains(names, name) {
				t.Errorf("%s: %s was not removed", tc.args[0], name)
			}
		}
		for _, name := range append([]string{tc.heldOpen, tc.recent}, tc.kept...) {
			if !slices.Contains(names, name) {
				t.Errorf("%s: %s was removed", tc.args[0], name)
			}
		}
	}
}
