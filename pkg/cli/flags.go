package cli

import (
	"github.com/spf13/pflag"

	"github.com/listaudit/listaudit/pkg/config"
)

// bindFlags defines a command's flags, made from the settings table
// (config.NewFlags), on its flag set, each with its group for --help. What they are given is checked by
// config.Resolve, with the policy file.
func bindFlags(f *pflag.FlagSet, flags *config.Flags) {
	for _, fl := range flags.List() {
		pf := f.VarPF(fl, fl.Name(), fl.Shorthand(), fl.Usage())
		if fl.IsBool() {
			pf.NoOptDefVal = "true"
		}
		pf.Annotations = map[string][]string{groupAnnotation: {fl.Group().Title()}}
		if fl.FormerName() != "" {
			// Read, with a warning (config.Resolve), not listed.
			f.VarPF(fl.Former(), fl.FormerName(), "", fl.Usage()).Hidden = true
		}
	}
}

// resolve builds the run's configuration from the defaults, the policy
// file and the flags given.
func resolve(env *Env, cmd config.Command, flags *config.Flags) (*config.Config, error) {
	return config.Resolve(config.Request{Command: cmd, Flags: flags, Dir: env.Dir, Clock: env.Now, Warn: env.warn})
}
