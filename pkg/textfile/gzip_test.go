package textfile

import (
	"bytes"
	"io"
	"testing"
)

func TestGzipReaderErrors(t *testing.T) {
	whole := gzipped([]byte("phone\n+254712345678\n"))
	badSum := bytes.Clone(whole)
	badSum[len(badSum)-5] ^= 0xff // the CRC-32 of the trailer
	tests := []struct {
		name string
		in   []byte
		want string
	}{
		{"whole", whole, ""},
		{"cut in the data", whole[:20], "gzip: the file is cut short (unexpected EOF)"},
		{"cut in the trailer", whole[:len(whole)-3], "gzip: the file is cut short (unexpected EOF)"},
		{"bad checksum", badSum, "gzip: invalid checksum"},
		{"not gzip", []byte("\x1f\x8bnot gzip at all"), "gzip: invalid header"},
		{"two members", append(bytes.Clone(whole), whole...), ""},
		{"garbage after the end", append(bytes.Clone(whole), "GARBAGE"...), "gzip: data after the end of the compressed stream, which is not gzip (something appended to the file, or a damaged one)"},
		{"one byte after the end", append(bytes.Clone(whole), 0), "gzip: data after the end of the compressed stream, which is not gzip (something appended to the file, or a damaged one)"},
		{"a member cut in its header", append(bytes.Clone(whole), whole[:5]...), "gzip: the file is cut short (unexpected EOF)"},
	}
	for _, tt := range tests {
		got := ""
		gz, err := NewGzipReader(bytes.NewReader(tt.in))
		if err == nil {
			_, err = io.ReadAll(gz)
		}
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("%s: error %q, want %q", tt.name, got, tt.want)
		}
	}
}
