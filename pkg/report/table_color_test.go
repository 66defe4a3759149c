package report

import (
	"strings"
	"testing"
)

// TestTableColourResets: on a terminal every colour the table starts it
// ends once, in the rule counts and the findings alike: no reset is left
// over after a coloured cell's padding.
func TestTableColourResets(t *testing.T) {
	for _, width := range []int{80, 160} {
		out := string(render(t, "table", fixture(), Options{Color: true, Width: width}))
		if n, m := strings.Count(out, "\x1b[0m"), strings.Count(out, "\x1b[3"); n != m {
			t.Errorf("width %d: %d resets for %d colours:\n%q", width, n, m, out)
		}
		for _, want := range []string{
			"  consent-missing     \x1b[31merror\x1b[0m         1\n",
			"  value-invalid       \x1b[36minfo\x1b[0m          2\n",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("width %d: no line %q in\n%q", width, want, out)
			}
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"a \x1b[31merror\x1b[0m   \x1b[0m 1", "a \x1b[31merror\x1b[0m    1"},
		{"\x1b[0mplain", "plain"},
		{"no codes", "no codes"},
		{"\x1b[33mw\x1b[0m \x1b[36mi\x1b[0m", "\x1b[33mw\x1b[0m \x1b[36mi\x1b[0m"},
	} {
		if got := dropStrayResets(tc.in); got != tc.want {
			t.Errorf("dropStrayResets(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
