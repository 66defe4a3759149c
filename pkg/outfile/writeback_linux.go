package outfile

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// startWriteback starts writing n bytes of f from off to disk, without
// waiting for it.
func startWriteback(f *os.File, off, n int64) {
	control(f, func(fd int) error { return unix.SyncFileRange(fd, off, n, unix.SYNC_FILE_RANGE_WRITE) })
}

// setDirect turns f's direct writes (O_DIRECT) on or off; false when it
// could not.
func setDirect(f *os.File, on bool) bool {
	return control(f, func(fd int) error {
		flags, err := unix.FcntlInt(uintptr(fd), unix.F_GETFL, 0)
		if err != nil {
			return err
		}
		if on {
			flags |= unix.O_DIRECT
		} else {
			flags &^= unix.O_DIRECT
		}
		_, err = unix.FcntlInt(uintptr(fd), unix.F_SETFL, flags)
		return err
	})
}

// errStayDirect: a file's direct writes could not be turned off for its
// last bytes, which cannot be written directly.
var errStayDirect = errors.New("cannot turn off direct writes")

// control runs op on f's descriptor; Fd would make the file blocking.
func control(f *os.File, op func(fd int) error) bool {
	c, err := f.SyscallConn()
	if err != nil {
		return false
	}
	var opErr error
	if err := c.Control(func(fd uintptr) { opErr = op(int(fd)) }); err != nil {
		return false
	}
	return opErr == nil
}
