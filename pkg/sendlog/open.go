package sendlog

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strings"
)

const bufSize = 64 << 10

// Formats a send log can be in.
const (
	FormatCSV    = "csv"
	FormatNDJSON = "ndjson"
)

// content returns r's bytes decompressed when they are gzip (recognised by
// their magic bytes, whatever the file is called) and without a UTF-8 BOM,
// which would otherwise spoil the first header.
func content(name string, r io.Reader) (*bufio.Reader, io.Closer, bool, error) {
	br := bufio.NewReaderSize(r, bufSize)
	var closer io.Closer
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		gz, err := gzip.NewReader(br)
		if err != nil {
			return nil, nil, false, readError(name, err)
		}
		closer = gz
		br = bufio.NewReaderSize(gz, bufSize)
	}
	if b, _ := br.Peek(3); bytes.Equal(b, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	return br, closer, closer != nil, nil
}

// formatOf picks a format by extension (ignoring .gz), else by the first
// byte that is not white space.
func formatOf(name string, head []byte) string {
	base := strings.TrimSuffix(strings.ToLower(filepath.Base(name)), ".gz")
	switch filepath.Ext(base) {
	case ".ndjson", ".jsonl":
		return FormatNDJSON
	case ".csv", ".tsv":
		return FormatCSV
	}
	if t := bytes.TrimLeft(head, " \t\r\n"); len(t) > 0 && t[0] == '{' {
		return FormatNDJSON
	}
	return FormatCSV
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

// errRecordTooLong stops a CSV record that runs past maxRecord bytes: an
// unclosed quote would otherwise make encoding/csv hold the rest of a
// large log in memory as one field.
var errRecordTooLong = errors.New("record too long")

// bounded sits between the content and the CSV parser; bound, called
// before each record, lets the next record read at most maxRecord bytes.
type bounded struct {
	r        io.Reader
	n, limit int64
}

func (b *bounded) Read(p []byte) (int, error) {
	if b.limit > 0 && b.n >= b.limit {
		return 0, errRecordTooLong
	}
	n, err := b.r.Read(p)
	b.n += int64(n)
	return n, err
}

func (b *bounded) bound() { b.limit = b.n + maxRecord }
