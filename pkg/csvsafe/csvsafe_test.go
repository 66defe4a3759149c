package csvsafe

import "testing"

func TestCell(t *testing.T) {
	for in, want := range map[string]string{
		"":                "",
		"plain":           "plain",
		"=1+2":            "'=1+2",
		"+254712345678":   "'+254712345678",
		"-5":              "'-5",
		"@SUM(A1)":        "'@SUM(A1)",
		"\tx":             "'\tx",
		"\rx":             "'\rx",
		" =not-first":     " =not-first",
		"'already quoted": "''already quoted",
	} {
		if got := Cell(in); got != want {
			t.Errorf("Cell(%q) = %q, want %q", in, got, want)
		}
		if NeedsQuote(in) != (Cell(in) != in) {
			t.Errorf("NeedsQuote(%q) disagrees with Cell", in)
		}
	}
}

func TestPhoneNumber(t *testing.T) {
	for in, want := range map[string]bool{
		"+254712345678":         true,
		"+1 (555) 010-9999":     true,
		"+44 20.7946.0018":      true,
		"+(254) 712 345 678":    true,
		"":                      false,
		"+":                     false,
		"+ ()-.":                false,
		"254712345678":          false,
		"0712 345 678":          false,
		"-254712345678":         false,
		"=254712345678":         false,
		"+1+1":                  false,
		"+254712345678\n":       false,
		"+254712345678\t":       false,
		"+2547123456e3":         false,
		"+cmd|' /C calc'!A0":    false,
		"+SUM(1,2)":             false,
		"+254 712 345 678;=1+2": false,
		"+\u00a0254712345678":   false,
		"+２５４７１２３４５６７８":         false,
	} {
		if got := PhoneNumber(in); got != want {
			t.Errorf("PhoneNumber(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestUncell(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"'", "'"},
		{"plain", "plain"},
		{"'=1+2", "=1+2"},
		{"'+254712345678", "+254712345678"},
		{"'-5", "-5"},
		{"'@SUM(A1)", "@SUM(A1)"},
		{"'\tno", "\tno"},
		{"'\r2026-11-01", "\r2026-11-01"},
		{"''already quoted", "'already quoted"},
		{"''", "'"},
		{"'''=x", "''=x"},
		// Not written by Cell: kept as typed.
		{"'no", "'no"},
		{"'0712345678", "'0712345678"},
		{"' =x", "' =x"},
		{"'\n", "'\n"},
		{"=1+2", "=1+2"},
	} {
		if got := Uncell(tc.in); got != tc.want {
			t.Errorf("Uncell(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestUncellInvertsCell holds Uncell to being Cell's inverse, and Cell of
// Uncell to giving back every cell Cell wrote: what makes listaudit fix
// of its own output write it unchanged.
func TestUncellInvertsCell(t *testing.T) {
	for _, s := range []string{"", "'", "''", "x", "'x", "''x", "=", "=1", "+1", "-", "@a", "\t", "\tx", "\r", "\rx", "'=1", "''=1", " =1", "'\n"} {
		c := Cell(s)
		if got := Uncell(c); got != s {
			t.Errorf("Uncell(Cell(%q)) = %q", s, got)
		}
		if got := Cell(Uncell(c)); got != c {
			t.Errorf("Cell(Uncell(%q)) = %q", c, got)
		}
	}
}

func TestTypedNumber(t *testing.T) {
	for in, want := range map[string]bool{
		"'0712 345 678":    true,
		"'(0712) 345.678":  true,
		"'0712-345-678":    true,
		"'+254712345678":   false, // the guard before a +
		"'-0712345678":     false, // the guard before a -
		"''0712":           false,
		"'":                false,
		"' ":               false,
		"'no":              false,
		"'0712=1+2":        false,
		"0712 345 678":     false,
		"'0712 345 678\n":  false,
		"'2026-06-01":      true,
		"'2026-06-01T10:0": false,
	} {
		if got := TypedNumber(in); got != want {
			t.Errorf("TypedNumber(%q) = %v, want %v", in, got, want)
		}
	}
}
