package input

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
)

func (r *Reader) openNDJSON() error {
	return r.startObjects(&ndjsonSource{r: r, br: r.content})
}

// ndjsonSource yields the non-blank lines of an NDJSON stream. Lines may be
// of any length up to maxRecordBytes; a longer one becomes a malformed
// record and is skipped.
type ndjsonSource struct {
	r    *Reader
	br   *bufio.Reader
	line int
	buf  []byte // holds a line longer than br's buffer
	eof  bool
}

func (s *ndjsonSource) nextElement() (element, error) {
	for !s.eof {
		data, tooLong, err := s.readLine()
		if err != nil {
			return element{}, err
		}
		if len(data) == 0 && !tooLong && s.eof {
			break
		}
		s.line++
		if tooLong {
			return element{line: s.line, malformed: fmt.Sprintf("line is longer than %d MiB", maxRecordBytes>>20)}, nil
		}
		data = bytes.TrimSpace(data)
		if len(data) == 0 {
			continue // blank lines are not records
		}
		return element{line: s.line, data: data}, nil
	}
	return element{}, io.EOF
}

// readLine returns the next line without its newline; the slice is valid
// until the next call. A line over maxRecordBytes is consumed but not kept.
func (s *ndjsonSource) readLine() (line []byte, tooLong bool, err error) {
	chunk, err := s.br.ReadSlice('\n')
	if err != bufio.ErrBufferFull {
		if int64(len(chunk)) > maxRecordBytes+1 {
			chunk, tooLong = nil, true
		}
		line, _, err = s.endLine(chunk, err)
		return line, tooLong, err
	}
	s.buf = append(s.buf[:0], chunk...)
	for err == bufio.ErrBufferFull {
		chunk, err = s.br.ReadSlice('\n')
		if !tooLong && int64(len(s.buf)+len(chunk)) > maxRecordBytes {
			tooLong = true
			s.buf = s.buf[:0]
		}
		if !tooLong {
			s.buf = append(s.buf, chunk...)
		}
	}
	line, _, err = s.endLine(s.buf, err)
	if cap(s.buf) > 4*bufSize {
		s.buf = nil // don't keep one huge line's buffer for the rest of the file
	}
	return line, tooLong, err
}

func (s *ndjsonSource) endLine(line []byte, err error) ([]byte, bool, error) {
	switch err {
	case nil:
		return bytes.TrimSuffix(line, []byte("\n")), false, nil
	case io.EOF:
		s.eof = true
		return line, false, nil
	}
	if ferr := s.r.fatal(err); ferr != nil {
		return nil, false, ferr
	}
	return nil, false, s.r.ioError(err)
}
