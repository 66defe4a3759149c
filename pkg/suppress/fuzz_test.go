package suppress

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/listaudit/listaudit/pkg/textfile"
)

// digitsOnly is a stand-in normaliser: an optional + and 8 to 15 digits.
// It keeps the fuzz target about this package's reading, not phone's.
// A number with a leading 0 is national, needing a region it lacks.
func digitsOnly(raw string) (key uint64, ok, noRegion bool) {
	s := strings.TrimPrefix(raw, "+")
	if len(s) < 8 || len(s) > 15 || s[0] == '0' {
		return 0, false, len(s) > 0 && s[0] == '0' && s == raw
	}
	k, err := strconv.ParseUint(s, 10, 64)
	return k, err == nil, false
}

// FuzzLoad reads arbitrary bytes as a list: no panic, errors that name the
// file, examples in line order, and a number written on a line of a list
// of lines (once decoded from its encoding) is on the list.
func FuzzLoad(f *testing.F) {
	for _, s := range []string{
		"# dnc\n+254712345678\n254722000001\n",
		"name,phone\na,+254712345678\nb,\"x\"y\n",
		digest("+254712345678") + "\n+254722000001\nfoo\n",
		"phone\n",
		"phone,sha256\n+254712345678,\n," + digest("+254722000001") + "\n,\n",
		// UTF-16LE: a number in the text, and digits in the bytes after.
		"\xff\xfe+\x002\x005\x004\x007\x001\x002\x003\x004\x005\x006\x007\x008\x00\n\x00\n12345678\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := load("dnc.txt", bytes.NewReader(data), digitsOnly)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "dnc.txt:") && !strings.HasPrefix(err.Error(), "read dnc.txt: ") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		if l.Entries < l.Numbers()+l.Hashes() || len(l.FirstInvalid) != min(l.Invalid, maxExamples) {
			t.Fatalf("counts: %+v", l)
		}
		prev := 0
		for _, e := range l.FirstInvalid {
			if e.Line < 1 || e.Line < prev {
				t.Fatalf("example %v after line %d", e, prev)
			}
			prev = e.Line
		}
		if l.Format != FormatLines {
			return
		}
		// The list holds the lines of the text, which is the bytes decoded
		// (a UTF-16 file's bytes are not its numbers).
		br, _, _, err := textfile.Content("dnc.txt", bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		text, err := io.ReadAll(br)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(text), "\n") {
			if k, ok, _ := digitsOnly(strings.TrimSpace(line)); ok && !l.Contains(k) {
				t.Fatalf("line %q not on the list", line)
			}
		}
	})
}
