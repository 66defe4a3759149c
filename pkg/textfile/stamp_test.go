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
