package input

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
)

// readArrayBothWays reads data as a JSON array with the cutter and with
// json.Decoder alone, and fails unless both read the same: every record,
// the input's description, the warnings and the error.
func readArrayBothWays(t *testing.T, data []byte, opts Options) result {
	t.Helper()
	fast := readStdin(t, data, opts)
	arraysByHand = false
	slow := readStdin(t, data, opts)
	arraysByHand = true
	if !sameResult(fast, slow) {
		t.Fatalf("input %q:\nby hand:   %v %q %q %+v\nby decoder: %v %q %q %+v", data,
			fast.err, fast.rows, fast.warns, fast.info, slow.err, slow.rows, slow.warns, slow.info)
	}
	// A pipe may hand over a byte at a time: past the first 64 KiB (read
	// whole to sniff the format), an element, a string or an escape then
	// ends between reads. Shorter inputs are read whole either way.
	if len(data) > sniffWindow && len(data) < 1<<22 {
		opts := opts
		opts.Format = cmp.Or(opts.Format, "json")
		trickle := read(t, Source{Path: "-", Stdin: iotest.OneByteReader(bytes.NewReader(data))}, opts)
		if !sameResult(trickle, slow) {
			t.Fatalf("input %q read a byte at a time:\nby hand:   %v %q\nby decoder: %v %q", data, trickle.err, trickle.rows, slow.err, slow.rows)
		}
	}
	return fast
}

// readStdin reads data given as standard input in opts.Format (JSON unless
// set), failing the test on nothing.
func readStdin(t testing.TB, data []byte, opts Options) result {
	if opts.Format == "" {
		opts.Format = "json"
	}
	return read(t, Source{Path: "-", Stdin: bytes.NewReader(data)}, opts)
}

func sameResult(a, b result) bool {
	return fmt.Sprint(a.err) == fmt.Sprint(b.err) && slices.Equal(a.rows, b.rows) &&
		slices.Equal(a.warns, b.warns) && reflect.DeepEqual(a.info, b.info)
}

func TestArraysByHandReadTheSame(t *testing.T) {
	long := strings.Repeat("x", 3*bufSize)
	var many strings.Builder
	many.WriteString("[\n")
	for i := range 3000 {
		if i > 0 {
			many.WriteString(",\n")
		}
		fmt.Fprintf(&many, `  {"phone": "+2547%08d", "name": "Contact \"%d\" {x}", "tags": ["a", {"b": "]"}], "consent": {"at": "2025-01-%02d"}}`, i, i, i%28+1)
	}
	many.WriteString("\n]\n")
	inputs := []string{
		`[{"phone":"+254712345678","name":"Ann"},{"phone":"0712 345 678","name":"Bo"}]`,
		"[\n  {\n    \"phone\": \"1\",\n    \"a\": {\"b\": {\"c\": 2}}\n  },\n\n  {\"phone\": 2}\n]\n",
		`[{"phone":"1","note":"a } and a { and \" and \\"},{"phone":"2"}]`,
		`[{"phone":"1","name":"Jos\u00e9","x":"\ud800"},{"phone":"2","name":"José"}]`,
		"[{\"phone\":\"1\",\"name\":\"\xff\xfe\"},{\"phone\":\"2\"}]",
		`[{"phone":1},2,"three",null,[4],{"phone":5}]`,
		`[1, {"phone":1}, {"phone":2}]`,
		`[{"phone":1} {"phone":2}]`,
		`[{"phone":1}5]`,
		`[{"phone":1},]`,
		`[{"phone":1},,{"phone":2}]`,
		`[{"phone":1}, {"phone": tru}, {"phone":3}]`,
		`[{"phone":1}, {"phone": "open}]`,
		`[{"phone":1}, {"phone": 2`,
		`[{"phone":1}, {"phone": 2}`,
		`[{"phone":1}, {"phone": 2},`,
		"[{\"phone\":1},\n{\"phone\": 2} ,\n \n",
		`[{"phone":1}, 2,`,
		`{"data":[{"phone":1},`,
		`[{"phone":1}, {"phone": 2}}]`,
		`[{"phone":1}, {"phone": [}]`,
		`[{"phone":1}, {"phone": 2, "a": {"b": 1]}}]`,
		"[{\"phone\":1}, {\"phone\": \"a\tb\"}]",
		`[{"phone":1}] trailing`,
		"[{\"phone\":1}]\n\n  \n",
		`[{"phone":1}][]`,
		`[]`,
		"  [ \n ] ",
		`[ ] x`,
		``,
		"   \n",
		`{"phone":1}`,
		`"phone"`,
		`[`,
		`[{}, {"phone":1}]`,
		`[{"phone":1,"phone":2}]`,
		`[{"phone":1,"a":` + strings.Repeat(`{"b":`, 40) + `1` + strings.Repeat(`}`, 40) + `}]`,
		`[{"phone":1,"long":"` + long + `"},{"phone":2}]`,
		`[{"phone":1},` + strings.Repeat(" ", 2*bufSize) + `{"phone":2}]`,
		many.String(),
		// Escapes past the sniffed first 64 KiB.
		`[{"phone":1,"pad":"` + strings.Repeat("p", 1<<16) + `"},{"phone":2,"note":"a \"quoted\" \\ word"},{"phone":"\u0033"}]`,
	}
	for _, in := range inputs {
		for _, opts := range []Options{{}, {AllKeys: true}} {
			readArrayBothWays(t, []byte(in), opts)
		}
	}
	got := readArrayBothWays(t, []byte(many.String()), Options{})
	if len(got.rows) != 3000 || got.rows[2999] != "3000@3001 phone=+254700002999 consent_at=2025-01-04 name=Contact \"2999\" {x}" {
		t.Errorf("%d records, the last %q", len(got.rows), got.rows[len(got.rows)-1])
	}
}

// TestJSONArrayReadsOnAfterAnError: one damaged element costs no other
// contact. An object that is not valid JSON is malformed with its text
// kept, a missing comma is read past with a warning, and where the array
// cannot be read on the rest of the file is one malformed record holding
// its text; by hand and by decoder alike.
func TestJSONArrayReadsOnAfterAnError(t *testing.T) {
	deep := strings.Repeat("[", 10001) + strings.Repeat("]", 10001)
	tests := []struct {
		name, data string
		want       []string
		warns      []string
		texts      []string // of the malformed records
	}{
		{"bad literal", "[{\"phone\":1},\n{\"phone\": tru},\n{\"phone\":3}]",
			[]string{"1@1 phone=1", "2@2 !invalid JSON: invalid character '}' in literal true (expecting 'e')", "3@3 phone=3"},
			nil, []string{`{"phone": tru}`}},
		{"missing comma", "[{\"phone\":1}\n{\"phone\":2}\n{\"phone\":3}]",
			[]string{"1@1 phone=1", "2@2 phone=2", "3@3 phone=3"},
			[]string{"-: line 2: invalid JSON: expected comma after array element; read on as if it were there",
				"-: line 3: invalid JSON: expected comma after array element; read on as if it were there"}, nil},
		{"valid but too deep for encoding/json", "[{\"phone\":1},\n{\"phone\":2,\"x\":" + deep + "},\n{\"phone\":3}]",
			[]string{"1@1 phone=1", "2@2 !invalid JSON: invalid character '[' exceeded max depth", "3@3 phone=3"},
			nil, []string{`{"phone":2,"x":` + deep + `}`}},
		{"after a non-object", "[2,\n{\"phone\": ,},\n{\"phone\":3}]",
			[]string{"1@1 !not a JSON object (found a number)", "2@2 !invalid JSON: invalid character ',' looking for beginning of value", "3@3 phone=3"},
			nil, []string{"2", `{"phone": ,}`}},
		{"missing comma after a non-object", "[{\"phone\":1},2\n{\"phone\":3}]",
			[]string{"1@1 phone=1", "2@1 !not a JSON object (found a number)", "3@2 phone=3"},
			[]string{"-: line 2: invalid JSON: expected comma after array element; read on as if it were there"}, []string{"2"}},
		{"unclosed string keeps the rest", "[{\"phone\":1},\n{\"phone\":\"2},\n{\"phone\":3}]\n",
			[]string{"1@1 phone=1", "2@2 !invalid JSON: invalid character '\\n' in string literal; the rest of the file is kept as this one record"},
			nil, []string{"{\"phone\":\"2},\n{\"phone\":3}]"}},
		{"junk after an element keeps the rest", "[{\"phone\":1} x,\n{\"phone\":3}]",
			[]string{"1@1 phone=1", "2@1 !invalid JSON: expected comma after array element; the rest of the file is kept as this one record"},
			nil, []string{"x,\n{\"phone\":3}]"}},
		{"truncated", "[\n{\"phone\":1},\n{\"phon",
			[]string{"1@2 phone=1", "2@3 !invalid JSON: unexpected end of file; the rest of the file is kept as this one record"},
			nil, []string{`{"phon`}},
		{"two arrays appended", "[{\"phone\":1}]\n[{\"phone\":2}]\n\n",
			[]string{"1@1 phone=1", "2@2 !invalid JSON: data after the end of the JSON array; the rest of the file is kept as this one record"},
			nil, []string{`[{"phone":2}]`}},
		{"white space after the array", "[{\"phone\":1}]\n \t\r\n", []string{"1@1 phone=1"}, nil, nil},
		{"data after the wrapping object", "{\"data\":[{\"phone\":1}]}\nx",
			[]string{"1@1 phone=1", "2@2 !invalid JSON: data after the end of the JSON object; the rest of the file is kept as this one record"},
			nil, []string{"x"}},
		{"wrapped", "{\"data\": [{\"phone\":1},\n{\"phone\":,},\n{\"phone\":3}\n{\"phone\":4}], \"next\": null}",
			[]string{"1@1 phone=1", "2@2 !invalid JSON: invalid character ',' looking for beginning of value", "3@3 phone=3", "4@4 phone=4"},
			[]string{"-: line 4: invalid JSON: expected comma after array element; read on as if it were there"}, []string{`{"phone":,}`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := readArrayBothWays(t, []byte(tt.data), Options{})
			if got.err != nil || !slices.Equal(got.rows, tt.want) || !slices.Equal(got.warns, tt.warns) || got.info.Incomplete != "" {
				t.Errorf("error %v, incomplete %q\nrows  %q\nwant  %q\nwarns %q\nwant  %q", got.err, got.info.Incomplete, got.rows, tt.want, got.warns, tt.warns)
			}
			texts := malformedTexts(t, tt.data, "json")
			if !slices.Equal(texts, tt.texts) {
				t.Errorf("texts %q, want %q", texts, tt.texts)
			}
		})
	}
}

// TestJSONArrayRestTooLong: a rest of the file too long to keep as one
// record stops the run, naming the line.
func TestJSONArrayRestTooLong(t *testing.T) {
	defer func(old int64) { maxRecordBytes = old }(maxRecordBytes)
	maxRecordBytes = 1 << 20
	data := "[{\"phone\":1},\nx" + strings.Repeat(`{"phone":2},`, 1<<17) + "{}]"
	got := readArrayBothWays(t, []byte(data), Options{})
	if got.err == nil || got.err.Error() != "-: line 2: invalid JSON: invalid character 'x' looking for beginning of value; the rest of the file is over 1 MiB, too much to keep as one malformed record" {
		t.Errorf("error = %v", got.err)
	}
}

func TestArraysByHandReadErrors(t *testing.T) {
	broken := errors.New("disk on fire")
	for _, data := range []string{`[{"phone":1},{"phone":2}`, `[{"phone":1},{"pho`, `[`, ``} {
		var results []result
		for _, byHand := range []bool{true, false} {
			arraysByHand = byHand
			results = append(results, read(t, Source{Path: "-", Stdin: &errReader{[]byte(data), broken}}, Options{Format: "json"}))
		}
		arraysByHand = true
		if !sameResult(results[0], results[1]) {
			t.Errorf("%q: by hand %v %q, by decoder %v %q", data, results[0].err, results[0].rows, results[1].err, results[1].rows)
		}
		if results[0].err == nil || !strings.Contains(results[0].err.Error(), "read -: disk on fire") {
			t.Errorf("%q: error = %v", data, results[0].err)
		}
	}
}

func TestArraysByHandLongElement(t *testing.T) {
	defer func(old int64) { maxRecordBytes = old }(maxRecordBytes)
	maxRecordBytes = 1 << 20
	long := strings.Repeat("x", 2<<20)
	got := readStdin(t, []byte(`[{"phone":1},{"phone":2,"note":"`+long+`"}]`), Options{})
	if got.err == nil || got.err.Error() != "-: line 1: more than 1 MiB read from there without the record ending (a string opened there and never closed, or an element or a run of white space that long?)" {
		t.Errorf("error = %v", got.err)
	}
}

// TestJSONElementTooLongNamesItsLine: an element over the limit, or a run
// of white space before one, is named by the line it starts on (an
// element) or the run starts on, by hand and by decoder, in an array and
// in an object wrapping one; the hint is JSON's, not CSV's.
func TestJSONElementTooLongNamesItsLine(t *testing.T) {
	defer func(old int64) { maxRecordBytes = old }(maxRecordBytes)
	maxRecordBytes = 1 << 20
	const hint = ": more than 1 MiB read from there without the record ending (a string opened there and never closed, or an element or a run of white space that long?)"
	unclosed := "{\"phone\":2,\"name\":\"never closed\n" + strings.Repeat("x", 2<<20)
	blanks := strings.Repeat("\n", 2<<20) + "{\"phone\":2}]"
	tests := []struct {
		name, data, want string
	}{
		{"unclosed string", "[\n{\"phone\":1},\n" + unclosed, "-: line 3" + hint},
		{"unclosed string, comma on its line", "[\n{\"phone\":1}\n,  " + unclosed, "-: line 3" + hint},
		{"first element", "\n[\n\n" + unclosed, "-: line 4" + hint},
		{"blank lines", "[\n{\"phone\":1},\n" + blanks, "-: line 3" + hint},
		{"wrapped, unclosed string", "{\"data\": [\n{\"phone\":1},\n" + unclosed, "-: line 3" + hint},
		{"wrapped, blank lines", "{\"data\": [\n{\"phone\":1}," + blanks, "-: line 3" + hint},
	}
	for _, tt := range tests {
		for _, byHand := range []bool{true, false} {
			arraysByHand = byHand
			got := readStdin(t, []byte(tt.data), Options{})
			if fmt.Sprint(got.err) != tt.want {
				t.Errorf("%s (by hand %v): error = %v\nwant %s", tt.name, byHand, got.err, tt.want)
			}
		}
		arraysByHand = true
	}
}

func FuzzArraysByHand(f *testing.F) {
	for _, s := range []string{
		`[{"phone":1},{"phone":"2","consent":{"at":null}}]`,
		"[\n{\"phone\":1},\n2,\n{\"phone\":[1,{\"a\":2}]}\n]\nx",
		`[{"phone":1},{"phone":`,
		`[{"phone":1}}`,
		`[{"phone":1},{"phone":2},`,
		`[{"phone":"a\"}{"},{"phone":"\u00e9"}]`,
		`[{"phone":1} , {"phone":2},]`,
		"[]",
		"[{\"phone\":1}\n{\"phone\":tru},\n{\"phone\":\"3}, 4 {\"phone\":5}]",
		"{\"data\":[{\"phone\":1} x {\"phone\":2}]}",
		"[1 {\"phone\":2} 3 {\"phone\":,}]",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		readArrayBothWays(t, data, Options{})
	})
}

func BenchmarkReadJSONArray(b *testing.B) {
	const rows = 100_000
	benchmarkRead(b, jsonArrayList(rows, "Contact"), "json", rows)
}

// BenchmarkReadJSONArrayAccents reads a JSON array whose every name is
// accented UTF-8.
func BenchmarkReadJSONArrayAccents(b *testing.B) {
	const rows = 100_000
	benchmarkRead(b, jsonArrayList(rows, "Jürgen Müller"), "json", rows)
}

// jsonArrayList is a JSON array of rows objects, each named name and its
// number.
func jsonArrayList(rows int, name string) []byte {
	var buf bytes.Buffer
	buf.WriteString("[")
	for i := range rows {
		if i > 0 {
			buf.WriteString(",\n")
		}
		fmt.Fprintf(&buf, `{"id": "%d", "phone": "+2547%08d", "name": "%s %d", "email": "c%d@example.com", "consent_source": "web form", "consent_at": "2024-01-%02d", "opted_out": "false", "last_contacted_at": "2024-06-01T10:00:00Z"}`,
			i, i, name, i, i, i%28+1)
	}
	buf.WriteString("]\n")
	return buf.Bytes()
}

// TestJSONArrayEveryCutIsSaid: a JSON array cut off anywhere before its
// end, between elements or inside one, plain or wrapped in an object, is
// never read as if it were whole: a warning says it is not closed, or its
// rest is a malformed record, or it is an error.
func TestJSONArrayEveryCutIsSaid(t *testing.T) {
	for _, whole := range []string{
		"[\n  {\"phone\": \"1\", \"tags\": [\"a\", {\"b\": \"]\"}]},\n  2,\n  {\"phone\": \"3\"}\n]",
		"{\"data\": [{\"phone\": \"1\"}, {\"phone\": \"2\"} ], \"next\": null}",
	} {
		for n := range len(whole) {
			data := whole[:n]
			got := readArrayBothWays(t, []byte(data), Options{})
			said := got.err != nil || got.info.Incomplete != "" ||
				len(got.rows) > 0 && strings.Contains(got.rows[len(got.rows)-1], " !invalid JSON: ")
			if !said {
				t.Errorf("%q read as whole: %q %q", data, got.rows, got.warns)
			}
		}
	}
}
