package cli

import (
	"bytes"
	"fmt"

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
func (o *checkRun) writeStepSummary(res *domain.Result, ropts report.Options) error {
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
	appendStepSummary(o.env, o.stepSummary, b.Bytes())
	return nil
}

// writeFixStepSummary appends fix's summary to the job's at path, when
// there is one (path is not ""): the text summary, whatever -f says, under
// a Markdown heading with the verdict (report.MarkdownOfText).
func writeFixStepSummary(env *Env, path string, s *fix.Summary, res *domain.Result) error {
	if path == "" {
		return nil
	}
	var text, md bytes.Buffer
	if err := writeFixText(&text, s, res, env.Version); err != nil {
		return fmt.Errorf("render the step summary: %w", err)
	}
	if err := report.MarkdownOfText(&md, res, "fix", text.Bytes()); err != nil {
		return err
	}
	appendStepSummary(env, path, md.Bytes())
	return nil
}

// appendStepSummary appends summary to path in one write, after a blank
// line, so that its heading is a heading whatever the file ends with. A
// file that cannot be written is a warning: the audit's outcome and its
// reports stand.
func appendStepSummary(env *Env, path string, summary []byte) {
	b := make([]byte, 0, len(summary)+1)
	b = append(append(b, '\n'), summary...)
	if err := outfile.Append(path, b); err != nil {
		env.warn(fmt.Sprintf("$%s: the summary was not appended: %v", stepSummaryVar, err))
	}
}
