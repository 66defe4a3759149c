package fix

import (
	"testing"

	"github.com/listaudit/listaudit/pkg/rules"
)

// TestRulesFitClassBits: a class holds a row's rules as bits of a uint64,
// row-malformed and duplicate among them.
func TestRulesFitClassBits(t *testing.T) {
	if n := len(rules.IDs()); n > 64 {
		t.Fatalf("%d rules do not fit a class's 64 bits", n)
	}
	c := newClasses([]int{1})
	for _, id := range rules.IDs() {
		if _, err := c.bit(id); err != nil {
			t.Fatal(err)
		}
	}
}

// TestClassesWiden: past 65536 classes the rows' classes move to 32 bits
// and keep their values.
func TestClassesWiden(t *testing.T) {
	const n = 70000
	c := newClasses([]int{n, 3})
	for r := 1; r <= n; r++ {
		c.set(idOf(0, r), c.intern(classKey{kept: uint64(r)}))
	}
	c.set(idOf(1, 3), c.intern(classKey{kept: 7}))
	c.set(idOf(1, 5), c.intern(classKey{kept: 9})) // beyond the input's rows
	if c.wide == nil || c.narrow != nil {
		t.Fatal("not widened")
	}
	for _, tc := range []struct {
		id   rowID
		want uint64
	}{{idOf(0, 1), 1}, {idOf(0, 65535), 65535}, {idOf(0, 65536), 65536}, {idOf(0, n), n}, {idOf(1, 3), 7}, {idOf(1, 5), 9}, {idOf(1, 1), 0}, {idOf(2, 1), 0}} {
		if got := c.table[c.of(tc.id)].key.kept; got != tc.want {
			t.Errorf("row %d:%d: class %d, want %d", tc.id.file(), tc.id.row(), got, tc.want)
		}
	}
}
