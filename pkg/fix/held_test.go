package fix

import "testing"

func TestRawCell(t *testing.T) {
	for _, tc := range []struct {
		name        string
		raw         int
		keys, cells []string
		want        string
	}{
		{"no column", -1, nil, []string{"a", "b"}, ""},
		{"positional", 1, nil, []string{"a", "2,x"}, "2,x"},
		{"short record", 2, nil, []string{"a"}, ""},
		{"named", 0, []string{"phone", ColRaw}, []string{"+1", "{"}, "{"},
		{"named, not in this record", 0, []string{"phone"}, []string{"+1"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fl := fileLayout{raw: tc.raw}
			if got := fl.rawCell(tc.keys, tc.cells); got != tc.want {
				t.Errorf("rawCell = %q, want %q", got, tc.want)
			}
		})
	}
}
