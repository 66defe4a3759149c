package main

import (
	"flag"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/script/*.txtar")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"listaudit": main})
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
		Setup: func(env *testscript.Env) error {
			env.Setenv("TESTDATA", testdata)
			env.Setenv("NOW", "2026-01-15")
			env.Setenv("NO_COLOR", "")
			return nil
		},
	})
}
