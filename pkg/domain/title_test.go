package domain

import "testing"

// TestTitleLines: the title breaks at its separators, or before a
// parenthesis, to fit the width, never inside a part.
func TestTitleLines(t *testing.T) {
	parts := []string{"listaudit dev", "audited as of 2026-01-15 (generated 2026-12-06)", "fail-on: error"}
	for _, tc := range []struct {
		width int
		want  string
	}{
		{100, "listaudit dev · audited as of 2026-01-15 (generated 2026-12-06) · fail-on: error\n"},
		{80, "listaudit dev · audited as of 2026-01-15 (generated 2026-12-06) · fail-on: error\n"},
		{79, "listaudit dev · audited as of 2026-01-15 (generated 2026-12-06)\nfail-on: error\n"},
		{60, "listaudit dev · audited as of 2026-01-15\n(generated 2026-12-06) · fail-on: error\n"},
		{30, "listaudit dev\naudited as of 2026-01-15\n(generated 2026-12-06)\nfail-on: error\n"},
		{10, "listaudit dev\naudited as of 2026-01-15\n(generated 2026-12-06)\nfail-on: error\n"},
	} {
		if got := TitleLines(parts, tc.width); got != tc.want {
			t.Errorf("width %d:\n%s\nwant\n%s", tc.width, got, tc.want)
		}
	}
}
