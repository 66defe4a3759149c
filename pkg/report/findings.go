package report

import (
	"io"
	"runtime"
	"sync"

	"github.com/listaudit/listaudit/pkg/domain"
)

// appendFinding renders one finding of a streamed format onto b. It must be
// safe to call from several goroutines at once.
type appendFinding func(b []byte, f *domain.Finding) []byte

// writeFindings writes every finding of fs to w in report order, each
// rendered by render and preceded by sep except the first. Findings that
// come in parts (domain.PartedFindings, a large audit's) are rendered on
// every core and written in order: on a list of a million rows the
// rendering, not the writing, is what takes time.
func writeFindings(w io.Writer, fs domain.Findings, sep string, render appendFinding) error {
	workers := runtime.GOMAXPROCS(0)
	pf, ok := fs.(domain.PartedFindings)
	if !ok || workers == 1 {
		return writeFindingsInOrder(w, fs, sep, render)
	}
	parts := pf.Parts()
	if len(parts) == 1 {
		return writeFindingsInOrder(w, fs, sep, render)
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
				for f := range parts[i] {
					b = append(b, sep...)
					b = render(b, f)
				}
				rendered[i] <- b
			}
		})
	}

	var err error
	first := true
	for i := range parts {
		b := <-rendered[i]
		if first && len(b) > 0 {
			b, first = b[len(sep):], false
		}
		if _, err = w.Write(b); err != nil {
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

// writeFindingsInOrder is writeFindings on one goroutine.
func writeFindingsInOrder(w io.Writer, fs domain.Findings, sep string, render appendFinding) error {
	var b []byte
	first := true
	for f := range fs.All() {
		if !first {
			b = append(b, sep...)
		}
		first = false
		b = render(b, f)
		if len(b) >= 64<<10 {
			if _, err := w.Write(b); err != nil {
				return err
			}
			b = b[:0]
		}
	}
	_, err := w.Write(b)
	return err
}
