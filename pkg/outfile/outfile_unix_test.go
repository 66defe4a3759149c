//go:build unix

package outfile

import (
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"
)

// readFIFO reads a FIFO to its end in the background, as the other end of
// a pipe would.
func readFIFO(t *testing.T, path string) <-chan string {
	t.Helper()
	got := make(chan string, 1)
	go func() {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Error(err)
		}
		got <- string(b)
	}()
	return got
}

func receive(t *testing.T, got <-chan string) string {
	t.Helper()
	select {
	case s := <-got:
		return s
	case <-time.After(10 * time.Second):
		t.Fatal("the FIFO's reader got no end of file")
		return ""
	}
}

func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
}

// assertFIFO fails unless path is still a FIFO.
func assertFIFO(t *testing.T, path string) {
	t.Helper()
	fi, err := os.Lstat(path)
	if err != nil || fi.Mode()&fs.ModeNamedPipe == 0 {
		t.Fatalf("%s is no longer a FIFO: %v %v", path, fi, err)
	}
}

// TestWriteToFIFO: a FIFO is written in place, not renamed over: its
// reader gets the bytes and the end of file, and it stays a FIFO with its
// mode.
func TestWriteToFIFO(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "out.fifo")
	mkfifo(t, fifo)
	before, _ := os.Lstat(fifo)
	got := readFIFO(t, fifo)
	if err := Write(fifo, writeString("{}\n")); err != nil {
		t.Fatal(err)
	}
	if s := receive(t, got); s != "{}\n" {
		t.Errorf("reader got %q", s)
	}
	assertFIFO(t, fifo)
	if after, _ := os.Lstat(fifo); after.Mode() != before.Mode() {
		t.Errorf("mode %v, was %v", after.Mode(), before.Mode())
	}
	if n := names(t, dir); !slices.Equal(n, []string{"out.fifo"}) {
		t.Errorf("dir holds %v", n)
	}
}

// TestWriteToFIFOThroughLink: /dev/stdout is a link to what takes the
// output; the link and the FIFO both stay.
func TestWriteToFIFOThroughLink(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "out.fifo")
	mkfifo(t, fifo)
	link := filepath.Join(dir, "stdout")
	symlink(t, "out.fifo", link)
	got := readFIFO(t, fifo)
	if err := Write(link, writeString("x")); err != nil {
		t.Fatal(err)
	}
	if s := receive(t, got); s != "x" {
		t.Errorf("reader got %q", s)
	}
	assertFIFO(t, fifo)
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v %v", fi, err)
	}
}

// TestAbortedFIFOIsLeft: Abort and RemoveUnfinished never remove a target
// written in place (think of /dev/null); what was written was written.
func TestAbortedFIFOIsLeft(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "out.fifo")
	mkfifo(t, fifo)
	got := readFIFO(t, fifo)
	p, err := Create(fifo)
	if err != nil {
		t.Fatal(err)
	}
	p.WriteString("partial")
	RemoveUnfinished()
	assertFIFO(t, fifo)
	p.Abort()
	if s := receive(t, got); s != "partial" {
		t.Errorf("reader got %q", s)
	}
	assertFIFO(t, fifo)
}

func TestWriteToSocket(t *testing.T) {
	dir := t.TempDir()
	sock := filepath.Join(dir, "s")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Skipf("unix socket: %v", err)
	}
	defer l.Close()
	if err := Write(sock, writeString("x")); err == nil || err.Error() != "write "+sock+": "+sock+" is a socket" {
		t.Errorf("err = %v", err)
	}
	if err := Check(sock); err == nil || err.Error() != sock+" is a socket" {
		t.Errorf("Check: %v", err)
	}
}

// TestAppend checks Append adds after what a file holds, keeps an existing
// file's mode (a 0600 one stays private) and creates a missing one as a
// shell's >> does, 0666 less the umask; a file it cannot open is an error
// naming it, and nothing is written.
func TestAppend(t *testing.T) {
	dir := t.TempDir()
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)

	existing := filepath.Join(dir, "summary.md")
	if err := os.WriteFile(existing, []byte("# Earlier step\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"one\n", "two\n"} {
		if err := Append(existing, []byte(s)); err != nil {
			t.Fatal(err)
		}
	}
	if b, _ := os.ReadFile(existing); string(b) != "# Earlier step\none\ntwo\n" {
		t.Errorf("content %q, want what was there, then each append", b)
	}
	if st, _ := os.Stat(existing); st.Mode().Perm() != 0o600 {
		t.Errorf("existing file's mode %v, want 0600 kept", st.Mode().Perm())
	}

	missing := filepath.Join(dir, "new.md")
	if err := Append(missing, []byte("x\n")); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(missing); st.Mode().Perm() != 0o644 {
		t.Errorf("created file's mode %v, want 0644 (0666 less umask 022)", st.Mode().Perm())
	}

	bad := filepath.Join(dir, "no-such-dir", "summary.md")
	if err := Append(bad, []byte("x\n")); err == nil || err.Error() != "open "+bad+": no such file or directory" {
		t.Errorf("Append into a missing directory: %v", err)
	}
	if err := Append(dir, []byte("x\n")); err == nil || err.Error() != "open "+dir+": is a directory" {
		t.Errorf("Append to a directory: %v", err)
	}
}
