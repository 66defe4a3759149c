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
		{"0123456789abcdef0123\x01456", 20}, // only a middle eight hold it
		{"\"123456789abcdef01234567", 0},
		{"0123456789abcdef0123456\xe2", 23},
	}
	for _, tc := range tests {
		if got := JSONVerbatimLen(tc.in); got != tc.want {
			t.Errorf("JSONVerbatimLen(%q) = %d, want %d", tc.in, got, tc.want)
		}
		if got := JSONVerbatimLen([]byte(tc.in)); got != tc.want {
			t.Errorf("JSONVerbatimLen([]byte(%q)) = %d, want %d", tc.in, got, tc.want)
		}
		whole := tc.want == len(tc.in)
		if got := JSONVerbatim(tc.in); got != whole {
			t.Errorf("JSONVerbatim(%q) = %t, want %t", tc.in, got, whole)
		}
		if got := JSONVerbatim([]byte(tc.in)); got != whole {
			t.Errorf("JSONVerbatim([]byte(%q)) = %t, want %t", tc.in, got, whole)
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
		if got, want := JSONVerbatim(s), jsonVerbatimLenByByte(s) == len(s); got != want {
			t.Fatalf("JSONVerbatim(%q) = %t, want %t", s, got, want)
		}
	})
}
