package input

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/listaudit/listaudit/pkg/domain"
)

func TestReadNDJSON(t *testing.T) {
	long := strings.Repeat("n", 3*bufSize)
	tests := []struct {
		name string
		data string
		want []string
	}{
		{"blank lines are not rows", "\n{\"phone\":1}\n\n  \r\n{\"phone\":2}\n\n",
			[]string{"1@2 phone=1", "2@5 phone=2"}},
		{"broken lines are malformed, reading goes on", "{\"phone\":1}\n{\"phone\":2,\n{\"phone\":3}\n[1]\n\"x\"\n{\"phone\":4} {}\n{\"phone\":5}",
			[]string{"1@1 phone=1", "2@2 !invalid JSON: unexpected end of object", "3@3 phone=3",
				"4@4 !not a JSON object (found an array)", "5@5 !not a JSON object (found a string)",
				"6@6 !invalid JSON: unexpected data after the object", "7@7 phone=5"}},
		{"broken first line", "{\"pho\n{\"phone\":1,\"name\":\"a\"}\n",
			[]string{"1@1 !invalid JSON: unexpected end of object", "2@2 phone=1 name=a"}},
		{"broken lines define no column", "{\"phone\":1}\n{\"phone\":2,\"e-mail\":\"x\",\n{\"phone\":3,\"email\":\"y\"}\n",
			[]string{"1@1 phone=1", "2@2 !invalid JSON: unexpected end of object", "3@3 phone=3 email=y"}},
		{"only broken lines", "{\n}\n", []string{"1@1 !invalid JSON: unexpected end of object", "2@2 !invalid JSON: invalid character '}' looking for beginning of value"}},
		{"nested and typed", `{"phone": 254712345678, "opt": {"out": true}, "opted_out": false, "consent": {"at": null, "source": "sms"}}`,
			// "opt.out" is an opt-out key too, and says opted out.
			[]string{"1@1 phone=254712345678 consent_source=sms opted_out=true"}},
		{"CRLF and BOM", "\xef\xbb\xbf{\"phone\":1}\r\n{\"phone\":2}\r\n", []string{"1@1 phone=1", "2@2 phone=2"}},
		{"lines longer than the buffer", "{\"phone\":1,\"name\":\"" + long + "\"}\n{\"phone\":2}\n",
			[]string{"1@1 phone=1 name=" + long, "2@2 phone=2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkRows(t, readBytes(t, "c.ndjson", []byte(tt.data), Options{}), tt.want)
		})
	}
}

func TestNDJSONLineTooLong(t *testing.T) {
	defer func(old int64) { maxRecordBytes = old }(maxRecordBytes)
	maxRecordBytes = 1 << 20
	long := strings.Repeat("n", 3<<20)
	for _, data := range []string{
		"{\"phone\":1}\n{\"phone\":\"" + long + "\"}\n{\"phone\":3}\n",
		"{\"phone\":1}\n{\"phone\":\"" + long[:bufSize] + "\"}\n{\"phone\":3}\n", // one read
	} {
		got := readBytes(t, "c.ndjson", []byte(data), Options{})
		want := []string{"1@1 phone=1", "2@2 !line is longer than 1 MiB", "3@3 phone=3"}
		if len(data) < 1<<20 {
			want[1] = "2@2 phone=" + long[:bufSize]
		}
		checkRows(t, got, want)
	}
}

// TestJSONValuesThatDidNotSurviveDecodingAreMalformed: bad bytes must not
// reach a report as U+FFFD text.
func TestJSONValuesThatDidNotSurviveDecodingAreMalformed(t *testing.T) {
	for _, tc := range []struct{ name, content string }{
		{"list.ndjson", "{\"phone\":\"+254712345678\",\"name\":\"Ann \xff\"}\n{\"phone\":\"+254722000111\",\"name\":\"Bob\"}\n"},
		{"list.json", "[{\"phone\":\"+254712345678\",\"name\":\"Ann \xff\"},{\"phone\":\"+254722000111\",\"name\":\"Bob\"}]"},
	} {
		path := filepath.Join(t.TempDir(), tc.name)
		os.WriteFile(path, []byte(tc.content), 0o600)
		r, err := Open(Source{Path: path}, Options{Encoding: "utf-8"})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		var rec domain.Record
		for r.Next(&rec) == nil {
			got = append(got, rec.Malformed)
		}
		r.Close()
		if len(got) != 2 || got[0] != `invalid UTF-8 in key "name"` || got[1] != "" {
			t.Errorf("%s: malformed = %q", tc.name, got)
		}
	}
}

// TestJSONTextCheckedWhereNeeded: objects in plain ASCII skip the check
// for bad text, so the escapes and bytes that can carry bad text must
// still be caught, in both JSON formats.
func TestJSONTextCheckedWhereNeeded(t *testing.T) {
	objects := []struct{ name, malformed string }{
		{`plain`, ``},
		{`a\ufffdb`, `invalid UTF-8 in key "name"`},       // an ASCII escape of U+FFFD
		{"a\xef\xbf\xbdb", `invalid UTF-8 in key "name"`}, // U+FFFD as bytes
		{`Ren\u00e9e`, ``},
		{"Ren\xc3\xa9e", ``},
		{"a\xffb", `invalid UTF-8 in key "name"`},
		{`tab\there`, ``},
	}
	var lines []string
	for i, o := range objects {
		lines = append(lines, fmt.Sprintf(`{"phone":"+2547123456%02d","name":"%s"}`, i, o.name))
	}
	for name, content := range map[string]string{
		"list.ndjson": strings.Join(lines, "\n") + "\n",
		"list.json":   "[" + strings.Join(lines, ",\n") + "]",
	} {
		path := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		r, err := Open(Source{Path: path}, Options{Encoding: "utf-8"})
		if err != nil {
			t.Fatal(err)
		}
		var rec domain.Record
		for i := 0; r.Next(&rec) == nil; i++ {
			if i >= len(objects) || rec.Malformed != objects[i].malformed {
				t.Errorf("%s: object %d malformed %q", name, i, rec.Malformed)
			}
		}
		r.Close()
	}
}

// TestNDJSONKeysInAnyOrder reads objects whose keys change order, appear
// late and repeat: the field a key maps to is remembered by position, and
// must follow the key, not the position.
func TestNDJSONKeysInAnyOrder(t *testing.T) {
	data := `{"phone":"1","name":"a","x":"1"}
{"name":"b","phone":"2","x":"2"}
{"phone":"3","email":"c@example.com","name":"c"}
{"email":"d@example.com","phone":"4"}
{"x":"9","phone":"5","name":"e"}
{"phone":"6","phone":"7"}
{"":"8","phone":"9"}
`
	got := readBytes(t, "k.ndjson", []byte(data), Options{})
	checkRows(t, got, []string{
		"1@1 phone=1 name=a",
		"2@2 phone=2 name=b",
		"3@3 phone=3 name=c email=c@example.com",
		"4@4 phone=4 email=d@example.com",
		"5@5 phone=5 name=e",
		"6@6 phone=7",
		"7@7 phone=9",
	})
}
