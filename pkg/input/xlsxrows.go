package input

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"unicode/utf8"
)

// The worksheet's fast path. encoding/xml's tokenizer took three quarters
// of an XLSX audit (~30 µs a row). Rows are cut from the stream by hand,
// between "<row" and "</row>", and each is read by scanRow, which gives up
// on anything it does not read exactly as the tokenizer would (namespace
// prefixes, comments, CDATA, unknown entities, carriage returns); such a
// row is read by readRow over its own bytes. FuzzScanRow holds the two to
// the same cells.

// sheetsByHand turns the fast path on; tests turn it off to compare.
var sheetsByHand = true

// startRows sets the sheet up for reading: by hand when its rows are
// plain <row> elements under a plain <sheetData>, else by the tokenizer.
func (sh *xlsxSheet) startRows() {
	sh.gap = &tagGapReader{r: sh.rc}
	br := bufio.NewReaderSize(sh.gap, 64<<10)
	head, _ := br.Peek(64 << 10)
	if i := bytes.Index(head, []byte("<sheetData")); sheetsByHand && i >= 0 && !bytes.Contains(head[:i], []byte("<!--")) {
		sh.fast = br
		return
	}
	sh.dec = xml.NewDecoder(br)
}

// nextRowFast is nextRow by hand.
func (sh *xlsxSheet) nextRowFast() (int, error) {
	br := sh.fast
	for {
		if err := toNextTag(br); err != nil {
			return 0, sh.sheetEnd(err)
		}
		next, _ := br.Peek(10)
		switch {
		case startsRow(next):
			return sh.readRowFast()
		case bytes.HasPrefix(next, []byte("/sheetData")):
			sh.done = true
			return 0, sh.nextRowAfterSheetData()
		case bytes.HasPrefix(next, []byte("!--")):
			if err := skipPast(br, "-->"); err != nil {
				return 0, err
			}
		default:
			if err := sh.readTagFast(); err != nil {
				return 0, err
			}
		}
	}
}

// readTagFast reads the rest of a tag other than a row's, whose '<' was
// read, noting the sheet's </worksheet> (sh.closed).
func (sh *xlsxSheet) readTagFast() error {
	tag, err := readTag(sh.fast, nil)
	if err == nil {
		sh.closed = closesSheet(tag)
	}
	return err
}

// closesSheet reports whether tag, a tag after its '<', is the end tag of
// the worksheet, by its local name as the tokenizer's path matches it.
func closesSheet(tag []byte) bool {
	name, ok := bytes.CutPrefix(bytes.TrimRight(tag, " \t\r\n>"), []byte("/"))
	if i := bytes.LastIndexByte(name, ':'); i >= 0 {
		name = name[i+1:]
	}
	return ok && string(name) == "worksheet"
}

// nextRowAfterSheetData reads the rest of the sheet by hand for a <row>
// after </sheetData>, which a sheet closed early would lose; io.EOF when
// there is none, io.ErrUnexpectedEOF when the XML ends before
// </worksheet> (sheetEnd).
func (sh *xlsxSheet) nextRowAfterSheetData() error {
	for {
		if err := toNextTag(sh.fast); err != nil {
			return sh.sheetEnd(err)
		}
		next, _ := sh.fast.Peek(4)
		switch {
		case startsRow(next):
			return damagedXML(sh.fastOffset()-1, "a <row> after </sheetData>")
		case len(next) > 0 && next[0] == '/':
			if err := sh.readTagFast(); err != nil {
				return err
			}
		}
	}
}

// toNextTag reads up to and including the next '<'; io.EOF at the end.
func toNextTag(br *bufio.Reader) error {
	for {
		_, err := br.ReadSlice('<')
		if !errors.Is(err, bufio.ErrBufferFull) {
			return err
		}
	}
}

// startsRow reports whether the text after a '<' is a <row> start tag.
func startsRow(next []byte) bool {
	return bytes.HasPrefix(next, []byte("row")) && len(next) > 3 && isTagEnd(next[3])
}

// fastOffset is the offset in the sheet's XML of the next byte the fast
// path reads.
func (sh *xlsxSheet) fastOffset() int64 { return sh.gap.n - int64(sh.fast.Buffered()) }

func isTagEnd(c byte) bool {
	return c == ' ' || c == '>' || c == '/' || c == '\t' || c == '\n' || c == '\r'
}

// readTag reads the rest of a tag whose '<' was read, quoted '>' and all,
// appending it to b.
func readTag(br *bufio.Reader, b []byte) ([]byte, error) {
	var quote byte
	for {
		c, err := br.ReadByte()
		if err != nil {
			return b, unexpectedEOF(err)
		}
		b = append(b, c)
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return b, nil
		}
	}
}

// skipPast reads up to and including end.
func skipPast(br *bufio.Reader, end string) error {
	var tail []byte
	for {
		c, err := br.ReadByte()
		if err != nil {
			return unexpectedEOF(err)
		}
		tail = append(tail, c)
		if len(tail) > len(end) {
			tail = tail[1:]
		}
		if string(tail) == end {
			return nil
		}
	}
}

func unexpectedEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// readRowFast reads one <row> element whose '<' was read into sh.row and
// fills sh.cells from it. A row the sheet's XML ends in is read by the
// tokenizer as far as it goes, which names the row and cell it ends in.
func (sh *xlsxSheet) readRowFast() (int, error) {
	base := sh.fastOffset() - 1 // the '<'
	b, err := readTag(sh.fast, append(sh.row[:0], '<'))
	if err != nil {
		sh.row = b
		return sh.rowTagError(err)
	}
	b, whole, err := readRowEnd(sh.fast, b)
	sh.row = b
	if err != nil {
		return 0, err
	}
	if whole {
		if num, ok := sh.scanRow(b); ok {
			return num, nil
		}
	}
	sh.cells = sh.cells[:0]
	dec := xml.NewDecoder(bytes.NewReader(b))
	sh.rowBase = base
	defer func() { sh.rowBase = 0 }()
	tok, err := dec.RawToken()
	if err != nil {
		return 0, err
	}
	start, ok := tok.(xml.StartElement)
	if !ok {
		return 0, errors.New("not a row element")
	}
	num, err := sh.readRow(dec, start)
	// A row cut by hand at a "</row>" inside a comment or CDATA section
	// does not end the sheet: the tokenizer's error is placed after the
	// last row read whole.
	if cut := (cutShort{}); whole && errors.As(err, &cut) {
		return 0, cut.err
	}
	return num, err
}

// readRowEnd reads the rest of a row whose start tag b holds, up to its
// </row>; whole is false when the sheet's XML ends first.
func readRowEnd(br *bufio.Reader, b []byte) (_ []byte, whole bool, _ error) {
	if bytes.HasSuffix(b, []byte("/>")) {
		return b, true, nil
	}
	for !endsRow(b) {
		chunk, err := br.ReadSlice('>')
		b = append(b, chunk...)
		switch {
		case err == nil || errors.Is(err, bufio.ErrBufferFull):
		case err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF):
			return b, false, nil
		default:
			return b, false, err
		}
	}
	return b, true, nil
}

// endsRow reports whether b ends with a </row> end tag.
func endsRow(b []byte) bool {
	if len(b) == 0 || b[len(b)-1] != '>' {
		return false
	}
	end := len(b) - 1
	for end > 0 && isSpace(b[end-1]) {
		end--
	}
	return bytes.HasSuffix(b[:end], []byte("</row"))
}

// byteSet is a set of bytes to look for, made once: bytes.IndexAny and
// ContainsAny build theirs on every call, which the scanner makes for
// every cell.
type byteSet [256]bool

func newByteSet(chars string) *byteSet {
	var s byteSet
	for i := range len(chars) {
		s[chars[i]] = true
	}
	return &s
}

// index returns the index of the first byte of b in the set, or -1.
func (s *byteSet) index(b []byte) int {
	for i, c := range b {
		if s[c] {
			return i
		}
	}
	return -1
}

var (
	// attrSpecial is what the scanner leaves to the tokenizer in an
	// attribute value: entities, '<', and white space it normalises.
	attrSpecial = newByteSet("&<\r\n\t")
	// textSkipped is what it leaves to the tokenizer in text it skips.
	textSkipped = newByteSet("&>")
	// textKept is what it decodes or checks in text it keeps.
	textKept = newByteSet("&\r>")
)

// scanRow reads the cells of one row's XML into sh.cells as readRow
// would, and reports whether it could.
func (sh *xlsxSheet) scanRow(b []byte) (int, bool) {
	sh.cells = sh.cells[:0]
	if !plainXML(b) {
		return 0, false
	}
	s := xmlScanner{data: b}
	attrs, selfClosing, ok := s.startTag("row")
	if !ok {
		return 0, false
	}
	num := 0
	if v, found := attrs.get("r"); found {
		num = sh.rowRef(v)
	}
	if selfClosing {
		return num, s.at == len(b)
	}
	col := -1
	for {
		t0 := s.at
		if !s.skipText() || !s.charData(s.data[t0:s.at], false) {
			return 0, false
		}
		if s.hasPrefix("</") {
			return num, s.endTag("row") && s.at == len(b)
		}
		attrs, selfClosing, ok := s.startTag("c")
		if !ok {
			return 0, false
		}
		c := xlsxCell{col: col + 1}
		if v, found := attrs.get("r"); found {
			c.setRef(v)
		}
		c.typ, _ = attrs.get("t")
		if v, found := attrs.get("s"); found {
			c.style, _ = strconv.Atoi(v)
		}
		if !selfClosing && !s.cellValue(&c) {
			return 0, false
		}
		col = c.col
		sh.cells = append(sh.cells, c)
	}
}

// plainXML reports whether b has only characters the tokenizer takes as
// they are: no carriage return (it normalises line ends), no control
// character, no invalid UTF-8 and nothing outside XML's character range
// (it rejects those).
func plainXML(b []byte) bool {
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 || r >= 0xD800 && r <= 0xDFFF || r == 0xFFFE || r == 0xFFFF {
			return false
		}
		i += size
	}
	return true
}

// xmlScanner reads the XML of one row.
type xmlScanner struct {
	data  []byte
	at    int
	text  []byte   // a cell's value, reused
	attrs xmlAttrs // reused by startTag
}

func (s *xmlScanner) hasPrefix(p string) bool {
	return len(s.data)-s.at >= len(p) && string(s.data[s.at:s.at+len(p)]) == p
}

// skipText moves to the next '<', over text that holds no markup the
// tokenizer would read differently.
func (s *xmlScanner) skipText() bool {
	i := bytes.IndexByte(s.data[s.at:], '<')
	if i < 0 {
		return false
	}
	s.at += i
	return !s.hasPrefix("<!") && !s.hasPrefix("<?")
}

// xmlAttrs are a start tag's attributes as they are in the row's bytes
// (plainXML and startTag leave none that needs decoding).
type xmlAttrs []struct{ name, value []byte }

// get returns an attribute's value, the last one when repeated, as the
// tokenizer's attribute list read in order would leave it.
func (a xmlAttrs) get(name string) (string, bool) {
	var v []byte
	found := false
	for _, at := range a {
		if string(at.name) == name {
			v, found = at.value, true
		}
	}
	return string(v), found
}

// startTag reads <name attr="v" ...> or its self-closing form. Names with
// a prefix, and values with an entity, a '<' or a line break (which the
// tokenizer normalises), are left to the tokenizer.
func (s *xmlScanner) startTag(name string) (attrs xmlAttrs, selfClosing, ok bool) {
	if s.at >= len(s.data) || s.data[s.at] != '<' {
		return nil, false, false
	}
	s.at++
	if !s.hasPrefix(name) {
		return nil, false, false
	}
	s.at += len(name)
	return s.tagRest()
}

// tagRest reads a start tag's attributes after its name, and its end.
func (s *xmlScanner) tagRest() (attrs xmlAttrs, selfClosing, ok bool) {
	attrs = s.attrs[:0]
	defer func() { s.attrs = attrs[:0] }()
	for {
		start := s.at
		s.skipSpace()
		switch {
		case s.hasPrefix("/>"):
			s.at += 2
			return attrs, true, true
		case s.hasPrefix(">"):
			s.at++
			return attrs, false, true
		case s.at == start: // an attribute must follow white space
			return nil, false, false
		}
		n0 := s.at
		for s.at < len(s.data) && (isNameByte(s.data[s.at]) || s.data[s.at] == ':') {
			s.at++
		}
		if s.at == n0 || s.at >= len(s.data) || !isNameStart(s.data[n0]) {
			return nil, false, false
		}
		attrName := s.data[n0:s.at]
		if i := bytes.LastIndexByte(attrName, ':'); i >= 0 {
			// readRow goes by local names: a prefixed r, t or s would count.
			switch string(attrName[i+1:]) {
			case "r", "t", "s", "":
				return nil, false, false
			}
		}
		s.skipSpace()
		if !s.hasPrefix("=") {
			return nil, false, false
		}
		s.at++
		s.skipSpace()
		if s.at >= len(s.data) || s.data[s.at] != '"' && s.data[s.at] != '\'' {
			return nil, false, false
		}
		quote := s.data[s.at]
		end := bytes.IndexByte(s.data[s.at+1:], quote)
		if end < 0 {
			return nil, false, false
		}
		v := s.data[s.at+1 : s.at+1+end]
		if attrSpecial.index(v) >= 0 {
			return nil, false, false
		}
		attrs = append(attrs, struct{ name, value []byte }{attrName, v})
		s.at += end + 2
	}
}

// isNameByte accepts the ASCII letters, digits and punctuation of plain
// XML names; ':' is not one, so prefixed elements go to the tokenizer.
func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.'
}

// isNameStart accepts what may begin a plain XML name.
func isNameStart(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' }

func (s *xmlScanner) skipSpace() { s.at = skipSpace(s.data, s.at) }

// endTag reads </name>.
func (s *xmlScanner) endTag(name string) bool {
	if !s.hasPrefix("</") {
		return false
	}
	s.at += 2
	if !s.hasPrefix(name) {
		return false
	}
	s.at += len(name)
	s.skipSpace()
	if !s.hasPrefix(">") {
		return false
	}
	s.at++
	return true
}

// cellValue reads a <c> element's children up to </c>: the text of <v>,
// or of the <t> runs of an inline string outside <rPh>, as readCell does.
func (s *xmlScanner) cellValue(c *xlsxCell) bool {
	s.text = s.text[:0]
	var st cellState
	// The open children's names, to check each end tag against: one that
	// does not match, or nesting deeper, is the tokenizer's to word.
	var stack [6][]byte
	open := stack[:0]
	for {
		t0 := s.at
		if !s.skipText() {
			return false
		}
		if !s.charData(s.data[t0:s.at], st.collecting()) {
			return false
		}
		end := s.hasPrefix("</")
		if end {
			s.at++
		}
		s.at++
		n0 := s.at
		for s.at < len(s.data) && isNameByte(s.data[s.at]) {
			s.at++
		}
		elem := s.data[n0:s.at]
		if len(elem) == 0 || !isNameStart(elem[0]) {
			return false
		}
		if end {
			if s.skipSpace(); !s.hasPrefix(">") {
				return false
			}
			s.at++
			if len(open) > 0 {
				if !bytes.Equal(open[len(open)-1], elem) {
					return false
				}
				open = open[:len(open)-1]
			}
			if !st.close(string(elem)) {
				if string(elem) != "c" {
					return false
				}
				c.v = string(s.text)
				return true
			}
			s.text = inlineRun(s.text, st.run, c.inlineRunEnds(string(elem)))
			continue
		}
		_, selfClosing, ok := s.tagRest()
		if !ok {
			return false
		}
		// The tokenizer reads <x/> as a start and an end.
		st.open(string(elem), len(s.text))
		if selfClosing {
			st.close(string(elem))
		} else if len(open) == cap(open) {
			return false
		} else {
			open = append(open, elem)
		}
	}
}

// charData takes character data: kept (appended to the value) or not, it must
// be what the tokenizer reads without error or change.
func (s *xmlScanner) charData(t []byte, keep bool) bool {
	if keep {
		return s.appendText(t)
	}
	// Entities and '>' outside values are rare (a formula's &gt;): the
	// tokenizer checks them.
	return textSkipped.index(t) < 0
}

// appendText adds character data with the five predefined entities
// decoded; anything else is the tokenizer's.
func (s *xmlScanner) appendText(t []byte) bool {
	for len(t) > 0 {
		i := textKept.index(t)
		if i < 0 {
			s.text = append(s.text, t...)
			return true
		}
		if t[i] != '&' {
			return false // '\r' is normalised, "]]>" is an error: the tokenizer decides
		}
		s.text = append(s.text, t[:i]...)
		t = t[i+1:]
		end := bytes.IndexByte(t, ';')
		if end < 0 {
			return false
		}
		switch ent := string(t[:end]); ent {
		case "amp":
			s.text = append(s.text, '&')
		case "lt":
			s.text = append(s.text, '<')
		case "gt":
			s.text = append(s.text, '>')
		case "quot":
			s.text = append(s.text, '"')
		case "apos":
			s.text = append(s.text, '\'')
		default:
			return false
		}
		t = t[end+1:]
	}
	return true
}
