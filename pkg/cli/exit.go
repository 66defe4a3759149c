package cli

import (
	"errors"
	"fmt"
	"io"
	"runtime/debug"
)

// Exit codes, documented in the README. CI jobs rely on them.
const (
	// ExitOK: nothing at or above --fail-on.
	ExitOK = 0
	// ExitFindings: findings at or above --fail-on.
	ExitFindings = 1
	// ExitError: usage, input or internal error.
	ExitError = 2
)

// errFailed reports that the audit found what --fail-on fails on; the
// report already said so, so nothing more is printed.
var errFailed = errors.New("findings at or above the fail-on level")

// Main runs listaudit with args (without the program name) and returns the
// process exit code. Only package main calls os.Exit with it.
func Main(args []string, env *Env) (code int) {
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintf(env.ErrOut, "listaudit: internal error: %v (please report it with this trace)\n", p)
			if env.Getenv("LISTAUDIT_TRACE") != "" {
				env.ErrOut.Write(debug.Stack())
			}
			code = ExitError
		}
	}()
	root := NewRootCmd(env)
	root.SetArgs(args)
	err := root.Execute()
	return exitCode(env.ErrOut, err)
}

func exitCode(w io.Writer, err error) int {
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, errFailed):
		return ExitFindings
	default:
		fmt.Fprintf(w, "listaudit: %v\n", err)
		return ExitError
	}
}
