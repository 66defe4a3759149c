package domain

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Duration is a policy duration written in weeks, days or hours ("730d",
// "52w", "36h"), the units people use for consent ages and send windows.
type Duration time.Duration

const (
	day  = 24 * time.Hour
	week = 7 * day
)

var durationUnits = map[byte]time.Duration{'w': week, 'd': day, 'h': time.Hour, 'm': time.Minute, 's': time.Second}

// ParseDuration reads one or more number+unit pairs ("730d", "1w3d", "12h");
// units are w, d, h, m and s.
func ParseDuration(s string) (Duration, error) {
	in := strings.TrimSpace(s)
	if in == "" {
		return 0, fmt.Errorf("empty duration (want e.g. 730d, 52w, 36h)")
	}
	var total time.Duration
	for in != "" {
		i := 0
		for i < len(in) && in[i] >= '0' && in[i] <= '9' {
			i++
		}
		if i == 0 || i == len(in) {
			return 0, fmt.Errorf("bad duration %q (want a number and a unit: w, d, h, e.g. 730d)", s)
		}
		unit, ok := durationUnits[in[i]]
		if !ok {
			return 0, fmt.Errorf("bad duration %q: unknown unit %q (want w, d, h, m or s)", s, in[i:i+1])
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

// String writes the duration in the largest whole unit among d, h, m and
// s, as ParseDuration reads it back: "730d", "36h", "90m".
func (d Duration) String() string { return string(d.Append(nil)) }

// Append appends d.String() to b.
func (d Duration) Append(b []byte) []byte {
	td := time.Duration(d)
	for _, u := range []struct {
		unit   time.Duration
		suffix byte
	}{{day, 'd'}, {time.Hour, 'h'}, {time.Minute, 'm'}, {time.Second, 's'}} {
		if td%u.unit == 0 {
			return append(strconv.AppendInt(b, int64(td/u.unit), 10), u.suffix)
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
