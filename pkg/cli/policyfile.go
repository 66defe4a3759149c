package cli

import (
	"maps"

	"github.com/listaudit/listaudit/pkg/config"
	"github.com/listaudit/listaudit/pkg/domain"
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
// the evidence columns the policy requires, each in its own field slot.
func columnMap(f *config.File, flags map[domain.Field]string, evidence []string) map[domain.Field]string {
	m := map[domain.Field]string{}
	if f != nil {
		maps.Copy(m, f.Columns)
	}
	maps.Copy(m, flags)
	for i, name := range evidence {
		m[domain.Evidence(i)] = name
	}
	if len(m) == 0 {
		return nil
	}
	return m
}
