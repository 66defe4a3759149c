package cli

import (
	"bytes"
	"fmt"

	"github.com/listaudit/listaudit/pkg/config"
	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/fix"
	"github.com/listaudit/listaudit/pkg/outfile"
	"github.com/listaudit/listaudit/pkg/report"
)

// stepSummaryVar names the file GitHub Actions gives each step for its
// part of the job summary, which steps append Markdown to.
const stepSummaryVar = "GITHUB_STEP_SUMMARY"

// stepSummaryPath is where check and fix append their Markdown summary:
// $GITHUB_STEP_SUMMARY, or "" when it is unset or --no-step-summary.
func stepSummaryPath(env *Env, off bool) string {
	if off {
		return ""
	}
	return env.Getenv(stepSummaryVar)
}

// writeStepSummary appends check's summary to the job's, when there is
// one: the Markdown report, numbers masked whatever --show-pii says
// (anyone who can read the run reads its job summary), pointing to the
// full reports the run wrote (ropts.FullReports).
func (o *checkRun) writeStepSummary(files []reportFile, res *domain.Result, ropts report.Options) error {
	if o.stepSummary == "" {
		return nil
	}
	ropts.ShowPII = false
	var b bytes.Buffer
	if err := report.Markdown.Report(&b, res, ropts); err != nil {
		return err
	}
	if err := res.FindingsErr(); err != nil {
		return fmt.Errorf("write the step summary: %w", err)
	}
	outputs := make([]outfile.Output, len(files))
	for i, f := range files {
		outputs[i] = f.Output
	}
	appendStepSummary(o.env, o.stepSummary, b.Bytes(), domain.FilesRead(o.files, o.Policy), outputs)
	return nil
}

// writeFixStepSummary appends fix's summary to the job's, when there is
// one: the text summary, whatever -f says, under a Markdown heading with
// the verdict (report.MarkdownOfText).
func writeFixStepSummary(env *Env, c *config.Config, inputs []string, s *fix.Summary, res *domain.Result) error {
	path := stepSummaryPath(env, c.NoStepSummary)
	if path == "" {
		return nil
	}
	var outputs []outfile.Output
	if !c.DryRun {
		outputs = []outfile.Output{{Option: "-o " + c.Output, Path: c.Output}, {Option: "--quarantine " + c.Quarantine, Path: c.Quarantine}}
	}
	var text, md bytes.Buffer
	if err := writeFixText(&text, s, res, env.Version); err != nil {
		return fmt.Errorf("render the step summary: %w", err)
	}
	if err := report.MarkdownOfText(&md, res, "fix", text.Bytes()); err != nil {
		return err
	}
	appendStepSummary(env, path, md.Bytes(), domain.FilesRead(inputs, c.Policy), outputs)
	return nil
}

// appendStepSummary appends summary to path in one write, after a blank
// line, so that its heading is a heading whatever the file ends with;
// unless path is a file the run reads or one of its outputs, written whole
// already. A summary not appended is a warning: the audit's outcome and
// its reports stand.
func appendStepSummary(env *Env, path string, summary []byte, read []domain.ReadFile, outputs []outfile.Output) {
	why := stepSummaryClash(path, read, outputs)
	if why == "" {
		b := make([]byte, 0, len(summary)+1)
		b = append(append(b, '\n'), summary...)
		if err := outfile.Append(path, b); err != nil {
			why = err.Error()
		}
	}
	if why != "" {
		env.warn(fmt.Sprintf("$%s: the summary was not appended: %s", stepSummaryVar, why))
	}
}

// stepSummaryClash says why the summary must not be appended to path: it
// is a file the run reads (an input, the policy, evidence), which it would
// change, or one the run writes, whose content it would spoil. "" when it
// is neither.
func stepSummaryClash(path string, read []domain.ReadFile, outputs []outfile.Output) string {
	for _, r := range read {
		if outfile.Replaces(path, r.Path) {
			return path + " is " + r.What + " of this run"
		}
	}
	for _, out := range outputs {
		if out.Path != "-" && outfile.SameTarget(path, out.Path) {
			return path + " is written by " + out.Option
		}
	}
	return ""
}
