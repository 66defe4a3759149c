package domain

import (
	"fmt"
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

// QuietHours is the daily window in which messages may be sent, in the
// recipient's local time: [Start, End), in minutes after midnight. Start
// after End is a window across midnight.
type QuietHours struct {
	Start ClockTime `json:"start"`
	End   ClockTime `json:"end"`
}

// Allows reports whether a local time of day (minutes after midnight) lies
// in the sending window.
func (q QuietHours) Allows(minute int) bool {
	s, e := int(q.Start), int(q.End)
	if s <= e {
		return minute >= s && minute < e
	}
	return minute >= s || minute < e
}

func (q QuietHours) String() string { return q.Start.String() + "–" + q.End.String() }

// ClockTime is a time of day in minutes after midnight.
type ClockTime int

// ParseClockTime reads HH:MM, 00:00 to 23:59 (24:00 is the end of the day).
func ParseClockTime(s string) (ClockTime, error) {
	var h, m int
	if len(s) != 5 || s[2] != ':' {
		return 0, fmt.Errorf("%q is not a time of day (want HH:MM, e.g. 08:00)", s)
	}
	if _, err := fmt.Sscanf(s, "%02d:%02d", &h, &m); err != nil || h > 24 || m > 59 || (h == 24 && m != 0) {
		return 0, fmt.Errorf("%q is not a time of day (want HH:MM, e.g. 08:00)", s)
	}
	return ClockTime(h*60 + m), nil
}

func (c ClockTime) String() string { return fmt.Sprintf("%02d:%02d", int(c)/60, int(c)%60) }

func (c ClockTime) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

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
		QuietHours:     QuietHours{Start: 8 * 60, End: 21 * 60},
		Severity:       map[string]Severity{},
		Disabled:       []string{},
		Suppress:       []string{},
		MessageLogs:    []string{},
	}
}
