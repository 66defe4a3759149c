package report

import (
	"bytes"
	"fmt"
	"io"
	"maps"
	"slices"

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
	// Color turns on ANSI colour in the table. The caller decides: only on
	// a terminal and when NO_COLOR is unset.
	Color bool
	// ShowPII shows phone numbers and PII values unmasked.
	ShowPII bool
	// Title heads the HTML report (--title); "" means "Contact list audit".
	Title string
	// Author names who ran the audit in the HTML report (--author); ""
	// leaves it out.
	Author string
	// AnnotationsPerKind caps the GitHub annotations written of each kind
	// (error, warning, notice), the verdict's included: 0 means the
	// default, 10 (GitHub shows at most 10 of each kind per step); a
	// negative number means no cap.
	AnnotationsPerKind int
	// SARIFMaxResults caps the results of the SARIF log, the most severe
	// kept (GitHub code scanning rejects a run of more than 25,000); 0
	// lists every finding.
	SARIFMaxResults int
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

// Formats lists the registered format names, sorted.
func Formats() []string {
	return slices.Sorted(maps.Keys(reporters))
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
