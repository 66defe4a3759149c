package report

import (
	"io"
	"iter"
	"runtime"
	"slices"
	"sync"

	"github.com/listaudit/listaudit/pkg/domain"
)

// renderPart renders a run of consecutive findings onto b. It must be safe
// to call from several goroutines at once.
type renderPart func(b []byte, part iter.Seq[*domain.Finding]) []byte

// finishRendered copies rendered findings onto dst with what only a pass
// over them in order can write (SARIF fingerprints' numbers). It is called
// on every run of rendered findings, in order, on one goroutine.
type finishRendered func(dst, rendered []byte) []byte

// writeFindingParts writes every finding of fs to w in report order, in
// runs rendered by render; sep is what render writes before each finding,
// and is dropped before the first. Findings that come in parts
// (domain.PartedFindings, a large audit's) are rendered on every core and
// written in order: on a list of a million rows the rendering, not the
// writing, is what takes time.
func writeFindingParts(w io.Writer, fs domain.Findings, sep string, render renderPart) error {
	return writeFindingPartsThen(w, fs, sep, render, nil)
}

// writeFindingPartsThen is writeFindingParts with each run passed through
// then, if not nil, before it is written.
func writeFindingPartsThen(w io.Writer, fs domain.Findings, sep string, render renderPart, then finishRendered) error {
	workers := runtime.GOMAXPROCS(0)
	pf, ok := fs.(domain.PartedFindings)
	if !ok || workers == 1 {
		return writeFindingRuns(w, fs, sep, render, then)
	}
	parts := pf.Parts()
	if len(parts) == 1 {
		return writeFindingRuns(w, fs, sep, render, then)
	}

	// Every part's rendering goes to its own channel; at most inFlight
	// parts are rendered and not yet written, which bounds memory.
	inFlight := 2 * workers
	rendered := make([]chan []byte, len(parts))
	for i := range rendered {
		rendered[i] = make(chan []byte, 1)
	}
	jobs := make(chan int)
	stop := make(chan struct{})
	slots := make(chan struct{}, inFlight)
	// Written parts' buffers are used again.
	free := make(chan []byte, inFlight)
	var wg sync.WaitGroup
	wg.Go(func() {
		defer close(jobs)
		for i := range parts {
			select {
			case slots <- struct{}{}:
			case <-stop:
				return
			}
			select {
			case jobs <- i:
			case <-stop:
				return
			}
		}
	})
	for range workers {
		wg.Go(func() {
			for i := range jobs {
				var b []byte
				select {
				case b = <-free:
				default:
				}
				rendered[i] <- render(b, parts[i])
			}
		})
	}

	var err error
	var finished []byte
	first := true
	for i := range parts {
		b := <-rendered[i]
		if first && len(b) > 0 {
			b, first = b[len(sep):], false
		}
		out := b
		if then != nil {
			finished = then(finished[:0], b)
			out = finished
		}
		if _, err = w.Write(out); err != nil {
			break
		}
		select {
		case free <- b[:0]:
		default:
		}
		<-slots
	}
	// Workers still rendering finish into their buffered channels.
	close(stop)
	wg.Wait()
	return err
}

// runSize is how many findings writeFindingRuns renders at a time.
const runSize = 4096

// writeFindingRuns is writeFindingPartsThen on one goroutine: it renders
// runs of runSize findings.
func writeFindingRuns(w io.Writer, fs domain.Findings, sep string, render renderPart, then finishRendered) error {
	var b, finished []byte
	run := make([]*domain.Finding, 0, runSize)
	first := true
	flush := func() error {
		b = render(b[:0], slices.Values(run))
		run = run[:0]
		out := b
		if first && len(out) > 0 {
			out, first = out[len(sep):], false
		}
		if then != nil {
			finished = then(finished[:0], out)
			out = finished
		}
		_, err := w.Write(out)
		return err
	}
	for f := range fs.All() {
		// Each finding yielded is the reader's own: it may be kept.
		if run = append(run, f); len(run) == runSize {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}
