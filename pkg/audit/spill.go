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
	"strings"
	"sync"
	"unsafe"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/outfile"
)

// recentBits sizes the cache of interned strings by address: the
// messages that recur are a few thousand.
const recentBits = 12

// spillAt is how many findings stay in memory before the rest go to a
// temporary file: a dirty list of a million rows has millions of findings,
// and memory should grow with unique numbers, not rows.
var spillAt = 1 << 16

// spillList holds findings in report order: in memory while few, then in an
// unlinked temporary file (mode 0600: findings hold phone numbers) that
// reports read back as often as they need. Findings that are only known at
// the end (duplicate conflicts), the tail, are merged in on read: they are
// kept in memory while few, else in the file too, in parts of their own.
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
	strs    []string          // interned file names, sheets, messages
	ids     map[string]uint64 // string → index in strs
	// heads are the rule, severity, field and column of the findings,
	// which a rule's findings share: a finding stores its head's index.
	heads   []findingHead
	headIDs map[findingHead]uint64
	// recentHeads caches head indexes by the address of the rule's and
	// the column's bytes.
	recentHeads [64]recentHead
	// recent caches interned strings by the address of their bytes.
	recent [1 << recentBits]recentString
	parts  []filePart // where each part of the file starts
	stored int        // findings in the file
	// tailParts hold the tail once the list is in the file: each the
	// findings, partSize at most, that merge into one part (filePart.span).
	tailParts []filePart
	// lastLoc and lastPhone are the previous finding's: a row's findings
	// share them, so they are written once per row (and at the start of
	// every part).
	lastLoc   domain.Location
	lastPhone string
	err       error

	readMu  sync.Mutex
	readErr error
}

// The flags of a stored finding: which of its row's parts follow, and
// whether related locations do.
const (
	newLoc   byte = 1 << iota // the row and line
	newPlace                  // the file, and the sheet and column
	newPhone
	hasRelated
)

// findingHead is what of a finding its rule decides, nearly always: the
// rule, its severity, and the field and column the rule looks at.
type findingHead struct {
	rule     string
	severity domain.Severity
	field    domain.Field
	column   string
}

type recentHead struct {
	head findingHead
	id   uint64
}

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
	// first is the part's first finding as it sorts (sortKey), which
	// decides which part a tail finding merges into.
	first domain.Finding
	// span is, for a part of the tail, the index in parts of the part it
	// merges into.
	span int
}

// maxInterned bounds the strings table: the messages that repeat (rules'
// fixed texts, and the dated messages of the most frequent rules, built
// once per date: rules.messageMemo) are interned within the first
// thousands of findings, and found again by address or in the table;
// those that name a row (a duplicate's) are unique, and past the bound
// they are written out in full.
var maxInterned = 1 << 12

func newSpillList() *spillList {
	return &spillList{ids: map[string]uint64{}, headIDs: map[findingHead]uint64{}}
}

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
	if s.file == nil && !s.spill() {
		return
	}
	s.write(fs)
}

// spill moves the findings held in memory to a new temporary file; it
// reports false when it cannot.
func (s *spillList) spill() bool {
	if s.err = s.open(); s.err != nil {
		return false
	}
	for _, part := range s.mem {
		s.write(part)
	}
	s.mem = nil
	return true
}

// addTail appends a finding known only at the end: the tail's findings
// come in report order, once every finding of the stream was added. The
// tail is held in memory while the list is (up to spillAt findings in all),
// else written to the file.
func (s *spillList) addTail(f *domain.Finding) {
	if s.err != nil {
		return
	}
	s.n++
	if s.file == nil && s.held+len(s.tail) < spillAt {
		s.tail = append(s.tail, *f)
		return
	}
	if s.file == nil && !s.spill() {
		return
	}
	for i := range s.tail {
		s.writeTail(&s.tail[i])
	}
	s.tail = nil
	s.writeTail(f)
}

// skip counts findings that are not kept (see domain.Retention).
func (s *spillList) skip(n int) { s.n += n }

// finish adds the sorted findings known only at the end (see addTail) and
// makes the list readable.
func (s *spillList) finish(tail []domain.Finding) error {
	for i := range tail {
		s.addTail(&tail[i])
	}
	if s.err == nil && s.file != nil {
		s.flush()
	}
	if s.err != nil {
		s.Close()
		return fmt.Errorf("keep findings out of memory: %w", s.err)
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
	// Fibonacci hashing: strings of one size class lie a fixed stride
	// apart, which a plain modulus would crowd into a few slots.
	h := uint64(uintptr(unsafe.Pointer(unsafe.StringData(v)))) * 0x9e3779b97f4a7c15
	return &s.recent[h>>(64-recentBits)]
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
			s.parts = append(s.parts, s.newPart(sortKey(f), 0))
		}
		s.stored++
		if !s.encode(f, &s.parts[len(s.parts)-1]) {
			return
		}
	}
}

// writeTail writes a finding of the tail, after the stream's, to the tail
// part of the stream's part it merges into: the last whose first finding
// does not sort after it, as a merge of the whole list would place it.
func (s *spillList) writeTail(f *domain.Finding) {
	span := 0
	if n := len(s.tailParts); n > 0 {
		span = s.tailParts[n-1].span
	}
	for span+1 < len(s.parts) && domain.CompareFindings(&s.parts[span+1].first, f) <= 0 {
		span++
	}
	if n := len(s.tailParts); n == 0 || s.tailParts[n-1].span != span || s.tailParts[n-1].n == partSize {
		s.tailParts = append(s.tailParts, s.newPart(domain.Finding{}, span))
	}
	s.encode(f, &s.tailParts[len(s.tailParts)-1])
}

// sortKey is what of f orders it (domain.CompareFindings), in memory of its
// own: a part's first finding is kept to the end, and its strings point
// into memory that holds thousands of others' (a block of messages, a
// batch's cells), which would be kept with it, part after part.
func sortKey(f *domain.Finding) domain.Finding {
	return domain.Finding{Rule: strings.Clone(f.Rule), Loc: domain.Location{FileIndex: f.Loc.FileIndex, Row: f.Loc.Row},
		Column: strings.Clone(f.Column), Message: strings.Clone(f.Message)}
}

// newPart starts a part at the end of the file.
func (s *spillList) newPart(first domain.Finding, span int) filePart {
	// A part is read on its own: its first finding has both.
	s.lastPhone, s.lastLoc = "", domain.Location{Row: -1}
	return filePart{off: s.size, end: s.size, first: first, span: span}
}

// encode writes f at the end of part p, the file's last; it reports false
// once the file cannot be written.
func (s *spillList) encode(f *domain.Finding, p *filePart) bool {
	var flags byte
	if !f.Loc.Same(&s.lastLoc) {
		flags |= newLoc
		if !samePlace(&f.Loc, &s.lastLoc) {
			flags |= newPlace
		}
	}
	if f.Phone != s.lastPhone {
		flags |= newPhone
	}
	if len(f.Related) > 0 {
		flags |= hasRelated
	}
	b := s.pending
	start := len(b)
	b = binary.AppendUvarint(b, s.head(f))
	b = append(b, flags)
	if flags&newPlace != 0 {
		b = s.appendPlace(b, f.Loc)
	}
	if flags&newLoc != 0 {
		b = appendRowLine(b, f.Loc, s.lastLoc.Row)
		s.lastLoc = f.Loc
	}
	b = appendString(b, f.Value)
	b = s.appendInterned(b, f.Message)
	if flags&newPhone != 0 {
		b = appendString(b, f.Phone)
		s.lastPhone = f.Phone
	}
	if flags&hasRelated != 0 {
		b = binary.AppendUvarint(b, uint64(len(f.Related)))
		for _, l := range f.Related {
			b = appendRowLine(s.appendPlace(b, l), l, 0)
		}
	}
	s.pending = b
	s.size += int64(len(b) - start)
	p.n++
	p.end = s.size
	if len(b) >= pendingSize {
		if s.flush(); s.err != nil {
			return false
		}
	}
	return true
}

// head is the index of f's head (findingHead) in heads, added if new.
func (s *spillList) head(f *domain.Finding) uint64 {
	slot := &s.recentHeads[(uintptr(unsafe.Pointer(unsafe.StringData(f.Rule)))>>3^
		uintptr(unsafe.Pointer(unsafe.StringData(f.Column)))>>3^uintptr(f.Field))%uintptr(len(s.recentHeads))]
	if h := &slot.head; sameBytes(h.rule, f.Rule) && sameBytes(h.column, f.Column) && h.severity == f.Severity && h.field == f.Field {
		return slot.id
	}
	return s.addHead(f, slot)
}

// addHead finds f's head in the table, adding it if new, and caches its
// index in slot.
func (s *spillList) addHead(f *domain.Finding, slot *recentHead) uint64 {
	h := findingHead{rule: f.Rule, severity: f.Severity, field: f.Field, column: f.Column}
	id, ok := s.headIDs[h]
	if !ok {
		id = uint64(len(s.heads))
		s.heads = append(s.heads, h)
		s.headIDs[h] = id
	}
	// The slot holds f's strings: while it does, their bytes stay where
	// they are, and no other string's can come to be at their address.
	*slot = recentHead{head: h, id: id}
	return id
}

// sameBytes reports whether a and b are the very same bytes (or both
// empty): equal strings at different addresses are not.
func sameBytes(a, b string) bool {
	return len(a) == len(b) && (len(a) == 0 || unsafe.StringData(a) == unsafe.StringData(b))
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

// samePlace reports whether a and b are in the same file, and sheet and
// column: a location's parts that the rows of a text file share.
func samePlace(a, b *domain.Location) bool {
	return a.FileIndex == b.FileIndex && a.Col == b.Col && a.File == b.File && a.Sheet == b.Sheet
}

// appendPlace writes l's file, and its sheet and column.
func (s *spillList) appendPlace(b []byte, l domain.Location) []byte {
	b = binary.AppendUvarint(b, s.intern(l.File))
	b = binary.AppendUvarint(b, uint64(l.FileIndex))
	// A text file's place ends in one 0 byte; a workbook's has its sheet
	// (interned, plus 1) and column.
	if l.Sheet == "" {
		return append(b, 0)
	}
	b = binary.AppendUvarint(b, s.intern(l.Sheet)+1)
	return binary.AppendUvarint(b, uint64(l.Col))
}

// appendRowLine writes l's row as the difference from row, and its line
// from its row: a finding's row follows the last one's, and a text file's
// line is its row plus one but where a record spans lines, so both take a
// byte.
func appendRowLine(b []byte, l domain.Location, row int) []byte {
	b = binary.AppendVarint(b, int64(l.Row-row))
	return binary.AppendVarint(b, int64(l.Line-l.Row))
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
		// The table is full: no string is added, but one interned before
		// still goes by reference, found by its bytes' address or else in
		// the table (most messages recur: the rules' fixed texts, and the
		// dated ones of a list's few thousand dates).
		i, ok = s.lookup(v)
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
	spans := s.spans()
	parts := make([]iter.Seq[*domain.Finding], len(spans))
	for i := range spans {
		parts[i] = func(yield func(*domain.Finding) bool) { s.readSpan(&spans[i], reuse, yield) }
	}
	return parts
}

// span is one part of the list as it is read: a part of the stream, held
// in memory or in the file, and the tail findings that merge into it.
type span struct {
	first     *domain.Finding
	mem       []domain.Finding
	file      *filePart
	tail      []domain.Finding
	tailParts []filePart
}

// spans splits the list into its parts, at least one.
func (s *spillList) spans() []span {
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
	// sort after it, as a merge of the whole list would place it (and as
	// writeTail placed those in the file).
	k := 0
	for i := range s.tail {
		for k+1 < len(spans) && domain.CompareFindings(spans[k+1].first, &s.tail[i]) <= 0 {
			k++
		}
		spans[k].tail = append(spans[k].tail, s.tail[i])
	}
	for i := 0; i < len(s.tailParts); {
		j := i + 1
		for j < len(s.tailParts) && s.tailParts[j].span == s.tailParts[i].span {
			j++
		}
		spans[s.tailParts[i].span].tailParts = s.tailParts[i:j]
		i = j
	}
	return spans
}

// readSpan yields the findings of sp in order, its stream's and its
// tail's merged, until yield returns false.
func (s *spillList) readSpan(sp *span, reuse bool, yield func(*domain.Finding) bool) {
	tail := tailCursor{s: s, mem: sp.tail, parts: sp.tailParts, reuse: reuse}
	defer tail.release()
	emit := func(f *domain.Finding) bool {
		for t := tail.peek(); t != nil && domain.CompareFindings(t, f) < 0; t = tail.peek() {
			tail.cur = nil
			if !yield(t) {
				return false
			}
		}
		return tail.err == nil && yield(f)
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
	for t := tail.peek(); t != nil; t = tail.peek() {
		tail.cur = nil
		if !yield(t) {
			return
		}
	}
}

// tailCursor reads the tail findings that merge into one part, in order:
// those held in memory, or those in the file's tail parts, decoded a part
// at a time. (A list holds its tail one way or the other.) The parts read
// stay in memory until the part they merge into has been read: they hold
// the conflicts of the rows that part spans, at most one a row.
type tailCursor struct {
	s     *spillList
	mem   []domain.Finding
	parts []filePart
	reuse bool
	r     spillReader
	// cur is the next finding, read and not yet taken (set to nil).
	cur *domain.Finding
	err error
	// held is the pooled memory of the tail parts read: the findings in it
	// are valid until the part they merge into has been read.
	held []*partMemory
}

// peek returns the next tail finding, nil after the last or on a read
// error (kept in err and for Err).
func (c *tailCursor) peek() *domain.Finding {
	if c.cur != nil || c.err != nil {
		return c.cur
	}
	if len(c.mem) > 0 {
		t := c.mem[0]
		c.mem = c.mem[1:]
		c.cur = &t
		return c.cur
	}
	for len(c.r.data) == 0 {
		if len(c.parts) == 0 {
			return nil
		}
		mem := new(partMemory)
		if c.reuse {
			mem = partMemories.Get().(*partMemory)
			c.held = append(c.held, mem)
		}
		c.r, c.err = c.s.loadPart(&c.parts[0], mem)
		c.parts = c.parts[1:]
		if c.err != nil {
			c.s.keepReadErr(c.err)
			return nil
		}
	}
	if c.cur, c.err = c.r.next(); c.err != nil {
		c.s.keepReadErr(c.err)
	}
	return c.cur
}

// release gives the memory of the tail parts read back to the pool.
func (c *tailCursor) release() {
	for _, mem := range c.held {
		partMemories.Put(mem)
	}
	c.held = nil
}

// readPart decodes one part of the file, handing each finding to emit
// until it returns false; it reports whether the part was read to its end.
// The part is read whole, and the findings' strings point into it, so a
// finding costs no allocation of its own. With reuse, the part's memory
// comes from, and goes back to, a pool once emit has seen every finding: a
// report reads hundreds of parts of ~1 MB, and allocating each anew made
// work for the garbage collector and the kernel.
func (s *spillList) readPart(p *filePart, reuse bool, emit func(*domain.Finding) bool) bool {
	mem := new(partMemory)
	if reuse {
		mem = partMemories.Get().(*partMemory)
		defer partMemories.Put(mem)
	}
	r, err := s.loadPart(p, mem)
	for err == nil && len(r.data) > 0 {
		var f *domain.Finding
		if f, err = r.next(); err == nil && !emit(f) {
			return false
		}
	}
	if err != nil {
		s.keepReadErr(err)
		return false
	}
	return true
}

// loadPart reads part p into mem and returns a reader of its findings,
// which it decodes into mem (the part's own, or with reuse a pooled one).
func (s *spillList) loadPart(p *filePart, mem *partMemory) (spillReader, error) {
	data := slices.Grow(mem.data[:0], int(p.end-p.off))[:p.end-p.off]
	_, err := s.file.ReadAt(data, p.off)
	if err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF // listaudit wrote the part whole
		}
		err = fmt.Errorf("temporary findings file: %w", err)
	}
	// A part starts as newPart started it when it was written.
	r := spillReader{s: s, data: unsafe.String(unsafe.SliceData(data), len(data)), out: slices.Grow(mem.out[:0], p.n),
		lastLoc: domain.Location{Row: -1}}
	mem.data, mem.out = data, r.out
	return r, err
}

// keepReadErr keeps the first error reading the file back, for Err.
func (s *spillList) keepReadErr(err error) {
	s.readMu.Lock()
	s.readErr = cmp.Or(s.readErr, err)
	s.readMu.Unlock()
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
	s *spillList
	// data is the rest of the part, in the part's memory: the strings
	// decoded share it.
	data      string
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
	h := r.head(r.uvarint())
	f.Rule, f.Severity, f.Field, f.Column = h.rule, h.severity, h.field, h.column
	flags := r.byte()
	if flags&newPlace != 0 {
		r.place(&r.lastLoc)
	}
	if flags&newLoc != 0 {
		r.rowLine(&r.lastLoc, r.lastLoc.Row)
	}
	f.Loc = r.lastLoc
	f.Value = r.string(r.uvarint())
	if ref := r.uvarint(); ref > 0 {
		f.Message = r.str(ref - 1)
	} else {
		f.Message = r.string(r.uvarint())
	}
	if flags&newPhone != 0 {
		r.lastPhone = r.string(r.uvarint())
	}
	f.Phone = r.lastPhone
	f.Related = nil
	if n := r.related(flags); n > 0 && r.err == nil {
		if n > uint64(len(r.data)) {
			r.fail(io.ErrUnexpectedEOF)
		} else {
			f.Related = make([]domain.Location, n)
			for i := range f.Related {
				r.place(&f.Related[i])
				r.rowLine(&f.Related[i], 0)
			}
		}
	}
	if r.err != nil {
		return nil, fmt.Errorf("temporary findings file: %w", r.err)
	}
	return f, nil
}

// place decodes into l what appendPlace wrote.
func (r *spillReader) place(l *domain.Location) {
	l.File, l.FileIndex = r.str(r.uvarint()), int(r.uvarint())
	l.Sheet, l.Col = "", 0
	if sheet := r.uvarint(); sheet > 0 {
		l.Sheet, l.Col = r.str(sheet-1), int(r.uvarint())
	}
}

// rowLine decodes into l what appendRowLine wrote with row.
func (r *spillReader) rowLine(l *domain.Location, row int) {
	l.Row = row + r.varint()
	l.Line = l.Row + r.varint()
}

// related is how many related locations follow, by the finding's flags.
func (r *spillReader) related(flags byte) uint64 {
	if flags&hasRelated == 0 {
		return 0
	}
	return r.uvarint()
}

// noHead is the head of a finding whose head index is out of range.
var noHead findingHead

// head looks a finding's head up.
func (r *spillReader) head(i uint64) *findingHead {
	if i >= uint64(len(r.s.heads)) {
		r.fail(errors.New("bad head reference"))
		return &noHead
	}
	return &r.s.heads[i]
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
	r.data = ""
}

// uvarint decodes one unsigned varint; most are one byte (ids, flags,
// short lengths), read here in a function that inlines.
func (r *spillReader) uvarint() uint64 {
	if d := r.data; len(d) > 0 && d[0] < 0x80 {
		r.data = d[1:]
		return uint64(d[0])
	}
	return r.longUvarint()
}

// longUvarint decodes a varint of more than one byte. Not inlined, it
// leaves uvarint small enough to be.
//
//go:noinline
func (r *spillReader) longUvarint() uint64 {
	var v uint64
	for i := 0; i < len(r.data); i++ {
		c := r.data[i]
		// Masked, the shift needs no test of its size; only a damaged
		// part has a varint of more than ten bytes.
		v |= uint64(c&0x7f) << (7 * uint(i) & 63)
		if c < 0x80 {
			r.data = r.data[i+1:]
			return v
		}
	}
	r.fail(io.ErrUnexpectedEOF)
	return 0
}

// varint decodes one signed varint, zig-zag encoded as binary.Varint does.
func (r *spillReader) varint() int {
	u := r.uvarint()
	return int(int64(u>>1) ^ -int64(u&1))
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

// string decodes a length-prefixed string that shares the part's memory:
// r.string(r.uvarint()), which inlines where string() with the length
// read inside would not.
func (r *spillReader) string(n uint64) string {
	if n > uint64(len(r.data)) {
		r.fail(io.ErrUnexpectedEOF)
		return ""
	}
	v := r.data[:n]
	r.data = r.data[n:]
	return v
}
