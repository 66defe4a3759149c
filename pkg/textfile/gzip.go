package textfile

import (
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"strings"
)

// GzipReader decompresses a gzip stream. Its errors say that the
// compressed data is at fault: a cut-short file would otherwise read as a
// bare "unexpected EOF".
type GzipReader struct{ gz *gzip.Reader }

// NewGzipReader starts reading the gzip stream r.
func NewGzipReader(r io.Reader) (*GzipReader, error) {
	gz, err := gzip.NewReader(r)
	if err != nil {
		return nil, gzipError(err)
	}
	return &GzipReader{gz}, nil
}

func (g *GzipReader) Read(p []byte) (int, error) {
	n, err := g.gz.Read(p)
	if err != nil && err != io.EOF {
		err = gzipError(err)
	}
	return n, err
}

// Close releases the decompressor; it does not close the underlying reader.
func (g *GzipReader) Close() error { return g.gz.Close() }

func gzipError(err error) error {
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return fmt.Errorf("gzip: the file is cut short (%w)", err)
	case strings.HasPrefix(err.Error(), "gzip: "):
		return err
	}
	return fmt.Errorf("gzip: %w", err)
}
