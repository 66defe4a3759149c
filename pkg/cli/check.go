package cli

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"

	"github.com/spf13/cobra"

	"github.com/listaudit/listaudit/pkg/audit"
	"github.com/listaudit/listaudit/pkg/baseline"
	"github.com/listaudit/listaudit/pkg/config"
	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/outfile"
	"github.com/listaudit/listaudit/pkg/phone"
	"github.com/listaudit/listaudit/pkg/report"
)

// CheckOptions are what `listaudit check` was given: its files and its
// flags, which config.Resolve turns into the run's configuration.
type CheckOptions struct {
	Env   *Env
	Files []string
	Flags *config.Flags
}

// NewCmdCheck builds `listaudit check`. runF replaces the run function in
// tests of flag parsing.
func NewCmdCheck(env *Env, runF func(*CheckOptions) error) *cobra.Command {
	opts := &CheckOptions{Env: env, Flags: config.NewFlags(config.Check)}
	cmd := &cobra.Command{
		Use:   "check FILE...",
		Short: "Audit contact lists and report what breaks consent and messaging rules",
		Long: `Audit one or more contact lists as one list and report, row by row, what
breaks consent and messaging rules. Use - to read standard input (its
content shows the format, or give --input-format). Exit status: 0 when
nothing is at or above --fail-on, 1 when something is, 2 on a usage, input
or internal error.`,
		Example: `  listaudit check contacts.csv
  listaudit check --region KE crm.csv shop.ndjson.gz
  cat contacts.csv | listaudit check -

  # In CI: fail on warnings too, and write SARIF for code scanning
  listaudit check --fail-on warning --format sarif -o scan.sarif contacts.csv

  # Show the table, and also write reports (the format from the file name)
  listaudit check --report audit.html --report junit=junit.xml contacts.csv

  # Then write the rows that pass, and those removed with why
  listaudit fix contacts.csv -o clean.csv --quarantine removed.csv`,
		Args: listFiles,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			if runF != nil {
				return runF(opts)
			}
			return runCheck(cmd.Context(), opts)
		},
	}
	bindFlags(cmd.Flags(), opts.Flags)
	return cmd
}

// auditOptions are the audit's options for a resolved configuration.
func auditOptions(env *Env, c *config.Config) audit.Options {
	in := c.Input
	in.Warn, in.Opened = env.warn, env.inputOpened
	return audit.Options{
		Policy:  c.Policy,
		Now:     c.Now,
		Input:   in,
		Tool:    domain.Tool{Name: "listaudit", Version: env.Version, PhoneMetadata: phone.MetadataVersion()},
		Workers: c.Workers,
		Stdin:   env.In,
		// The reports' generated_at is the real clock's, whatever --now says.
		Invocation: env.invocation(c.Report.ShowPII),
		Clock:      env.Now,
	}
}

// checkRun is one run of check: its configuration and where it writes.
type checkRun struct {
	env   *Env
	files []string
	*config.Config
	// stepSummary is the file the Markdown summary is appended to
	// ($GITHUB_STEP_SUMMARY); "" for none.
	stepSummary string
}

func runCheck(ctx context.Context, o *CheckOptions) error {
	c, err := resolve(o.Env, config.Check, o.Flags, listsRead(o.Files))
	if err != nil {
		return err
	}
	if c.Output == "-" {
		c.Output = "" // standard output, as without -o
	}
	rep, err := report.Lookup(c.Format)
	if err != nil {
		return fmt.Errorf("--format: %w", err)
	}
	if c.Quiet && c.Output == "" && o.Flags.Lookup("format").Given() {
		// The report would be dropped: refused as --report FORMAT=- is.
		return fmt.Errorf("-f %s: %s", c.Format, quietTakesStdout)
	}
	if err := distinctInputs(o.Files); err != nil {
		return err
	}
	run := &checkRun{env: o.Env, files: o.Files, Config: c, stepSummary: stepSummaryPath(o.Env, c.NoStepSummary)}
	files, err := run.reportFiles(rep)
	if err != nil {
		return err
	}
	ropts := c.Report
	ropts.FullReports = fullReports(files, ropts)
	ropts.WroteBaseline = c.WriteBaseline
	ropts.WroteBaselineInPlace = c.WriteBaseline != "" && outfile.InPlace(c.WriteBaseline)
	ropts.Width = o.Env.tableWidth()
	ropts.FixFlags = shownArgs(nil, o.Flags.ArgsFor(config.Fix), ropts.ShowPII)
	ropts.FingerprintKey = o.Env.Getenv(fingerprintKeyVar)
	a := auditOptions(o.Env, c)
	a.Keep = run.retention(rep, files, ropts)
	if ctx == nil {
		ctx = context.Background()
	}
	res, err := o.Env.audit(ctx, o.Files, a, c.Quiet)
	if err != nil {
		return err
	}
	defer res.Close()
	run.warnSARIFSize(files, res)
	// The files are created only now, with something to write in them
	// (reportFiles saw that their directories can be written). Each is
	// complete or absent: written to a temporary file and renamed into
	// place at the end (devices and FIFOs are written in place).
	defer abortFiles(files)
	if err := createFiles(files); err != nil {
		return err
	}
	if err := run.writeOutputs(ctx, rep, files, res, ropts); err != nil {
		return err
	}
	if res.Verdict.Failed {
		return errFailed
	}
	return nil
}

// writeOutputs writes the report files, the step summary and what goes
// to standard output. A SARIF log records the status the run exits with
// (its invocation's exitCode), so the SARIF outputs come last, once every
// other output is written, and their files are put in place only when all
// of them are: a run that fails writing an output exits 2 and leaves no
// SARIF log saying 0 or 1.
func (o *checkRun) writeOutputs(ctx context.Context, rep report.Reporter, files []reportFile, res *domain.Result, ropts report.Options) error {
	var sarif []*reportFile
	for i := range files {
		if files[i].format == "sarif" {
			sarif = append(sarif, &files[i])
			continue
		}
		if err := o.writeFile(ctx, &files[i], res, ropts); err != nil {
			return err
		}
		if err := files[i].commit(); err != nil {
			return err
		}
	}
	if err := o.writeStepSummary(files, res, ropts); err != nil {
		return err
	}
	sarifStdout := !o.Quiet && o.Output == "" && o.Format == "sarif"
	if !sarifStdout {
		if err := o.writeStdout(ctx, rep, res, ropts); err != nil {
			return err
		}
	}
	for _, f := range sarif {
		if err := o.writeFile(ctx, f, res, ropts); err != nil {
			return err
		}
	}
	if sarifStdout {
		if err := o.writeStdout(ctx, rep, res, ropts); err != nil {
			return err
		}
	}
	for _, f := range sarif {
		if err := f.commit(); err != nil {
			return err
		}
	}
	return nil
}

// retention is what the audit keeps of the findings: what the reports
// read. The table's first 50 of a million need no temporary file, the
// verdict line none.
func (o *checkRun) retention(rep report.Reporter, files []reportFile, ropts report.Options) *domain.Retention {
	keep := domain.Retention{}
	if !o.Quiet && o.Output == "" {
		keep = keep.Merge(report.Reads(rep, ropts))
	}
	for _, f := range files {
		keep = keep.Merge(report.Reads(f.reporter, ropts))
	}
	if o.stepSummary != "" {
		keep = keep.Merge(report.Reads(report.Markdown, ropts))
	}
	return &keep
}

// fullReports are the files among a run's outputs that list every finding,
// as named on the command line: where the Markdown summary sends a reader
// for the findings it leaves out. A report on standard output has no name
// to give, nor one written in place (/dev/null, a FIFO): it is no file to
// open afterwards.
func fullReports(files []reportFile, ropts report.Options) []string {
	var paths []string
	for _, f := range files {
		if f.format != "" && f.Path != "-" && report.ListsEveryFinding(f.format, ropts) && !outfile.InPlace(f.Path) {
			paths = append(paths, f.Path)
		}
	}
	return paths
}

// writeStdout prints what goes to standard output besides the report
// files: the main report, or the verdict line of -q; and on a terminal,
// the verdict line last on standard error.
func (o *checkRun) writeStdout(ctx context.Context, rep report.Reporter, res *domain.Result, ropts report.Options) error {
	switch {
	case o.Quiet:
		fmt.Fprintln(o.env.Out, domain.Marks(o.env.outASCII(), report.VerdictLine(res)))
	case o.Output == "":
		// Streamed: a report of millions of findings is never held whole.
		// Its error says "write FORMAT report: " already.
		ropts.Color, ropts.ASCII = o.env.colorEnabled(), o.env.outASCII()
		if err := rep.Report(stoppable{ctx, o.env.Out}, res, ropts); err != nil {
			return err
		}
		if err := res.FindingsErr(); err != nil {
			return err
		}
	}
	// On a terminal the last line a person sees is the verdict, whatever
	// the format went where.
	if o.env.ErrIsTerminal && !o.Quiet && (o.Output != "" || o.Format != "table") {
		fmt.Fprintln(o.env.ErrOut, domain.Marks(o.env.errASCII(), report.VerdictLine(res)))
	}
	return nil
}

// stoppable writes to w until ctx is done: a report of millions of
// findings takes seconds to write, and Ctrl-C should stop that too.
type stoppable struct {
	ctx context.Context
	w   io.Writer
}

func (s stoppable) Write(p []byte) (int, error) {
	if err := s.ctx.Err(); err != nil {
		return 0, err
	}
	return s.w.Write(p)
}

// fingerprintKeyVar names the secret the SARIF fingerprints are keyed
// with (report.Options.FingerprintKey): a CI secret, never a flag, which
// the command line recorded in every report would show.
const fingerprintKeyVar = "LISTAUDIT_FINGERPRINT_KEY"

// codeScanningMaxResults is the most results GitHub code scanning accepts
// in one SARIF run: it rejects a larger upload whole.
var codeScanningMaxResults = 25_000

// warnSARIFSize warns when a SARIF report will hold more results than
// GitHub code scanning accepts, before it is written.
func (o *checkRun) warnSARIFSize(files []reportFile, res *domain.Result) {
	sarif := o.Format == "sarif" && !o.Quiet
	for _, f := range files {
		sarif = sarif || f.format == "sarif"
	}
	n := res.Findings.Len()
	if o.Report.SARIFMaxResults > 0 {
		n = min(n, o.Report.SARIFMaxResults)
	}
	if sarif && n > codeScanningMaxResults {
		fmt.Fprintf(o.env.ErrOut, "listaudit: warning: the sarif report lists %d results; GitHub code scanning rejects a run of more than %d (--sarif-max-results %d keeps the most severe)\n",
			n, codeScanningMaxResults, codeScanningMaxResults)
	}
}

// reportFile is one output of check besides standard output's report: -o
// FILE, a --report, or --write-baseline. Its Path is "-" (standard
// output) for a --report FORMAT=- or --write-baseline -.
type reportFile struct {
	outfile.Output
	// format is the report format; "" for the baseline.
	format   string
	reporter report.Reporter
	// out is the file being written; nil for "-".
	out *outfile.Pending
}

// reportFiles lists -o FILE, every --report FORMAT=PATH and
// --write-baseline, and checks them before the audit runs, so a typo costs
// nothing: known formats, then where each goes (outfile.Plan): distinct
// targets, no file the run reads (inputs, the policy file p was read
// from, its evidence) replaced, none a directory or in a directory that
// does not exist or cannot be written, at most one on standard output. It
// removes what killed runs left beside them. rep is -f's reporter. The
// formats of --report were checked with the other settings.
func (o *checkRun) reportFiles(rep report.Reporter) ([]reportFile, error) {
	p := o.Policy
	var files []reportFile
	if o.Output != "" {
		files = append(files, newReportFile("-o "+o.Output, o.Format, o.Output, rep))
	}
	for _, t := range o.Reports {
		rep, err := report.Lookup(t.Format)
		if err != nil {
			return nil, fmt.Errorf("--report %s: %w", t.Spec, err)
		}
		files = append(files, newReportFile("--report "+t.Spec, t.Format, t.Path, rep))
	}
	if o.WriteBaseline != "" {
		// The baseline read may be rewritten: that refreshes it, and the
		// new file holds every finding, those it hid too.
		files = append(files, reportFile{
			Output:   outfile.Output{Option: "--write-baseline " + o.WriteBaseline, Path: o.WriteBaseline, Refreshes: p.Baseline},
			reporter: baselineWriter{},
		})
	}
	var plan outfile.Plan
	if why := o.stdoutTaken(); why != "" {
		plan.ClaimStdout(why)
	}
	for _, f := range files {
		plan.Add(f.Output)
	}
	if err := plan.Check(domain.FilesRead(o.files, p)); err != nil {
		return nil, err
	}
	plan.RemoveStale(o.env.warn)
	return files, nil
}

func newReportFile(option, format, path string, rep report.Reporter) reportFile {
	return reportFile{Output: outfile.Output{Option: option, Path: path}, format: format, reporter: rep}
}

// quietTakesStdout is what a report to standard output beside -q is told.
const quietTakesStdout = "-q already prints the verdict line to standard output"

// stdoutTaken says why standard output takes no report file: the main
// report (the table by default) or the verdict line of -q goes there. ""
// when -o FILE takes the main report.
func (o *checkRun) stdoutTaken() string {
	switch {
	case o.Quiet:
		return quietTakesStdout
	case o.Output != "":
		return ""
	case o.Format == "table":
		return "the table already goes to standard output; give -o FILE to write it to a file"
	}
	return "the " + o.Format + " report already goes to standard output; give -o FILE to write it to a file"
}

// createFiles starts writing every report file but those to standard
// output.
func createFiles(files []reportFile) error {
	for i := range files {
		if files[i].Path == "-" {
			continue
		}
		out, err := outfile.Create(files[i].Path)
		if err != nil {
			return err
		}
		files[i].out = out
	}
	return nil
}

// abortFiles leaves every report file not committed as it was.
func abortFiles(files []reportFile) {
	for _, f := range files {
		if f.out != nil {
			f.out.Abort()
		}
	}
}

// writeFile writes one report file, to be put in place by commit. A
// reporter's error says "write FORMAT report: " already (the baseline's,
// "write baseline: "); a file's names the file the system's error named
// the temporary file of, or repeated.
func (o *checkRun) writeFile(ctx context.Context, f *reportFile, res *domain.Result, ropts report.Options) error {
	if f.out == nil {
		// FORMAT=-: standard output, which nothing else takes.
		ropts.Color, ropts.ASCII = o.env.colorEnabled(), o.env.outASCII()
		return cmp.Or(f.reporter.Report(stoppable{ctx, o.env.Out}, res, ropts), res.FindingsErr())
	}
	if err := cmp.Or(f.reporter.Report(stoppable{ctx, f.out}, res, ropts), res.FindingsErr()); err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		// A path error still, so that a closed reader of an output named
		// as standard output (-o /dev/stdout) is known by its path.
		return &fs.PathError{Op: "write", Path: f.Path, Err: err}
	}
	return nil
}

// commit puts a report file written in place; nothing for standard
// output.
func (f *reportFile) commit() error {
	if f.out == nil {
		return nil
	}
	return f.out.Commit()
}

// baselineWriter writes a run's findings as a baseline for
// --write-baseline: every finding, those a baseline hid too, so it reads
// them all (report.Reads).
type baselineWriter struct{}

func (baselineWriter) Report(w io.Writer, res *domain.Result, _ report.Options) error {
	b := baseline.FromAll(res.Findings, res.Accepted)
	if err := res.FindingsErr(); err != nil {
		return err
	}
	if err := baseline.Encode(w, b); err != nil {
		return fmt.Errorf("write baseline: %w", err)
	}
	return nil
}
