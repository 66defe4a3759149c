package outfile

import (
	"path/filepath"
	"testing"
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
