package cli

import (
	"cmp"
	"fmt"
	"maps"
	"slices"

	"github.com/listaudit/listaudit/pkg/config"
	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/textfile"
)

// loadConfig reads the policy file: the one --config names (which must
// exist), else .listaudit.yaml in the working directory when there is one.
// No file is no policy file: nil.
func loadConfig(env *Env, path string) (*config.File, error) {
	if path != "" {
		return config.Load(path)
	}
	found, ok := config.Find(env.dir())
	if !ok {
		return nil, nil
	}
	return config.Load(found)
}

// columnMap merges the column mappings: the policy file's, then --map, then
// the evidence columns the policy requires, each in its own field slot. A
// header mapped by --map to one field and by the policy file to another is
// an error, as two fields on one header are within either.
func columnMap(f *config.File, flags map[domain.Field]string, evidence []string) (map[domain.Field]string, error) {
	m := map[domain.Field]string{}
	if f != nil {
		maps.Copy(m, f.Columns)
		for fld, header := range f.Columns {
			if _, replaced := flags[fld]; replaced {
				continue
			}
			for _, other := range slices.Sorted(maps.Keys(flags)) {
				if mapKey(flags[other]) == mapKey(header) {
					return nil, fmt.Errorf("--map %s=%s: header %q is also mapped to %s in %s", other, flags[other], flags[other], fld, f.Path)
				}
			}
		}
	}
	maps.Copy(m, flags)
	for i, name := range evidence {
		m[domain.Evidence(i)] = name
	}
	if len(m) == 0 {
		return nil, nil
	}
	return m, nil
}

// mapKey is how mapped headers are compared: as the readers match them
// (textfile.HeaderKey), or as written when that leaves nothing.
func mapKey(header string) string { return cmp.Or(textfile.HeaderKey(header), header) }
