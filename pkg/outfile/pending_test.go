package outfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestPendingCommitAndAbort(t *testing.T) {
	dir := t.TempDir()
	keep := filepath.Join(dir, "keep.csv")
	drop := filepath.Join(dir, "drop.csv")
	if err := os.WriteFile(drop, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := Create(keep)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Create(drop)
	if err != nil {
		t.Fatal(err)
	}
	a.WriteString("new\n")
	b.WriteString("half")
	if _, err := os.Stat(keep); !os.IsNotExist(err) {
		t.Fatalf("target exists before Commit: %v", err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if err := a.Commit(); err != nil {
		t.Fatal(err)
	}
	b.Abort()
	a.Abort() // no-op after Commit
	if got, _ := os.ReadFile(keep); string(got) != "new\n" {
		t.Errorf("committed file = %q", got)
	}
	if got, _ := os.ReadFile(drop); string(got) != "old\n" {
		t.Errorf("aborted target = %q, want it untouched", got)
	}
	fi, err := os.Stat(keep)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != Mode {
		t.Errorf("mode %v, want %v", fi.Mode().Perm(), Mode)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 2 {
		t.Errorf("temporary files left: %v", ents)
	}
}

func TestRemoveUnfinished(t *testing.T) {
	dir := t.TempDir()
	done, err := Create(filepath.Join(dir, "done.csv"))
	if err != nil {
		t.Fatal(err)
	}
	left, err := Create(filepath.Join(dir, "left.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer left.Abort()
	if err := done.Commit(); err != nil {
		t.Fatal(err)
	}
	RemoveUnfinished()
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "done.csv" {
		t.Errorf("left in the directory: %v", entries)
	}
}

// TestPendingErrorsNameTheTarget: an error of writing a Pending names the
// path it was given once: not its hidden temporary file, nor for a spool
// the stream's name; WriteError leaves such an error as it is, and names
// the path of any other.
func TestPendingErrorsNameTheTarget(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.csv")
	p, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Abort()
	p.File.Close() // fails every write, as a full disk would
	_, err = p.WriteString("a\n")
	want := "write " + path + ": file already closed"
	if err == nil || err.Error() != want {
		t.Errorf("Write = %v, want %s", err, want)
	}
	if got := WriteError(path, err); got.Error() != want {
		t.Errorf("WriteError = %v, want %s", got, want)
	}
	if got := WriteError(path, errors.New("row 2: too long")); got.Error() != "write "+path+": row 2: too long" {
		t.Errorf("WriteError = %v", got)
	}
	if err := p.Close(); err == nil || err.Error() != want {
		t.Errorf("Close = %v, want %s", err, want)
	}

	s, err := Spool("-", fullStream{})
	if err != nil {
		t.Fatal(err)
	}
	s.WriteString("a\n")
	if err := s.Commit(); err == nil || err.Error() != "write -: no space left on device" {
		t.Errorf("Commit = %v", err)
	}
}

// fullStream fails every write as a full disk does standard output.
type fullStream struct{}

func (fullStream) Write([]byte) (int, error) {
	return 0, &fs.PathError{Op: "write", Path: "/dev/stdout", Err: errors.New("no space left on device")}
}
