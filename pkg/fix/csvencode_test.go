package fix

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/listaudit/listaudit/pkg/csvsafe"
)

// referenceCSV is encoding/csv's Writer's record, with csvsafe's prefix
// on the cells quoted.
func referenceCSV(t testing.TB, cells []string, quoted []bool, delim rune) string {
	t.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Comma = delim
	rec := make([]string, len(cells))
	for i, c := range cells {
		rec[i] = c
		if quoted[i] {
			rec[i] = "'" + c
		}
	}
	if err := w.Write(rec); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	return b.String()
}

// encodeCSV is csvEncoder's record, written as a string and as bytes.
func encodeCSV(t testing.TB, cells []string, quoted []bool, delim rune) (string, string) {
	t.Helper()
	e, err := newCSVEncoder(delim)
	if err != nil {
		t.Fatal(err)
	}
	var s, b []byte
	for i, c := range cells {
		s = cell(&e, s, c, i == 0, quoted[i])
		b = cell(&e, b, []byte(c), i == 0, quoted[i])
	}
	return string(append(s, '\n')), string(append(b, '\n'))
}

// TestCSVEncoderMatchesEncodingCSV checks the encoder byte for byte
// against encoding/csv's Writer, on the cells that make it quote.
func TestCSVEncoderMatchesEncodingCSV(t *testing.T) {
	cells := []string{
		"", "plain", `\.`, `\.x`, "a,b", "a;b", "a\tb", `say "hi"`, `"`, `""`, "line\nbreak", "cr\rlf\r\n",
		" lead", "\tlead", "\u00a0nbsp", "\u2003em", "trail ", "+254 712 345 678", "=1+2", "'q", "é,à", "x€y", "€", "\xff\xfe", "a\xe2\x82",
	}
	for _, delim := range []rune{',', ';', '\t', '|', '\'', '€', 'é'} {
		for _, c := range cells {
			for _, q := range []bool{false, true} {
				for _, rec := range [][]string{{c}, {c, "next"}, {"first", c}, {c, c, c}} {
					quoted := make([]bool, len(rec))
					for i := range quoted {
						quoted[i] = q
					}
					want := referenceCSV(t, rec, quoted, delim)
					s, b := encodeCSV(t, rec, quoted, delim)
					if s != want || b != want {
						t.Errorf("delim %q, cells %q, quote %v: got %q (bytes %q), want %q", delim, rec, q, s, b, want)
					}
				}
			}
		}
	}
}

func TestCSVEncoderRefusesInvalidDelimiters(t *testing.T) {
	for _, d := range []rune{0, '"', '\r', '\n', 0xFFFD, -1, 0x110000} {
		if _, err := newCSVEncoder(d); err == nil {
			t.Errorf("delimiter %q accepted", d)
		}
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		w.Comma = d
		if err := w.Write([]string{"x"}); err == nil || err.Error() != errInvalidDelim.Error() {
			t.Errorf("delimiter %q: encoding/csv says %v, the encoder %v", d, err, errInvalidDelim)
		}
	}
}

// FuzzCSVEncoder compares the encoder with encoding/csv's Writer on any
// cells: the record is the input split at '|', each cell quoted by
// csvsafe as the outputs are.
func FuzzCSVEncoder(f *testing.F) {
	for _, s := range []string{"a|b", `\.|x`, " a|\"b\"|c\nd", "=x|+1 555|-\r", "€|é|\u0085x", "\x00|\xff"} {
		f.Add(s, ',')
		f.Add(s, '€')
		f.Add(s, ';')
	}
	f.Fuzz(func(t *testing.T, s string, delim rune) {
		if _, err := newCSVEncoder(delim); err != nil {
			return
		}
		cells := strings.Split(s, "|")
		quoted := make([]bool, len(cells))
		for i, c := range cells {
			quoted[i] = csvsafe.NeedsQuote(c)
		}
		want := referenceCSV(t, cells, quoted, delim)
		if got, b := encodeCSV(t, cells, quoted, delim); got != want || b != want {
			t.Fatalf("cells %q delim %q: got %q (bytes %q), want %q", cells, delim, got, b, want)
		}
	})
}

// TestHasQuotableAtEveryOffset puts each byte that needs quoting, and
// bytes next to them, at every offset of cells up to three words long:
// the eight-byte test must agree with a byte-by-byte look.
func TestHasQuotableAtEveryOffset(t *testing.T) {
	for _, delim := range []byte{',', ';', '\t', '|', '\''} {
		for _, c := range []byte{'\n', '\r', '"', delim, 0, 0x0b, 0x0c, '!', '#', 0x80, 0xff, delim - 1, delim + 1} {
			for n := 1; n <= 24; n++ {
				for at := 0; at < n; at++ {
					cell := []byte(strings.Repeat("a", n))
					cell[at] = c
					want := strings.ContainsAny(string(cell), "\n\r\"") || bytes.IndexByte(cell, delim) >= 0
					if got := hasQuotable(cell, delim); got != want {
						t.Errorf("hasQuotable(%q, %q) = %v, want %v", cell, delim, got, want)
					}
					if got := hasQuotable(string(cell), delim); got != want {
						t.Errorf("hasQuotable(string %q, %q) = %v, want %v", cell, delim, got, want)
					}
				}
			}
		}
	}
}
