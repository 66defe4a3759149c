package audit

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
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
