package textfile

import (
	"slices"
	"testing"
)

// TestEncodingAliases: every alias names one of Encodings, is none of
// them, and is read as the encoding it names.
func TestEncodingAliases(t *testing.T) {
	for alias, enc := range EncodingAliases() {
		if !slices.Contains(Encodings, enc) || slices.Contains(Encodings, alias) {
			t.Errorf("alias %q of %q", alias, enc)
		}
		if got, err := ParseEncoding(alias); got != enc || err != nil {
			t.Errorf("ParseEncoding(%q) = %q, %v; want %q", alias, got, err, enc)
		}
	}
}
