package cli

import (
	"context"
	"errors"
	"io"
	"io/fs"

	"github.com/listaudit/listaudit/pkg/outfile"
)

// errOutputClosed replaces the error of a run whose standard output (or
// error) its reader closed, as `| head` does once it has read enough:
// nothing is printed, as `yes | head` prints nothing.
var errOutputClosed = errors.New("standard output closed by its reader")

// watchedStream is a standard stream that stops the run once its reader
// has gone: the rest of the output would be lost, so the run is cancelled
// rather than left to audit a million rows for nobody (or to write its
// temporary files in full, only for SIGPIPE to leave them behind).
type watchedStream struct {
	w      io.Writer
	cancel context.CancelCauseFunc
}

// watchStream wraps w so that a write that finds its reader gone calls
// cancel with errOutputClosed.
func watchStream(w io.Writer, cancel context.CancelCauseFunc) io.Writer {
	if w == nil {
		return nil
	}
	return watchedStream{w, cancel}
}

func (s watchedStream) Write(p []byte) (int, error) {
	n, err := s.w.Write(p)
	s.check(err)
	return n, err
}

// ReadFrom copies r with w's own ReadFrom, if it has one: a spooled
// output copied to a standard output that is a file is copied by the
// system (copy_file_range), not through a buffer.
func (s watchedStream) ReadFrom(r io.Reader) (int64, error) {
	n, err := io.Copy(s.w, r)
	s.check(err)
	return n, err
}

func (s watchedStream) check(err error) {
	if err != nil && readerClosed(err) {
		s.cancel(errOutputClosed)
	}
}

// namedStdoutClosed reports whether err is that of a write to an output
// named as standard output (-o /dev/stdout), which is opened anew rather
// than written through Env.Out, when its reader has gone.
func namedStdoutClosed(err error) bool {
	var pe *fs.PathError
	return errors.As(err, &pe) && readerClosed(pe.Err) && outfile.IsStdout(pe.Path)
}
