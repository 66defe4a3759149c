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
)

// InitOptions are the settings of `listaudit init`.
type InitOptions struct {
	Env    *Env
	From   string
	Output string
	Force  bool
}

// NewCmdInit builds `listaudit init`.
func NewCmdInit(env *Env, runF func(*InitOptions) error) *cobra.Command {
	opts := &InitOptions{Env: env}
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
	f := cmd.Flags()
	f.StringVar(&opts.From, "from", "", "propose the column mapping of contact list `FILE`")
	f.StringVarP(&opts.Output, "output", "o", ".listaudit.yaml", "write the policy to `FILE` (- for standard output)")
	f.BoolVar(&opts.Force, "force", false, "overwrite an existing policy file")
	return cmd
}

func runInit(o *InitOptions) error {
	if o.Output == "-" {
		// The policy itself is the output: no file, no "wrote" line.
		mapping, err := o.mapping()
		if err != nil {
			return err
		}
		_, err = o.Env.Out.Write(config.Template(mapping, o.From))
		return err
	}
	path := o.Output
	if !filepath.IsAbs(path) && o.Env.Dir != "" {
		path = filepath.Join(o.Env.Dir, path)
	}
	if _, err := os.Stat(path); err == nil && !o.Force {
		return fmt.Errorf("%s already exists; use --force to overwrite it", o.Output)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("init: %w", err)
	}
	mapping, err := o.mapping()
	if err != nil {
		return err
	}
	data := config.Template(mapping, o.From)
	if err := outfile.Write(path, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
		return err
	}
	msg := fmt.Sprintf("wrote %s", o.Output)
	if o.From != "" {
		msg += fmt.Sprintf(" with the %d columns detected in %s", len(mapping), o.From)
	}
	_, err = fmt.Fprintln(o.Env.Out, msg)
	return err
}

// mapping is the column mapping detected in --from, nil without it.
func (o *InitOptions) mapping() (map[domain.Field]string, error) {
	if o.From == "" {
		return nil, nil
	}
	return detectMapping(o.Env, o.From)
}

// detectMapping opens a list and returns the header each named field was
// matched to.
func detectMapping(env *Env, path string) (map[domain.Field]string, error) {
	var warnings bytes.Buffer
	// No phone column is no error here: the template says to set one.
	r, err := input.Open(input.Source{Path: path, Stdin: env.In}, input.Options{PhoneOptional: true, Warn: func(msg string) {
		fmt.Fprintf(&warnings, "listaudit: warning: %s\n", msg)
	}})
	if err != nil {
		return nil, err
	}
	defer r.Close()
	env.ErrOut.Write(warnings.Bytes())
	cols := r.Info().Columns
	if cols[domain.FieldPhone] == "" {
		fmt.Fprintf(env.ErrOut, "listaudit: warning: %s: no column was recognised as the phone number; set phone under columns: in the policy file before auditing\n", path)
	}
	m := map[domain.Field]string{}
	for f := domain.Field(0); f < domain.NumNamedFields; f++ {
		if cols[f] != "" {
			m[f] = cols[f]
		}
	}
	return m, nil
}
