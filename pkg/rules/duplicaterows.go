package rules

// How Duplicates keeps rows: a number seen once has its row packed into
// its table slot; the rows of a number that repeats are kept whole in
// rowChains.

// A packed slot's value word, from the top bit down: chainedBit (clear),
// optedOut, the row's scope (seven bits; anyOptedOut is never set on a
// packed row), consent and opt-out dates as days (dayBits each, 0 when
// empty), and the row's low rowLowBits bits. The key word's bits above
// keyBits index the row's context in Duplicates.contexts.
const (
	chainedBit   = 1 << 63
	optedOutBit  = 1 << 62
	scopeShift   = 55
	consentShift = 39
	optOutShift  = 23
	dayBits      = 16
	rowLowBits   = 23
	rowLowMask   = 1<<rowLowBits - 1
	// maxContexts is how many the key word's top bits can index.
	maxContexts = 1 << (64 - keyBits)
	secondsADay = 86400
)

// A chained value word: chainedBit, the index in rows of the number's
// first row (31 bits) and, in the low 32 bits, of its last.
func chainHead(val uint64) uint32 { return uint32(val>>32) &^ (1 << 31) }

// rowContext is what a packed row shares with most rows of its file.
type rowContext struct {
	file      int32
	column    uint16
	lineDelta int32 // line minus row: the lines quoted line breaks added
	rowHigh   int32 // the row's bits above rowLowBits
}

// packRow packs r, the first row of the number key, into a slot, and
// reports false when r does not fit: a date that is not a whole day from
// 1970 to 2149, or more contexts than the key word can index.
func (d *Duplicates) packRow(key uint64, r rowRef) (numberSlot, bool) {
	consent, ok1 := dayOf(r.consentAt)
	optOut, ok2 := dayOf(r.optedOutAt)
	if !ok1 || !ok2 || r.scope&anyOptedOut != 0 {
		return numberSlot{}, false
	}
	ctx, ok := d.context(rowContext{file: r.file, column: r.column, lineDelta: r.line - r.row, rowHigh: r.row >> rowLowBits})
	if !ok {
		return numberSlot{}, false
	}
	val := uint64(r.scope)<<scopeShift | consent<<consentShift | optOut<<optOutShift | uint64(uint32(r.row))&rowLowMask
	if r.optedOut {
		val |= optedOutBit
	}
	return numberSlot{key: key | uint64(ctx)<<keyBits, val: val}, true
}

// unpackRow is the row packRow packed into s.
func (d *Duplicates) unpackRow(s numberSlot) rowRef {
	ctx := d.contexts[s.key>>keyBits]
	row := ctx.rowHigh<<rowLowBits | int32(s.val&rowLowMask)
	return rowRef{
		file: ctx.file, row: row, line: row + ctx.lineDelta, column: ctx.column,
		optedOut:   s.val&optedOutBit != 0,
		scope:      uint8(s.val>>scopeShift) &^ anyOptedOut,
		consentAt:  secondsOf(s.val >> consentShift & (1<<dayBits - 1)),
		optedOutAt: secondsOf(s.val >> optOutShift & (1<<dayBits - 1)),
	}
}

// context returns the index of c in d.contexts, adding it when new, and
// false when they are full.
func (d *Duplicates) context(c rowContext) (uint16, bool) {
	if int(d.lastContext) < len(d.contexts) && d.contexts[d.lastContext] == c {
		return d.lastContext, true
	}
	i, ok := d.contextIndex[c]
	if !ok {
		if len(d.contexts) == maxContexts {
			return 0, false
		}
		if d.contextIndex == nil {
			d.contextIndex = map[rowContext]uint16{}
		}
		i = uint16(len(d.contexts))
		d.contexts = append(d.contexts, c)
		d.contextIndex[c] = i
	}
	d.lastContext = i
	return i, true
}

// dayOf is sec, Unix seconds or 0 for empty, as the days packRow keeps:
// 0 for empty, else one more than the days since 1970; false when sec is
// not a whole day or out of range.
func dayOf(sec int64) (uint64, bool) {
	if sec == 0 {
		return 0, true
	}
	if sec < 0 || sec%secondsADay != 0 || sec/secondsADay+1 >= 1<<dayBits {
		return 0, false
	}
	return uint64(sec/secondsADay + 1), true
}

// secondsOf undoes dayOf.
func secondsOf(day uint64) int64 {
	if day == 0 {
		return 0
	}
	return int64(day-1) * secondsADay
}

// rowChains holds the rows of the numbers that repeat, each with the
// index of its number's next row, in blocks that are never copied.
type rowChains struct{ blocks [][]chainedRow }

// chainedRow is a row and the index of its number's next row; 0 on the
// last (index 0 is a first row, never a next one).
type chainedRow struct {
	rowRef
	next uint32
}

// rowBlock is how many rows a block of rowChains holds.
const rowBlock = 1 << 14

func (c *rowChains) at(i uint32) *chainedRow { return &c.blocks[i/rowBlock][i%rowBlock] }

// add appends r and returns its index.
func (c *rowChains) add(r rowRef) uint32 {
	if k := len(c.blocks); k == 0 || len(c.blocks[k-1]) == rowBlock {
		c.blocks = append(c.blocks, make([]chainedRow, 0, rowBlock))
	}
	last := &c.blocks[len(c.blocks)-1]
	*last = append(*last, chainedRow{rowRef: r})
	return uint32((len(c.blocks)-1)*rowBlock + len(*last) - 1)
}
