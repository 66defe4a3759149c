package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/listaudit/listaudit/pkg/audit"
	"github.com/listaudit/listaudit/pkg/input"
	"github.com/listaudit/listaudit/pkg/progress"
)

// testTicker is the progress line's ticker in tests: unbuffered, so a tick
// sent was taken, and the one before it drawn.
type testTicker chan time.Time

func (t testTicker) C() <-chan time.Time { return t }
func (t testTicker) Stop()               {}

// at ticks d after testEnv's clock, twice: the first is drawn when it
// returns (the second is too soon to draw).
func (t testTicker) at(d time.Duration) {
	now := time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC).Add(d)
	t <- now
	t <- now
}

// progressLists writes a.csv, of rows valid rows, and b.csv, of one.
func progressLists(t *testing.T, rows int) (a, b string) {
	t.Helper()
	dir := t.TempDir()
	a, b = filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.csv")
	var list strings.Builder
	list.WriteString("phone,consent_source,opted_out\n")
	for i := range rows {
		fmt.Fprintf(&list, "+25472%07d,web,\n", i)
	}
	if err := os.WriteFile(a, []byte(list.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(b, []byte("phone,consent_source,opted_out\n+254712345679,web,\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return a, b
}

// terminalEnv is testEnv on a terminal that stdout and stderr share, with
// a ticker the test ticks as each input is opened: ticks[name] gives the
// times of its opens, in order (fix opens each twice), while they last.
func terminalEnv(t *testing.T, ticks map[string][]time.Duration) (*Env, *bytes.Buffer) {
	env, _, _ := testEnv("")
	var term bytes.Buffer
	env.Out, env.ErrOut = &term, &term
	env.OutIsTerminal, env.ErrIsTerminal, env.OutWidth, env.ErrWidth = true, true, 200, 200
	env.Getenv = func(k string) string {
		if k == "TERM" {
			return "xterm-256color"
		}
		return ""
	}
	ticker := make(testTicker)
	env.newTicker = func(time.Duration) progress.Ticker { return ticker }
	env.inputOpened = func(name string) {
		if len(ticks[name]) > 0 {
			ticker.at(ticks[name][0])
			ticks[name] = ticks[name][1:]
		}
	}
	return env, &term
}

// TestCheckProgressLine: on a terminal, a check that passes two seconds
// shows its progress on stderr, which is cleared before the table.
func TestCheckProgressLine(t *testing.T) {
	a, b := progressLists(t, 600)
	// At b's opening, a's first 512 rows (a batch) were read.
	env, term := terminalEnv(t, map[string][]time.Duration{a: {time.Second}, b: {3 * time.Second}})
	code := Main([]string{"check", "--now", "2026-01-15", a, b}, env)
	line := "\rchecking " + b + ": 512 rows, 170 rows/s, 3.0 s\x1b[K" + "\r\x1b[K"
	got := term.String()
	if code != ExitOK || !strings.HasPrefix(got, line) || strings.Count(got, "\x1b[K") != 2 || !strings.Contains(got, "PASSED") {
		t.Errorf("exit %d, terminal got\n%q\nwant the line\n%q\nthen the table", code, got, line)
	}
	if env.line.Load() != nil {
		t.Error("the progress line is still drawn")
	}
}

// TestProgressLineClearedOnError: an input that cannot be read ends the
// run, and its line is cleared before the error.
func TestProgressLineClearedOnError(t *testing.T) {
	a, _ := progressLists(t, 10)
	missing := filepath.Join(filepath.Dir(a), "missing.csv")
	env, term := terminalEnv(t, map[string][]time.Duration{a: {3 * time.Second}})
	code := Main([]string{"check", "--now", "2026-01-15", a, missing}, env)
	want := "\rchecking " + a + ": 0 rows, 0 rows/s, 3.0 s\x1b[K" + "\r\x1b[K" + "listaudit: read " + missing + ": no such file or directory\n"
	if got := term.String(); code != ExitError || got != want {
		t.Errorf("exit %d, terminal got\n%q\nwant\n%q", code, got, want)
	}
	if env.line.Load() != nil {
		t.Error("the progress line is still drawn")
	}
}

// TestFixProgressLine: fix's line says its first pass as check's does,
// then its second, of the rows the first read; it is cleared before the
// list written to standard output, on the same terminal.
func TestFixProgressLine(t *testing.T) {
	a, b := progressLists(t, 4097)
	env, term := terminalEnv(t, map[string][]time.Duration{a: {time.Second}, b: {3 * time.Second, 4 * time.Second}})
	removed := filepath.Join(filepath.Dir(a), "removed.csv")
	code := Main([]string{"fix", "--now", "2026-01-15", a, b, "-o", "-", "--quarantine", removed}, env)
	// The second pass counts every 4,096 rows and at each input's end;
	// the line saw it start after its draw at 3 s.
	lines := "\rchecking " + b + ": 4,096 rows, 1,365 rows/s, 3.0 s\x1b[K" +
		"\rsplitting " + b + ": 4,097 of 4,098 rows, 4,097 rows/s, 4.0 s\x1b[K" + "\r\x1b[K"
	got := term.String()
	if code != ExitOK || !strings.HasPrefix(got, lines+"phone,consent_source,opted_out\n") || strings.Count(got, "\x1b[K") != 3 {
		t.Errorf("exit %d, terminal got\n%.600q\nwant the lines\n%q\nthen the clean list", code, got, lines)
	}
}

// TestInspectProgressLine: inspect shows the line while it reads, and
// counts the records it read by 512.
func TestInspectProgressLine(t *testing.T) {
	a, _ := progressLists(t, 1100)
	env, term := terminalEnv(t, map[string][]time.Duration{a: {3 * time.Second}})
	code := Main([]string{"inspect", a}, env)
	line := "\rreading " + a + ": 0 rows, 0 rows/s, 3.0 s\x1b[K" + "\r\x1b[K"
	if got := term.String(); code != ExitOK || !strings.HasPrefix(got, line+"File ") || strings.Count(got, "\x1b[K") != 2 {
		t.Errorf("exit %d, terminal got\n%.300q\nwant the line\n%q\nthen the inspection", code, got, line)
	}
	var read atomic.Int64
	if _, err := inspectFile(input.Source{Path: a}, input.Options{}, false, &read); err != nil || read.Load() != 1024 {
		t.Errorf("counted %d of 1,100 records (%v), want 1,024", read.Load(), err)
	}
}

// TestNoProgressLine: no line when stderr is not a terminal, with
// --quiet, or when the run ends before two seconds.
func TestNoProgressLine(t *testing.T) {
	a, b := progressLists(t, 600)
	for _, tc := range []struct {
		name     string
		terminal bool
		args     []string
		ticks    map[string][]time.Duration
	}{
		{"not a terminal", false, []string{"check", "--now", "2026-01-15", a, b}, nil},
		{"inspect not on a terminal", false, []string{"inspect", a}, nil},
		{"quiet", true, []string{"check", "--now", "2026-01-15", "-q", a, b}, nil},
		{"quiet fix", true, []string{"fix", "--now", "2026-01-15", "-q", "--dry-run", a, b}, nil},
		{"quiet inspect", true, []string{"inspect", "--quiet", a}, nil},
		{"quick check", true, []string{"check", "--now", "2026-01-15", a, b}, map[string][]time.Duration{a: {time.Second}, b: {1999 * time.Millisecond}}},
		{"quick fix", true, []string{"fix", "--now", "2026-01-15", "--dry-run", a, b}, map[string][]time.Duration{b: {1900 * time.Millisecond}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env, term := terminalEnv(t, tc.ticks)
			env.ErrIsTerminal = tc.terminal
			if tc.ticks == nil {
				env.newTicker = func(time.Duration) progress.Ticker {
					t.Error("a progress line was started")
					return make(testTicker)
				}
			}
			if code := Main(tc.args, env); code != ExitOK {
				t.Fatalf("exit %d: %s", code, term)
			}
			if got := term.String(); strings.ContainsAny(got, "\r") || strings.Contains(got, "\x1b[K") || strings.Contains(got, "rows/s") {
				t.Errorf("terminal got a progress line:\n%q", got)
			}
		})
	}
}

// TestWarningClearsProgressLine: a warning while the line is drawn takes
// its place, on a line of its own.
func TestWarningClearsProgressLine(t *testing.T) {
	env, term := terminalEnv(t, nil)
	ticker := make(testTicker)
	env.newTicker = func(time.Duration) progress.Ticker { return ticker }
	var a audit.Options
	p := env.startAuditProgress([]string{"-"}, &a, false)
	p.read.Store(2000)
	ticker.at(2 * time.Second)
	env.warn("something")
	env.stopProgress()
	env.warn("after")
	want := "\rchecking standard input: 2,000 rows, 1,000 rows/s, 2.0 s\x1b[K\r\x1b[K" +
		"listaudit: warning: something\nlistaudit: warning: after\n"
	if got := term.String(); got != want {
		t.Errorf("terminal got\n%q\nwant\n%q", got, want)
	}
}

// TestNoProgressLineOnDumbTerminal: a terminal that TERM calls dumb, or
// does not name, would print the line's escape sequences: it gets no line.
func TestNoProgressLineOnDumbTerminal(t *testing.T) {
	a, b := progressLists(t, 600)
	for _, term := range []string{"dumb", ""} {
		env, out := terminalEnv(t, map[string][]time.Duration{a: {time.Second}, b: {3 * time.Second}})
		env.Getenv = func(k string) string {
			if k == "TERM" {
				return term
			}
			return ""
		}
		env.newTicker = func(time.Duration) progress.Ticker {
			t.Errorf("TERM=%q: a progress line was started", term)
			return make(testTicker)
		}
		env.inputOpened = nil
		if code := Main([]string{"check", "--now", "2026-01-15", a, b}, env); code != ExitOK || strings.Contains(out.String(), "\x1b") {
			t.Errorf("TERM=%q: exit %d, output %q; want 0 without an escape sequence", term, code, out)
		}
	}
}
