package report

import (
	"bytes"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/listaudit/listaudit/pkg/domain"
)

// Options are the caller's choices for one report.
type Options struct {
	// Limit caps the findings the table lists, the most severe first; 0
	// lists all.
	Limit int
	// Width is the width in columns the table fits (the terminal's): its
	// messages wrap at word boundaries, or each finding takes two lines
	// where the message column would be too narrow. 0 means 80.
	Width int
	// FixFlags are the run's flags that listaudit fix takes too (policy,
	// input, evidence), as command-line arguments: the table's next step
	// repeats them in the fix command it suggests.
	FixFlags []string
	// Color turns on ANSI colour in the table. The caller decides (NO_COLOR,
	// CLICOLOR, CLICOLOR_FORCE, FORCE_COLOR, TERM, a terminal).
	Color bool
	// ASCII draws the table's own marks in ASCII (domain.Marks): for
	// a terminal whose locale is not UTF-8. The caller decides. The other
	// formats say their encoding, and ignore it.
	ASCII bool
	// ShowPII shows phone numbers and PII values unmasked.
	ShowPII bool
	// Title heads the HTML report (--title); "" means "Contact list audit".
	Title string
	// Author names who ran the audit in the HTML report (--author); ""
	// leaves it out.
	Author string
	// AnnotationsPerKind caps the GitHub annotations written of each kind
	// (error, warning, notice), the verdict's notice included: 0 means the
	// default, 10 (GitHub shows at most 10 of each kind per step); a
	// negative number means no cap.
	AnnotationsPerKind int
	// SARIFMaxResults caps the results of the SARIF log, the most severe
	// kept (GitHub code scanning rejects a run of more than 25,000); 0
	// lists every finding.
	SARIFMaxResults int
	// WroteBaseline is the file this run writes its findings to as a
	// baseline (--write-baseline FILE), "" for none: the table's next step
	// then says to check with it, not to write one.
	WroteBaseline string
	// WroteBaselineInPlace: WroteBaseline is written in place
	// (outfile.InPlace: /dev/stdout, a FIFO), no file a later run can read
	// with --baseline.
	WroteBaselineInPlace bool
	// FullReports are the files this run writes that list every finding
	// (ListsEveryFinding), as given (-o FILE, --report FORMAT=PATH): the
	// Markdown summary points to them for the findings it leaves out.
	FullReports []string
	// FingerprintKey is the secret the SARIF fingerprints are keyed with
	// ($LISTAUDIT_FINGERPRINT_KEY); "" keys them with a public label
	// alone, which leaves them guessable (see sarifReporter).
	FingerprintKey string
}

// Reporter renders one result in one format.
type Reporter interface {
	Report(w io.Writer, r *domain.Result, opts Options) error
}

// partialReporter is a Reporter that reads only some of the findings: an
// audit for it alone need not keep the others.
type partialReporter interface {
	Reads(opts Options) domain.Retention
}

// Reads is the part of a result's findings that rep reads with opts: what
// an audit must keep for it (every finding, unless rep says less).
func Reads(rep Reporter, opts Options) domain.Retention {
	if p, ok := rep.(partialReporter); ok {
		return p.Reads(opts)
	}
	return domain.RetainAll
}

// reporters is the one place formats are registered.
var reporters = map[string]Reporter{
	"csv":      csvReporter{},
	"github":   githubReporter{},
	"html":     htmlReporter{},
	"json":     jsonReporter{},
	"junit":    junitReporter{},
	"markdown": markdownReporter{},
	"sarif":    sarifReporter{},
	"table":    tableReporter{},
}

// Lookup returns the reporter for a format name as given to --format.
func Lookup(format string) (Reporter, error) {
	if r, ok := reporters[format]; ok {
		return r, nil
	}
	return nil, fmt.Errorf("unknown format %q (want %s)", format, domain.OrList(Formats()))
}

// ListsEveryFinding reports whether a report in format lists every
// finding with opts: a full report, which the Markdown summary points to.
// HTML counts, though past 100,000 findings it embeds the first (and says
// so); SARIF does unless --sarif-max-results cuts it, the table unless
// --limit does.
func ListsEveryFinding(format string, opts Options) bool {
	switch format {
	case "csv", "html", "json":
		return true
	case "sarif":
		return opts.SARIFMaxResults == 0
	case "table":
		return opts.Limit == 0
	}
	return false
}

// Formats lists the registered format names, sorted.
func Formats() []string {
	return slices.Sorted(maps.Keys(reporters))
}

// extensions are the file name endings that say a report's format, for
// --report PATH and -o PATH without a format.
var extensions = []struct{ ext, format string }{
	{".html", "html"},
	{".htm", "html"},
	{".json", "json"},
	{".sarif", "sarif"},
	{".sarif.json", "sarif"},
	{".xml", "junit"},
	{".md", "markdown"},
	{".csv", "csv"},
}

// FormatForPath is the format a file's name ends in (in any case):
// audit.html is html, junit.xml junit, and the longest ending wins
// (a.sarif.json is sarif); false for any other ending.
func FormatForPath(path string) (string, bool) {
	lower := strings.ToLower(path)
	format, longest := "", 0
	for _, e := range extensions {
		if strings.HasSuffix(lower, e.ext) && len(e.ext) > longest {
			format, longest = e.format, len(e.ext)
		}
	}
	return format, longest > 0
}

// Extensions lists the endings FormatForPath knows, for messages.
func Extensions() []string {
	out := make([]string, len(extensions))
	for i, e := range extensions {
		out[i] = e.ext
	}
	return out
}

// renderThenWrite renders a report whole into memory, then writes it: a
// failing writer leaves one error to report, not half a document. Errors
// name the format and say which of the two failed.
func renderThenWrite(w io.Writer, format string, render func(b *bytes.Buffer) error) error {
	var b bytes.Buffer
	if err := render(&b); err != nil {
		return fmt.Errorf("render %s report: %w", format, err)
	}
	if _, err := w.Write(b.Bytes()); err != nil {
		return fmt.Errorf("write %s report: %w", format, err)
	}
	return nil
}
