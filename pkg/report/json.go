package report

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"time"

	"github.com/listaudit/listaudit/pkg/domain"
)

// jsonReporter writes the result as one JSON document for programs.
//
// The document is one object, indented two spaces and ended by a newline,
// with its keys in this order (schema_version 1):
//
//	{
//	  "schema_version": 1,
//	  "tool": {"name": "listaudit", "version": "0.1.0", "phone_metadata": "8.13.x"},
//	  "now": "2026-01-15T00:00:00Z",
//	  "inputs": [{"path": "contacts.csv", "format": "csv", "rows": 12, "sha256": "3f2a..."}],
//	  "policy": {
//	    "default_region": "KE", "date_format": "",
//	    "consent_max_age": "730d", "stale_after": "365d", "message_window": "7d",
//	    "max_messages": 2, "fail_on": "error"
//	  },
//	  "summary": {
//	    "rows": 12, "unique_numbers": 10,
//	    "by_severity": {"error": 3, "warning": 5, "info": 0},
//	    "by_rule": {"consent-missing": 1, "duplicate-number": 2}
//	  },
//	  "findings": [{
//	    "rule": "duplicate-number", "severity": "warning",
//	    "file": "contacts.csv", "row": 3, "line": 4,
//	    "column": "Phone", "field": "phone", "value": "+2547******78",
//	    "number": "+2547******78", "message": "...",
//	    "related_rows": [{"file": "contacts.csv", "row": 1}]
//	  }],
//	  "verdict": {"fail_on": "error", "failed": true}
//	}
//
// Field by field:
//   - now is RFC 3339 in UTC.
//   - inputs and findings are [] when empty, never null; findings keep the
//     caller's order (domain.SortFindings: file, row, rule).
//   - policy durations are written in days or hours ("730d", "36h");
//     fail_on is "error", "warning", "info" or "never".
//   - by_severity always has error, warning and info, in that order;
//     by_rule has one key per rule that fired, sorted by rule id.
//   - row counts data records from 1 (the header is not a row); line is the
//     physical line the record starts on.
//   - column is the file's header, field the canonical field name; both and
//     value are "" for a finding about a whole row.
//   - value and number are masked unless PII is shown: phone numbers keep
//     their calling code, first digit and last two digits, names and emails
//     become "[hidden]".
//   - related_rows points at the other records a finding refers to (the
//     first row of a duplicate); [] when none.
type jsonReporter struct{}

// jsonSchemaVersion changes only when a key is removed or changes meaning;
// new keys may be added within a version.
const jsonSchemaVersion = 1

// The json* types fix the output's shape and key order independently of the
// domain types, so refactoring the model cannot change the schema.
type jsonReport struct {
	SchemaVersion int           `json:"schema_version"`
	Tool          jsonTool      `json:"tool"`
	Now           string        `json:"now"`
	Inputs        []jsonInput   `json:"inputs"`
	Policy        jsonPolicy    `json:"policy"`
	Summary       jsonSummary   `json:"summary"`
	Findings      []jsonFinding `json:"findings"`
	Verdict       jsonVerdict   `json:"verdict"`
}

type jsonTool struct {
	Name          string `json:"name"`
	Version       string `json:"version"`
	PhoneMetadata string `json:"phone_metadata"`
}

type jsonInput struct {
	Path   string `json:"path"`
	Format string `json:"format"`
	Rows   int    `json:"rows"`
	SHA256 string `json:"sha256"`
}

type jsonPolicy struct {
	DefaultRegion string `json:"default_region"`
	DateFormat    string `json:"date_format"`
	ConsentMaxAge string `json:"consent_max_age"`
	StaleAfter    string `json:"stale_after"`
	MessageWindow string `json:"message_window"`
	MaxMessages   int    `json:"max_messages"`
	FailOn        string `json:"fail_on"`
}

type jsonSummary struct {
	Rows          int            `json:"rows"`
	UniqueNumbers int            `json:"unique_numbers"`
	BySeverity    jsonBySeverity `json:"by_severity"`
	ByRule        map[string]int `json:"by_rule"`
}

// jsonBySeverity is a struct, not a map, so the keys keep severity order
// and are present even when zero.
type jsonBySeverity struct {
	Error   int `json:"error"`
	Warning int `json:"warning"`
	Info    int `json:"info"`
}

type jsonFinding struct {
	Rule     string         `json:"rule"`
	Severity string         `json:"severity"`
	File     string         `json:"file"`
	Row      int            `json:"row"`
	Line     int            `json:"line"`
	Column   string         `json:"column"`
	Field    string         `json:"field"`
	Value    string         `json:"value"`
	Number   string         `json:"number"`
	Message  string         `json:"message"`
	Related  []jsonLocation `json:"related_rows"`
}

type jsonLocation struct {
	File string `json:"file"`
	Row  int    `json:"row"`
}

type jsonVerdict struct {
	FailOn string `json:"fail_on"`
	Failed bool   `json:"failed"`
}

// Report writes r as the JSON document described on jsonReporter. It
// renders r.Summary and r.Verdict as given, so the caller must have run
// r.Decide.
func (jsonReporter) Report(w io.Writer, r *domain.Result, opts Options) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	// Messages are for people reading a terminal or a file, not HTML; keep
	// "<", ">" and "&" readable.
	enc.SetEscapeHTML(false)
	if err := enc.Encode(newJSONReport(r, opts)); err != nil {
		return fmt.Errorf("write json report: %w", err)
	}
	return nil
}

func newJSONReport(r *domain.Result, opts Options) jsonReport {
	out := jsonReport{
		SchemaVersion: jsonSchemaVersion,
		Tool: jsonTool{
			Name:          r.Tool.Name,
			Version:       r.Tool.Version,
			PhoneMetadata: r.Tool.PhoneMetadata,
		},
		Now:    r.Now.UTC().Format(time.RFC3339),
		Inputs: make([]jsonInput, 0, len(r.Inputs)),
		Policy: jsonPolicy{
			DefaultRegion: r.Policy.DefaultRegion,
			DateFormat:    r.Policy.DateFormat,
			ConsentMaxAge: r.Policy.ConsentMaxAge.String(),
			StaleAfter:    r.Policy.StaleAfter.String(),
			MessageWindow: r.Policy.MessageWindow.String(),
			MaxMessages:   r.Policy.MaxMessages,
			FailOn:        r.Policy.FailOn.String(),
		},
		Summary: jsonSummary{
			Rows:          r.Summary.Rows,
			UniqueNumbers: r.Summary.UniqueNumbers,
			BySeverity: jsonBySeverity{
				Error:   r.Summary.BySeverity[domain.Error],
				Warning: r.Summary.BySeverity[domain.Warning],
				Info:    r.Summary.BySeverity[domain.Info],
			},
			ByRule: make(map[string]int, len(r.Summary.ByRule)),
		},
		Findings: make([]jsonFinding, 0, len(r.Findings)),
		Verdict: jsonVerdict{
			FailOn: r.Verdict.FailOn.String(),
			Failed: r.Verdict.Failed,
		},
	}
	for _, in := range r.Inputs {
		out.Inputs = append(out.Inputs, jsonInput{Path: in.Path, Format: in.Format, Rows: in.Rows, SHA256: in.SHA256})
	}
	// Copied into a non-nil map so an empty result writes {} rather than null.
	maps.Copy(out.Summary.ByRule, r.Summary.ByRule)
	for i := range r.Findings {
		out.Findings = append(out.Findings, newJSONFinding(&r.Findings[i], opts))
	}
	return out
}

func newJSONFinding(f *domain.Finding, opts Options) jsonFinding {
	jf := jsonFinding{
		Rule:     f.Rule,
		Severity: f.Severity.String(),
		File:     f.Loc.File,
		Row:      f.Loc.Row,
		Line:     f.Loc.Line,
		Value:    valueText(f, opts),
		Number:   numberText(f, opts),
		Message:  f.Message,
		Related:  make([]jsonLocation, 0, len(f.Related)),
	}
	if f.HasField() {
		jf.Column = f.Column
		jf.Field = f.Field.Name()
	}
	for _, loc := range f.Related {
		jf.Related = append(jf.Related, jsonLocation{File: loc.File, Row: loc.Row})
	}
	return jf
}
