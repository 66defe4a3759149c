package main

import "golang.org/x/sys/unix"

// adviseHugePages asks Linux to back the first size bytes of the heap with
// 2 MiB pages (transparent huge pages) where the system leaves that to the
// program (THP "madvise", as Ubuntu and many cloud images set it). A
// million-row audit touches ~140 MB of heap: in 4 KiB pages that is some
// 35,000 page faults, each costly on a virtual machine, and the duplicates
// table's random reads miss the TLB; in 2 MiB pages the faults are a few
// thousand and the run takes ~12–19% less CPU (bench/README.md). The Go
// runtime no longer asks this for its heap (golang/go#61718, #64332): an
// allocation's page fault may then wait while the kernel compacts memory,
// a risk a server takes badly and a run of seconds well.
//
// The runtime maps the heap's memory for one allocation of size bytes,
// which is dropped at once; the advice stays on that mapping, which the
// runtime keeps (returning pages to the system does not unmap them) and
// fills with the run's allocations. GODEBUG=disablethp=1, the runtime's
// setting against huge pages, turns this off too. It returns where the
// advised memory starts, for the tests.
func adviseHugePages(size int, godebug string) (uintptr, error) {
	if disablesTHP(godebug) {
		return 0, nil
	}
	b := make([]byte, size)
	return addressOf(b), unix.Madvise(b, unix.MADV_HUGEPAGE)
}
