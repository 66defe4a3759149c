package cli

import (
	"encoding/json"
	"path/filepath"
	"testing"
)

// TestBaselineUnusableEntries: baseline entries that can match no finding
// (an unknown rule, a malformed number_sha256) are unusable lines, as a
// suppression list's are: a warning naming the first, and counted in the
// report's evidence apart from the findings the others accept.
func TestBaselineUnusableEntries(t *testing.T) {
	dir := t.TempDir()
	list, base := filepath.Join(dir, "list.csv"), filepath.Join(dir, "bl.json")
	writeFile(t, list, "phone,consent_source,consent_at,opted_out\n+254712345678,web,2025-06-01,\n")
	writeFile(t, base, `{"schema_version":1,"entries":[`+
		`{"rule":"stael","file":"list.csv","number_sha256":"ab","count":1},`+
		`{"rule":"stale","file":"list.csv","number_sha256":"ab","count":1},`+
		`{"rule":"stale","file":"list.csv","number_sha256":"`+"0000000000000000000000000000000000000000000000000000000000000000"+`","count":2}]}`)
	env, out, errOut := testEnv("")
	code := Main([]string{"check", "--now", "2026-01-15", "--region", "KE", "-f", "json", "--baseline", base, list}, env)
	want := "listaudit: warning: " + base + `: 2 entries are unusable, not used (first: entry 1: unknown rule "stael" (did you mean "stale"?))` + "\n"
	if code != ExitOK || errOut.String() != want {
		t.Fatalf("exit %d, stderr\n%q\nwant exit 0 and\n%q", code, errOut, want)
	}
	var r struct {
		Evidence []struct {
			Kind    string `json:"kind"`
			Entries int    `json:"entries"`
			Invalid int    `json:"invalid"`
		} `json:"evidence"`
	}
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	if len(r.Evidence) != 1 || r.Evidence[0].Kind != "baseline" || r.Evidence[0].Entries != 2 || r.Evidence[0].Invalid != 2 {
		t.Errorf("evidence %+v, want the baseline with 2 entries and 2 invalid", r.Evidence)
	}
}

// TestBaselineNotABaseline: a null entries or entry, a schema_version that
// is not a whole number, and data after the baseline object (two baselines
// appended in one file) are a file that is not a baseline: one line naming
// the file and what is wrong, exit 2, nothing on standard output.
func TestBaselineNotABaseline(t *testing.T) {
	dir := t.TempDir()
	list, base := filepath.Join(dir, "list.csv"), filepath.Join(dir, "bl.json")
	writeFile(t, list, "phone,consent_source,consent_at,opted_out\n+254712345678,web,2025-06-01,\n")
	for _, tc := range []struct{ body, want string }{
		{`{"schema_version":1,"entries":null}`, "entries: not an array"},
		{`{"schema_version":1,"entries":[null]}`, "entries: entry 1: want an object, got a JSON null"},
		{`{"schema_version":"1","entries":[]}`, "schema_version: want a whole number, got a JSON string"},
		{`{"entries":[]}`, "schema_version missing"},
		{"{\"schema_version\":1,\"entries\":[]}\n{\"schema_version\":1,\"entries\":[]}\n", "data after the end of the JSON object at byte 35 (two baselines in one file?)"},
	} {
		writeFile(t, base, tc.body)
		env, out, errOut := testEnv("")
		code := Main([]string{"check", "--now", "2026-01-15", "--region", "KE", "--baseline", base, list}, env)
		want := "listaudit: baseline " + base + ": not a listaudit baseline: " + tc.want + "\n"
		if code != ExitError || errOut.String() != want || out.Len() != 0 {
			t.Errorf("%s: exit %d, stdout %q, stderr\n%q\nwant exit 2, no stdout and\n%q", tc.body, code, out, errOut, want)
		}
	}
}
