package cli

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/listaudit/listaudit/pkg/domain"
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
		SuggestionsMinimumDistance: 2,
		// Runnable, so that an unknown command is its argument error
		// (unknownCommand) rather than cobra's, on several lines.
		Args: unknownCommand,
		RunE: func(c *cobra.Command, _ []string) error { return c.Help() },
	}
	prof.addFlag(root)
	root.SetIn(env.In)
	root.SetOut(env.Out)
	root.SetErr(env.ErrOut)
	root.SetVersionTemplate(versionLine(env.Version))
	root.SetUsageFunc(usageFunc(env.helpWidth()))
	root.SetFlagErrorFunc(flagError)
	root.AddCommand(NewCmdCheck(env, nil), NewCmdRules(env, nil), NewCmdInit(env, nil), NewCmdInspect(env, nil))
	root.AddCommand(NewCmdFix(env, nil), newCmdVersion(env))
	// cobra's completion command prints its help for an unknown shell and
	// exits 0; a usage error is exit 2 everywhere else.
	root.InitDefaultCompletionCmd()
	wrapHelp(root, env.helpWidth())
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

// versionLine is what --version and the version command print.
func versionLine(version string) string { return "listaudit " + version + "\n" }

// newCmdVersion builds `listaudit version`, which prints what --version
// prints.
func newCmdVersion(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version, as --version does",
		Args:  noArgs("it prints the version only"),
		RunE: func(c *cobra.Command, _ []string) error {
			_, err := io.WriteString(c.OutOrStdout(), versionLine(env.Version))
			return err
		},
	}
}

// flagError names the command whose help explains the flags, and for an
// unknown flag the nearest flag of that command. A value a flag cannot
// take is said as Resolve says the others: "--limit: want a whole
// number, got "abc"", in the words of config.Flag.Set.
func flagError(c *cobra.Command, err error) error {
	var bad *pflag.InvalidValueError
	if errors.As(err, &bad) {
		return fmt.Errorf("--%s: %w", bad.GetFlag().Name, bad.Unwrap())
	}
	if name, ok := strings.CutPrefix(err.Error(), "unknown flag: --"); ok {
		var names []string
		c.Flags().VisitAll(func(f *pflag.Flag) {
			if !f.Hidden {
				names = append(names, f.Name)
			}
		})
		if near := domain.Nearest(name, names); near != "" {
			err = fmt.Errorf("%w (did you mean --%s?)", err, near)
		}
	}
	return fmt.Errorf("%w (see '%s --help')", err, c.CommandPath())
}

// unknownCommand is the root's argument check: any argument is a command
// listaudit does not have, answered with the nearest ones.
func unknownCommand(c *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	hint := ""
	if near := c.SuggestionsFor(args[0]); len(near) > 0 {
		for i, name := range near {
			// A word a command takes as its argument (SuggestFor:
			// rules jurisdictions) is suggested with the command.
			if sub, _, err := c.Find([]string{name}); err == nil && slices.ContainsFunc(sub.SuggestFor, func(s string) bool {
				return strings.EqualFold(s, args[0])
			}) {
				near[i] = name + " " + strings.ToLower(args[0])
			}
		}
		hint = " (did you mean " + domain.OrList(near) + "?)"
	}
	return fmt.Errorf("unknown command %q%s (see '%s --help')", args[0], hint, c.CommandPath())
}
