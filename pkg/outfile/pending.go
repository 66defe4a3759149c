package outfile

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"syscall"
	"unsafe"
)

// Pending is an output file being written. Commit puts it in place; Abort
// leaves the target as it was. Use it when several files must appear
// together: write them all, Close them all, then Commit each (listaudit
// fix's clean and quarantine files).
//
// Where the bytes go until Commit depends on what the target is:
//
//   - A regular file, or nothing yet: a temporary file beside the target,
//     with mode Mode, renamed onto it by Commit. A symbolic link is
//     followed: the file it points to is replaced, in that file's
//     directory, and the link stays a link.
//   - Anything else that can be opened for writing (a character or block
//     device such as /dev/null or a terminal, a FIFO), or a regular file
//     that is already this process's standard output or error (as
//     /dev/stdout is after `> out.txt`): the target itself, opened as it
//     is, without a temporary file, rename or chmod. Atomic replacement
//     means nothing there, and replacing /dev/null with a file would be
//     wrong. What was written stays written if the run fails.
//   - A Spool: a private temporary file (PrivateTemp), copied to its
//     writer by Commit.
//
// github.com/google/renameio does the same on Unix but does not build for
// Windows, one of listaudit's release targets; os.Rename replaces the target
// atomically on both.
type Pending struct {
	*os.File
	path string
	// tmp is the temporary file, removed by Abort; "" when the target is
	// written in place.
	tmp string
	// target is where Commit renames tmp; "" for a spool.
	target string
	// to takes a spool's content on Commit.
	to io.Writer
	// shared: File is the process's standard output or error, which
	// Close leaves open.
	shared bool
	// closed: Close was called; released: File is closed, which for a
	// temporary file may be later (holdUntilRename).
	closed   bool
	released bool
	done     bool
	// pace paces a temporary file's writing to disk (writeback.go).
	pace diskPace
}

// holdUntilRename keeps a complete temporary file open until it is
// renamed onto its target, so that a later run, which takes the temporary
// files no process holds open for leftovers of a killed run (RemoveStale),
// never takes one that is only waiting for its rename. Windows renames no
// open file.
const holdUntilRename = runtime.GOOS != "windows"

// Create starts writing path. It follows symbolic links and fails at once,
// naming what is wrong, when path is a directory or a socket or when the
// directory the file would be created in does not exist.
func Create(path string) (*Pending, error) {
	target, fi, err := resolve(path)
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	if fi != nil {
		if err := writable(path, fi); err != nil {
			return nil, fmt.Errorf("write %s: %w", path, err)
		}
		if f := stdStream(fi); f != nil {
			return &Pending{File: f, path: path, shared: true}, nil
		}
		if !fi.Mode().IsRegular() {
			// Opened through the links by the system, which also follows
			// /dev/stdout to a pipe no path names. Not truncated: devices
			// and FIFOs have nothing to truncate. A FIFO blocks here until
			// a reader opens it, as a shell's > does.
			f, err := os.OpenFile(path, os.O_WRONLY, 0)
			if err != nil {
				return nil, fmt.Errorf("write %s: %w", path, unwrapPath(err))
			}
			return &Pending{File: f, path: path}, nil
		}
	}
	tmp, err := createBeside(target)
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	p := &Pending{File: tmp, path: path, tmp: tmp.Name(), target: target}
	register(p)
	return p, nil
}

// Spool starts an output that goes to w, but only on Commit: until then
// it is held in a private temporary file (PrivateTemp), so that w gets all
// of it or nothing, as a file would. name says what w is, for errors
// ("-", say).
func Spool(name string, w io.Writer) (*Pending, error) {
	tmp, tmpName, err := PrivateTemp("out")
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", name, err)
	}
	p := &Pending{File: tmp, path: name, tmp: tmpName, to: w}
	register(p)
	return p, nil
}

// errChmod marks a temporary file that was created but could not be made
// private, and is removed.
var errChmod = errors.New("set the mode of the temporary file")

// createTemp creates a temporary file of mode Mode. CreateTemp makes 0600
// files; Chmod makes it so whatever the umask.
func createTemp(dir, pattern string) (*os.File, error) {
	tmp, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return nil, err
	}
	if err := tmp.Chmod(Mode); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return nil, fmt.Errorf("%w: %w", errChmod, err)
	}
	return tmp, nil
}

// Check reports why path cannot be written, without writing anything: it
// is a directory or a socket, its name is too long for the file system, or
// the directory it would be created in is missing or not a directory.
// Symbolic links are followed as Create
// follows them. The errors do not name path, for the caller to say which
// option gave it ("--report json=out: out is a directory"). nil does not
// promise that Create will succeed: a directory without write permission,
// say, shows only by trying.
func Check(path string) error {
	target, fi, err := resolve(path)
	if err != nil {
		return err
	}
	if fi != nil {
		return writable(path, fi)
	}
	dir, _ := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	st, err := os.Stat(dir)
	switch {
	case err != nil:
		return dirError(dir, unwrapPath(err))
	case !st.IsDir():
		return dirError(dir, errors.New("not a directory"))
	}
	if _, err := os.Lstat(target); errors.Is(err, syscall.ENAMETOOLONG) {
		// The temporary file's name fits (tempStem), the target's does
		// not: said now, not by the rename after the run.
		return unwrapPath(err)
	}
	return nil
}

// Target returns the file a write to path replaces: the end of the
// symbolic links path starts, which may not exist yet, or path itself.
func Target(path string) string {
	if t, fi, err := resolve(path); err == nil && (fi == nil || fi.Mode().IsRegular()) {
		return t
	}
	return path
}

// writable refuses the existing targets nothing can be written to.
func writable(path string, fi fs.FileInfo) error {
	switch {
	case fi.IsDir():
		return fmt.Errorf("%s is a directory", path)
	case fi.Mode()&fs.ModeSocket != 0:
		return fmt.Errorf("%s is a socket", path)
	}
	return nil
}

// dirError says what is wrong with dir, where a file was to be created.
// A directory that exists may still answer "no such file" to a new file
// (/proc does): the system's error is given then.
func dirError(dir string, err error) error {
	if errors.Is(err, fs.ErrNotExist) && !isDir(dir) {
		return fmt.Errorf("no such directory %s", filepath.Clean(dir))
	}
	return fmt.Errorf("cannot create a file in %s: %w", filepath.Clean(dir), err)
}

func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

// unwrapPath drops the path a *fs.PathError repeats.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// maxLinks bounds the symbolic links followed to a target, as the
// system's own limit (ELOOP) does.
const maxLinks = 40

// resolve returns the file a write to path replaces: path itself, or the
// end of the symbolic links it starts, which may not exist yet (a link to
// a file still to be written). fi describes the target when it exists. A
// target that exists but is not a regular file is returned as path, for
// the system to open through the links.
func resolve(path string) (target string, fi fs.FileInfo, err error) {
	fi, err = os.Stat(path)
	if err == nil && !fi.Mode().IsRegular() {
		return path, fi, nil
	}
	if err != nil {
		// Missing, or unreachable (a component that is a file, a loop):
		// the links are walked below, and creating the temporary file
		// says what is wrong with the directory.
		fi = nil
	}
	target = path
	for range maxLinks {
		l, err := os.Lstat(target)
		if err != nil || l.Mode()&fs.ModeSymlink == 0 {
			return target, fi, nil
		}
		dest, err := os.Readlink(target)
		if err != nil {
			return "", nil, unwrapPath(err)
		}
		if !filepath.IsAbs(dest) {
			// Relative to the link's directory, joined without cleaning:
			// "dir/../x" is for the system to resolve, as dir may be a
			// link itself.
			dir, _ := filepath.Split(target)
			dest = dir + dest
		}
		target = dest
	}
	return "", nil, errors.New("too many levels of symbolic links")
}

// stdStreams are the process's standard output and error; a variable for
// tests.
var stdStreams = []*os.File{os.Stdout, os.Stderr}

// stdStream returns the standard stream that is the file fi describes,
// if any: a regular file already taking the process's output (as
// /dev/stdout is after `> out.txt` or `>> log.txt`), which the process
// writes to as is rather than replacing it under the shell that opened it.
func stdStream(fi fs.FileInfo) *os.File {
	if !fi.Mode().IsRegular() {
		return nil
	}
	for _, f := range stdStreams {
		if f == nil {
			continue
		}
		if sfi, err := f.Stat(); err == nil && os.SameFile(fi, sfi) {
			return f
		}
	}
	return nil
}

// InPlace reports whether an output named path is written in place, as
// Create writes it, rather than as a file of its own that a reader can
// open afterwards: a device (/dev/null), a FIFO, or a file that is already
// standard output or error.
func InPlace(path string) bool {
	_, fi, err := resolve(path)
	return err == nil && inPlace(fi)
}

// inPlace is InPlace of an existing target described by fi (nil: none).
func inPlace(fi fs.FileInfo) bool {
	return fi != nil && (!fi.Mode().IsRegular() || stdStream(fi) != nil)
}

// unfinished holds the temporary files of every Pending not yet committed
// or aborted, for RemoveUnfinished.
var unfinished = struct {
	sync.Mutex
	files map[*Pending]string
}{files: map[*Pending]string{}}

func register(p *Pending) {
	unfinished.Lock()
	unfinished.files[p] = p.tmp
	unfinished.Unlock()
}

func finished(p *Pending) {
	unfinished.Lock()
	delete(unfinished.files, p)
	unfinished.Unlock()
}

// RemoveUnfinished removes the temporary file of every Pending not yet
// committed or aborted, for a process that must exit before the code
// writing them can: stopped by a signal while blocked on a read, say. The
// files are not closed, as their writers may still hold them. Targets
// written in place (devices, FIFOs) are left alone.
func RemoveUnfinished() {
	unfinished.Lock()
	defer unfinished.Unlock()
	for p, name := range unfinished.files {
		if name != "" {
			os.Remove(name)
		}
		delete(unfinished.files, p)
	}
}

// Write writes b to the file; a temporary file that grows large is
// written to disk as it grows (diskPace), some of it only by a later Write
// or Close. Write the file through Write, WriteString and ReadFrom only.
func (p *Pending) Write(b []byte) (n int, err error) {
	if p.target == "" {
		n, err = p.File.Write(b)
	} else {
		n, err = p.pace.write(p.File, b)
	}
	if err != nil {
		err = p.writeError(err)
	}
	return n, err
}

// writeError is err of writing p, naming p's path, as WriteError does:
// not the temporary file the system's error names, which the user never
// asked for, nor the stream's name (/dev/stdout) for a spool of "-".
func (p *Pending) writeError(err error) error {
	return &fs.PathError{Op: "write", Path: p.path, Err: unwrapPath(err)}
}

// WriteError is err, met writing the output named path, as "write PATH:
// what went wrong", naming path once: an error of a Pending's Write, Close
// or Commit names it already, and is returned as it is. It is an
// *fs.PathError, so that an output named as standard output whose reader
// has gone is known by its path.
func WriteError(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Op == "write" && pe.Path == path {
		return pe
	}
	return &fs.PathError{Op: "write", Path: path, Err: err}
}

// ReadFrom copies r to the file, after what Write took.
func (p *Pending) ReadFrom(r io.Reader) (int64, error) {
	if err := p.pace.finish(p.File); err != nil {
		return 0, err
	}
	return p.File.ReadFrom(r)
}

// WriteString is Write of s's bytes, which Write does not keep or change,
// so they are not copied (as os.File.WriteString does).
func (p *Pending) WriteString(s string) (int, error) {
	return p.Write(unsafe.Slice(unsafe.StringData(s), len(s)))
}

// Path is the path Create was given (the name given to Spool).
func (p *Pending) Path() string { return p.path }

// Close flushes a temporary file to disk; the target is not touched yet.
// A target written in place is closed (unless it is a standard stream).
// Errors of the disk show here, so that a caller writing several files
// can Close them all before it Commits any.
func (p *Pending) Close() error {
	if p.closed {
		return nil
	}
	p.closed = true
	switch {
	case p.target != "":
		// Only a file that will replace another needs to be on disk first;
		// devices and FIFOs cannot be synced (EINVAL).
		if err := cmp.Or(p.pace.finish(p.File), p.File.Sync()); err != nil {
			p.release()
			return p.writeError(err)
		}
		if holdUntilRename {
			return nil
		}
	case p.to != nil:
		return nil // Commit reads it back
	}
	if err := p.release(); err != nil {
		return p.writeError(err)
	}
	return nil
}

// release closes File once, unless it is a standard stream.
func (p *Pending) release() error {
	if p.released || p.shared {
		return nil
	}
	p.released = true
	return p.File.Close()
}

// Commit closes the file if needed and puts it in place: renames it onto
// its target, or copies a spool to its writer.
func (p *Pending) Commit() error {
	if p.done {
		return nil
	}
	if err := p.Close(); err != nil {
		p.Abort()
		return err
	}
	switch {
	case p.to != nil:
		if err := p.copyOut(); err != nil {
			p.Abort()
			return p.writeError(err)
		}
		p.release()
		if p.tmp != "" {
			os.Remove(p.tmp)
		}
	case p.target != "":
		if err := os.Rename(p.tmp, p.target); err != nil {
			p.Abort()
			return fmt.Errorf("write %s: %w", p.path, unwrapLink(err))
		}
		// Synced by Close: a late error of closing loses nothing.
		p.release()
	}
	p.done = true
	finished(p)
	return nil
}

// unwrapLink drops the temporary file's name from a rename error.
func unwrapLink(err error) error {
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// copyOut copies a spool to its writer, from its start.
func (p *Pending) copyOut() error {
	if _, err := p.File.Seek(0, io.SeekStart); err != nil {
		return err
	}
	_, err := io.Copy(p.to, p.File)
	return err
}

// Abort removes the temporary file, leaving the target as it was; a target
// written in place keeps what was written. It does nothing after Commit,
// so it can be deferred.
func (p *Pending) Abort() {
	if p.done {
		return
	}
	p.done, p.closed = true, true
	p.release()
	if p.tmp != "" {
		os.Remove(p.tmp)
	}
	finished(p)
}

// IsStdout reports whether writing path writes to this process's standard
// output, as /dev/stdout and /dev/fd/1 do: such an output shares the
// stream with whatever else goes there. The null device is never it:
// whatever meets there is lost anyway.
func IsStdout(path string) bool {
	fi, err := os.Stat(path)
	if err != nil || os.Stdout == nil {
		return false
	}
	so, err := os.Stdout.Stat()
	if err != nil || !os.SameFile(fi, so) {
		return false
	}
	null, err := os.Stat(os.DevNull)
	return err != nil || !os.SameFile(fi, null)
}
