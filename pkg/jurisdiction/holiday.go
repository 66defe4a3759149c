package jurisdiction

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rickar/cal/v2"
)

// Calendar is a set of holidays a law names, which a sending window
// excludes. A holiday is excluded on its date and, when it is moved, on
// the day it is observed on as well (a Saturday's on the Friday before, a
// Sunday's on the Monday after): the statutes that list them name the date
// and make the moved day the holiday, and the laws that exclude holidays do
// not say which of the two they mean, so both are, the strictest reading.
//
// The days of a year are worked out once, on first use: a lookup is an
// index into a bit set.
type Calendar struct {
	// Name names the set as the table writes it: "Utah legal holidays".
	Name string
	// Kind is what a finding calls one of them: "legal holiday".
	Kind string
	// Source is the law that lists the holidays.
	Source   Source
	Holidays []*cal.Holiday

	mu    sync.Mutex
	years map[int]*holidayYear
	// last is the year looked up last: a run's send time has one or two.
	last atomic.Pointer[holidayYear]
}

// holidayYear is the holidays of one year, by day of the year (1–366).
type holidayYear struct {
	year  int
	days  [6]uint64
	names map[int]string
}

// date is a local date as a calendar looks it up; the zero date is no
// day, which no calendar holds.
type date struct{ year, yearDay int }

func dateOf(t time.Time) date { return date{t.Year(), t.YearDay()} }

// On returns the name of the holiday the calendar holds on local date d:
// "Independence Day", "Independence Day (observed)" for the day a
// holiday is moved to.
func (c *Calendar) On(d time.Time) (string, bool) { return c.on(dateOf(d)) }

func (c *Calendar) on(d date) (string, bool) {
	if d.yearDay == 0 {
		return "", false
	}
	y := c.year(d.year)
	if y.days[d.yearDay/64]&(1<<(d.yearDay%64)) == 0 {
		return "", false
	}
	return y.names[d.yearDay], true
}

// year returns the holidays of a year, working them out the first time.
func (c *Calendar) year(year int) *holidayYear {
	if y := c.last.Load(); y != nil && y.year == year {
		return y
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	y, ok := c.years[year]
	if !ok {
		y = c.compute(year)
		if c.years == nil {
			c.years = map[int]*holidayYear{}
		}
		c.years[year] = y
	}
	c.last.Store(y)
	return y
}

// compute works out a year's holidays: each holiday's date, then the days
// holidays are moved to, which may come from the years either side (New
// Year's Day on a Saturday is observed on 31 December). A day that is a
// holiday's date keeps that name.
func (c *Calendar) compute(year int) *holidayYear {
	y := &holidayYear{year: year, names: map[int]string{}}
	add := func(t time.Time, name string) {
		if t.IsZero() || t.Year() != year {
			return
		}
		if d := t.YearDay(); y.days[d/64]&(1<<(d%64)) == 0 {
			y.days[d/64] |= 1 << (d % 64)
			y.names[d] = name
		}
	}
	for _, observed := range []bool{false, true} {
		for _, h := range c.Holidays {
			for from := year - 1; from <= year+1; from++ {
				actual, moved := h.Calc(from)
				switch {
				case !observed:
					add(actual, h.Name)
				case !moved.Equal(actual):
					add(moved, h.Name+" (observed)")
				}
			}
		}
	}
	return y
}

// Names lists the holidays, with the first year of those the law added
// lately: "Juneteenth (from 2021)".
func (c *Calendar) Names() []string {
	names := make([]string, len(c.Holidays))
	for i, h := range c.Holidays {
		names[i] = h.Name
		if h.StartYear > 0 {
			names[i] += " (from " + strconv.Itoa(h.StartYear) + ")"
		}
	}
	return names
}

// excludedText writes what a window excludes besides hours: "Sun",
// "Sat–Sun and French public holidays", "Sun, US federal holidays and
// Rhode Island state holidays"; "" for nothing.
func excludedText(days Weekdays, cals []*Calendar) string {
	var parts []string
	if days != 0 {
		parts = append(parts, days.String())
	}
	for _, c := range cals {
		parts = append(parts, c.Name)
	}
	if len(parts) < 2 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// Excluding is a calendar and the jurisdictions whose windows exclude it.
type Excluding struct {
	*Calendar
	Codes []string
}

// HolidaysOf lists the calendars the entries' windows exclude, each once,
// in the order first excluded, with the codes that exclude it.
func HolidaysOf(entries []Entry) []Excluding {
	var out []Excluding
	for _, e := range entries {
		if e.Window == nil {
			continue
		}
		for _, c := range e.Window.Holidays {
			i := slices.IndexFunc(out, func(x Excluding) bool { return x.Calendar == c })
			if i < 0 {
				out = append(out, Excluding{Calendar: c})
				i = len(out) - 1
			}
			out[i].Codes = append(out[i].Codes, e.Code)
		}
	}
	return out
}
