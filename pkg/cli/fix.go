package cli

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/listaudit/listaudit/pkg/config"
	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/fix"
	"github.com/listaudit/listaudit/pkg/outfile"
	"github.com/listaudit/listaudit/pkg/report"
)

// FixOptions are what `listaudit fix` was given: its files and its flags,
// which config.Resolve turns into the run's configuration as it does
// check's.
type FixOptions struct {
	Env   *Env
	Files []string
	Flags *config.Flags
}

// NewCmdFix builds `listaudit fix`. runF replaces the run function in tests
// of flag parsing.
func NewCmdFix(env *Env, runF func(*FixOptions) error) *cobra.Command {
	opts := &FixOptions{Env: env, Flags: config.NewFlags(config.Fix)}
	cmd := &cobra.Command{
		Use:   "fix FILE... -o CLEAN --quarantine REMOVED",
		Short: "Write a clean list and a quarantine file of the rows removed, losing nothing",
		Long: `Audit one or more contact lists as one list, as check does, then write the
rows that pass to a clean CSV file (numbers rewritten to E.164) and every other
row to a quarantine CSV file that says why (listaudit_rules) and where the row
came from (listaudit_source). Every input row is in exactly one of the two.

A row is quarantined when it is malformed, has a finding at or above
--drop-on, or repeats a number: of the rows of one number, none is kept if one
is opted out, or malformed so that it may be, or quarantined for a finding
about the number (over-messaged, contacted-after-opt-out), which all its rows
then list; otherwise the row with the most recent consent is kept, then the
earliest (listaudit_kept names it). A number
that must not be messaged (opted-out, suppressed, duplicate-conflict) is always
quarantined, even when a baseline hides the finding; only --disable keeps it.

Both files are written to temporary files and renamed into place only when
both are complete; they have mode 0600. One of them may be - (standard
output): it is written there as CSV once both are complete, and the summary
goes to standard error. Exit status as for check: 0 when the input has
nothing at or above --fail-on, 1 when it has (the files are still written),
2 on a usage, input or internal error (nothing is written).`,
		Example: `  listaudit fix contacts.csv -o clean.csv --quarantine removed.csv
  listaudit fix --region KE --drop-on warning crm.csv shop.ndjson \
    -o clean.csv --quarantine removed.csv
  listaudit fix contacts.csv -o - --quarantine removed.csv | gzip > clean.csv.gz
  listaudit fix --dry-run contacts.csv`,
		Args: listFiles,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			if runF != nil {
				return runF(opts)
			}
			return runFix(cmd.Context(), opts)
		},
	}
	bindFlags(cmd.Flags(), opts.Flags)
	return cmd
}

func runFix(ctx context.Context, o *FixOptions) error {
	c, err := resolve(o.Env, config.Fix, o.Flags, listsRead(o.Files))
	if err != nil {
		return err
	}
	if err := distinctInputs(o.Files); err != nil {
		return err
	}
	// A list written to standard output (-o -, --quarantine /dev/stdout)
	// keeps it to itself: the summary goes to stderr. Told before the
	// lists are written, which may replace a file that was standard output.
	summary, ascii := o.Env.Out, o.Env.outASCII()
	if !c.DryRun && (outfile.ToStdout(c.Output) || outfile.ToStdout(c.Quarantine)) {
		summary, ascii = o.Env.ErrOut, o.Env.errASCII()
	}
	if ctx == nil {
		ctx = context.Background()
	}
	fo := fix.Options{
		Audit: auditOptions(o.Env, c), DropOn: c.DropOn, Clean: c.Output, Quarantine: c.Quarantine, Stdout: o.Env.Out,
		KeepPhone: c.KeepPhone, ExcelSafe: c.ExcelSafe, DryRun: c.DryRun,
	}
	if p := o.Env.startAuditProgress(o.Files, &fo.Audit, c.Quiet); p != nil {
		defer o.Env.stopProgress()
		fo.Written = &p.written
		if o.Env.OutIsTerminal { // the list written to - would share the line
			fo.Stdout = lineStopper{o.Env, fo.Stdout}
		}
	}
	s, res, err := fix.Run(ctx, o.Files, fo)
	o.Env.stopProgress()
	if err != nil {
		return err
	}
	warnCountryColumn(o.Env, res, c.Policy.DefaultRegion)
	s.Width, s.ASCII = o.Env.tableWidth(), ascii
	s.RefixFlags = shownArgs(nil, refixArgs(o.Flags.ArgsFor(config.Fix)), false)
	if c.Input.Format != "" || c.Input.Delimiter != 0 {
		// The policy file, found again, would read the files fix wrote
		// as it read the inputs (its input_format, delimiter): say how
		// they are written.
		s.RefixFlags = append(s.RefixFlags, writtenAs(c.Output)...)
	}
	var buf bytes.Buffer
	switch {
	case c.Format == domain.SummaryJSON:
		err = s.WriteJSON(&buf)
	case c.Quiet:
		fmt.Fprint(&buf, quietFixLines(s, res, ascii))
	default:
		err = writeFixText(&buf, s, res, o.Env.Version)
	}
	if err != nil {
		return fmt.Errorf("render summary: %w", err)
	}
	if _, err := summary.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write summary: %w", err)
	}
	if err := writeFixStepSummary(o.Env, c, o.Files, s, res); err != nil {
		return err
	}
	if o.Env.ErrIsTerminal && c.Format != domain.SummaryTable && !c.Quiet {
		fmt.Fprint(o.Env.ErrOut, quietFixLines(s, res, o.Env.errASCII()))
	}
	if res.Verdict.Failed {
		return errFailed
	}
	return nil
}

// refixArgs are the flags of a fix run that a fix of its quarantine file
// with its clean list takes again: all but where it writes, how it prints
// (the next step names new files) and how it read its inputs, which
// describes them, not the files fix wrote (CSV in UTF-8, a workbook's
// sheet Contacts).
func refixArgs(args []string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		name, _, inline := strings.Cut(args[i], "=")
		switch name {
		case "--output", "--quarantine", "--format", "--input-format", "--encoding", "--sheet", "--delimiter":
			if !inline {
				i++ // and its value
			}
			continue
		case "--dry-run", "--quiet":
			continue
		}
		out = append(out, args[i])
	}
	return out
}

// writtenAs are the flags that read the files fix wrote to clean as they
// are written, over a policy file's input settings: a workbook, else CSV
// whose delimiter is detected.
func writtenAs(clean string) []string {
	if strings.EqualFold(filepath.Ext(clean), ".xlsx") {
		return []string{"--input-format", "xlsx"}
	}
	return []string{"--input-format", "csv", "--delimiter", ""}
}

// writeFixText writes fix's summary for a person, then the verdict line.
func writeFixText(b *bytes.Buffer, s *fix.Summary, res *domain.Result, version string) error {
	if err := s.WriteText(b, version); err != nil {
		return err
	}
	b.WriteString(report.WrapLine(domain.Marks(s.ASCII, report.InputVerdictLine(res)), s.TextWidth()))
	return nil
}

// quietFixLines are the lines of fix -q, and those a terminal's stderr
// gets after a summary in JSON: what to check again, what was written and
// the input's verdict; ascii draws their marks in ASCII (domain.Marks).
func quietFixLines(s *fix.Summary, res *domain.Result, ascii bool) string {
	var b strings.Builder
	for _, w := range []string{s.HeldWarning(), s.HeldRulesWarning()} {
		if w != "" {
			b.WriteString(w + "\n")
		}
	}
	if w := s.RecheckWarning(); w != "" {
		b.WriteString(w + "\n")
	}
	b.WriteString(s.Outcome() + "\n" + report.InputVerdictLine(res) + "\n")
	return domain.Marks(ascii, b.String())
}

// warnCountryColumn warns, for each input with a column of countries that
// is not read as the country (domain.Input.CountryColumn), that --region
// read its numbers without + as region's, whatever their row's country:
// the clean list holds them so. Without --region they were not read, and
// were quarantined.
func warnCountryColumn(env *Env, res *domain.Result, region string) {
	if region == "" {
		return
	}
	for _, in := range res.Inputs {
		if in.CountryColumn != "" {
			env.warn(fmt.Sprintf("%s: column %s holds a country code or name on (nearly) every row, but no column is read as the country: numbers without + were read as %s's (--region), whatever their row's country; map it with --map country=%s",
				in.Path, strconv.Quote(in.CountryColumn), region, domain.ShellQuote(in.CountryColumn)))
		}
	}
}
