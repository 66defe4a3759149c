package outfile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/listaudit/listaudit/pkg/domain"
)

func TestPlan(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, f := range []string{"in.csv", "base.json"} {
		if err := os.WriteFile(f, nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir("outdir", 0o755); err != nil {
		t.Fatal(err)
	}
	read := []domain.ReadFile{{Path: "in.csv", What: "an input file"}, {Path: "base.json", What: "the baseline"}}
	out := func(option, path string) Output { return Output{Option: option, Path: path} }
	clean := Output{Option: "-o c.csv", Path: "c.csv", Role: "the clean file (-o)"}
	for _, tc := range []struct {
		name   string
		stdout string
		outs   []Output
		want   string
	}{
		{"none", "", nil, ""},
		{"distinct files", "", []Output{out("-o a.json", "a.json"), out("--report sarif=-", "-"), out("--report csv=b.csv", "b.csv")}, ""},
		{"one on stdout", "", []Output{out("-o -", "-")}, ""},
		{"stdout claimed", "the table already goes to standard output", []Output{out("--report json=-", "-")},
			"--report json=-: the table already goes to standard output"},
		{"two on stdout", "", []Output{out("--report json=-", "-"), out("--report csv=-", "-")},
			"--report csv=-: --report json=- already writes to standard output"},
		{"two on stdout, role", "", []Output{{Option: "-o -", Path: "-", Role: "the clean file (-o)"}, out("--quarantine -", "-")},
			"--quarantine -: it is also the clean file (-o)"},
		{"same file", "", []Output{out("-o a.json", "a.json"), out("--report json=./a.json", "./a.json")},
			"--report json=./a.json: ./a.json is also written by -o a.json"},
		{"same file, role", "", []Output{clean, out("--quarantine ./c.csv", "./c.csv")},
			"--quarantine ./c.csv: it is also the clean file (-o)"},
		{"an input", "", []Output{out("-o in.csv", "in.csv")}, "-o in.csv: refusing to overwrite an input file"},
		{"the baseline", "", []Output{out("-o base.json", "base.json")}, "-o base.json: refusing to overwrite the baseline"},
		{"the baseline refreshed", "", []Output{{Option: "--write-baseline base.json", Path: "base.json", Refreshes: "base.json"}}, ""},
		{"refreshing spares no input", "", []Output{{Option: "--write-baseline in.csv", Path: "in.csv", Refreshes: "base.json"}},
			"--write-baseline in.csv: refusing to overwrite an input file"},
		{"directory", "", []Output{out("-o outdir", "outdir")}, "-o outdir: outdir is a directory"},
		{"missing directory", "", []Output{out("-o nodir/r.json", "nodir/r.json")}, "-o nodir/r.json: no such directory nodir"},
		{"first error wins", "", []Output{out("-o outdir", "outdir"), out("--report csv=in.csv", "in.csv")}, "-o outdir: outdir is a directory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var p Plan
			if tc.stdout != "" {
				p.ClaimStdout(tc.stdout)
			}
			checkPlan(t, &p, tc.outs, read, tc.want)
		})
	}
	if n := names(t, dir); len(n) != 3 {
		t.Errorf("Check wrote: %v", n)
	}
}

// TestPlanFileThatIsStdout: a file that is standard output takes it as "-"
// does, and is checked as a file too.
func TestPlanFileThatIsStdout(t *testing.T) {
	path := filepath.Join(t.TempDir(), "log.txt")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	defer func(old *os.File) { os.Stdout = old }(os.Stdout)
	os.Stdout = f
	if !ToStdout(path) || !ToStdout("-") || ToStdout(path+".other") {
		t.Fatal("ToStdout does not tell standard output")
	}
	var p Plan
	p.ClaimStdout("-q already prints the verdict line to standard output")
	p.Add(Output{Option: "--report json=" + path, Path: path})
	if err := p.Check(nil); err == nil || err.Error() != "--report json="+path+": -q already prints the verdict line to standard output" {
		t.Errorf("Check = %v", err)
	}
	p = Plan{}
	p.Add(Output{Option: "-o " + path, Path: path})
	p.Add(Output{Option: "--report csv=-", Path: "-"})
	if err := p.Check(nil); err == nil || err.Error() != "--report csv=-: -o "+path+" already writes to standard output" {
		t.Errorf("Check = %v", err)
	}
}

// TestPlanStreams: a run whose standard output or error is a file it
// reads (`>> in.csv`, `2>> in.csv`), through any link, is refused,
// naming the file, whether an output goes there or not; standard input is
// compared for "-". A stream that is another file, or no regular file,
// is not.
func TestPlanStreams(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, f := range []string{"in.csv", "dnc.txt", "log.txt"} {
		if err := os.WriteFile(f, []byte("x\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Link("in.csv", "hard.csv"); err != nil {
		t.Fatal(err)
	}
	open := func(path string) *os.File {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_APPEND, 0)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	null := open(os.DevNull)
	read := []domain.ReadFile{{Path: "in.csv", What: "an input file"}, {Path: "-", What: "an input file"}, {Path: "dnc.txt", What: "a suppression list"}}
	dash := Output{Option: "-o -", Path: "-"}
	defer func(streams []*os.File, stdin *os.File) { stdStreams, stdinStream = streams, stdin }(stdStreams, stdinStream)
	for _, tc := range []struct {
		name                  string
		stdout, stderr, stdin string
		outs                  []Output
		want                  string
		// read is which streams the *StreamError says are read: "out",
		// "err", "both"; "" for no such error.
		read string
	}{
		{"stdout an input", "in.csv", "", "", nil, "standard output is in.csv: refusing to write to an input file", "out"},
		{"stdout an input, -o -", "in.csv", "", "", []Output{dash}, "standard output is in.csv: refusing to write to an input file", "out"},
		{"stdout a hard link to an input", "hard.csv", "", "", []Output{dash}, "standard output is in.csv: refusing to write to an input file", "out"},
		{"stdout a suppression list", "dnc.txt", "", "", nil, "standard output is dnc.txt: refusing to write to a suppression list", "out"},
		{"stderr an input", os.DevNull, "in.csv", "", nil, "standard error is in.csv: refusing to write to an input file", "err"},
		{"both, stdout named", "dnc.txt", "hard.csv", "", nil, "standard output is dnc.txt: refusing to write to a suppression list", "both"},
		{"stdout what stdin reads", "log.txt", "", "log.txt", nil, "standard output is the file standard input reads: refusing to write to an input file", "out"},
		{"outputs first", "in.csv", "", "", []Output{{Option: "-o in.csv", Path: "in.csv"}}, "-o in.csv: refusing to overwrite an input file", "out"},
		{"another file", "log.txt", "log.txt", "", []Output{dash}, "", ""},
		{"the null device", os.DevNull, os.DevNull, os.DevNull, []Output{dash}, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stream := func(path string) *os.File {
				if path == "" {
					return null
				}
				return open(path)
			}
			stdStreams, stdinStream = []*os.File{stream(tc.stdout), stream(tc.stderr)}, stream(tc.stdin)
			checkPlan(t, &Plan{}, tc.outs, read, tc.want)
			if got := streamsRead(RefuseStreams(read)); got != tc.read {
				t.Errorf("RefuseStreams says %q read, want %q", got, tc.read)
			}
		})
	}
	if b, err := os.ReadFile("in.csv"); err != nil || string(b) != "x\n" {
		t.Errorf("in.csv = %q, %v", b, err)
	}
}

// streamsRead is which streams err, a *StreamError, says are read: "out",
// "err", "both"; "" for another error or none.
func streamsRead(err error) string {
	var e *StreamError
	if !errors.As(err, &e) {
		return ""
	}
	return map[[2]bool]string{{true, false}: "out", {false, true}: "err", {true, true}: "both"}[[2]bool{e.Stdout, e.Stderr}]
}

// checkPlan adds outs to p and checks that Check(read) says want ("" for
// no error).
func checkPlan(t *testing.T, p *Plan, outs []Output, read []domain.ReadFile, want string) {
	t.Helper()
	for _, o := range outs {
		p.Add(o)
	}
	got := ""
	if err := p.Check(read); err != nil {
		got = err.Error()
	}
	if got != want {
		t.Errorf("Check = %q, want %q", got, want)
	}
}
