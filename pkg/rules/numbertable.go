package rules

import "math/bits"

// numberTable is the per-number index of Duplicates: an open-addressing
// table with linear probing and power-of-two growth, each slot 16 bytes
// (a key word and a value word) held inline, so a lookup costs one run of
// adjacent slots instead of a map's buckets plus the row it points at.
// Keys are numbers' E.164 digits as integers below 2^keyBits; the key
// word's top bits are the caller's (Duplicates keeps a row context
// there). Full keys are compared, so distinct numbers whose hashes meet
// are never merged. A zero key word marks an empty slot, so key 0 is not
// held here (Duplicates keeps such numbers apart).
type numberTable struct {
	slots []numberSlot
	// shift turns a hash into a slot index: 64 - log2(len(slots)).
	shift uint
	n     int
}

// numberSlot is one entry: 16 bytes (TestNumberSlotSize).
type numberSlot struct{ key, val uint64 }

const (
	// keyBits holds every E.164 number: at most 15 digits < 2^50.
	keyBits = 50
	keyMask = 1<<keyBits - 1
	// minSlots is the first table's size.
	minSlots = 1 << 10
)

// packedKey reports whether key can be held by a numberTable.
func packedKey(key uint64) bool { return key != 0 && key <= keyMask }

// home is the first slot to probe for key: Fibonacci hashing spreads the
// near-consecutive integers of a number range over the whole table.
func (t *numberTable) home(key uint64) uint64 { return (key * 0x9E3779B97F4A7C15) >> t.shift }

// lookup returns key's slot, or nil when key is absent.
func (t *numberTable) lookup(key uint64) *numberSlot {
	if t.n == 0 {
		return nil
	}
	mask := uint64(len(t.slots) - 1)
	for i := t.home(key); ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.key == 0 {
			return nil
		}
		if s.key&keyMask == key {
			return s
		}
	}
}

// claim returns key's slot and true when key is present, or a new slot
// holding key (with a zero value) and false. The slot is valid until the
// next claim.
func (t *numberTable) claim(key uint64) (*numberSlot, bool) {
	if len(t.slots) == 0 {
		t.resize(minSlots)
	}
	mask := uint64(len(t.slots) - 1)
	i := t.home(key)
	for ; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.key == 0 {
			break
		}
		if s.key&keyMask == key {
			return s, true
		}
	}
	// Grow at 7/8 full: beyond it the runs that a missing key walks to
	// its end get long.
	if t.n+1 > len(t.slots)/8*7 {
		t.resize(2 * len(t.slots))
		i = t.free(key)
	}
	t.n++
	s := &t.slots[i]
	s.key = key
	return s, false
}

// free returns the first empty slot of key's run.
func (t *numberTable) free(key uint64) uint64 {
	mask := uint64(len(t.slots) - 1)
	i := t.home(key)
	for t.slots[i].key != 0 {
		i = (i + 1) & mask
	}
	return i
}

// resize moves every entry to a table of size slots (a power of two).
func (t *numberTable) resize(size int) {
	old := t.slots
	t.slots = make([]numberSlot, size)
	t.shift = uint(65 - bits.Len(uint(size)))
	for _, s := range old {
		if s.key != 0 {
			t.slots[t.free(s.key&keyMask)] = s
		}
	}
}
