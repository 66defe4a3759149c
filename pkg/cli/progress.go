package cli

import (
	"context"
	"io"
	"slices"
	"sync/atomic"

	"github.com/listaudit/listaudit/pkg/audit"
	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/progress"
	"github.com/listaudit/listaudit/pkg/report"
)

// runProgress is the progress line of one run, and the counts it shows:
// the rows read, and those fix's second pass wrote.
type runProgress struct {
	line          *progress.Line
	read, written atomic.Int64
}

// startProgress starts the progress line of a run that reads files when
// stderr is a terminal that takes escape sequences and the run is not quiet; stopProgress must follow
// on every path. verb names the reading ("checking"); a second verb names
// a second pass, which writes the rows the first read. Otherwise nothing
// is drawn and it returns nil.
func (e *Env) startProgress(files []string, quiet bool, verb ...string) *runProgress {
	// The line is redrawn with escape sequences, which a dumb terminal
	// would print.
	if !e.ErrIsTerminal || !e.escapesEnabled() || quiet || len(files) == 0 {
		return nil
	}
	p := &runProgress{}
	phases := []progress.Phase{{Verb: verb[0], Rows: &p.read}}
	if len(verb) > 1 {
		phases = append(phases, progress.Phase{Verb: verb[1], Rows: &p.written, Of: &p.read})
	}
	p.line = progress.Start(e.ErrOut, progress.Terminal{Width: e.ErrWidth, ASCII: e.errASCII()}, progress.Clock{Now: e.Now, NewTicker: e.newTicker}, phases...)
	e.line.Store(p.line)
	p.line.Reading(report.Printable(files[0])) // standard input is not opened by name
	return p
}

// startAuditProgress starts the progress line of a check or fix of files
// (see startProgress): a counts the rows it reads there and names the
// input it opens. fix's second pass writes each row read to the clean or
// the quarantine file.
func (e *Env) startAuditProgress(files []string, a *audit.Options, quiet bool) *runProgress {
	p := e.startProgress(files, quiet, "checking", "splitting")
	if p == nil {
		return nil
	}
	a.Progress = &p.read
	opened := a.Input.Opened
	a.Input.Opened = func(name string) {
		if slices.Contains(files, name) { // not an evidence file
			p.line.Reading(report.Printable(name))
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
	e.startAuditProgress(files, &a, quiet)
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
