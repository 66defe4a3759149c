package textfile

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"strings"
)

// GzipReader decompresses a gzip stream of one or more members. Its errors
// say that the compressed data is at fault: a cut-short file would
// otherwise read as a bare "unexpected EOF", and bytes after the last
// member as a cut-short header.
type GzipReader struct {
	gz *gzip.Reader
	br *bufio.Reader // what gz reads, looked at between members
}

// gzipMagic starts every gzip member.
const gzipMagic = "\x1f\x8b"

// NewGzipReader starts reading the gzip stream r.
func NewGzipReader(r io.Reader) (*GzipReader, error) {
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReader(r)
	}
	gz, err := gzip.NewReader(br)
	if err != nil {
		return nil, gzipError(err)
	}
	// Member by member, so that what follows one is looked at here.
	gz.Multistream(false)
	return &GzipReader{gz: gz, br: br}, nil
}

func (g *GzipReader) Read(p []byte) (int, error) {
	for {
		n, err := g.gz.Read(p)
		switch {
		case err == nil:
			return n, nil
		case err != io.EOF:
			return n, gzipError(err)
		}
		// A member ended, its checksum right: another member, the end of
		// the file, or bytes that are no gzip.
		next, _ := g.br.Peek(len(gzipMagic))
		switch {
		case len(next) == 0:
			return n, io.EOF
		case string(next) != gzipMagic:
			return n, errors.New("gzip: data after the end of the compressed stream, which is not gzip (something appended to the file, or a damaged one)")
		}
		if err := g.gz.Reset(g.br); err != nil {
			return n, gzipError(err)
		}
		g.gz.Multistream(false)
		if n > 0 {
			return n, nil
		}
	}
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
