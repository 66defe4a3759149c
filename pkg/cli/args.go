package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

// The commands' argument checks say what the command wants, where cobra's
// only count ("requires at least 1 arg(s), only received 0").

// listFiles wants one list file or more.
func listFiles(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return argsError(cmd, "needs at least one list file, or - for standard input")
	}
	return namedLists(cmd, args)
}

// namedLists refuses an empty list file name, as a script's unset variable
// gives ("$LIST"), which would otherwise read as a missing file named "".
func namedLists(cmd *cobra.Command, args []string) error {
	for i, a := range args {
		if a == "" {
			return argsError(cmd, fmt.Sprintf("needs list files by name: argument %d of %d is empty (an unset variable?)", i+1, len(args)))
		}
	}
	return nil
}

// oneListFile wants exactly one list file.
func oneListFile(cmd *cobra.Command, args []string) error {
	switch len(args) {
	case 0:
		return argsError(cmd, "needs the list file to read, or - for standard input")
	case 1:
		return namedLists(cmd, args)
	}
	return argsError(cmd, fmt.Sprintf("reads one list file, not %d", len(args)))
}

// noArgs wants none; hint says where what was given belongs.
func noArgs(hint string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) > 0 {
			return argsError(cmd, fmt.Sprintf("takes no arguments, not %q: %s", args[0], hint))
		}
		return nil
	}
}

// optionalRule wants a rule id, explain and a rule id, or nothing.
func optionalRule(cmd *cobra.Command, args []string) error {
	if len(args) > 0 && args[0] == explainWord {
		args = args[1:]
		if len(args) == 0 {
			return argsError(cmd, explainWord+" needs a rule id: 'listaudit rules' lists them")
		}
	}
	if len(args) > 1 {
		return argsError(cmd, fmt.Sprintf("explains one rule at a time, not %d", len(args)))
	}
	return nil
}

// explainWord may come before a rule id: 'rules explain RULE' is 'rules
// RULE', as the command's short help ("explain one") reads.
const explainWord = "explain"

func argsError(cmd *cobra.Command, msg string) error {
	return fmt.Errorf("%s %s (see '%s --help')", cmd.Name(), msg, cmd.CommandPath())
}
