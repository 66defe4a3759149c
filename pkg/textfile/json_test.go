package textfile

import "testing"

// jsonVerbatimLenByByte is JSONVerbatimLen a byte at a time: the reference.
func jsonVerbatimLenByByte(s string) int {
	i := 0
	for i < len(s) && s[i] >= 0x20 && s[i] < 0x80 && s[i] != '"' && s[i] != '\\' {
		i++
	}
	return i
}

func TestJSONVerbatimLen(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"plain", 5},
		{"eight by", 8},
		{"0123456789abcdef", 16},
		{"0123456789abcdef\x1f", 16},
		{"!!!!!!!!\x7f~~~~~~~~\"", 17},
		{"[[[[[[[[\\", 8},
		{"a\"b", 1},
		{"José", 3},
		{"\xff", 0},
		{"tab\there", 3},
		{" ~ ", 3},
		{"0123456789", 10}, // the last eight bytes overlap the first
		{"012345678\"", 9}, // a quote only the last eight hold
		{"01234567\x80a", 8},
		{"0123456789abcdef01234\\", 21},
	}
	for _, tc := range tests {
		if got := JSONVerbatimLen(tc.in); got != tc.want {
			t.Errorf("JSONVerbatimLen(%q) = %d, want %d", tc.in, got, tc.want)
		}
		if got := JSONVerbatimLen([]byte(tc.in)); got != tc.want {
			t.Errorf("JSONVerbatimLen([]byte(%q)) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

func FuzzJSONVerbatimLen(f *testing.F) {
	for _, s := range []string{"a", "\"\\", "\u2028", "\xff", "\x00<>&", "eight by", "0123456789abcdef\x1f", "!!!!!!!!\x7f~~~~~~~~\"", "[[[[[[[[\\"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := JSONVerbatimLen(s), jsonVerbatimLenByByte(s); got != want {
			t.Fatalf("JSONVerbatimLen(%q) = %d, want %d", s, got, want)
		}
	})
}
