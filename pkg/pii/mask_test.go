package pii

import (
	"math/rand/v2"
	"testing"
	"unicode/utf8"
)

func TestMaskNumber(t *testing.T) {
	tests := map[string]string{
		"+254712345678": "+2547******78",
		"+12025550143":  "+12*******43",
		"+447911123456": "+447*******56",
		"+3531234":      "+353****",
		"+35312345678":  "+3531*****78",
		"0712 345 678":  "0*** *** *78",
		"john@example":  "****@*******",
		"12345":         "1****",
		"":              "",
	}
	for in, want := range tests {
		if got := MaskNumber(in); got != want {
			t.Errorf("MaskNumber(%q) = %q, want %q", in, got, want)
		}
		if got := string(AppendMaskedNumber([]byte("x"), in)); got != "x"+want {
			t.Errorf("AppendMaskedNumber(x, %q) = %q, want %q", in, got, "x"+want)
		}
	}
}

func TestMaskText(t *testing.T) {
	tests := map[string]string{
		"call 0712 345 678": "**** 0*** *** *78",
		"+254712345601":     "+2*********01",
		"Jürgen 12":         "****** 1*",
		"12345":             "1****",
		"":                  "",
	}
	for in, want := range tests {
		if got := MaskText(in); got != want {
			t.Errorf("MaskText(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzMaskNumber checks that masking any cell keeps its shape (one
// character for one) and that the Append form writes the same.
func FuzzMaskNumber(f *testing.F) {
	for _, s := range []string{"+254712345678", "0712 345678", "00254712345678", "+1 (202) 555-0143 ext. 5", "abc", "+", "٠٧١٢٣٤٥٦٧٨", "tel:+254712345678", "\xff+1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := MaskNumber(s)
		if utf8.RuneCountInString(got) != utf8.RuneCountInString(s) {
			t.Fatalf("MaskNumber(%q) = %q: not one character for one", s, got)
		}
		if again := string(AppendMaskedNumber([]byte("ab"), s)); again != "ab"+got {
			t.Fatalf("AppendMaskedNumber(ab, %q) = %q, want %q", s, again, "ab"+got)
		}
	})
}

// FuzzMaskASCII checks that the ASCII fast path masks as the rune by rune
// one does.
func FuzzMaskASCII(f *testing.F) {
	for _, s := range []string{"call 0712 345 678", "+1 (202) 555-0143 ext. 5", "12345", "AZaz@[`{09", "\x00\x7f/:"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b := []byte(s)
		for i := range b {
			b[i] &= 0x7f
		}
		s = string(b)
		digits := 0
		for _, c := range b {
			if c >= '0' && c <= '9' {
				digits++
			}
		}
		got := []byte(s)
		maskASCII(got, s, digits)
		if want := appendMaskedRunes(nil, s, digits); string(got) != string(want) {
			t.Fatalf("maskASCII(%q) = %q, want %q", s, got, want)
		}
	})
}

// TestMaskASCIIMatchesRunes holds the word-at-a-time ASCII path to the
// rune by rune one on random cells of every length up to five words, of
// digits mostly, with letters and the bytes next to the digits' and
// letters' ranges.
func TestMaskASCIIMatchesRunes(t *testing.T) {
	const alphabet = "0123456789012345678901234567890123456789 +-()/:@[`{AZaz\x00\x7f"
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		b := make([]byte, rng.IntN(41))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		s := string(b)
		digits := 0
		for _, c := range b {
			if c >= '0' && c <= '9' {
				digits++
			}
		}
		if got, want := AppendMaskedText([]byte("x"), s), appendMaskedRunes([]byte("x"), s, digits); string(got) != string(want) {
			t.Fatalf("AppendMaskedText(x, %q) = %q, want %q", s, got, want)
		}
	}
}

// BenchmarkMaskText masks phone cells as lists write them when not in
// E.164 form, as the json report does for every such finding.
func BenchmarkMaskText(b *testing.B) {
	cells := []string{"0712 345 678", "+44 7911 123456", "07911123456", "00254712345678", "+2547123"}
	var buf []byte
	for b.Loop() {
		for _, c := range cells {
			buf = AppendMaskedText(buf[:0], c)
		}
	}
}
