// Package outfile writes output files atomically: the content goes to a
// temporary file beside the target, which replaces the target only once it
// is complete, so a failed run never leaves a half-written report. Files are
// created 0600 because listaudit's outputs hold personal data.
//
// github.com/google/renameio does the same on Unix but does not build for
// Windows, one of listaudit's release targets; os.Rename replaces the target
// atomically on both.
package outfile

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Mode is the permission of every file listaudit writes.
const Mode os.FileMode = 0o600

// Write creates path with the bytes that write produces. On any error the
// target is left as it was and the temporary file removed.
func Write(path string, write func(w io.Writer) error) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	// CreateTemp makes 0600 files; Chmod makes it so whatever the umask.
	if err = tmp.Chmod(Mode); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = write(tmp); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
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
