package cli

import (
	"fmt"

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
// replace one of the files read.
func refuseReplacing(option, path string, read []domain.ReadFile) error {
	for _, r := range read {
		if outfile.Replaces(path, r.Path) {
			return fmt.Errorf("%s: refusing to overwrite %s", option, r.What)
		}
	}
	return nil
}
