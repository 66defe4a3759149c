package input

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/listaudit/listaudit/pkg/domain"
)

// readAll reads every record of path with opts, returning the rows read
// and the error that ended the read (nil at io.EOF).
func readAllRecords(path string, opts Options) (int, error) {
	r, err := Open(Source{Path: path}, opts)
	if err != nil {
		return 0, err
	}
	defer r.Close()
	var rec domain.Record
	for n := 0; ; n++ {
		if err := r.Next(&rec); err != nil {
			if errors.Is(err, io.EOF) {
				return n, nil
			}
			return n, err
		}
	}
}

// changeList is a CSV list of n rows.
func changeList(n int) []byte {
	var b strings.Builder
	b.WriteString("phone,consent_source\n")
	for i := range n {
		fmt.Fprintf(&b, "+2547%08d,web\n", i)
	}
	return []byte(b.String())
}

// TestChangeWhileReading changes an input file between its opening and its
// end, through Options.Opened: every change fails the read with one error
// naming the file and what changed, in every format; an unchanged file
// reads whole.
func TestChangeWhileReading(t *testing.T) {
	list := changeList(3000)
	later := time.Now().Add(time.Hour)
	changes := []struct {
		name string
		// change changes the file at path; it returns false where the
		// system does not allow it (an open file on Windows).
		change func(t *testing.T, path string) bool
		want   string // "" for no error
	}{
		{"unchanged", func(*testing.T, string) bool { return true }, ""},
		{"shrunk", func(t *testing.T, path string) bool {
			return os.Truncate(path, 1000) == nil
		}, "its size went from %d to 1000 bytes"},
		{"grown", func(t *testing.T, path string) bool {
			f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			_, err = f.Write([]byte("+254799999999,web\n"))
			return err == nil
		}, "its size went from %d to "},
		{"rewritten in place, same size", func(t *testing.T, path string) bool {
			f, err := os.OpenFile(path, os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			f.WriteAt([]byte("X"), 30)
			f.Close()
			// Past any file system's clock tick.
			return os.Chtimes(path, later, later) == nil
		}, "it was written to (its modification time changed)"},
		{"replaced", func(t *testing.T, path string) bool {
			other := path + ".new"
			data, _ := os.ReadFile(path)
			if err := os.WriteFile(other, data, 0o644); err != nil {
				t.Fatal(err)
			}
			return os.Rename(other, path) == nil
		}, "another file was put in its place"},
		{"removed", func(t *testing.T, path string) bool {
			return os.Remove(path) == nil
		}, "it was removed"},
	}
	files := []struct {
		name string
		data func(t *testing.T, path string) []byte
	}{
		{"list.csv", func(*testing.T, string) []byte { return list }},
		{"list.csv.gz", func(t *testing.T, _ string) []byte { return gzipped(t, list) }},
		{"list.xlsx", func(t *testing.T, path string) []byte {
			writeXLSX(t, path, map[string][]xlsxRow{"Contacts": contactsSheet()}, "Contacts")
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			return data
		}},
	}
	for _, f := range files {
		for _, c := range changes {
			t.Run(f.name+"/"+c.name, func(t *testing.T) {
				path := filepath.Join(t.TempDir(), f.name)
				data := f.data(t, path)
				if err := os.WriteFile(path, data, 0o644); err != nil {
					t.Fatal(err)
				}
				changed := true
				opts := Options{Opened: func(name string) {
					if name != path {
						t.Errorf("Opened(%q), want %q", name, path)
					}
					changed = c.change(t, path)
				}}
				_, err := readAllRecords(path, opts)
				if !changed {
					if runtime.GOOS != "windows" {
						t.Fatal("the change failed")
					}
					t.Skip("the system does not allow this change of an open file")
				}
				if c.want == "" {
					if err != nil {
						t.Fatalf("unchanged file: %v", err)
					}
					return
				}
				want := path + " changed while it was read: " + c.want
				if strings.Contains(want, "%d") {
					want = fmt.Sprintf(want, len(data))
				}
				if err == nil || !strings.HasPrefix(err.Error(), want) || !strings.HasSuffix(err.Error(), "; nothing was written") || strings.Contains(err.Error(), "\n") {
					t.Errorf("err = %v\nwant %s…; nothing was written", err, want)
				}
			})
		}
	}
}

// TestChangeAfterRowsWereRead cuts a file short after its first rows were
// read, as `truncate` does to an export being audited: the rows read
// until then are not taken for the whole list.
func TestChangeAfterRowsWereRead(t *testing.T) {
	list := changeList(100_000) // several read buffers
	path := writeFile(t, t.TempDir(), "big.csv", list)
	r, err := Open(Source{Path: path}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var rec domain.Record
	for range 10 {
		if err := r.Next(&rec); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Truncate(path, 1000); err != nil {
		t.Fatal(err)
	}
	for err = r.Next(&rec); err == nil; err = r.Next(&rec) {
	}
	want := fmt.Sprintf("%s changed while it was read: its size went from %d to 1000 bytes; nothing was written", path, len(list))
	if err == nil || err.Error() != want {
		t.Errorf("err = %v\nwant %s", err, want)
	}
	if rows := r.Info().Rows; rows >= 100_000 {
		t.Errorf("read %d rows", rows)
	}
}

// TestStreamsAreNotChecked: standard input is read as it comes, without a
// stamp, and Opened is not called for it.
func TestStreamsAreNotChecked(t *testing.T) {
	opts := Options{Opened: func(name string) { t.Errorf("Opened(%q) for standard input", name) }}
	r, err := Open(Source{Path: "-", Stdin: strings.NewReader(string(changeList(3)))}, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var rec domain.Record
	n := 0
	for ; r.Next(&rec) == nil; n++ {
	}
	if n != 3 {
		t.Errorf("read %d rows, want 3", n)
	}
}
