package cli

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/listaudit/listaudit/pkg/config"
	"github.com/listaudit/listaudit/pkg/report"
)

// groupAnnotation is the pflag annotation that carries a flag's group
// title (config.Group.Title), set by bindFlags and read by writeFlags.
const groupAnnotation = "listaudit-group"

// maxHelpWidth is the widest help is wrapped to: wider lines are hard to
// read, even on a wide terminal.
const maxHelpWidth = 100

// minHelpWidth is the narrowest help is wrapped to, whatever the
// terminal: descriptions under narrowIndent keep 12 columns, as Python's
// argparse keeps its help text 11 columns wide at the least, rather than
// shrinking to a character a line.
const minHelpWidth = 20

// helpWidth is the width help is wrapped to: the terminal's, else
// $COLUMNS, at least minHelpWidth and at most maxHelpWidth.
func (e *Env) helpWidth() int {
	if w := e.columns(); w > 0 && w < maxHelpWidth {
		return max(w, minHelpWidth)
	}
	return maxHelpWidth
}

// wrapHelp rewraps the help texts (Long) of c and its subcommands to
// width, as pflag wraps the flags: each paragraph (blank-line separated)
// is joined and wrapped again, but one with an indented line, which is
// laid out by hand, is kept as it is. On a narrow terminal a command with
// no Long gets its Short, wrapped.
func wrapHelp(c *cobra.Command, width int) {
	if c.Long == "" && width < narrowHelpWidth {
		c.Long = c.Short // which help shows in its place, and would not wrap
	}
	if c.Long != "" {
		paras := strings.Split(c.Long, "\n\n")
		for i, p := range paras {
			if indented(p) {
				continue
			}
			paras[i] = prose(p, width)
		}
		c.Long = strings.Join(paras, "\n\n")
	}
	for _, sub := range c.Commands() {
		wrapHelp(sub, width)
	}
}

// indented reports whether a line of text starts with a space or a tab.
func indented(text string) bool {
	for line := range strings.Lines(text) {
		if line[0] == ' ' || line[0] == '\t' {
			return true
		}
	}
	return false
}

// usageFunc writes a command's usage as cobra's own does, but with its
// flags listed by group (config.Groups), each flag's lines wrapped to
// width by pflag.
func usageFunc(width int) func(*cobra.Command) error {
	return func(c *cobra.Command) error {
		w := c.OutOrStderr()
		fmt.Fprint(w, "Usage:")
		// The root runs only to refuse an unknown command.
		if c.Runnable() && c.HasParent() {
			fmt.Fprintf(w, "\n  %s", c.UseLine())
		}
		if c.HasAvailableSubCommands() {
			fmt.Fprintf(w, "\n  %s [command]", c.CommandPath())
		}
		if c.HasExample() {
			fmt.Fprintf(w, "\n\nExamples:\n%s", c.Example)
		}
		if c.HasAvailableSubCommands() {
			fmt.Fprint(w, "\n\nAvailable Commands:")
			for _, sub := range c.Commands() {
				if !sub.IsAvailableCommand() && sub.Name() != "help" {
					continue
				}
				if width < narrowHelpWidth {
					fmt.Fprintf(w, "\n  %s\n%s", sub.Name(), narrowDescription(sub.Short, width))
					continue
				}
				fmt.Fprintf(w, "\n  %-*s %s", sub.NamePadding(), sub.Name(), sub.Short)
			}
		}
		writeFlags(w, c.LocalFlags(), width)
		if c.HasAvailableInheritedFlags() {
			fmt.Fprintf(w, "\n\nGlobal Flags:\n%s", flagUsages(c.InheritedFlags(), width))
		}
		if c.HasAvailableSubCommands() {
			fmt.Fprintf(w, "\n\n%s", prose(fmt.Sprintf("Use %q for more information about a command.", c.CommandPath()+" [command] --help"), width))
		}
		fmt.Fprintln(w)
		return nil
	}
}

// writeFlags lists flags under the heading of their group, in the order
// of config.Groups, then those of no group (--help). Flags of one group
// only are listed under "Flags:", as cobra does.
func writeFlags(w io.Writer, flags *pflag.FlagSet, width int) {
	var titles []string
	for _, g := range config.Groups() {
		titles = append(titles, g.Title())
	}
	sets := make([]*pflag.FlagSet, len(titles)+1)
	for i := range sets {
		sets[i] = pflag.NewFlagSet("", pflag.ContinueOnError)
	}
	used := 0
	flags.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		i := len(titles) // no group
		if g := f.Annotations[groupAnnotation]; len(g) == 1 && slices.Contains(titles, g[0]) {
			i = slices.Index(titles, g[0])
		}
		if !sets[i].HasFlags() && i < len(titles) {
			used++
		}
		sets[i].AddFlag(f)
	})
	if used <= 1 {
		all := pflag.NewFlagSet("", pflag.ContinueOnError)
		for _, s := range sets {
			all.AddFlagSet(s)
		}
		sets, titles = []*pflag.FlagSet{all}, []string{"Flags"}
	} else {
		titles = append(titles, "Other flags")
	}
	for i, s := range sets {
		if s.HasFlags() {
			fmt.Fprintf(w, "\n\n%s\n%s", prose(titles[i]+":", width), flagUsages(s, width))
		}
	}
}

// narrowHelpWidth is the width below which help is laid out for a narrow
// terminal: each flag's and command's description on the lines under its
// name, wrapped to the width less narrowIndent. pflag, which lays out the
// flags at wider widths, wraps a description beside the widest flag name
// or, where that leaves less than 24 columns, from column 16: below 44
// columns that is fewer than 28 columns of text, and below 40 it does not
// wrap at all.
const narrowHelpWidth = 44

// narrowIndent sets a description under its name on a narrow terminal.
const narrowIndent = "        "

// prose is text of the help, a heading or a sentence, wrapped to width
// (report.WrapWords: a word is broken only after a hyphen or the like).
func prose(text string, width int) string {
	return strings.Join(report.WrapWords(strings.Join(strings.Fields(text), " "), width), "\n")
}

// narrowDescription is text wrapped to width under narrowIndent, each line
// ended by a newline but the last.
func narrowDescription(text string, width int) string {
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		for _, l := range report.WrapWords(strings.TrimSpace(para), width-len(narrowIndent)) {
			lines = append(lines, narrowIndent+l)
		}
	}
	return strings.Join(lines, "\n")
}

// flagUsages lists the flags of s as pflag does, wrapped to width, with no
// trailing blank. On a narrow terminal each flag's name, as pflag writes
// it (shorthand, value name, default), is on a line of its own, and its
// description under it (narrowDescription): a name may be wider than the
// terminal, but no description is.
func flagUsages(s *pflag.FlagSet, width int) string {
	if width >= narrowHelpWidth {
		return strings.TrimRight(s.FlagUsagesWrapped(width), " \n")
	}
	type entry struct{ name, usage string }
	var entries []entry
	// Unwrapped, pflag writes each flag on a line that starts "  -x, --"
	// or "      --", its name and description at least two spaces apart;
	// a description's own line breaks go on lines indented further.
	for line := range strings.Lines(s.FlagUsagesWrapped(0)) {
		line = strings.TrimRight(line, " \n")
		if strings.HasPrefix(line, "  -") || strings.HasPrefix(line, "      --") {
			start := len(line) - len(strings.TrimLeft(line, " "))
			name, usage, _ := strings.Cut(line[start:], "  ")
			entries = append(entries, entry{line[:start] + name, strings.TrimSpace(usage)})
		} else if n := len(entries); n > 0 && line != "" {
			entries[n-1].usage += "\n" + strings.TrimSpace(line)
		}
	}
	lines := make([]string, 0, 2*len(entries))
	for _, e := range entries {
		lines = append(lines, e.name)
		if e.usage != "" {
			lines = append(lines, narrowDescription(e.usage, width))
		}
	}
	return strings.Join(lines, "\n")
}
