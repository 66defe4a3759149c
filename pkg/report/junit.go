package report

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/pii"
	"github.com/listaudit/listaudit/pkg/rules"
)

// junitReporter writes the result as JUnit XML for CI systems that show
// test reports (GitLab, Jenkins, Azure Pipelines). It follows the Apache
// Ant JUnit schema, the strictest common one:
//
//   - <testsuites> holds one <testsuite> per input file (named by its path,
//     package "listaudit", id from 0), then one per other file a finding
//     names;
//   - each suite's <properties> give the tool and phone-metadata versions,
//     the input's format, rows and SHA-256, and every policy setting;
//   - each suite has one <testcase classname="FILE" name="RULE"> per rule
//     that ran (the catalogue's, rules.Runs, then unknown rules that
//     fired). A test case fails when the rule has findings at or above the
//     fail-on threshold in that file: its <failure message="N findings (fail-on: T)" type="RULE">
//     lists them, one "row N (line L): message [number]" a line;
//   - findings below the threshold are listed in the suite's <system-out>
//     (the schema allows no output inside a test case);
//   - tests, failures, errors (always 0) and skipped (always 0) count the
//     suite's test cases; timestamps are the result's now in UTC, times 0.
type junitReporter struct{}

type junitSuites struct {
	XMLName xml.Name     `xml:"testsuites"`
	Suites  []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Package    string          `xml:"package,attr"`
	ID         int             `xml:"id,attr"`
	Timestamp  string          `xml:"timestamp,attr"`
	Hostname   string          `xml:"hostname,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Time       string          `xml:"time,attr"`
	Properties []junitProperty `xml:"properties>property"`
	Cases      []junitCase     `xml:"testcase"`
	SystemOut  junitText       `xml:"system-out"`
	SystemErr  junitText       `xml:"system-err"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitFailure `xml:"failure"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Body    string `xml:",innerxml"` // escaped by escapeLines
}

// junitText is element text escaped with its line breaks kept as they
// are (encoding/xml writes them as "&#xA;"), so the report reads well as
// a file and in CI log views.
type junitText struct {
	Text string `xml:",innerxml"`
}

// escapeLines escapes s as XML text, keeping "\n".
func escapeLines(s string) string {
	var b strings.Builder
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		// Writing to a strings.Builder cannot fail.
		_ = xml.EscapeText(&b, []byte(line))
	}
	return b.String()
}

func (junitReporter) Report(w io.Writer, r *domain.Result, opts Options) error {
	return renderThenWrite(w, "junit", func(b *bytes.Buffer) error {
		b.WriteString(xml.Header)
		enc := xml.NewEncoder(b)
		enc.Indent("", "  ")
		if err := enc.Encode(newJUnitSuites(r, opts)); err != nil {
			return err
		}
		b.WriteString("\n")
		return nil
	})
}

func newJUnitSuites(r *domain.Result, opts Options) junitSuites {
	// A rule that did not run (disabled, or its input not given) is no
	// passing test case; one with findings ran, whatever the policy says.
	rs := slices.DeleteFunc(reportRules(r), func(rule rules.Rule) bool {
		return !rules.Runs(rule.ID, r.Policy) && r.Summary.ByRule[rule.ID] == 0
	})
	failOn := r.Verdict.FailOn
	stamp := r.Now.UTC().Format("2006-01-02T15:04:05")

	// Files in input order, then any other file a finding names.
	var files []string
	inputs := map[string]*domain.Input{}
	for i := range r.Inputs {
		in := &r.Inputs[i]
		if _, dup := inputs[in.Path]; !dup {
			files = append(files, in.Path)
		}
		inputs[in.Path] = in
	}
	perFile := map[string]map[string]*junitGroup{}
	for f := range r.Findings.All() {
		if perFile[f.Loc.File] == nil {
			perFile[f.Loc.File] = map[string]*junitGroup{}
			if _, ok := inputs[f.Loc.File]; !ok {
				files = append(files, f.Loc.File)
				inputs[f.Loc.File] = nil
			}
		}
		g := perFile[f.Loc.File][f.Rule]
		if g == nil {
			g = &junitGroup{}
			perFile[f.Loc.File][f.Rule] = g
		}
		g.add(f, failOn.Fails(f.Severity), opts)
	}

	out := junitSuites{Suites: make([]junitSuite, 0, len(files))}
	for id, file := range files {
		s := junitSuite{
			Name:      cmp.Or(file, "-"),
			Package:   "listaudit",
			ID:        id,
			Timestamp: stamp,
			Hostname:  "localhost",
			Time:      "0",
			Properties: []junitProperty{
				{"listaudit.version", r.Tool.Version},
				{"phone.metadata", r.Tool.PhoneMetadata},
			},
		}
		if in := inputs[file]; in != nil {
			s.Properties = append(s.Properties,
				junitProperty{"input.format", in.Format},
				junitProperty{"input.rows", strconv.Itoa(in.Rows)},
				junitProperty{"input.sha256", in.SHA256},
			)
		}
		s.Properties = append(s.Properties, policyProperties(r.Policy)...)
		var below strings.Builder
		for i := range rs {
			id := rs[i].ID
			c := junitCase{Name: id, Classname: s.Name, Time: "0"}
			g := perFile[file][id]
			if g == nil {
				g = &junitGroup{}
			}
			for _, line := range g.below {
				below.WriteString(id + " " + line + "\n")
			}
			if more := g.belowCount - len(g.below); more > 0 {
				fmt.Fprintf(&below, "%s: %s (%s)\n", id, plural(more, "more finding", "more findings"), junitElsewhere)
			}
			if g.failCount > 0 {
				failing := strings.Join(g.failing, "\n") + "\n"
				if more := g.failCount - len(g.failing); more > 0 {
					failing += fmt.Sprintf("%s (%s)\n", plural(more, "more finding", "more findings"), junitElsewhere)
				}
				c.Failure = &junitFailure{
					Message: fmt.Sprintf("%s (fail-on: %s)", plural(g.failCount, "finding", "findings"), failOn),
					Type:    id,
					Body:    escapeLines(failing),
				}
				s.Failures++
			}
			s.Cases = append(s.Cases, c)
		}
		s.Tests = len(s.Cases)
		if below.Len() > 0 {
			s.SystemOut.Text = escapeLines(fmt.Sprintf("Findings below fail-on (%s):\n%s", failOn, below.String()))
		}
		out.Suites = append(out.Suites, s)
	}
	return out
}

// junitMaxLines caps the findings a test case lists, and those of each
// rule below fail-on that a suite's output lists: CI systems show these
// reports whole, and a list with millions of findings would make one
// unreadable and cost gigabytes to build. The counts stay exact.
var junitMaxLines = 1000

const junitElsewhere = "the json, csv and sarif reports list every finding"

// junitGroup is what one rule found in one file, as its test case shows it.
type junitGroup struct {
	failing    []string // lines of the findings at or above fail-on, capped
	failCount  int
	below      []string // "(severity): line" of the others, capped
	belowCount int
}

func (g *junitGroup) add(f *domain.Finding, fails bool, opts Options) {
	if fails {
		if g.failCount++; len(g.failing) < junitMaxLines {
			g.failing = append(g.failing, junitFindingLine(f, opts))
		}
		return
	}
	if g.belowCount++; len(g.below) < junitMaxLines {
		g.below = append(g.below, "("+f.Severity.String()+"): "+junitFindingLine(f, opts))
	}
}

// junitFindingLine is one finding in a failure body or the suite output.
func junitFindingLine(f *domain.Finding, opts Options) string {
	s := fmt.Sprintf("row %d", f.Loc.Row)
	if f.Loc.Line >= 1 {
		s += " (" + placeText(f.Loc) + ")"
	}
	s += ": " + findingText(f)
	if n := pii.FindingNumber(f, opts.ShowPII); n != "" {
		s += " [" + n + "]"
	}
	return s
}
