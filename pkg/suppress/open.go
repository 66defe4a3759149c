package suppress

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
)

const bufSize = 64 << 10

// content returns r's bytes decompressed when they are gzip (recognised by
// their magic bytes, whatever the file is called) and without a UTF-8 BOM,
// which spreadsheet exports add and which would otherwise spoil the first
// number or header.
func content(name string, r io.Reader) (*bufio.Reader, io.Closer, error) {
	br := bufio.NewReaderSize(r, bufSize)
	var closer io.Closer
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		gz, err := gzip.NewReader(br)
		if err != nil {
			return nil, nil, readError(name, err)
		}
		closer = gz
		br = bufio.NewReaderSize(gz, bufSize)
	}
	if b, _ := br.Peek(3); bytes.Equal(b, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	return br, closer, nil
}

// readError words an I/O error as "read NAME: reason", without repeating
// the path that os errors carry.
func readError(name string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("read %s: %w", name, err)
}
