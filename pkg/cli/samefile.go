package cli

import (
	"fmt"
	"path/filepath"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/outfile"
)

// filesRead lists every file a run reads: its inputs, then the policy file
// and the evidence files the policy names.
func filesRead(inputs []string, p domain.Policy) []domain.ReadFile {
	files := make([]domain.ReadFile, 0, len(inputs))
	for _, in := range inputs {
		files = append(files, domain.ReadFile{Path: in, What: "an input file"})
	}
	return append(files, p.FilesRead()...)
}

// refuseReplacing returns an error naming option when writing path would
// replace one of the files read. "-" (standard output) replaces none.
func refuseReplacing(option, path string, read []domain.ReadFile) error {
	if path == "-" {
		return nil
	}
	for _, r := range read {
		if outfile.Replaces(path, r.Path) {
			return fmt.Errorf("%s: refusing to overwrite %s", option, r.What)
		}
	}
	return nil
}

// sameOutput reports whether writing a and b would replace one file: the
// same path, the same existing file, or links to one target (which may not
// exist yet), so that one output would silently replace the other. "-"
// (stdout) is compared by name.
func sameOutput(a, b string) bool {
	if filepath.Clean(a) == filepath.Clean(b) {
		return true
	}
	if a == "-" || b == "-" {
		return false
	}
	if outfile.SameFile(a, b) {
		return true
	}
	ta, err := filepath.Abs(outfile.Target(a))
	if err != nil {
		return false
	}
	tb, err := filepath.Abs(outfile.Target(b))
	return err == nil && ta == tb
}
