package report

import (
	"bytes"
	"cmp"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"iter"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/pii"
	"github.com/listaudit/listaudit/pkg/rules"
)

// sarifReporter writes the result as a SARIF 2.1.0 log for code-scanning
// tools such as GitHub code scanning:
//
//   - one run whose tool.driver lists every catalogue rule (id, CamelCase
//     name, the summary as short description, the catalogue's help and
//     settings as full description, help text and markdown, help URI,
//     default level, family tag), then any unknown rule a finding names;
//   - automationDetails.id names the analysis for code scanning:
//     "listaudit/check/" and the policy file read, else the first input,
//     then "/" (sarifAutomationID);
//   - originalUriBaseIds.SRCROOT is the working directory; a path in it is
//     a URI relative to SRCROOT, one outside it (absolute, or a relative
//     path that leaves it) a file URI;
//   - artifacts: one per input, with its SHA-256;
//   - invocations: one, with the command line and its arguments, the
//     audit's start and end by the real clock (not --now), the exit code
//     the run ends with (1 when the verdict failed, else 0), the working
//     directory, and when the results were capped a notification saying
//     which were left out;
//   - run.properties: the phone metadata version, the audit time (now, as
//     in the JSON report), the effective policy and the verdict;
//   - results: one per finding, in the result's order, with ruleId,
//     ruleIndex, level (error, warning, note), the message prefixed with
//     the column name, the input path and the line the record starts on
//     (no region when the line is unknown), related rows, and a partial
//     fingerprint.
//
// The fingerprint identifies the contact, as a baseline does: it is an
// HMAC-SHA-256 of the rule, the file (cleaned, as a baseline's), the
// column and the number (E.164 when valid, else the cell: a baseline's
// number_sha256 is of the same), numbered only among the findings that
// share all four (one number on several rows). Another contact's row,
// added or moved, changes no fingerprint. The HMAC's key is
// Options.FingerprintKey under a fixed domain-separation label, or the
// label alone without one: a plain hash of the number beside its masked
// form would give the hidden six or so digits away to anyone who tries
// the million candidates, so the key, kept secret, is what makes the
// fingerprint unguessable (see the README's Privacy).
type sarifReporter struct{}

const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
	toolInfoURI  = "https://github.com/listaudit/listaudit"
	// sarifFingerprintKey names listaudit's fingerprint; bump its version
	// when what it hashes changes, so that code scanning matches no alert
	// of the old scheme with one of the new (v1 hashed the masked number).
	sarifFingerprintKey = "listaudit/v2"
	// sarifFingerprintLabel separates the fingerprint's HMAC from every
	// other hash of a number (a baseline's number_sha256 is its plain
	// SHA-256).
	sarifFingerprintLabel = "listaudit SARIF partialFingerprints listaudit/v2"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                        `json:"tool"`
	AutomationDetails  sarifAutomationDetails           `json:"automationDetails"`
	OriginalURIBaseIDs map[string]sarifArtifactLocation `json:"originalUriBaseIds,omitempty"`
	Artifacts          []sarifArtifact                  `json:"artifacts,omitempty"`
	Invocations        []sarifInvocation                `json:"invocations"`
	Results            []sarifResult                    `json:"results"`
	Properties         sarifRunProperties               `json:"properties"`
}

type sarifAutomationDetails struct {
	ID string `json:"id"`
}

// sarifInvocation is how and when the run was made and, when the results
// were capped, which were left out.
type sarifInvocation struct {
	CommandLine                string                 `json:"commandLine,omitempty"`
	Arguments                  []string               `json:"arguments,omitempty"`
	StartTimeUTC               string                 `json:"startTimeUtc,omitempty"`
	EndTimeUTC                 string                 `json:"endTimeUtc,omitempty"`
	ExitCode                   int                    `json:"exitCode"`
	ExecutionSuccessful        bool                   `json:"executionSuccessful"`
	WorkingDirectory           *sarifArtifactLocation `json:"workingDirectory,omitempty"`
	ToolExecutionNotifications []sarifNotification    `json:"toolExecutionNotifications,omitempty"`
}

// sarifSrcRoot names the working directory, which relative URIs are
// relative to (originalUriBaseIds), as GitHub code scanning and the SARIF
// specification's examples name a source root.
const sarifSrcRoot = "SRCROOT"

type sarifNotification struct {
	Level   string    `json:"level"`
	Message sarifText `json:"message"`
}

type sarifRunProperties struct {
	PhoneMetadata string `json:"phoneMetadata,omitempty"`
	// Now is the audit time (--now), beside the invocation's real times.
	Now     string      `json:"now"`
	Policy  PolicyJSON  `json:"policy"`
	Verdict jsonVerdict `json:"verdict"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string              `json:"id"`
	Name                 string              `json:"name"`
	ShortDescription     sarifText           `json:"shortDescription"`
	FullDescription      sarifText           `json:"fullDescription"`
	Help                 sarifMultiformat    `json:"help"`
	HelpURI              string              `json:"helpUri"`
	DefaultConfiguration sarifRuleConfig     `json:"defaultConfiguration"`
	Properties           sarifRuleProperties `json:"properties"`
}

type sarifRuleConfig struct {
	Level string `json:"level"`
}

type sarifRuleProperties struct {
	Tags []string `json:"tags"`
	// Basis is the catalogue's rules.Rule.Basis as is, each item led by its
	// status (Law, Guidance, ...), as `listaudit rules -f json` gives it.
	Basis []string `json:"basis,omitempty"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifMultiformat struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
}

type sarifArtifact struct {
	Location sarifArtifactLocation `json:"location"`
	Hashes   map[string]string     `json:"hashes,omitempty"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
	Index     *int   `json:"index,omitempty"`
}

type sarifResult struct {
	RuleID              string                `json:"ruleId"`
	RuleIndex           int                   `json:"ruleIndex"`
	Level               string                `json:"level"`
	Message             sarifText             `json:"message"`
	Locations           []sarifLocation       `json:"locations"`
	RelatedLocations    []sarifLocation       `json:"relatedLocations,omitempty"`
	PartialFingerprints sarifFingerprints     `json:"partialFingerprints"`
	Properties          sarifResultProperties `json:"properties"`
}

// sarifFingerprints is the partialFingerprints object: listaudit's one
// fingerprint, under sarifFingerprintKey (a tag cannot name the constant).
type sarifFingerprints struct {
	V2 string `json:"listaudit/v2"`
}

type sarifResultProperties struct {
	Row    int    `json:"row"`
	Column string `json:"column,omitempty"`
	Number string `json:"number,omitempty"`
}

type sarifLocation struct {
	ID               *int                  `json:"id,omitempty"`
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
	// LogicalLocations names a workbook's cell, which no text region can
	// (see sarifResults.location).
	LogicalLocations []sarifLogicalLocation `json:"logicalLocations,omitempty"`
	Message          *sarifText             `json:"message,omitempty"`
}

// sarifLogicalLocation is a workbook cell: SARIF 2.1.0 (3.33.7) lets a
// tool name a kind of its own, "cell", where none of its kinds fits.
type sarifLogicalLocation struct {
	Name               string `json:"name"`
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifRegion struct {
	StartLine int `json:"startLine"`
}

// Report writes r as a SARIF log, indented two spaces. The results, which
// can number millions, are encoded one at a time into the log encoded
// without them: the bytes are those of encoding the whole log at once.
func (sarifReporter) Report(w io.Writer, r *domain.Result, opts Options) error {
	log, results := newSARIFLog(r, opts)
	total := r.Findings.Len()
	quota, shown := sarifQuota(r, opts.SARIFMaxResults, total)
	if shown < total {
		log.Runs[0].Invocations[0].ToolExecutionNotifications = []sarifNotification{{
			Level: "warning",
			Message: sarifText{Text: fmt.Sprintf("Results list the %s most severe of %s findings (--sarif-max-results %d); the json and csv reports list every finding.",
				thousands(shown), thousands(total), opts.SARIFMaxResults)},
		}}
	}
	// A result is an element of runs[0].results, whose bracket closes at
	// depth 3. Results render on every core with their fingerprints'
	// numbers left open, and results.number fills them in, in order.
	err := writeStreamedArray(w, log, "results", 3, shown == 0, func(w io.Writer) error {
		if shown == total {
			return writeFindingPartsThen(w, r.Findings, ",", func(b []byte, part iter.Seq[*domain.Finding]) []byte {
				var scratch sarifScratch
				for f := range part {
					res := results.make(f, &scratch)
					b = appendSARIFResult(append(b, ','), &res)
				}
				return b
			}, results.number)
		}
		// Which findings a capped log lists depends on those before them:
		// one run after another.
		var scratch sarifScratch
		return writeFindingRuns(w, r.Findings, ",", func(b []byte, part iter.Seq[*domain.Finding]) []byte {
			for f := range part {
				if quota[f.Severity] == 0 {
					// Left out, and need not be numbered: a rule has one
					// severity in a run, so every later finding with this
					// one's fingerprint (which names the rule) is left out
					// too, and the results listed keep the numbers they
					// have in the whole log.
					continue
				}
				quota[f.Severity]--
				res := results.make(f, &scratch)
				b = appendSARIFResult(append(b, ','), &res)
			}
			return b
		}, results.number)
	})
	if err != nil {
		return fmt.Errorf("write sarif report: %w", err)
	}
	return nil
}

// sarifQuota is how many findings of each severity the log lists when it
// lists at most max of its total (max 0: all), the most severe first, as
// GitHub code scanning keeps the most severe of what it displays; shown is
// their sum, total when the log is not capped (quota is then nil).
func sarifQuota(r *domain.Result, max, total int) (quota map[domain.Severity]int, shown int) {
	if max <= 0 || max >= total {
		return nil, total
	}
	quota = map[domain.Severity]int{}
	left := max
	for _, s := range domain.Severities {
		n := min(r.Summary.BySeverity[s], left)
		left -= n
		quota[s] = n
		shown += n
	}
	return quota, shown
}

// newSARIFLog returns the log of r without its results, and what makes
// them.
func newSARIFLog(r *domain.Result, opts Options) (sarifLog, *sarifResults) {
	rs := reportRules(r)
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           "listaudit",
			Version:        r.Tool.Version,
			InformationURI: toolInfoURI,
			Rules:          make([]sarifRule, 0, len(rs)),
		}},
		AutomationDetails: sarifAutomationDetails{ID: sarifAutomationID(r)},
		Invocations:       []sarifInvocation{newSARIFInvocation(r)},
		Properties: sarifRunProperties{
			PhoneMetadata: r.Tool.PhoneMetadata,
			Now:           r.Now.UTC().Format(time.RFC3339),
			Policy:        PolicyJSON(ShownPolicy(r.Policy, opts.ShowPII)),
			Verdict:       jsonVerdict{FailOn: r.Verdict.FailOn.String(), Failed: r.Verdict.Failed},
		},
	}
	if r.WorkDir != "" {
		run.OriginalURIBaseIDs = map[string]sarifArtifactLocation{sarifSrcRoot: {URI: sarifDirURI(r.WorkDir)}}
	}
	for i := range rs {
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, newSARIFRule(&rs[i]))
	}
	results := &sarifResults{opts: opts, workDir: r.WorkDir, index: ruleIndexes(rs), artifacts: map[string]int{}, uris: map[string]sarifArtifactLocation{}, cleanPaths: map[string]string{}, seen: map[uint64]int{}, key: sarifFingerprintKeyOf(opts.FingerprintKey)}
	for i, in := range r.Inputs {
		results.artifacts[in.Path] = i
		a := sarifArtifact{Location: sarifPathLocation(in.Path, r.WorkDir)}
		if in.SHA256 != "" {
			a.Hashes = map[string]string{"sha-256": in.SHA256}
		}
		run.Artifacts = append(run.Artifacts, a)
	}
	// A file's URI and index, made once: every finding has one.
	for path := range results.artifacts {
		results.uris[path] = results.artifactLocation(path)
		results.cleanPaths[path] = reportPath(path)
	}
	return sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}}, results
}

// sarifResults makes the results of a log's findings. make may run on
// several goroutines at once, so it leaves the number that ends a
// fingerprint open: a placeholder, a 0 byte (which JSON text never holds
// raw) and the eight bytes that key the fingerprint. number fills the
// placeholders in, called on the rendered results in order.
type sarifResults struct {
	opts      Options
	workDir   string
	index     map[string]int
	artifacts map[string]int
	uris      map[string]sarifArtifactLocation // read only once made
	// cleanPaths holds each input's reportPath, read only once made.
	cleanPaths map[string]string
	// seen counts, for number, the findings so far with each fingerprint,
	// by the first eight bytes of its hash: a million-row list has
	// millions.
	seen map[uint64]int
	// key is the fingerprints' HMAC key (sarifFingerprintKeyOf).
	key []byte
}

// sarifFingerprintKeyOf is the fingerprints' HMAC key: the label, keyed
// with secret when there is one.
func sarifFingerprintKeyOf(secret string) []byte {
	if secret == "" {
		return []byte(sarifFingerprintLabel)
	}
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(sarifFingerprintLabel))
	return m.Sum(nil)
}

// sarifScratch is the memory one goroutine makes results in: the HMAC,
// keyed once, and its input and output.
type sarifScratch struct {
	mac          hash.Hash
	key, sum, fp []byte
}

// sarifFingerprintOpen marks the number a fingerprint still needs.
const sarifFingerprintOpen = 0

func (s *sarifResults) artifactLocation(path string) sarifArtifactLocation {
	al := sarifPathLocation(path, s.workDir)
	if i, ok := s.artifacts[path]; ok {
		al.Index = &i
	}
	return al
}

// location is where loc is: the file and the line the record starts on,
// or for a workbook the file and the cell. A workbook is no text file, so
// its location has no region (a region's lines are a text file's, 3.30.2)
// but a logical location: the cell, as a spreadsheet names it.
func (s *sarifResults) location(loc domain.Location) sarifLocation {
	al, ok := s.uris[loc.File]
	if !ok {
		al = s.artifactLocation(loc.File) // not an input's: rare, and not kept
	}
	l := sarifLocation{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: al}}
	switch {
	case loc.Line < 1:
	case loc.Sheet != "":
		l.LogicalLocations = []sarifLogicalLocation{{Name: loc.CellName(), FullyQualifiedName: loc.Place(), Kind: "cell"}}
	default:
		l.PhysicalLocation.Region = &sarifRegion{StartLine: loc.Line}
	}
	return l
}

// make returns f's result, its fingerprint's number left open.
func (s *sarifResults) make(f *domain.Finding, scratch *sarifScratch) sarifResult {
	res := sarifResult{
		RuleID:    f.Rule,
		RuleIndex: s.index[f.Rule],
		Level:     sarifLevel(f.Severity),
		Message:   sarifText{Text: findingText(f, s.opts.ShowPII)},
		Locations: []sarifLocation{s.location(f.Loc)},
		Properties: sarifResultProperties{
			Row:    f.Loc.Row,
			Number: pii.FindingNumber(f, s.opts.ShowPII),
		},
	}
	res.Properties.Column = findingColumn(f, s.opts.ShowPII)
	for j, rel := range f.Related {
		id := j + 1
		l := s.location(rel)
		l.ID, l.Message = &id, &sarifText{Text: "related row " + rel.String()}
		res.RelatedLocations = append(res.RelatedLocations, l)
	}
	// The fingerprint is the contact's, as a baseline's identity is: the
	// rule, the path as cleaned ("contacts.csv" and "./contacts.csv" are
	// one file, and an alert must not close and reopen because a workflow
	// spells it differently), the column (masked, whatever ShowPII says,
	// so that it does not change identities) and the number.
	column := findingColumn(f, false)
	path, ok := s.cleanPaths[f.Loc.File]
	if !ok {
		path = reportPath(f.Loc.File)
	}
	if scratch.mac == nil {
		scratch.mac = hmac.New(sha256.New, s.key)
	}
	scratch.key = append(append(append(append(append(append(append(scratch.key[:0], f.Rule...), 0), path...), 0), column...), 0), f.Phone...)
	scratch.mac.Reset()
	scratch.mac.Write(scratch.key)
	sum := scratch.mac.Sum(scratch.sum[:0])
	scratch.sum = sum
	fp := hex.AppendEncode(scratch.fp[:0], sum[:16])
	fp = append(append(fp, ':', sarifFingerprintOpen), sum[:8]...)
	scratch.fp = fp
	res.PartialFingerprints.V2 = string(fp)
	return res
}

// number copies rendered results onto dst with each open fingerprint
// numbered among the findings that share it; call it on every rendered
// result in order.
func (s *sarifResults) number(dst, rendered []byte) []byte {
	for {
		i := bytes.IndexByte(rendered, sarifFingerprintOpen)
		if i < 0 || len(rendered) < i+9 {
			return append(dst, rendered...)
		}
		n := binary.LittleEndian.Uint64(rendered[i+1 : i+9])
		s.seen[n]++
		dst = strconv.AppendInt(append(dst, rendered[:i]...), int64(s.seen[n]), 10)
		rendered = rendered[i+9:]
	}
}

func newSARIFRule(rule *rules.Rule) sarifRule {
	short := sentence(rule.Summary)
	full := cmp.Or(rule.Help, short)
	md := fmt.Sprintf("**%s** (%s, %s family): %s\n\n%s", rule.ID, rule.Severity, rule.Family, markdownText(short), markdownText(full))
	if len(rule.Settings) > 0 {
		settings := " Settings: " + strings.Join(rule.Settings, ", ") + "."
		full += settings
		md += "\n\nSettings: `" + strings.Join(rule.Settings, "`, `") + "`."
	}
	help := short + "\n\n" + full
	if len(rule.Basis) > 0 {
		// Code scanning shows help, not properties: the basis goes there too,
		// so an alert says which law, guidance or practice is behind it.
		help += "\n\nWhy:"
		md += "\n\nWhy:\n"
		for _, item := range rule.Basis {
			help += "\n- " + item
			md += "\n- " + markdownBasisItem(item)
		}
	}
	uri := ruleHelpURI(rule.ID)
	md += "\n\n[Documentation](" + uri + ")"
	return sarifRule{
		ID:                   rule.ID,
		Name:                 camelCase(rule.ID),
		ShortDescription:     sarifText{Text: short},
		FullDescription:      sarifText{Text: full},
		Help:                 sarifMultiformat{Text: help + "\n\nDocumentation: " + uri, Markdown: md},
		HelpURI:              uri,
		DefaultConfiguration: sarifRuleConfig{Level: sarifLevel(rule.Severity)},
		Properties:           sarifRuleProperties{Tags: []string{rule.Family}, Basis: rule.Basis},
	}
}

// sarifLevel maps a severity to a SARIF level.
func sarifLevel(s domain.Severity) string {
	switch s {
	case domain.Error:
		return "error"
	case domain.Warning:
		return "warning"
	default:
		return "note"
	}
}

// camelCase turns a rule id ("phone-not-e164") into a SARIF rule name
// ("PhoneNotE164").
func camelCase(id string) string {
	var b strings.Builder
	up := true
	for _, r := range id {
		if r == '-' || r == '_' || r == ' ' {
			up = true
			continue
		}
		if up {
			r = unicode.ToUpper(r)
			up = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// reportPath is path cleaned and slash-separated, as a baseline compares
// paths: the one spelling of a file that identifies it across runs.
func reportPath(path string) string {
	return filepath.ToSlash(filepath.Clean(path))
}

// sarifURI writes an input path as a URI reference: cleaned, forward
// slashes, percent-encoded, relative as given; an absolute path becomes a
// file URI.
func sarifURI(path string) string {
	p := reportPath(path)
	if filepath.IsAbs(path) {
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // a Windows drive path
		}
		return (&url.URL{Scheme: "file", Path: p}).String()
	}
	// url.URL writes "./" before a first segment holding a colon, so it is
	// not read as a scheme.
	return (&url.URL{Path: p}).String()
}

// sarifPathLocation is where path is, as an artifact location: relative
// to SRCROOT, the working directory workDir, when it is in it (a relative
// path, or an absolute one below workDir), else a file URI (an absolute
// path elsewhere, or a relative one that leaves workDir). Without a
// working directory, or for standard input ("-"), it is sarifURI's.
func sarifPathLocation(path, workDir string) sarifArtifactLocation {
	if workDir == "" || path == "-" {
		return sarifArtifactLocation{URI: sarifURI(path)}
	}
	p, in := workDirPath(path, workDir)
	if !in {
		return sarifArtifactLocation{URI: sarifURI(p)}
	}
	return sarifArtifactLocation{URI: sarifURI(p), URIBaseID: sarifSrcRoot}
}

// workDirPath is path relative to workDir when it is in it (in), else
// absolute.
func workDirPath(path, workDir string) (p string, in bool) {
	abs := path
	if !filepath.IsAbs(path) {
		abs = filepath.Join(workDir, path)
	}
	rel, err := filepath.Rel(workDir, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.Clean(abs), false
	}
	return rel, true
}

// sarifDirURI is a directory's file URI, ending in a slash as a base URI
// must.
func sarifDirURI(dir string) string {
	u := sarifURI(dir)
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u
}

// sarifAutomationID names the analysis for code scanning, which replaces
// the alerts of an analysis with those of the next upload of the same id:
// "listaudit/check/", the policy file read or, without one, the first
// input (relative to the working directory when in it; "stdin" for -),
// and "/", which makes the whole id a category of runs. It is the same
// for every run of one policy or list, whatever the date.
func sarifAutomationID(r *domain.Result) string {
	subject := r.Policy.ConfigFile
	if subject == "" && len(r.Inputs) > 0 {
		subject = r.Inputs[0].Path
	}
	switch {
	case subject == "-":
		subject = "stdin"
	case subject != "" && r.WorkDir != "":
		subject, _ = workDirPath(subject, r.WorkDir)
	}
	if subject != "" {
		subject = strings.TrimLeft(reportPath(subject), "/") + "/"
	}
	return "listaudit/check/" + subject
}

// newSARIFInvocation is the run's invocation: how and when it was made.
func newSARIFInvocation(r *domain.Result) sarifInvocation {
	inv := sarifInvocation{
		StartTimeUTC:        rfc3339(r.StartedAt),
		EndTimeUTC:          rfc3339(r.GeneratedAt),
		ExitCode:            exitCode(r),
		ExecutionSuccessful: true, // the audit ran: one that cannot writes no report
	}
	if len(r.Command) > 0 {
		inv.CommandLine, inv.Arguments = commandLine(r), r.Command[1:]
	}
	if r.WorkDir != "" {
		inv.WorkingDirectory = &sarifArtifactLocation{URI: sarifDirURI(r.WorkDir)}
	}
	return inv
}

// appendSARIFResult writes one element of runs[0].results, four levels
// deep, as encoding/json indents it (TestSARIFStreamMatchesEncodingJSON):
// encoding millions of results through reflection and re-indenting took
// most of a large report's time.
func appendSARIFResult(b []byte, r *sarifResult) []byte {
	const depth = 4
	b = append(b, "\n        {"...)
	b = appendJSONKey(b, depth+1, "ruleId")
	b = appendJSONString(b, r.RuleID)
	b = appendJSONKey(append(b, ','), depth+1, "ruleIndex")
	b = strconv.AppendInt(b, int64(r.RuleIndex), 10)
	b = appendJSONKey(append(b, ','), depth+1, "level")
	b = appendJSONString(b, r.Level)
	b = appendJSONKey(append(b, ','), depth+1, "message")
	b = appendSARIFText(b, depth+1, &r.Message)
	b = appendJSONKey(append(b, ','), depth+1, "locations")
	b = appendSARIFLocations(b, depth+1, r.Locations)
	if len(r.RelatedLocations) > 0 {
		b = appendJSONKey(append(b, ','), depth+1, "relatedLocations")
		b = appendSARIFLocations(b, depth+1, r.RelatedLocations)
	}
	b = appendJSONKey(append(b, ','), depth+1, "partialFingerprints")
	b = append(b, '{')
	b = appendJSONKey(b, depth+2, sarifFingerprintKey)
	// Hex digits, a colon and a number, or the placeholder for one
	// (sarifResults.number): written as they are.
	b = append(append(append(b, '"'), r.PartialFingerprints.V2...), '"')
	b = appendJSONIndent(b, depth+1)
	b = append(b, '}')
	b = appendJSONKey(append(b, ','), depth+1, "properties")
	b = append(b, '{')
	b = appendJSONKey(b, depth+2, "row")
	b = strconv.AppendInt(b, int64(r.Properties.Row), 10)
	if r.Properties.Column != "" {
		b = appendJSONKey(append(b, ','), depth+2, "column")
		b = appendJSONString(b, r.Properties.Column)
	}
	if r.Properties.Number != "" {
		b = appendJSONKey(append(b, ','), depth+2, "number")
		b = appendJSONString(b, r.Properties.Number)
	}
	b = appendJSONIndent(b, depth+1)
	b = append(b, '}')
	b = appendJSONIndent(b, depth)
	return append(b, '}')
}

func appendSARIFText(b []byte, depth int, t *sarifText) []byte {
	b = append(b, '{')
	b = appendJSONKey(b, depth+1, "text")
	b = appendJSONString(b, t.Text)
	b = appendJSONIndent(b, depth)
	return append(b, '}')
}

func appendSARIFLocations(b []byte, depth int, ls []sarifLocation) []byte {
	if ls == nil {
		return append(b, "null"...)
	}
	return appendJSONObjects(b, depth, ls, appendSARIFLocation)
}

// appendSARIFLocation writes the members of location l, an object at depth.
func appendSARIFLocation(b []byte, depth int, l *sarifLocation) []byte {
	if l.ID != nil {
		b = appendJSONKey(b, depth+1, "id")
		b = strconv.AppendInt(b, int64(*l.ID), 10)
		b = append(b, ',')
	}
	b = appendJSONKey(b, depth+1, "physicalLocation")
	b = append(b, '{')
	b = appendJSONKey(b, depth+2, "artifactLocation")
	b = append(b, '{')
	b = appendJSONKey(b, depth+3, "uri")
	b = appendJSONString(b, l.PhysicalLocation.ArtifactLocation.URI)
	if base := l.PhysicalLocation.ArtifactLocation.URIBaseID; base != "" {
		b = appendJSONKey(append(b, ','), depth+3, "uriBaseId")
		b = appendJSONString(b, base)
	}
	if at := l.PhysicalLocation.ArtifactLocation.Index; at != nil {
		b = appendJSONKey(append(b, ','), depth+3, "index")
		b = strconv.AppendInt(b, int64(*at), 10)
	}
	b = appendJSONIndent(b, depth+2)
	b = append(b, '}')
	if reg := l.PhysicalLocation.Region; reg != nil {
		b = appendJSONKey(append(b, ','), depth+2, "region")
		b = append(b, '{')
		b = appendJSONKey(b, depth+3, "startLine")
		b = strconv.AppendInt(b, int64(reg.StartLine), 10)
		b = appendJSONIndent(b, depth+2)
		b = append(b, '}')
	}
	b = appendJSONIndent(b, depth+1)
	b = append(b, '}')
	if len(l.LogicalLocations) > 0 {
		b = appendJSONKey(append(b, ','), depth+1, "logicalLocations")
		b = appendJSONObjects(b, depth+1, l.LogicalLocations, appendSARIFLogicalLocation)
	}
	if l.Message != nil {
		b = appendJSONKey(append(b, ','), depth+1, "message")
		b = appendSARIFText(b, depth+1, l.Message)
	}
	return b
}

// appendSARIFLogicalLocation writes the members of l, an object at depth.
func appendSARIFLogicalLocation(b []byte, depth int, l *sarifLogicalLocation) []byte {
	b = appendJSONKey(b, depth+1, "name")
	b = appendJSONString(b, l.Name)
	b = appendJSONKey(append(b, ','), depth+1, "fullyQualifiedName")
	b = appendJSONString(b, l.FullyQualifiedName)
	b = appendJSONKey(append(b, ','), depth+1, "kind")
	return appendJSONString(b, l.Kind)
}

// appendJSONObjects writes ls, an array at depth, as encoding/json indents
// it: each element an object whose members members writes.
func appendJSONObjects[T any](b []byte, depth int, ls []T, members func(b []byte, depth int, l *T) []byte) []byte {
	b = append(b, '[')
	for i := range ls {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONIndent(b, depth+1)
		b = append(b, '{')
		b = members(b, depth+1, &ls[i])
		b = appendJSONIndent(b, depth+1)
		b = append(b, '}')
	}
	if len(ls) > 0 {
		b = appendJSONIndent(b, depth)
	}
	return append(b, ']')
}

// markdownBasisItem writes a catalogue basis item with its status in bold
// ("**Law:** GDPR Art. 5(1)(d): accuracy"), so the status reads first.
func markdownBasisItem(item string) string {
	status, rest := basisStatus(item)
	if status == "" {
		return markdownText(rest)
	}
	return "**" + markdownText(status) + ":** " + markdownText(rest)
}
