package domain

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Policy is the effective set of thresholds and settings an audit runs with,
// after defaults, the config file and flags. Reports show it so that a
// result can be reproduced.
type Policy struct {
	// ConfigFile is the policy file that was read ("" when none).
	ConfigFile string `json:"config_file"`
	// DefaultRegion is the ISO 3166 alpha-2 region for numbers written
	// without a "+" on rows without a country ("" when none).
	DefaultRegion string `json:"default_region"`
	// DateFormat is a Go time layout tried before the built-in formats.
	DateFormat    string    `json:"date_format"`
	ConsentMaxAge Duration  `json:"consent_max_age"`
	StaleAfter    Duration  `json:"stale_after"`
	MessageWindow Duration  `json:"message_window"`
	MaxMessages   int       `json:"max_messages"`
	FailOn        Threshold `json:"fail_on"`
	// ConsentSources lists the allowed consent sources (empty: any).
	ConsentSources []string `json:"consent_sources"`
	// ConsentRequire lists the evidence columns every contact must fill.
	ConsentRequire []string   `json:"consent_require"`
	QuietHours     QuietHours `json:"quiet_hours"`
	// SendAt is the planned campaign time that quiet hours are judged at
	// (zero: not judged).
	SendAt time.Time `json:"send_at"`
	// Strict raises every warning of the consent and phone families to
	// error; explicit per-rule severities still win.
	Strict bool `json:"strict"`
	// Severity holds per-rule severity overrides.
	Severity map[string]Severity `json:"severity"`
	// Disabled lists the rules that do not run, sorted.
	Disabled []string `json:"disabled_rules"`
	// Suppress and MessageLogs are the evidence files read.
	Suppress    []string `json:"suppression_lists"`
	MessageLogs []string `json:"message_logs"`
	// Baseline is the file of accepted findings ("" when none).
	Baseline string `json:"baseline"`
}

// ReadFile is a file an audit reads, named by what it is for errors.
type ReadFile struct{ Path, What string }

// FilesRead lists every file a run reads: its inputs, then the policy
// file and the evidence files the policy names.
func FilesRead(inputs []string, p Policy) []ReadFile {
	files := make([]ReadFile, 0, len(inputs))
	for _, in := range inputs {
		files = append(files, ReadFile{Path: in, What: "an input file"})
	}
	return append(files, p.FilesRead()...)
}

// FilesRead lists the files the policy makes an audit read besides its
// lists: the policy file, the suppression lists, the send logs and the
// baseline. No output may replace one of them.
func (p Policy) FilesRead() []ReadFile {
	var files []ReadFile
	if p.ConfigFile != "" {
		files = append(files, ReadFile{p.ConfigFile, "the policy file"})
	}
	for _, path := range p.Suppress {
		files = append(files, ReadFile{path, "a suppression list"})
	}
	for _, path := range p.MessageLogs {
		files = append(files, ReadFile{path, "a send log"})
	}
	if p.Baseline != "" {
		files = append(files, ReadFile{p.Baseline, "the baseline"})
	}
	return files
}

// QuietHours is the local sending window: a message may be sent from Start
// up to but not including End, [Start, End). When Start is after End the
// window spans midnight (22:00–06:00 allows 22:00 to 05:59); Start never
// equals End. Outside the window are the quiet hours.
type QuietHours struct {
	Start ClockTime `json:"start"`
	End   ClockTime `json:"end"`
}

// Allows reports whether a local time of day lies in the sending window.
func (q QuietHours) Allows(t ClockTime) bool {
	if q.Start <= q.End {
		return t >= q.Start && t < q.End
	}
	return t >= q.Start || t < q.End
}

func (q QuietHours) String() string { return q.Start.String() + "–" + q.End.String() }

// ClockTime is a local time of day in minutes after midnight, 0–1439.
type ClockTime int

// ParseClockTime reads a time of day written HH:MM (or H:MM), 00:00 to
// 23:59. A window ending at midnight ends at 00:00.
func ParseClockTime(s string) (ClockTime, error) {
	bad := fmt.Errorf("bad time %q (want HH:MM, 00:00 to 23:59)", s)
	h, m, ok := strings.Cut(s, ":")
	if !ok || len(h) < 1 || len(h) > 2 || len(m) != 2 {
		return 0, bad
	}
	hh, err1 := strconv.ParseUint(h, 10, 8)
	mm, err2 := strconv.ParseUint(m, 10, 8)
	if err1 != nil || err2 != nil || hh > 23 || mm > 59 {
		return 0, bad
	}
	return ClockTime(hh*60 + mm), nil
}

// String writes the time as HH:MM.
func (c ClockTime) String() string { return fmt.Sprintf("%02d:%02d", int(c)/60, int(c)%60) }

func (c ClockTime) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

func (c *ClockTime) UnmarshalText(b []byte) error {
	v, err := ParseClockTime(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// DefaultQuietHours is the sending window used when none is configured:
// 08:00 up to 21:00 local time.
func DefaultQuietHours() QuietHours { return QuietHours{Start: 8 * 60, End: 21 * 60} }

// DefaultPolicy returns the thresholds listaudit uses when none are given.
func DefaultPolicy() Policy {
	return Policy{
		ConsentMaxAge:  Duration(730 * day),
		StaleAfter:     Duration(365 * day),
		MessageWindow:  Duration(7 * day),
		MaxMessages:    2,
		FailOn:         Threshold{Severity: Error},
		ConsentSources: []string{},
		ConsentRequire: []string{},
		QuietHours:     DefaultQuietHours(),
		Severity:       map[string]Severity{},
		Disabled:       []string{},
		Suppress:       []string{},
		MessageLogs:    []string{},
	}
}
