package cli

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/listaudit/listaudit/pkg/outfile"
)

// distinctInputs refuses a list file named twice, by the same path or
// through a link (os.SameFile): audited as one list, every row of the
// second would be a duplicate of the first. "-" (standard input) can be
// read only once.
func distinctInputs(files []string) error {
	stdin := false
	for i, f := range files {
		if f == "-" {
			if stdin {
				return errors.New("- (standard input) can be read only once")
			}
			stdin = true
			continue
		}
		for _, g := range files[:i] {
			if g != "-" && (filepath.Clean(f) == filepath.Clean(g) || outfile.SameFile(f, g)) {
				return fmt.Errorf("%s: the same file as %s, given twice", f, g)
			}
		}
	}
	return nil
}
