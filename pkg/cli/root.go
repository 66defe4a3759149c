package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

// newRootCmd builds the listaudit command tree, and the CPU profile its
// --cpu-profile flag starts; the caller stops it after the run.
func newRootCmd(env *Env) (*cobra.Command, *cpuProfile) {
	prof := &cpuProfile{}
	root := &cobra.Command{
		Use:   "listaudit",
		Short: "Audit contact lists before you message the people on them",
		Long: `listaudit reads contact-list exports (CSV, TSV, JSON, NDJSON, vCard, XLSX,
gzipped or not) and says, row by row, what would break consent and messaging
rules: invalid or non-E.164 numbers, landlines, missing or expired consent,
opted-out contacts, stale entries, duplicates and over-messaged contacts.`,
		Version:       env.Version,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(*cobra.Command, []string) error {
			return prof.start()
		},
	}
	prof.addFlag(root)
	root.SetIn(env.In)
	root.SetOut(env.Out)
	root.SetErr(env.ErrOut)
	root.SetVersionTemplate("listaudit {{.Version}}\n")
	// Flag errors name the command whose help explains the flags.
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return fmt.Errorf("%w (see '%s --help')", err, c.CommandPath())
	})
	root.AddCommand(NewCmdCheck(env, nil), NewCmdRules(env, nil), NewCmdInit(env, nil), NewCmdInspect(env, nil))
	root.AddCommand(NewCmdFix(env, nil))
	// cobra's completion command prints its help for an unknown shell and
	// exits 0; a usage error is exit 2 everywhere else.
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			c.Args = cobra.NoArgs
			c.RunE = func(c *cobra.Command, _ []string) error {
				return fmt.Errorf("completion needs a shell: bash, fish, powershell or zsh (see '%s --help')", c.CommandPath())
			}
		}
	}
	return root, prof
}
