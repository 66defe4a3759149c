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
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "report.json")
			p, err := Create(path)
			if err != nil {
				t.Fatal(err)
			}
			var want bytes.Buffer
			if err := tt.write(p, &want); err != nil {
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
		})
	}
}
