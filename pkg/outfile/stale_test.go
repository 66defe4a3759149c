package outfile

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

func TestTempNames(t *testing.T) {
	for _, tc := range []struct {
		name        string
		ofReport    bool // a temporary file of r.json
		privateTemp bool
	}{
		{".r.json.tmp-1234567", true, false},
		{".r.json.tmp-", false, false},
		{".r.json.tmp-12a", false, false},
		{".r.json.tmp-backup", false, false},
		{"r.json.tmp-123", false, false},
		{".rr.json.tmp-123", false, false},
		{"listaudit-out-123", false, true},
		{"listaudit-findings-4567", false, true},
		{"listaudit-out-", false, false},
		{"listaudit--123", false, false},
		{"listaudit-Out-123", false, false},
		{"listaudit-out-123.bak", false, false},
	} {
		if got := isTempOf(tc.name, "r.json"); got != tc.ofReport {
			t.Errorf("isTempOf(%q) = %v", tc.name, got)
		}
		if got := isPrivate(tc.name); got != tc.privateTemp {
			t.Errorf("isPrivate(%q) = %v", tc.name, got)
		}
	}
	// What the files are really named.
	p, err := Create(filepath.Join(t.TempDir(), "r.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Abort()
	if name := filepath.Base(p.tmp); !isTempOf(name, "r.json") {
		t.Errorf("Create's temporary file %q is not named as RemoveStale looks for", name)
	}
	f, err := createTemp(t.TempDir(), privatePrefix+"stdin-*")
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	if name := filepath.Base(f.Name()); !isPrivate(name) {
		t.Errorf("PrivateTemp's file %q is not named as RemoveStale looks for", name)
	}
}

// leftovers creates files in dir, each aged by its duration.
func leftovers(t *testing.T, dir string, files map[string]time.Duration) {
	t.Helper()
	for name, age := range files {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte("+254712345678\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		when := time.Now().Add(-age)
		if err := os.Chtimes(path, when, when); err != nil {
			t.Fatal(err)
		}
	}
}

// TestRemoveStaleWithoutProcessView: where no process's open files can be
// seen, leftovers a day old are removed and younger ones (older than the
// run) are returned to be warned about.
func TestRemoveStaleWithoutProcessView(t *testing.T) {
	defer func(old func([]leftover) ([]bool, bool)) { seeOpen = old }(seeOpen)
	seeOpen = func([]leftover) ([]bool, bool) { return nil, false }
	dir := t.TempDir()
	leftovers(t, dir, map[string]time.Duration{
		".r.json.tmp-1": 25 * time.Hour, ".r.json.tmp-2": time.Hour, ".r.json.tmp-3": -time.Minute,
		".r.json.tmp-x": 48 * time.Hour, "notes.txt": 48 * time.Hour,
	})
	left := RemoveStale([]string{filepath.Join(dir, "r.json")})
	if want := []string{filepath.Join(dir, ".r.json.tmp-2")}; !slices.Equal(left, want) {
		t.Errorf("left %v, want %v", left, want)
	}
	if got, want := names(t, dir), []string{".r.json.tmp-2", ".r.json.tmp-3", ".r.json.tmp-x", "notes.txt"}; !slices.Equal(got, want) {
		t.Errorf("dir holds %v, want %v", got, want)
	}
}

// TestRemoveStaleSeesOpenFiles: on Linux a leftover no process holds open
// is removed whatever its age, and one that is held open stays, even
// complete and waiting for its rename (holdUntilRename).
func TestRemoveStaleSeesOpenFiles(t *testing.T) {
	if _, seen := heldOpen(nil); !seen {
		t.Skip("no /proc to see open files in")
	}
	dir := t.TempDir()
	leftovers(t, dir, map[string]time.Duration{".r.json.tmp-1": time.Minute})
	target := filepath.Join(dir, "r.json")
	p, err := Create(target)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Abort()
	p.WriteString("{}\n")
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	// As a later run sees it.
	defer func(old time.Time) { started = old }(started)
	started = time.Now().Add(time.Hour)
	if left := RemoveStale([]string{target}); len(left) != 0 {
		t.Errorf("left %v", left)
	}
	if _, err := os.Stat(filepath.Join(dir, ".r.json.tmp-1")); !os.IsNotExist(err) {
		t.Errorf("the leftover is still there: %v", err)
	}
	if _, err := os.Stat(p.tmp); err != nil {
		t.Fatalf("the file being written was removed: %v", err)
	}
	if err := p.Commit(); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(target); string(b) != "{}\n" {
		t.Errorf("target = %q", b)
	}
}

// TestPlanRemoveStaleWarns: what cannot be removed is named in one warning.
func TestPlanRemoveStaleWarns(t *testing.T) {
	defer func(old func([]leftover) ([]bool, bool)) { seeOpen = old }(seeOpen)
	seeOpen = func([]leftover) ([]bool, bool) { return nil, false }
	dir := t.TempDir()
	leftovers(t, dir, map[string]time.Duration{".c.csv.tmp-1": time.Hour, ".q.csv.tmp-2": time.Hour})
	var plan Plan
	plan.Add(Output{Option: "-o c.csv", Path: filepath.Join(dir, "c.csv")})
	plan.Add(Output{Option: "--quarantine q.csv", Path: filepath.Join(dir, "q.csv")})
	plan.Add(Output{Option: "--report json=-", Path: "-"})
	var warnings []string
	plan.RemoveStale(func(msg string) { warnings = append(warnings, msg) })
	want := filepath.Join(dir, ".c.csv.tmp-1") + ", " + filepath.Join(dir, ".q.csv.tmp-2") +
		": left by a listaudit run that was stopped before it could remove them? Such temporary files hold personal data: delete them unless a listaudit run is writing them now"
	if len(warnings) != 1 || warnings[0] != want {
		t.Errorf("warnings %q\nwant %q", warnings, want)
	}
}
