package outfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// Pending is an output file being written: a temporary file beside its
// target, with mode Mode. Commit puts it in place; Abort removes it. Use it
// when several files must appear together: write them all, Close them all,
// then Commit each (listaudit fix's clean and quarantine files).
type Pending struct {
	*os.File
	path   string
	closed bool
	done   bool
}

// Create starts writing path.
func Create(path string) (*Pending, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		// The error names the temporary file, which the user never asked
		// for; say what is wrong with the directory instead.
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("write %s: no such directory %s", path, filepath.Clean(dir))
		}
		return nil, fmt.Errorf("write %s: cannot create a file in %s: %w", path, filepath.Clean(dir), err)
	}
	// CreateTemp makes 0600 files; Chmod makes it so whatever the umask.
	if err := tmp.Chmod(Mode); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	p := &Pending{File: tmp, path: path}
	unfinished.Lock()
	unfinished.files[p] = tmp.Name()
	unfinished.Unlock()
	return p, nil
}

// unfinished holds the temporary files of every Pending not yet committed
// or aborted, for RemoveUnfinished.
var unfinished = struct {
	sync.Mutex
	files map[*Pending]string
}{files: map[*Pending]string{}}

func finished(p *Pending) {
	unfinished.Lock()
	delete(unfinished.files, p)
	unfinished.Unlock()
}

// RemoveUnfinished removes the temporary file of every Pending not yet
// committed or aborted, for a process that must exit before the code
// writing them can: stopped by a signal while blocked on a read, say. The
// files are not closed, as their writers may still hold them.
func RemoveUnfinished() {
	unfinished.Lock()
	defer unfinished.Unlock()
	for p, name := range unfinished.files {
		os.Remove(name)
		delete(unfinished.files, p)
	}
}

// Path is the target the file will be renamed to.
func (p *Pending) Path() string { return p.path }

// Close flushes the temporary file to disk and closes it; the target is
// not touched yet.
func (p *Pending) Close() error {
	if p.closed {
		return nil
	}
	p.closed = true
	if err := p.File.Sync(); err != nil {
		p.File.Close()
		return fmt.Errorf("write %s: %w", p.path, err)
	}
	if err := p.File.Close(); err != nil {
		return fmt.Errorf("write %s: %w", p.path, err)
	}
	return nil
}

// Commit closes the file if needed and renames it onto its target.
func (p *Pending) Commit() error {
	if p.done {
		return nil
	}
	if err := p.Close(); err != nil {
		p.Abort()
		return err
	}
	if err := os.Rename(p.File.Name(), p.path); err != nil {
		p.Abort()
		return fmt.Errorf("write %s: %w", p.path, err)
	}
	p.done = true
	finished(p)
	return nil
}

// Abort removes the temporary file, leaving the target as it was. It does
// nothing after Commit, so it can be deferred.
func (p *Pending) Abort() {
	if p.done {
		return
	}
	p.done = true
	if !p.closed {
		p.closed = true
		p.File.Close()
	}
	os.Remove(p.File.Name())
	finished(p)
}
