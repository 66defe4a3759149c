package audit

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"slices"
	"sync"
	"unsafe"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/outfile"
)

// spillAt is how many findings stay in memory before the rest go to a
// temporary file: a dirty list of a million rows has millions of findings,
// and memory should grow with unique numbers, not rows.
var spillAt = 1 << 16

// spillList holds findings in report order: in memory while few, then in an
// unlinked temporary file (mode 0600: findings hold phone numbers) that
// reports read back as often as they need. Findings that are only known at
// the end (duplicate conflicts) are kept in memory and merged in on read.
// The findings are stored in parts of partSize that can be read back on
// every core at once (domain.PartedFindings).
type spillList struct {
	// mem holds the findings while few, in parts of partSize: one slice
	// grown to spillAt findings would be copied again and again.
	mem  [][]domain.Finding
	tail []domain.Finding // sorted; merged into the stream on read
	n    int              // findings counted, stored or not (Len)
	held int              // findings in mem

	file *os.File
	name string // removed on Close where it could not be unlinked at once
	// pending holds encoded findings not yet written: they are encoded in
	// place, and written when it holds pendingSize bytes.
	pending []byte
	size    int64
	strs    []string          // interned rule ids, file names, headers, messages
	ids     map[string]uint64 // string → index in strs
	// recent caches interned strings by the address of their bytes.
	recent [512]recentString
	parts  []filePart // where each part of the file starts
	stored int        // findings in the file
	// lastLoc and lastPhone are the previous finding's: a row's findings
	// share them, so they are written once per row (and at the start of
	// every part).
	lastLoc   domain.Location
	lastPhone string
	err       error

	readMu  sync.Mutex
	readErr error
}

// The flags of a stored finding: which of its row's parts follow.
const (
	newLoc byte = 1 << iota
	newPhone
)

type recentString struct {
	p  *byte
	n  int
	id uint64
}

// partSize is how many findings make one part: enough that handing a part
// to a goroutine costs little, few enough that a rendered part (~400 bytes
// a finding in JSON) stays small.
var partSize = 4096

// filePart is one part of the temporary file.
type filePart struct {
	off, end int64
	n        int // findings
	// first is the part's first finding (without Related), which decides
	// which part a tail finding merges into.
	first domain.Finding
}

// maxInterned bounds the strings table: the messages that repeat (rules'
// fixed texts and their few variants) are interned within the first
// thousands of findings; messages with dates in them are mostly unique,
// and those past the bound are written out in full.
var maxInterned = 1 << 12

func newSpillList() *spillList { return &spillList{ids: map[string]uint64{}} }

// add appends findings that sort after every finding added before.
func (s *spillList) add(fs []domain.Finding) {
	if s.err != nil {
		return
	}
	s.n += len(fs)
	if s.file == nil && s.held+len(fs) <= spillAt {
		s.held += len(fs)
		for len(fs) > 0 {
			if k := len(s.mem); k == 0 || len(s.mem[k-1]) == partSize {
				s.mem = append(s.mem, make([]domain.Finding, 0, partSize))
			}
			last := &s.mem[len(s.mem)-1]
			n := min(len(fs), partSize-len(*last))
			*last = append(*last, fs[:n]...)
			fs = fs[n:]
		}
		return
	}
	if s.file == nil {
		if s.err = s.open(); s.err != nil {
			return
		}
		for _, part := range s.mem {
			s.write(part)
		}
		s.mem = nil
	}
	s.write(fs)
}

// skip counts findings that are not kept (see domain.Retention).
func (s *spillList) skip(n int) { s.n += n }

// finish adds the sorted findings known only at the end and makes the list
// readable.
func (s *spillList) finish(tail []domain.Finding) error {
	s.tail = tail
	s.n += len(tail)
	if s.err == nil && s.file != nil {
		s.flush()
		s.parts[len(s.parts)-1].end = s.size
	}
	if s.err != nil {
		s.Close()
		return fmt.Errorf("keep findings in a temporary file: %w", s.err)
	}
	return nil
}

func (s *spillList) open() error {
	// Unlinked at once, it disappears with the process, whatever happens
	// to it; where that is not allowed (Windows) Close removes it.
	f, name, err := outfile.PrivateTemp("findings")
	if err != nil {
		return err
	}
	s.file, s.name, s.pending = f, name, make([]byte, 0, pendingSize+pendingSize/4)
	return nil
}

func (s *spillList) intern(v string) uint64 {
	i, ok := s.lookup(v)
	if !ok {
		i = uint64(len(s.strs))
		s.strs = append(s.strs, v)
		s.ids[v] = i
		s.remember(v, i)
	}
	return i
}

// lookup finds an interned string: by the address of its bytes when they
// are the very bytes interned (rule ids, file names and headers are the
// same few strings, and comparing addresses is cheaper than hashing them),
// else in the table.
func (s *spillList) lookup(v string) (uint64, bool) {
	if len(v) == 0 {
		i, ok := s.ids[v]
		return i, ok
	}
	if id, ok := s.recentID(v); ok {
		return id, true
	}
	i, ok := s.ids[v]
	if ok {
		s.remember(v, i)
	}
	return i, ok
}

// recentSlot is where the cache would hold v (not empty).
func (s *spillList) recentSlot(v string) *recentString {
	return &s.recent[uintptr(unsafe.Pointer(unsafe.StringData(v)))>>3%uintptr(len(s.recent))]
}

// recentID finds v (not empty) in the cache by the address of its bytes.
func (s *spillList) recentID(v string) (uint64, bool) {
	slot := s.recentSlot(v)
	return slot.id, slot.p == unsafe.StringData(v) && slot.n == len(v)
}

// remember caches the address of v if v's bytes are the interned ones:
// strs keeps them alive, so no other string can come to live there.
func (s *spillList) remember(v string, i uint64) {
	if len(v) == 0 || unsafe.StringData(s.strs[i]) != unsafe.StringData(v) {
		return
	}
	*s.recentSlot(v) = recentString{unsafe.StringData(v), len(v), i}
}

func (s *spillList) write(fs []domain.Finding) {
	for i := range fs {
		f := &fs[i]
		if s.stored%partSize == 0 {
			if len(s.parts) > 0 {
				s.parts[len(s.parts)-1].end = s.size
			}
			first := *f
			first.Related = nil
			s.parts = append(s.parts, filePart{off: s.size, first: first})
			// A part is read on its own: its first finding has both.
			s.lastPhone, s.lastLoc = "", domain.Location{Row: -1}
		}
		var flags byte
		if f.Loc != s.lastLoc {
			flags |= newLoc
		}
		if f.Phone != s.lastPhone {
			flags |= newPhone
		}
		b := s.pending
		start := len(b)
		b = binary.AppendUvarint(b, s.intern(f.Rule))
		b = binary.AppendUvarint(b, uint64(f.Severity))
		b = append(b, flags)
		if flags&newLoc != 0 {
			b = s.appendLoc(b, f.Loc)
			s.lastLoc = f.Loc
		}
		b = binary.AppendVarint(b, int64(f.Field))
		b = binary.AppendUvarint(b, s.intern(f.Column))
		b = appendString(b, f.Value)
		b = s.appendInterned(b, f.Message)
		if flags&newPhone != 0 {
			b = appendString(b, f.Phone)
			s.lastPhone = f.Phone
		}
		b = binary.AppendUvarint(b, uint64(len(f.Related)))
		for _, l := range f.Related {
			b = s.appendLoc(b, l)
		}
		s.pending = b
		s.size += int64(len(b) - start)
		s.stored++
		s.parts[len(s.parts)-1].n++
		if len(b) >= pendingSize {
			if s.flush(); s.err != nil {
				return
			}
		}
	}
}

// pendingSize is how many encoded bytes are written to the file at once.
const pendingSize = 256 << 10

// flush writes the pending findings to the file.
func (s *spillList) flush() {
	if _, err := s.file.Write(s.pending); err != nil {
		s.err = err
	}
	s.pending = s.pending[:0]
}

func (s *spillList) appendLoc(b []byte, l domain.Location) []byte {
	b = binary.AppendUvarint(b, s.intern(l.File))
	b = binary.AppendUvarint(b, uint64(l.FileIndex))
	b = binary.AppendUvarint(b, uint64(l.Row))
	b = binary.AppendUvarint(b, uint64(l.Line))
	// A text file's location, nearly every one, ends in one 0 byte; a
	// workbook's has its sheet (interned, plus 1) and column.
	if l.Sheet == "" {
		return append(b, 0)
	}
	b = binary.AppendUvarint(b, s.intern(l.Sheet)+1)
	return binary.AppendUvarint(b, uint64(l.Col))
}

// appendInterned writes v as a reference to the strings table, adding it
// while the table has room, else in full after a 0.
func (s *spillList) appendInterned(b []byte, v string) []byte {
	var i uint64
	ok := false
	switch {
	case len(s.strs) < maxInterned:
		i, ok = s.intern(v), true
	case len(v) > 0:
		// The table is full: only strings whose bytes are known go by
		// reference, the others (messages with dates and counts, unique
		// nearly all) are written without hashing them first.
		i, ok = s.recentID(v)
	}
	if ok {
		return binary.AppendUvarint(b, i+1)
	}
	b = append(b, 0)
	return appendString(b, v)
}

func appendString(b []byte, v string) []byte {
	b = binary.AppendUvarint(b, uint64(len(v)))
	return append(b, v...)
}

func (s *spillList) Len() int { return s.n }

// All yields the findings in order: the stored ones merged with the tail.
// A read error of the temporary file, which listaudit wrote itself moments
// before, cannot be reported through an iterator; it ends the sequence
// early and is kept for Err.
func (s *spillList) All() iter.Seq[*domain.Finding] {
	return func(yield func(*domain.Finding) bool) {
		for _, part := range s.partsOf(false) {
			stopped := false
			for f := range part {
				if !yield(f) {
					stopped = true
					break
				}
			}
			if stopped {
				return
			}
		}
	}
}

// Parts splits the findings into parts of about partSize that may be read
// at the same time; each merges in the tail findings that sort into it. A
// part's findings are valid until its iteration ends (see
// domain.PartedFindings): the part's memory is used again for the next.
func (s *spillList) Parts() []iter.Seq[*domain.Finding] { return s.partsOf(true) }

// partsOf is Parts; with reuse false, the findings yielded are the reader's
// own, as All promises.
func (s *spillList) partsOf(reuse bool) []iter.Seq[*domain.Finding] {
	type span struct {
		first *domain.Finding
		mem   []domain.Finding
		file  *filePart
	}
	var spans []span
	if s.file != nil {
		for i := range s.parts {
			spans = append(spans, span{first: &s.parts[i].first, file: &s.parts[i]})
		}
	} else {
		for _, mem := range s.mem {
			spans = append(spans, span{first: &mem[0], mem: mem})
		}
	}
	if len(spans) == 0 {
		spans = append(spans, span{})
	}
	// A tail finding goes to the last part whose first finding does not
	// sort after it, as a merge of the whole list would place it.
	tails := make([][]domain.Finding, len(spans))
	k := 0
	for i := range s.tail {
		for k+1 < len(spans) && domain.CompareFindings(spans[k+1].first, &s.tail[i]) <= 0 {
			k++
		}
		tails[k] = append(tails[k], s.tail[i])
	}
	parts := make([]iter.Seq[*domain.Finding], len(spans))
	for i, sp := range spans {
		parts[i] = func(yield func(*domain.Finding) bool) {
			tail := tails[i]
			emit := func(f *domain.Finding) bool {
				for len(tail) > 0 && domain.CompareFindings(&tail[0], f) < 0 {
					t := tail[0]
					tail = tail[1:]
					if !yield(&t) {
						return false
					}
				}
				return yield(f)
			}
			for j := range sp.mem {
				f := sp.mem[j]
				if !emit(&f) {
					return
				}
			}
			if sp.file != nil && !s.readPart(sp.file, reuse, emit) {
				return
			}
			for j := range tail {
				t := tail[j]
				if !yield(&t) {
					return
				}
			}
		}
	}
	return parts
}

// readPart decodes one part of the file, handing each finding to emit
// until it returns false; it reports whether the part was read to its end.
// The part is read whole, and the findings' strings point into it, so a
// finding costs no allocation of its own. With reuse, the part's memory
// comes from, and goes back to, a pool once emit has seen every finding: a
// report reads hundreds of parts of ~1 MB, and allocating each anew made
// work for the garbage collector and the kernel.
func (s *spillList) readPart(p *filePart, reuse bool, emit func(*domain.Finding) bool) bool {
	var mem *partMemory
	if reuse {
		mem = partMemories.Get().(*partMemory)
		defer partMemories.Put(mem)
	} else {
		mem = new(partMemory)
	}
	data := slices.Grow(mem.data[:0], int(p.end-p.off))[:p.end-p.off]
	_, err := s.file.ReadAt(data, p.off)
	if err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF // listaudit wrote the part whole
		}
		err = fmt.Errorf("temporary findings file: %w", err)
	}
	// The findings are decoded into one slice: the part's own, or with
	// reuse the pooled one.
	r := spillReader{s: s, data: data, out: slices.Grow(mem.out[:0], p.n)}
	mem.data, mem.out = data, r.out
	for err == nil && len(r.data) > 0 {
		var f *domain.Finding
		if f, err = r.next(); err == nil && !emit(f) {
			return false
		}
	}
	if err != nil {
		s.readMu.Lock()
		s.readErr = cmp.Or(s.readErr, err)
		s.readMu.Unlock()
		return false
	}
	return true
}

// partMemory is the memory one part is read into.
type partMemory struct {
	data []byte
	out  []domain.Finding
}

var partMemories = sync.Pool{New: func() any { return new(partMemory) }}

// Err reports a failure to read the stored findings back.
func (s *spillList) Err() error {
	s.readMu.Lock()
	defer s.readMu.Unlock()
	return cmp.Or(s.err, s.readErr)
}

func (s *spillList) Close() error {
	if s.file == nil {
		return nil
	}
	err := s.file.Close()
	if s.name != "" {
		os.Remove(s.name)
	}
	s.file = nil
	return err
}

type spillReader struct {
	s         *spillList
	data      []byte // the rest of the part
	out       []domain.Finding
	lastLoc   domain.Location
	lastPhone string
	err       error // the first decoding error
}

func (r *spillReader) next() (*domain.Finding, error) {
	if len(r.out) == cap(r.out) {
		// Only a damaged part holds more than it says; a new slice keeps
		// the findings yielded before where they are.
		r.out = make([]domain.Finding, 0, 1)
	}
	// Every field is set below: the slot is not cleared first, nor a
	// finding built aside and copied in.
	r.out = r.out[:len(r.out)+1]
	f := &r.out[len(r.out)-1]
	f.Rule = r.str(r.uvarint())
	f.Severity = domain.Severity(r.uvarint())
	flags := r.byte()
	if flags&newLoc != 0 {
		r.lastLoc = r.loc()
	}
	f.Loc = r.lastLoc
	f.Field = domain.Field(r.varint())
	f.Column = r.str(r.uvarint())
	f.Value = r.string()
	if ref := r.uvarint(); ref > 0 {
		f.Message = r.str(ref - 1)
	} else {
		f.Message = r.string()
	}
	if flags&newPhone != 0 {
		r.lastPhone = r.string()
	}
	f.Phone = r.lastPhone
	f.Related = nil
	if n := r.uvarint(); n > 0 && r.err == nil {
		if n > uint64(len(r.data)) {
			r.fail(io.ErrUnexpectedEOF)
		} else {
			f.Related = make([]domain.Location, n)
			for i := range f.Related {
				f.Related[i] = r.loc()
			}
		}
	}
	if r.err != nil {
		return nil, fmt.Errorf("temporary findings file: %w", r.err)
	}
	return f, nil
}

func (r *spillReader) loc() domain.Location {
	l := domain.Location{
		File:      r.str(r.uvarint()),
		FileIndex: int(r.uvarint()),
		Row:       int(r.uvarint()),
		Line:      int(r.uvarint()),
	}
	if sheet := r.uvarint(); sheet > 0 {
		l.Sheet, l.Col = r.str(sheet-1), int(r.uvarint())
	}
	return l
}

// str looks an interned string up.
func (r *spillReader) str(i uint64) string {
	if i >= uint64(len(r.s.strs)) {
		r.fail(errors.New("bad string reference"))
		return ""
	}
	return r.s.strs[i]
}

func (r *spillReader) fail(err error) {
	if r.err == nil {
		r.err = err
	}
	r.data = nil
}

// uvarint decodes one unsigned varint; most are one byte (ids, flags,
// severities, short lengths), read here without a call.
func (r *spillReader) uvarint() uint64 {
	if len(r.data) > 0 && r.data[0] < 0x80 {
		v := uint64(r.data[0])
		r.data = r.data[1:]
		return v
	}
	v, n := binary.Uvarint(r.data)
	if n <= 0 {
		r.fail(io.ErrUnexpectedEOF)
		return 0
	}
	r.data = r.data[n:]
	return v
}

// varint decodes one signed varint, zig-zag encoded as binary.Varint does.
func (r *spillReader) varint() int64 {
	u := r.uvarint()
	return int64(u>>1) ^ -int64(u&1)
}

func (r *spillReader) byte() byte {
	if len(r.data) == 0 {
		r.fail(io.ErrUnexpectedEOF)
		return 0
	}
	b := r.data[0]
	r.data = r.data[1:]
	return b
}

// string decodes a length-prefixed string that shares the part's memory.
func (r *spillReader) string() string {
	n := r.uvarint()
	if n == 0 {
		return ""
	}
	if n > uint64(len(r.data)) {
		r.fail(io.ErrUnexpectedEOF)
		return ""
	}
	v := unsafe.String(&r.data[0], int(n))
	r.data = r.data[n:]
	return v
}
