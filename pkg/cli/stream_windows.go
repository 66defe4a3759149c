package cli

import (
	"errors"
	"syscall"
)

// errorNoData is ERROR_NO_DATA, "The pipe is being closed.", which the
// syscall package does not name.
const errorNoData syscall.Errno = 232

// readerClosed reports whether err is that of a write to a pipe whose
// reader has closed it: Windows has no SIGPIPE and no EPIPE, but these.
func readerClosed(err error) bool {
	return errors.Is(err, syscall.ERROR_BROKEN_PIPE) || errors.Is(err, errorNoData)
}
