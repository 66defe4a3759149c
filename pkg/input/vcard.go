package input

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"mime/quotedprintable"
	"slices"
	"strconv"
	"strings"

	"github.com/listaudit/listaudit/pkg/domain"
)

// vCard columns: a vCard file is read as a table of these, one record per
// number (see multi.go), so that listaudit fix writes it back as a CSV.
var vcardHeader = []string{"FN", "TEL", "EMAIL"}

// FixedColumns returns the columns of a format whose fields no mapping
// changes, a vCard's, for init to say so rather than map them; nil for
// the formats that take --map.
func FixedColumns(format string) []string {
	if format == FormatVCard {
		return slices.Clone(vcardHeader)
	}
	return nil
}

const (
	vcardFN = iota
	vcardTEL
	vcardEMAIL
)

// vcardDecoder reads vCard 2.1, 3.0 and 4.0 (RFC 2426, RFC 6350): one
// contact per BEGIN:VCARD … END:VCARD, every TEL of it a number but fax
// and pager lines.
type vcardDecoder struct {
	r     *Reader
	br    *bufio.Reader
	line  int    // lines read
	ahead []byte // a line read ahead to see whether the next one continues it
	// nextLine is ahead's line number; hasNext says ahead holds a line.
	nextLine int
	hasNext  bool
	eof      bool
	cells    []string
	// card is the current card's lines as in the file, kept in raw mode
	// so that a malformed card's text reaches listaudit fix's quarantine.
	card []byte
	// c is what the current card holds, reused from card to card.
	c vcardCard
	// What the whole file held, for what is said at its end: cards read,
	// TELs that are numbers, fax and pager TELs.
	cards, tels, faxes int
	// badUnused counts the lines of properties the audit does not read
	// whose bytes are invalid; badFirst is the first of them.
	badUnused int
	badFirst  string
	// charsets decodes the CHARSET= values of vCard 2.1.
	charsets charsetCache
	// again holds a BEGIN:VCARD read inside an open card, on line
	// againLine, which starts the next card (its text in raw mode).
	again     []byte
	againLine int
	// looseTELs counts the TEL lines read outside any card, which are
	// not audited; looseLines are the first looseListed ones' lines.
	looseTELs  int
	looseLines []int
	// looks says what the start of the file looks like, for the error
	// that it holds no card (see noCardError).
	looks string
}

// vcardCard is what one card holds of what the audit reads.
type vcardCard struct {
	fn, n, email string
	tels         []property
	problems     []string
	line         int // of BEGIN:VCARD
	closed       bool
	// afterAgent says the last property was AGENT, which a nested card
	// (vCard 2.1) follows.
	afterAgent bool
}

func (r *Reader) openVCard(head []byte) error {
	r.info.Header = append([]string(nil), vcardHeader...)
	if r.opts.AllKeys {
		r.info.Keys = r.info.Header
	}
	r.cols[domain.FieldName] = "FN"
	r.cols[domain.FieldPhone] = "TEL"
	r.cols[domain.FieldEmail] = "EMAIL"
	// In field order: stderr is the same from run to run.
	for f := range domain.NumNamedFields {
		if r.opts.Map[f] != "" {
			r.warn(fmt.Sprintf("%s: %s is ignored: a vCard's fields are fixed (%s)", r.src.Path, r.opts.mapping(f), strings.Join(vcardHeader, ", ")))
		}
	}
	r.phoneCell = vcardTEL
	r.dec = &vcardDecoder{r: r, br: r.content, looks: looksLike(head)}
	return nil
}

// property is one content line: group.NAME;PARAMS:value.
type property struct {
	name   string // upper case, without group
	params string // as written, without the leading ';'
	value  string
}

// next reads one card: its content lines one by one (contentLine), then
// its record (emit).
func (d *vcardDecoder) next(rec *domain.Record) error {
	d.r.feed.bound()
	if err := d.begin(); err != nil {
		return err
	}
	rec.Loc.Line = d.c.line
	for !d.c.closed {
		d.r.feed.bound()
		mark := len(d.card)
		text, line, err := d.logicalLine()
		if err == io.EOF {
			d.c.problems = append(d.c.problems, "the card is not closed by END:VCARD")
			break
		}
		if err != nil {
			return err
		}
		if d.contentLine(text, line) {
			// The next card begins: this one lost its END:VCARD, and the
			// next card's name and numbers are not this one's.
			d.c.problems = append(d.c.problems, fmt.Sprintf("the card is not closed by END:VCARD before the BEGIN:VCARD of line %d", line))
			d.again, d.againLine = append(d.again[:0], d.card[mark:]...), line
			d.card = d.card[:mark]
			break
		}
	}
	d.emit(rec)
	return nil
}

// begin skips to the next BEGIN:VCARD, ignoring anything between cards,
// and starts a card. At the end of the file it says what the file held
// (end) and returns io.EOF or the file's error.
func (d *vcardDecoder) begin() error {
	if d.againLine > 0 {
		d.card = append(d.card[:0], d.again...)
		d.startCard(d.againLine)
		d.againLine = 0
		return nil
	}
	for {
		d.card = d.card[:0]
		text, line, err := d.logicalLine()
		if err == io.EOF {
			return d.end()
		}
		if err != nil {
			return err
		}
		p, ok := parseProperty(text)
		if ok && isBeginVCard(p) {
			d.startCard(line)
			return nil
		}
		if ok && p.name == "TEL" {
			if d.looseTELs++; d.looseTELs <= looseListed {
				d.looseLines = append(d.looseLines, line)
			}
		}
	}
}

func isBeginVCard(p property) bool {
	return p.name == "BEGIN" && strings.EqualFold(strings.TrimSpace(p.value), "VCARD")
}

// startCard starts a card whose BEGIN:VCARD is on line.
func (d *vcardDecoder) startCard(line int) {
	d.cards++
	d.c = vcardCard{tels: d.c.tels[:0], problems: d.c.problems[:0], line: line}
}

// end warns about the invalid bytes of properties the audit does not
// read, and stops a file whose cards hold no number at all, as a CSV
// without a phone column is stopped: one line, not a phone-missing per
// card.
func (d *vcardDecoder) end() error {
	if d.badUnused > 0 {
		d.r.warn(badUnusedWarning(d.r.src.Path, d.badUnused, d.r.invalidText(), d.badFirst))
	}
	if d.cards == 0 {
		// Content read as vCard that has no card is not an empty list:
		// most likely another format under a .vcf name or a mistaken
		// --input-format, whose rows would pass unaudited.
		return noCardError(d.r.src.Path, d.looks)
	}
	if d.looseTELs > 0 {
		d.r.warn(looseTELWarning(d.r.src.Path, d.looseTELs, d.looseLines))
	}
	if d.tels > 0 || d.r.opts.PhoneOptional {
		return io.EOF
	}
	return noTELError(d.r.src.Path, d.cards, d.faxes)
}

// noTELError is the error for a vCard file none of whose cards has a TEL
// that is a number for messages.
func noTELError(file string, cards, faxes int) error {
	in := "any card"
	if cards > 1 {
		in = fmt.Sprintf("any of its %d cards", cards)
	}
	why := "no TEL property"
	switch {
	case faxes == 1:
		why = "its one TEL is a fax or pager number, which cannot take messages"
	case faxes > 1:
		why = fmt.Sprintf("its %d TELs are fax or pager numbers, which cannot take messages", faxes)
	}
	return fmt.Errorf("%s: no phone number in %s (%s)", file, in, why)
}

// noCardError is the error for a file read as vCard with no BEGIN:VCARD
// line; looks says what it looks like instead (looksLike).
func noCardError(file, looks string) error {
	return fmt.Errorf("%s: read as vCard, but it holds no card (no BEGIN:VCARD line); %s", file, looks)
}

// looksLike says what head, the start of a file with no vCard in it,
// looks like, and how to read it.
func looksLike(head []byte) string {
	lineNo, first := firstContentLine(head)
	at := fmt.Sprintf("line %d", lineNo)
	switch formatFromContent(head) {
	case FormatJSON:
		return fmt.Sprintf("%s starts a JSON array: give --input-format json", at)
	case FormatNDJSON:
		return fmt.Sprintf("%s looks like a JSON object (NDJSON): give --input-format ndjson", at)
	}
	d := sniffDelimiter(first, true)
	if fields := countFields(nil, first, byte(d), true); len(fields) > 0 && fields[0] > 1 {
		if d == '\t' {
			return fmt.Sprintf("%s looks like a TSV header: give --input-format tsv", at)
		}
		return fmt.Sprintf("%s looks like a CSV header: give --input-format csv", at)
	}
	if p, ok := parseProperty(string(first)); ok && isPropertyName(p.name) {
		return fmt.Sprintf("%s is a vCard property outside any card: is a BEGIN:VCARD line misspelt?", at)
	}
	return fmt.Sprintf("%s looks like the header of a one-column CSV file: give --input-format csv", at)
}

// firstContentLine is the number and text of head's first line that is
// not blank.
func firstContentLine(head []byte) (int, []byte) {
	for n := 1; ; n++ {
		line, rest, found := bytes.Cut(head, []byte("\n"))
		if !isBlank(line) || !found {
			return n, bytes.TrimRight(line, "\r")
		}
		head = rest
	}
}

// isPropertyName says name can be a vCard property's name: letters,
// digits and '-' (RFC 6350 §3.3).
func isPropertyName(name string) bool {
	if name == "" {
		return false
	}
	for _, c := range []byte(name) {
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// looseListed is how many lines of TELs outside any card the warning
// names.
const looseListed = 10

// looseTELWarning says that n TEL lines outside any card, on lines (the
// first looseListed), were not read: text between cards is ignored, but a
// TEL there is almost surely a card whose BEGIN:VCARD is damaged.
func looseTELWarning(file string, n int, lines []int) string {
	what := "a TEL line outside any card (BEGIN:VCARD … END:VCARD) was not read, so its number is"
	if n > 1 {
		what = fmt.Sprintf("%d TEL lines outside any card (BEGIN:VCARD … END:VCARD) were not read, so their numbers are", n)
	}
	where := make([]string, len(lines))
	for i, l := range lines {
		where[i] = strconv.Itoa(l)
	}
	if n > len(lines) {
		where = append(where, fmt.Sprintf("%d more", n-len(lines)))
	}
	at := "line "
	if n > 1 {
		at = "lines "
	}
	return fmt.Sprintf("%s: %s%s: %s not audited; is a BEGIN:VCARD line misspelt?", file, at, domain.AndList(where), what)
}

// badUnusedWarning says that n lines of properties the audit does not
// read hold invalid bytes, the first as first says ("ORG on line 5, in
// the card of line 1").
func badUnusedWarning(file string, n int, invalid, first string) string {
	if n == 1 {
		return fmt.Sprintf("%s: a property listaudit does not read has %s (%s); it is ignored, and its card is audited all the same", file, invalid, first)
	}
	return fmt.Sprintf("%s: %d lines of properties listaudit does not read have %s (first: %s); they are ignored, and their cards are audited all the same", file, n, invalid, first)
}

// contentLine reads one content line of the current card. It reports a
// BEGIN:VCARD that starts the next card (one that follows no AGENT
// property, whose value a nested card of vCard 2.1 is) without reading it.
func (d *vcardDecoder) contentLine(text string, line int) (nextCard bool) {
	c := &d.c
	if strings.TrimSpace(text) == "" {
		return false
	}
	p, ok := parseProperty(text)
	if !ok {
		c.problems = append(c.problems, fmt.Sprintf("line %d has no ':'", line))
		return false
	}
	agent := c.afterAgent
	c.afterAgent = p.name == "AGENT"
	if !agent && isBeginVCard(p) {
		return true
	}
	switch p.name {
	case "END", "BEGIN", "FN", "N", "EMAIL":
	case "TEL":
		if isFaxOrPager(p.params) {
			d.skipTEL(p)
			d.unused(p, line)
			return
		}
		d.tels++
	default:
		d.unused(p, line)
		return
	}
	v, err := d.decoded(p, line)
	if err != nil {
		c.problems = append(c.problems, fmt.Sprintf("line %d: %s: %v", line, p.name, err))
		return
	}
	if d.r.badValue(&v) {
		c.problems = append(c.problems, fmt.Sprintf("line %d: %s in %s", line, d.r.invalidText(), p.name))
		return
	}
	switch p.name {
	case "END":
		c.closed = true
	case "BEGIN":
		// A nested card (vCard 2.1 AGENT) is not a contact of its own;
		// its lines are read as this card's, which only matters if it
		// has a TEL: then the number is still checked.
	case "FN":
		if c.fn == "" {
			c.fn = unescape(v)
		}
	case "N":
		if c.n == "" {
			c.n = nameFromN(v)
		}
	case "EMAIL":
		if c.email == "" {
			c.email = unescape(v)
		}
	case "TEL":
		p.value = telValue(unescape(v))
		c.tels = append(c.tels, p)
	}
	return false
}

// skipTEL passes over a fax or pager TEL, naming it in Info.Skipped
// (once for each spelling of its parameters) for inspect to list.
func (d *vcardDecoder) skipTEL(p property) {
	d.faxes++
	params := strings.TrimSpace(p.params)
	for _, s := range d.r.info.Skipped {
		if len(s) == len("TEL;")+len(params) && strings.EqualFold(s[len("TEL;"):], params) {
			return
		}
	}
	if len(d.r.info.Skipped) < maxSkipped {
		d.r.info.Skipped = append(d.r.info.Skipped, telLabel(p, 0, 1))
	}
}

// maxSkipped bounds Info.Skipped: a file has a few spellings of a fax TEL,
// and is never let grow the list.
const maxSkipped = 16

// unused looks at a property the audit does not read (ORG, NOTE, ADR, a
// fax TEL…) only for invalid bytes, which reject no card: they are
// counted, and said once at the end of the file. Bytes that the CHARSET
// named decodes are not invalid.
func (d *vcardDecoder) unused(p property, line int) {
	if !d.r.badText(p.value) {
		return
	}
	if name := paramValue(p.params, "CHARSET"); name != "" {
		if _, ok := d.charsets.text(p.value, name); ok {
			return
		}
	}
	d.badUnused++
	if d.badUnused == 1 {
		d.badFirst = fmt.Sprintf("%s on line %d, in the card of line %d", p.name, line, d.c.line)
	}
}

// emit makes the record of the card read: its name, email and numbers, or
// row-malformed with the card's problems.
func (d *vcardDecoder) emit(rec *domain.Record) {
	c := &d.c
	fn := c.fn
	if fn == "" {
		fn = c.n
	}
	rec.Values[domain.FieldName] = fn
	rec.Values[domain.FieldEmail] = c.email
	d.cells = append(d.cells[:0], fn, "", c.email)
	if len(c.problems) > 0 {
		rec.Malformed = strings.Join(c.problems, "; ")
		d.r.keepText(strings.Trim(string(d.card), "\r\n"))
		if len(c.tels) > 0 {
			rec.Values[domain.FieldPhone] = c.tels[0].value
			d.cells[vcardTEL] = c.tels[0].value
		}
		d.r.keepCells(d.cells)
		return
	}
	d.r.keepCells(d.cells)
	for i, t := range c.tels {
		d.r.addPhone(t.value, telLabel(t, i, len(c.tels)), vcardTEL)
	}
}

// logicalLine returns the next content line with its continuation lines
// unfolded (RFC 6350 §3.2: a line starting with a space or tab continues
// the previous one; vCard 2.1 quoted-printable values continue after a
// line ending in '='), and the line number it starts on.
func (d *vcardDecoder) logicalLine() (string, int, error) {
	first, line, err := d.physical()
	if err != nil {
		return "", 0, err
	}
	d.keepLine(first)
	var b strings.Builder
	b.Write(trimLineEnd(first))
	qp := isQuotedPrintable(trimLineEnd(first))
	for {
		next, nline, err := d.physical()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", 0, err
		}
		switch {
		case len(next) > 0 && (next[0] == ' ' || next[0] == '\t'):
			d.keepLine(next)
			b.Write(trimLineEnd(next[1:]))
			continue
		case qp && strings.HasSuffix(b.String(), "="):
			d.keepLine(next)
			b.WriteString("\r\n") // a soft line break, which the decoder removes
			b.Write(trimLineEnd(next))
			continue
		}
		d.ahead, d.nextLine, d.hasNext = append(d.ahead[:0], next...), nline, true
		break
	}
	return b.String(), line, nil
}

// keepLine adds a line read to the current card's text, in raw mode.
func (d *vcardDecoder) keepLine(b []byte) {
	if d.r.rawMode {
		d.card = append(d.card, b...)
	}
}

func trimLineEnd(b []byte) []byte { return bytes.TrimRight(b, "\r\n") }

// physical returns the next physical line with its line end, as in the
// file.
func (d *vcardDecoder) physical() ([]byte, int, error) {
	if d.hasNext {
		d.hasNext = false
		return d.ahead, d.nextLine, nil
	}
	if d.eof {
		return nil, 0, io.EOF
	}
	b, err := d.br.ReadBytes('\n')
	if err != nil {
		if err != io.EOF {
			d.r.recordStart = func() (int, string) { return d.line + 1, "a line that long: a damaged card?" }
			if ferr := d.r.fatal(err); ferr != nil {
				return nil, 0, ferr
			}
			return nil, 0, d.r.ioError(err)
		}
		d.eof = true
		if len(b) == 0 {
			return nil, 0, io.EOF
		}
	}
	d.line++
	return b, d.line, nil
}

// isQuotedPrintable reports whether a content line's parameters name the
// quoted-printable encoding (ENCODING=QUOTED-PRINTABLE, or vCard 2.1's bare
// QUOTED-PRINTABLE), whose values continue after a line ending in '='.
func isQuotedPrintable(line []byte) bool {
	head, _, _ := bytes.Cut(line, []byte(":"))
	return containsFold(head, "QUOTED-PRINTABLE")
}

// parseProperty splits a content line at its first ':' outside a quoted
// parameter value.
func parseProperty(line string) (property, bool) {
	quoted := false
	colon := -1
	for i := 0; i < len(line) && colon < 0; i++ {
		switch line[i] {
		case '"':
			quoted = !quoted
		case ':':
			if !quoted {
				colon = i
			}
		}
	}
	if colon < 0 {
		return property{}, false
	}
	head, value := line[:colon], line[colon+1:]
	name, params, _ := strings.Cut(head, ";")
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:] // item1.TEL: Apple's grouped properties
	}
	return property{name: strings.ToUpper(strings.TrimSpace(name)), params: params, value: value}, true
}

// decoded is the value of p, a property the audit reads, as text: its
// quoted-printable transfer encoding undone and the character set its
// CHARSET parameter names (vCard 2.1) decoded (see charsetCache.decode).
func (d *vcardDecoder) decoded(p property, line int) (string, error) {
	v := p.value
	if p.params == "" {
		return v, nil
	}
	if containsFold(p.params, "QUOTED-PRINTABLE") {
		b, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(v)))
		if err != nil {
			return "", fmt.Errorf("bad quoted-printable value")
		}
		v = string(b)
	}
	if name := paramValue(p.params, "CHARSET"); name != "" {
		var unknown bool
		if v, unknown = d.charsets.decode(v, name); unknown {
			d.r.warn(fmt.Sprintf("%s: line %d: CHARSET %q is not a character set listaudit knows; its values are read as UTF-8", d.r.src.Path, line, name))
		}
	}
	return v, nil
}

// unescape undoes vCard text escapes: \n, \, \; \\.
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(c)
	}
	return strings.TrimSpace(b.String())
}

// nameFromN makes "Given Family" of N's "Family;Given;Middle;Prefix;Suffix".
func nameFromN(v string) string {
	parts := strings.Split(v, ";")
	var names []string
	for _, i := range []int{3, 1, 2, 0, 4} {
		if i < len(parts) {
			if s := unescape(parts[i]); s != "" {
				names = append(names, s)
			}
		}
	}
	return strings.Join(names, " ")
}

// telValue takes the number out of a vCard 4 tel: URI
// ("tel:+254-712-345678;ext=12"); other values are kept as written.
func telValue(v string) string {
	if len(v) >= 4 && strings.EqualFold(v[:4], "tel:") {
		v = v[4:]
		if i := strings.IndexByte(v, ';'); i >= 0 {
			v = v[:i]
		}
	}
	return strings.TrimSpace(v)
}

// telLabel names a TEL in findings: TEL with its parameters as written
// (TEL;TYPE=CELL), numbered when the card has several (TEL[2];TYPE=HOME).
func telLabel(p property, i, n int) string {
	label := "TEL"
	if n > 1 {
		label += "[" + strconv.Itoa(i+1) + "]"
	}
	if params := strings.TrimSpace(p.params); params != "" {
		label += ";" + strings.ToUpper(params)
	}
	return label
}
