//go:build !windows

package cli

import (
	"errors"
	"syscall"
)

// readerClosed reports whether err is that of a write to a pipe whose
// reader has closed it (EPIPE, which Main asks for rather than SIGPIPE).
func readerClosed(err error) bool { return errors.Is(err, syscall.EPIPE) }
