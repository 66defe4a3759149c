package main

import (
	"bufio"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The advised memory's mapping carries the kernel's huge-page flag (hg in
// /proc/self/smaps), whatever the system's THP mode, unless GODEBUG says
// disablethp=1.
func TestAdviseHugePagesMarksTheHeap(t *testing.T) {
	at, err := adviseHugePages(8<<20, "")
	if err != nil {
		t.Fatalf("adviseHugePages: %v", err)
	}
	if flags := vmFlags(t, at); !slices.Contains(flags, "hg") {
		t.Errorf("VmFlags of the advised mapping = %v, want hg among them", flags)
	}
	if at, err := adviseHugePages(8<<20, "gctrace=0,disablethp=1"); at != 0 || err != nil {
		t.Errorf("with disablethp=1: adviseHugePages = %#x, %v; want 0, nil (nothing advised)", at, err)
	}
}

// vmFlags is the VmFlags of the mapping holding address at.
func vmFlags(t *testing.T, at uintptr) []string {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skipf("no smaps here: %v", err)
	}
	defer f.Close()
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if lo, hi, ok := mappingRange(line); ok {
			in = lo <= at && at < hi
			continue
		}
		if rest, ok := strings.CutPrefix(line, "VmFlags:"); ok && in {
			return strings.Fields(rest)
		}
	}
	t.Fatalf("no mapping holds %#x", at)
	return nil
}

// mappingRange reads the address range a smaps mapping's first line
// starts with ("7f…000-7f…000 rw-p …").
func mappingRange(line string) (lo, hi uintptr, ok bool) {
	addrs, _, _ := strings.Cut(line, " ")
	l, h, found := strings.Cut(addrs, "-")
	a, errLo := strconv.ParseUint(l, 16, 64)
	b, errHi := strconv.ParseUint(h, 16, 64)
	if !found || errLo != nil || errHi != nil {
		return 0, 0, false
	}
	return uintptr(a), uintptr(b), true
}
