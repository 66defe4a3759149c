package domain

import "testing"

// TestMarks: with ascii, listaudit's own marks become ASCII and letters
// stay; without, nothing changes.
func TestMarks(t *testing.T) {
	for _, tc := range []struct {
		ascii    bool
		in, want string
	}{
		{true, "listaudit dev · 2026-01-15 · fail-on: error", "listaudit dev - 2026-01-15 - fail-on: error"},
		{true, "sha256 c13c969e0226…", "sha256 c13c969e0226..."},
		{true, "✓ PASSED: 0 errors", "PASSED: 0 errors"},
		{true, "✗ the input FAILED: 1 error", "the input FAILED: 1 error"},
		{true, "lines 3–7, 08:00–21:00 — a → b", "lines 3-7, 08:00-21:00 - a -> b"},
		{true, "Fla. Stat. §501.616(6)(a), © 2026", "Fla. Stat. Sec. 501.616(6)(a), (c) 2026"},
		{true, "José Müller, Zoë, 東京", "José Müller, Zoë, 東京"},
		{true, "plain ASCII", "plain ASCII"},
		{false, "✓ PASSED · sha256 c13c969e0226…", "✓ PASSED · sha256 c13c969e0226…"},
	} {
		if got := Marks(tc.ascii, tc.in); got != tc.want {
			t.Errorf("Marks(%v, %q) = %q, want %q", tc.ascii, tc.in, got, tc.want)
		}
	}
}
