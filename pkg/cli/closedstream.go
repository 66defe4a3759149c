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

// closedStream is a standard stream that stops the run once its reader
// has gone: the rest of the output would be lost, so the run is cancelled
// rather than left to audit a million rows for nobody.
type closedStream struct {
	w      io.Writer
	cancel context.CancelCauseFunc
}

// watchClosed returns w, which cancel cancels the run with
// errOutputClosed when a write to it finds its reader gone.
func watchClosed(w io.Writer, cancel context.CancelCauseFunc) io.Writer {
	if w == nil {
		return nil
	}
	return closedStream{w, cancel}
}

func (s closedStream) Write(p []byte) (int, error) {
	n, err := s.w.Write(p)
	s.check(err)
	return n, err
}

// ReadFrom copies r with w's own ReadFrom, if it has one: a spooled
// output copied to a standard output that is a file is copied by the
// system (copy_file_range), not through a buffer.
func (s closedStream) ReadFrom(r io.Reader) (int64, error) {
	n, err := io.Copy(s.w, r)
	s.check(err)
	return n, err
}

func (s closedStream) check(err error) {
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
