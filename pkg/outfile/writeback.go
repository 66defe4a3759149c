package outfile

import (
	"os"
	"unsafe"
)

// A report of a million rows is a gigabyte, which the temporary file holds
// before Close syncs it. Written through the page cache, the kernel copies
// every byte into pages it must first find (the more so when other
// processes fill memory too), all of it is dirty at once, the writes stall
// when the kernel throttles writers of that many dirty pages, and the
// final sync waits for the whole gigabyte. So once a file passes startAt:
//
//   - where the system allows it (Linux), the rest goes straight to disk
//     (O_DIRECT) in blocks of stageSize, gathered in a buffer aligned as
//     direct writes need; the last bytes, less than a block, go through
//     the page cache as before;
//   - where it does not, its writing to disk is started behind the writes
//     every writebackStep bytes, so that little is left for the sync.
//
// Disk space is not reserved ahead (fallocate): on a nearly full disk a
// reservation that fails keeps what it got, and one that succeeds takes
// space another output of the same run needs, so a run that fits failed.
//
// Small files, nearly all, pass below startAt untouched.
const (
	startAt       = 8 << 20
	writebackStep = 8 << 20
	stageSize     = 4 << 20
	// directAlign is what direct writes' memory, offsets and lengths are
	// multiples of: the largest logical block size of common disks.
	directAlign = 4096
)

// diskPace paces one temporary file's writing to disk (see startAt).
type diskPace struct {
	written int64 // bytes taken by write: the file's offset once stage is written
	synced  int64 // bytes whose writing to disk was started
	// stage gathers the bytes to write directly (nil: none are); it starts
	// at an offset that is a multiple of directAlign.
	stage []byte
	// buffered is set once the file is written through the page cache to
	// its end: direct writes failed, or were ended by finish.
	buffered bool
}

// write writes b to f at its offset, as f.Write does, directly or paced as
// described above. Bytes staged for a direct write are written by a later
// write or by finish, which report a failure to write them. Reserving
// disk and starting writeback are hints to the system: their failures
// change nothing that is written, so they are not reported (a full disk
// shows in the write).
func (d *diskPace) write(f *os.File, b []byte) (int, error) {
	end := d.written + int64(len(b))
	if d.stage == nil && !d.buffered && end > startAt {
		n, err := d.startDirect(f, b)
		if err != nil || d.stage == nil {
			return n, err
		}
		return d.stageBytes(f, b[n:], n)
	}
	if d.stage != nil {
		return d.stageBytes(f, b, 0)
	}
	n, err := f.Write(b)
	d.written += int64(n)
	if d.written-d.synced >= writebackStep && d.written > startAt {
		startWriteback(f, d.synced, d.written-d.synced)
		d.synced = d.written
	}
	return n, err
}

// startDirect writes the start of b through the page cache up to an
// offset where direct writes may start, and turns them on. It returns how
// much of b it wrote; stage stays nil when direct writes are not to be.
func (d *diskPace) startDirect(f *os.File, b []byte) (int, error) {
	k := int(-d.written & (directAlign - 1)) // to the next aligned offset
	if k > len(b) {
		k = len(b)
	}
	n, err := f.Write(b[:k])
	d.written += int64(n)
	if err != nil || n < len(b) && !setDirect(f, true) {
		d.buffered = true
		if err == nil {
			var m int
			m, err = f.Write(b[n:])
			d.written += int64(m)
			n += m
		}
		return n, err
	}
	if n < len(b) {
		d.stage = alignedBuffer(stageSize)
	}
	return n, nil
}

// stageBytes gathers b for direct writes, writing every full stage; done
// is what the caller wrote of its bytes before.
func (d *diskPace) stageBytes(f *os.File, b []byte, done int) (int, error) {
	for len(b) > 0 {
		k := copy(d.stage[len(d.stage):cap(d.stage)], b)
		d.stage = d.stage[:len(d.stage)+k]
		b = b[k:]
		d.written += int64(k)
		done += k
		if len(d.stage) < cap(d.stage) {
			continue
		}
		if err := d.writeStage(f); err != nil {
			return done, err
		}
		if d.stage == nil { // direct writes failed: the rest as before
			n, err := f.Write(b)
			d.written += int64(n)
			return done + n, err
		}
	}
	return done, nil
}

// writeStage writes the stage's whole blocks directly, keeping the rest
// staged. Should the system refuse (a file system that does not take
// direct writes of these sizes), they are written through the page cache,
// as is the rest of the file.
func (d *diskPace) writeStage(f *os.File) error {
	whole := len(d.stage) &^ (directAlign - 1)
	n, err := f.Write(d.stage[:whole])
	if err != nil && n == 0 && setDirect(f, false) {
		d.buffered = true
		n, err = f.Write(d.stage[:whole])
	}
	if err != nil {
		return err
	}
	rest := copy(d.stage, d.stage[whole:])
	d.stage = d.stage[:rest]
	if d.buffered {
		return d.finish(f)
	}
	return nil
}

// finish writes what is staged and turns direct writes off: the last
// bytes, less than a block, go through the page cache. After it the file
// holds every byte write took, and is written through the page cache.
func (d *diskPace) finish(f *os.File) error {
	if d.stage == nil {
		d.buffered = true
		return nil
	}
	if len(d.stage) >= directAlign && !d.buffered {
		if err := d.writeStage(f); err != nil {
			return err
		}
	}
	if !d.buffered && !setDirect(f, false) {
		return errStayDirect
	}
	d.buffered = true
	rest := d.stage
	d.stage = nil
	_, err := f.Write(rest)
	return err
}

// alignedBuffer is an empty buffer of capacity n whose memory starts at a
// multiple of directAlign.
func alignedBuffer(n int) []byte {
	b := make([]byte, n+directAlign)
	skip := int(-uintptr(unsafe.Pointer(unsafe.SliceData(b))) & (directAlign - 1))
	return b[skip : skip : skip+n]
}
