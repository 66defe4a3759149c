package cli

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/listaudit/listaudit/pkg/audit"
	"github.com/listaudit/listaudit/pkg/baseline"
	"github.com/listaudit/listaudit/pkg/cellvalue"
	"github.com/listaudit/listaudit/pkg/config"
	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/input"
	"github.com/listaudit/listaudit/pkg/outfile"
	"github.com/listaudit/listaudit/pkg/phone"
	"github.com/listaudit/listaudit/pkg/report"
	"github.com/listaudit/listaudit/pkg/rules"
)

// CheckOptions are the settings of `listaudit check`, as given by flags.
type CheckOptions struct {
	Env   *Env
	Files []string

	Format string
	Output string
	Limit  int
	// SARIFMaxResults caps the results of SARIF reports; 0 lists all.
	SARIFMaxResults int
	ShowPII         bool
	Region          string
	DateFormat      string
	Delimiter       string
	InputFormat     string
	// Sheet and Encoding say how to read XLSX and text inputs.
	Sheet      string
	Encoding   string
	Map        []string
	Now        string
	Workers    int
	Reports    []string
	Quiet      bool
	Title      string
	Author     string
	Config     string
	Enable     []string
	Disable    []string
	Strict     bool
	QuietHours string
	SendAt     string
	Suppress   []string
	Messages   []string
	Baseline   string
	// WriteBaseline names the file to write the run's findings to as a
	// baseline.
	WriteBaseline string

	// changed reports whether a flag was given; flags given win over the
	// policy file.
	changed func(flag string) bool

	ConsentMaxAge string
	StaleAfter    string
	MessageWindow string
	MaxMessages   int
	FailOn        string
}

// NewCmdCheck builds `listaudit check`. runF replaces the run function in
// tests of flag parsing.
func NewCmdCheck(env *Env, runF func(*CheckOptions) error) *cobra.Command {
	opts := &CheckOptions{Env: env}
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
			opts.changed = cmd.Flags().Changed
			if runF != nil {
				return runF(opts)
			}
			return runCheck(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Format, "format", "f", "table", "report format: "+strings.Join(report.Formats(), ", "))
	f.StringVarP(&opts.Output, "output", "o", "", "write the report to `FILE` (atomically, mode 0600) instead of stdout (- is stdout)")
	f.IntVar(&opts.Limit, "limit", 50, "table: list at most `N` findings (0 = all)")
	f.IntVar(&opts.SARIFMaxResults, "sarif-max-results", 0, "sarif: list at most `N` results, the most severe first (0 = all; GitHub code scanning rejects more than 25,000)")
	f.BoolVar(&opts.ShowPII, "show-pii", false, "show phone numbers and personal values unmasked")
	f.StringArrayVar(&opts.Reports, "report", nil, "also write a report to a file: `FORMAT=PATH` (repeatable), e.g. sarif=listaudit.sarif; PATH - is stdout, when -o FILE takes the main report")
	f.BoolVarP(&opts.Quiet, "quiet", "q", false, "print only the verdict line (report files are still written)")
	f.StringVar(&opts.Title, "title", "", "title of the HTML report")
	f.StringVar(&opts.Author, "author", "", "who ran the audit, named in the HTML report")
	f.StringVar(&opts.WriteBaseline, "write-baseline", "", "write this run's findings to baseline `FILE` (- is stdout, as for --report)")
	addAuditFlags(f, opts)
	return cmd
}

// addAuditFlags defines the flags that say how lists are read and audited,
// shared by every command that audits (check, fix).
func addAuditFlags(f *pflag.FlagSet, o *CheckOptions) {
	def := domain.DefaultPolicy()
	f.StringVar(&o.Region, "region", "", "default `REGION` (ISO 3166 alpha-2, e.g. KE) for numbers without +")
	f.StringVar(&o.DateFormat, "date-format", "", "Go time `LAYOUT` tried before the built-in date formats, e.g. 02/01/2006")
	f.StringVar(&o.Delimiter, "delimiter", "", "CSV delimiter: , ; | or tab (default: detected)")
	f.StringVar(&o.InputFormat, "input-format", "", inputFormatUsage)
	addReadFlags(f, &o.Sheet, &o.Encoding)
	f.StringArrayVar(&o.Map, "map", nil, "map a field to a column: `field=HEADER` (repeatable)")
	f.StringVar(&o.Now, "now", "", "audit as of `TIME` (RFC 3339 or YYYY-MM-DD) instead of the clock")
	f.StringVar(&o.Config, "config", "", "read the policy from `FILE` (default: .listaudit.yaml in the working directory, if any)")
	f.StringSliceVar(&o.Enable, "enable", nil, "run `RULE` even where the policy file or --disable turns it off (repeatable, or comma-separated)")
	f.StringSliceVar(&o.Disable, "disable", nil, "do not run `RULE` (repeatable, or comma-separated)")
	f.BoolVar(&o.Strict, "strict", false, "raise every warning of the consent and phone rules to error")
	f.StringVar(&o.QuietHours, "quiet-hours", def.QuietHours.Start.String()+"-"+def.QuietHours.End.String(), "local sending `WINDOW` --send-at is judged against, HH:MM-HH:MM")
	f.StringVar(&o.SendAt, "send-at", "", "planned campaign `TIME` (RFC 3339, or a date for midnight UTC); reports contacts for whom it falls outside the sending window")
	f.StringArrayVar(&o.Suppress, "suppress", nil, "do-not-contact list `FILE`: numbers, a CSV with a phone column, or SHA-256 hashes (repeatable)")
	f.StringArrayVar(&o.Messages, "messages", nil, "send log `FILE` (CSV or NDJSON with phone and sent_at) (repeatable)")
	f.StringVar(&o.Baseline, "baseline", "", "hide findings accepted in baseline `FILE`")
	f.IntVar(&o.Workers, "workers", 0, "records checked in parallel by `N` workers (default: one per CPU)")
	f.StringVar(&o.ConsentMaxAge, "consent-max-age", def.ConsentMaxAge.String(), "consent older than this `AGE` is expired (units w, d, h, m, s; e.g. 730d)")
	f.StringVar(&o.StaleAfter, "stale-after", def.StaleAfter.String(), "an entry with no activity or consent for this `AGE` is stale (units w, d, h, m, s)")
	f.StringVar(&o.MessageWindow, "message-window", def.MessageWindow.String(), "the `WINDOW` over which messages are counted: the one messages_sent covers, and the sliding window over send logs")
	f.IntVar(&o.MaxMessages, "max-messages", def.MaxMessages, "most messages allowed in the message window")
	f.StringVar(&o.FailOn, "fail-on", def.FailOn.String(), "exit 1 on findings at or above `LEVEL`: error, warning, info or never")
}

// settings resolves the audit's options: defaults, then the policy file,
// then the flags that were given, which win. Any bad value is a usage error.
func (o *CheckOptions) settings() (audit.Options, report.Reporter, error) {
	var a audit.Options
	file, err := loadConfig(o.Env, o.Config)
	if err != nil {
		return a, nil, err
	}
	set := o.changed
	if set == nil {
		set = func(string) bool { return true }
	}
	p := domain.DefaultPolicy()
	if file != nil {
		if err := file.Apply(&p); err != nil {
			return a, nil, err
		}
		o.fileDefaults(file, set)
	}
	if set("consent-max-age") {
		if p.ConsentMaxAge, err = domain.ParseDuration(o.ConsentMaxAge); err != nil {
			return a, nil, fmt.Errorf("--consent-max-age: %w", err)
		}
	}
	if set("stale-after") {
		if p.StaleAfter, err = domain.ParseDuration(o.StaleAfter); err != nil {
			return a, nil, fmt.Errorf("--stale-after: %w", err)
		}
	}
	if set("message-window") {
		if p.MessageWindow, err = domain.ParseDuration(o.MessageWindow); err != nil {
			return a, nil, fmt.Errorf("--message-window: %w", err)
		}
	}
	if set("max-messages") {
		if o.MaxMessages < 0 {
			return a, nil, fmt.Errorf("--max-messages: %d is negative", o.MaxMessages)
		}
		p.MaxMessages = o.MaxMessages
	}
	if set("fail-on") {
		if p.FailOn, err = domain.ParseThreshold(o.FailOn); err != nil {
			return a, nil, fmt.Errorf("--fail-on: %w", err)
		}
	}
	if set("region") && o.Region != "" {
		p.DefaultRegion = strings.ToUpper(o.Region)
		if !phone.IsRegion(p.DefaultRegion) {
			return a, nil, fmt.Errorf("--region: %q is not an ISO 3166 alpha-2 region the phone metadata knows", o.Region)
		}
	}
	if set("date-format") {
		if o.DateFormat != "" {
			if err := cellvalue.CheckLayout(o.DateFormat); err != nil {
				return a, nil, fmt.Errorf("--date-format: %w", err)
			}
		}
		p.DateFormat = o.DateFormat
	}
	if set("quiet-hours") {
		if p.QuietHours, err = parseQuietHours(o.QuietHours); err != nil {
			return a, nil, err
		}
	}
	if set("strict") {
		p.Strict = o.Strict
	}
	if err := rules.CheckIDs(o.Disable); err != nil {
		return a, nil, fmt.Errorf("--disable: %w", err)
	}
	if err := rules.CheckIDs(o.Enable); err != nil {
		return a, nil, fmt.Errorf("--enable: %w", err)
	}
	p.Disabled = slices.DeleteFunc(append(slices.Clone(p.Disabled), o.Disable...), func(id string) bool { return slices.Contains(o.Enable, id) })
	slices.Sort(p.Disabled)
	p.Disabled = slices.Compact(p.Disabled)
	if len(o.Suppress) > 0 {
		p.Suppress = slices.Clone(o.Suppress)
	}
	if len(o.Messages) > 0 {
		p.MessageLogs = slices.Clone(o.Messages)
	}
	if set("baseline") {
		p.Baseline = o.Baseline
	}
	if o.Workers < 0 {
		return a, nil, fmt.Errorf("--workers: %d is negative (0 means one per CPU)", o.Workers)
	}
	if o.Limit < 0 {
		return a, nil, fmt.Errorf("--limit: %d is negative (0 shows all)", o.Limit)
	}
	if o.SARIFMaxResults < 0 {
		return a, nil, fmt.Errorf("--sarif-max-results: %d is negative (0 lists every finding)", o.SARIFMaxResults)
	}
	rep, err := report.Lookup(o.Format)
	if err != nil {
		return a, nil, fmt.Errorf("--format: %w", err)
	}
	now := o.Env.Now()
	if o.Now != "" {
		if now, err = parseTime("--now", o.Now); err != nil {
			return a, nil, err
		}
	}
	if o.SendAt != "" {
		if p.SendAt, err = parseTime("--send-at", o.SendAt); err != nil {
			return a, nil, err
		}
	}
	in := input.Options{Warn: func(msg string) { fmt.Fprintf(o.Env.ErrOut, "listaudit: warning: %s\n", msg) }}
	if in.Delimiter, err = parseDelimiter(o.Delimiter); err != nil {
		return a, nil, err
	}
	switch o.InputFormat {
	case "", "csv", "tsv", "json", "ndjson", "vcard", "xlsx":
		in.Format = o.InputFormat
	default:
		return a, nil, fmt.Errorf("--input-format: unknown format %q (want csv, tsv, json, ndjson, vcard or xlsx)", o.InputFormat)
	}
	if in.Encoding, err = checkEncoding(o.Encoding); err != nil {
		return a, nil, err
	}
	in.Sheet = o.Sheet
	flagMap, err := parseMap(o.Map)
	if err != nil {
		return a, nil, err
	}
	if in.Map, err = columnMap(file, flagMap, p.ConsentRequire); err != nil {
		return a, nil, err
	}
	a = audit.Options{
		Policy:  p,
		Now:     now.UTC(),
		Input:   in,
		Tool:    domain.Tool{Name: "listaudit", Version: o.Env.Version, PhoneMetadata: phone.MetadataVersion()},
		Workers: o.Workers,
		Stdin:   o.Env.In,
	}
	return a, rep, nil
}

// fileDefaults takes the input and report settings of the policy file for
// every flag that was not given.
func (o *CheckOptions) fileDefaults(f *config.File, set func(string) bool) {
	str := func(flag string, dst *string, v *string) {
		if v != nil && !set(flag) {
			*dst = *v
		}
	}
	str("region", &o.Region, f.Region)
	str("delimiter", &o.Delimiter, f.Delimiter)
	str("input-format", &o.InputFormat, f.InputFormat)
	str("format", &o.Format, f.Report.Format)
	str("title", &o.Title, f.Report.Title)
	str("author", &o.Author, f.Report.Author)
	if f.Report.Limit != nil && !set("limit") {
		o.Limit = *f.Report.Limit
	}
	if f.Report.SARIFMaxResults != nil && !set("sarif-max-results") {
		o.SARIFMaxResults = *f.Report.SARIFMaxResults
	}
}

func runCheck(ctx context.Context, o *CheckOptions) error {
	if o.Output == "-" {
		o.Output = "" // standard output, as without -o
	}
	a, rep, err := o.settings()
	if err != nil {
		return err
	}
	if err := distinctInputs(o.Files); err != nil {
		return err
	}
	files, err := o.reportFiles(rep, a.Policy)
	if err != nil {
		return err
	}
	// The files are created before the audit, so that a directory that is
	// not writable fails the run at once, not after a long audit. Each is
	// complete or absent: written to a temporary file and renamed into
	// place at the end (devices and FIFOs are written in place).
	defer abortFiles(files)
	if err := createFiles(files); err != nil {
		return err
	}
	ropts := report.Options{Limit: o.Limit, ShowPII: o.ShowPII, Title: o.Title, Author: o.Author, SARIFMaxResults: o.SARIFMaxResults}
	a.Keep = o.retention(rep, files, ropts)
	if ctx == nil {
		ctx = context.Background()
	}
	res, err := audit.Run(ctx, o.Files, a)
	if err != nil {
		return err
	}
	defer res.Close()
	o.warnSARIFSize(files, res)
	for i := range files {
		if err := o.writeFile(ctx, &files[i], res, ropts); err != nil {
			return err
		}
	}
	if err := o.writeStdout(ctx, rep, res, ropts); err != nil {
		return err
	}
	if res.Verdict.Failed {
		return errFailed
	}
	return nil
}

// retention is what the audit keeps of the findings: what the reports
// read. The table's first 50 of a million need no temporary file, the
// verdict line none.
func (o *CheckOptions) retention(rep report.Reporter, files []reportFile, ropts report.Options) *domain.Retention {
	keep := domain.Retention{}
	if !o.Quiet && o.Output == "" {
		keep = keep.Merge(report.Reads(rep, ropts))
	}
	for _, f := range files {
		keep = keep.Merge(report.Reads(f.reporter, ropts))
	}
	return &keep
}

// writeStdout prints what goes to standard output besides the report
// files: the main report, or the verdict line of -q; and on a terminal,
// the verdict line last on standard error.
func (o *CheckOptions) writeStdout(ctx context.Context, rep report.Reporter, res *domain.Result, ropts report.Options) error {
	switch {
	case o.Quiet:
		fmt.Fprintln(o.Env.Out, report.VerdictLine(res))
	case o.Output == "":
		// Streamed: a report of millions of findings is never held whole.
		ropts.Color = o.Env.colorEnabled()
		if err := rep.Report(stoppable{ctx, o.Env.Out}, res, ropts); err != nil {
			return fmt.Errorf("write %s report: %w", o.Format, err)
		}
		if err := res.FindingsErr(); err != nil {
			return err
		}
	}
	// On a terminal the last line a person sees is the verdict, whatever
	// the format went where.
	if o.Env.ErrIsTerminal && !o.Quiet && (o.Output != "" || o.Format != "table") {
		fmt.Fprintln(o.Env.ErrOut, report.VerdictLine(res))
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
func (o *CheckOptions) warnSARIFSize(files []reportFile, res *domain.Result) {
	sarif := o.Format == "sarif" && !o.Quiet
	for _, f := range files {
		sarif = sarif || f.format == "sarif"
	}
	n := res.Findings.Len()
	if o.SARIFMaxResults > 0 {
		n = min(n, o.SARIFMaxResults)
	}
	if sarif && n > codeScanningMaxResults {
		fmt.Fprintf(o.Env.ErrOut, "listaudit: warning: the sarif report lists %d results; GitHub code scanning rejects a run of more than %d (--sarif-max-results %d keeps the most severe)\n",
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
	// name says what is written, for errors: "json report", "baseline".
	name string
	// out is the file being written; nil for "-".
	out *outfile.Pending
}

// reportFiles lists -o FILE, every --report FORMAT=PATH and
// --write-baseline, and checks them before the audit runs, so a typo costs
// nothing: known formats, then where each goes (outfile.Plan): distinct
// targets, no file the run reads (inputs, the policy file p was read
// from, its evidence) replaced, none a directory or in a directory that
// does not exist, at most one on standard output. rep is -f's reporter.
func (o *CheckOptions) reportFiles(rep report.Reporter, p domain.Policy) ([]reportFile, error) {
	var files []reportFile
	if o.Output != "" {
		files = append(files, newReportFile("-o "+o.Output, o.Format, o.Output, rep))
	}
	for _, spec := range o.Reports {
		f, err := reportSpec(spec)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	if o.WriteBaseline != "" {
		// The baseline read may be rewritten: that refreshes it, and the
		// new file holds every finding, those it hid too.
		files = append(files, reportFile{
			Output:   outfile.Output{Option: "--write-baseline " + o.WriteBaseline, Path: o.WriteBaseline, Refreshes: p.Baseline},
			reporter: baselineWriter{}, name: "baseline",
		})
	}
	var plan outfile.Plan
	if why := o.stdoutTaken(); why != "" {
		plan.ClaimStdout(why)
	}
	for _, f := range files {
		plan.Add(f.Output)
	}
	if err := plan.Check(domain.FilesRead(o.Files, p)); err != nil {
		return nil, err
	}
	return files, nil
}

func newReportFile(option, format, path string, rep report.Reporter) reportFile {
	return reportFile{Output: outfile.Output{Option: option, Path: path}, format: format, reporter: rep, name: format + " report"}
}

// reportSpec reads --report FORMAT=PATH.
func reportSpec(spec string) (reportFile, error) {
	format, path, ok := strings.Cut(spec, "=")
	if !ok || format == "" || path == "" {
		return reportFile{}, fmt.Errorf("--report %q: want FORMAT=PATH, e.g. --report sarif=listaudit.sarif", spec)
	}
	rep, err := report.Lookup(format)
	if err != nil {
		return reportFile{}, fmt.Errorf("--report %s: %w", spec, err)
	}
	return newReportFile("--report "+spec, format, path, rep), nil
}

// stdoutTaken says why standard output takes no report file: the main
// report (the table by default) or the verdict line of -q goes there. ""
// when -o FILE takes the main report.
func (o *CheckOptions) stdoutTaken() string {
	switch {
	case o.Quiet:
		return "-q already prints the verdict line to standard output"
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

// writeFile writes one report file and puts it in place.
func (o *CheckOptions) writeFile(ctx context.Context, f *reportFile, res *domain.Result, ropts report.Options) error {
	if f.out == nil {
		// FORMAT=-: standard output, which nothing else takes.
		ropts.Color = o.Env.colorEnabled()
		if err := cmp.Or(f.reporter.Report(stoppable{ctx, o.Env.Out}, res, ropts), res.FindingsErr()); err != nil {
			return fmt.Errorf("write %s: %w", f.name, err)
		}
		return nil
	}
	if err := cmp.Or(f.reporter.Report(stoppable{ctx, f.out}, res, ropts), res.FindingsErr()); err != nil {
		return fmt.Errorf("write %s: %w", f.Path, err)
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
	return baseline.Encode(w, b)
}

// parseTime reads --now or --send-at: RFC 3339 or a date (midnight UTC).
func parseTime(flag, s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%s: %q is not RFC 3339 (2026-01-15T09:00:00Z) or a date (2026-01-15)", flag, s)
}

// parseQuietHours reads --quiet-hours HH:MM-HH:MM.
func parseQuietHours(s string) (domain.QuietHours, error) {
	from, to, ok := strings.Cut(s, "-")
	if !ok {
		return domain.QuietHours{}, fmt.Errorf("--quiet-hours: %q: want START-END, e.g. 08:00-21:00", s)
	}
	start, err := domain.ParseClockTime(strings.TrimSpace(from))
	if err != nil {
		return domain.QuietHours{}, fmt.Errorf("--quiet-hours: %w", err)
	}
	end, err := domain.ParseClockTime(strings.TrimSpace(to))
	if err != nil {
		return domain.QuietHours{}, fmt.Errorf("--quiet-hours: %w", err)
	}
	if start == end {
		return domain.QuietHours{}, fmt.Errorf("--quiet-hours: %q: the sending window would be empty", s)
	}
	return domain.QuietHours{Start: start, End: end}, nil
}

func parseDelimiter(s string) (rune, error) {
	switch s {
	case "":
		return 0, nil
	case ",", ";", "|":
		return rune(s[0]), nil
	case "tab", `\t`, "\t", "TAB":
		return '\t', nil
	}
	return 0, fmt.Errorf("--delimiter: %q is not one of , ; | tab", s)
}

// parseMap reads --map field=HEADER pairs; a header may contain commas and
// equals signs, so only the first = splits.
func parseMap(pairs []string) (map[domain.Field]string, error) {
	if len(pairs) == 0 {
		return nil, nil
	}
	m := make(map[domain.Field]string, len(pairs))
	byHeader := map[string]domain.Field{}
	for _, p := range pairs {
		name, header, ok := strings.Cut(p, "=")
		if !ok || header == "" {
			return nil, fmt.Errorf("--map %q: want field=HEADER, e.g. --map phone=\"Mobile Number\"", p)
		}
		f, ok := domain.FieldByName(strings.TrimSpace(name))
		if !ok {
			return nil, fmt.Errorf("--map %q: unknown field %q (fields: %s)", p, name, fieldList())
		}
		// A later --map of the same field wins; another field on the same
		// header would leave one of them without a column.
		key := mapKey(header)
		if other, taken := byHeader[key]; taken && other != f && m[other] != "" && mapKey(m[other]) == key {
			return nil, fmt.Errorf("--map %s: header %q is also mapped to %s", p, header, other)
		}
		byHeader[key] = f
		m[f] = header
	}
	return m, nil
}

func fieldList() string {
	names := make([]string, 0, domain.NumNamedFields)
	for f := domain.Field(0); f < domain.NumNamedFields; f++ {
		names = append(names, f.Name())
	}
	return strings.Join(names, ", ")
}

const inputFormatUsage = "input format: csv, tsv, json, ndjson, vcard or xlsx (default: from the file name, then the content)"

// addReadFlags adds the flags that say how to read inputs, shared by
// check, fix and inspect.
func addReadFlags(f *pflag.FlagSet, sheet, encoding *string) {
	f.StringVar(sheet, "sheet", "", "XLSX: read worksheet `NAME` (default: the first)")
	f.StringVar(encoding, "encoding", "", "text encoding of the contact lists: "+strings.Join(input.Encodings, ", ")+" (default: detected)")
}

// checkEncoding validates --encoding before any file is opened.
func checkEncoding(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	if !input.IsEncoding(s) {
		return "", fmt.Errorf("--encoding: unknown encoding %q (want %s)", s, strings.Join(input.Encodings, ", "))
	}
	return s, nil
}
