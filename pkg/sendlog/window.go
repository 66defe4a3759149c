package sendlog

import (
	"sort"
	"time"
)

// The queries below take one number's sends as Sends returns them: Unix
// seconds, ascending.

// WorstWindow returns the most sends that lie within one window, and the
// first and last send of that window; the earliest such window on a tie. A
// window is half-open, [t, t+window): two sends exactly window apart are
// not in one window. This is an exact sliding window over the sends, not
// calendar buckets. It returns zeros when there are no sends or window is
// not positive.
func WorstWindow(sends []int64, window time.Duration) (count int, first, last int64) {
	if len(sends) == 0 || window <= 0 {
		return 0, 0, 0
	}
	// Sends are whole seconds: a send d seconds after the first is inside
	// when d < window, i.e. d < the window in seconds rounded up.
	span := int64(window / time.Second)
	if window%time.Second != 0 {
		span++
	}
	lo := 0
	for hi, t := range sends {
		for t-sends[lo] >= span {
			lo++
		}
		if n := hi - lo + 1; n > count {
			count, first, last = n, sends[lo], t
		}
	}
	return count, first, last
}

// FirstAfter returns the first send strictly after t.
func FirstAfter(sends []int64, t int64) (int64, bool) {
	i := sort.Search(len(sends), func(i int) bool { return sends[i] > t })
	if i == len(sends) {
		return 0, false
	}
	return sends[i], true
}

// LastBefore returns the last send strictly before t.
func LastBefore(sends []int64, t int64) (int64, bool) {
	i := sort.Search(len(sends), func(i int) bool { return sends[i] >= t })
	if i == 0 {
		return 0, false
	}
	return sends[i-1], true
}

// Between returns the sends strictly after from and strictly before to, a
// sub-slice of sends (empty when there are none). For example the sends
// after an opt-out and before a later re-consent are
// Between(sends, optedOutAt, consentAt), or Between(sends, optedOutAt,
// math.MaxInt64) when there is none; the sends before consent are
// Between(sends, math.MinInt64, consentAt).
func Between(sends []int64, from, to int64) []int64 {
	i := sort.Search(len(sends), func(i int) bool { return sends[i] > from })
	j := sort.Search(len(sends), func(j int) bool { return sends[j] >= to })
	if j <= i {
		return nil
	}
	return sends[i:j:j]
}
