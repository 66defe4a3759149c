package domain

// Policy is the effective set of thresholds and settings an audit runs with.
// Reports show it so that a result can be reproduced.
type Policy struct {
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
}

// DefaultPolicy returns the thresholds listaudit uses when none are given.
func DefaultPolicy() Policy {
	return Policy{
		ConsentMaxAge: Duration(730 * day),
		StaleAfter:    Duration(365 * day),
		MessageWindow: Duration(7 * day),
		MaxMessages:   2,
		FailOn:        Threshold{Severity: Error},
	}
}
