package input

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"mime/quotedprintable"
	"strconv"
	"strings"

	"github.com/listaudit/listaudit/pkg/domain"
)

// vCard columns: a vCard file is read as a table of these, one record per
// number (see multi.go), so that listaudit fix writes it back as a CSV.
var vcardHeader = []string{"FN", "TEL", "EMAIL"}

const (
	vcardFN = iota
	vcardTEL
	vcardEMAIL
)

// vcardDecoder reads vCard 2.1, 3.0 and 4.0 (RFC 2426, RFC 6350): one
// contact per BEGIN:VCARD … END:VCARD, every TEL of it a number.
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
}

func (r *Reader) openVCard() error {
	r.info.Header = append([]string(nil), vcardHeader...)
	if r.opts.AllKeys {
		r.info.Keys = r.info.Header
	}
	r.cols[domain.FieldName] = "FN"
	r.cols[domain.FieldPhone] = "TEL"
	r.cols[domain.FieldEmail] = "EMAIL"
	for f, h := range r.opts.Map {
		if h != "" && !f.IsEvidence() {
			r.warn(fmt.Sprintf("%s: --map %s=%s is ignored: a vCard's fields are fixed (FN, TEL, EMAIL)", r.src.Path, f, h))
		}
	}
	r.phoneCell = vcardTEL
	r.dec = &vcardDecoder{r: r, br: r.content}
	return nil
}

// property is one content line: group.NAME;PARAMS:value.
type property struct {
	name   string // upper case, without group
	params string // as written, without the leading ';'
	value  string
}

func (d *vcardDecoder) next(rec *domain.Record) error {
	d.r.feed.bound()
	// Skip to the next BEGIN:VCARD; anything between cards is ignored.
	for {
		d.card = d.card[:0]
		text, line, err := d.logicalLine()
		if err != nil {
			return err
		}
		p, ok := parseProperty(text)
		if ok && p.name == "BEGIN" && strings.EqualFold(strings.TrimSpace(p.value), "VCARD") {
			rec.Loc.Line = line
			break
		}
	}
	var fn, n, email string
	var tels []property
	var problems []string
	closed := false
	for !closed {
		d.r.feed.bound()
		text, line, err := d.logicalLine()
		if err == io.EOF {
			problems = append(problems, "the card is not closed by END:VCARD")
			break
		}
		if err != nil {
			return err
		}
		if strings.TrimSpace(text) == "" {
			continue
		}
		p, ok := parseProperty(text)
		if !ok {
			problems = append(problems, fmt.Sprintf("line %d has no ':'", line))
			continue
		}
		v, err := p.decoded()
		if err != nil {
			problems = append(problems, fmt.Sprintf("line %d: %s: %v", line, p.name, err))
			continue
		}
		if d.r.badValue(&v) {
			problems = append(problems, fmt.Sprintf("line %d: %s in %s", line, d.r.invalidText(), p.name))
			continue
		}
		switch p.name {
		case "END":
			closed = true
		case "BEGIN":
			// A nested card (vCard 2.1 AGENT) is not a contact of its own;
			// its lines are read as this card's, which only matters if it
			// has a TEL: then the number is still checked.
		case "FN":
			if fn == "" {
				fn = unescape(v)
			}
		case "N":
			if n == "" {
				n = nameFromN(v)
			}
		case "EMAIL":
			if email == "" {
				email = unescape(v)
			}
		case "TEL":
			p.value = telValue(unescape(v))
			tels = append(tels, p)
		}
	}
	if fn == "" {
		fn = n
	}
	rec.Values[domain.FieldName] = fn
	rec.Values[domain.FieldEmail] = email
	d.cells = append(d.cells[:0], fn, "", email)
	if len(problems) > 0 {
		rec.Malformed = strings.Join(problems, "; ")
		d.r.keepText(strings.Trim(string(d.card), "\r\n"))
		if len(tels) > 0 {
			rec.Values[domain.FieldPhone] = tels[0].value
			d.cells[vcardTEL] = tels[0].value
		}
		d.r.keepCells(d.cells)
		return nil
	}
	d.r.keepCells(d.cells)
	for i, t := range tels {
		d.r.addPhone(t.value, telLabel(t, i, len(tels)), vcardTEL)
	}
	return nil
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

func isQuotedPrintable(line []byte) bool {
	head, _, _ := bytes.Cut(line, []byte(":"))
	return bytes.Contains(bytes.ToUpper(head), []byte("QUOTED-PRINTABLE"))
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

// decoded is the value with a quoted-printable or base64 transfer encoding
// undone; other values are returned as written.
func (p property) decoded() (string, error) {
	up := strings.ToUpper(p.params)
	if strings.Contains(up, "QUOTED-PRINTABLE") {
		b, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(p.value)))
		if err != nil {
			return "", fmt.Errorf("bad quoted-printable value")
		}
		return string(b), nil
	}
	return p.value, nil
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
