package phone

import (
	"slices"
	"strconv"
	"testing"
)

// nk is the NationalKey of digits, for the tables below.
func nk(digits string) uint64 {
	k, err := strconv.ParseUint("1"+digits, 10, 64)
	if err != nil {
		panic(err)
	}
	return k
}

func TestNationalKey(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want uint64
	}{
		{"07911 123456", nk("07911123456")},
		{"06 12 34 56 78", nk("0612345678")},
		{"(020) 7946-0000", nk("02079460000")},
		{"0712.345.678", nk("0712345678")},
		{"\u200e0712 345678\u200e", nk("0712345678")},
		{"712345678", nk("712345678")},
		{"+254712345678", 0},
		{"call 0712345678", 0},
		{"", 0},
		{"1234567890123456789", 0}, // 19 digits
	} {
		if got := NationalKey(tc.in); got != tc.want {
			t.Errorf("NationalKey(%q) = %d; want %d", tc.in, got, tc.want)
		}
	}
}

// TestDialledOut: 00 and a country code is + and the rest, looked at as
// Parse looks at a cell (Clean): a mark before the 00, or Excel's ="…"
// around the number, changes nothing; 000 (Kenya's own prefix) and any
// other cell are not dialled out.
// TestSeveralNumbers: digits after a ';' that follows a number are
// another number, unless they are one of RFC 3966's parameters.
func TestSeveralNumbers(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"0712345601;0712345602", true},
		{"00254712345601; 00254712345602", true},
		{"+254712345601;+254712345602", true},
		{"+254712345601 ; (0712) 345 602", true},
		{"+254712345601;ext=5", false},
		{"+254712345601;EXT=123", false},
		{"tel:+254712345601;isub=1234", false},
		{"712345601;phone-context=+254", false},
		{"+254712345601;", false},
		{"+254712345601;x12", false}, // two digits are no number
		{";0712345602", false},       // nothing before
		{"0712345601", false},
	} {
		if got := SeveralNumbers(tc.in); got != tc.want {
			t.Errorf("SeveralNumbers(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestDialledOut(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"00254712345604", "+254712345604", true},
		{" 0044 7911 123456 ", "+44 7911 123456", true},
		// Digits libphonenumber reads as ASCII ones (QA28c F3).
		{"００２５４７１２３４５６０４", "+２５４７１２３４５６０４", true},
		{"٠٠٢٥٤٧١٢٣٤٥٦٠٤", "+٢٥٤٧١٢٣٤٥٦٠٤", true},
		{"۰۰254712345604", "+254712345604", true},
		{"0０254712345604", "+254712345604", true},
		{"０００254712345604", "", false},                          // 000 is no 00 and a country code
		{"०0254712345604", "", false},                           // Devanagari zero: the library does not read it as 0
		{"\u200e00254712345604", "+254712345604", true},         // left-to-right mark
		{"\u200b00 254 712 345 604", "+ 254 712 345 604", true}, // zero-width space
		{"\ufeff00254712345604", "+254712345604", true},         // a stray BOM
		{"\u202a00254712345604\u202c", "+254712345604", true},   // embedding, pop
		{"\u202e00254712345604", "+254712345604", true},         // right-to-left override
		{"00254712345604\u200e", "+254712345604", true},
		{`="00254712345604"`, "+254712345604", true}, // Excel's text formula
		{"=\" \u200e00254712345604 \"", "+254712345604", true},
		{"'00254712345604", "'+254712345604", true},             // a spreadsheet's text marker
		{"00254712345604.", "+254712345604.", true},             // trailing text is the parse's
		{"00254712345604 ext. 5", "+254712345604 ext. 5", true}, // as after a +
		{"(00254) 712 345 604", "(+254) 712 345 604", true},     // the first digits are the 00
		{"'000254712345604", "", false},
		{"'0712345604", "", false},
		{"7 00254712345604", "", false}, // 00 that is not the first digits
		{"'", "", false},
		{"000254712345604", "", false}, // no country code starts with 0
		{"00", "", false},
		{"+254712345604", "", false},
		{"\u200e+254712345604", "", false},
		{"0712345604", "", false},
		{`="0712345604"`, "", false},
		{"", "", false},
	} {
		if got, ok := DialledOut(tc.in); got != tc.want || ok != tc.ok {
			t.Errorf("DialledOut(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

// TestNationalKeys: a number's national forms are its national
// significant number, and that after each trunk prefix of its region, as
// libphonenumber's metadata gives them.
func TestNationalKeys(t *testing.T) {
	for _, tc := range []struct {
		e164 string
		want []string
	}{
		{"+447911123456", []string{"7911123456", "07911123456"}},                     // GG's, by libphonenumber
		{"+442079460000", []string{"2079460000", "02079460000", "1800202079460000"}}, // GB also strips 180020
		{"+33612345678", []string{"612345678", "0612345678"}},
		{"+254712345678", []string{"712345678", "0712345678"}},
		{"+79123456789", []string{"9123456789", "89123456789"}},
		{"+14155550123", []string{"4155550123", "14155550123"}},
		{"+36201234567", []string{"201234567", "06201234567"}},
		{"+390612345678", []string{"0612345678"}}, // Italy: no trunk prefix, the 0 is the number's
		{"+34612345678", []string{"612345678"}},
	} {
		n := Parse(tc.e164, "")
		if !n.Valid {
			t.Fatalf("%s is not valid", tc.e164)
		}
		var want []uint64
		for _, d := range tc.want {
			want = append(want, nk(d))
		}
		if got := NationalKeys(nil, n); !slices.Equal(got, want) {
			t.Errorf("NationalKeys(%s) = %v; want %v", tc.e164, got, want)
		}
	}
	if got := NationalKeys(nil, Parse("0712", "KE")); got != nil {
		t.Errorf("NationalKeys(invalid) = %v; want none", got)
	}
}

// TestNationalKeysAllocateNothing: rows ask when a list has national
// entries; a caller's array keeps them off the heap.
func TestNationalKeysAllocateNothing(t *testing.T) {
	n := Parse("+447911123456", "")
	if a := testing.AllocsPerRun(100, func() {
		var buf [4]uint64
		_ = NationalKeys(buf[:0], n)
	}); a != 0 {
		t.Errorf("NationalKeys allocates %v times", a)
	}
}
