package sendlog

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
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

// FuzzRead reads arbitrary bytes as a CSV or NDJSON log and checks what
// must hold for any input: no panic, errors that name the file, counts
// that add up, every kept send findable by its number, sorted, and no
// more numbers opted out than opt-out replies.
func FuzzRead(f *testing.F) {
	for _, s := range []string{
		"phone,sent_at\n+254712345678,2026-01-10\n254722000001,1767600000\n",
		"To;Date;category\n+254712345678;2026-01-10 09:00:00;m\n\n;;\n",
		"phone,sent_at\n\"+254712345678\n\",\"2026\"x\n",
		`{"phone":"+254712345678","sent_at":"2026-01-10"}` + "\n" + `{"to":254722000001,"timestamp":1767600000}`,
		"{\"phone\":[1],\"sent_at\":null}\n[1]\nnull\n",
		"\xff\xfep\x00h\x00o\x00n\x00e\x00\t\x00s\x00e\x00n\x00t\x00_\x00a\x00t\x00\n\x001\x002\x003\x004\x005\x006\x007\x008\x00\t\x001\x00\n\x00",
		"[{\"phone\":\"+254712345678\",\"sent_at\":\"2026-01-10\"}]",
		"From,To,Body,SentDate,Direction\n+254712345678,+254700000000,Stop.,2026-01-10,inbound\n+254700000000,+254712345678,hi,2026-01-11,outbound-api\n,+254700000000,END,2026-01-10,inbound\n",
		`{"from":"whatsapp:+254712345678","to":"+254700000000","body":"STOP","direction":"inbound","date_sent":"Sat, 10 Jan 2026 09:00:00 +0000"}` + "\n" + `{"to":"+254712345678","date_sent":null,"date_created":"Sat, 10 Jan 2026 09:00:00 +0000"}`,
	} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, data []byte, ndjson bool) {
		name := "log.csv"
		if ndjson {
			name = "log.ndjson"
		}
		ld := newLoader(Options{Normalise: digitsOnly, Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
		err := ld.read(name, bytes.NewReader(data))
		if err != nil {
			if !strings.HasPrefix(err.Error(), name+":") && !strings.HasPrefix(err.Error(), "read "+name+": ") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		l, err := ld.finish()
		if err != nil {
			t.Fatal(err)
		}
		c := l.Total
		if c.Lines != c.Sends+c.Inbound+c.Invalid+c.Skipped || c.Lines < 0 || c.OptOuts > c.Inbound || len(l.optOuts)+len(l.nationalOptOuts) > c.OptOuts {
			t.Fatalf("counts do not add up: %+v", c)
		}
		if len(l.FirstInvalid) != min(c.Invalid, maxExamples) {
			t.Fatalf("%d examples of %d invalid lines", len(l.FirstInvalid), c.Invalid)
		}
		prev := 0
		for _, e := range l.FirstInvalid {
			if e.Line < 1 || e.Line < prev || e.File != name {
				t.Fatalf("example %v after line %d", e, prev)
			}
			prev = e.Line
		}
		total, numbers := 0, 0
		for k, s := range l.All() {
			if len(s) == 0 || !slices.IsSorted(s) || !slices.Equal(l.Sends(k), s) {
				t.Fatalf("sends of %d: %v", k, s)
			}
			total += len(s)
			numbers++
		}
		// The sends NotInRegion counts have no number: All leaves them out.
		if total != c.Sends-l.NotInRegion || numbers != l.Numbers {
			t.Fatalf("%d sends over %d numbers; counted %d over %d", total, numbers, c.Sends, l.Numbers)
		}
	})
}
