package domain

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Policy is the effective set of thresholds and settings an audit runs with,
// after defaults, the config file and flags. Reports show it, as Describe
// says, so that a result can be reproduced.
type Policy struct {
	// ConfigFile is the policy file that was read ("" when none).
	ConfigFile string
	// DefaultRegion is the ISO 3166 alpha-2 region for numbers written
	// without a "+" on rows without a country ("" when none).
	DefaultRegion string
	// DateFormat is a Go time layout tried before the built-in formats.
	DateFormat    string
	ConsentMaxAge Duration
	StaleAfter    Duration
	MessageWindow Duration
	MaxMessages   int
	FailOn        Threshold
	// ConsentSources lists the allowed consent sources (empty: any).
	ConsentSources []string
	// ConsentRequire lists the evidence columns every contact must fill.
	ConsentRequire []string
	QuietHours     QuietHours
	// SendAt is the planned campaign time that quiet hours are judged at
	// (zero: not judged).
	SendAt time.Time
	// Strict raises every warning of the consent and phone families to
	// error; explicit per-rule severities still win.
	Strict bool
	// Severity holds per-rule severity overrides.
	Severity map[string]Severity
	// Disabled lists the rules that do not run, sorted.
	Disabled []string
	// Suppress and MessageLogs are the evidence files read.
	Suppress    []string
	MessageLogs []string
	// Baseline is the file of accepted findings ("" when none).
	Baseline string
	// Channel, Purpose and Brand declare the campaign: the channel it is
	// sent on, what it is for and the business that sends it (zero or ""
	// when not declared: no scope rule runs).
	Channel Channel
	Purpose Purpose
	Brand   string
	// RequireDoubleOptIn asks every consent to be confirmed (double
	// opt-in).
	RequireDoubleOptIn bool
	// OptOutScope says whether an opt-out stops every channel or its own.
	OptOutScope OptOutScope
	// Jurisdictions applies the built-in jurisdiction table, with the
	// policy's overrides.
	Jurisdictions Jurisdictions
}

// Jurisdictions is the policy's use of the built-in jurisdiction table:
// off (the policy's thresholds apply to every row), or on, with the
// policy's own values for some jurisdictions.
type Jurisdictions struct {
	Builtin bool
	// Overrides replace the table's values for a jurisdiction, by code
	// ("US-FL", "CA").
	Overrides map[string]JurisdictionOverride
}

// JurisdictionOverride is what a policy sets for one jurisdiction; a nil
// or zero field keeps the table's value.
type JurisdictionOverride struct {
	SendWindow    *QuietHours
	MaxMessages   *int
	MessageWindow *Duration
	// ConsentMaxAge replaces the consent age of every consent type.
	ConsentMaxAge *Duration
}

// overrides writes the policy's overrides, one "CODE: key value, ..." per
// jurisdiction, by code.
func (j Jurisdictions) overrides() []string {
	codes := make([]string, 0, len(j.Overrides))
	for code := range j.Overrides {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	out := make([]string, 0, len(codes))
	for _, code := range codes {
		o := j.Overrides[code]
		var parts []string
		if o.SendWindow != nil {
			parts = append(parts, "send_window "+o.SendWindow.Start.String()+"-"+o.SendWindow.End.String())
		}
		if o.MaxMessages != nil {
			parts = append(parts, "max_messages "+strconv.Itoa(*o.MaxMessages))
		}
		if o.MessageWindow != nil {
			parts = append(parts, "message_window "+o.MessageWindow.String())
		}
		if o.ConsentMaxAge != nil {
			parts = append(parts, "consent_max_age "+o.ConsentMaxAge.String())
		}
		out = append(out, code+": "+strings.Join(parts, ", "))
	}
	return out
}

func (j Jurisdictions) String() string {
	if !j.Builtin {
		return "off"
	}
	return "builtin"
}

// PolicySetting is one setting of the effective policy as reports show
// it.
type PolicySetting struct {
	// Key names the setting for programs: the JSON report's policy member,
	// JUnit's policy.<Key> property.
	Key string
	// Label names it for people: the HTML report's row.
	Label string
	// Value is a string, an int, a bool, a []string (never nil), a
	// QuietHours or a map[string]Severity (never nil).
	Value any
	// Empty is what an empty string or list means, for people: "none",
	// "any", "not given".
	Empty string
}

// Describe is the effective policy as every report shows it: one ordered
// list, so that the JSON, SARIF, JUnit and HTML reports name the same
// settings in the same order. A new policy setting is a field above and a
// line here.
func (p Policy) Describe() []PolicySetting {
	sendAt := ""
	if !p.SendAt.IsZero() {
		sendAt = p.SendAt.UTC().Format(time.RFC3339)
	}
	severity := p.Severity
	if severity == nil {
		severity = map[string]Severity{}
	}
	return []PolicySetting{
		{"config_file", "Policy file", p.ConfigFile, "none"},
		{"default_region", "Default region", p.DefaultRegion, "none"},
		{"date_format", "Date format", p.DateFormat, "built-in formats only"},
		{"consent_max_age", "Maximum consent age", p.ConsentMaxAge.String(), ""},
		{"stale_after", "Stale after", p.StaleAfter.String(), ""},
		{"message_window", "Message window", p.MessageWindow.String(), ""},
		{"max_messages", "Maximum messages in window", p.MaxMessages, ""},
		{"fail_on", "Fail on", p.FailOn.String(), ""},
		{"consent_sources", "Allowed consent sources", nonNil(p.ConsentSources), "any"},
		{"consent_require", "Required consent evidence", nonNil(p.ConsentRequire), "none"},
		{"quiet_hours", "Sending window", p.QuietHours, ""},
		{"send_at", "Planned send time", sendAt, "not given"},
		{"strict", "Strict", p.Strict, ""},
		{"severity", "Severity overrides", severity, "none"},
		{"disabled_rules", "Disabled rules", nonNil(p.Disabled), "none"},
		{"suppression_lists", "Suppression lists", nonNil(p.Suppress), "none"},
		{"message_logs", "Send logs", nonNil(p.MessageLogs), "none"},
		{"baseline", "Baseline", p.Baseline, "none"},
		{"channel", "Campaign channel", channelName(p.Channel), "not declared"},
		{"purpose", "Campaign purpose", purposeName(p.Purpose), "not declared"},
		{"brand", "Sending brand", p.Brand, "not declared"},
		{"require_double_opt_in", "Double opt-in required", p.RequireDoubleOptIn, ""},
		{"opt_out_scope", "Opt-outs apply to", p.OptOutScope.String(), ""},
		{"jurisdictions", "Jurisdictions", p.Jurisdictions.String(), ""},
		{"jurisdiction_overrides", "Jurisdiction overrides", p.Jurisdictions.overrides(), "none"},
	}
}

func channelName(c Channel) string {
	if c == 0 {
		return ""
	}
	return c.String()
}

func purposeName(p Purpose) string {
	if p == 0 {
		return ""
	}
	return p.String()
}

// nonNil keeps an empty list a list, never nothing.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
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

// OutsideText is a finding's clause for a local time t outside the window:
// "outside the sending window 08:00–21:00". At the window's end, which it
// excludes, it says so, lest "it is 21:00, outside 08:00–21:00" read as a
// contradiction: "outside the sending window 08:00–21:00 (closed from
// 21:00)".
func (q QuietHours) OutsideText(t ClockTime) string {
	s := "outside the sending window " + q.String()
	if t == q.End && q.Start != q.End {
		s += " (closed from " + q.End.String() + ")"
	}
	return s
}

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
