package audit

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/input"
	"github.com/listaudit/listaudit/pkg/rules"
)

type recordingObserver struct {
	rows   []Row
	inputs []input.Info
}

func (o *recordingObserver) Row(r *Row)            { o.rows = append(o.rows, *r) }
func (o *recordingObserver) Input(info input.Info) { o.inputs = append(o.inputs, info) }

func TestObserverSeesEveryRowInOrder(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.csv")
	os.WriteFile(a, []byte("phone,consent_at,opted_out\n+254712345678,2025-06-01,\n0712 345 678,,yes\nbad,row,x,y\n"), 0o600)
	b := filepath.Join(dir, "b.csv")
	os.WriteFile(b, []byte("phone\n+447911123456\n"), 0o600)
	obs := &recordingObserver{}
	p := domain.DefaultPolicy()
	p.DefaultRegion = "KE"
	res, err := Run(context.Background(), []string{a, b}, Options{Policy: p, Now: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Workers: 3, Observer: obs})
	if err != nil {
		t.Fatal(err)
	}
	if len(obs.rows) != res.Summary.Rows || len(obs.rows) != 4 {
		t.Fatalf("observed %d rows, audit read %d", len(obs.rows), res.Summary.Rows)
	}
	want := []Row{
		{Loc: domain.Location{File: a, Row: 1, Line: 2}, Key: 254712345678, E164: "+254712345678", ConsentAt: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)},
		{Loc: domain.Location{File: a, Row: 2, Line: 3}, Key: 254712345678, E164: "+254712345678", OptedOut: true},
		{Loc: domain.Location{File: a, Row: 3, Line: 4}, Malformed: true},
		{Loc: domain.Location{File: b, FileIndex: 1, Row: 1, Line: 2}, Key: 447911123456, E164: "+447911123456"},
	}
	for i, w := range want {
		if got := obs.rows[i]; got.Loc != w.Loc || got.Key != w.Key || got.E164 != w.E164 || got.OptedOut != w.OptedOut || !got.ConsentAt.Equal(w.ConsentAt) || got.Malformed != w.Malformed {
			t.Errorf("row %d: %+v, want %+v", i, got, w)
		}
	}
	// Row 2 repeats row 1's number: it names that row, as the duplicate
	// rule keeps it; the others are their numbers' first rows.
	wantFirst := rules.FirstRow{Loc: domain.Location{File: a, Row: 1, Line: 2}, ConsentAt: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC).Unix()}
	for i, r := range obs.rows {
		if (r.First != nil) != (i == 1) || i == 1 && *r.First != wantFirst {
			t.Errorf("row %d: First = %+v", i, r.First)
		}
	}
	if len(obs.inputs) != 2 || obs.inputs[0].Path != a || obs.inputs[1].Rows != 1 {
		t.Errorf("inputs %+v", obs.inputs)
	}
}

// cancellingObserver cancels the audit once it has seen a number of rows.
type cancellingObserver struct {
	after  int
	rows   int
	cancel context.CancelFunc
}

func (o *cancellingObserver) Row(*Row) {
	if o.rows++; o.rows == o.after {
		o.cancel()
	}
}
func (o *cancellingObserver) Input(input.Info) {}

// TestRunStopsWhenCancelled cancels an audit in the middle, while workers
// still hold batches: Run returns the context's error, reads no batch a
// worker has not finished (it used to, and failed with an index out of
// range on Ctrl-C), and stops seeing rows.
func TestRunStopsWhenCancelled(t *testing.T) {
	path := filepath.Join(t.TempDir(), "list.csv")
	if err := os.WriteFile(path, []byte(generateList(60_000)), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, after := range []int{1, 5_000, 20_000} {
		ctx, cancel := context.WithCancel(context.Background())
		obs := &cancellingObserver{after: after, cancel: cancel}
		res, err := Run(ctx, []string{path}, Options{Policy: domain.DefaultPolicy(), Now: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Workers: 4, Observer: obs})
		cancel()
		if err != context.Canceled || res != nil {
			t.Fatalf("cancelled after %d rows: %v, %v", after, res, err)
		}
		// The batch being stored when it was cancelled is finished.
		if obs.rows < after || obs.rows > after+batchSize {
			t.Errorf("cancelled after %d rows, saw %d", after, obs.rows)
		}
	}
}

// TestProgressCountsBatches: Options.Progress counts the records read by
// whole batches as the reader hands them on, and ends at the rows read.
func TestProgressCountsBatches(t *testing.T) {
	dir := t.TempDir()
	var list strings.Builder
	list.WriteString("phone\n")
	for range batchSize + 88 {
		list.WriteString("+254712345678\n")
	}
	a := filepath.Join(dir, "a.csv")
	b := filepath.Join(dir, "b.csv")
	for _, path := range []string{a, b} {
		if err := os.WriteFile(path, []byte(list.String()), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	var read atomic.Int64
	var atOpen []int64
	opts := Options{Policy: domain.DefaultPolicy(), Now: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Progress: &read}
	// Opened is called on the reader's goroutine, as it opens each input.
	opts.Input.Opened = func(string) { atOpen = append(atOpen, read.Load()) }
	res, err := Run(context.Background(), []string{a, b}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if want := []int64{0, int64(batchSize)}; !slices.Equal(atOpen, want) {
		t.Errorf("read when each input was opened: %v, want %v", atOpen, want)
	}
	if got := read.Load(); got != int64(res.Summary.Rows) || got != int64(2*(batchSize+88)) {
		t.Errorf("read %d, want the %d rows read", got, res.Summary.Rows)
	}
}
