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

// AppendMode is the permission Append creates a missing file with, before
// the umask: what a shell's >> and the GitHub Actions runner create a step
// summary with (0644 under the usual umask). What Append adds is meant to
// be shown, unlike the 0600 outputs.
const AppendMode os.FileMode = 0o666

// Append adds b to the end of the file at path in one write, creating it
// (AppendMode) when it does not exist; nothing already in it is changed.
// A file that other processes append to as well gets b whole: O_APPEND
// puts each write at the end as it is made.
func Append(path string, b []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, AppendMode)
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
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
