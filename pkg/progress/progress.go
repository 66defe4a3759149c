// Package progress draws the progress line of a long run on a terminal:
// what it reads, how many rows so far, how fast and for how long, redrawn
// in place and cleared at the end.
package progress

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/listaudit/listaudit/pkg/domain"
)

const (
	// Delay is how long a run goes before the line shows: a quick run
	// prints nothing.
	Delay = 2 * time.Second
	// Interval is the least time between two draws: at most 10 in any
	// second. The line looks at the time twice as often (tickEvery), so
	// that a tick a little early costs a twentieth of a second, not a
	// tenth.
	Interval  = 100 * time.Millisecond
	tickEvery = Interval / 2
)

// The terminal controls: back to the start of the line, and clear from the
// cursor to its end.
const (
	carriageReturn = "\r"
	clearToEnd     = "\x1b[K"
)

// Ticker ticks the line; time.Ticker's, or a test's.
type Ticker interface {
	C() <-chan time.Time
	Stop()
}

// Clock is the time the line reads, injected so that tests need not wait:
// the time it starts, then its ticks'.
type Clock struct {
	Now func() time.Time
	// NewTicker makes the ticker of the line's goroutine; nil is the real
	// one (time.NewTicker), whose ticks are the real clock's: the line then
	// starts by the real clock too, whatever Now says (a test's fixed
	// clock would make a run look months old at its first tick).
	NewTicker func(time.Duration) Ticker
}

// Phase is one pass of a run over its rows, as the line says it:
// "checking contacts.csv: 1,234 rows" from Rows, with " of N" when Of is
// set (fix's second pass writes the rows its first one read).
type Phase struct {
	Verb string
	Rows *atomic.Int64
	Of   *atomic.Int64
}

// Line is a progress line being drawn; a nil Line draws nothing.
type Line struct {
	w     io.Writer
	width int
	// ellipsis stands for the start of a name cut short.
	ellipsis string
	start    time.Time
	phases   []Phase

	mu sync.Mutex
	// name is the input being read, as Reading named it.
	name  string
	drawn bool
	// last is when the line was last drawn; ticked when the line last
	// looked at the time.
	last, ticked time.Time
	// phase is the index of the phase under way, which began at
	// phaseStart.
	phase      int
	phaseStart time.Time
	// counted is the phase's count when it last grew, at countedAt: the
	// rate is of the rows counted while they were coming, so that it does
	// not fall while the run finishes after its last row (duplicate
	// conflicts, the report) and the elapsed time goes on.
	counted   int64
	countedAt time.Time

	stop     chan struct{}
	done     chan struct{}
	stopOnce sync.Once
}

// Terminal is what the line is drawn on.
type Terminal struct {
	// Width is the terminal's width in columns (0 when unknown).
	Width int
	// ASCII cuts a name with "..." rather than "…": the terminal's locale
	// is not UTF-8 (domain.Marks).
	ASCII bool
}

// Start starts drawing the line on w, a terminal as term says, for phases
// run in order: a phase is under way once its count is above zero. Stop
// must be called on every path.
func Start(w io.Writer, term Terminal, clock Clock, phases ...Phase) *Line {
	newTicker, clockNow := clock.NewTicker, time.Now
	if newTicker == nil {
		newTicker = realTicker
	} else {
		clockNow = clock.Now
	}
	now := clockNow()
	l := &Line{w: w, width: term.Width, ellipsis: domain.Marks(term.ASCII, "…"), start: now, phases: phases, phaseStart: now,
		stop: make(chan struct{}), done: make(chan struct{})}
	go l.run(newTicker(tickEvery))
	return l
}

func (l *Line) run(t Ticker) {
	defer close(l.done)
	defer t.Stop()
	for {
		select {
		case <-l.stop:
			return
		case now := <-t.C():
			l.mu.Lock()
			l.tick(now)
			l.mu.Unlock()
		}
	}
}

// Reading names the input being read ("-" is standard input). Safe to
// call from any goroutine.
func (l *Line) Reading(name string) {
	if l == nil {
		return
	}
	if name == "-" {
		name = "standard input"
	}
	l.mu.Lock()
	l.name = name
	l.mu.Unlock()
}

// Write writes p on the line's stream, clearing the line first: a warning
// takes the line's place, which is drawn again below it at the next tick.
func (l *Line) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.clear()
	return l.w.Write(p)
}

// Stop stops the line's goroutine and clears the line. It may be called
// more than once, and from any goroutine.
func (l *Line) Stop() {
	if l == nil {
		return
	}
	l.stopOnce.Do(func() {
		close(l.stop)
		<-l.done
		l.mu.Lock()
		defer l.mu.Unlock()
		l.clear()
	})
}

// clear erases the line if it is drawn; l.mu is held.
func (l *Line) clear() {
	if l.drawn {
		io.WriteString(l.w, carriageReturn+clearToEnd)
		l.drawn = false
	}
}

// tick draws the line at now, unless the run is younger than Delay or the
// line was drawn less than Interval ago; l.mu is held.
func (l *Line) tick(now time.Time) {
	l.follow(now)
	if now.Sub(l.start) < Delay || (!l.last.IsZero() && now.Sub(l.last) < Interval) {
		return
	}
	io.WriteString(l.w, carriageReturn+l.text(now)+clearToEnd)
	l.drawn, l.last = true, now
}

// follow moves to the last phase under way at now, drawn or not: a phase
// is under way once it has counted a row, and it began after the line
// last looked at the time, when it had not.
func (l *Line) follow(now time.Time) {
	for i := len(l.phases) - 1; i > l.phase; i-- {
		if l.phases[i].Rows.Load() > 0 {
			l.phase, l.counted = i, 0
			if !l.ticked.IsZero() {
				l.phaseStart = l.ticked
			}
			break
		}
	}
	l.ticked = now
}

// text is the line at now, cut to the terminal's width; l.mu is held.
func (l *Line) text(now time.Time) string {
	p := l.phases[l.phase]
	rows := p.Rows.Load()
	count := domain.Thousands(int(rows))
	if p.Of != nil {
		count += " of " + domain.Thousands(int(p.Of.Load()))
	}
	if rows != l.counted {
		l.counted, l.countedAt = rows, now
	}
	rate := 0
	if secs := l.countedAt.Sub(l.phaseStart).Seconds(); secs > 0 {
		rate = int(float64(rows) / secs)
	}
	counts := []string{": " + count + " rows", ", " + domain.Thousands(rate) + " rows/s", fmt.Sprintf(", %.1f s", now.Sub(l.start).Seconds())}
	return fit(p.Verb, l.name, counts, l.width, l.ellipsis)
}

// fit joins verb, name and counts in fewer than width columns (a line
// that reaches the last column can wrap, and \r cannot clear it then),
// cutting name's start first, which holds the least of a path, then the
// name, then counts' last parts whole: a number cut short would read as
// another number. A name cut starts with ellipsis. 0 is a width of 80.
func fit(verb, name string, counts []string, width int, ellipsis string) string {
	if width <= 0 {
		width = 80
	}
	room := width - 1 - utf8.RuneCountInString(verb+" "+strings.Join(counts, ""))
	if r := []rune(name); len(r) > room {
		name = ""
		if n := utf8.RuneCountInString(ellipsis); room > n {
			name = ellipsis + string(r[len(r)-room+n:])
		}
	}
	line := verb
	if name != "" {
		line += " " + name
	}
	for len(counts) > 1 && utf8.RuneCountInString(line+strings.Join(counts, "")) > width-1 {
		counts = counts[:len(counts)-1]
	}
	if utf8.RuneCountInString(line+strings.Join(counts, "")) <= width-1 {
		return line + strings.Join(counts, "")
	}
	// Narrower still: the count without its word, then the verb alone,
	// cut if it must be; a number is shown whole or not at all.
	if n := strings.TrimSuffix(counts[0], " rows"); utf8.RuneCountInString(line+n) <= width-1 {
		return line + n
	}
	if r := []rune(line); len(r) > width-1 {
		return string(r[:max(width-1, 0)])
	}
	return line
}

// realTicker is time's ticker as a Ticker.
func realTicker(d time.Duration) Ticker { return timeTicker{time.NewTicker(d)} }

type timeTicker struct{ t *time.Ticker }

func (t timeTicker) C() <-chan time.Time { return t.t.C }
func (t timeTicker) Stop()               { t.t.Stop() }
