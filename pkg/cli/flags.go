package cli

import (
	"errors"

	"github.com/spf13/pflag"

	"github.com/listaudit/listaudit/pkg/config"
	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/outfile"
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

// listsRead is what check and fix read: their lists, and the files their
// policy names.
func listsRead(lists []string) func(*config.Config) []domain.ReadFile {
	return func(c *config.Config) []domain.ReadFile { return domain.FilesRead(lists, c.Policy) }
}

// resolve builds the run's configuration from the defaults, the policy
// file and the flags given. read, when set, lists the files the run will
// read by that configuration: a standard error that is one of them is
// refused at once (outfile.StreamError), before anything is printed there,
// even the policy file's warnings, held until then.
func resolve(env *Env, cmd config.Command, flags *config.Flags, read func(*config.Config) []domain.ReadFile) (*config.Config, error) {
	var warnings []string
	c, err := config.Resolve(config.Request{Command: cmd, Flags: flags, Dir: env.Dir, Clock: env.Now, Warn: func(msg string) {
		warnings = append(warnings, msg)
	}})
	if err == nil && read != nil {
		var refused *outfile.StreamError
		if err := outfile.RefuseStreams(read(c)); errors.As(err, &refused) && refused.Stderr {
			return nil, err
		}
	}
	for _, msg := range warnings {
		env.warn(msg)
	}
	return c, err
}
