package audit

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/listaudit/listaudit/pkg/domain"
)

// TestSpilledFindingsReadBackTheSame audits a list once with findings in
// memory and once spilled to a temporary file after 100 findings: reports
// must read the same findings, in the same order, as often as they ask.
func TestSpilledFindingsReadBackTheSame(t *testing.T) {
	path := writeFile(t, t.TempDir(), "list.csv", generateList(3000))
	inMemory, err := Run(context.Background(), []string{path}, testOptions(2))
	if err != nil {
		t.Fatal(err)
	}
	defer inMemory.Close()
	saved := spillAt
	spillAt = 100
	defer func() { spillAt = saved }()
	spilled, err := Run(context.Background(), []string{path}, testOptions(2))
	if err != nil {
		t.Fatal(err)
	}
	list := spilled.Findings.(*spillList)
	if list.file == nil {
		t.Fatal("the findings were not spilled")
	}
	want := domain.Collect(inMemory.Findings)
	if len(want) < 1000 {
		t.Fatalf("only %d findings: the test needs more than spill size", len(want))
	}
	for pass := range 2 {
		if got := domain.Collect(spilled.Findings); !reflect.DeepEqual(got, want) {
			t.Fatalf("pass %d: spilled findings differ from in-memory ones", pass)
		}
	}
	if spilled.Findings.Len() != len(want) || !reflect.DeepEqual(spilled.Summary, inMemory.Summary) {
		t.Errorf("len %d, summary %+v; want %d, %+v", spilled.Findings.Len(), spilled.Summary, len(want), inMemory.Summary)
	}
	// Stopping early is allowed.
	n := 0
	for range spilled.Findings.All() {
		if n++; n == 10 {
			break
		}
	}
	if err := list.Err(); err != nil {
		t.Fatal(err)
	}
	// The temporary file is gone from the directory from the start.
	if matches, _ := filepath.Glob(filepath.Join(os.TempDir(), "listaudit-findings-*")); len(matches) != 0 {
		t.Errorf("temporary files left visible: %v", matches)
	}
	if err := spilled.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestSpillListMergesTheTail(t *testing.T) {
	saved := spillAt
	spillAt = 1
	defer func() { spillAt = saved }()
	s := newSpillList()
	at := func(row int, rule string) domain.Finding {
		return domain.Finding{Rule: rule, Loc: domain.Location{File: "a.csv", Row: row}, Field: domain.FieldNone,
			Related: []domain.Location{{File: "a.csv", Row: 1}}, Message: "m", Value: "v\x00\xff", Phone: "+254"}
	}
	s.add([]domain.Finding{at(1, "b"), at(3, "a")})
	s.add([]domain.Finding{at(5, "a")})
	if err := s.finish([]domain.Finding{at(1, "a"), at(4, "z"), at(9, "x")}); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var got []string
	for f := range s.All() {
		got = append(got, f.Rule+string(rune('0'+f.Loc.Row)))
	}
	if want := []string{"a1", "b1", "a3", "z4", "a5", "x9"}; !reflect.DeepEqual(got, want) {
		t.Errorf("order = %v, want %v", got, want)
	}
	if fs := domain.Collect(s); fs[0].Value != "v\x00\xff" || fs[0].Field != domain.FieldNone || len(fs[0].Related) != 1 {
		t.Errorf("round trip lost data: %+v", fs[0])
	}
}

// TestSpilledWorkbookLocations: a workbook's locations (sheet and cell
// column, on the finding and its related rows) read back as written, and
// a text file's beside them keep none.
func TestSpilledWorkbookLocations(t *testing.T) {
	saved := spillAt
	spillAt = 1
	defer func() { spillAt = saved }()
	s := newSpillList()
	book := func(row, col int) domain.Location {
		return domain.Location{File: "b.xlsx", FileIndex: 1, Row: row, Line: row + 1, Sheet: "Opt-ins 2025", Col: col}
	}
	want := []domain.Finding{
		{Rule: "a", Loc: domain.Location{File: "a.csv", Row: 1, Line: 2}, Message: "m"},
		{Rule: "a", Loc: book(1, 5), Message: "m"},
		{Rule: "b", Loc: book(1, 2), Message: "m"}, // the same row, another cell
		{Rule: "c", Loc: book(1, 0), Message: "m"}, // the row
		{Rule: "d", Loc: book(2, 5), Message: "m", Related: []domain.Location{book(1, 5), {File: "a.csv", Row: 1, Line: 2}}},
	}
	s.add(want)
	if err := s.finish(nil); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.file == nil {
		t.Fatal("the findings were not spilled")
	}
	if got := domain.Collect(s); !reflect.DeepEqual(got, want) {
		t.Errorf("read back:\n%+v\nwant\n%+v", got, want)
	}
}

// TestSpillPartsReadTogether reads a spilled list's parts on goroutines of
// their own, at several part sizes, with tail findings that sort into the
// first, a middle and the last part: the parts in order must be All.
func TestSpillPartsReadTogether(t *testing.T) {
	path := writeFile(t, t.TempDir(), "list.csv", generateList(2000))
	ref, err := Run(context.Background(), []string{path}, testOptions(2))
	if err != nil {
		t.Fatal(err)
	}
	inMemory := domain.Collect(ref.Findings)
	for _, spill := range []int{1 << 30, 50} {
		for _, size := range []int{1, 7, 100, 1 << 20} {
			// Small parts with a strings table that fills up at once.
			savedSpill, savedSize, savedInterned := spillAt, partSize, maxInterned
			spillAt, partSize = spill, size
			if size < 10 {
				maxInterned = 8
			}
			res, err := Run(context.Background(), []string{path}, testOptions(2))
			spillAt, partSize, maxInterned = savedSpill, savedSize, savedInterned
			if err != nil {
				t.Fatal(err)
			}
			all := domain.Collect(res.Findings)
			if !reflect.DeepEqual(all, inMemory) {
				t.Fatalf("spill at %d, parts of %d: the findings read back differ from those held in memory", spill, size)
			}
			list := res.Findings.(*spillList)
			// A tail before everything, between rows and after everything.
			list.tail = []domain.Finding{
				{Rule: "a", Loc: domain.Location{File: "x", Row: 0}},
				{Rule: "zz", Loc: domain.Location{File: "x", Row: all[len(all)/2].Loc.Row}},
				{Rule: "zz", Loc: domain.Location{File: "x", Row: 1 << 30}},
			}
			want := domain.MergeFindings(all, list.tail)
			parts := list.Parts()
			joined := readParts(parts)
			if err := list.Err(); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(joined, want) {
				t.Errorf("spill at %d, parts of %d: %d parts read %d findings, want the %d of All in order", spill, size, len(parts), len(joined), len(want))
			}
			if spill == 50 && size == 7 && len(parts) != (len(all)+6)/7 {
				t.Errorf("%d parts for %d findings in parts of 7", len(parts), len(all))
			}
			if !reflect.DeepEqual(domain.Collect(res.Findings), want) {
				t.Errorf("spill at %d, parts of %d: All differs from the merge", spill, size)
			}
			res.Close()
		}
	}
}

// ownCopy copies f and every string in it, so it outlives the memory a
// part is read into.
func ownCopy(f *domain.Finding) domain.Finding {
	c := *f
	c.Rule, c.Column, c.Value, c.Message, c.Phone = strings.Clone(f.Rule), strings.Clone(f.Column), strings.Clone(f.Value), strings.Clone(f.Message), strings.Clone(f.Phone)
	c.Loc.File = strings.Clone(f.Loc.File)
	c.Related = slices.Clone(f.Related)
	for i := range c.Related {
		c.Related[i].File = strings.Clone(c.Related[i].File)
	}
	return c
}

// TestSpillReadErrorIsKept truncates the temporary file under a spilled
// list: reading stops early and Err says why, so no report is written
// from half the findings.
func TestSpillReadErrorIsKept(t *testing.T) {
	path := writeFile(t, t.TempDir(), "list.csv", generateList(2000))
	saved := spillAt
	spillAt = 10
	res, err := Run(context.Background(), []string{path}, testOptions(2))
	spillAt = saved
	if err != nil {
		t.Fatal(err)
	}
	defer res.Close()
	list := res.Findings.(*spillList)
	// A part that ends inside a finding, then a file that ends early.
	last := &list.parts[len(list.parts)-1]
	last.end -= 3
	if n := len(domain.Collect(res.Findings)); n >= res.Findings.Len() {
		t.Errorf("read %d of %d findings from a short part", n, res.Findings.Len())
	}
	if err := res.FindingsErr(); err == nil || err.Error() != "read findings back: temporary findings file: unexpected EOF" {
		t.Errorf("FindingsErr() = %v", err)
	}
	last.end += 3
	list.readErr = nil
	if err := list.file.Truncate(list.size - 3); err != nil {
		t.Fatal(err)
	}
	n := len(domain.Collect(res.Findings))
	if n >= res.Findings.Len() {
		t.Errorf("read %d of %d findings from a truncated file", n, res.Findings.Len())
	}
	if err := res.FindingsErr(); err == nil || err.Error() != "read findings back: temporary findings file: unexpected EOF" {
		t.Errorf("FindingsErr() = %v", err)
	}
}

// Once the strings table is full, a message interned before it filled is
// still stored by reference when it comes as a copy of its own (as a
// rule's message built again does), found in the table; others are
// stored in full. Both read back as they were.
func TestSpillRefersToInternedCopies(t *testing.T) {
	savedSpill, savedInterned := spillAt, maxInterned
	spillAt, maxInterned = 0, 4
	defer func() { spillAt, maxInterned = savedSpill, savedInterned }()
	recurring := strings.Repeat("consent given 2023-06-03 is 957 days old ", 4)
	finding := func(row int, msg string) domain.Finding {
		return domain.Finding{Rule: "consent-expired", Severity: domain.Warning, Loc: domain.Location{File: "list.csv", Row: row, Line: row + 1}, Message: msg}
	}
	size := func(msg func(row int) string) (int64, []domain.Finding) {
		l := newSpillList()
		defer l.Close()
		// The first findings fill the table: the recurring message, then
		// unique ones.
		var fs []domain.Finding
		for row := 1; row <= 1000; row++ {
			m := msg(row)
			if row == 1 {
				m = strings.Clone(recurring)
			} else if row <= 4 {
				m = fmt.Sprint("unique ", row)
			}
			fs = append(fs, finding(row, m))
		}
		l.add(fs)
		if err := l.finish(nil); err != nil {
			t.Fatal(err)
		}
		if got := domain.Collect(l); !reflect.DeepEqual(got, fs) {
			t.Fatal("the findings read back differ")
		}
		return l.size, fs
	}
	copies, _ := size(func(int) string { return strings.Clone(recurring) })
	unique, _ := size(func(row int) string { return recurring[:len(recurring)-4] + fmt.Sprintf("%04d", row) })
	// Each unique message costs its length; a reference, a byte or two.
	if saved := unique - copies; saved < 996*int64(len(recurring)-2) {
		t.Errorf("copies of an interned message take %d bytes, unique messages %d: the copies were stored in full", copies, unique)
	}
}
