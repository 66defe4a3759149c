package rules

import (
	"math/rand/v2"
	"slices"
	"testing"
	"unsafe"
)

// sameHome returns n keys below keyMask, from start up, whose home slot in
// a table of size slots is the same as start's.
func sameHome(start uint64, size, n int) []uint64 {
	t := numberTable{}
	t.resize(size)
	keys := []uint64{start}
	for k := start + 1; len(keys) < n; k++ {
		if t.home(k) == t.home(start) {
			keys = append(keys, k)
		}
	}
	return keys
}

// lastHome returns n keys whose home is the last slot of a table of size
// slots, so their run wraps around to slot 0.
func lastHome(size, n int) []uint64 {
	t := numberTable{}
	t.resize(size)
	k := uint64(254700000000)
	for t.home(k) != uint64(size-1) {
		k++
	}
	return sameHome(k, size, n)
}

func TestNumberTable(t *testing.T) {
	spread := make([]uint64, 20000)
	for i := range spread {
		spread[i] = 254700000000 + uint64(i)*7
	}
	tests := []struct {
		name string
		keys []uint64
		// absent are keys never claimed, some of them in the same runs.
		absent []uint64
	}{
		{"one key", []uint64{254712345678}, []uint64{254712345679, 1}},
		{"different numbers with one home slot stay apart", sameHome(254712345678, minSlots, 40), nil},
		{"a run wraps past the last slot", lastHome(minSlots, 10), []uint64{lastHome(minSlots, 11)[10]}},
		// Keys that differ only above the bits a hash home uses, or by one
		// high bit below keyBits, are still told apart by the full key.
		{"keys that differ only in high bits", []uint64{5, 5 | 1<<40, 5 | 1<<49, 1<<49 | 1<<48}, []uint64{5 | 1<<48}},
		{"growth from the first table keeps every key", spread, []uint64{254700000001, 254700000000 + 20000*7}},
		{"the largest key", []uint64{keyMask, keyMask - 1}, []uint64{keyMask - 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var tab numberTable
			for i, k := range tt.keys {
				s, seen := tab.claim(k)
				if seen {
					t.Fatalf("claim(%d) first time: seen", k)
				}
				// The caller's bits above keyBits do not change the key.
				s.key |= uint64(i%maxContexts) << keyBits
				s.val = uint64(i) + 1
			}
			if tab.n != len(tt.keys) {
				t.Errorf("n = %d, want %d", tab.n, len(tt.keys))
			}
			if load := float64(tab.n) / float64(len(tab.slots)); load > 7.0/8 || len(tab.slots)&(len(tab.slots)-1) != 0 {
				t.Errorf("%d keys in %d slots", tab.n, len(tab.slots))
			}
			for i, k := range tt.keys {
				s := tab.lookup(k)
				if s == nil || s.val != uint64(i)+1 || s.key&keyMask != k {
					t.Fatalf("lookup(%d) = %+v, want value %d", k, s, i+1)
				}
				if again, seen := tab.claim(k); !seen || again != s {
					t.Fatalf("claim(%d) again: seen %v", k, seen)
				}
			}
			for _, k := range tt.absent {
				if s := tab.lookup(k); s != nil {
					t.Errorf("lookup(%d) of an absent key = %+v", k, s)
				}
			}
			if tab.n != len(tt.keys) {
				t.Errorf("n after lookups = %d, want %d", tab.n, len(tt.keys))
			}
		})
	}
}

func TestPackedKey(t *testing.T) {
	for k, want := range map[uint64]bool{0: false, 1: true, 999999999999999: true, keyMask: true, keyMask + 1: false, 1<<64 - 1: false} {
		if got := packedKey(k); got != want {
			t.Errorf("packedKey(%d) = %v", k, got)
		}
	}
}

// TestSlotSizes: a unique number costs one slot, a repeating number's row
// one chainedRow; neither may grow.
func TestSlotSizes(t *testing.T) {
	if n := unsafe.Sizeof(numberSlot{}); n != 16 {
		t.Errorf("numberSlot is %d bytes, want 16", n)
	}
	if n := unsafe.Sizeof(chainedRow{}); n != 16 {
		t.Errorf("chainedRow is %d bytes, want 16", n)
	}
}

// rowsOf returns the rows Duplicates keeps for key, first to last, and
// whether it records any of them opted out.
func rowsOf(d *Duplicates, key uint64) ([]rowRef, bool) {
	var slot numberSlot
	if packedKey(key) {
		s := d.numbers.lookup(key)
		if s == nil {
			return nil, false
		}
		slot = *s
	} else {
		val, ok := d.wide[key]
		if !ok {
			return nil, false
		}
		slot = numberSlot{key, val}
	}
	if slot.val&chainedBit == 0 {
		r := d.unpackRow(uint16(slot.key>>keyBits), slot.val)
		return []rowRef{r}, r.optedOut()
	}
	var rows []rowRef
	for i := chainHead(slot.val); ; i = d.rows.at(i).next {
		rows = append(rows, d.rowAt(i))
		if i == chainTail(slot.val) {
			break
		}
	}
	return rows, slot.val&anyOptedOutBit != 0
}

// TestDuplicatesKeepsEveryRow feeds random rows, packable or not, to
// Duplicates and to a map of every row, and compares what each holds:
// the same numbers, the same rows in order, the same first rows.
func TestDuplicatesKeepsEveryRow(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	day := int64(secondsADay)
	// The first four pack, the rest do not.
	dates := []int64{0, 20000 * day, 20100 * day, (1<<dayBits - 2) * day, 20000*day + 3600, -day, (1<<dayBits - 1) * day, 1 << 40}
	date := func() int64 {
		if rng.IntN(10) == 0 {
			return dates[4+rng.IntN(4)]
		}
		return dates[rng.IntN(4)]
	}
	keys := []uint64{0, 1, keyMask, keyMask + 1, 1<<64 - 1}
	for i := range 3000 {
		keys = append(keys, 254700000000+uint64(i)*13)
	}
	d := threeFileDuplicates()
	want := map[uint64][]rowRef{}
	var order []uint64
	row, line := int32(0), int32(1)
	for i := range 160000 {
		row++
		line += 1 + int32(rng.IntN(2)*rng.IntN(2)*rng.IntN(2)) // a quoted line break now and then
		if i == 80000 {
			row = 1<<rowLowBits - 5 // rows past the packed low bits
		}
		r := rowRef{
			file: int32(rng.IntN(3)), row: row, line: line, column: uint16(rng.IntN(2)),
			flags: flagIf(rng.IntN(4) == 0, optedOutFlag), scope: uint8(rng.IntN(1 << scopeBits)),
			consentAt: date(), optedOutAt: date(),
		}
		key := keys[rng.IntN(len(keys))]
		head, seen := d.record(key, r)
		if seen != (len(want[key]) > 0) {
			t.Fatalf("row %d, key %d: seen %v, want %v", i, key, seen, !seen)
		}
		if seen && d.rowAt(head) != want[key][0] {
			t.Fatalf("row %d, key %d: first row %+v, want %+v", i, key, d.rowAt(head), want[key][0])
		}
		if !seen {
			order = append(order, key)
		}
		want[key] = append(want[key], r)
	}
	if len(d.contexts.values) < maxContexts || len(d.whole) == 0 {
		t.Errorf("%d contexts, %d whole rows: the test no longer reaches the rows that do not pack", len(d.contexts.values), len(d.whole))
	}
	if d.Unique() != len(want) {
		t.Errorf("Unique() = %d, want %d", d.Unique(), len(want))
	}
	for _, key := range order {
		got, anyOptedOut := rowsOf(d, key)
		if !slices.Equal(got, want[key]) {
			t.Fatalf("key %d: rows\n%+v\nwant\n%+v", key, got, want[key])
		}
		if wantAny := slices.ContainsFunc(want[key], func(r rowRef) bool { return r.optedOut() }); anyOptedOut != wantAny {
			t.Errorf("key %d: any opted out %v, want %v", key, anyOptedOut, wantAny)
		}
		first, ok := d.First(key)
		if !ok || first.Loc != d.loc(want[key][0]) || first.OptedOut != want[key][0].optedOut() || first.ConsentAt != want[key][0].consentAt {
			t.Errorf("key %d: First = %+v", key, first)
		}
		if !d.Has(key) {
			t.Errorf("Has(%d) = false", key)
		}
	}
	if d.Has(254700000001) || d.Has(keyMask-1) {
		t.Errorf("Has of an absent number")
	}
}
