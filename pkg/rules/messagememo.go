package rules

import (
	"sync/atomic"
	"time"
)

// messageMemo keeps the messages of the rules that fire on a large share
// of rows and whose text one date or one count decides, given the
// Checker's policy and Now: stale, consent-expired and over-messaged. A
// list has few distinct dates, so each message is built once, and the
// very same string goes to every finding that has it: the findings file
// and the reports' caches then know it by the address of its bytes,
// without reading them (on a million rows these rules raise 1.2 million
// findings with some thousand distinct messages).
//
// The workers of a run share it without a lock: a slot holds a pointer to
// an entry that is never changed once stored, and two workers that miss
// the same slot at once each store a correct entry.
type messageMemo struct {
	slots [memoSlots]atomic.Pointer[memoEntry]
}

// memoSlots is a power of two; a slot lost to another key costs one
// message built again. Each kind has memoKindStride slots (15 years of
// days) before it meets the next.
const (
	memoSlots      = 1 << 14
	memoKindStride = memoSlots / 3
)

// memoKind says which message a key is of.
type memoKind uint8

const (
	memoStale memoKind = iota + 1
	memoExpired
	memoOverMessaged
)

type memoEntry struct {
	kind memoKind
	// key and nsec decide the message: a time's Unix seconds and
	// nanoseconds (a message shows the time and its age to the second),
	// or a count.
	key  int64
	nsec int
	msg  string
}

// slot is where (kind, key, nsec) is kept: near is the key's neighbourhood
// (a time's day, a count), which puts a list's dates, a few years of days,
// each in a slot of its own; the kinds lie memoKindStride slots apart.
func (m *messageMemo) slot(kind memoKind, near int64) *atomic.Pointer[memoEntry] {
	return &m.slots[(uint64(near)+uint64(kind)*memoKindStride)&(memoSlots-1)]
}

// message returns the message of (kind, key, nsec), built by build on a
// miss: build writes it into the text it is given, whose bytes are then
// copied (a memoised message must not keep a block of others alive).
func (m *messageMemo) message(e *emitter, kind memoKind, key int64, nsec int, near int64, build func(*text)) string {
	slot := m.slot(kind, near)
	if p := slot.Load(); p != nil && p.kind == kind && p.key == key && p.nsec == nsec {
		return p.msg
	}
	t := e.text("")
	build(t)
	msg := t.copied()
	slot.Store(&memoEntry{kind: kind, key: key, nsec: nsec, msg: msg})
	return msg
}

// timeMessage is message for a message that time t decides.
func (m *messageMemo) timeMessage(e *emitter, kind memoKind, t time.Time, build func(*text)) string {
	secs, nsec := t.Unix(), t.Nanosecond()
	day, rest := secs/secondsPerDay, secs%secondsPerDay
	near := day
	if rest != 0 || nsec != 0 { // a time of day: anywhere
		near ^= int64((uint64(rest)<<30 ^ uint64(nsec)) * 0x9e3779b97f4a7c15 >> 40)
	}
	return m.message(e, kind, secs, nsec, near, build)
}

const secondsPerDay = 24 * 60 * 60
