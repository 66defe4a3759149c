package phone

import (
	_ "embed"
	"encoding/binary"
	"hash/fnv"
	"sync"
)

// automata.bin holds every region's automata built ahead from
// libphonenumber's patterns (TestBuiltAutomata writes it with -update and
// holds it, automaton by automaton, to what buildDFA builds). Building a
// region's automata costs ~0.5 ms; a list of numbers from a hundred
// countries paid ~70 ms of CPU for them on every run. Each region's are
// stored with a hash of the patterns they were built from: a region whose
// patterns differ (a library upgraded before the file was written again)
// builds its own as before.
//
// Layout, little-endian: "LADFA1", a uint16 count of regions, then per
// region its two-letter id, the uint64 hash of its patterns, the uint32
// length of the rest: a byte of flags (which of leading, idd and npMatch
// follow types) and each automaton as a uint32 count of states n, then
// next (10n uint16), mid (n) and end (n).
//
//go:embed automata.bin
var automataBin []byte

const automataMagic = "LADFA1"

// builtAutomata returns the region's automata built ahead, when they were
// built from pats.
func builtAutomata(region string, pats automataPatterns) (automata, bool) {
	index := loadAutomataIndex()
	at, ok := index[region]
	if !ok || at.hash != pats.hash() {
		return automata{}, false
	}
	return decodeAutomata(automataBin[at.off:at.end])
}

type automataAt struct {
	hash     uint64
	off, end int
}

var loadAutomataIndex = sync.OnceValue(func() map[string]automataAt {
	index := map[string]automataAt{}
	b := automataBin
	if len(b) < len(automataMagic)+2 || string(b[:len(automataMagic)]) != automataMagic {
		return index
	}
	n := int(binary.LittleEndian.Uint16(b[len(automataMagic):]))
	index = make(map[string]automataAt, n)
	off := len(automataMagic) + 2
	for range n {
		if off+14 > len(b) {
			return map[string]automataAt{} // damaged: build them all
		}
		id := string(b[off : off+2])
		hash := binary.LittleEndian.Uint64(b[off+2:])
		size := int(binary.LittleEndian.Uint32(b[off+10:]))
		off += 14
		if off+size > len(b) {
			return map[string]automataAt{}
		}
		index[id] = automataAt{hash: hash, off: off, end: off + size}
		off += size
	}
	return index
})

// hash identifies the patterns: FNV-1a of each, with its place.
func (p automataPatterns) hash() uint64 {
	h := fnv.New64a()
	for _, s := range p.types {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	for _, s := range []string{p.leading, p.idd, p.npMatch} {
		h.Write([]byte{1})
		h.Write([]byte(s))
	}
	return h.Sum64()
}

// The flags of a region's record: which of its optional automata follow.
const (
	hasLeading byte = 1 << iota
	hasIDD
	hasNPMatch
)

// appendAutomata appends the record of a (the part after its length).
func appendAutomata(b []byte, a automata) []byte {
	var flags byte
	for i, d := range []*dfa{a.leading, a.idd, a.npMatch} {
		if d != nil {
			flags |= 1 << i
		}
	}
	b = append(b, flags)
	for _, d := range []*dfa{a.types, a.leading, a.idd, a.npMatch} {
		if d == nil {
			continue
		}
		b = binary.LittleEndian.AppendUint32(b, uint32(len(d.end)))
		for _, v := range [][]uint16{d.next, d.mid, d.end} {
			for _, x := range v {
				b = binary.LittleEndian.AppendUint16(b, x)
			}
		}
	}
	return b
}

// decodeAutomata reads what appendAutomata wrote; false when b is not
// such a record.
func decodeAutomata(b []byte) (automata, bool) {
	var a automata
	if len(b) < 1 {
		return a, false
	}
	flags := b[0]
	b = b[1:]
	slots := []struct {
		d       **dfa
		present bool
	}{{&a.types, true}, {&a.leading, flags&hasLeading != 0}, {&a.idd, flags&hasIDD != 0}, {&a.npMatch, flags&hasNPMatch != 0}}
	for _, slot := range slots {
		if !slot.present {
			continue
		}
		var ok bool
		if *slot.d, b, ok = decodeDFA(b); !ok {
			return automata{}, false
		}
	}
	return a, len(b) == 0
}

// decodeDFA reads one automaton off the front of b.
func decodeDFA(b []byte) (*dfa, []byte, bool) {
	if len(b) < 4 {
		return nil, nil, false
	}
	n := int(binary.LittleEndian.Uint32(b))
	b = b[4:]
	if n < 2 || n > maxDFAStates+1 || len(b) < 24*n {
		return nil, nil, false
	}
	u := make([]uint16, 12*n)
	for i := range u {
		u[i] = binary.LittleEndian.Uint16(b[2*i:])
		if i < 10*n && int(u[i]) >= n { // a transition out of the automaton
			return nil, nil, false
		}
	}
	return &dfa{next: u[: 10*n : 10*n], mid: u[10*n : 11*n : 11*n], end: u[11*n:]}, b[24*n:], true
}
