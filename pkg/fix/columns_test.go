package fix

import (
	"slices"
	"strconv"
	"testing"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/input"
)

// csvInfo describes a CSV input whose header maps cols (field: header).
func csvInfo(keys []string, cols map[domain.Field]string) input.Info {
	info := input.Info{Format: input.FormatCSV, Header: keys, Keys: keys}
	for f, h := range cols {
		info.Columns[f] = h
	}
	return info
}

func TestLayoutNamesMappedColumns(t *testing.T) {
	byAlias := csvInfo([]string{"phone", "opted_out"}, map[domain.Field]string{domain.FieldPhone: "phone", domain.FieldOptedOut: "opted_out"})
	mapped := csvInfo([]string{"phone", "Status"}, map[domain.Field]string{domain.FieldPhone: "phone", domain.FieldOptedOut: "Status"})
	lower := csvInfo([]string{"phone", "status"}, map[domain.Field]string{domain.FieldPhone: "phone", domain.FieldOptedOut: "status"})
	unmapped := csvInfo([]string{"phone", "Status"}, map[domain.Field]string{domain.FieldPhone: "phone"})
	evidence := csvInfo([]string{"phone", "Status"}, map[domain.Field]string{domain.FieldPhone: "phone", domain.FieldEvidence: "Status"})
	status := map[domain.Field]string{domain.FieldOptedOut: "Status"}
	for _, tc := range []struct {
		name   string
		infos  []input.Info
		mapped map[domain.Field]string
		want   []string
	}{
		{"no mapping", []input.Info{byAlias, unmapped}, nil, []string{"phone", "opted_out", "Status"}},
		{"first by alias", []input.Info{byAlias, mapped}, status, []string{"phone", "Status"}},
		{"first has it", []input.Info{mapped, byAlias}, status, []string{"phone", "Status"}},
		{"spelt as the input spells it", []input.Info{byAlias, lower}, status, []string{"phone", "status"}},
		{"no input has it", []input.Info{byAlias}, status, []string{"phone", "opted_out"}},
		{"evidence column", []input.Info{byAlias, evidence}, map[domain.Field]string{domain.FieldEvidence: "Status"}, []string{"phone", "opted_out", "Status"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := newLayout(tc.infos, tc.mapped).cols; !slices.Equal(got, tc.want) {
				t.Errorf("columns %q, want %q", got, tc.want)
			}
		})
	}
}

// TestLayoutLeavesOutQuarantineColumns: a quarantine file fixed again
// brings no listaudit_* column of its own to the output.
func TestLayoutLeavesOutQuarantineColumns(t *testing.T) {
	plain := csvInfo([]string{"phone", "notes"}, map[domain.Field]string{domain.FieldPhone: "phone"})
	quar := csvInfo([]string{"phone", ColRules, "notes", ColSource, ColKept, ColRaw}, map[domain.Field]string{domain.FieldPhone: "phone"})
	l := newLayout([]input.Info{quar, plain}, nil)
	if want := []string{"phone", "notes"}; !slices.Equal(l.cols, want) {
		t.Errorf("columns %q, want %q", l.cols, want)
	}
	if want := []int{0, -1, 1, -1, -1, -1}; !slices.Equal(l.files[0].pos, want) {
		t.Errorf("positions %v, want %v", l.files[0].pos, want)
	}
}

// TestLayoutPhonesAsWritten: with --keep-phone, a later input's phone
// cell goes under the first input's phone as written, not its phone_e164
// (QA rt25s A); an input with a phone_e164 of its own keeps it there.
func TestLayoutPhonesAsWritten(t *testing.T) {
	kept := csvInfo([]string{"phone", "phone_e164"}, map[domain.Field]string{domain.FieldPhone: "phone_e164"})
	kept.PhoneFallbacks = []string{"phone"}
	mobile := csvInfo([]string{"mobile", "note"}, map[domain.Field]string{domain.FieldPhone: "mobile"})
	crm := csvInfo([]string{"Phone (E.164)", "x"}, map[domain.Field]string{domain.FieldPhone: "Phone (E.164)"})
	bare := csvInfo([]string{"phone_e164"}, map[domain.Field]string{domain.FieldPhone: "phone_e164"})
	for _, tc := range []struct {
		name  string
		infos []input.Info
		want  [][]int
	}{
		{"later list", []input.Info{kept, mobile}, [][]int{{0, 1}, {0, 2}}},
		{"later phone_e164 stays", []input.Info{kept, crm}, [][]int{{0, 1}, {1, 2}}},
		{"no phone as written", []input.Info{bare, mobile}, [][]int{{0}, {0, 1}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := newLayout(tc.infos, nil)
			l.phonesAsWritten(tc.infos)
			for i, want := range tc.want {
				if !slices.Equal(l.files[i].pos, want) {
					t.Errorf("input %d: positions %v, want %v", i, l.files[i].pos, want)
				}
			}
		})
	}
}

// TestLayoutLooksLinear: placing the inputs' columns looks at each output
// column a bounded number of times per input, however many columns share
// a header; searching all the output's columns for each made 100,000
// columns take 18 s (QA hostile F5). The columns still go where they did.
func TestLayoutLooksLinear(t *testing.T) {
	const n = 20_000
	var first, second []string
	first = append(first, "phone")
	for i := range n {
		first = append(first, "x", "c"+strconv.Itoa(i))
	}
	for i := n - 1; i >= 0; i-- {
		second = append(second, "c"+strconv.Itoa(i), "x")
	}
	second = append(second, "x", "phone") // one "x" more than the first has
	phone := map[domain.Field]string{domain.FieldPhone: "phone"}
	l := newLayout([]input.Info{csvInfo(first, phone), csvInfo(second, phone)}, nil)

	if max := 2 * (len(first) + len(second)); l.looks > max {
		t.Errorf("%d output columns looked at for %d input columns, want at most %d", l.looks, len(first)+len(second), max)
	}
	if want := append(slices.Clone(first), "x"); !slices.Equal(l.cols, want) {
		t.Errorf("%d columns, want the first input's %d and one \"x\"", len(l.cols), len(first))
	}
	pos := l.files[1].pos
	for j := 0; j < 2*n; j += 2 {
		c, x := 2*(n-1-j/2)+2, j+1 // c%d is at its place in the first, x at the first input's x in turn
		if pos[j] != c || pos[j+1] != x {
			t.Fatalf("second input's columns %d and %d go to %d and %d, want %d and %d", j, j+1, pos[j], pos[j+1], c, x)
		}
	}
	if got, want := pos[2*n:], []int{len(first), 0}; !slices.Equal(got, want) {
		t.Errorf("the extra \"x\" and phone go to %v, want %v", got, want)
	}
}
