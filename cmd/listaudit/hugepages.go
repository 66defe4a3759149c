package main

import (
	"strings"
	"unsafe"
)

// hugeHeap is how much of the heap adviseHugePages advises: the soft
// memory limit, which a million-row audit's heap stays near, and some.
const hugeHeap = memoryLimit + 32<<20

// disablesTHP reports whether a GODEBUG value sets disablethp=1; of
// repeated settings the last counts, as the runtime reads them.
func disablesTHP(godebug string) bool {
	on := false
	for setting := range strings.SplitSeq(godebug, ",") {
		if value, ok := strings.CutPrefix(setting, "disablethp="); ok {
			on = value == "1"
		}
	}
	return on
}

func addressOf(b []byte) uintptr { return uintptr(unsafe.Pointer(unsafe.SliceData(b))) }
