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

// firstsObserver records each row's Key, Malformed and First (by value:
// the Row's First is valid only during the call).
type firstsObserver struct {
	rows   []Row
	firsts []*rules.FirstRow
}

func (o *firstsObserver) Row(r *Row) {
	o.rows = append(o.rows, *r)
	var f *rules.FirstRow
	if r.First != nil {
		c := *r.First
		f = &c
	}
	o.firsts = append(o.firsts, f)
}
func (o *firstsObserver) Input(input.Info) {}

// TestMalformedRowsNumberJoinsTheDuplicatePass: a malformed row whose
// phone cell holds a valid number is in its number's group, whichever
// row came first: the Observer sees its number and first row, the other
// rows of its number conflict with it, and it keeps row-malformed as its
// one finding. With RowRules (listaudit fix) as without.
func TestMalformedRowsNumberJoinsTheDuplicatePass(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.csv")
	os.WriteFile(a, []byte("phone,consent_source,consent_at,opted_out\n+254712345678,web,2025-06-01,yes,extra\n+254712345678,web,2025-06-01,\n"+
		"+254722000111,web,2025-06-01,\n0722 000 111,web,2025-06-01,yes,x\n"), 0o600)
	p := domain.DefaultPolicy()
	p.DefaultRegion = "KE"
	for _, rowRules := range []bool{false, true} {
		obs := &firstsObserver{}
		res, err := Run(context.Background(), []string{a}, Options{Policy: p, Now: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), Observer: obs, RowRules: rowRules})
		if err != nil {
			t.Fatal(err)
		}
		loc := func(row int) domain.Location { return domain.Location{File: a, Row: row, Line: row + 1} }
		wantKeys := []uint64{254712345678, 254712345678, 254722000111, 254722000111}
		wantFirst := []*rules.FirstRow{nil, {Loc: loc(1), Malformed: true}, nil, {Loc: loc(3), ConsentAt: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC).Unix()}}
		for i, r := range obs.rows {
			if r.Key != wantKeys[i] || r.Malformed != (i == 0 || i == 3) || r.OptedOut {
				t.Errorf("RowRules %v: row %d: %+v", rowRules, i+1, r)
			}
			if got, want := obs.firsts[i], wantFirst[i]; (got == nil) != (want == nil) || got != nil && *got != *want {
				t.Errorf("RowRules %v: row %d: First = %+v, want %+v", rowRules, i+1, got, want)
			}
		}
		if res.Summary.UniqueNumbers != 2 {
			t.Errorf("RowRules %v: %d unique numbers, want 2", rowRules, res.Summary.UniqueNumbers)
		}
		var got []string
		for f := range res.Findings.All() {
			got = append(got, f.Loc.String()+" "+f.Rule+": "+f.Message)
		}
		want := []string{
			a + ":3 duplicate-conflict: another row of this number is malformed (" + a + ":2), so whether it is opted out cannot be read",
			a + ":4 duplicate-conflict: another row of this number is malformed (" + a + ":5), so whether it is opted out cannot be read",
		}
		if !rowRules {
			want = []string{
				a + ":2 row-malformed: has 5 fields, header has 4",
				a + ":3 duplicate: same number as " + a + ":2",
				want[0],
				want[1],
				a + ":5 row-malformed: has 5 fields, header has 4",
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("RowRules %v: findings\n%s\nwant\n%s", rowRules, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}
