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
