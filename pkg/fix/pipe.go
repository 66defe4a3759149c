package fix

import (
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/input"
)

// The writing pass runs in three stages, so that reading the records,
// encoding them and writing them out overlap: the caller reads rows into
// batches; encoders decide a batch's rows and turn them into the bytes of
// the two files; the writer counts the rows' classes and adds those bytes
// to the files in the order read. Reading, on one core, is the slowest
// stage: it does no more than it must.

// batchRows is how many rows a batch holds at most; batchBytes how many
// bytes of cells.
const (
	batchRows  = 4096
	batchBytes = 1 << 20
)

// maxEncoders bounds the encoders (and so the batches in memory).
const maxEncoders = 4

// rowsBatch is a run of rows of one input with their decisions. It holds
// the rows' strings, not copies: the reader reuses its slices, not the
// memory of the strings in them (a Go string does not change), and a
// copy of a million rows' cells would cost as much as encoding them.
type rowsBatch struct {
	fl       *fileLayout
	rawDelim rune
	rows     []batchRow
	strs     []string
	size     int // the bytes of strs
	// clean and quar are the rows encoded for each file.
	clean, quar []byte
	err         error
	done        chan struct{}
}

// batchRow is one row of a batch. Its strings are strs[start:], in this
// order: keys (nKeys), cells (nCells), the phone and country values, the
// text.
type batchRow struct {
	id rowID
	// d is the row's decision, made by the encoder.
	d             decision
	loc           domain.Location
	start         int32
	nKeys, nCells int32
	malformed     bool
	// phoneCol is the header of the phone value's column, "" if none.
	phoneCol string
	// phoneCell is input.RawRecord.PhoneCell: 1 + the cell of a number
	// that is not in the phone column, 0 otherwise.
	phoneCell int32
	// fallbackCell is input.RawRecord.FallbackCell: 1 + the cell of the
	// phone fallback column the number was read from, 0 otherwise.
	fallbackCell int32
}

// rowView is a batch's row as the rowWriter reads it.
type rowView struct {
	loc                  domain.Location
	keys, cells          []string
	phone, country, text string
	phoneCol             string
	phoneCell            int
	fallbackCell         int
	malformed            bool
}

// add copies what writing rec, row id, needs into the batch.
func (b *rowsBatch) add(rec *input.RawRecord, id rowID) {
	r := batchRow{id: id, loc: rec.Loc, start: int32(len(b.strs)), nKeys: int32(len(rec.Keys)), nCells: int32(len(rec.Cells)), malformed: rec.Malformed != "",
		phoneCell: int32(rec.PhoneCell), fallbackCell: int32(rec.FallbackCell)}
	b.strs = append(b.strs, rec.Keys...)
	b.strs = append(b.strs, rec.Cells...)
	ph := rec.Values[domain.FieldPhone]
	b.strs = append(b.strs, ph, rec.Values[domain.FieldCountry], rec.Text)
	for _, c := range b.strs[r.start:] {
		b.size += len(c)
	}
	if rec.Columns != nil {
		r.phoneCol = rec.Columns[domain.FieldPhone]
	}
	b.rows = append(b.rows, r)
}

// full reports whether the batch has rows enough, or bytes enough.
func (b *rowsBatch) full() bool { return len(b.rows) >= batchRows || b.size >= batchBytes }

// view is row i as the rowWriter reads it.
func (b *rowsBatch) view(i int, v *rowView) {
	r := &b.rows[i]
	s := b.strs[r.start:]
	*v = rowView{loc: r.loc, keys: s[:r.nKeys], cells: s[r.nKeys : r.nKeys+r.nCells], phoneCol: r.phoneCol, phoneCell: int(r.phoneCell), fallbackCell: int(r.fallbackCell), malformed: r.malformed}
	s = s[r.nKeys+r.nCells:]
	v.phone, v.country, v.text = s[0], s[1], s[2]
}

// encode decides and places every row of the batch, stopping at the
// first error.
func (w *rowWriter) encode(b *rowsBatch) {
	var v rowView
	for i := range b.rows {
		r := &b.rows[i]
		r.d = w.plan.decideWith(r.id, &w.dups)
		b.view(i, &v)
		if b.err = w.place(b, &v, &r.d); b.err != nil {
			return
		}
	}
}

// count counts the batch's rows decided in their classes.
func (b *rowsBatch) count() {
	for i := range b.rows {
		if c := b.rows[i].d.class; c != nil {
			c.rows++
		}
	}
}

// writePipe runs the encoders and the writer.
type writePipe struct {
	w *rowWriter
	// serial: an output is a workbook, which takes rows one at a time,
	// so the writer encodes each batch itself, in order.
	serial      bool
	work, order chan *rowsBatch
	free        chan *rowsBatch
	wg          sync.WaitGroup
	stop        atomic.Bool
	// err is the first error in the rows' order, set by the writer.
	err    error
	closed bool
}

func newWritePipe(w *rowWriter) *writePipe {
	// An encoder per core: while reading is the slower stage they wait
	// for batches, and take no time from it. Reading, on one core, keeps
	// no more than a few busy; each has batches of ~1.5 MB.
	encoders := min(runtime.GOMAXPROCS(0), maxEncoders)
	n := encoders + 2 // being filled, being encoded, being written
	p := &writePipe{w: w, serial: w.clean.xlsx != nil || w.quar.xlsx != nil,
		work: make(chan *rowsBatch, n), order: make(chan *rowsBatch, n), free: make(chan *rowsBatch, n)}
	for range n {
		p.free <- &rowsBatch{done: make(chan struct{}, 1), rows: make([]batchRow, 0, batchRows), strs: make([]string, 0, 16*batchRows)}
	}
	if !p.serial {
		for range encoders {
			p.wg.Go(func() {
				enc := *w
				enc.row = nil
				for b := range p.work {
					enc.encode(b)
					b.done <- struct{}{}
				}
			})
		}
	}
	p.wg.Go(p.write)
	return p
}

// write adds the batches' bytes to the files in order.
func (p *writePipe) write() {
	for b := range p.order {
		if p.serial {
			p.w.encode(b)
		} else {
			<-b.done
		}
		b.count()
		if p.err == nil {
			p.err = b.err
		}
		if p.err == nil {
			p.err = p.w.clean.add(b.clean)
		}
		if p.err == nil {
			p.err = p.w.quar.add(b.quar)
		}
		if p.err != nil {
			p.stop.Store(true)
		}
		p.free <- b
	}
}

// batch returns an empty batch for rows of one input.
func (p *writePipe) batch(fl *fileLayout, rawDelim rune) *rowsBatch {
	b := <-p.free
	b.fl, b.rawDelim, b.err = fl, rawDelim, nil
	b.rows, b.size = b.rows[:0], 0
	clear(b.strs) // the last batch's rows' memory goes
	b.strs = b.strs[:0]
	b.clean, b.quar = b.clean[:0], b.quar[:0]
	return b
}

// send hands a batch on; an empty one is only given back.
func (p *writePipe) send(b *rowsBatch) {
	if len(b.rows) == 0 {
		p.free <- b
		return
	}
	p.order <- b
	if !p.serial {
		p.work <- b
	}
}

// failed reports whether a batch failed: reading on is in vain.
func (p *writePipe) failed() bool { return p.stop.Load() }

// close waits for the batches sent and returns the first error of their
// rows, else err. It may be called again: it then returns err.
func (p *writePipe) close(err error) error {
	if p.closed {
		return err
	}
	p.closed = true
	close(p.work)
	close(p.order)
	p.wg.Wait()
	if p.err != nil {
		return p.err
	}
	return err
}
