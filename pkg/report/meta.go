package report

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/pii"
	"github.com/listaudit/listaudit/pkg/rules"
)

// This file holds what several formats derive from one result and the rule
// catalogue, so that every format says the same thing the same way.

// reportRules lists the rules a report describes: the whole catalogue in
// its order, then any rule id a finding names that the catalogue lacks
// (sorted by id), so a finding always has a rule to point at. An unknown
// rule gets the most severe severity its findings carry and a stock text.
func reportRules(r *domain.Result) []rules.Rule {
	out := slices.Clone(rules.Catalogue)
	// Show each rule at the severity this run gave it (--strict, overrides).
	for i := range out {
		if sev, ok := r.RuleSeverity[out[i].ID]; ok {
			out[i].Severity = sev
		}
	}
	// From the summary's counts, not the findings: reading millions back
	// to find none would cost a pass over them.
	extra := map[string]domain.Severity{}
	for k := range r.Summary.ByRuleSeverity {
		if _, ok := rules.Lookup(k.Rule); ok {
			continue
		}
		extra[k.Rule] = max(extra[k.Rule], k.Severity)
	}
	ids := make([]string, 0, len(extra))
	for id := range extra {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		out = append(out, rules.Rule{
			ID:       id,
			Severity: extra[id],
			Family:   "other",
			Summary:  "a rule not in this listaudit's catalogue",
			Help:     "This rule is not in the catalogue of the listaudit version that wrote the report; see the documentation of the tool that raised it.",
		})
	}
	return out
}

// ruleIndexes maps rule ids to their position in rs.
func ruleIndexes(rs []rules.Rule) map[string]int {
	m := make(map[string]int, len(rs))
	for i := range rs {
		m[rs[i].ID] = i
	}
	return m
}

// findingText is a finding's message as the formats that show one line per
// finding write it: prefixed with the file's column name, unless the
// message already starts with it, so a reader knows which cell to look at.
func findingText(f *domain.Finding, showPII bool) string {
	msg := pii.FindingMessage(f, showPII)
	col := findingColumn(f, showPII)
	if col == "" || strings.HasPrefix(msg, col+":") {
		return msg
	}
	return col + ": " + msg
}

// findingColumn is the header of the finding's column as shown
// (pii.Header), "" for a whole-row finding.
func findingColumn(f *domain.Finding, showPII bool) string {
	if !f.HasField() {
		return ""
	}
	return pii.Header(f.Column, showPII)
}

// sentence turns a catalogue summary ("the phone cell is empty") into a
// sentence ("The phone cell is empty.").
func sentence(s string) string {
	if s == "" {
		return s
	}
	s = strings.ToUpper(s[:1]) + s[1:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

// basisStatus splits a catalogue basis item into its status ("Law",
// "Guidance", ... of rules.BasisStatuses) and what it cites, so a format can
// set the status apart; an item without one is all rest.
func basisStatus(item string) (status, rest string) {
	status, rest, ok := strings.Cut(item, ": ")
	if !ok || !slices.Contains(rules.BasisStatuses, status) {
		return "", item
	}
	return status, rest
}

// ruleHelpURI is where a rule is documented: its anchor in the README.
func ruleHelpURI(id string) string {
	return "https://github.com/listaudit/listaudit#rule-" + id
}

// countsLine says how many findings of each severity there are, the way
// the verdict line does: "3 errors, 5 warnings, 2 info".
func countsLine(r *domain.Result) string {
	return plural(r.Summary.BySeverity[domain.Error], "error", "errors") + ", " +
		plural(r.Summary.BySeverity[domain.Warning], "warning", "warnings") + ", " +
		fmt.Sprintf("%d info", r.Summary.BySeverity[domain.Info])
}

// verdictWord is "failed" or "passed".
func verdictWord(r *domain.Result) string {
	if r.Verdict.Failed {
		return "failed"
	}
	return "passed"
}

// ruleCount is how many findings of one severity one rule raised.
type ruleCount struct {
	Rule     string
	Severity domain.Severity
	Count    int
}

// ruleSeverityCounts counts findings by rule and severity (a rule may raise
// more than one severity), most severe first, then by rule id.
func ruleSeverityCounts(r *domain.Result) []ruleCount {
	out := make([]ruleCount, 0, len(r.Summary.ByRuleSeverity))
	for k, n := range r.Summary.ByRuleSeverity {
		out = append(out, ruleCount{k.Rule, k.Severity, n})
	}
	slices.SortFunc(out, func(a, b ruleCount) int {
		return cmp.Or(cmp.Compare(b.Severity, a.Severity), cmp.Compare(a.Rule, b.Rule))
	})
	return out
}

// firstByRule keeps the first limit findings of each rule, in order. It
// stops reading once every rule counted in byRule has all it can show.
func firstByRule(fs domain.Findings, limit int, byRule map[string]int) map[string][]*domain.Finding {
	firsts := map[string][]*domain.Finding{}
	full := 0 // rules of byRule with all they can show
	for f := range fs.All() {
		if n := len(firsts[f.Rule]); n < limit {
			firsts[f.Rule] = append(firsts[f.Rule], f)
			if n+1 == min(limit, byRule[f.Rule]) {
				if full++; full == len(byRule) {
					break
				}
			}
		}
	}
	return firsts
}

// firedRules lists the rules that raised findings, most severe finding
// first, then by rule id.
func firedRules(r *domain.Result) []string {
	worst := map[string]domain.Severity{}
	for k := range r.Summary.ByRuleSeverity {
		worst[k.Rule] = max(worst[k.Rule], k.Severity)
	}
	ids := make([]string, 0, len(worst))
	for id := range worst {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int {
		return cmp.Or(cmp.Compare(worst[b], worst[a]), cmp.Compare(a, b))
	})
	return ids
}

// rfc3339 is t in RFC 3339 UTC, "" when zero (unknown).
func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// commandLine is the result's command line as one line a POSIX shell
// would run again: an argument with anything but letters, digits and
// -_./=:,+@% in it, or none, is single-quoted. "" when unknown.
func commandLine(r *domain.Result) string {
	var b strings.Builder
	for i, arg := range r.Command {
		if i > 0 {
			b.WriteByte(' ')
		}
		if arg != "" && strings.Trim(arg, shellSafe) == "" {
			b.WriteString(arg)
			continue
		}
		b.WriteString("'" + strings.ReplaceAll(arg, "'", `'\''`) + "'")
	}
	return b.String()
}

// shellSafe are the bytes an argument may hold and stay unquoted.
const shellSafe = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%"

// exitCode is the status the run exits with once its reports are written:
// 1 when the verdict failed, else 0 (cli.ExitFindings, cli.ExitOK).
func exitCode(r *domain.Result) int {
	if r.Verdict.Failed {
		return 1
	}
	return 0
}
