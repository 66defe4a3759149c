package cli

import (
	"context"
	"io"
	"slices"
	"sync/atomic"

	"github.com/listaudit/listaudit/pkg/audit"
	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/progress"
)

// runProgress is the progress line of one check or fix, and the counts it
// shows: the rows the audit read, and those fix's second pass wrote.
type runProgress struct {
	read, written atomic.Int64
}

// startProgress starts the progress line of a check or fix of files when
// stderr is a terminal and the run is not quiet: a counts the rows it
// reads there and names the input it opens; stopProgress must follow on
// every path. Otherwise nothing is drawn or counted, and it returns nil.
func (e *Env) startProgress(files []string, a *audit.Options, quiet bool) *runProgress {
	if !e.ErrIsTerminal || quiet || len(files) == 0 {
		return nil
	}
	p := &runProgress{}
	line := progress.Start(e.ErrOut, e.ErrWidth, progress.Clock{Now: e.Now, NewTicker: e.newTicker},
		progress.Phase{Verb: "checking", Rows: &p.read},
		// fix's second pass writes each row read to the clean or the
		// quarantine file.
		progress.Phase{Verb: "splitting", Rows: &p.written, Of: &p.read})
	e.line.Store(line)
	line.Reading(files[0]) // standard input is not opened by name
	a.Progress = &p.read
	opened := a.Input.Opened
	a.Input.Opened = func(name string) {
		if slices.Contains(files, name) { // not an evidence file
			line.Reading(name)
		}
		if opened != nil {
			opened(name)
		}
	}
	return p
}

// audit runs the audit of files, with the progress line while it reads
// (cleared before it returns).
func (e *Env) audit(ctx context.Context, files []string, a audit.Options, quiet bool) (*domain.Result, error) {
	e.startProgress(files, &a, quiet)
	defer e.stopProgress()
	return audit.Run(ctx, files, a)
}

// stopProgress stops and clears the progress line, if one is drawn.
func (e *Env) stopProgress() { e.line.Swap(nil).Stop() }

// stderr is the error stream; while the progress line is drawn, through
// it, which clears it first.
func (e *Env) stderr() io.Writer {
	if l := e.line.Load(); l != nil {
		return l
	}
	return e.ErrOut
}

// lineStopper is standard output while the progress line may be drawn on
// the same terminal: what is written there ends the line first.
type lineStopper struct {
	env *Env
	w   io.Writer
}

func (s lineStopper) Write(p []byte) (int, error) {
	s.env.stopProgress()
	return s.w.Write(p)
}
