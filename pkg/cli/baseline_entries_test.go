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
