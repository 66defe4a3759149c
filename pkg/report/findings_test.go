package report

import (
	"bytes"
	"errors"
	"iter"
	"runtime"
	"slices"
	"testing"
	"time"
	"unsafe"

	"github.com/listaudit/listaudit/pkg/domain"
)

// partedSlice is a FindingSlice read in parts of size, as a large audit's
// findings are. As domain.PartedFindings allows, a part's findings hold
// strings in memory that is scribbled over once the part has been read,
// so a report that kept one past its part shows it.
type partedSlice struct {
	domain.FindingSlice
	size int
}

func (p partedSlice) Parts() []iter.Seq[*domain.Finding] {
	var parts []iter.Seq[*domain.Finding]
	for start := 0; start < len(p.FindingSlice); start += p.size {
		parts = append(parts, transientPart(p.FindingSlice[start:min(start+p.size, len(p.FindingSlice))]))
	}
	// An empty part, which a list whose tail is all it has can give.
	return append(parts, domain.FindingSlice{}.All())
}

// transientPart yields copies of fs whose strings live in one buffer,
// overwritten when the iteration ends.
func transientPart(fs []domain.Finding) iter.Seq[*domain.Finding] {
	return func(yield func(*domain.Finding) bool) {
		size := 0
		for _, f := range fs {
			size += len(f.Rule) + len(f.Column) + len(f.Value) + len(f.Message) + len(f.Phone) + len(f.Loc.File)
			for _, l := range f.Related {
				size += len(l.File)
			}
		}
		mem := make([]byte, 0, size) // never grown: every string stays in it
		str := func(s string) string {
			start := len(mem)
			mem = append(mem, s...)
			return unsafe.String(unsafe.SliceData(mem[start:]), len(s))
		}
		defer func() {
			for i := range mem {
				mem[i] = '#'
			}
		}()
		for _, f := range fs {
			c := f
			c.Rule, c.Column, c.Value, c.Message, c.Phone, c.Loc.File = str(f.Rule), str(f.Column), str(f.Value), str(f.Message), str(f.Phone), str(f.Loc.File)
			c.Related = slices.Clone(f.Related)
			for i := range c.Related {
				c.Related[i].File = str(f.Related[i].File)
			}
			if !yield(&c) {
				return
			}
		}
	}
}

// TestPartedFindingsRenderTheSame renders reports from findings read in
// parts on several goroutines and from the same findings in one sequence:
// the bytes must be the same, whatever the part size.
func TestPartedFindingsRenderTheSame(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	r := manyFindings(1000)
	fs := r.Findings.(domain.FindingSlice)
	for _, format := range []string{"json", "csv", "sarif"} {
		rep, err := Lookup(format)
		if err != nil {
			t.Fatal(err)
		}
		r.Findings = fs
		var want bytes.Buffer
		if err := rep.Report(&want, r, Options{}); err != nil {
			t.Fatal(err)
		}
		for _, size := range []int{1, 3, 64, 999, 5000} {
			r.Findings = partedSlice{fs, size}
			var got bytes.Buffer
			if err := rep.Report(&got, r, Options{}); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Errorf("%s in parts of %d: %d bytes differ from the %d rendered in one sequence", format, size, got.Len(), want.Len())
			}
		}
	}
}

// failingWriter fails once it has taken limit bytes.
type failingWriter struct{ limit int }

func (w *failingWriter) Write(b []byte) (int, error) {
	if w.limit -= len(b); w.limit < 0 {
		return 0, errors.New("disk full")
	}
	return len(b), nil
}

// TestPartedFindingsStopOnWriteError fails the writer part-way: the error
// comes back and no goroutine is left behind (the race detector and the
// test's end would show one).
func TestPartedFindingsStopOnWriteError(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	before := runtime.NumGoroutine()
	err := writeFindingParts(&failingWriter{limit: 10_000}, partedSlice{manyFindings(5000).Findings.(domain.FindingSlice), 10}, ",", func(b []byte, part iter.Seq[*domain.Finding]) []byte {
		for f := range part {
			b = append(append(b, ","...), f.Message...)
		}
		return b
	})
	if err == nil || err.Error() != "disk full" {
		t.Fatalf("err = %v, want disk full", err)
	}
	// A goroutine that has signalled it is done may take a moment to exit.
	after := runtime.NumGoroutine()
	for deadline := time.Now().Add(5 * time.Second); after > before && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
		after = runtime.NumGoroutine()
	}
	if after > before {
		t.Errorf("%d goroutines before, %d after", before, after)
	}
}
