package cli

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/outfile"
	"github.com/listaudit/listaudit/pkg/report"
)

// Exit codes, documented in the README. CI jobs rely on them.
const (
	// ExitOK: nothing at or above --fail-on.
	ExitOK = 0
	// ExitFindings: findings at or above --fail-on.
	ExitFindings = 1
	// ExitError: usage, input or internal error.
	ExitError = 2
	// ExitInterrupted: stopped by Ctrl-C (SIGINT), SIGTERM or SIGHUP, as
	// shells report a process ended by SIGINT.
	ExitInterrupted = 130
	// ExitOutputClosed: standard output (or error) was closed by its
	// reader, as `| head` does; 128+SIGPIPE, what shells reported when
	// SIGPIPE ended the process, so scripts see what they saw then.
	ExitOutputClosed = 141
)

// errFailed reports that the audit found what --fail-on fails on; the
// report already said so, so nothing more is printed.
var errFailed = errors.New("findings at or above the fail-on level")

// Main runs listaudit with args (without the program name) and returns the
// process exit code. Only package main calls os.Exit with it.
//
// Ctrl-C, SIGTERM or SIGHUP cancels the run, which stops, removes its temporary
// files and returns ExitInterrupted. A run blocked where it cannot see the
// cancellation (reading a terminal or a pipe that stays open) is given
// stopGrace, then left: its unfinished output files are removed and Main
// returns. A second signal ends the process at once.
//
// A write to env.Out or env.ErrOut (which Main wraps) that finds its reader
// gone cancels the run the same way, and Main returns ExitOutputClosed
// without a word: SIGPIPE is asked for, which makes such a write fail with
// EPIPE rather than end the process with the files it was writing.
func Main(args []string, env *Env) int {
	env.args = args
	signalled, stop := signal.NotifyContext(context.Background(), stopSignals()...)
	defer stop()
	context.AfterFunc(signalled, stop)
	defer notifySIGPIPE()()
	ctx, closed := context.WithCancelCause(signalled)
	defer closed(nil)
	env.Out, env.ErrOut = watchStream(env.Out, closed), watchStream(env.ErrOut, closed)
	done := make(chan error, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- internalError{p, debug.Stack()}
			}
		}()
		root, prof := newRootCmd(env)
		// cobra prints the version and ignores what follows it.
		if len(args) > 1 && (args[0] == "--version" || args[0] == "-v") {
			done <- fmt.Errorf("%s takes no arguments, not %q (see 'listaudit --help')", args[0], args[1])
			return
		}
		root.SetArgs(args)
		err := root.ExecuteContext(ctx)
		done <- cmp.Or(err, prof.stop())
	}()
	var err error
	select {
	case err = <-done:
	case <-ctx.Done():
		select {
		case err = <-done:
		case <-time.After(stopGrace):
			outfile.RemoveUnfinished()
			err = errInterrupted
		}
	}
	// A run given up on may still draw its progress line.
	env.stopProgress()
	err = cancelled(ctx, err)
	var ie internalError
	if errors.As(err, &ie) {
		fmt.Fprintf(env.ErrOut, "listaudit: internal error: %v (please report it with this trace)\n", ie.value)
		if env.Getenv("LISTAUDIT_TRACE") != "" {
			env.ErrOut.Write(ie.stack)
		}
		return ExitError
	}
	w, ascii := errorStream(env, err)
	return exitCode(w, err, ascii)
}

// errorStream is where Main prints err, and whether in ASCII: standard
// error, but for the refusal of a standard error that is a file the run
// reads (outfile.StreamError), which is left as it was. That refusal goes
// to standard output, unless it is such a file too.
func errorStream(env *Env, err error) (io.Writer, bool) {
	var refused *outfile.StreamError
	switch {
	case !errors.As(err, &refused) || !refused.Stderr:
		return env.ErrOut, env.errASCII()
	case refused.Stdout:
		return io.Discard, false
	}
	return env.Out, env.outASCII()
}

// stopSignals are the signals that cancel a run: Ctrl-C, SIGTERM, and
// SIGHUP (a terminal or ssh session closed under the run) unless the run
// was started ignoring it, as nohup does, which Notify would undo.
func stopSignals() []os.Signal {
	sigs := []os.Signal{os.Interrupt, syscall.SIGTERM}
	if !signal.Ignored(syscall.SIGHUP) {
		sigs = append(sigs, syscall.SIGHUP)
	}
	return sigs
}

// notifySIGPIPE asks for SIGPIPE, so that a write to a standard stream
// whose reader has gone fails with EPIPE instead of ending the process
// (see os/signal), and returns what stops asking. Notify, unlike Ignore,
// leaves the signal as it was for the processes a run may start.
func notifySIGPIPE() (stop func()) {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGPIPE)
	return func() { signal.Stop(c) }
}

// cancelled is the error of a run whose context ctx may have been
// cancelled: a run whose standard output's reader has gone (or that of an
// output named as it, which failed the run) failed whatever it returned;
// a run that finished all the same after a signal, findings or not, keeps
// its result.
func cancelled(ctx context.Context, err error) error {
	var ie internalError
	switch {
	case errors.As(err, &ie):
		return err
	case errors.Is(context.Cause(ctx), errOutputClosed), namedStdoutClosed(err):
		return errOutputClosed
	case err != nil && ctx.Err() != nil && !errors.Is(err, errFailed):
		return errInterrupted
	}
	return err
}

// stopGrace is how long a cancelled run may take to stop by itself.
var stopGrace = 2 * time.Second

// internalError is a panic of the run, recovered.
type internalError struct {
	value any
	stack []byte
}

func (e internalError) Error() string { return fmt.Sprint(e.value) }

// errInterrupted replaces the error of a run stopped by a signal.
var errInterrupted = errors.New("interrupted; no half-written output file is left")

func exitCode(w io.Writer, err error, ascii bool) int {
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, errInterrupted):
		printError(w, err, ascii)
		return ExitInterrupted
	case errors.Is(err, errOutputClosed):
		return ExitOutputClosed
	case errors.Is(err, errFailed):
		return ExitFindings
	default:
		printError(w, err, ascii)
		return ExitError
	}
}

// printError prints err on w as one line made printable (report.Printable):
// the message can hold a file's name, whose escape sequences would drive
// the terminal and whose line breaks would start a line of their own, which
// a CI runner could read as a command (::error …). No message of listaudit
// is written over several lines. ascii draws its marks in ASCII
// (Env.errASCII).
func printError(w io.Writer, err error, ascii bool) {
	fmt.Fprintf(w, "listaudit: %s\n", domain.Marks(ascii, report.Printable(err.Error())))
}
