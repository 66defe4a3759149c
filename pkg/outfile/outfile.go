// Package outfile writes output files atomically: the content goes to a
// temporary file beside the target, which replaces the target only once it
// is complete, so a failed run never leaves a half-written report. Files are
// created 0600 because listaudit's outputs hold personal data.
//
// Only regular files are replaced so. A symbolic link is followed (the file
// it points to is replaced and the link stays); a device, a FIFO or a
// regular file that is already the process's standard output or error is
// written in place, as a shell's > would (see Pending).
//
// github.com/google/renameio does the same on Unix but does not build for
// Windows, one of listaudit's release targets; os.Rename replaces the target
// atomically on both.
//
// A Plan checks where a run's outputs go before the run reads anything,
// so that one that would write over its own input, or twice to one file,
// stops at once.
package outfile

import (
	"fmt"
	"io"
	"os"
)

// Mode is the permission of every file listaudit writes.
const Mode os.FileMode = 0o600

// Write creates path with the bytes that write produces. On any error a
// regular target is left as it was and the temporary file removed.
func Write(path string, write func(w io.Writer) error) error {
	p, err := Create(path)
	if err != nil {
		return err
	}
	defer p.Abort()
	if err := write(p); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return p.Commit()
}

// SameFile reports whether a and b name one existing file, through
// symbolic and hard links too, so that an output never replaces an input.
func SameFile(a, b string) bool {
	sa, err := os.Stat(a)
	if err != nil {
		return false
	}
	sb, err := os.Stat(b)
	if err != nil {
		return false
	}
	return os.SameFile(sa, sb)
}
