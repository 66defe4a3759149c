package baseline

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/listaudit/listaudit/pkg/domain"
)

func finding(rule, file string, row int, phone string) domain.Finding {
	return domain.Finding{Rule: rule, Loc: domain.Location{File: file, Row: row}, Phone: phone}
}

func TestBaselineSurvivesReorderedRows(t *testing.T) {
	before := []domain.Finding{
		finding("consent-missing", "a.csv", 1, "+254712345678"),
		finding("stale", "a.csv", 2, "+254722000111"),
		finding("phone-missing", "a.csv", 3, ""),
	}
	path := filepath.Join(t.TempDir(), "baseline.json")
	if err := Write(path, FromFindings(before)); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", st.Mode().Perm())
	}
	b, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	// The list was re-sorted and gained a finding: only the new one is kept.
	after := []domain.Finding{
		finding("stale", "a.csv", 7, "+254722000111"),
		finding("consent-missing", "a.csv", 9, "+254712345678"),
		finding("consent-missing", "a.csv", 10, "+254733123456"),
		finding("phone-missing", "a.csv", 11, ""),
		finding("phone-missing", "a.csv", 12, ""),
	}
	kept, accepted := b.Filter(after)
	want := []domain.Finding{after[2], after[4]}
	if !reflect.DeepEqual(kept, want) || len(accepted) != 3 {
		t.Errorf("kept %+v, accepted %d", kept, len(accepted))
	}
	// The same file named another way is the same file.
	kept, _ = b.Filter([]domain.Finding{finding("stale", "./a.csv", 1, "+254722000111")})
	if len(kept) != 0 {
		t.Error("./a.csv was not matched to a.csv")
	}
	// Another file with the same numbers is not covered.
	kept, _ = b.Filter([]domain.Finding{finding("stale", "b.csv", 1, "+254722000111")})
	if len(kept) != 1 {
		t.Error("a finding of another file was accepted")
	}
}

func TestBaselineHoldsNoRawNumbers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "b.json")
	if err := Write(path, FromFindings([]domain.Finding{finding("stale", "a.csv", 1, "+254712345678")})); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	sum := sha256.Sum256([]byte("+254712345678"))
	want := `{
  "schema_version": 1,
  "entries": [
    {
      "rule": "stale",
      "file": "a.csv",
      "number_sha256": "` + hex.EncodeToString(sum[:]) + `",
      "count": 1
    }
  ]
}
`
	if string(data) != want {
		t.Errorf("baseline = %s, want %s", data, want)
	}
	if strings.Contains(string(data), "254712345678") {
		t.Error("the baseline holds the raw number")
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte("not json"), 0o600)
	if _, err := Load(bad); err == nil {
		t.Error("no error for a non-JSON baseline")
	}
	old := filepath.Join(dir, "old.json")
	os.WriteFile(old, []byte(`{"schema_version": 9, "entries": []}`), 0o600)
	if _, err := Load(old); err == nil || err.Error() != "baseline "+old+": schema_version 9, want 1 (write it again with --write-baseline)" {
		t.Errorf("err = %v", err)
	}
	if _, err := Load(filepath.Join(dir, "missing.json")); err == nil {
		t.Error("no error for a missing baseline")
	}
}

// Encode writes entry by entry exactly what json.Encoder writes of the
// whole file, so baselines written before read the same and diff cleanly.
func TestEncodeMatchesEncoder(t *testing.T) {
	for _, b := range []*File{
		{SchemaVersion: 1},
		{SchemaVersion: 1, Entries: []Entry{}},
		{SchemaVersion: 1, Entries: []Entry{{Rule: "stale", File: "a.csv", NumberSHA256: strings.Repeat("ab", 32), Count: 1}}},
		{SchemaVersion: 1, Entries: []Entry{
			{Rule: "consent-missing", File: "dir/<b>&\"q\".csv", NumberSHA256: strings.Repeat("0f", 32), Count: 2},
			{Rule: "duplicate", File: "é.csv", NumberSHA256: strings.Repeat("9a", 32), Count: 3},
		}},
	} {
		var want, got bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		if err := enc.Encode(b); err != nil {
			t.Fatal(err)
		}
		if err := Encode(&got, b); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("Encode:\n%s\njson.Encoder:\n%s", got.String(), want.String())
		}
	}
}

// A digest that is not 64 hex digits matches nothing; upper-case hex is
// the same digest.
func TestMatcherDigests(t *testing.T) {
	f := domain.Finding{Rule: "stale", Loc: domain.Location{File: "a.csv"}, Phone: "+254712345678"}
	sum := sha256.Sum256([]byte(f.Phone))
	lower := hex.EncodeToString(sum[:])
	for digest, want := range map[string]bool{
		lower: true, strings.ToUpper(lower): true, lower[:62]: false, lower + "00": false, "zz" + lower[2:]: false,
	} {
		b := &File{SchemaVersion: 1, Entries: []Entry{{Rule: "stale", File: "a.csv", NumberSHA256: digest, Count: 1}}}
		if got := b.Matcher().Accepts(&f); got != want {
			t.Errorf("digest %q: Accepts = %v, want %v", digest, got, want)
		}
	}
}

// TestLoadEncodings: a baseline saved with a byte-order mark (UTF-8, or
// UTF-16 as Windows PowerShell 5.1 redirects output) reads as the file
// without. Data after the object is named by the file's byte where the
// file is UTF-8, a BOM counted.
func TestLoadEncodings(t *testing.T) {
	doc := `{"schema_version": 1, "entries": [{"rule": "stale", "file": "café.csv", "number_sha256": "` +
		strings.Repeat("ab", 32) + `", "count": 2}]}` + "\r\n"
	asUTF16 := func(order binary.AppendByteOrder, bom []byte, s string) []byte {
		out := slices.Clone(bom)
		for _, u := range utf16.Encode([]rune(s)) {
			out = order.AppendUint16(out, u)
		}
		return out
	}
	le, be := []byte{0xff, 0xfe}, []byte{0xfe, 0xff}
	want := []Entry{{Rule: "stale", File: "café.csv", NumberSHA256: strings.Repeat("ab", 32), Count: 2}}
	const extra = "data after the end of the JSON object"
	const damaged16 = "a damaged UTF-16 file (bytes cut off or lost; write it again with --write-baseline)"
	for _, tc := range []struct {
		name string
		data []byte
		err  string // after "baseline PATH: not a listaudit baseline: "
	}{
		{"UTF-8", []byte(doc), ""},
		{"UTF-8 with a BOM", []byte(utf8BOM + doc), ""},
		{"UTF-16LE with a BOM", asUTF16(binary.LittleEndian, le, doc), ""},
		{"UTF-16BE with a BOM", asUTF16(binary.BigEndian, be, doc), ""},
		{"UTF-8, data after", []byte(`{"schema_version": 1, "entries": []} x`), extra + " at byte 38 (two baselines in one file?)"},
		{"UTF-8 with a BOM, data after", []byte(utf8BOM + `{"schema_version": 1, "entries": []} x`), extra + " at byte 41 (two baselines in one file?)"},
		{"UTF-16 with a BOM, data after", asUTF16(binary.LittleEndian, le, `{"schema_version": 1, "entries": []} x`), extra + " (two baselines in one file?)"},
		{"a BOM, then no JSON", []byte(utf8BOM + "hello"), "invalid character 'h' looking for beginning of value"},
		// A UTF-16 file with bytes lost does not decode: it is named as
		// damaged, not as a second baseline or "invalid character 'ï'"
		// (QA28b F4). One cut at an even byte decodes, and ends early.
		{"UTF-16 missing its last byte", asUTF16(binary.LittleEndian, le, doc)[:len(asUTF16(binary.LittleEndian, le, doc))-1], damaged16},
		{"UTF-16BE missing its last byte", asUTF16(binary.BigEndian, be, doc)[:len(asUTF16(binary.BigEndian, be, doc))-1], damaged16},
		{"UTF-16 cut at an odd byte", asUTF16(binary.LittleEndian, le, doc)[:101], damaged16},
		{"UTF-16 with a lone surrogate", append(asUTF16(binary.LittleEndian, le, `{"schema_version": 1, "entries": [{"rule": "`), 0x00, 0xd8, '"', 0, '}', 0), damaged16},
		{"UTF-16 cut at an even byte", asUTF16(binary.LittleEndian, le, doc)[:100], "entries: unexpected EOF"},
		// A lone surrogate in a key the JSON still parses around: the
		// key would be unknown and the baseline hold no entries, silently
		// (QA28c F2).
		{"UTF-16 with a lone surrogate in a key", slices.Concat(asUTF16(binary.LittleEndian, le, `{"schema_version": 1, "entr`), []byte{0x00, 0xd8}, asUTF16(binary.LittleEndian, nil, `ies": []}`)), damaged16},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "b.json")
			if err := os.WriteFile(path, tc.data, 0o600); err != nil {
				t.Fatal(err)
			}
			b, err := Load(path)
			if tc.err != "" {
				if want := "baseline " + path + ": not a listaudit baseline: " + tc.err; err == nil || err.Error() != want {
					t.Errorf("err = %v, want %s", err, want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(b.Entries, want) {
				t.Errorf("entries %+v, want %+v", b.Entries, want)
			}
		})
	}
}

// TestMatcherPaths: an entry's file and a finding's are compared cleaned,
// the same way, so that "./list.csv" and "list.csv" are one file
// whichever side spells it which way.
func TestMatcherPaths(t *testing.T) {
	const phone = "+254712345678"
	sum := sha256.Sum256([]byte(phone))
	for _, tc := range []struct {
		entry, finding string
		want           bool
	}{
		{"warn.csv", "warn.csv", true},
		{"./warn.csv", "warn.csv", true},
		{"warn.csv", "./warn.csv", true},
		{"./dir//b/../warn.csv", "dir/warn.csv", true},
		{"dir/./warn.csv", "./dir/warn.csv", true},
		{"/tmp/x/../warn.csv", "/tmp/warn.csv", true},
		{"other/warn.csv", "warn.csv", false},
		{"../warn.csv", "warn.csv", false},
	} {
		b := &File{SchemaVersion: 1, Entries: []Entry{{Rule: "stale", File: tc.entry, NumberSHA256: hex.EncodeToString(sum[:]), Count: 1}}}
		f := finding("stale", tc.finding, 2, phone)
		if got := b.Matcher().Accepts(&f); got != tc.want {
			t.Errorf("entry %q, finding in %q: Accepts = %v, want %v", tc.entry, tc.finding, got, tc.want)
		}
	}
}

// Load reads a baseline as a stream; what is not one is refused with the
// file's name, and keys it does not know are passed by.
func TestLoadStream(t *testing.T) {
	dir := t.TempDir()
	digest := strings.Repeat("ab", 32)
	tests := []struct{ name, body, want string }{
		{"entries", `{"schema_version": 1, "note": {"x": [1]}, "entries": [{"rule": "stale", "file": "a.csv", "number_sha256": "` + digest + `", "count": 2}]}`, ""},
		{"null entries", `{"entries": null, "schema_version": 1}`, "entries: not an array"},
		{"null entry", `{"schema_version": 1, "entries": [{"rule": "stale", "count": 1}, null]}`, "entries: entry 2: want an object, got a JSON null"},
		{"not json", `phone`, "invalid character 'p' looking for beginning of value"},
		{"not an object", `[1]`, "not a JSON object"},
		{"entries not an array", `{"schema_version": 1, "entries": {"a": 1}}`, "entries: not an array"},
		{"bad entry", `{"schema_version": 1, "entries": [{"rule": "stale", "count": 1}, {"rule": 5, "count": 1}]}`, "entries: entry 2: rule: want a string, got a JSON number"},
		{"entry not an object", `{"schema_version": 1, "entries": [["stale"]]}`, "entries: entry 1: want an object, got a JSON array"},
		{"count no whole number", `{"schema_version": 1, "entries": [{"count": "x"}, {"count": 1.5}, {"count": {"n": 2}}]}`, ""},
		{"cut short", `{"schema_version": 1, "entries": [`, "unexpected EOF"},
		{"old schema", `{"schema_version": 0, "entries": []}`, "schema_version 0, want 1 (write it again with --write-baseline)"},
		{"schema_version string", `{"schema_version": "1", "entries": []}`, "schema_version: want a whole number, got a JSON string"},
		{"schema_version fraction", `{"schema_version": 1.5, "entries": []}`, "schema_version: want a whole number, got a JSON number 1.5"},
		{"schema_version object", `{"schema_version": {"v": 1}, "entries": []}`, "schema_version: want a whole number, got a JSON object"},
		{"schema_version null", `{"schema_version": null, "entries": []}`, "schema_version missing"},
		{"no schema_version", `{"entries": []}`, "schema_version missing"},
		{"two baselines", "{\"schema_version\": 1, \"entries\": []}\n {\"schema_version\": 1, \"entries\": []}\n", "data after the end of the JSON object at byte 39 (two baselines in one file?)"},
		{"a closing brace too many", `{"schema_version": 1, "entries": []}}`, "data after the end of the JSON object at byte 37 (two baselines in one file?)"},
		{"white space after", "{\"schema_version\": 1, \"entries\": []}\r\n\t \n", ""},
	}
	for _, tt := range tests {
		p := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".json")
		if err := os.WriteFile(p, []byte(tt.body), 0o600); err != nil {
			t.Fatal(err)
		}
		b, err := Load(p)
		got := ""
		if err != nil {
			got = strings.TrimPrefix(err.Error(), "baseline "+p+": ")
			got = strings.TrimPrefix(got, "not a listaudit baseline: ")
		}
		if got != tt.want {
			t.Errorf("%s: error %q, want %q", tt.name, got, tt.want)
		}
		if tt.name == "entries" && (len(b.Entries) != 1 || b.Entries[0].Count != 2 || b.Entries[0].NumberSHA256 != digest) {
			t.Errorf("entries: %+v", b.Entries)
		}
	}
}

// TestUsable: an entry that can match no finding (an unknown rule, a
// number_sha256 that is not 64 hex digits, a count under 1) is counted
// unusable, the first named by its place; the others' counts are what
// the baseline accepts.
func TestUsable(t *testing.T) {
	good := hex.EncodeToString(make([]byte, sha256.Size))
	known := func(rule string) error {
		if rule == "stale" {
			return nil
		}
		return errors.New(`unknown rule "` + rule + `"`)
	}
	for _, tc := range []struct {
		name     string
		entries  []Entry
		accepts  int
		unusable int
		first    string
	}{
		{"all usable", []Entry{{"stale", "a.csv", good, 2}, {"stale", "b.csv", good, 1}}, 3, 0, ""},
		{"unknown rule", []Entry{{"stale", "a.csv", good, 2}, {"stael", "x", good, 1}}, 2, 1, `entry 2: unknown rule "stael"`},
		{"short digest", []Entry{{"stale", "x", "ab", 1}}, 0, 1, `entry 1: number_sha256 "ab" is not 64 hex digits`},
		{"not hex", []Entry{{"stale", "x", strings.Repeat("zz", 32), 1}}, 0, 1, `entry 1: number_sha256 "` + strings.Repeat("zz", 32) + `" is not 64 hex digits`},
		{"count 0", []Entry{{"stale", "x", good, 0}, {"nope", "x", "ab", 1}}, 0, 2, "entry 1: count 0: want 1 or more"},
	} {
		b := &File{SchemaVersion: SchemaVersion, Entries: tc.entries}
		accepts, unusable, first := b.Usable(known)
		if accepts != tc.accepts || unusable != tc.unusable || first != tc.first {
			t.Errorf("%s: %d, %d, %q; want %d, %d, %q", tc.name, accepts, unusable, first, tc.accepts, tc.unusable, tc.first)
		}
	}
}

// TestLoadCountNotWhole: an entry whose count is no whole number (1.5,
// "2", 1e3, an object) is read, and is unusable as a count under 1 is,
// named with its count as written; the other entries are used.
func TestLoadCountNotWhole(t *testing.T) {
	good := strings.Repeat("ab", 32)
	entry := func(rule, count string) string {
		return `{"rule": "` + rule + `", "file": "a.csv", "number_sha256": "` + good + `", "count": ` + count + `}`
	}
	known := func(rule string) error {
		if rule == "stale" {
			return nil
		}
		return errors.New(`unknown rule "` + rule + `"`)
	}
	for _, tc := range []struct {
		name, count, first string
	}{
		{"fraction", "1.5", "entry 2: count 1.5: want a whole number, 1 or more"},
		{"string", `"2"`, `entry 2: count "2": want a whole number, 1 or more`},
		{"exponent", "1e3", "entry 2: count 1e3: want a whole number, 1 or more"},
		{"object", `{"n": 2}`, `entry 2: count {"n": 2}: want a whole number, 1 or more`},
		{"null", "null", "entry 2: count missing: want a whole number, 1 or more"},
		{"too large", "99999999999999999999", "entry 2: count 99999999999999999999: too large, want at most 9223372036854775807"},
		{"too small", "-99999999999999999999", "entry 2: count -99999999999999999999: want 1 or more"},
	} {
		body := `{"schema_version": 1, "entries": [` + entry("stale", "3") + `, ` + entry("stale", tc.count) + `, ` + entry("stael", tc.count) + `]}`
		checkUsable(t, tc.name, body, known, 2, tc.first)
	}
}

// checkUsable loads body as a baseline file and checks that known finds
// one usable entry accepting 3 findings, the rest (unusable of them)
// unusable, the first named by first.
func checkUsable(t *testing.T, name, body string, known func(string) error, unusable int, first string) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "bl.json")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	b, err := Load(p)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	accepts, gotUnusable, gotFirst := b.Usable(known)
	if accepts != 3 || gotUnusable != unusable || gotFirst != first {
		t.Errorf("%s: %d, %d, %q; want 3, %d, %q", name, accepts, gotUnusable, gotFirst, unusable, first)
	}
	if got := b.Matcher().left; len(got) != 1 {
		t.Errorf("%s: the matcher holds %v", name, got)
	}
}

// TestLoadFlaws: an entry with no file (left out, null or "") or no count
// (left out) can match no finding: it is unusable, named with what is
// missing, and the other entries are used.
func TestLoadFlaws(t *testing.T) {
	good := strings.Repeat("ab", 32)
	known := func(string) error { return nil }
	for _, tc := range []struct {
		name, entry, first string
	}{
		{"no file", `{"rule": "stale", "number_sha256": "` + good + `", "count": 1}`, "entry 2: file missing: want the path of an input file"},
		{"null file", `{"rule": "stale", "file": null, "number_sha256": "` + good + `", "count": 1}`, "entry 2: file missing: want the path of an input file"},
		{"empty file", `{"rule": "stale", "file": "", "number_sha256": "` + good + `", "count": 1}`, `entry 2: file "": want the path of an input file`},
		{"no count", `{"rule": "stale", "file": "a.csv", "number_sha256": "` + good + `"}`, "entry 2: count missing: want a whole number, 1 or more"},
	} {
		body := `{"schema_version": 1, "entries": [{"rule": "stale", "file": "a.csv", "number_sha256": "` + good + `", "count": 3}, ` + tc.entry + `]}`
		checkUsable(t, tc.name, body, known, 1, tc.first)
	}
}
