package domain

import "fmt"

// Severity ranks a finding. Higher values are more severe.
type Severity int

const (
	Info Severity = iota + 1
	Warning
	Error
)

// severityNames is indexed by severity: reports name millions of them.
var severityNames = [...]string{Info: "info", Warning: "warning", Error: "error"}

// Severities lists every severity from most to least severe, the order
// reports use.
var Severities = []Severity{Error, Warning, Info}

func (s Severity) String() string {
	if s >= Info && int(s) < len(severityNames) {
		return severityNames[s]
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// SeverityNames lists the words ParseSeverity reads, most severe first:
// "error", "warning", "info".
func SeverityNames() []string {
	names := make([]string, len(Severities))
	for i, sev := range Severities {
		names[i] = sev.String()
	}
	return names
}

// ThresholdNames lists the words ParseThreshold reads: the severities, then
// "never".
func ThresholdNames() []string { return append(SeverityNames(), thresholdNever) }

const thresholdNever = "never"

// ParseSeverity reads "error", "warning" or "info".
func ParseSeverity(s string) (Severity, error) {
	for _, sev := range Severities {
		if sev.String() == s {
			return sev, nil
		}
	}
	return 0, fmt.Errorf("unknown severity %q (want %s)", s, OrList(SeverityNames()))
}

func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Threshold is the --fail-on level: findings at or above it fail the run.
// Never (the zero value's opposite) fails nothing.
type Threshold struct {
	Never    bool
	Severity Severity
}

// ParseThreshold reads "error", "warning", "info" or "never".
func ParseThreshold(s string) (Threshold, error) {
	if s == thresholdNever {
		return Threshold{Never: true}, nil
	}
	sev, err := ParseSeverity(s)
	if err != nil {
		return Threshold{}, fmt.Errorf("unknown fail-on level %q (want %s)", s, OrList(ThresholdNames()))
	}
	return Threshold{Severity: sev}, nil
}

// Fails reports whether a finding of severity s fails the run.
func (t Threshold) Fails(s Severity) bool { return !t.Never && s >= t.Severity }

func (t Threshold) String() string {
	if t.Never {
		return thresholdNever
	}
	return t.Severity.String()
}

func (t Threshold) MarshalText() ([]byte, error) { return []byte(t.String()), nil }
