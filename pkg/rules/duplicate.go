package rules

import "github.com/listaudit/listaudit/pkg/domain"

// Duplicates finds the same number on several rows, across every input:
// the cross-row rules. Feed it contacts in input order with Add, then call
// Conflicts once at the end. Memory grows with unique numbers by one
// 16-byte slot of a flat table each (the number, and its first row
// packed), and with the rows of numbers that repeat by 16 bytes a row.
type Duplicates struct {
	rules *RuleSet
	// warmed keeps what Warm read, so that its reads are not dropped.
	warmed uint64
	// numbers holds every number's slot. Every row looks its number up,
	// mostly in vain, so a slot holds all that a number seen once needs:
	// its key, and its row packed (packRow). A number that repeats, or
	// whose row does not pack, names the first and last of its rows in
	// rows instead (a chained value).
	numbers numberTable
	// wide holds the numbers that numbers cannot (key 0, whose digits
	// exceed a uint64, and keys from 2^keyBits), by chained value: in
	// practice none.
	wide map[uint64]uint64
	// rows holds the rows of the numbers that repeat, chained by number.
	rows rowChains
	// whole holds the rare rows that do not pack (packRow).
	whole []rowRef
	// contexts numbers what a packed row shares with its neighbours: its
	// file, phone column, line minus row and row's high bits.
	contexts denseIndex[rowContext]
	files    []fileRef
	// malformedOnly holds the numbers whose every row so far is malformed
	// (rowRef.malformed), which Unique and Has do not count: a list's
	// numbers are those of its rows that can be read. Malformed rows are
	// rare, so it is small or empty.
	malformedOnly map[uint64]struct{}
	// scope is the campaign's channel and the policy's opt-out scope, for
	// the conflict's message (ForCampaign).
	channel domain.Channel
	scope   domain.OptOutScope
}

// ForCampaign makes the conflicts name the channels an opt-out was
// recorded for, and whether it stops every channel or its own, when the
// policy declares the campaign's channel. It returns d.
func (d *Duplicates) ForCampaign(p domain.Policy) *Duplicates {
	d.channel, d.scope = p.Channel, p.OptOutScope
	return d
}

type fileRef struct {
	path  string
	sheet string // a workbook's sheet (domain.Location.Sheet)
	// phoneColumns numbers the file's distinct phone columns, by header
	// and, in a workbook, cell column: a vCard or a contacts export reads
	// numbers from several (TEL[3], Phone 2 - Value).
	phoneColumns denseIndex[phoneColumn]
}

// phoneColumn is where a row's number was read: its header and, in a
// workbook, its cell's column (domain.Location.Col).
type phoneColumn struct {
	header string
	col    int
}

// phoneColumn returns the index of c among the file's phone columns,
// adding it when new.
func (f *fileRef) phoneColumn(c phoneColumn) uint16 {
	i, ok := f.phoneColumns.number(c, 1<<16-1)
	if !ok {
		return 0 // more distinct phone headers than any file has: name the first
	}
	return i
}

// denseIndex numbers distinct values in the order they come: values[i] is
// the one numbered i. index finds one among thousands; last is the one
// the previous lookup found, which is most lookups'.
type denseIndex[K comparable] struct {
	values []K
	index  map[K]uint16
	last   uint16
}

// number returns the number of k, adding it when new, and false when limit
// values are numbered already.
func (x *denseIndex[K]) number(k K, limit int) (uint16, bool) {
	if int(x.last) < len(x.values) && x.values[x.last] == k {
		return x.last, true
	}
	i, ok := x.index[k]
	if !ok {
		if len(x.values) >= limit {
			return 0, false
		}
		if x.index == nil {
			x.index = map[K]uint16{}
		}
		i = uint16(len(x.values))
		x.values = append(x.values, k)
		x.index[k] = i
	}
	x.last = i
	return i, true
}

// rowRef is the part of a row that the cross-row rules need, unpacked:
// 32 bytes. Duplicates keeps it packed in 8 bytes (packRow), or whole for
// the rare row that does not pack.
type rowRef struct {
	file, row, line int32
	// flags say whether the row is opted out or malformed (rowFlags).
	flags rowFlags
	// scope holds the channels the row's consent records, read when the
	// policy declares a campaign.
	scope uint8
	// column indexes the row's phone header in its file's phoneColumns.
	column uint16
	// Unix seconds; 0 when empty.
	consentAt, optedOutAt int64
}

// NewDuplicates returns an empty tracker raising the findings of rs
// (DefaultRuleSet when nil).
func NewDuplicates(rs *RuleSet) *Duplicates {
	if rs == nil {
		rs = DefaultRuleSet()
	}
	return &Duplicates{rules: rs}
}

// Has reports whether a valid number with key was on the list: on a row
// that is not malformed.
func (d *Duplicates) Has(key uint64) bool {
	if _, ok := d.malformedOnly[key]; ok {
		return false
	}
	if !packedKey(key) {
		_, ok := d.wide[key]
		return ok
	}
	return d.numbers.lookup(key) != nil
}

// FirstRow is the row a number was first seen on, as the cross-row rules
// keep it.
type FirstRow struct {
	Loc      domain.Location
	OptedOut bool
	// Malformed: the row is malformed, so whether it is opted out cannot
	// be read.
	Malformed bool
	// ConsentAt is the row's consent date in Unix seconds, 0 when empty.
	ConsentAt int64
}

// First returns the first row that had the valid number key.
func (d *Duplicates) First(key uint64) (FirstRow, bool) {
	var slot numberSlot
	if packedKey(key) {
		s := d.numbers.lookup(key)
		if s == nil {
			return FirstRow{}, false
		}
		slot = *s
	} else {
		val, ok := d.wide[key]
		if !ok {
			return FirstRow{}, false
		}
		slot = numberSlot{key, val}
	}
	r := d.firstOf(slot)
	return FirstRow{Loc: d.loc(r), OptedOut: r.optedOut(), Malformed: r.malformed(), ConsentAt: r.consentAt}, true
}

// firstOf is the first row of the number in slot.
func (d *Duplicates) firstOf(s numberSlot) rowRef {
	if s.val&chainedBit == 0 {
		return d.unpackRow(uint16(s.key>>keyBits), s.val)
	}
	return d.rowAt(chainHead(s.val))
}

// Unique is the number of distinct valid numbers seen on rows that are not
// malformed.
func (d *Duplicates) Unique() int { return d.numbers.n + len(d.wide) - len(d.malformedOnly) }

// Warm makes adding the contacts cs, in order, faster: it reads into the
// cache the table slots their numbers will need.
func (d *Duplicates) Warm(cs []Contact) {
	t := &d.numbers
	if t.n == 0 {
		return
	}
	// A table of a million numbers is larger than the cache, and each
	// add's slot is a miss; an add does too much else for the processor
	// to look ahead to the next one's, while this loop of independent
	// reads has many misses in flight at once.
	var sum uint64
	for i := range cs {
		if n := &cs[i].Number; n.Valid && packedKey(n.Key) {
			sum += t.slots[t.home(n.Key)].key
		}
	}
	d.warmed += sum
}

// Add records c's number and returns a duplicate finding when an earlier
// row had it. Contacts without a valid number are ignored. A malformed
// record (domain.Record.Malformed) whose phone cell holds a valid number
// is recorded as a row whose opt-out cannot be read, and gets no finding
// here: a malformed row gets row-malformed alone.
func (d *Duplicates) Add(c *Contact) (domain.Finding, bool) { return d.AddUnread(c, nil) }

// AddUnread is Add, but when the duplicate rule is in u.Rules (nil u:
// never) it counts the duplicate finding in u rather than builds it: its
// message, related row and number's E.164 text (see Unread.Tally). The
// row is recorded all the same.
func (d *Duplicates) AddUnread(c *Contact, u *Unread) (domain.Finding, bool) {
	key, ok := numberKey(c.Number)
	if !ok {
		return domain.Finding{}, false
	}
	rec := c.Rec
	for len(d.files) <= rec.Loc.FileIndex {
		d.files = append(d.files, fileRef{})
	}
	file := &d.files[rec.Loc.FileIndex]
	file.path, file.sheet = rec.Loc.File, rec.Loc.Sheet
	at := rec.At(domain.FieldPhone)
	ref := rowRef{
		file: int32(rec.Loc.FileIndex), row: int32(rec.Loc.Row), line: int32(rec.Loc.Line),
		flags: flagIf(c.OptedOutForCampaign(), optedOutFlag) | flagIf(rec.Malformed != "", malformedFlag),
		scope: uint8(c.Channels), consentAt: unix(c.ConsentAt.Unix(), c.ConsentAt.IsZero()),
		optedOutAt: unix(c.OptedOutAt.Unix(), c.OptedOutAt.IsZero()),
		column:     file.phoneColumn(phoneColumn{rec.Columns[domain.FieldPhone], at.Col}),
	}
	head, seen := d.record(key, ref)
	if ref.malformed() {
		if !seen {
			if d.malformedOnly == nil {
				d.malformedOnly = map[uint64]struct{}{}
			}
			d.malformedOnly[key] = struct{}{}
		}
		return domain.Finding{}, false
	}
	if !seen {
		return domain.Finding{}, false
	}
	if len(d.malformedOnly) != 0 {
		delete(d.malformedOnly, key)
	}
	st := d.rules.state(refDuplicate)
	if st.disabled {
		return domain.Finding{}, false
	}
	bit := refDuplicate.bit()
	if u != nil && u.Rules&bit != 0 {
		u.count(bit)
		return domain.Finding{}, false
	}
	first := d.loc(d.rowAt(head))
	return domain.Finding{
		Rule:     Duplicate,
		Severity: st.severity,
		Loc:      at,
		Field:    domain.FieldPhone,
		Column:   rec.Columns[domain.FieldPhone],
		Value:    rec.Values[domain.FieldPhone],
		Message:  "same number as " + first.String(),
		Related:  []domain.Location{first},
		Phone:    c.PhoneID(),
	}, true
}

// record keeps row r of the number key. When an earlier row had the
// number, it returns true and the index in rows of the number's first row.
func (d *Duplicates) record(key uint64, r rowRef) (uint32, bool) {
	if !packedKey(key) {
		val, seen := d.wide[key]
		if d.wide == nil {
			d.wide = map[uint64]uint64{}
		}
		if !seen {
			d.wide[key] = d.extendChain(0, r)
			return 0, false
		}
		d.wide[key] = d.extendChain(val, r)
		return chainHead(val), true
	}
	s, seen := d.numbers.claim(key)
	if !seen {
		if ctx, val, ok := d.packRow(r); ok {
			s.key, s.val = key|uint64(ctx)<<keyBits, val
		} else {
			s.val = d.extendChain(0, r)
		}
		return 0, false
	}
	if s.val&chainedBit == 0 { // its second row: the first moves to rows
		i := d.rows.add(chainedRow{val: s.val, ctx: uint16(s.key >> keyBits)})
		s.key, s.val = key, chained(i, i, s.val&optedOutBit != 0)
	}
	s.val = d.extendChain(s.val, r)
	return chainHead(s.val), true
}

// extendChain appends r to the rows of the chained value val (a new chain
// when val is 0) and returns the new value.
func (d *Duplicates) extendChain(val uint64, r rowRef) uint64 {
	e := chainedRow{val: wholeBit | uint64(len(d.whole))}
	if ctx, packed, ok := d.packRow(r); ok {
		e.val, e.ctx = packed, ctx
	} else {
		d.whole = append(d.whole, r)
	}
	i := d.rows.add(e)
	if val == 0 {
		return chained(i, i, r.mayStop())
	}
	d.rows.at(chainTail(val)).next = i
	return chained(chainHead(val), i, r.mayStop() || val&anyOptedOutBit != 0)
}

// rowAt is the row at index i of rows.
func (d *Duplicates) rowAt(i uint32) rowRef {
	e := d.rows.at(i)
	if e.val&wholeBit != 0 {
		return d.whole[uint32(e.val)]
	}
	return d.unpackRow(e.ctx, e.val)
}

func (r rowRef) channels() domain.Channels { return domain.Channels(r.scope) }

// rowFlags hold a row's state in a byte, which keeps rowRef 32 bytes.
type rowFlags uint8

const (
	// optedOutFlag: the row's opt-out stops the campaign
	// (Contact.OptedOutForCampaign).
	optedOutFlag rowFlags = 1 << iota
	// malformedFlag: the record could not be read as a row of the header,
	// but its phone cell holds a valid number. Whether it is opted out
	// cannot be read, so it may stop every other row of its number
	// (duplicate-conflict). It is never packed (packRow): malformed rows
	// are rare.
	malformedFlag
)

// flagIf is f when on, else none.
func flagIf(on bool, f rowFlags) rowFlags {
	if on {
		return f
	}
	return 0
}

func (r rowRef) optedOut() bool  { return r.flags&optedOutFlag != 0 }
func (r rowRef) malformed() bool { return r.flags&malformedFlag != 0 }

// mayStop reports whether r may stop the other rows of its number: it is
// opted out, or malformed so that whether it is cannot be read.
func (r rowRef) mayStop() bool { return r.flags != 0 }

func unix(sec int64, zero bool) int64 {
	if zero {
		return 0
	}
	return sec
}

// loc is where row r is: in a workbook, its phone cell, which the
// cross-row rules are about.
func (d *Duplicates) loc(r rowRef) domain.Location {
	f := &d.files[r.file]
	return domain.Location{File: f.path, FileIndex: int(r.file), Row: int(r.row), Line: int(r.line),
		Sheet: f.sheet, Col: f.phoneColumns.values[r.column].col}
}

// appendOptOutNote appends, when the campaign's channel is declared, which
// channels an opt-out was recorded for and why it stops a campaign on
// channel: nothing when the channels are not recorded.
func appendOptOutNote(b []byte, chans, channel domain.Channels, scope domain.OptOutScope) []byte {
	if channel == 0 || chans == 0 {
		return b
	}
	b = chans.AppendList(append(b, "; opted out of "...))
	if scope == domain.OptOutGlobal && chans&channel == 0 {
		b = append(b, ", and opt-outs apply to every channel"...)
	}
	return b
}
