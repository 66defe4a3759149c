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
)

func TestContentGzipAndBOM(t *testing.T) {
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	w.Write([]byte("\xef\xbb\xbfphone\n+254712345678\n"))
	w.Close()
	for name, in := range map[string][]byte{"plain": []byte("\xef\xbb\xbfphone\n+254712345678\n"), "gzip": gz.Bytes()} {
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
