package phone

import (
	"bytes"
	"encoding/binary"
	"os"
	"reflect"
	"slices"
	"testing"
)

// TestBuiltAutomata holds automata.bin to buildDFA: every region's
// automata, built from its patterns now, must be the very ones the file
// holds, state for state, and the file must hold every region whose
// automata can be built. Run with -update after upgrading the library.
func TestBuiltAutomata(t *testing.T) {
	want := encodeAllAutomata(t)
	if *update {
		if err := os.WriteFile("automata.bin", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(automataBin, want) {
		t.Fatalf("automata.bin differs from the automata built from the metadata (run go test ./pkg/phone -run TestBuiltAutomata -update)")
	}
	regions := 0
	for _, ri := range loadTables().byRegion {
		if ri == nil || !ri.ok {
			continue
		}
		pats := ri.patterns()
		built, err := pats.build()
		if err != nil {
			continue
		}
		got, ok := builtAutomata(ri.id, pats)
		if !ok || !reflect.DeepEqual(got, built) {
			t.Errorf("%s: the automata read from automata.bin differ from those built", ri.id)
		}
		regions++
	}
	if regions < 200 {
		t.Errorf("only %d regions checked", regions)
	}
}

// encodeAllAutomata is automata.bin as the metadata makes it now.
func encodeAllAutomata(t *testing.T) []byte {
	var ids []string
	for _, ri := range loadTables().byRegion {
		if ri != nil && ri.ok {
			ids = append(ids, ri.id)
		}
	}
	slices.Sort(ids)
	var records []byte
	n := 0
	for _, id := range ids {
		ri := loadTables().lookup(id)
		pats := ri.patterns()
		a, err := pats.build()
		if err != nil {
			t.Logf("%s: not built ahead: %v", id, err)
			continue
		}
		rec := appendAutomata(nil, a)
		records = append(records, id...)
		records = binary.LittleEndian.AppendUint64(records, pats.hash())
		records = binary.LittleEndian.AppendUint32(records, uint32(len(rec)))
		records = append(records, rec...)
		n++
	}
	out := append([]byte(automataMagic), 0, 0)
	binary.LittleEndian.PutUint16(out[len(automataMagic):], uint16(n))
	return append(out, records...)
}

// A region whose patterns are not those its automata were built ahead
// from builds its own, and a damaged record is not used.
func TestBuiltAutomataRefused(t *testing.T) {
	ri := loadTables().lookup("KE")
	pats := ri.patterns()
	if _, ok := builtAutomata("KE", pats); !ok {
		t.Fatal("KE's automata were not built ahead")
	}
	changed := pats
	changed.types = slices.Clone(pats.types)
	changed.types[len(changed.types)-1] = "^(?:7\\d{8})$"
	if _, ok := builtAutomata("KE", changed); ok {
		t.Error("automata built from other patterns were used")
	}
	at := loadAutomataIndex()["KE"]
	rec := automataBin[at.off:at.end]
	for _, cut := range []int{0, 1, 5, len(rec) - 1} {
		if _, ok := decodeAutomata(rec[:cut]); ok {
			t.Errorf("a record cut to %d bytes was read", cut)
		}
	}
	bad := slices.Clone(rec)
	binary.LittleEndian.PutUint16(bad[5:], 0xffff) // a transition to no state
	if _, ok := decodeAutomata(bad); ok {
		t.Error("a record with a transition out of its automaton was read")
	}
}

// FuzzDecodeAutomata: a record of any bytes is refused or read into
// automata that walking cannot leave: every transition names a state.
func FuzzDecodeAutomata(f *testing.F) {
	at := loadAutomataIndex()["GB"]
	f.Add(automataBin[at.off:at.end])
	f.Add([]byte{0, 2, 0, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		a, ok := decodeAutomata(b)
		if !ok {
			return
		}
		for _, d := range []*dfa{a.types, a.leading, a.idd, a.npMatch} {
			if d == nil {
				continue
			}
			if len(d.next) != 10*len(d.end) || len(d.mid) != len(d.end) {
				t.Fatalf("tables of %d, %d and %d entries", len(d.next), len(d.mid), len(d.end))
			}
			for _, s := range d.next {
				if int(s) >= len(d.end) {
					t.Fatalf("transition to state %d of %d", s, len(d.end))
				}
			}
			full(d, "0123456789")
		}
	})
}
