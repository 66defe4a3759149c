package input

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// The JSON array's fast path. json.Decoder reads an array element by
// scanning it twice (once to find its end, once more to copy it into a
// json.RawMessage), ~5 µs an element: it made a JSON array twice as slow to
// read as the same objects as NDJSON. arrayCutter cuts each object element
// out of the stream by its braces alone and leaves checking it to the
// flattener's scan, which reads it anyway (objectDecoder.element). Anything
// else (an element that is not an object, data after the array, the end
// of the input, a read error) is handed to json.Decoder at the point where
// the cutter stood, so the decoder reads and words it exactly as it did
// before. TestArraysByHandReadTheSame and FuzzArraysByHand hold the two to
// the same records.
//
// The cutter also resynchronises after a syntax error, so one damaged
// element does not cost every contact after it: an object element that is
// not valid JSON is cut out by its braces and becomes a malformed record
// (its text kept), and a missing comma between two objects is read past
// with a warning. A decoder that fails hands the rest of the input to a
// cutter standing where it failed (jsonArraySource.recover); where that
// cutter cannot read on either (a string or bracket that never closes,
// bytes that start no value), the rest of the file becomes one malformed
// record, so its text is kept and no contact in it is lost silently.

// arraysByHand switches the cutter on; tests switch it off to compare.
var arraysByHand = true

// arrayCutter yields the elements of a top-level JSON array.
type arrayCutter struct {
	r *Reader
	// in is what the cutter reads: the Reader's content, or the input a
	// failed decoder left.
	in io.Reader
	// buf[at:] is read and not yet consumed; line is the line of buf[at].
	buf  []byte
	at   int
	line int
	eof  bool
	err  error // a read error, handed on to the decoder
	// first is set before the first element: the cutter stands right
	// after the '[' rather than after an element.
	first bool
	done  bool
	// wrapped: the array is a member of a top-level object (an API
	// export), whose other members follow it.
	wrapped bool
	// failed, set on a cutter that took over from a failed decoder, holds
	// the decoder's words for where the cutter stands, until the cutter
	// has read past that point: the cutter must not hand the same bytes
	// back to a decoder.
	failed string
	// decoder, once set, reads the rest of the array.
	decoder *jsonArraySource
}

// openJSONArray starts reading a JSON array by hand when it starts with
// '[', else leaves the whole input to json.Decoder.
func (r *Reader) openJSONArray() error {
	c := &arrayCutter{r: r, in: r.content, line: 1, first: true}
	r.recordStart = c.recordStart
	p := c.skipSpace(0)
	if c.byteAt(p) != '[' {
		return r.startArrayDecoder(c.rest())
	}
	c.consume(p + 1)
	return r.startObjects(c)
}

// startArrayDecoder reads the JSON array (or the object wrapping one) in
// stream, the whole input, with json.Decoder.
func (r *Reader) startArrayDecoder(stream io.Reader) error {
	src, err := r.arrayDecoder(stream)
	if err != nil {
		return err
	}
	r.recordStart = src.recordStart
	return r.startObjects(src)
}

func (r *Reader) arrayDecoder(stream io.Reader) (*jsonArraySource, error) {
	lines := &lineTracker{r: stream}
	dec := json.NewDecoder(lines)
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		if ferr := r.fatal(err); ferr != nil {
			return nil, ferr
		}
		return nil, fmt.Errorf("%s: not a JSON array of objects: %v", r.src.Path, jsonErrorText(err))
	}
	wrapped := false
	if d, ok := tok.(json.Delim); ok && d == '{' {
		// An API export: the records are an array under a key of the
		// top-level object ({"data": [...]}), the first array there.
		key, found, empty, err := seekArray(dec)
		if err != nil {
			if ferr := r.fatal(err); ferr != nil {
				return nil, ferr
			}
			return nil, fmt.Errorf("%s: not a JSON array of objects: %v", r.src.Path, jsonErrorText(err))
		}
		if !found && empty != "" {
			// An export of no records: {"data": []}.
			r.info.RecordsKey = empty
			return &jsonArraySource{r: r, dec: dec, lines: lines, done: true}, nil
		}
		if !found {
			return nil, fmt.Errorf("%s: not a JSON array of objects (it starts with an object that holds no array of objects)", r.src.Path)
		}
		r.info.RecordsKey, wrapped = key, true
	} else if !ok || d != '[' {
		return nil, fmt.Errorf("%s: not a JSON array of objects (it starts with %s)", r.src.Path, jsonKind(tok))
	}
	return &jsonArraySource{r: r, dec: dec, lines: lines, wrapped: wrapped}, nil
}

// seekArray reads the members of the object dec has just opened up to the
// first whose value is an array of objects ("tags": ["a"] is passed by),
// and leaves dec inside that array; found is false when no member is one
// (dec is then past the object), and empty then names the first member
// holding an empty array, if any.
func seekArray(dec *json.Decoder) (key string, found bool, empty string, err error) {
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return "", false, "", err
		}
		v, err := dec.Token()
		if err != nil {
			return "", false, "", err
		}
		switch v {
		case json.Delim('['):
			if startsObject(dec) {
				return k.(string), true, "", nil
			}
			if empty == "" && !dec.More() {
				empty = k.(string)
			}
			err = skipValue(dec, 1)
		case json.Delim('{'):
			err = skipValue(dec, 1)
		}
		if err != nil {
			return "", false, "", err
		}
	}
	_, err = dec.Token() // the closing brace
	return "", false, empty, err
}

// startsObject reports whether the array dec has just opened starts with
// an object, by the bytes dec has read ahead; when it has none left, it
// says yes, and an element that is no object is then a malformed record.
func startsObject(dec *json.Decoder) bool {
	var b [1]byte
	buffered := dec.Buffered()
	for {
		if n, _ := buffered.Read(b[:]); n == 0 {
			return true
		}
		if !isSpace(b[0]) {
			return b[0] == '{'
		}
	}
}

// skipValue reads tokens until depth open arrays and objects are closed.
func skipValue(dec *json.Decoder, depth int) error {
	for depth > 0 {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		switch t {
		case json.Delim('['), json.Delim('{'):
			depth++
		case json.Delim(']'), json.Delim('}'):
			depth--
		}
	}
	return nil
}

// wrapsArray reports whether head starts a JSON object that holds an array
// of objects in one of its top-level members, read far enough to tell: an
// API export, not the first line of NDJSON. A first line that is a whole
// object followed by another object is NDJSON, whatever its members.
func wrapsArray(head []byte) bool {
	if _, rest, _ := bytes.Cut(head, []byte("\n")); firstLineIsObject(head) && firstNonSpace(rest) == '{' {
		return false
	}
	dec := json.NewDecoder(bytes.NewReader(head))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return false
	}
	_, found, empty, err := seekArray(dec)
	return err == nil && (found || empty != "")
}

// rest is the input from where the cutter stands on, for a decoder to
// take over.
func (c *arrayCutter) rest() io.Reader {
	tail := c.in
	if c.err != nil {
		tail = errorReader{c.err}
	}
	return io.MultiReader(bytes.NewReader(c.buf[c.at:]), tail)
}

type errorReader struct{ err error }

func (e errorReader) Read([]byte) (int, error) { return 0, e.err }

// handOver lets a decoder read the rest of the array from where the cutter
// stands (after an element unless first). A cutter that took over from a
// failed decoder (failed) keeps the rest of the file as one malformed
// record instead.
func (c *arrayCutter) handOver(first bool) (element, error) {
	if c.failed != "" {
		return c.restAsRecord()
	}
	dec := c.r.resumeDecoder(c.rest(), c.line, first, c.wrapped)
	c.decoder, c.buf = dec, nil
	return dec.nextElement()
}

// resumeDecoder returns a decoder reading the array in stream from where a
// cutter stood, on line line: a prefix read first puts the decoder there
// ("[" inside the array, "[0 " after an element: the space ends the number
// whatever follows), inside the top-level object when the array is
// wrapped in one.
func (r *Reader) resumeDecoder(stream io.Reader, line int, first, wrapped bool) *jsonArraySource {
	prefix := "["
	if !first {
		prefix = "[0 "
	}
	if wrapped {
		prefix = `{"":` + prefix
	}
	lines := &lineTracker{r: io.MultiReader(strings.NewReader(prefix), stream), passed: line - 1}
	dec := json.NewDecoder(lines)
	dec.UseNumber()
	for range strings.Count(prefix, "[") + 2*strings.Count(prefix, "{") {
		dec.Token() // '{' and its key, '[': the prefix is valid JSON
	}
	src := &jsonArraySource{r: r, dec: dec, lines: lines, wrapped: wrapped}
	if !first {
		var element json.RawMessage
		dec.Decode(&element) // the prefix's own element: the cutter returned the real one
		src.afterElement = true
	}
	return src
}

// restAsRecord returns the rest of the input, from where the cutter
// stands, as one malformed record worded by c.failed: the JSON cannot be
// read on from here, and its text is kept whole. A rest over
// maxRecordBytes is an error, as a record that long is.
func (c *arrayCutter) restAsRecord() (element, error) {
	c.done = true
	p := c.skipSpace(0)
	if c.overLimit(p) {
		return element{}, c.r.fatal(errRecordTooLong)
	}
	if c.at+p >= len(c.buf) {
		if c.err != nil {
			return element{}, c.r.ioError(c.err)
		}
		return element{}, io.EOF
	}
	c.consume(p)
	for c.fill() {
		if int64(len(c.buf)-c.at) > maxRecordBytes {
			return element{}, fmt.Errorf("%s: line %d: invalid JSON: %s; the rest of the file is over %d MiB, too much to keep as one malformed record",
				c.r.src.Path, c.line, c.failed, maxRecordBytes>>20)
		}
	}
	if c.err != nil {
		return element{}, c.r.ioError(c.err)
	}
	return element{line: c.line, data: bytes.TrimRight(c.buf[c.at:], " \t\r\n"),
		malformed: "invalid JSON: " + c.failed + "; the rest of the file is kept as this one record"}, nil
}

func (c *arrayCutter) nextElement() (element, error) {
	if c.decoder != nil {
		return c.decoder.nextElement()
	}
	if c.done {
		return element{}, io.EOF
	}
	p := c.skipSpace(0)
	if c.overLimit(p) {
		return element{}, c.r.fatal(errRecordTooLong)
	}
	missingComma := false
	if !c.first {
		switch c.byteAt(p) {
		case ',':
			if p = c.skipSpace(p + 1); c.overLimit(p) {
				return element{}, c.r.fatal(errRecordTooLong)
			}
		case '{':
			// Two objects with no comma between them: nothing is in doubt,
			// and stopping here would lose every contact after it. Said
			// once the object is whole (else a decoder words the rest).
			missingComma = true
		case ']':
			if !c.wrapped && c.atEnd(c.skipSpace(p+1)) {
				c.done = true
				return element{}, io.EOF
			}
			return c.handOver(false)
		default:
			return c.handOver(false)
		}
	}
	switch c.byteAt(p) {
	case '{':
	case ']':
		if c.first && !c.wrapped && c.atEnd(c.skipSpace(p+1)) {
			c.done = true
			return element{}, io.EOF
		}
		return c.handOver(c.first)
	default:
		return c.handOver(c.first)
	}
	end, ok := c.objectEnd(p)
	if !ok {
		if c.err == nil && int64(len(c.buf)-c.at) > maxRecordBytes {
			return element{}, c.r.fatal(errRecordTooLong)
		}
		return c.handOver(c.first)
	}
	c.consume(p) // the white space and comma before the element
	data := c.buf[c.at : c.at+end-p]
	line := c.line
	if missingComma {
		c.r.warn(fmt.Sprintf("%s: line %d: invalid JSON: expected comma after array element; read on as if it were there", c.r.src.Path, line))
	}
	c.consume(end - p)
	c.first, c.failed = false, ""
	return element{line: line, data: data, unchecked: true}, nil
}

// jsonLongHint is what a JSON element over maxRecordBytes may be.
const jsonLongHint = "a string opened there and never closed, or an element or a run of white space that long?"

// recordStart is the line of the element being read, for the error that
// it is too long (Reader.tooLong): the cutter stands after the element
// before it, or the decoder it handed over to reads it.
func (c *arrayCutter) recordStart() (int, string) {
	if c.decoder != nil {
		return c.decoder.recordStart()
	}
	return restStart(bytes.NewReader(c.buf[c.at:]), c.line), jsonLongHint
}

// recordStart is the cutter's, for a decoder.
func (s *jsonArraySource) recordStart() (int, string) {
	if s.cutter != nil {
		return s.cutter.recordStart()
	}
	return restStart(s.dec.Buffered(), s.lines.lineAt(s.dec.InputOffset())), jsonLongHint
}

// restStart is the line an element starts on in rest, what follows the
// element before it (or the array's '['), whose first byte is on line: the
// line of its first byte but white space and one comma; in white space
// alone, the line after line, where a run of blank lines starts.
func restStart(rest io.Reader, line int) int {
	var chunk [4096]byte
	comma, breaks := false, 0
	for {
		n, err := rest.Read(chunk[:])
		for _, c := range chunk[:n] {
			switch {
			case c == ',' && !comma:
				comma = true
			case c == '\n':
				breaks++
			case !isSpace(c):
				return line + breaks
			}
		}
		if err != nil || n == 0 {
			return line + min(breaks, 1)
		}
	}
}

// objectEnd finds the end of the object at buf[at+p] by its braces and
// brackets outside strings, reading more as needed; it does not check the
// text between them. It fails at the end of the input, or when the object
// would be longer than maxRecordBytes.
func (c *arrayCutter) objectEnd(p int) (int, bool) {
	depth, inString := 0, false
	i := p
	for {
		// A read may bring a single byte, and an escape may have stepped
		// past the end: read until byte i is there.
		for c.at+i >= len(c.buf) {
			if int64(i-p) > maxRecordBytes || !c.fill() {
				return 0, false
			}
		}
		data := c.buf[c.at:]
		for i < len(data) {
			if inString {
				// Most of an object is text: jump to the next quote,
				// or to a backslash before it.
				j := bytes.IndexByte(data[i:], '"')
				if j < 0 {
					j = len(data) - i
				}
				if k := bytes.IndexByte(data[i:i+j], '\\'); k >= 0 {
					i += k + 2 // the escaped byte cannot end the string
					continue
				}
				i += j
				if i < len(data) {
					inString = false
					i++
				}
				continue
			}
			switch data[i] {
			case '"':
				inString = true
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return i + 1, true
				}
			}
			i++
		}
	}
}

// skipSpace returns the position of the first byte from p on that is not
// white space, reading more as needed.
func (c *arrayCutter) skipSpace(p int) int {
	for {
		q := skipSpace(c.buf[c.at:], p)
		// White space is bounded as a record is (overLimit): a run of
		// blank lines is not read whole into memory.
		if c.at+q < len(c.buf) || int64(q) > maxRecordBytes || !c.fill() {
			return q
		}
		p = q
	}
}

// overLimit says skipSpace stopped at p, in white space over
// maxRecordBytes, which is an error as a record that long is.
func (c *arrayCutter) overLimit(p int) bool { return int64(p) > maxRecordBytes }

// byteAt is the byte at p, or 0 at the end of the input.
func (c *arrayCutter) byteAt(p int) byte {
	if c.at+p < len(c.buf) {
		return c.buf[c.at+p]
	}
	return 0
}

func (c *arrayCutter) atEnd(p int) bool { return c.at+p >= len(c.buf) && c.eof && c.err == nil }

// consume moves past n bytes, counting their lines.
func (c *arrayCutter) consume(n int) {
	c.line += bytes.Count(c.buf[c.at:c.at+n], []byte{'\n'})
	c.at += n
}

// fill reads more input after buf's unconsumed bytes, moving them to the
// front of buf first; it reports whether it read any.
func (c *arrayCutter) fill() bool {
	if c.eof {
		return false
	}
	if c.at > 0 {
		c.buf = c.buf[:copy(c.buf, c.buf[c.at:])]
		c.at = 0
	}
	if cap(c.buf)-len(c.buf) < bufSize/2 {
		grown := make([]byte, len(c.buf), 2*cap(c.buf)+bufSize)
		copy(grown, c.buf)
		c.buf = grown
	}
	n, err := c.in.Read(c.buf[len(c.buf):cap(c.buf)])
	c.buf = c.buf[:len(c.buf)+n]
	if err != nil {
		c.eof = true
		if err != io.EOF {
			c.err = err
		}
	}
	return n > 0 || !c.eof
}
