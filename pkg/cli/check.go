package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/listaudit/listaudit/pkg/audit"
	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/input"
	"github.com/listaudit/listaudit/pkg/outfile"
	"github.com/listaudit/listaudit/pkg/phone"
	"github.com/listaudit/listaudit/pkg/report"
)

// CheckOptions are the settings of `listaudit check`, as given by flags.
type CheckOptions struct {
	Env   *Env
	Files []string

	Format      string
	Output      string
	Limit       int
	ShowPII     bool
	Region      string
	DateFormat  string
	Delimiter   string
	InputFormat string
	Map         []string
	Now         string
	Workers     int

	ConsentMaxAge string
	StaleAfter    string
	MessageWindow string
	MaxMessages   int
	FailOn        string
}

// NewCmdCheck builds `listaudit check`. runF replaces the run function in
// tests of flag parsing.
func NewCmdCheck(env *Env, runF func(*CheckOptions) error) *cobra.Command {
	def := domain.DefaultPolicy()
	opts := &CheckOptions{Env: env}
	cmd := &cobra.Command{
		Use:   "check FILE...",
		Short: "Audit contact lists and report what breaks consent and messaging rules",
		Long: `Audit one or more contact lists as one list and report, row by row, what
breaks consent and messaging rules. Use - to read standard input (with
--input-format). Exit status: 0 when nothing is at or above --fail-on, 1 when
something is, 2 on a usage, input or internal error.`,
		Example: `  listaudit check contacts.csv
  listaudit check --region KE --format json -o report.json crm.csv shop.ndjson.gz
  cat contacts.csv | listaudit check --input-format csv -`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			if runF != nil {
				return runF(opts)
			}
			return runCheck(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Format, "format", "f", "table", "report format: "+strings.Join(report.Formats(), ", "))
	f.StringVarP(&opts.Output, "output", "o", "", "write the report to `FILE` (atomically, mode 0600) instead of stdout")
	f.IntVar(&opts.Limit, "limit", 50, "table: list at most `N` findings (0 = all)")
	f.BoolVar(&opts.ShowPII, "show-pii", false, "show phone numbers and personal values unmasked")
	f.StringVar(&opts.Region, "region", "", "default `REGION` (ISO 3166 alpha-2, e.g. KE) for numbers without +")
	f.StringVar(&opts.DateFormat, "date-format", "", "Go time `LAYOUT` tried before the built-in date formats, e.g. 02/01/2006")
	f.StringVar(&opts.Delimiter, "delimiter", "", "CSV delimiter: , ; | or tab (default: detected)")
	f.StringVar(&opts.InputFormat, "input-format", "", "input format: csv, tsv, json or ndjson (default: from the file name; required for -)")
	f.StringArrayVar(&opts.Map, "map", nil, "map a field to a column: `field=HEADER` (repeatable)")
	f.StringVar(&opts.Now, "now", "", "audit as of `TIME` (RFC 3339 or YYYY-MM-DD) instead of the clock")
	f.IntVar(&opts.Workers, "workers", 0, "records checked in parallel by `N` workers (default: one per CPU)")
	f.StringVar(&opts.ConsentMaxAge, "consent-max-age", def.ConsentMaxAge.String(), "consent older than this `AGE` is expired (units d, w, h)")
	f.StringVar(&opts.StaleAfter, "stale-after", def.StaleAfter.String(), "an entry with no activity or consent for this `AGE` is stale")
	f.StringVar(&opts.MessageWindow, "message-window", def.MessageWindow.String(), "the `WINDOW` messages_sent counts")
	f.IntVar(&opts.MaxMessages, "max-messages", def.MaxMessages, "most messages allowed in the message window")
	f.StringVar(&opts.FailOn, "fail-on", def.FailOn.String(), "exit 1 on findings at or above `LEVEL`: error, warning, info or never")
	return cmd
}

// settings turns the flags into the audit's options, or a usage error.
func (o *CheckOptions) settings() (audit.Options, report.Reporter, error) {
	var a audit.Options
	p := domain.DefaultPolicy()
	var err error
	if p.ConsentMaxAge, err = domain.ParseDuration(o.ConsentMaxAge); err != nil {
		return a, nil, fmt.Errorf("--consent-max-age: %w", err)
	}
	if p.StaleAfter, err = domain.ParseDuration(o.StaleAfter); err != nil {
		return a, nil, fmt.Errorf("--stale-after: %w", err)
	}
	if p.MessageWindow, err = domain.ParseDuration(o.MessageWindow); err != nil {
		return a, nil, fmt.Errorf("--message-window: %w", err)
	}
	if o.MaxMessages < 0 {
		return a, nil, fmt.Errorf("--max-messages: %d is negative", o.MaxMessages)
	}
	p.MaxMessages = o.MaxMessages
	if p.FailOn, err = domain.ParseThreshold(o.FailOn); err != nil {
		return a, nil, fmt.Errorf("--fail-on: %w", err)
	}
	if o.Region != "" {
		p.DefaultRegion = strings.ToUpper(o.Region)
		if !phone.IsRegion(p.DefaultRegion) {
			return a, nil, fmt.Errorf("--region: %q is not an ISO 3166 alpha-2 region the phone metadata knows", o.Region)
		}
	}
	p.DateFormat = o.DateFormat
	if o.Limit < 0 {
		return a, nil, fmt.Errorf("--limit: %d is negative (0 shows all)", o.Limit)
	}
	rep, err := report.Lookup(o.Format)
	if err != nil {
		return a, nil, fmt.Errorf("--format: %w", err)
	}
	now := o.Env.Now()
	if o.Now != "" {
		if now, err = parseNow(o.Now); err != nil {
			return a, nil, err
		}
	}
	in := input.Options{Warn: func(msg string) { fmt.Fprintf(o.Env.ErrOut, "listaudit: warning: %s\n", msg) }}
	if in.Delimiter, err = parseDelimiter(o.Delimiter); err != nil {
		return a, nil, err
	}
	switch o.InputFormat {
	case "", "csv", "tsv", "json", "ndjson":
		in.Format = o.InputFormat
	default:
		return a, nil, fmt.Errorf("--input-format: unknown format %q (want csv, tsv, json or ndjson)", o.InputFormat)
	}
	if in.Map, err = parseMap(o.Map); err != nil {
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

func runCheck(ctx context.Context, o *CheckOptions) error {
	a, rep, err := o.settings()
	if err != nil {
		return err
	}
	stdin := 0
	for _, f := range o.Files {
		if f == "-" {
			stdin++
		}
	}
	if stdin > 1 {
		return fmt.Errorf("- (standard input) can be read only once")
	}
	if ctx == nil {
		ctx = context.Background()
	}
	res, err := audit.Run(ctx, o.Files, a)
	if err != nil {
		return err
	}
	ropts := report.Options{Limit: o.Limit, ShowPII: o.ShowPII, Color: o.Output == "" && o.Env.colorEnabled()}
	write := func(w io.Writer) error { return rep.Report(w, res, ropts) }
	if o.Output != "" {
		for _, f := range o.Files {
			if sameFile(f, o.Output) {
				return fmt.Errorf("-o %s: refusing to overwrite an input file", o.Output)
			}
		}
		if err := outfile.Write(o.Output, write); err != nil {
			return err
		}
	} else {
		// Render fully before writing so an error never leaves half a report.
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			return fmt.Errorf("render %s report: %w", o.Format, err)
		}
		if _, err := o.Env.Out.Write(buf.Bytes()); err != nil {
			return fmt.Errorf("write report: %w", err)
		}
	}
	if res.Verdict.Failed {
		return errFailed
	}
	return nil
}

// parseNow reads --now: RFC 3339 or a date (midnight UTC).
func parseNow(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("--now: %q is not RFC 3339 (2026-01-15T09:00:00Z) or a date (2026-01-15)", s)
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
	for _, p := range pairs {
		name, header, ok := strings.Cut(p, "=")
		if !ok || header == "" {
			return nil, fmt.Errorf("--map %q: want field=HEADER, e.g. --map phone=\"Mobile Number\"", p)
		}
		f, ok := domain.FieldByName(strings.TrimSpace(name))
		if !ok {
			return nil, fmt.Errorf("--map %q: unknown field %q (fields: %s)", p, name, fieldList())
		}
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
