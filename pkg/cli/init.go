package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/listaudit/listaudit/pkg/config"
	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/input"
	"github.com/listaudit/listaudit/pkg/outfile"
	"github.com/listaudit/listaudit/pkg/report"
)

// InitOptions are what `listaudit init` was given.
type InitOptions struct {
	Env   *Env
	Flags *config.Flags
}

// NewCmdInit builds `listaudit init`.
func NewCmdInit(env *Env, runF func(*InitOptions) error) *cobra.Command {
	opts := &InitOptions{Env: env, Flags: config.NewFlags(config.Init)}
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Write a commented starter policy file (.listaudit.yaml)",
		Long: `Write .listaudit.yaml with every setting at its default and a comment
saying what it does. With --from, read a contact list's header and propose
the column mapping listaudit detects, so you can correct it before auditing.`,
		Example: "  listaudit init\n  listaudit init --from contacts.csv",
		Args:    noArgs("--from FILE names a list to read the columns of, -o FILE the policy file to write"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runInit(opts)
		},
	}
	bindFlags(cmd.Flags(), opts.Flags)
	return cmd
}

func runInit(o *InitOptions) error {
	c, err := resolve(o.Env, config.Init, o.Flags, initRead)
	if err != nil {
		return err
	}
	path := c.Output
	if path != "-" && !filepath.IsAbs(path) && o.Env.Dir != "" {
		path = filepath.Join(o.Env.Dir, path)
	}
	// --force replaces an old policy, never the list --from reads: refused
	// as check refuses an output onto an input, before anything is read.
	var plan outfile.Plan
	plan.Add(outfile.Output{Option: "-o " + c.Output, Path: path})
	if err := plan.Check(initRead(c)); err != nil {
		return err
	}
	if c.Output == "-" {
		// The policy itself is the output: no file, no "wrote" line.
		if err := detectMapping(o.Env, c); err != nil {
			return err
		}
		_, err = o.Env.Out.Write(config.Template(c))
		return err
	}
	if _, err := os.Stat(path); err == nil && !c.Force {
		return fmt.Errorf("%s already exists; use --force to overwrite it", c.Output)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("init: %w", err)
	}
	if err := detectMapping(o.Env, c); err != nil {
		return err
	}
	data := config.Template(c)
	if err := outfile.Write(path, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
		return err
	}
	msg := fmt.Sprintf("wrote %s", c.Output)
	switch {
	case c.FromFixed != nil:
		msg += fmt.Sprintf(" with no columns mapped: %s is a vCard, whose fields are fixed", c.From)
	case c.From != "":
		msg += fmt.Sprintf(" with the %d columns detected in %s", len(c.Columns), c.From)
	}
	_, err = fmt.Fprintln(o.Env.Out, msg)
	return err
}

// fromList is the list --from names, as the files init reads.
// initRead is what init reads: the list --from names, if any.
func initRead(c *config.Config) []domain.ReadFile {
	return domain.FilesRead(fromList(c.From), domain.Policy{})
}

func fromList(from string) []string {
	if from == "" {
		return nil
	}
	return []string{from}
}

// detectMapping opens the list --from names, read as init's flags say,
// and sets c.Columns to the header each named field was matched to, and
// c.PhoneFallbacks to the phone column's fallbacks; nothing without
// --from.
func detectMapping(env *Env, c *config.Config) error {
	if c.From == "" {
		return nil
	}
	var warnings bytes.Buffer
	// No phone column is no error here: the template says to set one.
	in := c.Input
	in.PhoneOptional = true
	in.Warn = func(msg string) { fmt.Fprintf(&warnings, "listaudit: warning: %s\n", report.Printable(msg)) }
	r, err := input.Open(input.Source{Path: c.From, Stdin: env.In}, in)
	if err != nil {
		return err
	}
	defer r.Close()
	io.WriteString(env.ErrOut, domain.Marks(env.errASCII(), warnings.String()))
	info := r.Info()
	if fixed := input.FixedColumns(info.Format); fixed != nil {
		c.Columns, c.FromFixed = nil, fixed
		return nil
	}
	cols := info.Columns
	if cols[domain.FieldPhone] == "" {
		env.warn(c.From + ": no column was recognised as the phone number; set phone under columns: in the policy file before auditing")
	}
	m := map[domain.Field]string{}
	for f := domain.Field(0); f < domain.NumNamedFields; f++ {
		if cols[f] != "" {
			m[f] = cols[f]
		}
	}
	c.Columns, c.PhoneFallbacks = m, info.PhoneFallbacks
	return nil
}
