package textfile

import (
	"slices"
	"testing"

	"golang.org/x/text/encoding/charmap"
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

// TestDetectEncoding: the whole sample decides. Valid multi-byte UTF-8
// sequences make UTF-8 whatever else the sample holds; invalid bytes
// without any make Windows-1252 (guessed) unless a byte is undefined there;
// a sequence cut by the end of the window counts for neither.
func TestDetectEncoding(t *testing.T) {
	const window = false // the sample is a window of a longer file
	tests := []struct {
		name    string
		head    string
		atEOF   bool
		enc     string
		bom     int
		guessed bool
	}{
		{"ascii", "phone,name\n1,Ann\n", true, EncodingUTF8, 0, false},
		{"pure utf-8", "phone,name\n1,J\xc3\xbcrgen\n2,Jos\xc3\xa9\n", true, EncodingUTF8, 0, false},
		{"pure windows-1252", "phone,name\n1,Ren\xe9e\n2,Fran\xe7ois \x80\n", true, EncodingWindows1252, 0, true},
		// Excel for Mac's "CSV (Macintosh)": CR line breaks, Mac OS Roman
		// (0x8E is é there, Ž in Windows-1252).
		{"CR line breaks: mac roman", "phone,name\r1,Jos\x8e\r", true, EncodingMacRoman, 0, true},
		{"CRLF: windows-1252", "phone,name\r\n1,Ren\xe9e\r\n", true, EncodingWindows1252, 0, true},
		{"CR line breaks, utf-8", "phone,name\r1,Jos\xc3\xa9\r", true, EncodingUTF8, 0, false},
		{"mixed, one bad row", "phone,name\n1,J\xc3\xbcrgen\n2,Jos\xe9\n", true, EncodingUTF8, 0, false},
		{"mixed, bad row first", "phone,name\n2,Jos\xe9\n3,Ren\xe9e\n1,J\xc3\xbcrgen\n", true, EncodingUTF8, 0, false},
		{"bad byte at the window's edge", "phone,name\n1,Jos\xe9", window, EncodingUTF8, 0, false},
		{"bad byte at the end of the file", "phone,name\n1,Jos\xe9", true, EncodingWindows1252, 0, true},
		{"mixed, bad byte at the window's edge", "1,J\xc3\xbcrgen\n2,Jos\xe9", window, EncodingUTF8, 0, false},
		{"windows-1252, bad byte at the window's edge too", "1,Ren\xe9e\n2,Jos\xe9", window, EncodingWindows1252, 0, true},
		{"cut mid-sequence", "1,J\xc3\xbcrgen\n2,M\xc3", window, EncodingUTF8, 0, false},
		{"cut mid three-byte sequence", "1,\xe2\x82\xac 5\n2,\xe2\x82", window, EncodingUTF8, 0, false},
		{"a cut sequence at the end of the file", "1,M\xc3", true, EncodingWindows1252, 0, true},
		{"undefined in windows-1252", "1,a\x81b\n", true, EncodingUTF8, 0, false},
		{"undefined in windows-1252, mixed", "1,J\xc3\xbcrgen\n2,a\x81\xe9\n", true, EncodingUTF8, 0, false},
		{"NUL", "a\x00b\x00\xe9", true, EncodingUTF8, 0, false},
		{"utf-8 BOM, a bad row", "\xef\xbb\xbfphone\n1,Jos\xe9\n", true, EncodingUTF8, 3, false},
		{"utf-16le BOM", "\xff\xfea\x00\xe9\x00", true, EncodingUTF16LE, 2, false},
		{"utf-16be BOM", "\xfe\xff\x00a\x00\xe9", true, EncodingUTF16BE, 2, false},
		// The price of the rule: Windows-1252 whose capital letter is
		// followed by a symbol (É’) forms a sequence, and reads as UTF-8;
		// its rows with other bytes above 0x7F are still read right.
		{"windows-1252 forming a sequence", "1,JOS\xc9\x92S\n2,Ren\xe9e\n", true, EncodingUTF8, 0, false},
	}
	for _, tt := range tests {
		enc, bom, guessed := DetectEncoding([]byte(tt.head), tt.atEOF)
		if enc != tt.enc || bom != tt.bom || guessed != tt.guessed {
			t.Errorf("%s: DetectEncoding(%q, %v) = %s, %d, %v; want %s, %d, %v", tt.name, tt.head, tt.atEOF, enc, bom, guessed, tt.enc, tt.bom, tt.guessed)
		}
	}
}

func TestUTF8Evidence(t *testing.T) {
	tests := []struct {
		in                 string
		atEOF              bool
		multibyte, invalid int
	}{
		{"", true, 0, 0},
		{"J\xc3\xbcrgen Jos\xc3\xa9", true, 2, 0},
		{"Jos\xe9 Ren\xe9e", true, 0, 2},
		{"\xc3\xbc\xe9\x80", true, 1, 2},
		{"\xe2\x82\xac \xf0\x9f\x98\x80", true, 2, 0},
		{"\xef\xbf\xbd", true, 1, 0},      // U+FFFD written out is valid
		{"\xed\xa0\x80", true, 0, 3},      // a surrogate is not
		{"\xc0\xaf", true, 0, 2},          // nor an overlong form
		{"ab\xc3", false, 0, 0},           // cut by the window
		{"ab\xc3", true, 0, 1},            // cut by the end of the file
		{"ab\xf0\x9f\x98", false, 0, 0},   // cut in four bytes
		{"ab\xc3(", false, 0, 1},          // not a sequence, wherever it is
		{"\xe9a\xe9", false, 0, 1},        // the last could be cut
		{"\xc3\xbc\xe9\xc3", false, 1, 1}, // counted up to the cut
	}
	for _, tt := range tests {
		m, i := utf8Evidence([]byte(tt.in), tt.atEOF)
		if m != tt.multibyte || i != tt.invalid {
			t.Errorf("utf8Evidence(%q, %v) = %d, %d; want %d, %d", tt.in, tt.atEOF, m, i, tt.multibyte, tt.invalid)
		}
	}
}

func TestDecodeWindows1252(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"", "", true},
		{"plain, \"quoted\"\n", "plain, \"quoted\"\n", true},
		{"Jos\xe9", "José", true},
		{"\x80 \x9f \xa0\xff", "€ Ÿ \u00a0ÿ", true},
		{"\xc3\xbc", "Ã¼", true}, // valid UTF-8 is read as Windows-1252 too
		{"Jos\xe9 \x81", "Jos\xe9 \x81", false},
		{"\x8d\x8f\x90\x9d", "\x8d\x8f\x90\x9d", false},
	}
	for _, tt := range tests {
		got, ok := DecodeWindows1252(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("DecodeWindows1252(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	// Every defined byte decodes as golang.org/x/text decodes it.
	for c := 0x80; c <= 0xFF; c++ {
		got, ok := DecodeWindows1252(string(rune(0)) + string([]byte{byte(c)}))
		want, _ := charmap.Windows1252.NewDecoder().String("\x00" + string([]byte{byte(c)}))
		if ok != (want != "\x00\uFFFD") || ok && got != want {
			t.Errorf("byte %#x: %q, %v; x/text %q", c, got, ok, want)
		}
	}
}
