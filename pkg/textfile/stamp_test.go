package textfile

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestStampRecheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "list.csv")
	if err := os.WriteFile(path, []byte("phone\n+254712345678\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := StampFile(f)
	if err != nil {
		t.Fatal(err)
	}
	if s.Size() != 20 {
		t.Errorf("Size() = %d", s.Size())
	}
	for _, tc := range []struct {
		read int64
		want string
	}{
		{20, ""},
		{-1, ""},
		{12, "12 bytes were read of its 20"},
	} {
		if got := s.Recheck(f, path, tc.read); got != tc.want {
			t.Errorf("Recheck(read %d) = %q, want %q", tc.read, got, tc.want)
		}
	}
}

// A stream has no stamp: nothing about it can be compared.
func TestStampOfStream(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no os.Pipe file to stat as a stream")
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	s, err := StampFile(r)
	if err != nil {
		t.Fatal(err)
	}
	if s.Size() != -1 {
		t.Errorf("Size() = %d, want -1", s.Size())
	}
	w.Write([]byte("phone\n"))
	if got := s.Recheck(r, "-", 6); got != "" {
		t.Errorf("Recheck = %q", got)
	}
}

func TestChangedError(t *testing.T) {
	err := ChangedError("list.csv", "while it was read", "its size went from 20 to 10 bytes")
	if want := "list.csv changed while it was read: its size went from 20 to 10 bytes; nothing was written"; err.Error() != want {
		t.Errorf("got %q\nwant %q", err, want)
	}
}

// TestStampPath: a file stamped by its path before it is opened (an
// evidence file, loaded, then hashed) is checked against the file opened
// later, and against what the path leads to.
func TestStampPath(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sup.txt")
	write := func(data string) {
		if err := os.WriteFile(path+".new", []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(path+".new", path); err != nil {
			t.Fatal(err)
		}
	}
	write("+254712345678\n")
	s, err := StampPath(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.RecheckPath(path); got != "" {
		t.Errorf("unchanged: %q", got)
	}
	write("+254712345679\n")
	if got := s.RecheckPath(path); got != "another file was put in its place" {
		t.Errorf("replaced: %q", got)
	}
	os.Remove(path)
	if got := s.RecheckPath(path); got != "it was removed" {
		t.Errorf("removed: %q", got)
	}
}

// TestRecheckStat: a stamped file that cannot be opened any more (it was
// made unreadable) is judged from what the system says of it: unchanged
// when it is the same file with the same size and modification time, so
// that the read's own error (permission denied) is the one given.
func TestRecheckStat(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "dnc.txt")
	if err := os.WriteFile(path, []byte("+254712345678\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := StampPath(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.recheckStat(path); got != "" {
		t.Errorf("unchanged: %q", got)
	}
	if err := os.WriteFile(path, []byte("+254712345678\n+254712345679\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := s.recheckStat(path); got != "its size went from 14 to 28 bytes" {
		t.Errorf("grown: %q", got)
	}
	other := filepath.Join(dir, "other.txt")
	if err := os.WriteFile(other, []byte("+254712345678\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(other, path); err != nil {
		t.Fatal(err)
	}
	if got := s.recheckStat(path); got != "another file was put in its place" {
		t.Errorf("replaced: %q", got)
	}
	os.Remove(path)
	if got := s.recheckStat(path); got != "it was removed" {
		t.Errorf("removed: %q", got)
	}
}
