package jurisdiction

import (
	"strconv"
	"strings"
	"time"

	"github.com/listaudit/listaudit/pkg/domain"
)

// Entry is one jurisdiction of the table: what it sets, each value with
// its source. A nil Window or an empty list sets nothing of that kind.
type Entry struct {
	// Code is the ISO 3166 code: a country ("CA") or a US state or
	// Canadian province ("US-FL").
	Code string
	Name string
	// Window is when solicitations may be sent, in the recipient's local
	// time.
	Window *SendingWindow
	// Caps all apply.
	Caps []Cap
	// Ages are how long consent lasts, by consent type.
	Ages []ConsentAge
}

// Status says what a threshold rests on.
type Status uint8

const (
	// Law is a statute or regulation whose text (or an official summary)
	// was read and states the value.
	Law Status = iota + 1
	// Guidance is a regulator's guidance: not binding, but what it
	// enforces by.
	Guidance
	// Practice is industry practice, not law.
	Practice
	// Policy is the policy file's override of the table.
	Policy
	// Unverified is a law's value as secondary sources (news, vendors,
	// summaries) report it: the text that sets it was not read, so it is
	// applied but not cited as law.
	Unverified
)

var statusNames = [...]string{"", "law", "guidance", "practice", "policy", "unverified"}

func (s Status) String() string { return statusNames[s] }

// Source is where a threshold comes from.
type Source struct {
	// Cite is the short citation findings name ("Fla. Stat. §501.616(6)(a)").
	Cite string
	URL  string
	// Status: law, guidance, practice or unverified (policy for an
	// override).
	Status Status
	// Note says what the source does not settle: the cases it leaves out,
	// what a secondary source reported.
	Note string
}

// Short is how a finding names the source: the citation, with what it is
// when it is not law.
func (s Source) Short() string {
	if s.Status == Law || s.Status == Policy {
		return s.Cite
	}
	return s.Cite + "; " + s.Status.String()
}

// Weekdays is a set of days of the week, one bit per time.Weekday.
type Weekdays uint8

// EveryDay is all seven days.
const EveryDay Weekdays = 1<<7 - 1

// Days makes a set of days.
func Days(ds ...time.Weekday) Weekdays {
	var w Weekdays
	for _, d := range ds {
		w |= 1 << d
	}
	return w
}

// Has reports whether day d is in the set.
func (w Weekdays) Has(d time.Weekday) bool { return w&(1<<d) != 0 }

var dayNames = [...]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}

// String names the days as runs from Monday: "Mon–Fri", "Sat–Sun",
// "Mon–Sat", "Sun"; "every day" for all seven.
func (w Weekdays) String() string {
	if w&EveryDay == EveryDay {
		return "every day"
	}
	var runs []string
	for i := 0; i < 7; {
		d := time.Weekday((i + 1) % 7) // from Monday
		if !w.Has(d) {
			i++
			continue
		}
		j := i
		for j+1 < 7 && w.Has(time.Weekday((j+2)%7)) {
			j++
		}
		last := time.Weekday((j + 1) % 7)
		if j == i {
			runs = append(runs, dayNames[d])
		} else {
			runs = append(runs, dayNames[d]+"–"+dayNames[last])
		}
		i = j + 1
	}
	return strings.Join(runs, ", ")
}

// Window is sending hours on some days.
type Window struct {
	Hours domain.QuietHours
	// Days the hours apply on; 0 is every day.
	Days Weekdays
}

func (w Window) days() Weekdays {
	if w.Days == 0 {
		return EveryDay
	}
	return w.Days
}

// SendingWindow is a jurisdiction's sending hours: a day no window
// covers is excluded, and so is a holiday of its calendars; several
// windows on one day all allow.
type SendingWindow struct {
	Windows []Window
	// Holidays are the holidays the source excludes, in the order a
	// finding looks for one.
	Holidays []*Calendar
	// Channels and Purposes are those the source covers; 0 is all.
	Channels domain.Channels
	Purposes domain.Purposes
	Source   Source
	// holidaySource, when set, is the law that excludes the holidays: a
	// policy's override of the hours keeps the law's holidays.
	holidaySource *Source
}

// HolidaySource is the source that excludes the window's holidays.
func (s *SendingWindow) HolidaySource() Source {
	if s.holidaySource != nil {
		return *s.holidaySource
	}
	return s.Source
}

// Days is the set of days some window covers.
func (s *SendingWindow) Days() Weekdays {
	var w Weekdays
	for _, win := range s.Windows {
		w |= win.days()
	}
	return w
}

// On returns the hours allowed on day d, in the table's order.
func (s *SendingWindow) On(d time.Weekday) []domain.QuietHours {
	var out []domain.QuietHours
	for _, w := range s.Windows {
		if w.days().Has(d) {
			out = append(out, w.Hours)
		}
	}
	return out
}

// sameEveryDay reports whether every day it allows has the same hours.
func (s *SendingWindow) sameEveryDay() bool {
	for _, w := range s.Windows {
		if w.days() != s.Days() {
			return false
		}
	}
	return true
}

// String writes the window as the table shows it: "08:00–20:00",
// "Mon–Fri 09:00–21:30, Sat–Sun 10:00–18:00", "Mon–Sat 08:00–20:00; Sun
// and Utah legal holidays excluded".
func (s *SendingWindow) String() string {
	text := s.HoursText()
	if ex := s.ExcludedText(); ex != "" {
		text += "; " + ex + " excluded"
	}
	return text
}

// ExcludedText writes the days and holidays the window excludes: "Sun and
// Utah legal holidays"; "" for none.
func (s *SendingWindow) ExcludedText() string { return excludedText(s.Excluded(), s.Holidays) }

// HoursText writes the hours by day, without the days excluded.
func (s *SendingWindow) HoursText() string {
	var parts []string
	var seen Weekdays
	for _, w := range s.Windows {
		d := w.days()
		if seen&d == d {
			continue
		}
		seen |= d
		text := hoursText(s.onDays(d))
		if d != EveryDay {
			text = d.String() + " " + text
		}
		parts = append(parts, text)
	}
	return strings.Join(parts, ", ")
}

// Excluded are the days no window covers.
func (s *SendingWindow) Excluded() Weekdays { return EveryDay &^ s.Days() }

// onDays returns the hours of the windows that cover exactly days d.
func (s *SendingWindow) onDays(d Weekdays) []domain.QuietHours {
	var out []domain.QuietHours
	for _, w := range s.Windows {
		if w.days() == d {
			out = append(out, w.Hours)
		}
	}
	return out
}

// hoursText joins windows of one day: "10:00–13:00 and 14:00–20:00".
func hoursText(hs []domain.QuietHours) string {
	parts := make([]string, len(hs))
	for i, h := range hs {
		parts[i] = h.String()
	}
	return strings.Join(parts, " and ")
}

// Cap is a message cap: at most Max messages in any Per.
type Cap struct {
	Max      int
	Per      domain.Duration
	Channels domain.Channels
	Purposes domain.Purposes
	Source   Source
}

// String writes the cap: "3 per 24h".
func (c Cap) String() string { return strconv.Itoa(c.Max) + " per " + c.PerText() }

// PerText writes the cap's window as the law counts it: in hours under two
// days ("24h"), else as the policy writes durations ("30d").
func (c Cap) PerText() string {
	if d := c.Per.Std(); d < 48*time.Hour && d%time.Hour == 0 {
		return strconv.Itoa(int(d/time.Hour)) + "h"
	}
	return c.Per.String()
}

// Age is how long consent lasts: calendar months where the law counts in
// months, else a duration. The zero Age is no expiry.
type Age struct {
	Months   int
	Duration domain.Duration
}

// Expires reports whether consent of this age ever lapses.
func (a Age) Expires() bool { return a.Months > 0 || a.Duration > 0 }

// Deadline is when consent given at t lapses: consent is expired after
// it. Only for an Age that expires. Months are calendar months, ending on
// the same day of the month or, when the target month is shorter, on its
// last day: 31 Aug + 6 months is 28 (or 29) Feb, never 2 or 3 Mar, so an
// older consent never outlives a newer one.
func (a Age) Deadline(t time.Time) time.Time {
	if a.Months > 0 {
		return addMonths(t, a.Months)
	}
	return t.Add(a.Duration.Std())
}

// addMonths adds n calendar months to t, clamped to the end of the target
// month (time.AddDate would carry 31 Aug + 6 months into March).
func addMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	// Day 0 of the month after the target is the target's last day.
	last := time.Date(y, m+time.Month(n)+1, 0, 0, 0, 0, 0, t.Location()).Day()
	if d > last {
		d = last
	}
	return time.Date(y, m+time.Month(n), d, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
}

// approx is the age's length for comparing ages: a month is 30.44 days.
func (a Age) approx() time.Duration {
	if a.Months > 0 {
		return time.Duration(a.Months) * 2629746 * time.Second
	}
	return a.Duration.Std()
}

// String writes the age: "24 months", "730d", "no expiry".
func (a Age) String() string {
	switch {
	case a.Months == 1:
		return "1 month"
	case a.Months > 0:
		return strconv.Itoa(a.Months) + " months"
	case a.Duration > 0:
		return a.Duration.String()
	}
	return "no expiry"
}

// ConsentAge is how long consent of some types lasts.
type ConsentAge struct {
	// Types are the consent types it applies to; ConsentTypeNone among
	// them applies it to rows that record no type (a policy override).
	Types    []domain.ConsentType
	Age      Age
	Channels domain.Channels
	Purposes domain.Purposes
	Source   Source
}

// typesText names the consent types: "implied", "express, double_opt_in";
// "every consent type" for an override.
func (c ConsentAge) typesText() string {
	var names []string
	for _, t := range c.Types {
		if t == domain.ConsentTypeNone {
			return "every consent type"
		}
		names = append(names, t.String())
	}
	return strings.Join(names, ", ")
}

// covers reports whether a threshold covering channels and purposes (0:
// all) binds a campaign on channel for purpose (0: not declared, which
// every threshold binds).
func covers(channels domain.Channels, purposes domain.Purposes, channel domain.Channel, purpose domain.Purpose) bool {
	return (channel == 0 || channels == 0 || channels&channel != 0) &&
		(purpose == 0 || purposes == 0 || purposes&purpose != 0)
}

// coverText writes what a threshold covers: "voice, sms; marketing",
// "every channel and purpose".
func coverText(channels domain.Channels, purposes domain.Purposes) string {
	ch, pu := "every channel", "every purpose"
	if channels != 0 {
		ch = strings.ReplaceAll(channels.String(), "+", ", ")
	}
	if purposes != 0 {
		pu = strings.ReplaceAll(purposes.String(), "+", ", ")
	}
	return ch + "; " + pu
}
