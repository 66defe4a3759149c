package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/listaudit/listaudit/pkg/cli"
)

// realworldNow is the audit date of the corpus goldens, as $NOW is the
// scripts'.
const realworldNow = "2026-01-15"

// inspectFlags are the flags of a file's ARGS line that inspect takes too;
// the others (--region, --date-format) are check's alone.
var inspectFlags = []string{"--map", "--delimiter", "--encoding", "--input-format"}

// TestRealWorld runs `listaudit inspect` and `listaudit check --format
// json` on every file of testdata/realworld, the layouts real systems
// export (see its SOURCES.md), and compares what they print and exit with
// to testdata/realworld/expected/FILE.txt; -update rewrites those. A
// file's flags are its line in testdata/realworld/ARGS.
func TestRealWorld(t *testing.T) {
	dir, err := filepath.Abs("../../testdata/realworld")
	if err != nil {
		t.Fatal(err)
	}
	args := readCorpusArgs(t, filepath.Join(dir, "ARGS"))
	files := corpusFiles(t, dir)
	if len(files) < 20 {
		t.Fatalf("%d files in %s, want at least 20", len(files), dir)
	}
	for name := range args {
		if !slices.Contains(files, name) {
			t.Errorf("ARGS names %s, which is not in the corpus", name)
		}
	}
	// Paths in the output are the corpus's file names.
	t.Chdir(dir)
	for _, name := range files {
		t.Run(name, func(t *testing.T) {
			got := runCorpusFile(name, args[name])
			golden := filepath.Join(dir, "expected", name+".txt")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./cmd/listaudit -run TestRealWorld -update)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s (run with -update and read the diff):\n%s", name, golden, firstDiff(string(want), got))
			}
		})
	}
}

// runCorpusFile is the golden text of one file: each command with its
// exit code, standard output and standard error.
func runCorpusFile(name string, flags []string) string {
	var inspect []string
	for i := 0; i+1 < len(flags); i += 2 {
		if slices.Contains(inspectFlags, flags[i]) {
			inspect = append(inspect, flags[i], flags[i+1])
		}
	}
	var b strings.Builder
	runCorpusCommand(&b, append(append([]string{"inspect"}, inspect...), name))
	runCorpusCommand(&b, append(append([]string{"check", "--format", "json", "--now", realworldNow}, flags...), name))
	return b.String()
}

func runCorpusCommand(b *strings.Builder, args []string) {
	var out, errOut bytes.Buffer
	env := &cli.Env{
		In:      strings.NewReader(""),
		Out:     &out,
		ErrOut:  &errOut,
		Now:     func() time.Time { return time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC) },
		Getenv:  func(string) string { return "" },
		Version: "dev",
	}
	code := cli.Main(args, env)
	fmt.Fprintf(b, "# listaudit %s\n# exit %d\n", quoteArgs(args), code)
	fmt.Fprintf(b, "-- stderr --\n%s-- stdout --\n%s", out2(errOut.String()), out2(out.String()))
}

// out2 ends non-empty output with a newline, so sections stay apart.
func out2(s string) string {
	if s != "" && !strings.HasSuffix(s, "\n") {
		s += "\n"
	}
	return s
}

func quoteArgs(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = a
		if a == "" || strings.ContainsAny(a, " \"'") {
			q[i] = fmt.Sprintf("%q", a)
		}
	}
	return strings.Join(q, " ")
}

// corpusFiles lists the corpus's data files: not its notes, licences and
// goldens.
func corpusFiles(t *testing.T, dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || n == "ARGS" || n == "SOURCES.md" || strings.HasPrefix(n, "LICENSE") {
			continue
		}
		files = append(files, n)
	}
	return files
}

// readCorpusArgs reads ARGS: "FILE: FLAG VALUE ..." a line, values with
// spaces in double quotes; # starts a comment line.
func readCorpusArgs(t *testing.T, path string) map[string][]string {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	args := map[string][]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, rest, ok := strings.Cut(line, ":")
		fields, err := splitQuoted(rest)
		if !ok || err != nil || len(fields)%2 != 0 {
			t.Fatalf("ARGS: bad line %q: want FILE: --flag value ...", line)
		}
		args[strings.TrimSpace(name)] = fields
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return args
}

// splitQuoted splits s at spaces outside double quotes, dropping the
// quotes.
func splitQuoted(s string) ([]string, error) {
	var fields []string
	var cur strings.Builder
	inQuote, inField := false, false
	for _, r := range s {
		switch {
		case r == '"':
			inQuote, inField = !inQuote, true
		case r == ' ' && !inQuote:
			if inField {
				fields = append(fields, cur.String())
				cur.Reset()
			}
			inField = false
		default:
			cur.WriteRune(r)
			inField = true
		}
	}
	if inQuote {
		return nil, fmt.Errorf("unclosed quote in %q", s)
	}
	if inField {
		fields = append(fields, cur.String())
	}
	return fields, nil
}

// firstDiff shows the first line where got departs from want.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(wl), len(gl)) {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\nwant: %s\n got: %s", i+1, w, g)
		}
	}
	return ""
}
