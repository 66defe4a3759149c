package input

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/listaudit/listaudit/pkg/domain"
)

func TestReadJSON(t *testing.T) {
	tests := []struct {
		name       string
		data       string
		want       []string
		incomplete string
	}{
		{"nested, numbers, null, booleans",
			`[{"phone": 254712345678, "name": null, "opted_out": false, "consent": {"source": "web", "at": "2024-01-02"}},
			  {"phone": "+1 555", "opted_out": true, "messages_sent": 12, "country": 1e3, "consent": {"source": null}}]`,
			[]string{"1@1 phone=254712345678 consent_source=web consent_at=2024-01-02 opted_out=false",
				"2@2 phone=+1 555 opted_out=true messages_sent=12 country=1e3"}, ""},
		{"big numbers stay exact", `[{"phone": 12345678901234567890123}, {"phone": -0.5e-7}]`,
			[]string{"1@1 phone=12345678901234567890123", "2@1 phone=-0.5e-7"}, ""},
		{"arrays are kept as JSON text", `[{"phone": ["+1 555", 2, {"a": [ ]}], "name": [ ]}]`,
			[]string{`1@1 phone=["+1 555",2,{"a":[]}] name=[]`}, ""},
		{"pretty-printed lines", "[\n  {\n    \"phone\": \"1\"\n  },\n  {\n    \"phone\": \"2\"\n  }\n  ,\n\n  {\"phone\": \"3\"}\n]\n",
			[]string{"1@2 phone=1", "2@5 phone=2", "3@10 phone=3"}, ""},
		{"non-objects are malformed", `[{"phone": 1}, 2, "x", null, [1], true, {"phone": 3}]`,
			[]string{"1@1 phone=1", "2@1 !not a JSON object (found a number)", "3@1 !not a JSON object (found a string)",
				"4@1 !not a JSON object (found null)", "5@1 !not a JSON object (found an array)",
				"6@1 !not a JSON object (found a boolean)", "7@1 phone=3"}, ""},
		{"leading non-objects are kept", "[1,\n{\"phone\": 2}]",
			[]string{"1@1 !not a JSON object (found a number)", "2@2 phone=2"}, ""},
		{"empty array", "[]", nil, ""},
		{"only non-objects", "[1, 2]", []string{"1@1 !not a JSON object (found a number)", "2@1 !not a JSON object (found a number)"}, ""},
		{"syntax error mid-array", "[{\"phone\": 1},\n{\"phone\": 2,,},\n{\"phone\": 3}]",
			[]string{"1@1 phone=1", "2@2 !invalid JSON: invalid character ',' looking for beginning of object key string", "3@3 phone=3"}, ""},
		{"missing comma", "[{\"phone\": 1}\n{\"phone\": 2}]",
			[]string{"1@1 phone=1", "2@2 phone=2"}, ""},
		{"truncated element", "[{\"phone\": 1},\n{\"phone\": ",
			[]string{"1@1 phone=1", "2@2 !invalid JSON: unexpected end of file; the rest of the file is kept as this one record"}, ""},
		{"array not closed", "[{\"phone\": 1}\n",
			[]string{"1@1 phone=1"}, "line 2: invalid JSON: unexpected end of file"},
		{"array cut after a comma", "[{\"phone\": 1},\n{\"phone\": 2},",
			[]string{"1@1 phone=1", "2@2 phone=2"}, "line 2: invalid JSON: unexpected end of file"},
		{"array cut after a comma and white space", "[{\"phone\": 1},\n  \n",
			[]string{"1@1 phone=1"}, "line 3: invalid JSON: unexpected end of file"},
		{"array cut after a non-object's comma", "[{\"phone\": 1}, 2,",
			[]string{"1@1 phone=1", "2@1 !not a JSON object (found a number)"}, "line 1: invalid JSON: unexpected end of file"},
		{"bad array end", "[{\"phone\": 1}}",
			[]string{"1@1 phone=1", "2@1 !invalid JSON: invalid character '}' after array element; the rest of the file is kept as this one record"}, ""},
		{"repeated key, last wins", `[{"phone": 1, "phone": 2}, {"phone": 3, "phone": 4}]`,
			[]string{"1@1 phone=2", "2@1 phone=4"}, ""},
		{"missing keys are empty", `[{"phone": 1, "name": "a"}, {"name": "b"}, {}]`,
			[]string{"1@1 phone=1 name=a", "2@1 name=b", "3@1"}, ""},
		{"escapes and unicode", `[{"phone": "\u002B1\t5", "name": "Zoë \"Z\""}]`,
			[]string{"1@1 phone=+1\t5 name=Zoë \"Z\""}, ""},
		{"BOM", "\xef\xbb\xbf[{\"phone\": 1}]", []string{"1@1 phone=1"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := readBytes(t, "c.json", []byte(tt.data), Options{})
			checkRows(t, got, tt.want)
			if got.info.Incomplete != tt.incomplete {
				t.Errorf("Incomplete = %q, want %q", got.info.Incomplete, tt.incomplete)
			}
			if tt.incomplete != "" && (len(got.warns) != 1 || !strings.HasSuffix(got.warns[0], "c.json: "+tt.incomplete+"; the rest of the file was not read")) {
				t.Errorf("warnings = %q", got.warns)
			}
		})
	}
}

// TestReadWrappedJSON reads API exports, whose records are an array under
// a member of a top-level object, and NDJSON that only looks like one.
func TestReadWrappedJSON(t *testing.T) {
	tests := []struct {
		name, data string
		key        string
		want       []string
		incomplete string
	}{
		{"pretty-printed", "{\n  \"data\": [\n    {\"phone\": \"1\"},\n    {\"phone\": \"2\"}\n  ]\n}\n",
			"data", []string{"1@3 phone=1", "2@4 phone=2"}, ""},
		{"one line", `{"contacts":[{"phone":"1"},{"phone":"2"}]}`, "contacts", []string{"1@1 phone=1", "2@1 phone=2"}, ""},
		{"members around it", `{"meta": {"page": 1, "tags": ["a"]}, "n": 2, "tags": ["x", "y"], "none": [], "results": [{"phone": "1"}], "links": [{"next": null}]}`,
			"results", []string{"1@1 phone=1"}, ""},
		{"no records", `{"data": [], "count": 0}`, "data", nil, ""},
		{"non-objects later are malformed", `{"data": [{"phone": "1"}, 2]}`, "data",
			[]string{"1@1 phone=1", "2@1 !not a JSON object (found a number)"}, ""},
		{"cut after a comma", "{\"data\": [{\"phone\": \"1\"},\n", "data",
			[]string{"1@1 phone=1"}, "line 2: invalid JSON: unexpected end of file"},
		{"broken after the array", "{\"data\": [{\"phone\": \"1\"}],\n\"more\": [1, ", "data",
			[]string{"1@1 phone=1"}, "line 2: invalid JSON: unexpected end of file"},
		{"NDJSON with an array of objects", "{\"phone\": \"1\", \"consents\": [{\"at\": \"x\"}]}\n{\"phone\": \"2\"}\n", "",
			[]string{"1@1 phone=1", "2@2 phone=2"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, name := range []string{"c.json", "c.export"} { // by extension and by content
				got := readBytes(t, name, []byte(tt.data), Options{})
				checkRows(t, got, tt.want)
				if got.info.RecordsKey != tt.key || got.info.Incomplete != tt.incomplete {
					t.Errorf("%s: RecordsKey %q, Incomplete %q; want %q, %q", name, got.info.RecordsKey, got.info.Incomplete, tt.key, tt.incomplete)
				}
			}
		})
	}
	got := readBytes(t, "c.json", []byte("{\n\"a\": 1, \"b\": {\"c\": [1]}, \"d\": [2]\n}\n"), Options{})
	if got.err == nil || !strings.HasSuffix(got.err.Error(), "c.json: not a JSON array of objects (it starts with an object that holds no array of objects)") {
		t.Errorf("object without records: %v", got.err)
	}
}

func TestJSONLinesInALargeFile(t *testing.T) {
	// Many pretty-printed objects, well past the decoder's and the
	// content reader's buffers.
	const n = 20000
	var b strings.Builder
	b.WriteString("[\n")
	var want []string
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, "  {\n    \"phone\": %d,\n    \"name\": \"%s\"\n  }", i, strings.Repeat("x", i%50))
		row := fmt.Sprintf("%d@%d phone=%d", i+1, 2+4*i, i)
		if i%50 != 0 {
			row += " name=" + strings.Repeat("x", i%50)
		}
		want = append(want, row)
	}
	b.WriteString("\n]\n")
	checkRows(t, readBytes(t, "big.json", []byte(b.String()), Options{}), want)
}

func TestJSONColumns(t *testing.T) {
	data := `[{"id": 1, "mobile": "1", "consent": {"source": "web"}, "extra": {"deep": 1}},
	{"id": 2, "mobile": "2", "e-mail": "x@y", "surname": "z", "phone": "9"},
	{"id": 3, "mobile": "3", "e-mail": "q@r", "Email": "no"}]`
	got := readBytes(t, "c.json", []byte(data), Options{})
	// "e-mail" maps email when first seen; "phone" cannot take the phone
	// field from "mobile", and "Email" comes after email was mapped.
	checkRows(t, got, []string{"1@1 phone=1 consent_source=web id=1", "2@2 phone=2 id=2 email=x@y", "3@3 phone=3 id=3 email=q@r"})
	wantHeader := []string{"id", "mobile", "consent.source", "extra.deep", "e-mail"}
	if !slices.Equal(got.info.Header, wantHeader) {
		t.Errorf("Header = %q, want %q", got.info.Header, wantHeader)
	}
	var cols domain.Columns
	cols[domain.FieldID], cols[domain.FieldPhone], cols[domain.FieldConsentSource], cols[domain.FieldEmail] = "id", "mobile", "consent.source", "e-mail"
	if got.info.Columns != cols {
		t.Errorf("Columns = %q", got.info.Columns)
	}
}

func TestJSONLateOverride(t *testing.T) {
	m := map[domain.Field]string{domain.FieldName: "Nick Name"}
	got := readBytes(t, "c.ndjson", []byte("{\"phone\":1,\"name\":\"a\"}\n{\"phone\":2,\"nick_name\":\"b\"}\n{\"phone\":3,\"Nick Name\":\"c\"}\n"), Options{Map: m})
	// The first object has no "Nick Name", so name falls back to its alias.
	checkRows(t, got, []string{"1@1 phone=1 name=a", "2@2 phone=2", "3@3 phone=3"})

	got = readBytes(t, "c.ndjson", []byte("{\"phone\":1}\n{\"phone\":2,\"nick_name\":\"b\",\"name\":\"x\"}\n{\"phone\":3,\"name\":\"y\"}\n"), Options{Map: m})
	// Later, the override is matched, normalised; then "name" maps nothing.
	checkRows(t, got, []string{"1@1 phone=1", "2@2 phone=2 name=b", "3@3 phone=3"})

	got = readBytes(t, "c.ndjson", []byte("{\"phone\":1}\n{\"phone\":2,\"name\":\"x\",\"nick_name\":\"b\"}\n"), Options{Map: m})
	// Keys of a later object are taken in order: the alias came first.
	checkRows(t, got, []string{"1@1 phone=1", "2@2 phone=2 name=x"})
}

func TestFlattenDepth(t *testing.T) {
	deep := strings.Repeat(`{"a":`, 40) + `1` + strings.Repeat(`}`, 40)
	var keys, values []string
	var fl flattener
	err := fl.walk([]byte(`{"phone":1,"x":`+deep+`,"y":2}`), func(k []byte, v string) {
		keys = append(keys, string(k))
		values = append(values, v)
	})
	if err != nil {
		t.Fatal(err)
	}
	wantKey := "x" + strings.Repeat(".a", maxFlattenDepth-1)
	wantValue := strings.Repeat(`{"a":`, 40-maxFlattenDepth+1) + `1` + strings.Repeat(`}`, 40-maxFlattenDepth+1)
	if !slices.Equal(keys, []string{"phone", wantKey, "y"}) || !slices.Equal(values, []string{"1", wantValue, "2"}) {
		t.Errorf("keys %q\nvalues %q", keys, values)
	}
}

func TestFlattenErrors(t *testing.T) {
	tests := []struct{ data, want string }{
		{`{"a":1} x`, "invalid JSON: invalid character 'x' looking for beginning of value"},
		{`{"a":1}{}`, "invalid JSON: unexpected data after the object"},
		{`{"a":`, "invalid JSON: unexpected end of object"},
		{`{"a":[1,`, "invalid JSON: unexpected end of object"},
		{`{"a" 1}`, "invalid JSON: invalid character '1' after object key"},
		{`{1:2}`, "invalid JSON: invalid character '1'"},
		{`[`, "not a JSON object (found an array)"},
		{`nul`, "invalid JSON: unexpected end of object"},
		{`nulx`, "invalid JSON: invalid character 'x' in literal null (expecting 'l')"},
		{``, "invalid JSON: unexpected end of object"},
	}
	for _, tt := range tests {
		var fl flattener
		err := fl.walk([]byte(tt.data), func([]byte, string) {})
		if err == nil || err.Error() != tt.want {
			t.Errorf("walk(%q) = %v, want %q", tt.data, err, tt.want)
		}
	}
}

func TestLineTracker(t *testing.T) {
	lt := &lineTracker{r: strings.NewReader(strings.Repeat("ab\n", 200))}
	buf := make([]byte, 1000)
	for {
		if _, err := lt.Read(buf); err != nil {
			break
		}
	}
	for _, c := range []struct {
		off  int64
		line int
	}{{0, 1}, {2, 1}, {3, 2}, {4, 2}, {300, 101}, {301, 101}, {599, 200}, {600, 201}} {
		if got := lt.lineAt(c.off); got != c.line {
			t.Errorf("lineAt(%d) = %d, want %d", c.off, got, c.line)
		}
	}
}
