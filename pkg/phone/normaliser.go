package phone

import (
	"hash/maphash"
	"strings"
	"sync"

	"github.com/nyaruka/phonenumbers"
)

// Normaliser memoises Parse by (raw text, region): the same text is a
// different number under another region. It is safe for concurrent use.
// The memo is bounded: a shard that fills up is emptied, so memory stays
// flat on lists where few numbers repeat.
//
// Only answers the library had to give are memoised: the fast path costs
// less than a memo lookup (hash, lock, map probe) and on real lists few
// cells repeat verbatim, so memoising it would only add time and memory.
type Normaliser struct {
	seed   maphash.Seed
	shards [shardCount]shard
}

const (
	shardCount   = 64
	shardEntries = 4096
)

type memoKey struct{ raw, region string }

type shard struct {
	mu sync.Mutex
	m  map[memoKey]Number
}

// NewNormaliser returns an empty memoising normaliser.
func NewNormaliser() *Normaliser { return &Normaliser{seed: maphash.MakeSeed()} }

// Normalise returns Parse(raw, region), from the memo when it has it.
func (z *Normaliser) Normalise(raw, region string) Number {
	s := Clean(raw)
	if region == "" && !hasPlus(s) {
		return Number{Problem: NoRegion, Type: phonenumbers.UNKNOWN}
	}
	if n, ok := parseFast(s, region); ok {
		return n
	}
	k := memoKey{raw, region}
	sh := &z.shards[maphash.String(z.seed, raw)%shardCount]
	sh.mu.Lock()
	n, ok := sh.m[k]
	sh.mu.Unlock()
	if ok {
		return n
	}
	n = parseTrimmedWithLibrary(s, region)
	sh.mu.Lock()
	if sh.m == nil || len(sh.m) >= shardEntries {
		sh.m = make(map[memoKey]Number, 64)
	}
	// The memo outlives the call: it keeps copies, not the caller's
	// strings, which may hold a whole batch of cells (listaudit fix).
	sh.m[memoKey{strings.Clone(raw), strings.Clone(region)}] = n
	sh.mu.Unlock()
	return n
}

// Keys returns a function giving the integer key (Number.Key) of a cell
// read with region, whether it is a valid number, and when it is not,
// whether that is only for want of a region (Problem NoRegion): what
// suppression lists and send logs match numbers by.
func (z *Normaliser) Keys(region string) func(raw string) (key uint64, ok, noRegion bool) {
	return func(raw string) (uint64, bool, bool) {
		n := z.Normalise(raw, region)
		return n.Key, n.Valid, n.Problem == NoRegion
	}
}
