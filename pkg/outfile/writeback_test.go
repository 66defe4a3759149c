package outfile

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// A file large enough to be paced (diskPace) is written whole, however it
// is written, and keeps no disk reserved past its end.
func TestPendingLargeFileIsWrittenWhole(t *testing.T) {
	chunk := bytes.Repeat([]byte("0123456789abcdef"), 64<<10) // 1 MiB
	tests := []struct {
		name  string
		write func(p *Pending, want *bytes.Buffer) error
	}{
		{"write", func(p *Pending, want *bytes.Buffer) error {
			for i := range 20 {
				b := chunk[:len(chunk)-i] // sizes that do not line up
				want.Write(b)
				if _, err := p.Write(b); err != nil {
					return err
				}
			}
			return nil
		}},
		{"small writes", func(p *Pending, want *bytes.Buffer) error {
			// Past startAt at an offset direct writes cannot start at.
			for i := range 12 << 10 {
				b := chunk[i%7 : 1000+i%13]
				want.Write(b)
				if _, err := p.Write(b); err != nil {
					return err
				}
			}
			return nil
		}},
		{"whole stages", func(p *Pending, want *bytes.Buffer) error {
			for range 4 * stageSize / len(chunk) {
				want.Write(chunk)
				if _, err := p.Write(chunk); err != nil {
					return err
				}
			}
			return nil
		}},
		{"write then copy", func(p *Pending, want *bytes.Buffer) error {
			for range 10 {
				want.Write(chunk)
				if _, err := p.WriteString(string(chunk)); err != nil {
					return err
				}
			}
			// io.Copy takes os.File's ReadFrom, past Write's count.
			tail := bytes.Repeat([]byte{'z'}, 3<<20)
			want.Write(tail)
			_, err := io.Copy(p, bytes.NewReader(tail))
			return err
		}},
	}
	dirs := map[string]string{"temporary directory": ""}
	if fi, err := os.Stat("/dev/shm"); err == nil && fi.IsDir() {
		dirs["/dev/shm"] = "/dev/shm" // tmpfs: no direct writes on most kernels
	}
	for _, tt := range tests {
		for where, dir := range dirs {
			t.Run(tt.name+" in "+where, func(t *testing.T) {
				writeLargeFile(t, dir, tt.write)
			})
		}
	}
}

func writeLargeFile(t *testing.T, dir string, write func(p *Pending, want *bytes.Buffer) error) {
	if dir == "" {
		dir = t.TempDir()
	} else {
		var err error
		if dir, err = os.MkdirTemp(dir, "outfile-test"); err != nil {
			t.Skip(err)
		}
		t.Cleanup(func() { os.RemoveAll(dir) })
	}
	path := filepath.Join(dir, "report.json")
	p, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := write(p, &want); err != nil {
		t.Fatal(err)
	}
	if err := p.Commit(); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Fatalf("file has %d bytes, want %d (or they differ)", len(got), want.Len())
	}
	if used, ok := diskUsed(t, path); ok && used > int64(len(got))+1<<20 {
		t.Errorf("file of %d bytes uses %d bytes of disk: the reservation was not given back", len(got), used)
	}
}
