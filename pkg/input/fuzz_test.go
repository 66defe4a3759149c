package input

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/listaudit/listaudit/pkg/domain"
)

// fuzzRead reads data from stdin in format and checks what must hold for
// any input: no panic, rows numbered 1, 2, ..., lines never going back,
// Info.Rows equal to the records returned, the hash of all the input, and
// errors that name the input.
func fuzzRead(t *testing.T, data []byte, format string) {
	r, err := Open(Source{Path: "-", Stdin: bytes.NewReader(data)}, Options{Format: format})
	if err != nil {
		if !strings.HasPrefix(err.Error(), "-: ") && !strings.HasPrefix(err.Error(), "read -: ") {
			t.Fatalf("Open error does not name the input: %v", err)
		}
		return
	}
	defer r.Close()
	var rec domain.Record
	n, line := 0, 0
	for {
		err := r.Next(&rec)
		if err == io.EOF {
			break
		}
		if err != nil {
			if !strings.HasPrefix(err.Error(), "-: ") && !strings.HasPrefix(err.Error(), "read -: ") {
				t.Fatalf("Next error does not name the input: %v", err)
			}
			return
		}
		n++
		if rec.Loc.Row != n {
			t.Fatalf("record %d has Row %d", n, rec.Loc.Row)
		}
		if rec.Loc.Line < 1 || rec.Loc.Line < line {
			t.Fatalf("record %d has Line %d after line %d", n, rec.Loc.Line, line)
		}
		line = rec.Loc.Line
	}
	info := r.Info()
	if info.Rows != n {
		t.Fatalf("Info.Rows = %d, read %d records", info.Rows, n)
	}
	if info.SHA256 != sha(data) {
		t.Fatalf("SHA256 does not cover the input")
	}
}

func FuzzReadCSV(f *testing.F) {
	for _, s := range []string{
		"phone,name\n1,a\n2,b\n",
		"\xef\xbb\xbfphone;name\r\n1;a\r\n",
		"phone\tname\n\"1\n2\"\tb\n3\n",
		"phone|name\n1|a\"b\n\"x\"y|z\n\"open\n",
		"phone,name\n1,\xff\n1,2,3\n\n\n4\n",
		"phone,n\xe4me\n1,J\xc3\xbcrgen\n2,Jos\xe9\n3,\"a\xe9\n\"\n4,\x81\n",
		"Mobile,Phone Number,e-mail\n1,2,3\n",
		"phone\n",
		"\"phone\",\"\"\"x\"\"\"\n\"1\",\"\"\n",
		"id,phone,note\n1,+2,\"open\n3,+3,x\r\n\n\"4\",+4,\"y\"z\n\"Grand Totals (1 record)\"\n5,\"+5\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, data, "csv")
		// Most inputs lack a phone header; give them one too.
		fuzzRead(t, append([]byte("phone,name,email\n"), data...), "csv")
	})
}

func FuzzReadNDJSON(f *testing.F) {
	for _, s := range []string{
		"{\"phone\":1}\n{\"phone\":\"2\",\"consent\":{\"at\":null}}\n",
		"\n\n{\"phone\":1,\n{\"phone\":[1,{\"a\":2}]}\r\n[]\n\"x\"\n",
		"{\"phone\":1} {}\n{\"mobile\":true,\"email\":12e400}\n",
		"{\"a\":{\"b\":{\"c\":{\"d\":1}}},\"phone\":null}\n",
		"\xef\xbb\xbf{\"phone\":\"\\u00e9\\ud800\"}",
		"{\"phone\":\"1\",\"name\":\"J\xc3\xbcrgen\"}\n{\"phone\":\"2\",\"n\xe4me\":[\"Jos\xe9\"]}\n{\"phone\":\"\x81\xe9\"}\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, data, "ndjson")
		fuzzRead(t, append([]byte("{\"phone\":0}\n"), data...), "ndjson")
	})
}

func FuzzReadJSON(f *testing.F) {
	for _, s := range []string{
		`[{"phone":1},{"phone":"2","consent":{"at":null}}]`,
		"[\n{\"phone\":1},\n2,\n{\"phone\":[1,{\"a\":2}]}\n]\nx",
		`[{"phone":1},{"phone":`,
		`[{"phone":1}}`,
		"[]",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, data, "json")
	})
}
