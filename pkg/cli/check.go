package cli

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"

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
  listaudit check --region KE --format json -o report.json crm.csv shop.ndjson.gz
  cat contacts.csv | listaudit check -`,
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
	in.Warn = env.warn
	return audit.Options{
		Policy:  c.Policy,
		Now:     c.Now,
		Input:   in,
		Tool:    domain.Tool{Name: "listaudit", Version: env.Version, PhoneMetadata: phone.MetadataVersion()},
		Workers: c.Workers,
		Stdin:   env.In,
	}
}

func runCheck(ctx context.Context, o *CheckOptions) error {
	c, err := resolve(o.Env, config.Check, o.Flags)
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
	a := auditOptions(o.Env, c)
	if err := distinctInputs(o.Files); err != nil {
		return err
	}
	files, err := reportFiles(o.Files, c)
	if err != nil {
		return err
	}
	// The files are created before the audit, so that a directory that is
	// not writable fails the run at once, not after a long audit. Each is
	// complete or absent: written to a temporary file and renamed into
	// place at the end (devices and FIFOs are written in place).
	for i := range files {
		if files[i].path == "-" {
			continue
		}
		if files[i].out, err = outfile.Create(files[i].path); err != nil {
			return err
		}
		defer files[i].out.Abort()
	}
	var baselineOut *outfile.Pending
	if c.WriteBaseline != "" && c.WriteBaseline != "-" {
		if baselineOut, err = outfile.Create(c.WriteBaseline); err != nil {
			return err
		}
		defer baselineOut.Abort()
	}
	ropts := c.Report
	// The audit keeps only the findings the reports read: the table's
	// first 50 of a million need no temporary file, the verdict line none.
	keep := domain.Retention{}
	if !c.Quiet && c.Output == "" {
		keep = keep.Merge(report.Reads(rep, ropts))
	}
	for _, f := range files {
		keep = keep.Merge(report.Reads(f.reporter, ropts))
	}
	if c.WriteBaseline != "" {
		keep = domain.RetainAll
	}
	a.Keep = &keep
	if ctx == nil {
		ctx = context.Background()
	}
	res, err := audit.Run(ctx, o.Files, a)
	if err != nil {
		return err
	}
	defer res.Close()
	warnSARIFSize(o.Env, c, files, res)
	for _, f := range files {
		if f.out == nil {
			// --report FORMAT=-: standard output, which nothing else takes.
			sopts := ropts
			sopts.Color = o.Env.colorEnabled()
			if err := cmp.Or(f.reporter.Report(stoppable{ctx, o.Env.Out}, res, sopts), res.FindingsErr()); err != nil {
				return fmt.Errorf("write %s report: %w", f.format, err)
			}
			continue
		}
		if err := cmp.Or(f.reporter.Report(stoppable{ctx, f.out}, res, ropts), res.FindingsErr()); err != nil {
			return fmt.Errorf("write %s: %w", f.path, err)
		}
		if err := f.out.Commit(); err != nil {
			return err
		}
	}
	if c.WriteBaseline != "" {
		b := baseline.FromAll(res.Findings, res.Accepted)
		if err := res.FindingsErr(); err != nil {
			return err
		}
		if baselineOut == nil {
			if err := baseline.Encode(o.Env.Out, b); err != nil {
				return fmt.Errorf("write baseline: %w", err)
			}
		} else {
			if err := baseline.Encode(baselineOut, b); err != nil {
				return fmt.Errorf("write %s: %w", c.WriteBaseline, err)
			}
			if err := baselineOut.Commit(); err != nil {
				return err
			}
		}
	}
	switch {
	case c.Quiet:
		fmt.Fprintln(o.Env.Out, report.VerdictLine(res))
	case c.Output == "":
		// Streamed: a report of millions of findings is never held whole.
		ropts.Color = o.Env.colorEnabled()
		if err := rep.Report(stoppable{ctx, o.Env.Out}, res, ropts); err != nil {
			return fmt.Errorf("write %s report: %w", c.Format, err)
		}
		if err := res.FindingsErr(); err != nil {
			return err
		}
	}
	// On a terminal the last line a person sees is the verdict, whatever
	// the format went where.
	if o.Env.ErrIsTerminal && !c.Quiet && (c.Output != "" || c.Format != "table") {
		fmt.Fprintln(o.Env.ErrOut, report.VerdictLine(res))
	}
	if res.Verdict.Failed {
		return errFailed
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

// codeScanningMaxResults is the most results GitHub code scanning accepts
// in one SARIF run: it rejects a larger upload whole.
var codeScanningMaxResults = 25_000

// warnSARIFSize warns when a SARIF report will hold more results than
// GitHub code scanning accepts, before it is written.
func warnSARIFSize(env *Env, c *config.Config, files []reportFile, res *domain.Result) {
	sarif := c.Format == "sarif" && !c.Quiet
	for _, f := range files {
		sarif = sarif || f.format == "sarif"
	}
	n := res.Findings.Len()
	if c.Report.SARIFMaxResults > 0 {
		n = min(n, c.Report.SARIFMaxResults)
	}
	if sarif && n > codeScanningMaxResults {
		fmt.Fprintf(env.ErrOut, "listaudit: warning: the sarif report lists %d results; GitHub code scanning rejects a run of more than %d (--sarif-max-results %d keeps the most severe)\n",
			n, codeScanningMaxResults, codeScanningMaxResults)
	}
}

// reportFile is one report written to a file: -o, or a --report.
type reportFile struct {
	format   string
	path     string
	reporter report.Reporter
	// option is the flag that asked for it, for errors.
	option string
	// out is the file being written; nil for "-", standard output.
	out *outfile.Pending
}

// reportFiles checks -o, every --report NAME=PATH and --write-baseline
// before the audit runs, so a typo costs nothing: known formats, distinct
// targets, no file the run reads (inputs, the policy file p was read from,
// its evidence) overwritten, no output that is a directory or in a
// directory that does not exist, at most one output on standard output
// ("-").
func reportFiles(inputs []string, c *config.Config) ([]reportFile, error) {
	p := c.Policy
	var files []reportFile
	if c.Output != "" {
		rep, err := report.Lookup(c.Format)
		if err != nil {
			return nil, fmt.Errorf("--format: %w", err)
		}
		files = append(files, reportFile{format: c.Format, path: c.Output, reporter: rep, option: "-o " + c.Output})
	}
	for _, t := range c.Reports {
		rep, err := report.Lookup(t.Format)
		if err != nil {
			return nil, fmt.Errorf("--report %s: %w", t.Spec, err)
		}
		files = append(files, reportFile{format: t.Format, path: t.Path, reporter: rep, option: "--report " + t.Spec})
	}
	// Standard output takes one output: the main report (the table by
	// default), the verdict line of -q, or a single "-".
	var stdout string
	switch {
	case c.Quiet:
		stdout = "-q already prints the verdict line to standard output"
	case c.Output == "":
		what := "the " + c.Format + " report"
		if c.Format == "table" {
			what = "the table"
		}
		stdout = what + " already goes to standard output; give -o FILE to write it to a file"
	}
	toStdout := func(option string) error {
		if stdout != "" {
			return fmt.Errorf("%s: %s", option, stdout)
		}
		stdout = option + " already writes to standard output"
		return nil
	}
	read := domain.FilesRead(inputs, p)
	for i, f := range files {
		if f.path == "-" {
			if err := toStdout(f.option); err != nil {
				return nil, err
			}
			continue
		}
		// /dev/stdout, /dev/fd/1: a file that is standard output counts
		// as "-" does, or two reports would share the stream.
		if outfile.IsStdout(f.path) {
			if err := toStdout(f.option); err != nil {
				return nil, err
			}
		}
		if err := outfile.Check(f.path); err != nil {
			return nil, fmt.Errorf("%s: %w", f.option, err)
		}
		if err := outfile.RefuseReplacing(f.option, f.path, read); err != nil {
			return nil, err
		}
		for _, g := range files[:i] {
			if outfile.SameTarget(g.path, f.path) {
				return nil, fmt.Errorf("%s: %s is also written by %s", f.option, f.path, g.option)
			}
		}
	}
	if c.WriteBaseline == "-" || c.WriteBaseline != "" && outfile.IsStdout(c.WriteBaseline) {
		if err := toStdout("--write-baseline " + c.WriteBaseline); err != nil {
			return nil, err
		}
	} else if c.WriteBaseline != "" {
		if err := outfile.Check(c.WriteBaseline); err != nil {
			return nil, fmt.Errorf("--write-baseline %s: %w", c.WriteBaseline, err)
		}
		// The baseline read may be rewritten: that refreshes it, and the
		// new file holds every finding, those it hid too.
		others := slices.DeleteFunc(slices.Clone(read), func(r domain.ReadFile) bool {
			return p.Baseline != "" && r.Path == p.Baseline
		})
		if err := outfile.RefuseReplacing("--write-baseline "+c.WriteBaseline, c.WriteBaseline, others); err != nil {
			return nil, err
		}
		for _, f := range files {
			if outfile.SameTarget(f.path, c.WriteBaseline) {
				return nil, fmt.Errorf("--write-baseline %s: %s is also written by %s", c.WriteBaseline, f.path, f.option)
			}
		}
	}
	return files, nil
}
