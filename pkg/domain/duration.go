package domain

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Duration is a policy duration written in weeks, days or hours ("730d",
// "52w", "36h"), the units people use for consent ages and send windows,
// or minutes and seconds ("90m") where it is no age.
type Duration time.Duration

const (
	day  = 24 * time.Hour
	week = 7 * day
)

// durationUnit is a unit a duration is written in.
type durationUnit struct {
	suffix byte
	length time.Duration
}

// durationUnits are the units ParseDuration reads, largest first; the
// first three are those of ages (ParseAge). Every message that lists units
// lists these.
var durationUnits = [...]durationUnit{{'w', week}, {'d', day}, {'h', time.Hour}, {'m', time.Minute}, {'s', time.Second}}

// ageUnits is how many of durationUnits ages are written in: minutes and
// seconds are no consent or activity age, and "6m" is more often meant
// as six months than as six minutes.
const ageUnits = 3

// DurationUnits and AgeUnits name the units as a list: "w, d, h, m or s",
// "w, d or h".
var (
	DurationUnits = unitList(durationUnits[:])
	AgeUnits      = unitList(durationUnits[:ageUnits])
)

func unitList(units []durationUnit) string {
	names := make([]string, len(units))
	for i, u := range units {
		names[i] = string(u.suffix)
	}
	return OrList(names)
}

// ParseDuration reads one or more number+unit pairs ("730d", "1w3d",
// "12h", "90m"); units are w, d, h, m and s.
func ParseDuration(s string) (Duration, error) { return parseDuration(s, durationUnits[:]) }

// ParseAge reads an age (of consent, of activity) as ParseDuration does,
// in w, d or h: "6m" would be six minutes, which no one means there.
func ParseAge(s string) (Duration, error) { return parseDuration(s, durationUnits[:ageUnits]) }

func parseDuration(s string, units []durationUnit) (Duration, error) {
	in := strings.TrimSpace(s)
	want := unitList(units)
	if in == "" {
		return 0, fmt.Errorf("empty duration (want a number and a unit: %s, e.g. 730d)", want)
	}
	var total time.Duration
	for in != "" {
		i := 0
		for i < len(in) && in[i] >= '0' && in[i] <= '9' {
			i++
		}
		if i == 0 || i == len(in) {
			return 0, fmt.Errorf("bad duration %q (want a number and a unit: %s, e.g. 730d)", s, want)
		}
		if _, minutes := findUnit(units, 'm'); in[i] == 'm' && (!minutes || strings.HasPrefix(in[i+1:], "o")) {
			return 0, fmt.Errorf("bad duration %q: %s (want %s; for %s write %dd)", s, monthsText(in[i:]), want, monthsOf(in[:i]), monthDays(in[:i]))
		}
		unit, ok := findUnit(units, in[i])
		if !ok {
			return 0, fmt.Errorf("bad duration %q: unknown unit %q (want %s)", s, in[i:i+1], want)
		}
		n, err := strconv.ParseInt(in[:i], 10, 64)
		if err != nil || n > int64(1<<62)/int64(unit) || total > time.Duration(1<<62)-time.Duration(n)*unit {
			return 0, fmt.Errorf("bad duration %q: out of range", s)
		}
		total += time.Duration(n) * unit
		in = in[i+1:]
	}
	if total == 0 {
		// Every setting that takes a duration is an age or a window: none
		// means anything at zero ("3 messages in the last 0d").
		return 0, fmt.Errorf("bad duration %q: zero (want more than 0, e.g. 7d)", s)
	}
	return Duration(total), nil
}

func findUnit(units []durationUnit, suffix byte) (time.Duration, bool) {
	for _, u := range units {
		if u.suffix == suffix {
			return u.length, true
		}
	}
	return 0, false
}

// monthsText says why a unit starting with m is refused: "m is minutes,
// not months, in an age"; "months are no unit: their length varies".
func monthsText(unit string) string {
	if strings.HasPrefix(unit, "mo") {
		return "months are no unit: their length varies"
	}
	return "m is minutes, not months, in an age"
}

// monthsOf writes n months: "1 month", "6 months".
func monthsOf(n string) string {
	if strings.TrimLeft(n, "0") == "1" {
		return "1 month"
	}
	return n + " months"
}

// monthDays is n months in whole days, rounded down so that the age
// written is never longer than the months: 6 is 182, 24 is 730.
func monthDays(n string) int64 {
	v, _ := strconv.ParseInt(n, 10, 64)
	if v > 1<<40 {
		return 0
	}
	return v * 146097 / 4800 // 400 years of days over their months
}

// String writes the duration in the largest whole unit among d, h, m and
// s, as ParseDuration reads it back: "730d", "36h", "90m".
func (d Duration) String() string { return string(d.Append(nil)) }

// Append appends d.String() to b.
func (d Duration) Append(b []byte) []byte {
	td := time.Duration(d)
	for _, u := range durationUnits[1:] { // from days: "14d", not "2w"
		if td%u.length == 0 {
			return append(strconv.AppendInt(b, int64(td/u.length), 10), u.suffix)
		}
	}
	return append(b, td.String()...) // not from ParseDuration: under a second
}

func (d Duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

func (d *Duration) UnmarshalText(b []byte) error {
	v, err := ParseDuration(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Std returns the duration as a time.Duration.
func (d Duration) Std() time.Duration { return time.Duration(d) }
