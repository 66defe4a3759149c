package main

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
	"golang.org/x/text/encoding/unicode"

	"github.com/listaudit/listaudit/pkg/cli"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/script/*.txtar and testdata/realworld/expected")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"listaudit": func() { os.Exit(run(scriptEnv())) }})
}

// scriptClock is the real clock of the scripts' runs, fixed so that the
// generated_at their reports record does not change: noon of $NOW's day,
// as a run on the day it audits would say (the reports' own tests cover a
// back-dated audit).
var scriptClock = time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC)

// scriptEnv is the real process as main's, but for its clock.
func scriptEnv() *cli.Env {
	env := cli.SystemEnv(buildVersion())
	env.Now = func() time.Time { return scriptClock }
	return env
}

// TestScripts runs the end-to-end scripts in testdata/script: each runs the
// real binary on files and checks its output and exit code. $TESTDATA is
// the repository's testdata folder; $NOW is the fixed audit date.
func TestScripts(t *testing.T) {
	testdata, err := filepath.Abs("../../testdata")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join(testdata, "script"),
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		Cmds: map[string]func(*testscript.TestScript, bool, []string){
			"utf16": utf16, "unescape": unescape, "xlsx": xlsx, "headpipe": headpipe, "rows": rows, "sheetxml": sheetXML,
		},
		Setup: func(env *testscript.Env) error {
			env.Setenv("TESTDATA", testdata)
			env.Setenv("NOW", "2026-01-15")
			env.Setenv("NO_COLOR", "")
			env.Values[scriptVars{}] = varNames(env.Vars)
			return nil
		},
	})
}

// utf16 is the scripts' "utf16 le|be SRC DST": it writes SRC's text to DST
// as UTF-16 with a byte-order mark, as Excel's "Unicode Text" does, which
// a txtar archive cannot hold as such.
func utf16(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 || args[0] != "le" && args[0] != "be" {
		ts.Fatalf("usage: utf16 le|be SRC DST")
	}
	order := unicode.LittleEndian
	if args[0] == "be" {
		order = unicode.BigEndian
	}
	b, err := unicode.UTF16(order, unicode.UseBOM).NewEncoder().String(ts.ReadFile(args[1]))
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(args[2]), []byte(b), 0o644))
}

// unescape is the scripts' "unescape SRC DST": it writes SRC's text to DST
// with each \xHH written as that byte, for text that is not valid UTF-8
// (a row typed in Latin-1), which a txtar archive should not hold.
func unescape(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: unescape SRC DST")
	}
	b := escapedByte.ReplaceAllFunc([]byte(ts.ReadFile(args[0])), func(m []byte) []byte {
		c, _ := strconv.ParseUint(string(m[2:]), 16, 8)
		return []byte{byte(c)}
	})
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), b, 0o644))
}

var escapedByte = regexp.MustCompile(`\\x[0-9a-fA-F]{2}`)

// go install …@v1.2.3 reports its version; a checkout's pseudo-version is
// not a release.
func TestReleaseVersion(t *testing.T) {
	for v, want := range map[string]bool{
		"v0.1.0": true, "v1.2.3-rc.1": true, "(devel)": false, "": false,
		"v0.0.0-20261129035258-c98412312345":       false,
		"v1.2.4-0.20261129035258-c98412312345":     false,
		"v0.1.0+dirty":                             false,
		"v0.0.0-20261129035258-c98412312345+dirty": false,
	} {
		if got := releaseVersion.MatchString(v); got != want {
			t.Errorf("releaseVersion(%q) = %v, want %v", v, got, want)
		}
	}
}
