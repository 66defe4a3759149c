// Package config reads listaudit's policy file, .listaudit.yaml: the column
// mapping, thresholds, rule settings and evidence files an audit runs with,
// so that a team's policy lives next to its lists instead of in long
// command lines. Flags override the file and the file overrides the
// built-in defaults; every field of File is a pointer or nil-able so the
// caller can tell a setting the file leaves out from one it sets to the
// zero value.
//
// The file is YAML, one flat mapping; every key is optional:
//
//	region: KE                  # default region (ISO 3166 alpha-2)
//	date_format: "02/01/2006"   # Go layout tried first
//	delimiter: ","              # "," ";" "|" or tab
//	input_format: csv           # csv tsv json ndjson (for stdin)
//	columns:                    # field: header, like --map
//	  phone: "Mobile, work"
//	consent:
//	  max_age: 730d
//	  sources: [web_form, checkout]
//	  require: [consent_text_version]
//	stale_after: 365d
//	messages: {max: 2, window: 7d}
//	quiet_hours: {start: "08:00", end: "21:00"}
//	fail_on: error              # error warning info never
//	strict: false
//	rules:
//	  severity: {phone-not-mobile: error}
//	  disabled: [stale]
//	  enabled: []
//	suppress: [dnc.txt]         # relative to the file's directory
//	messages_log: [sends.csv]   # relative to the file's directory
//	baseline: .listaudit-baseline.json
//	report: {format: table, limit: 50, sarif_max_results: 0, title: "", author: ""}
//
// Unknown keys, bad values and unknown rule ids are errors (*Error) that
// name the file, the line and the key.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"go.yaml.in/yaml/v3"

	"github.com/listaudit/listaudit/pkg/domain"
)

// Names are the file names Find looks for, in order of preference.
var Names = []string{".listaudit.yaml", ".listaudit.yml"}

// Defaults of the settings domain.DefaultPolicy does not hold. The check
// command's flags should use the same values.
const (
	DefaultReportFormat = "table"
	DefaultReportLimit  = 50
)

// maxSize bounds the file Load reads: a policy file is a few hundred bytes,
// so anything this large is the wrong file.
const maxSize = 1 << 20

// File is a parsed policy file. A nil pointer, nil slice or nil map means
// the file does not set the setting; a non-nil empty slice or map means it
// sets it to empty (for Consent.Sources: any source is allowed).
type File struct {
	// Path is the file as given to Load or Parse; errors name it.
	Path string

	// Region is the default region, upper-cased; "" means none.
	Region *string
	// DateFormat is a Go time layout tried before the built-in formats.
	DateFormat *string
	// Delimiter is "", ",", ";", "|" or "tab" ("" = detect), the values
	// the --delimiter flag accepts.
	Delimiter *string
	// InputFormat is "", "csv", "tsv", "json" or "ndjson".
	InputFormat *string
	// Columns maps a field to the header of the column that holds it, as
	// --map field=HEADER does. Only named fields (not evidence slots).
	Columns map[domain.Field]string

	Consent    Consent
	StaleAfter *domain.Duration
	Messages   Messages
	// QuietHours is the local sending window --send-at is checked against.
	QuietHours *domain.QuietHours
	FailOn     *domain.Threshold
	// Strict raises every warning of the consent and phone families to error.
	Strict *bool
	Rules  Rules

	// Suppress lists do-not-contact files (--suppress), MessagesLog send
	// logs (--messages) and Baseline a baseline file (--baseline). Relative
	// paths are resolved against the directory of Path; an empty Baseline
	// means none.
	Suppress    []string
	MessagesLog []string
	Baseline    *string

	Report Report
}

// Consent holds the consent settings.
type Consent struct {
	// MaxAge is the age after which consent is expired (--consent-max-age).
	MaxAge *domain.Duration
	// Sources are the allowed consent sources, as written; a contact with
	// any other gives consent-source-unknown. Empty means any source.
	Sources []string
	// Require lists the headers of consent evidence columns that must be
	// non-empty on every row (consent-evidence-incomplete); at most
	// domain.MaxEvidence.
	Require []string
}

// Messages holds the message cap: at most Max messages in any Window.
type Messages struct {
	Max    *int             // --max-messages, ≥ 0
	Window *domain.Duration // --message-window
}

// Rules holds the per-rule settings. Every id is a catalogue rule id.
type Rules struct {
	// Severity overrides rules' default severities.
	Severity map[string]domain.Severity
	// Disabled rules do not run (--disable).
	Disabled []string
	// Enabled rules run even when disabled elsewhere (--enable).
	Enabled []string
}

// Report holds defaults for the check command's report.
type Report struct {
	// Format is the report format, unchecked here: the CLI validates it
	// against the report registry.
	Format *string
	Limit  *int // ≥ 0; 0 lists all
	// SARIFMaxResults caps the results of SARIF reports: ≥ 0; 0 lists all.
	SARIFMaxResults *int
	Title           *string
	Author          *string
}

// Find returns the policy file in dir: .listaudit.yaml, or else
// .listaudit.yml. It only looks in dir, not in its parents.
func Find(dir string) (path string, ok bool) {
	for _, name := range Names {
		p := filepath.Join(dir, name)
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			return p, true
		}
	}
	return "", false
}

// Load reads and parses the policy file at path. A missing file is an
// error (errors.Is(err, fs.ErrNotExist)); callers that look for an
// optional file use Find first.
func Load(path string) (*File, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, fileError(path, err)
	}
	defer fh.Close()
	if st, err := fh.Stat(); err == nil && st.IsDir() {
		return nil, fmt.Errorf("%s: is a directory, not a config file", path)
	}
	data, err := io.ReadAll(io.LimitReader(fh, maxSize+1))
	if err != nil {
		return nil, fileError(path, err)
	}
	if len(data) > maxSize {
		return nil, fmt.Errorf("%s: larger than 1 MiB: not a listaudit config file", path)
	}
	return Parse(path, data)
}

func fileError(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("%s: %w", path, err)
}

// Parse parses the contents of a policy file. path names the file in
// errors, and relative paths in the file are resolved against its
// directory.
func Parse(path string, data []byte) (*File, error) {
	f := &File{Path: path}
	root, err := parseYAML(path, data)
	if err != nil {
		return nil, err
	}
	d := &decoder{path: path, dir: filepath.Dir(path), f: f}
	if err := d.top(root); err != nil {
		return nil, err
	}
	return f, nil
}

// Apply sets the fields of p that the file sets, and only those. The
// column mapping, input settings and report defaults are not policy: the
// caller reads them from the File.
func (f *File) Apply(p *domain.Policy) error {
	if p == nil {
		return errors.New("config: Apply to a nil policy")
	}
	if f.Region != nil {
		p.DefaultRegion = *f.Region
	}
	if f.DateFormat != nil {
		p.DateFormat = *f.DateFormat
	}
	if f.Consent.MaxAge != nil {
		p.ConsentMaxAge = *f.Consent.MaxAge
	}
	if f.StaleAfter != nil {
		p.StaleAfter = *f.StaleAfter
	}
	if f.Messages.Window != nil {
		p.MessageWindow = *f.Messages.Window
	}
	if f.Messages.Max != nil {
		p.MaxMessages = *f.Messages.Max
	}
	if f.FailOn != nil {
		p.FailOn = *f.FailOn
	}
	if f.Consent.Sources != nil {
		p.ConsentSources = slices.Clone(f.Consent.Sources)
	}
	if f.Consent.Require != nil {
		p.ConsentRequire = slices.Clone(f.Consent.Require)
	}
	if f.QuietHours != nil {
		p.QuietHours = *f.QuietHours
	}
	if f.Strict != nil {
		p.Strict = *f.Strict
	}
	for id, sev := range f.Rules.Severity {
		if p.Severity == nil {
			p.Severity = map[string]domain.Severity{}
		}
		p.Severity[id] = sev
	}
	p.Disabled = setRules(p.Disabled, f.Rules.Disabled, f.Rules.Enabled)
	if f.Suppress != nil {
		p.Suppress = slices.Clone(f.Suppress)
	}
	if f.MessagesLog != nil {
		p.MessageLogs = slices.Clone(f.MessagesLog)
	}
	if f.Baseline != nil {
		p.Baseline = *f.Baseline
	}
	p.ConfigFile = f.Path
	return nil
}

// setRules returns disabled with off added and on removed, sorted and
// without repeats.
func setRules(disabled, off, on []string) []string {
	out := slices.Clone(disabled)
	out = append(out, off...)
	out = slices.DeleteFunc(out, func(id string) bool { return slices.Contains(on, id) })
	slices.Sort(out)
	out = slices.Compact(out)
	if out == nil {
		out = []string{}
	}
	return out
}

// parseYAML decodes data into its root node: nil for an empty file (no
// document, or a null one), an error for a second document or bad syntax.
func parseYAML(path string, data []byte) (*yaml.Node, error) {
	root, second, err := decodeYAML(data)
	switch {
	case err != nil:
		return nil, syntaxError(path, data, err)
	case second != nil:
		return nil, &Error{Path: path, Line: max(second.Line, 1), Msg: "a second YAML document: a config file holds one (remove the ---)"}
	}
	return root, nil
}

// decodeYAML returns the first document's root node and the second
// document, if any, with the YAML library's own errors.
func decodeYAML(data []byte) (root, second *yaml.Node, err error) {
	defer func() {
		// A panic inside the YAML library must not take the CLI down.
		if r := recover(); r != nil {
			root, second, err = nil, nil, fmt.Errorf("yaml: %v", r)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if err == io.EOF {
			return nil, nil, nil
		}
		return nil, nil, err
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case err == io.EOF:
	case err != nil:
		return nil, nil, err
	default:
		return nil, &extra, nil
	}
	if doc.Kind == yaml.DocumentNode {
		if len(doc.Content) == 0 {
			return nil, nil, nil
		}
		return doc.Content[0], nil, nil
	}
	return &doc, nil, nil
}
