package fix

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/listaudit/listaudit/pkg/audit"
	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/outfile"
	"github.com/listaudit/listaudit/pkg/pii"
	"github.com/listaudit/listaudit/pkg/report"
	"github.com/listaudit/listaudit/pkg/rules"
)

// SchemaVersion is the version of the JSON summary.
const SchemaVersion = 1

// Options configure one fix.
type Options struct {
	// Audit configures the audit of the first pass (policy, evidence,
	// input options, clock). Its Observer is set by Run.
	Audit audit.Options
	// DropOn: a finding at or above it sends its row to quarantine.
	DropOn domain.Severity
	// Clean and Quarantine are the files written; both are required
	// unless DryRun. One of them may be "-" when Stdout is set. Errors
	// name them by the options of listaudit fix, -o and --quarantine.
	Clean, Quarantine string
	// Stdout takes the output named "-", as CSV. It is held in a
	// temporary file until both outputs are complete, so that Stdout gets
	// all of it or nothing, as a file would.
	Stdout io.Writer
	// KeepPhone keeps the phone cell as written in the clean file and adds
	// a phone_e164 column, instead of rewriting the cell to E.164.
	KeepPhone bool
	// ExcelSafe neutralises the leading + of phone numbers in the clean
	// file too (csvsafe.PhoneNumber; every other cell always is).
	ExcelSafe bool
	// DryRun decides without writing anything.
	DryRun bool
	// Written, when set, counts the records the second pass has written,
	// for a progress line that another goroutine draws (Audit.Progress
	// counts the first pass's): it is added to once a batch of rows.
	Written *atomic.Int64
}

// Summary is what a fix did (or, with DryRun, would do).
type Summary struct {
	SchemaVersion int       `json:"schema_version"`
	Now           time.Time `json:"now"`
	// GeneratedAt is when the audit ended, by the real clock (--now does
	// not change it); Command is the command line. Both are the result's.
	GeneratedAt time.Time      `json:"generated_at"`
	Command     []string       `json:"command"`
	DryRun      bool           `json:"dry_run"`
	DropOn      string         `json:"drop_on"`
	Inputs      []domain.Input `json:"inputs"`
	// Evidence and Policy are the suppression lists, send logs and
	// baseline read, with their SHA-256, and the policy the audit applied
	// (its config_file among it), as check's JSON report writes them: what
	// the clean list was screened against.
	Evidence    []report.EvidenceJSON `json:"evidence"`
	Policy      report.PolicyJSON     `json:"policy"`
	Rows        int                   `json:"rows"`
	Kept        int                   `json:"kept"`
	Quarantined int                   `json:"quarantined"`
	// ByRule counts the quarantined rows per rule that sent them there (a
	// row with two rules counts under both).
	ByRule map[string]int `json:"by_rule"`
	// KeptByRule counts the kept rows per rule that still has a finding on
	// them, below DropOn; a finding about a number (numberRules) on any
	// row of it counts for the row kept of the number.
	KeptByRule map[string]int `json:"kept_by_rule"`
	// KeptHiddenByRule counts the kept rows per rule of the findings a
	// baseline hid on them (which quarantine no row but those forbidding
	// messaging); BaselineHidden counts those findings, as check's
	// summary does.
	KeptHiddenByRule map[string]int `json:"kept_hidden_by_rule"`
	BaselineHidden   int            `json:"baseline_hidden"`
	// KeptFailing counts the kept rows with a finding at or above the
	// policy's fail-on that the clean file still has (fix cures some:
	// rules.Rule.CuredByFix), shown or hidden by a baseline, or that
	// their number had on a quarantined duplicate (numberFindings): the
	// clean list does not pass the policy (see Summary.RecheckWarning).
	KeptFailing int `json:"kept_failing"`
	// HeldMalformed counts the rows of a quarantine file fixed again that
	// were quarantined again as row-malformed only because their
	// listaudit_raw is not empty (heldRows); omitted when 0.
	HeldMalformed int `json:"held_malformed,omitempty"`
	// HeldForRules counts the rows of a quarantine file fixed again that
	// were quarantined again because their listaudit_rules names rules
	// this run cannot check again (unchecked) and did not find, and
	// HeldByRule those rows per such rule; omitted when none.
	HeldForRules int            `json:"held_for_rules,omitempty"`
	HeldByRule   map[string]int `json:"held_by_rule,omitempty"`
	// Clean and Quarantine are the files written ("" with DryRun when not
	// given), CleanSHA256 and QuarantineSHA256 the SHA-256 of the bytes
	// written to them ("" with DryRun).
	Clean       string `json:"clean"`
	CleanSHA256 string `json:"clean_sha256"`
	Quarantine  string `json:"quarantine"`
	// RefixFlags are the run's flags a fix of the quarantine file with the
	// clean list takes again, for the text summary's next step.
	RefixFlags []string `json:"-"`
	// DateStep names the --date-format that reads the dates no format
	// read (as check's Next steps do), "" when none would.
	DateStep         string         `json:"-"`
	QuarantineSHA256 string         `json:"quarantine_sha256"`
	Verdict          domain.Verdict `json:"verdict"`
	// Width is the width the text summary's title fits (0: 80 columns).
	Width int `json:"-"`
	// ASCII draws the text summary's own marks in ASCII (domain.Marks),
	// for a terminal whose locale is not UTF-8.
	ASCII bool `json:"-"`
}

// Run audits paths as one list and writes the clean and quarantine files.
// It returns the audit's result too, whose verdict is the run's. On error
// neither file is written.
//
// Where a row goes:
//
//   - A malformed record (or a quarantine file's record that was one:
//     heldRows), or a row with a finding at or above Options.DropOn
//     (other than duplicate), goes to quarantine, with those rules. So does
//     a row with a finding whose number must not be messaged
//     (rules.ForbidsMessaging), whatever its severity, even one a baseline
//     hid. So does a row without a number the audit read, for the rule
//     saying so (noNumberRules), whatever its severity, even one a
//     baseline hid. So does a quarantine file's row whose listaudit_rules
//     names a rule this run cannot check again (unchecked), for it, marked
//     held, and, for a rule about the number (heldOfNumber), every row of
//     its number.
//   - Of the rows sharing a valid number (compared as E.164), when the
//     duplicate rule runs: if any of them is opted out, or malformed with
//     the number in its phone cell (its opt-out cannot be read), all go to
//     quarantine (the malformed one for row-malformed alone); so do all
//     when one goes for a finding about the number (numberRules), each
//     with that rule; otherwise one is kept: among the rows no other rule sends
//     to quarantine, the one with the most recent consent, then the
//     earliest (inputs in order). The others go to quarantine with the rule
//     duplicate and listaudit_kept naming the kept row.
//   - Every other row goes to the clean file.
//
// Memory grows with the number of distinct numbers and with the findings,
// as for the audit: the second pass streams.
func Run(ctx context.Context, paths []string, opts Options) (*Summary, *domain.Result, error) {
	if opts.DropOn < domain.Info || opts.DropOn > domain.Error {
		return nil, nil, fmt.Errorf("drop-on level %v is not %s", opts.DropOn, domain.OrList(domain.SeverityNames()))
	}
	if err := checkOutputs(paths, opts); err != nil {
		return nil, nil, err
	}
	// fix reads every list twice: a pipe or FIFO would be empty the second
	// time (or block for a writer that never comes). Standard input is
	// copied aside for that; other streams are refused. A directory is
	// left to the reader, whose error check gives too.
	for _, p := range paths {
		if fi, err := os.Stat(p); p != "-" && err == nil && !fi.Mode().IsRegular() && !fi.IsDir() {
			return nil, nil, fmt.Errorf("%s: not a regular file, and fix reads each list twice; save it to a file first, or pipe it to - (standard input)", p)
		}
	}
	stdin, cleanup, err := spoolStdin(paths, opts.Audit.Stdin)
	if err != nil {
		return nil, nil, err
	}
	defer cleanup()

	a := opts.Audit
	a.Input.AllKeys = true
	c := newCollector()
	a.Observer, a.RowRules = c, true
	if stdin != nil {
		if err := rewind(stdin); err != nil {
			return nil, nil, err
		}
		a.Stdin = stdin
	}
	res, err := audit.Run(ctx, paths, a)
	if err != nil {
		return nil, nil, err
	}
	held, err := heldRows(ctx, paths, c.infos, opts.Audit.Input, stdin, res.Policy)
	if err != nil {
		return nil, nil, err
	}
	c.hold(held)
	heldCount := len(held.malformed)
	p, err := newPlan(c, res, opts.DropOn, rules.Runs(rules.Duplicate, res.Policy))
	if err != nil {
		return nil, nil, err
	}
	command := res.Command
	if command == nil {
		command = []string{} // [], not null
	}
	// fix has no --show-pii: its summary masks the headers that hold personal data.
	s := &Summary{
		SchemaVersion: SchemaVersion, Now: res.Now, GeneratedAt: res.GeneratedAt, Command: command, DryRun: opts.DryRun, DropOn: opts.DropOn.String(),
		Inputs: pii.Inputs(res.Inputs, false), Evidence: report.EvidenceOf(res), Policy: report.PolicyJSON(report.ShownPolicy(res.Policy, false)),
		ByRule: map[string]int{}, KeptByRule: map[string]int{}, KeptHiddenByRule: map[string]int{}, BaselineHidden: res.Summary.BaselineHidden,
		Clean: opts.Clean, Quarantine: opts.Quarantine, Verdict: res.Verdict, HeldMalformed: heldCount,
		DateStep: report.DateFormatStep(res),
	}
	if opts.DryRun {
		p.dryRun(res, s)
		if err := res.FindingsErr(); err != nil {
			return nil, nil, err
		}
	} else {
		if beforeWritePass != nil {
			beforeWritePass()
		}
		if err := p.write(ctx, paths, opts, stdin, c, res, s); err != nil {
			return nil, nil, err
		}
	}
	return s, res, nil
}

// beforeWritePass, when set, is called between the two passes: tests
// change an input there.
var beforeWritePass func()

// dryRun tallies every row's decision without reading the inputs again.
func (p *plan) dryRun(res *domain.Result, s *Summary) {
	for i, in := range res.Inputs {
		for row := 1; row <= in.Rows; row++ {
			p.classes.table[p.classes.of(idOf(i, row))].rows++
		}
	}
	p.classes.tally(s)
}

// checkOutputs refuses, before anything is read, a missing output, one
// that is not CSV or XLSX, and what outfile.Plan refuses: an output that
// would replace an input, an evidence file or the other output, one that
// cannot be written (a directory, in a directory that does not exist or
// cannot be written), two on standard output. The errors name the outputs
// by the options of listaudit fix. It removes what killed runs left beside
// the outputs. A dry run has none, but prints its summary: its standard
// output must not be a file it reads either.
func checkOutputs(paths []string, opts Options) error {
	read := domain.FilesRead(paths, opts.Audit.Policy)
	var plan outfile.Plan
	switch {
	case opts.DryRun:
		return plan.Check(read)
	case opts.Clean == "" && opts.Quarantine == "":
		return errors.New("-o FILE and --quarantine FILE are required: where to write the clean list and the removed rows, so that none is lost (or use --dry-run)")
	case opts.Clean == "":
		return errors.New("-o FILE is required: where to write the clean list (or use --dry-run)")
	case opts.Quarantine == "":
		return errors.New("--quarantine FILE is required: where to write the removed rows, so that none is lost (or use --dry-run)")
	}
	for _, out := range []outfile.Output{
		{Option: "-o " + opts.Clean, Path: opts.Clean, Role: "the clean file (-o)"},
		{Option: "--quarantine " + opts.Quarantine, Path: opts.Quarantine, Role: "the quarantine file (--quarantine)"},
	} {
		if out.Path == "-" && opts.Stdout == nil {
			return errors.New("-: listaudit fix writes files, not standard output")
		}
		plan.Add(out)
	}
	if err := plan.Check(read); err != nil {
		return err
	}
	for _, out := range []string{opts.Clean, opts.Quarantine} {
		if ext := strings.ToLower(filepath.Ext(out)); ext == ".json" || ext == ".ndjson" || ext == ".jsonl" || ext == ".gz" {
			return fmt.Errorf("%s: listaudit fix writes CSV or XLSX, not %s", out, ext[1:])
		}
	}
	plan.RemoveStale(opts.Audit.Input.Warn)
	return nil
}

// spoolStdin copies standard input to a private temporary file
// (outfile.PrivateTemp, mode 0600) when a path is "-", since the second
// pass reads every input again; nil when none is. cleanup closes it, and
// removes it where it was not unlinked at once.
func spoolStdin(paths []string, stdin io.Reader) (*os.File, func(), error) {
	n := 0
	for _, p := range paths {
		if p == "-" {
			n++
		}
	}
	switch {
	case n == 0:
		return nil, func() {}, nil
	case n > 1:
		return nil, nil, errors.New("- (standard input) can be read only once")
	}
	if stdin == nil {
		stdin = os.Stdin
	}
	f, name, err := outfile.PrivateTemp("stdin")
	if err != nil {
		// Nothing was read yet: the error is the temporary file's.
		return nil, nil, fmt.Errorf("keep standard input for the second pass: %w", err)
	}
	cleanup := func() {
		f.Close()
		if name != "" {
			os.Remove(name)
		}
	}
	if _, err := io.Copy(f, stdin); err != nil {
		cleanup()
		return nil, nil, fmt.Errorf("read -: %w", err)
	}
	return f, cleanup, nil
}

// rewind puts the copy of standard input back at its start, for a pass.
func rewind(spool *os.File) error {
	if _, err := spool.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("read -: %w", err)
	}
	return nil
}
