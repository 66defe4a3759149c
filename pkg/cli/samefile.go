package cli

import (
	"errors"
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
