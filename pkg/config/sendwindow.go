package config

import (
	"fmt"
	"slices"

	"github.com/listaudit/listaudit/pkg/domain"
)

// The sending window was set by --quiet-hours (quiet_hours), a name that
// says the opposite of what it takes: the hours sends are allowed. The
// former name is still read, with a warning, and so is a window that looks
// like quiet hours (21:00-08:00), which would approve sends at night.

// sendWindowFlag is the flag of the sending window.
const sendWindowFlag = "send-window"

// FormerName is the flag's former name, still read ("" for none).
func (f *Flag) FormerName() string { return f.setting.Former }

// Former is the value to bind to the flag's former name: it sets the flag
// and records that the former name gave it.
func (f *Flag) Former() *FormerFlag { return &FormerFlag{f} }

// FormerFlag is a flag given by its former name.
type FormerFlag struct{ *Flag }

// Set records a value as Flag.Set does, and that the former name gave it.
func (f FormerFlag) Set(s string) error {
	f.byFormer = true
	return f.Flag.Set(s)
}

// windowName is how the run gave its sending window: the file that gave
// it ("" for a flag), the flag or key given ("--quiet-hours",
// "quiet_hours"), its current name, and whether the name given is the
// former one.
type windowName struct {
	file, given, current string
	former               bool
}

// windowSource finds what set the sending window: the flag over the
// policy file; the zero windowName for the default.
func windowSource(flags *Flags, file *File) windowName {
	if flags != nil {
		if f := flags.Lookup(sendWindowFlag); f != nil && f.Given() {
			name := "--" + f.setting.Flag
			if f.byFormer {
				name = "--" + f.setting.Former
			}
			return windowName{given: name, current: "--" + f.setting.Flag, former: f.byFormer}
		}
	}
	i := slices.IndexFunc(table, func(s Setting) bool { return s.Flag == sendWindowFlag })
	if file == nil || i < 0 || !file.Sets(table[i].Key) {
		return windowName{}
	}
	s := &table[i]
	former := slices.Contains(file.former, formerKey(s))
	name := s.Key
	if former {
		name = formerKey(s)
	}
	return windowName{file: file.Path, given: name, current: s.Key, former: former}
}

// sendWindowWarning is the warning on the sending window q: given by its
// former name, or looking like quiet hours; "" for none (and for the
// default).
func sendWindowWarning(q domain.QuietHours, by windowName) string {
	if by.given == "" {
		return ""
	}
	window := q.Start.String() + "-" + q.End.String()
	given, deprecated := by.given, ""
	if by.file != "" {
		given = by.file + ": " + by.given
	}
	if by.former {
		deprecated = fmt.Sprintf(" (%s is deprecated: write %s)", by.given, by.current)
	}
	if !looksLikeQuietHours(q) {
		if !by.former {
			return ""
		}
		return fmt.Sprintf("%s %s is read as the sending window, the hours sends are allowed, not the quiet hours%s", given, window, deprecated)
	}
	inverse := by.current + " " + q.End.String() + "-" + q.Start.String()
	if by.file != "" {
		inverse = by.current + `: "` + q.End.String() + "-" + q.Start.String() + `"`
	}
	return fmt.Sprintf("%s %s allows sends at night and none at noon: it looks like quiet hours, but it is the sending window, the hours sends are allowed; for quiet hours %s write %s%s", given, window, window, inverse, deprecated)
}

// looksLikeQuietHours reports whether a sending window allows the small
// hours but not noon: the quiet hours given where the sending hours are
// wanted.
func looksLikeQuietHours(q domain.QuietHours) bool {
	return q.Allows(3*60) && !q.Allows(12*60)
}
