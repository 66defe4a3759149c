package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// headpipe is the scripts' "headpipe [-both] BYTES COMMAND [ARGS...]": it
// runs COMMAND (found in the script's PATH) with its standard output into
// a pipe, reads BYTES bytes from the pipe and closes it, as `| head -c
// BYTES` does, then prints how the command ended ("exit status 141", or
// "signal: broken pipe" for a process SIGPIPE killed) and gives its
// standard error as its own, for the script to check. -both sends standard
// error into the pipe too, as `2>&1 | head` does. It fails when the
// command writes fewer than BYTES bytes.
func headpipe(ts *testscript.TestScript, neg bool, args []string) {
	both := len(args) > 0 && args[0] == "-both"
	if both {
		args = args[1:]
	}
	n, err := 0, errors.New("no BYTES")
	if len(args) > 1 {
		n, err = strconv.Atoi(args[0])
	}
	if neg || err != nil || n < 0 {
		ts.Fatalf("usage: headpipe [-both] BYTES COMMAND [ARGS...]")
	}
	cmd := exec.Command(scriptLookPath(ts, args[1]), args[2:]...)
	cmd.Dir, cmd.Env = ts.MkAbs("."), scriptEnviron(ts)
	r, w, err := os.Pipe()
	ts.Check(err)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = w, &stderr
	if both {
		cmd.Stderr = w
	}
	err = cmd.Start()
	w.Close() // the command holds it now
	if err != nil {
		r.Close()
		ts.Fatalf("%v", err)
	}
	got, readErr := io.ReadFull(r, make([]byte, n))
	r.Close()
	var exit *exec.ExitError
	if err := cmd.Wait(); err != nil && !errors.As(err, &exit) {
		ts.Fatalf("%v", err)
	}
	if readErr != nil {
		ts.Fatalf("read %d of %d bytes (%v): %v", got, n, readErr, cmd.ProcessState)
	}
	fmt.Fprintln(ts.Stdout(), cmd.ProcessState)
	ts.Stderr().Write(stderr.Bytes())
}

// scriptLookPath finds name as the script's exec would: in the script's
// PATH, where testscript put the listaudit command.
func scriptLookPath(ts *testscript.TestScript, name string) string {
	for _, dir := range filepath.SplitList(ts.Getenv("PATH")) {
		if path, err := exec.LookPath(filepath.Join(dir, name)); err == nil {
			return path
		}
	}
	ts.Fatalf("%s: not found in the script's PATH", name)
	return ""
}

// scriptVars is the key under which Setup keeps the names of the script's
// environment variables.
type scriptVars struct{}

// scriptEnviron is the script's environment, as its exec gives a command:
// the variables testscript and Setup set, with their values now.
func scriptEnviron(ts *testscript.TestScript) []string {
	var env []string
	for _, name := range ts.Value(scriptVars{}).([]string) {
		env = append(env, name+"="+ts.Getenv(name))
	}
	return env
}

// varNames are the names of vars, NAME=VALUE.
func varNames(vars []string) []string {
	names := make([]string, 0, len(vars))
	for _, kv := range vars {
		name, _, _ := strings.Cut(kv, "=")
		names = append(names, name)
	}
	return names
}

// rows is the scripts' "rows N SRC DST": it writes SRC's first line (a
// header) to DST, then its other lines N times over, a line's one verb
// (%d, %07d) replaced by its row's number, counted from 1 after the
// header: a list of as many distinct phone numbers as a test needs, too
// long for a script to hold.
func rows(ts *testscript.TestScript, neg bool, args []string) {
	n, err := 0, errors.New("no N")
	if len(args) == 3 {
		n, err = strconv.Atoi(args[0])
	}
	if neg || err != nil {
		ts.Fatalf("usage: rows N SRC DST")
	}
	header, body, _ := strings.Cut(ts.ReadFile(args[1]), "\n")
	lines := strings.SplitAfter(body, "\n")
	var b strings.Builder
	b.WriteString(header + "\n")
	k := 0
	for range n {
		for _, line := range lines {
			if line == "" {
				continue
			}
			k++
			if strings.Contains(line, "%") {
				line = fmt.Sprintf(line, k)
			}
			b.WriteString(line)
		}
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[2]), []byte(b.String()), 0o644))
}
