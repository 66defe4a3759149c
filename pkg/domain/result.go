package domain

import "time"

// Tool names the program that produced a result.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	// PhoneMetadata is the libphonenumber metadata version used.
	PhoneMetadata string `json:"phone_metadata,omitempty"`
}

// Input describes one audited file.
type Input struct {
	Path   string `json:"path"`
	Format string `json:"format"`
	Rows   int    `json:"rows"`
	SHA256 string `json:"sha256"`
}

// EvidenceFile describes a file read as evidence about the list's numbers:
// a suppression list, a send log or a baseline.
type EvidenceFile struct {
	Path string `json:"path"`
	// Kind is "suppression-list", "send-log" or "baseline".
	Kind string `json:"kind"`
	// Entries counts the usable entries (numbers, hashes, sends, findings).
	Entries int `json:"entries"`
	// Invalid counts lines that could not be used.
	Invalid int    `json:"invalid"`
	SHA256  string `json:"sha256"`
}

// Summary counts what an audit saw and found.
type Summary struct {
	Rows          int              `json:"rows"`
	UniqueNumbers int              `json:"unique_numbers"`
	BySeverity    map[Severity]int `json:"by_severity"`
	ByRule        map[string]int   `json:"by_rule"`
	// LogNumbersNotInList counts numbers of the send logs the list lacks.
	LogNumbersNotInList int `json:"log_numbers_not_in_list"`
	// BaselineHidden counts findings the baseline accepted and hid.
	BaselineHidden int `json:"baseline_hidden"`
}

// Verdict says whether the run fails at its threshold.
type Verdict struct {
	FailOn Threshold `json:"fail_on"`
	Failed bool      `json:"failed"`
}

// Result is everything one audit produced; every report renders it.
type Result struct {
	Tool     Tool
	Now      time.Time
	Inputs   []Input
	Evidence []EvidenceFile
	Policy   Policy
	Summary  Summary
	Findings []Finding
	// Accepted holds the findings a baseline hid; --write-baseline keeps
	// them accepted.
	Accepted []Finding
	Verdict  Verdict
}

// Decide sets the verdict and summary counts from the findings.
func (r *Result) Decide() {
	r.Summary.BySeverity = map[Severity]int{}
	r.Summary.ByRule = map[string]int{}
	failed := false
	for i := range r.Findings {
		f := &r.Findings[i]
		r.Summary.BySeverity[f.Severity]++
		r.Summary.ByRule[f.Rule]++
		if r.Policy.FailOn.Fails(f.Severity) {
			failed = true
		}
	}
	r.Verdict = Verdict{FailOn: r.Policy.FailOn, Failed: failed}
}
