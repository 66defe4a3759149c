package outfile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestPrivateTempError: a temporary file that cannot be created is named
// by the directory it was to be in, and by $TMPDIR when that chose it.
func TestPrivateTempError(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "missing")
	t.Setenv("TMPDIR", dir)
	_, _, err := PrivateTemp("stdin")
	want := "temporary file in $TMPDIR (" + dir + "): no such file or directory"
	if err == nil || err.Error() != want {
		t.Errorf("PrivateTemp: %v, want %s", err, want)
	}
}

// TestLongTargetNames: a target whose name is as long as a file name may
// be (255 bytes) is written: its temporary file's name is cut short to
// fit, keeps to whole characters, is found by RemoveStale, and differs
// from that of another long name that starts alike.
func TestLongTargetNames(t *testing.T) {
	dir := t.TempDir()
	long := strings.Repeat("r", 250) + ".json"
	accented := "x" + strings.Repeat("é", 120) + "-report.json" // 253 bytes, the cut inside an é
	for _, base := range []string{long, accented, strings.Repeat("r", 234) + ".json"} {
		p, err := Create(filepath.Join(dir, base))
		if err != nil {
			t.Fatalf("Create(%d bytes): %v", len(base), err)
		}
		tmp := filepath.Base(p.tmp)
		if len(tmp) > maxName || !utf8.ValidString(tmp) || !isTempOf(tmp, base) {
			t.Errorf("temporary file of a %d-byte name: %q (%d bytes)", len(base), tmp, len(tmp))
		}
		if _, err := p.WriteString("{}\n"); err != nil {
			t.Fatal(err)
		}
		if err := p.Commit(); err != nil {
			t.Fatalf("Commit(%d bytes): %v", len(base), err)
		}
		if b, err := os.ReadFile(filepath.Join(dir, base)); err != nil || string(b) != "{}\n" {
			t.Errorf("%d-byte target holds %q, %v", len(base), b, err)
		}
	}
	if got := tempStem("r.json"); got != "r.json" {
		t.Errorf("tempStem(r.json) = %q", got)
	}
	other := strings.Repeat("r", 250) + ".html"
	if a, b := tempStem(long), tempStem(other); a == b || isTempOf("."+a+tempInfix+"1", other) {
		t.Errorf("long names that start alike share a temporary name: %q", a)
	}
	if got := tempStem(long); len(got) != maxName-len(".")-len(tempInfix)-tempDigits || !strings.HasPrefix(got, strings.Repeat("r", 230)+"~") {
		t.Errorf("tempStem(%d bytes) = %q (%d bytes)", len(long), got, len(got))
	}
}
