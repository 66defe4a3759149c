package rules

// How Duplicates keeps rows: a number seen once has its row packed into
// its table slot; the rows of a number that repeats are chained in
// rowChains, packed too.

// A packed row is a word, from the top bit down: 0 (chainedBit, or in
// rowChains wholeBit), optedOut, the row's scope (seven bits), consent and
// opt-out dates as days (dayBits each, 0 when empty), and the row's low
// rowLowBits bits; beside it, 14 bits index its rowContext (in a slot the
// key word's bits above keyBits).
const (
	optedOutBit  = 1 << 62
	scopeShift   = 55
	scopeBits    = 7
	consentShift = 39
	optOutShift  = 23
	dayBits      = 16
	rowLowBits   = 23
	rowLowMask   = 1<<rowLowBits - 1
	// maxContexts is how many the key word's top bits can index.
	maxContexts = 1 << (64 - keyBits)
	secondsADay = 86400
)

// A chained value is a slot's value word for a number whose rows are in
// rowChains: chainedBit, anyOptedOutBit (whether any of its rows is opted
// out or malformed, so Conflicts skips numbers with nothing to conflict
// with), and the
// indexes of its first and last row, 31 bits each.
const (
	chainedBit     = 1 << 63
	anyOptedOutBit = 1 << 62
	chainIndexMask = 1<<31 - 1
)

func chained(head, tail uint32, anyOptedOut bool) uint64 {
	v := chainedBit | uint64(head)<<31 | uint64(tail)
	if anyOptedOut {
		v |= anyOptedOutBit
	}
	return v
}

func chainHead(val uint64) uint32 { return uint32(val>>31) & chainIndexMask }
func chainTail(val uint64) uint32 { return uint32(val) & chainIndexMask }

// rowContext is what a packed row shares with most rows of its file.
type rowContext struct {
	file      int32
	column    uint16
	lineDelta int32 // line minus row: the lines quoted line breaks added
	rowHigh   int32 // the row's bits above rowLowBits
}

// packRow packs r and returns its context's index, and false when r does
// not pack: a malformed row, a date that is not a whole day from 1970 to
// 2149, or more contexts than 14 bits index.
func (d *Duplicates) packRow(r rowRef) (uint16, uint64, bool) {
	consent, ok1 := dayOf(r.consentAt)
	optOut, ok2 := dayOf(r.optedOutAt)
	if !ok1 || !ok2 || r.scope >= 1<<scopeBits || r.malformed() {
		return 0, 0, false
	}
	ctx, ok := d.contexts.number(rowContext{file: r.file, column: r.column, lineDelta: r.line - r.row, rowHigh: r.row >> rowLowBits}, maxContexts)
	if !ok {
		return 0, 0, false
	}
	val := uint64(r.scope)<<scopeShift | consent<<consentShift | optOut<<optOutShift | uint64(uint32(r.row))&rowLowMask
	if r.optedOut() {
		val |= optedOutBit
	}
	return ctx, val, true
}

// unpackRow is the row packRow packed into val with context ctx.
func (d *Duplicates) unpackRow(ctx uint16, val uint64) rowRef {
	c := d.contexts.values[ctx]
	row := c.rowHigh<<rowLowBits | int32(val&rowLowMask)
	return rowRef{
		file: c.file, row: row, line: row + c.lineDelta, column: c.column,
		flags:      flagIf(val&optedOutBit != 0, optedOutFlag),
		scope:      uint8(val>>scopeShift) & (1<<scopeBits - 1),
		consentAt:  secondsOf(val >> consentShift & (1<<dayBits - 1)),
		optedOutAt: secondsOf(val >> optOutShift & (1<<dayBits - 1)),
	}
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

// chainedRow is a row, packed (packRow) or, with wholeBit, the index of
// the row in Duplicates.whole; and the index of its number's next row: 16
// bytes (TestChainedRowSize).
type chainedRow struct {
	val  uint64
	next uint32
	ctx  uint16
}

// wholeBit marks a chainedRow whose row did not pack.
const wholeBit = 1 << 63

// rowBlock is how many rows a block of rowChains holds.
const rowBlock = 1 << 14

func (c *rowChains) at(i uint32) *chainedRow { return &c.blocks[i/rowBlock][i%rowBlock] }

// add appends r and returns its index.
func (c *rowChains) add(r chainedRow) uint32 {
	if k := len(c.blocks); k == 0 || len(c.blocks[k-1]) == rowBlock {
		c.blocks = append(c.blocks, make([]chainedRow, 0, rowBlock))
	}
	last := &c.blocks[len(c.blocks)-1]
	*last = append(*last, r)
	return uint32((len(c.blocks)-1)*rowBlock + len(*last) - 1)
}
