package textfile

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"
)

func TestContentGzipAndBOM(t *testing.T) {
	const text = "\xef\xbb\xbfphone\n+254712345678\n"
	for name, in := range map[string][]byte{"plain": []byte(text), "gzip": gzipped([]byte(text))} {
		br, closer, compressed, err := Content(name, bytes.NewReader(in))
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(br)
		if string(got) != "phone\n+254712345678\n" || compressed != (name == "gzip") || (closer != nil) != compressed {
			t.Errorf("%s: %q, compressed %v", name, got, compressed)
		}
	}
}

func TestReadErrorDropsThePath(t *testing.T) {
	_, err := os.Open("/nonexistent/list.csv")
	if got := ReadError("list.csv", err).Error(); got != "read list.csv: no such file or directory" {
		t.Errorf("got %q", got)
	}
}

func TestHeaderKey(t *testing.T) {
	for _, h := range []string{"Phone Number", "phone-number", "PHONE_NUMBER", " phone.number "} {
		if got := HeaderKey(h); got != "phonenumber" {
			t.Errorf("HeaderKey(%q) = %q", h, got)
		}
	}
	// Accents are folded before what is not an ASCII letter or digit is
	// dropped, in precomposed and decomposed spellings alike.
	for _, tc := range []struct{ h, want string }{
		{"Téléphone", "telephone"},
		{"Te\u0301le\u0301phone", "telephone"},
		{"DÉSINSCRIT", "desinscrit"},
		{"Désabonné", "desabonne"},
		{"Teléfono móvil", "telefonomovil"},
		{"Não contactar", "naocontactar"},
		{"Opção de saída", "opcaodesaida"},
		{"Rückruf", "ruckruf"},
		{"Straße", "strae"},
		{"Телефон", ""},
	} {
		if got := HeaderKey(tc.h); got != tc.want {
			t.Errorf("HeaderKey(%q) = %q, want %q", tc.h, got, tc.want)
		}
	}
}

func TestLines(t *testing.T) {
	long := strings.Repeat("x", 100)
	r := NewLines(bufio.NewReaderSize(strings.NewReader("a\r\nb\n"+long+"\nlast"), 16), 50)
	type line struct {
		text    string
		tooLong bool
		n       int
	}
	var got []line
	for {
		l, tooLong, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		text := string(l)
		if tooLong {
			text = ""
		}
		got = append(got, line{text, tooLong, r.N()})
	}
	want := []line{{"a", false, 1}, {"b", false, 2}, {"", true, 3}, {"last", false, 4}}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

// utf16 encodes s as UTF-16 with a byte-order mark.
func utf16(t *testing.T, order unicode.Endianness, s string) []byte {
	t.Helper()
	b, err := unicode.UTF16(order, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func gzipped(b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

// Evidence files are decoded as the contact lists are: by BOM, else UTF-8,
// else Windows-1252; the BOM never reaches the text.
func TestContentDecodes(t *testing.T) {
	const text = "phone\tname\r\n+254712345678\tRenée\r\n"
	for _, tt := range []struct {
		name string
		in   []byte
	}{
		{"utf-8", []byte(text)},
		{"utf-8 bom", append([]byte("\xef\xbb\xbf"), text...)},
		{"utf-16le", utf16(t, unicode.LittleEndian, text)},
		{"utf-16be", utf16(t, unicode.BigEndian, text)},
		{"utf-16le gzip", gzipped(utf16(t, unicode.LittleEndian, text))},
		{"windows-1252", []byte("phone\tname\r\n+254712345678\tRen\xe9e\r\n")},
	} {
		br, _, _, err := Content(tt.name, bytes.NewReader(tt.in))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got, _ := io.ReadAll(br); string(got) != text {
			t.Errorf("%s: %q, want %q", tt.name, got, text)
		}
	}
}

func TestDecode(t *testing.T) {
	for _, tt := range []struct {
		name, in, forced string
		want             string
		text             Text
	}{
		{"detected", "\xff\xfea\x00", "", "a", Text{Encoding: EncodingUTF16LE, BOM: true}},
		{"guessed", "R\xe9", "", "Ré", Text{Encoding: EncodingWindows1252, Guessed: true}},
		{"forced", "R\xe9", "latin1", "Ré", Text{Encoding: EncodingLatin1, Given: true}},
		// A BOM of the forced encoding is skipped; another is text.
		{"forced bom", "\xfe\xff\x00a", "utf-16be", "a", Text{Encoding: EncodingUTF16BE, BOM: true, Given: true}},
		{"forced other bom", "\xef\xbb\xbfa", "windows-1252", "ï»¿a", Text{Encoding: EncodingWindows1252, Given: true}},
		// A UTF-8 file with one Latin-1 row is UTF-8: its bytes pass as is.
		{"mixed", "J\xc3\xbcrgen\nJos\xe9\n", "", "J\xc3\xbcrgen\nJos\xe9\n", Text{Encoding: EncodingUTF8}},
		{"forced utf-8", "Jos\xe9\n", "utf8", "Jos\xe9\n", Text{Encoding: EncodingUTF8, Given: true}},
	} {
		br, text, err := Decode(bufio.NewReader(strings.NewReader(tt.in)), tt.forced, BufSize, BufSize)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		got, _ := io.ReadAll(br)
		if string(got) != tt.want || text != tt.text || text.Transcoded() != (tt.text.Encoding != EncodingUTF8) {
			t.Errorf("%s: %q, %+v; want %q, %+v", tt.name, got, text, tt.want, tt.text)
		}
	}
	_, _, err := Decode(bufio.NewReader(strings.NewReader("a")), "ebcdic", BufSize, BufSize)
	if want := `unknown encoding "ebcdic" (want utf-8, utf-16le, utf-16be, windows-1252, iso-8859-1, macintosh)`; err == nil || err.Error() != want {
		t.Errorf("err = %v, want %s", err, want)
	}
}

func TestJSONShape(t *testing.T) {
	for head, want := range map[string]string{
		`[{"phone":"+254712345678"}]`:       "a JSON array",
		"\n  [\n  {\"phone\": 1}\n]\n":      "a JSON array",
		`["+254712345678","+254722000001"]`: "a JSON array",
		"[254712345678]":                    "a JSON array",
		"[]":                                "a JSON array",
		"[[\"phone\"]]":                     "a JSON array",
		"{\n  \"sends\": []\n}\n":           "pretty-printed JSON",
		" {\r\n":                            "pretty-printed JSON",
		`{"phone":"+254712345678"}` + "\n":  "",
		"[phone],[sent_at]\n":               "", // a bracketed CSV header
		"phone,sent_at\n":                   "",
		"+254712345678\n":                   "",
		"":                                  "",
	} {
		if got := JSONShape([]byte(head)); got != want {
			t.Errorf("JSONShape(%q) = %q, want %q", head, got, want)
		}
	}
}
