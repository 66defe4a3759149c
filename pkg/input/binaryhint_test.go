package input

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"
)

// A file refused for the NUL bytes at its start says what it is when
// listaudit can read it after all: UTF-16 without a byte-order mark, a
// gzipped workbook; a workbook that is gzipped says so too.
func TestBinaryHints(t *testing.T) {
	utf16 := func(order unicode.Endianness) []byte {
		b, err := unicode.UTF16(order, unicode.IgnoreBOM).NewEncoder().Bytes([]byte("phone,name\n+254712345678,Ann\n"))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	gz := func(b []byte) []byte {
		var buf bytes.Buffer
		w := gzip.NewWriter(&buf)
		w.Write(b)
		w.Close()
		return buf.Bytes()
	}
	dir := t.TempDir()
	book := filepath.Join(dir, "book.xlsx")
	writeSheetXML(t, book, phoneConsentHeader, []string{"phone", "consent_source"})
	workbook, err := os.ReadFile(book)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"le.txt", utf16(unicode.LittleEndian), "looks like UTF-16LE text without a byte-order mark (a NUL byte beside each character): give --encoding utf-16le"},
		{"be.csv", utf16(unicode.BigEndian), "looks like UTF-16BE text without a byte-order mark (a NUL byte beside each character): give --encoding utf-16be"},
		{"book.gz", gz(workbook), "a gzip-compressed zip file (an XLSX workbook?): gunzip it first; listaudit reads a workbook from its .xlsx file"},
		{"book.xlsx", gz(workbook), "not an XLSX workbook but a gzip-compressed file: gunzip it first"},
		{"nul.csv", []byte("phone\n+254712345678\n+2547\x0012345679\n"), "line 3 holds a NUL byte: not a text file (it holds binary data), or a damaged one; listaudit reads CSV, TSV, JSON, NDJSON, XLSX and vCard files"},
	}
	for _, tt := range tests {
		got := readBytes(t, tt.name, tt.data, Options{})
		if got.err == nil || !strings.HasSuffix(got.err.Error(), tt.name+": "+tt.want) {
			t.Errorf("%s: error %v, want %s", tt.name, got.err, tt.want)
		}
	}
	// Given the encoding, it reads.
	checkRows(t, readBytes(t, "le.txt", utf16(unicode.LittleEndian), Options{Encoding: "utf-16le"}), []string{"1@2 phone=+254712345678 name=Ann"})
}
