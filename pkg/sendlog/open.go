package sendlog

import (
	"bytes"
	"errors"
	"io"
	"path/filepath"
	"strings"
)

// Formats a send log can be in.
const (
	FormatCSV    = "csv"
	FormatNDJSON = "ndjson"
)

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
