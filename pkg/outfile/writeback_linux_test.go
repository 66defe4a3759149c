package outfile

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// diskUsed is the disk the file at path takes.
func diskUsed(t *testing.T, path string) (int64, bool) {
	var st syscall.Stat_t
	if err := syscall.Stat(path, &st); err != nil {
		t.Fatal(err)
	}
	return st.Blocks * 512, true
}

// A file system that takes O_DIRECT but refuses the writes (here: memory
// not aligned as they need) gets the file through the page cache, whole.
func TestRefusedDirectWritesGoThroughThePageCache(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if !setDirect(f, true) {
		t.Skip("no direct writes here")
	}
	var d diskPace
	d.written = startAt // as if past startAt, at an aligned offset
	if _, err := f.Seek(startAt, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	mem := make([]byte, stageSize+1)
	d.stage = mem[1:1:len(mem)] // one byte off
	want := bytes.Repeat([]byte("0123456789"), (2*stageSize+12345)/10)
	if n, err := d.write(f, want); err != nil || n != len(want) {
		t.Fatalf("write = %d, %v; want %d, nil", n, err, len(want))
	}
	if err := d.finish(f); err != nil {
		t.Fatal(err)
	}
	got := make([]byte, len(want)+1)
	n, err := f.ReadAt(got, startAt)
	if err != io.EOF || !bytes.Equal(got[:n], want) {
		t.Fatalf("read back %d bytes (%v), want the %d written", n, err, len(want))
	}
}
