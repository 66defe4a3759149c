package input

import (
	"encoding/csv"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/listaudit/listaudit/pkg/domain"
)

// A CSV record with a quoting error is row-malformed, and its cells cannot
// be trusted; but a number it holds may be opted out, so it must stop that
// number's other rows (README "Bad cells and rows"), and a quote that is
// not closed at the end of its line takes the lines after it into the
// record (to the end of the file when it is never closed): rows of their
// own in the file, opt-outs included. What can be read is recovered from
// the record's text, for malformed records alone: the fields of its first
// line before the quote that broke it, and each later line as a
// row-malformed row of its own, read by position. The records stay those
// of encoding/csv: the recovery reads the text the scanner keeps.

// quotedRecord is a CSV record with a quoting error, noted when the
// decoder reads it (a held footer record may be returned before it), and
// recovered when Reader.Next returns it.
type quotedRecord struct {
	d *csvDecoder
	// fields are those read before the error, as encoding/csv returns
	// them; text is the record's text.
	fields []string
	text   string
	// first and last are the record's first and last line.
	first, last int
	// returned: the record was returned, and rest holds the text of its
	// lines after the first not yet returned, from line on; why is what
	// their rows are malformed for.
	returned bool
	rest     string
	line     int
	why      string
}

// noteQuotingError notes the record with quoting error pe just read, whose
// fields read before the error are fields, for Reader.Next to recover.
func (d *csvDecoder) noteQuotingError(fields []string, pe *csv.ParseError) {
	d.r.quoted = &quotedRecord{d: d, fields: slices.Clone(fields), text: d.cr.text(), first: pe.StartLine, last: pe.Line}
}

// recoverQuoted reads into rec, the record just read, what can be read of
// it when it is the noted record with a quoting error: its first line's
// fields, and the lines after its first are queued (nextSwallowed).
func (r *Reader) recoverQuoted(rec *domain.Record) {
	q := r.quoted
	if q.returned || rec.Loc.Line != q.first {
		return // a held record before it, or one of its lines
	}
	q.returned = true
	d, fields := q.d, q.fields
	first, rest, multi := strings.Cut(q.text, "\n")
	if multi {
		// The first line ends inside a quoted field: the fields before it
		// are the line's; those after it are not where the header says.
		first = strings.TrimSuffix(first, "\r")
		fields = fields[:min(len(fields), fieldsBeforeOpenQuote(first, string(d.cr.comma), d.cr.trim))]
		q.rest, q.line = rest, q.first+1
		q.why = fmt.Sprintf("read as part of the record on line %d (lines %d–%d), inside a quoted field: its cells are read by position",
			q.first, q.first, q.last)
		if raw := r.rawRec; raw != nil {
			// Each line is written on its own: the record's row holds its
			// first line, the swallowed lines' rows theirs.
			raw.Cells = raw.Cells[:min(len(raw.Cells), len(fields))]
			r.keepText(first)
		}
	} else {
		r.quoted = nil
	}
	d.recoveredCells(rec, fields)
}

// nextSwallowed returns in rec the next line of the noted record that is
// not blank, as a malformed row of its own: its cells by position, read as
// a record of their own when they are one, else split at each delimiter.
// It reports false when no line is left, or the record was not returned
// yet.
func (r *Reader) nextSwallowed(rec *domain.Record) bool {
	q := r.quoted
	if !q.returned {
		return false
	}
	for q.rest != "" {
		line, rest, _ := strings.Cut(q.rest, "\n")
		at := q.line
		q.rest, q.line = rest, q.line+1
		line = strings.TrimSuffix(line, "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		if q.rest == "" {
			r.quoted = nil
		}
		d := q.d
		cells := d.lineCells(line)
		unguard(cells)
		rec.Loc.Line = at
		rec.Malformed = q.why
		if bad := r.badCell(cells); bad >= 0 {
			rec.Malformed += "; " + r.invalidText() + " in " + d.columnName(bad)
		}
		r.keepCells(cells)
		r.keepText(line)
		d.recoveredCells(rec, cells)
		return true
	}
	r.quoted = nil
	return false
}

// recoveredCells reads the cells of a malformed record recovered by
// position into rec: its phone (or a fallback phone column's) and its
// country are what the duplicate rules read of it.
func (d *csvDecoder) recoveredCells(rec *domain.Record, cells []string) {
	for _, c := range d.cells {
		if c.col < len(cells) {
			rec.Values[c.field] = cells[c.col]
		}
	}
	if len(d.phones) > 0 {
		d.r.readPhoneFallback(rec, cells, d.header, d.phones)
	}
}

// lineCells reads the cells of one line of a record with a quoting error:
// as a record of its own when it is one, else split at each delimiter,
// with the quotes around a field taken off. An unclosed quote may take a
// whole file's lines: only a line with a quote is parsed.
func (d *csvDecoder) lineCells(line string) []string {
	if strings.IndexByte(line, '"') >= 0 {
		s := newCSVScanner(strings.NewReader(line), d.r.info.Delimiter, 0, d.cr.trim)
		s.readSize = len(line) + 1
		if fields, err := s.Read(); err == nil {
			return fields
		}
	}
	cells := strings.Split(line, string(d.cr.comma))
	for i, c := range cells {
		if d.cr.trim {
			c = strings.TrimLeftFunc(c, unicode.IsSpace)
		}
		if len(c) >= 2 && c[0] == '"' && c[len(c)-1] == '"' {
			c = strings.ReplaceAll(c[1:len(c)-1], `""`, `"`)
		}
		cells[i] = c
	}
	return cells
}

// fieldsBeforeOpenQuote counts the fields of line, the first line of a
// record that goes on past it, that end on it: those before the quoted
// field still open at its end. comma is the delimiter and trim says
// leading white space is trimmed from fields (csvScanner's trim).
func fieldsBeforeOpenQuote(line, comma string, trim bool) int {
	n := 0
	for {
		if trim {
			line = strings.TrimLeftFunc(line, unicode.IsSpace)
		}
		if strings.HasPrefix(line, `"`) {
			end := closingQuote(line[1:])
			if end < 0 {
				return n
			}
			line = line[1+end+1:]
		}
		i := strings.Index(line, comma)
		if i < 0 {
			return n
		}
		n++
		line = line[i+len(comma):]
	}
}

// closingQuote is the index in s, the text after a field's opening quote,
// of the quote that closes it ("" is a quote in the field), -1 when none.
func closingQuote(s string) int {
	at := 0
	for {
		i := strings.IndexByte(s[at:], '"')
		if i < 0 {
			return -1
		}
		at += i
		if at+1 < len(s) && s[at+1] == '"' {
			at += 2
			continue
		}
		return at
	}
}
