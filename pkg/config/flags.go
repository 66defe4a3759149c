package config

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/listaudit/listaudit/pkg/report"
)

// Flags are a command's flags, made from the table: the caller binds each
// Flag to its flag set (each is a pflag.Value) and hands the Flags to
// Resolve, which checks what was given.
type Flags struct {
	cmd  Command
	list []*Flag
}

// Flag is one flag: the values given on the command line, as text.
type Flag struct {
	setting *Setting
	// def is the default as --help shows it.
	def  string
	vals []string
	// given are the values as given, one per use of the flag (vals has
	// a list's items).
	given []string
	// byFormer is set when the flag was given by its former name.
	byFormer bool
}

// NewFlags makes the flags of cmd, in table order.
func NewFlags(cmd Command) *Flags {
	def := Defaults(cmd)
	fs := &Flags{cmd: cmd}
	for _, s := range Settings(cmd) {
		if s.Flag == "" {
			continue
		}
		fs.list = append(fs.list, &Flag{setting: s, def: s.help(&def)})
	}
	return fs
}

// List returns the flags, in table order.
func (fs *Flags) List() []*Flag { return fs.list }

// Lookup finds a flag by name.
func (fs *Flags) Lookup(name string) *Flag {
	for _, f := range fs.list {
		if f.setting.Flag == name {
			return f
		}
	}
	return nil
}

// apply sets on c what the flags named only (or every flag, for "") were
// given, in table order.
func (fs *Flags) apply(c *Config, only string) error {
	for _, f := range fs.list {
		if len(f.vals) == 0 || only != "" && f.setting.Flag != only {
			continue
		}
		if err := f.setting.fromText(c, f.vals); err != nil {
			var item *itemError
			if errors.As(err, &item) {
				return errors.New("--" + f.setting.Flag + " " + err.Error())
			}
			return errors.New("--" + f.setting.Flag + ": " + err.Error())
		}
	}
	return nil
}

// formatOfOutput takes check's report format from the ending of -o FILE
// when -f is not given (-o audit.html writes HTML), over the policy
// file's: the command line says what this run writes. Any other ending
// keeps the format.
func (fs *Flags) formatOfOutput(c *Config) {
	if fs.cmd != Check || fs.Lookup("format").Given() || !fs.Lookup("output").Given() {
		return
	}
	if format, ok := report.FormatForPath(c.Output); ok {
		c.Format = format
	}
}

// ArgsFor returns the flags given that cmd takes too, as command-line
// arguments, in table order: "--name", "value" for each value given, as
// given; a boolean "--name" alone when given true. check's table repeats
// its policy, input and evidence flags in the fix command it suggests.
func (fs *Flags) ArgsFor(cmd Command) []string {
	var args []string
	for _, f := range fs.list {
		if f.setting.Commands&cmd == 0 {
			continue
		}
		for _, v := range f.given {
			switch {
			case f.IsBool() && v == "true":
				args = append(args, "--"+f.setting.Flag)
			case f.IsBool():
				args = append(args, "--"+f.setting.Flag+"="+v)
			default:
				args = append(args, "--"+f.setting.Flag, v)
			}
		}
	}
	return args
}

// Name is the flag's name, Shorthand its one-letter form ("" for none)
// and Usage its help text.
func (f *Flag) Name() string      { return f.setting.Flag }
func (f *Flag) Shorthand() string { return f.setting.Short }
func (f *Flag) Usage() string     { return f.setting.Usage }

// Group is what the flag is about, for --help.
func (f *Flag) Group() Group { return f.setting.Group }

// IsBool reports whether the flag takes no value (--strict).
func (f *Flag) IsBool() bool { return f.setting.shape == flagBool }

// Given reports whether the flag was on the command line.
func (f *Flag) Given() bool { return len(f.vals) > 0 }

// String is the flag's value as given, or its default; pflag shows it in
// --help.
func (f *Flag) String() string {
	if len(f.vals) == 0 {
		return f.def
	}
	return strings.Join(f.vals, ",")
}

// Type names the flag's type as pflag does, for --help.
func (f *Flag) Type() string { return string(f.setting.shape) }

// Set records a value given on the command line. Numbers and booleans
// are checked here, as pflag checks them, in the policy file's words;
// everything else when Resolve takes the value, with the policy file's.
func (f *Flag) Set(s string) error {
	switch f.setting.shape {
	case flagInt:
		if _, err := strconv.ParseInt(s, 0, 64); err != nil {
			return fmt.Errorf("want a whole number, got %q", s)
		}
	case flagBool:
		if _, err := strconv.ParseBool(s); err != nil {
			return fmt.Errorf("want true or false, got %q", s)
		}
	case flagStringSlice:
		items, err := splitCommas(s)
		if err != nil {
			return err
		}
		f.vals = append(f.vals, items...)
		f.given = append(f.given, s)
		return nil
	}
	if len(f.vals) > 0 && f.setting.Writes && f.vals[0] != s {
		// The last would win, and the file named first would silently
		// not be written.
		return fmt.Errorf("given twice (%q and %q): it names one file, and the first would not be written; give it once", f.vals[0], s)
	}
	f.vals = append(f.vals, s)
	f.given = append(f.given, s)
	return nil
}
