package textfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// Stamp is what the system says of a file at one moment: its size, its
// modification time and which file it is (device and inode, or Windows'
// equivalent). A file whose stamp changes while it is read was cut short,
// grown, written to or replaced meanwhile, and what was read of it is no
// file that ever existed. One whose stamp stays the same very probably did
// not change: a rewrite of the same size within one tick of the file
// system's clock shows only in the content's hash.
//
// Only a regular file has a stamp. A stream (standard input, a pipe, a
// FIFO, a device) is read once as it comes, and whether it changed cannot
// be told: its Stamp is the zero one, which agrees with everything.
type Stamp struct {
	fi fs.FileInfo
}

// StampFile stamps f, an open file.
func StampFile(f *os.File) (Stamp, error) {
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return Stamp{}, err
	}
	return Stamp{fi}, nil
}

// StampPath stamps the file at path, following links, for a reader that
// opens it later, or more than once: Recheck of the file it opens then
// tells whether it is still the one stamped.
func StampPath(path string) (Stamp, error) {
	fi, err := os.Stat(path)
	if err != nil || !fi.Mode().IsRegular() {
		return Stamp{}, err
	}
	return Stamp{fi}, nil
}

// Size is the file's size when stamped; -1 for a stream.
func (s Stamp) Size() int64 {
	if s.fi == nil {
		return -1
	}
	return s.fi.Size()
}

// Recheck says how the file f, stamped s when it was opened as name (or
// before, StampPath), changed since: "" if it did not. read, unless
// negative, is how many bytes were read from f to its end, which must be
// its size. name is looked up again too, since a file replaced (another
// renamed onto its name) or removed while it was read leaves f as it was.
func (s Stamp) Recheck(f *os.File, name string, read int64) string {
	if s.fi == nil {
		return ""
	}
	now, err := f.Stat()
	if err != nil {
		return gone(err)
	}
	if !os.SameFile(s.fi, now) {
		return replaced
	}
	if what := s.diff(now); what != "" {
		return what
	}
	if read >= 0 && read != now.Size() {
		return fmt.Sprintf("%d bytes were read of its %d", read, now.Size())
	}
	return s.recheckStat(name)
}

// gone says why a stamped file cannot be looked up again.
func gone(err error) string {
	if errors.Is(err, fs.ErrNotExist) {
		return "it was removed"
	}
	return fmt.Sprintf("it can no longer be examined (%v)", unwrapPath(err))
}

const replaced = "another file was put in its place"

// RecheckPath is Recheck for a file that is not open, after a read that
// failed before its end: how the file at name changed since s was taken.
func (s Stamp) RecheckPath(name string) string {
	if s.fi == nil {
		return ""
	}
	f, err := os.Open(name)
	if err != nil {
		// A file that cannot be opened (permission denied) may still be
		// the one stamped, unchanged: the read failed for that reason,
		// which is the error to give, not a change.
		return s.recheckStat(name)
	}
	defer f.Close()
	return s.Recheck(f, name, -1)
}

// recheckStat says how the file at name changed since s was taken, from
// what the system says of it (the file may not be open, or not open any
// more): "" if it is the file stamped with its size and modification
// time.
func (s Stamp) recheckStat(name string) string {
	now, err := os.Stat(name)
	switch {
	case err != nil:
		return gone(err)
	case !os.SameFile(s.fi, now):
		return replaced
	}
	return s.diff(now)
}

// diff says how the open file stamped s differs now that it is b: "" if
// it does not.
func (s Stamp) diff(b fs.FileInfo) string {
	a := s.fi
	switch {
	case a.Size() != b.Size():
		return fmt.Sprintf("its size went from %d to %d bytes", a.Size(), b.Size())
	case !a.ModTime().Equal(b.ModTime()):
		return "it was written to (its modification time changed)"
	}
	return ""
}

// ChangedError is the error for a file that changed while a command read
// it, worded alike by every command that reads one: name changed when
// (while it was read, between two passes) and what changed. The commands
// stop before they write anything, and say so.
func ChangedError(name, when, what string) error {
	return fmt.Errorf("%s changed %s: %s; nothing was written", name, when, what)
}

// unwrapPath drops the path a *fs.PathError repeats.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
