package cli

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// fullStdout fails every write as a full disk does standard output.
type fullStdout struct{}

func (fullStdout) Write([]byte) (int, error) {
	return 0, &fs.PathError{Op: "write", Path: "/dev/stdout", Err: syscall.ENOSPC}
}

// TestWriteFailures: an output that cannot be written is one error, its
// cause said once (not "write json report: write json report: …"), exit
// 2; and no SARIF log is left to say the run exited 0 or 1: the SARIF
// outputs are written last and put in place only when everything else
// was written.
func TestWriteFailures(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full to fail a write")
	}
	list := filepath.Join("..", "..", "testdata", "contacts.csv")
	for _, tc := range []struct {
		args     []string
		stdoutOK bool   // stdout can be written
		want     string // stderr
		noFile   string // a SARIF file that must not be left
	}{
		{args: []string{"-f", "json"}, want: "listaudit: write json report: write /dev/stdout: no space left on device\n"},
		{args: []string{"-f", "sarif", "--report", "sarif=s.sarif"}, want: "listaudit: write sarif report: write /dev/stdout: no space left on device\n", noFile: "s.sarif"},
		{args: []string{"--report", "sarif=s.sarif"}, want: "listaudit: write table report: write /dev/stdout: no space left on device\n", noFile: "s.sarif"},
		{args: []string{"-o", "DIR/-o.json", "--write-baseline", "-"}, want: "listaudit: write baseline: write /dev/stdout: no space left on device\n"},
		{args: []string{"-o", "s.sarif", "--report", "json=/dev/full"}, stdoutOK: true, want: "listaudit: write /dev/full: no space left on device\n", noFile: "s.sarif"},
		{args: []string{"-f", "sarif", "--report", "json=/dev/full"}, stdoutOK: true, want: "listaudit: write /dev/full: no space left on device\n"},
		{args: []string{"-f", "json", "-o", "r.json", "--report", "sarif=s.sarif", "--write-baseline", "/dev/full"}, stdoutOK: true, want: "listaudit: write /dev/full: no space left on device\n", noFile: "s.sarif"},
	} {
		dir := t.TempDir()
		var args []string
		for _, a := range tc.args {
			switch a {
			case "s.sarif", "r.json", "DIR/-o.json":
				a = filepath.Join(dir, filepath.Base(a))
			case "sarif=s.sarif":
				a = "sarif=" + filepath.Join(dir, "s.sarif")
			}
			args = append(args, a)
		}
		env, out, errOut := testEnv("")
		if !tc.stdoutOK {
			env.Out = fullStdout{}
		}
		code := Main(append(append([]string{"check", "--now", "2026-01-15"}, args...), list), env)
		if code != ExitError || errOut.String() != tc.want {
			t.Errorf("%q: exit %d, stderr %q; want exit 2, %q", tc.args, code, errOut, tc.want)
		}
		if tc.stdoutOK && out.Len() > 0 {
			t.Errorf("%q: a SARIF log on stdout of a run that exits 2:\n%.200s", tc.args, out)
		}
		if tc.noFile != "" {
			if _, err := os.Stat(filepath.Join(dir, tc.noFile)); err == nil {
				t.Errorf("%q: %s was left", tc.args, tc.noFile)
			}
		}
	}
}
