package audit

import (
	"context"
	"fmt"
	"iter"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"sync"
	"testing"

	"github.com/listaudit/listaudit/pkg/audit/audittest"
	"github.com/listaudit/listaudit/pkg/baseline"
	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/rules"
)

// TestConflictsKeptAsBefore audits a list with many duplicate conflicts,
// which come at the end, one at a time, under what each report reads, with
// and without a baseline that accepts some of them, held in memory and
// spilled to the file: each list holds what the audit kept when it built
// every conflict first: the stream's findings and the conflicts each
// judged by the baseline in order and kept by their own retention filter,
// merged in report order. Counts and verdict are those of keeping all.
func TestConflictsKeptAsBefore(t *testing.T) {
	dir := t.TempDir()
	path := writeFile(t, dir, "repeated.csv", audittest.RepeatedList(3000, 400))
	run := func(keep *domain.Retention, base string) *domain.Result {
		t.Helper()
		o := testOptions(2)
		o.Keep, o.Policy.Baseline = keep, base
		res, err := Run(context.Background(), []string{path}, o)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { res.Close() })
		return res
	}
	every := domain.Collect(run(nil, "").Findings)
	stream, late := splitLate(every)
	if len(late) < 500 || len(stream) < 500 {
		t.Fatalf("%d findings and %d conflicts: the test wants more", len(stream), len(late))
	}
	for i := 1; i < len(every); i++ {
		if domain.CompareFindings(&every[i-1], &every[i]) > 0 {
			t.Fatalf("finding %d sorts before the one before it", i)
		}
	}
	// A baseline accepting every third conflict and every fifth other
	// finding.
	var accepted []domain.Finding
	for i := range stream {
		if i%5 == 0 {
			accepted = append(accepted, stream[i])
		}
	}
	for i := range late {
		if i%3 == 0 {
			accepted = append(accepted, late[i])
		}
	}
	base := filepath.Join(dir, "base.json")
	if err := baseline.Write(base, baseline.FromFindings(accepted)); err != nil {
		t.Fatal(err)
	}
	keeps := []*domain.Retention{nil, &domain.RetainAll, {PerSeverity: 50}, {PerSeverity: 3}, {PerRule: 10}, {First: 500},
		{}, {PerSeverity: 1, PerRule: 2}, {First: 2000}}
	sizes := []struct{ spill, part int }{{spillAt, partSize}, {50, 7}, {1, 1}, {4000, 100}}
	for _, b := range []string{"", base} {
		all := run(nil, b)
		var wantKept, wantAccepted []domain.Finding
		if b == "" {
			wantKept = every
		} else {
			wantKept, wantAccepted = baseline.FromFindings(accepted).Filter(slices.Concat(stream, late))
		}
		if !reflect.DeepEqual(domain.Collect(all.Findings), domain.MergeFindings(splitLate(wantKept))) {
			t.Fatalf("baseline %q: the findings kept differ from those it does not accept", b)
		}
		for _, keep := range keeps {
			for _, size := range sizes {
				name := fmt.Sprintf("baseline %q, keep %+v, spill at %d, parts of %d", b, keep, size.spill, size.part)
				savedSpill, savedPart := spillAt, partSize
				spillAt, partSize = size.spill, size.part
				res := run(keep, b)
				spillAt, partSize = savedSpill, savedPart
				if !reflect.DeepEqual(res.Summary, all.Summary) || res.Verdict != all.Verdict || res.Findings.Len() != all.Findings.Len() {
					t.Errorf("%s: summary %+v, Len %d; keeping all: %+v, %d", name, res.Summary, res.Findings.Len(), all.Summary, all.Findings.Len())
				}
				checkKept(t, name+", kept", res.Findings, retainedLate(wantKept, keep))
				if b != "" {
					checkKept(t, name+", accepted", res.Accepted, retainedLate(wantAccepted, keep))
				}
			}
		}
	}
}

// splitLate splits findings in report order into those of the stream and
// the duplicate conflicts, which an audit adds at the end.
func splitLate(fs []domain.Finding) (stream, late []domain.Finding) {
	for _, f := range fs {
		if f.Rule == rules.DuplicateConflict {
			late = append(late, f)
		} else {
			stream = append(stream, f)
		}
	}
	return stream, late
}

// retainedLate is what a list keeps of fs under keep (nil: all): the
// stream and the conflicts each filtered on their own, merged.
func retainedLate(fs []domain.Finding, keep *domain.Retention) []domain.Finding {
	stream, late := splitLate(fs)
	return domain.MergeFindings(retained(stream, keep), retained(late, keep))
}

func retained(fs []domain.Finding, keep *domain.Retention) []domain.Finding {
	if keep == nil {
		return fs
	}
	filter := domain.NewRetentionFilter(*keep)
	var out []domain.Finding
	for i := range fs {
		if filter.Keep(&fs[i]) {
			out = append(out, fs[i])
		}
	}
	return out
}

// checkKept checks that fs yields want, through All and through its parts
// read at the same time.
func checkKept(t *testing.T, name string, fs domain.Findings, want []domain.Finding) {
	t.Helper()
	if got := domain.Collect(fs); !reflect.DeepEqual(got, want) && len(got)+len(want) > 0 {
		t.Errorf("%s: %d findings, want %d", name, len(got), len(want))
		return
	}
	if got := readParts(fs.(*spillList).Parts()); !reflect.DeepEqual(got, want) && len(got)+len(want) > 0 {
		t.Errorf("%s: the parts read %d findings, want %d", name, len(got), len(want))
	}
	if err := fs.Err(); err != nil {
		t.Errorf("%s: %v", name, err)
	}
}

// readParts reads every part on a goroutine of its own and returns copies
// of the findings (a part's are valid only while it is read), in order.
func readParts(parts []iter.Seq[*domain.Finding]) []domain.Finding {
	got := make([][]domain.Finding, len(parts))
	var wg sync.WaitGroup
	for i, part := range parts {
		wg.Go(func() {
			for f := range part {
				got[i] = append(got[i], ownCopy(f))
			}
		})
	}
	wg.Wait()
	return slices.Concat(got...)
}

// TestSpillTailLargerThanSpillAt adds a stream and then a tail of findings
// to spill lists whose tail outgrows memory: with the stream in memory
// until the tail comes, with the stream already in the file, with no
// stream, and all in memory. Every way of reading yields the merge of the
// two, again and again, and each tail part merges into one part of the
// stream.
func TestSpillTailLargerThanSpillAt(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, tc := range []struct {
		name                   string
		spill, part            int
		streamRows, tailRows   int
		wantFile, wantTailFile bool
	}{
		{"stream in memory, the tail spills it", 200, 16, 30, 600, true, true},
		{"stream in the file", 10, 7, 300, 500, true, true},
		{"no stream", 10, 5, 0, 300, true, true},
		{"one finding a part", 3, 1, 20, 40, true, true},
		{"all in memory", 1 << 20, 16, 300, 500, false, false},
		{"tail in memory", 1000, 16, 50, 20, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			savedSpill, savedPart := spillAt, partSize
			spillAt, partSize = tc.spill, tc.part
			defer func() { spillAt, partSize = savedSpill, savedPart }()
			stream, tail := streamAndTail(rng, tc.streamRows, tc.tailRows)
			s := newSpillList()
			defer s.Close()
			for i := 0; i < len(stream); {
				n := min(1+rng.IntN(5), len(stream)-i)
				s.add(stream[i : i+n])
				i += n
			}
			for i := range tail {
				s.addTail(&tail[i])
			}
			if err := s.finish(nil); err != nil {
				t.Fatal(err)
			}
			if (s.file != nil) != tc.wantFile || (len(s.tailParts) > 0) != tc.wantTailFile {
				t.Fatalf("file %v, %d tail parts; want file %v, tail parts %v", s.file != nil, len(s.tailParts), tc.wantFile, tc.wantTailFile)
			}
			for i, p := range s.tailParts {
				if p.n < 1 || p.n > partSize || (i > 0 && p.span < s.tailParts[i-1].span) {
					t.Fatalf("tail part %d: %d findings, merging into part %d", i, p.n, p.span)
				}
			}
			want := domain.MergeFindings(stream, tail)
			if s.Len() != len(want) {
				t.Errorf("Len() = %d, want %d", s.Len(), len(want))
			}
			for pass := range 2 {
				if got := domain.Collect(s); !reflect.DeepEqual(got, want) {
					t.Fatalf("pass %d: All read %d findings, not the %d merged in order", pass, len(got), len(want))
				}
				if got := readParts(s.Parts()); !reflect.DeepEqual(got, want) {
					t.Fatalf("pass %d: the parts read %d findings, not the %d merged in order", pass, len(got), len(want))
				}
			}
			// Stopping early is allowed.
			n := 0
			for range s.All() {
				if n++; n == len(want)/2 {
					break
				}
			}
			if err := s.Err(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestSpillTailReadError: a tail part that cannot be read back stops the
// reading, and Err says why.
func TestSpillTailReadError(t *testing.T) {
	savedSpill, savedPart := spillAt, partSize
	spillAt, partSize = 10, 8
	defer func() { spillAt, partSize = savedSpill, savedPart }()
	stream, tail := streamAndTail(rand.New(rand.NewPCG(7, 8)), 50, 100)
	s := newSpillList()
	defer s.Close()
	s.add(stream)
	for i := range tail {
		s.addTail(&tail[i])
	}
	if err := s.finish(nil); err != nil {
		t.Fatal(err)
	}
	s.tailParts[len(s.tailParts)/2].end -= 2
	if got := domain.Collect(s); len(got) >= s.Len() {
		t.Errorf("read %d of %d findings", len(got), s.Len())
	}
	if err := s.Err(); err == nil || err.Error() != "temporary findings file: unexpected EOF" {
		t.Errorf("Err() = %v", err)
	}
}

// streamAndTail makes findings in report order: a stream of 0 to 3 a row
// over streamRows rows of two files, and a tail of conflicts on tailRows
// rows among them and past them, each with a message of its own.
func streamAndTail(rng *rand.Rand, streamRows, tailRows int) (stream, tail []domain.Finding) {
	loc := func(file, row int) domain.Location {
		return domain.Location{File: fmt.Sprintf("f%d.csv", file), FileIndex: file, Row: row, Line: row + 1}
	}
	for i := range streamRows {
		l := loc(i*2/max(streamRows, 1), i+1)
		for _, rule := range []string{"consent-missing", "opted-out", "stale"}[:rng.IntN(4)] {
			stream = append(stream, domain.Finding{Rule: rule, Severity: domain.Warning, Loc: l, Field: domain.FieldPhone, Column: "phone",
				Value: "0712 345 678", Message: "m " + rule, Phone: fmt.Sprintf("+2547%08d", i)})
		}
	}
	rows := rng.Perm(streamRows + tailRows + 2)[:tailRows]
	slices.Sort(rows)
	for _, r := range rows {
		l := loc(min(r*2/max(streamRows, 1), 1), r+1)
		tail = append(tail, domain.Finding{Rule: rules.DuplicateConflict, Severity: domain.Error, Loc: l, Field: domain.FieldPhone,
			Column: "phone", Value: "+254700000001", Message: fmt.Sprintf("another row (%d)", rng.IntN(1000)),
			Related: []domain.Location{loc(0, rng.IntN(1000)), loc(1, rng.IntN(1000))}, Phone: "+254700000001"})
	}
	return stream, tail
}

// TestSpillTempDirError: findings that cannot go to a temporary file say
// where it was to be ($TMPDIR), not that the list could not be read.
func TestSpillTempDirError(t *testing.T) {
	savedSpill, savedPart := spillAt, partSize
	spillAt, partSize = 10, 8
	defer func() { spillAt, partSize = savedSpill, savedPart }()
	dir := filepath.Join(t.TempDir(), "missing")
	t.Setenv("TMPDIR", dir)
	stream, _ := streamAndTail(rand.New(rand.NewPCG(7, 8)), 50, 0)
	s := newSpillList()
	defer s.Close()
	s.add(stream)
	want := "keep findings out of memory: temporary file in $TMPDIR (" + dir + "): no such file or directory"
	if err := s.finish(nil); err == nil || err.Error() != want {
		t.Errorf("finish() = %v, want %s", err, want)
	}
}
