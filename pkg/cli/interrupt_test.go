//go:build unix

package cli

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/listaudit/listaudit/pkg/progress"
)

// blockedReader is a standard input that never ends: it tells the test
// when it is first read, then blocks as a terminal nobody types into does.
type blockedReader struct {
	once    *sync.Once
	reading chan struct{}
}

func (r blockedReader) Read([]byte) (int, error) {
	r.once.Do(func() { close(r.reading) })
	select {}
}

// TestInterruptWhileReadingStdin sends SIGINT (and SIGHUP, a closed
// terminal) to a run blocked reading standard input, where the audit
// cannot see the cancellation: Main gives it stopGrace, removes the
// report's temporary file and returns 130. On a terminal, it clears the
// run's progress line first.
func TestInterruptWhileReadingStdin(t *testing.T) {
	defer func(old time.Duration) { stopGrace = old }(stopGrace)
	stopGrace = 50 * time.Millisecond
	for _, tc := range []struct {
		sig      syscall.Signal
		terminal bool
	}{{syscall.SIGINT, false}, {syscall.SIGINT, true}, {syscall.SIGHUP, false}} {
		terminal := tc.terminal
		if tc.sig == syscall.SIGHUP && signal.Ignored(syscall.SIGHUP) {
			t.Log("SIGHUP is ignored here (nohup), as listaudit then leaves it: not sent")
			continue
		}
		env, out, errOut := testEnv("")
		in := blockedReader{new(sync.Once), make(chan struct{})}
		env.In = in
		ticker := make(testTicker)
		env.ErrIsTerminal, env.newTicker = terminal, func(time.Duration) progress.Ticker { return ticker }
		env.Getenv = func(k string) string {
			if k == "TERM" {
				return "xterm"
			}
			return ""
		}
		dir := t.TempDir()
		code := make(chan int)
		go func() {
			code <- Main([]string{"check", "--input-format", "csv", "-f", "json", "-o", filepath.Join(dir, "r.json"), "-"}, env)
		}()
		select {
		case <-in.reading: // past the signal handler's setup
		case c := <-code:
			t.Fatalf("Main returned %d before reading: %s", c, errOut)
		}
		want := "listaudit: interrupted; no half-written output file is left\n"
		if terminal {
			ticker.at(3 * time.Second)
			want = "\rchecking standard input: 0 rows, 0 rows/s, 3.0 s\x1b[K\r\x1b[K" + want
		}
		if err := syscall.Kill(os.Getpid(), tc.sig); err != nil {
			t.Fatal(err)
		}
		select {
		case c := <-code:
			if c != ExitInterrupted {
				t.Errorf("terminal %v: exit code %d, want %d", terminal, c, ExitInterrupted)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("Main did not return after %v", tc.sig)
		}
		if got := errOut.String(); got != want {
			t.Errorf("terminal %v: stderr %q, want %q", terminal, got, want)
		}
		if out.Len() != 0 {
			t.Errorf("stdout %q", out)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("left in the report's directory: %v", entries)
		}
	}
}

// TestCancelledCheckLeavesNoHalfFiles cancels check before it starts,
// which leaves no file at all, and while it writes the table to stdout,
// after its --report and baseline files were complete: those stay, whole.
func TestCancelledCheckLeavesNoHalfFiles(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "list.csv")
	if err := os.WriteFile(in, []byte("phone\n+254712345678\n0712\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, early := range []bool{true, false} {
		env, _, _ := testEnv("")
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		if early {
			cancel()
		}
		env.Out = cancellingWriter{cancel}
		out := t.TempDir()
		var o *CheckOptions
		cmd := NewCmdCheck(env, func(opts *CheckOptions) error { o = opts; return nil })
		cmd.SetArgs([]string{"--now", "2026-01-15", "--report", "json=" + filepath.Join(out, "r.json"), "--write-baseline", filepath.Join(out, "b.json"), in})
		if err := cmd.Execute(); err != nil {
			t.Fatal(err)
		}
		if err := runCheck(ctx, o); !errors.Is(err, context.Canceled) {
			t.Fatalf("early %v: err = %v, want context.Canceled", early, err)
		}
		entries, _ := os.ReadDir(out)
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
			var v any
			if data, err := os.ReadFile(filepath.Join(out, e.Name())); err != nil || json.Unmarshal(data, &v) != nil {
				t.Errorf("early %v: %s is not whole JSON (%v)", early, e.Name(), err)
			}
		}
		if want := map[bool]string{true: "", false: "b.json r.json"}[early]; strings.Join(names, " ") != want {
			t.Errorf("early %v: left %v, want %q", early, names, want)
		}
	}
}

// cancellingWriter cancels the run at its first write, and fails it.
type cancellingWriter struct{ cancel context.CancelFunc }

func (w cancellingWriter) Write(p []byte) (int, error) {
	w.cancel()
	return 0, context.Canceled
}

// closedPipe is a standard stream whose reader has gone, as after
// `| head`: every write fails with EPIPE, as os.File's does once SIGPIPE
// is asked for. It counts the writes tried.
type closedPipe struct{ writes *int }

func (w closedPipe) Write([]byte) (int, error) {
	*w.writes++
	return 0, &os.PathError{Op: "write", Path: "|1", Err: syscall.EPIPE}
}

// TestClosedOutputLeavesNoHalfFiles: a write to standard output or error
// whose reader has gone stops the run as an interrupt does, at once (no
// other write is tried; a warning during the audit stops the audit): the
// temporary files of the outputs it was writing are removed, those
// already complete stay, nothing is printed, and Main returns 141, even
// when the run does not see the write fail (-q's verdict line, a
// warning).
func TestClosedOutputLeavesNoHalfFiles(t *testing.T) {
	for _, tc := range []struct {
		name string
		// stderr: standard error is closed, else standard output.
		stderr bool
		args   []string
		// list is list.csv's content when not the default.
		list string
		// left is what the directory holds besides list.csv; out what
		// standard output got when it is not the stream closed.
		left, out string
	}{
		{name: "fix -o -: the quarantine file complete, not yet in place",
			args: []string{"fix", "-o", "-", "--quarantine", "q.csv"}},
		{name: "check: the report to stdout after r.html, before b.json",
			args: []string{"check", "-o", "r.html", "--report", "json=-", "--write-baseline", "b.json"}, left: "r.html"},
		{name: "check -q: the verdict line, after r.json",
			args: []string{"check", "-q", "--report", "json=r.json"}, left: "r.json"},
		{name: "fix -o -: the summary on stderr, after both files", stderr: true,
			args: []string{"fix", "-o", "-", "--quarantine", "q.csv"}, left: "q.csv", out: "phone,consent_source,opted_out\n+254712345678,web,\n"},
		{name: "check: a warning on stderr while the audit reads", stderr: true,
			args: []string{"check", "--report", "json=r.json"}, list: "phone,name,opted_out\n+254712345678,Ren\xe9,\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			writeFile(t, "list.csv", cmp.Or(tc.list, "phone,consent_source,opted_out\n+254712345678,web,\n0712,web,\n"))
			env, out, errOut := testEnv("")
			writes := 0
			if tc.stderr {
				env.ErrOut = closedPipe{&writes}
			} else {
				env.Out = closedPipe{&writes}
			}
			if code := Main(append(tc.args, "--now", "2026-01-15", "list.csv"), env); code != ExitOutputClosed {
				t.Errorf("exit code %d, want %d", code, ExitOutputClosed)
			}
			if writes != 1 {
				t.Errorf("%d writes to the closed stream, want 1", writes)
			}
			if !tc.stderr && errOut.Len() != 0 {
				t.Errorf("stderr %q, want nothing", errOut)
			}
			if tc.stderr && out.String() != tc.out {
				t.Errorf("stdout %q, want %q", out, tc.out)
			}
			var left []string
			entries, _ := os.ReadDir(".")
			for _, e := range entries {
				if e.Name() != "list.csv" {
					left = append(left, e.Name())
				}
			}
			if strings.Join(left, " ") != tc.left {
				t.Errorf("left %v, want %q", left, tc.left)
			}
		})
	}
}
