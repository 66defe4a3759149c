package sendlog

import (
	"math"

	phonenum "github.com/listaudit/listaudit/pkg/phone"
)

// sendRef is one send: its number's key and its time in Unix seconds.
type sendRef struct {
	key uint64
	at  int64
}

// lateSends returns the sends a contacted-after-opt-out finding may name:
// the first two after each dated opt-out reply from the same number (the
// first may be the reply's confirmation). Sends are not kept with their
// lines (8 bytes a send more), so these few are found again afterwards.
func (l *Log) lateSends() map[sendRef]LineError {
	want := map[sendRef]LineError{}
	for key, o := range l.optOuts {
		if o.Undated {
			continue
		}
		for _, at := range firstTwo(Between(l.exact.sends(key), o.At, math.MaxInt64)) {
			want[sendRef{key, at}] = LineError{}
		}
	}
	return want
}

func firstTwo(s []int64) []int64 {
	if len(s) > 2 {
		return s[:2]
	}
	return s
}

// locate reads the logs again to find the file and line of the sends in
// want, the first line of each. It runs only when opt-out replies are
// followed by sends, at the cost of a second read of the logs; a log that
// cannot be read again leaves the sends unnamed.
func locate(paths []string, opts Options, want map[sendRef]LineError) {
	ld := newLoader(opts)
	ld.locate = want
	for _, p := range paths {
		if ld.load(p) != nil {
			return
		}
	}
}

// locateSend notes the line of a send that is wanted.
func (ld *loader) locateSend(line int, key uint64, at int64) {
	ref := sendRef{key, at}
	if e, ok := ld.locate[ref]; ok && e.Line == 0 {
		ld.locate[ref] = LineError{File: ld.file.Path, Line: line}
	}
}

// SendLine returns the file and line of the send to the valid number n
// at time at (Unix seconds) when it follows an opt-out reply from n;
// ok is false when it is not known.
func (l *Log) SendLine(n phonenum.Number, at int64) (e LineError, ok bool) {
	e, ok = l.sendLines[sendRef{n.Key, at}]
	return e, ok && e.Line > 0
}
