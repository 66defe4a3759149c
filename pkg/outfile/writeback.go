package outfile

import "os"

// A report of a million rows is a gigabyte, which the temporary file holds
// before Close syncs it. Left to the kernel, all of it is dirty in memory
// at once: the writes stall when the kernel throttles writers of that many
// dirty pages, and the final sync waits for the whole gigabyte. A large
// file therefore has its disk space reserved ahead of the writes, in
// reserveStep runs, and its writing to disk started behind them every
// writebackStep bytes, so that little is left for the sync. Small files,
// nearly all, pass below startAt untouched.
const (
	startAt       = 8 << 20
	writebackStep = 8 << 20
	reserveStep   = 64 << 20
)

// diskPace paces one temporary file's writing to disk (see startAt).
type diskPace struct {
	written  int64 // bytes written through Write
	synced   int64 // bytes whose writing to disk was started
	reserved int64 // bytes of disk reserved from the start
}

// write writes b to f at its offset, as f.Write does, reserving and
// starting writeback as described above. The pacing is only a hint to the
// system: its failures change nothing that is written, so they are not
// reported (a full disk shows in the write).
func (d *diskPace) write(f *os.File, b []byte) (int, error) {
	end := d.written + int64(len(b))
	if end > startAt && end > d.reserved {
		if reserve(f, d.reserved, end-d.reserved+reserveStep) {
			d.reserved = end + reserveStep
		} else {
			d.reserved = -1 << 62 // not supported here: stop trying
		}
	}
	n, err := f.Write(b)
	d.written += int64(n)
	if d.written-d.synced >= writebackStep && d.written > startAt {
		startWriteback(f, d.synced, d.written-d.synced)
		d.synced = d.written
	}
	return n, err
}

// trim gives back the disk reserved past the file's end. The end is the
// file's size, not what went through write: ReadFrom and WriteAt, which
// os.File has too, do not.
func (d *diskPace) trim(f *os.File) error {
	if d.reserved <= d.written {
		return nil
	}
	d.reserved = 0
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	return f.Truncate(fi.Size())
}
