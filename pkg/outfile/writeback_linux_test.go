package outfile

import (
	"syscall"
	"testing"
)

// diskUsed is the disk the file at path takes.
func diskUsed(t *testing.T, path string) (int64, bool) {
	var st syscall.Stat_t
	if err := syscall.Stat(path, &st); err != nil {
		t.Fatal(err)
	}
	return st.Blocks * 512, true
}
