package phone

import (
	"hash/maphash"
	"sync"
)

// Normaliser memoises Parse by (raw text, region): the same text is a
// different number under another region. It is safe for concurrent use.
// The memo is bounded: a shard that fills up is emptied, so memory stays
// flat on lists where few numbers repeat.
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
	k := memoKey{raw, region}
	s := &z.shards[maphash.String(z.seed, raw)%shardCount]
	s.mu.Lock()
	n, ok := s.m[k]
	s.mu.Unlock()
	if ok {
		return n
	}
	n = Parse(raw, region)
	s.mu.Lock()
	if s.m == nil || len(s.m) >= shardEntries {
		s.m = make(map[memoKey]Number, 64)
	}
	s.m[k] = n
	s.mu.Unlock()
	return n
}
