package progress

import (
	"bytes"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

var t0 = time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC)

// fakeTicker ticks when the test says: its channel is unbuffered, so a
// send returns once the line's goroutine took the tick, and the tick
// before it was drawn.
type fakeTicker struct {
	c       chan time.Time
	stopped bool
}

func (t *fakeTicker) C() <-chan time.Time { return t.c }
func (t *fakeTicker) Stop()               { t.stopped = true }

// testLine is a line on a fake terminal, by a fake clock.
type testLine struct {
	*Line
	term   bytes.Buffer
	ticker *fakeTicker
}

func startTest(t *testing.T, width int, phases ...Phase) *testLine {
	t.Helper()
	tl := &testLine{ticker: &fakeTicker{c: make(chan time.Time)}}
	clock := Clock{
		Now: func() time.Time { return t0 },
		NewTicker: func(d time.Duration) Ticker {
			if d != tickEvery {
				t.Errorf("ticker of %v, want %v", d, tickEvery)
			}
			return tl.ticker
		},
	}
	tl.Line = Start(&tl.term, Terminal{Width: width}, clock, phases...)
	t.Cleanup(tl.Stop)
	return tl
}

// at ticks at d after the start, and again, so that the first tick was
// handled when it returns (the second draws nothing: too soon).
func (tl *testLine) at(d time.Duration) {
	tl.ticker.c <- t0.Add(d)
	tl.ticker.c <- t0.Add(d)
}

// expect stops the line and holds what the terminal got to want.
func (tl *testLine) expect(t *testing.T, want string) {
	t.Helper()
	if got := tl.output(); got != want {
		t.Errorf("terminal got\n%q\nwant\n%q", got, want)
	}
}

// output stops the line and returns what the terminal got.
func (tl *testLine) output() string {
	tl.Stop()
	return tl.term.String()
}

func counter(n int64) *atomic.Int64 {
	var c atomic.Int64
	c.Store(n)
	return &c
}

func TestNothingBeforeTwoSeconds(t *testing.T) {
	tl := startTest(t, 80, Phase{Verb: "checking", Rows: counter(5000)})
	for d := time.Duration(0); d < Delay; d += 10 * time.Millisecond {
		tl.at(d)
	}
	if got := tl.output(); got != "" {
		t.Errorf("terminal got %q before %v", got, Delay)
	}
	if !tl.ticker.stopped {
		t.Error("the ticker was not stopped")
	}
}

func TestLineText(t *testing.T) {
	tl := startTest(t, 80, Phase{Verb: "checking", Rows: counter(1_234_567)})
	tl.Reading("contacts.csv")
	tl.at(2 * time.Second)
	want := "\rchecking contacts.csv: 1,234,567 rows, 617,283 rows/s, 2.0 s\x1b[K" + "\r\x1b[K"
	tl.expect(t, want)
}

// TestAtMostTenDrawsASecond ticks every 10 ms for two seconds past the
// delay: the line is drawn every 100 ms, no more.
func TestAtMostTenDrawsASecond(t *testing.T) {
	rows := counter(0)
	tl := startTest(t, 80, Phase{Verb: "checking", Rows: rows})
	for d := Delay; d <= 2*Delay; d += 10 * time.Millisecond {
		rows.Add(1000)
		tl.ticker.c <- t0.Add(d)
	}
	got := tl.output()
	draws := strings.Count(got, "rows/s")
	if draws != 21 { // at 2.0, 2.1, … 4.0 s
		t.Errorf("%d draws in 2 s, want 21:\n%q", draws, got)
	}
	if !strings.HasSuffix(got, "\r\x1b[K") || strings.Count(got, "\x1b[K") != draws+1 {
		t.Errorf("each draw clears to the end of the line and the last clears it: %q", got)
	}
}

// TestDrawsATenthApart: the line is drawn only once a tenth of a second
// has passed since it was last drawn, however the ticks come, so that no
// second holds more than ten draws.
func TestDrawsATenthApart(t *testing.T) {
	tl := startTest(t, 80, Phase{Verb: "checking", Rows: counter(1)})
	ms := time.Millisecond
	for _, d := range []time.Duration{2000 * ms, 2050 * ms, 2103 * ms, 2201 * ms, 2253 * ms, 2305 * ms, 2399 * ms, 2405 * ms} {
		tl.ticker.c <- t0.Add(d)
	}
	var want strings.Builder
	for _, s := range []string{"2.0", "2.1", "2.3", "2.4"} { // not 2.201 s: 98 ms after 2.103 s
		want.WriteString("\rchecking: 1 rows, 0 rows/s, " + s + " s\x1b[K")
	}
	want.WriteString("\r\x1b[K")
	tl.expect(t, want.String())
}

// TestAtMostTenInAnySecond: ticks that come early and late (every 1 to
// 60 ms) never give more than ten draws in a second.
func TestAtMostTenInAnySecond(t *testing.T) {
	var draws []time.Duration
	rows := counter(1)
	tl := startTest(t, 80, Phase{Verb: "checking", Rows: rows})
	d := Delay
	for i := 0; d < 3*Delay; i++ {
		before := tl.term.Len()
		tl.ticker.c <- t0.Add(d)
		tl.ticker.c <- t0.Add(d) // the first tick was handled
		if tl.term.Len() > before {
			draws = append(draws, d)
		}
		d += time.Duration(1+(i*37)%60) * time.Millisecond
	}
	for i := range draws {
		if i+10 < len(draws) && draws[i+10]-draws[i] < time.Second {
			t.Fatalf("draws %d to %d within a second: %v", i, i+10, draws[i:i+11])
		}
	}
	if len(draws) < 25 {
		t.Errorf("%d draws in 4 s, want at least 25 (a draw every 150 ms at least)", len(draws))
	}
}

// TestStopClearsTheLine: the line is gone once Stop returns, whenever it
// is called; Stop again is harmless.
func TestStopClearsTheLine(t *testing.T) {
	tl := startTest(t, 80, Phase{Verb: "checking", Rows: counter(10)})
	tl.at(3 * time.Second)
	tl.Stop()
	tl.Stop()
	if got := tl.term.String(); !strings.HasSuffix(got, "\r\x1b[K") || strings.Count(got, "\r\x1b[K") != 1 {
		t.Errorf("terminal got %q", got)
	}
	if !tl.ticker.stopped {
		t.Error("the ticker was not stopped")
	}
	var none *Line
	none.Reading("a.csv")
	none.Stop()
}

// TestWriteTakesTheLinesPlace: a warning clears the line and the line is
// drawn again after it.
func TestWriteTakesTheLinesPlace(t *testing.T) {
	tl := startTest(t, 80, Phase{Verb: "checking", Rows: counter(4000)})
	tl.Reading("-")
	tl.at(2 * time.Second)
	tl.Write([]byte("listaudit: warning: something\n"))
	tl.at(2*time.Second + Interval)
	line := "checking standard input: 4,000 rows, 2,000 rows/s, 2.0 s"
	again := "checking standard input: 4,000 rows, 2,000 rows/s, 2.1 s" // no row since: the same rate
	want := "\r" + line + "\x1b[K\r\x1b[Klistaudit: warning: something\n\r" + again + "\x1b[K\r\x1b[K"
	tl.expect(t, want)
}

// TestPhases: fix's second pass shows once it has written rows, with the
// rows its first pass read as the total and its own rate.
func TestPhases(t *testing.T) {
	read, written := counter(0), counter(0)
	tl := startTest(t, 80, Phase{Verb: "checking", Rows: read}, Phase{Verb: "splitting", Rows: written, Of: read})
	tl.Reading("list.csv")
	read.Store(1_000_000)
	tl.at(2 * time.Second)
	written.Store(50_000)
	tl.at(2*time.Second + 500*time.Millisecond)
	want := "\rchecking list.csv: 1,000,000 rows, 500,000 rows/s, 2.0 s\x1b[K" +
		"\rsplitting list.csv: 50,000 of 1,000,000 rows, 100,000 rows/s, 2.5 s\x1b[K\r\x1b[K"
	tl.expect(t, want)
}

// TestRateOfTheRowsWhileTheyCame: once the rows stop coming (the run
// finishes after its last row), the rate stays what it was and the
// elapsed time goes on.
func TestRateOfTheRowsWhileTheyCame(t *testing.T) {
	rows := counter(2_000_000)
	tl := startTest(t, 80, Phase{Verb: "checking", Rows: rows})
	tl.Reading("list.csv")
	tl.at(2 * time.Second)
	rows.Store(2_500_000)
	tl.at(2500 * time.Millisecond)
	tl.at(4 * time.Second)
	want := "\rchecking list.csv: 2,000,000 rows, 1,000,000 rows/s, 2.0 s\x1b[K" +
		"\rchecking list.csv: 2,500,000 rows, 1,000,000 rows/s, 2.5 s\x1b[K" +
		"\rchecking list.csv: 2,500,000 rows, 1,000,000 rows/s, 4.0 s\x1b[K\r\x1b[K"
	tl.expect(t, want)
}

// TestPhaseBeforeTheFirstDraw: a second phase that begins before the line
// is first drawn still shows its own rate, from the tick it began after.
func TestPhaseBeforeTheFirstDraw(t *testing.T) {
	read, written := counter(1_000_000), counter(0)
	tl := startTest(t, 80, Phase{Verb: "checking", Rows: read}, Phase{Verb: "splitting", Rows: written, Of: read})
	tl.Reading("list.csv")
	tl.at(1500 * time.Millisecond)
	written.Store(100_000)
	tl.at(2 * time.Second)
	want := "\rsplitting list.csv: 100,000 of 1,000,000 rows, 200,000 rows/s, 2.0 s\x1b[K\r\x1b[K"
	tl.expect(t, want)
}

func TestFit(t *testing.T) {
	parts := []string{": 1,234,567 rows", ", 617,283 rows/s", ", 2.0 s"}
	counts := strings.Join(parts, "") // 39 columns
	for _, tc := range []struct {
		name     string
		width    int
		ellipsis string
		want     string
	}{
		{"contacts.csv", 80, "…", "checking contacts.csv" + counts},
		{"contacts.csv", 0, "…", "checking contacts.csv" + counts},
		{"/data/exports/2026/contacts.csv", 60, "…", "checking …ntacts.csv" + counts},
		{"/data/exports/2026/contacts.csv", 80, "…", "checking /data/exports/2026/contacts.csv" + counts},
		{"contacts.csv", 52, "…", "checking …sv" + counts},
		{"contacts.csv", 50, "…", "checking" + counts},
		{"contacts.csv", 47, "…", "checking: 1,234,567 rows, 617,283 rows/s"},
		{"contacts.csv", 30, "…", "checking: 1,234,567 rows"},
		{"contacts.csv", 20, "…", "checking: 1,234,567"},
		{"contacts.csv", 18, "…", "checking"},
		{"contacts.csv", 15, "…", "checking"},
		{"contacts.csv", 6, "…", "check"},
		{"", 80, "…", "checking" + counts},
		// A terminal whose locale is not UTF-8: the same columns, "..."
		// taking three of the name's.
		{"/data/exports/2026/contacts.csv", 60, "...", "checking ...acts.csv" + counts},
		{"contacts.csv", 54, "...", "checking ...sv" + counts},
		{"contacts.csv", 52, "...", "checking" + counts},
		{"/data/exports/2026/contacts.csv", 80, "...", "checking /data/exports/2026/contacts.csv" + counts},
	} {
		got := fit("checking", tc.name, parts, tc.width, tc.ellipsis)
		if got != tc.want {
			t.Errorf("fit(%q, %d, %q) = %q, want %q", tc.name, tc.width, tc.ellipsis, got, tc.want)
		}
		if w := tc.width; w > 0 && len([]rune(got)) >= w {
			t.Errorf("fit(%q, %d) is %d columns", tc.name, w, len([]rune(got)))
		}
	}
}

// A line on the real ticker starts by the real clock, whatever Now says: a
// test's fixed clock (an env's --now-like Now) must not make a young run
// look months old at its first tick and draw it.
func TestRealTickerStartsByTheRealClock(t *testing.T) {
	var term bytes.Buffer
	l := Start(&term, Terminal{Width: 80}, Clock{Now: func() time.Time { return t0 }}, Phase{Verb: "checking", Rows: counter(10)})
	time.Sleep(3 * tickEvery)
	l.Stop()
	if term.Len() != 0 {
		t.Errorf("drew %q within its first two seconds", term.String())
	}
}
