package sendlog

import (
	"math"
	"slices"
	"testing"
	"time"
)

const day = 24 * 60 * 60

func TestWorstWindow(t *testing.T) {
	week := 7 * 24 * time.Hour
	tests := []struct {
		name        string
		sends       []int64
		window      time.Duration
		count       int
		first, last int64
	}{
		{"none", nil, week, 0, 0, 0},
		{"one", []int64{100}, week, 1, 100, 100},
		{"zero window", []int64{1, 2}, 0, 0, 0, 0},
		{"exactly the cap of 2 in a week", []int64{0, 3 * day, 8 * day}, week, 2, 0, 3 * day},
		{"cap+1: three within a week", []int64{0, 3 * day, 7*day - 1}, week, 3, 0, 7*day - 1},
		{"exactly a window apart are not together", []int64{0, 7 * day}, week, 1, 0, 0},
		{"one second inside", []int64{0, 7*day - 1}, week, 2, 0, 7*day - 1},
		{"chain of window-apart sends", []int64{0, 7 * day, 14 * day, 21 * day}, week, 1, 0, 0},
		{"tie goes to the earliest window", []int64{0, day, 10 * day, 11 * day}, week, 2, 0, day},
		{"worst window later", []int64{0, 10 * day, 11 * day, 12 * day, 30 * day}, week, 3, 10 * day, 12 * day},
		{"sliding, not calendar buckets", []int64{6 * day, 6*day + 1, 8 * day, 8*day + 1}, week, 4, 6 * day, 8*day + 1},
		{"same second twice", []int64{5, 5, 5}, time.Hour, 3, 5, 5},
		{"sub-second window rounds up to hold its own second", []int64{5, 6}, 1500 * time.Millisecond, 2, 5, 6},
		{"one-second window holds one second", []int64{5, 6}, time.Second, 1, 5, 5},
		{"negative times", []int64{-10 * day, -9 * day}, week, 2, -10 * day, -9 * day},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			count, first, last := WorstWindow(tt.sends, tt.window)
			if count != tt.count || first != tt.first || last != tt.last {
				t.Errorf("WorstWindow = %d, %d, %d; want %d, %d, %d", count, first, last, tt.count, tt.first, tt.last)
			}
			if want := naiveWorst(tt.sends, tt.window); count != want {
				t.Errorf("naive count = %d", want)
			}
		})
	}
}

// naiveWorst counts, for every send as a window's start, the sends in
// [start, start+window): the definition, quadratically.
func naiveWorst(sends []int64, window time.Duration) int {
	best := 0
	for _, s := range sends {
		n := 0
		for _, o := range sends {
			if o >= s && time.Duration(o-s)*time.Second < window {
				n++
			}
		}
		best = max(best, n)
	}
	return best
}

func FuzzWorstWindow(f *testing.F) {
	f.Add([]byte{0, 3, 7, 8}, uint8(7))
	f.Fuzz(func(t *testing.T, raw []byte, w uint8) {
		sends := make([]int64, len(raw))
		for i, b := range raw {
			sends[i] = int64(b) * 3600
		}
		slices.Sort(sends)
		window := time.Duration(w) * time.Hour
		count, first, last := WorstWindow(sends, window)
		if want := naiveWorst(sends, window); count != want {
			t.Fatalf("count %d, naive %d", count, want)
		}
		if count > 0 && (time.Duration(last-first)*time.Second >= window || len(Between(sends, first-1, last+1)) < count) {
			t.Fatalf("window %d..%d does not hold %d sends", first, last, count)
		}
	})
}

func TestQueries(t *testing.T) {
	s := []int64{10, 20, 20, 30}
	first := []struct {
		t    int64
		want int64
		ok   bool
	}{{0, 10, true}, {10, 20, true}, {20, 30, true}, {30, 0, false}}
	for _, c := range first {
		if got, ok := FirstAfter(s, c.t); got != c.want || ok != c.ok {
			t.Errorf("FirstAfter(%d) = %d, %v", c.t, got, ok)
		}
	}
	last := []struct {
		t    int64
		want int64
		ok   bool
	}{{10, 0, false}, {11, 10, true}, {30, 20, true}, {31, 30, true}}
	for _, c := range last {
		if got, ok := LastBefore(s, c.t); got != c.want || ok != c.ok {
			t.Errorf("LastBefore(%d) = %d, %v", c.t, got, ok)
		}
	}
	between := []struct {
		from, to int64
		want     []int64
	}{
		{10, 30, []int64{20, 20}},
		{9, 31, s},
		{20, 21, nil},
		{30, 40, nil},
		{20, 10, nil},
		{math.MinInt64, 20, []int64{10}},
		{20, math.MaxInt64, []int64{30}},
	}
	for _, c := range between {
		if got := Between(s, c.from, c.to); !slices.Equal(got, c.want) {
			t.Errorf("Between(%d, %d) = %v, want %v", c.from, c.to, got, c.want)
		}
	}
	if _, ok := FirstAfter(nil, 0); ok {
		t.Error("FirstAfter(nil)")
	}
	if _, ok := LastBefore(nil, 0); ok {
		t.Error("LastBefore(nil)")
	}
}
