package sendlog

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	phonenum "github.com/listaudit/listaudit/pkg/phone"

	"github.com/gocarina/gocsv"
	"github.com/listaudit/listaudit/pkg/textfile"
)

// csvRow is the part of a send-log row that is read; gocsv ignores the
// other columns. The tags are the columns' names.
type csvRow struct {
	Phone     string `csv:"phone"`
	SentAt    string `csv:"sent_at"`
	Category  string `csv:"category"`
	Channel   string `csv:"channel"`
	Direction string `csv:"direction"`
	From      string `csv:"from"`
	Body      string `csv:"body"`
	// No keyword: Vonage writes it in its inbound webhook (NDJSON), and
	// a field more costs every row of every CSV log its bytes.
}

// maxRecord bounds one CSV record or NDJSON line; a send is far shorter.
const maxRecord = 1 << 20

// readCSV reads one CSV log.
//
// gocsv matches headers to struct tags exactly, and its header normaliser
// is a package-wide setting shared with the CSV report writer, so rather
// than change it the header is renamed for this file only with
// RenormalizeHeaders: each recognised column gets its name ("to" becomes
// "phone"), every other column "" (which matches no tag, so a second
// phone-like column cannot overwrite the first). gocsv's Unmarshaller
// pulls one row per Read, so the log is streamed, and a bad record is a
// csv.ParseError that encoding/csv has already skipped past.
func (ld *loader) readCSV(br *bufio.Reader) error {
	name := ld.file.Path
	comma := '\t'
	if !strings.HasSuffix(strings.TrimSuffix(strings.ToLower(filepath.Base(name)), ".gz"), ".tsv") {
		comma = sniffComma(br)
	}
	head, _ := br.Peek(textfile.BufSize)
	sep, sepLine := textfile.SepDirective(head)
	if sepLine {
		comma = sep
	}
	in := &bounded{r: br}
	cr := csv.NewReader(in)
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true

	if sepLine {
		// Excel's "sep=" line: read as a record, so that line numbers stay
		// the file's, and dropped.
		in.bound()
		if _, err := cr.Read(); err != nil {
			return textfile.ReadError(name, err)
		}
	}
	in.bound()
	// A pointer type saves copying each row into an interface.
	um, err := gocsv.NewUnmarshaller(cr, &csvRow{})
	if err != nil {
		var pe *csv.ParseError
		switch {
		case err == io.EOF:
			return fmt.Errorf("%s: file is empty", name)
		case errors.Is(err, errRecordTooLong):
			return fmt.Errorf("%s: the header is longer than %d MiB (an unclosed quote?)", name, maxRecord>>20)
		case errors.As(err, &pe):
			return fmt.Errorf("%s:%d: cannot read the header: %v", name, pe.StartLine, pe.Err)
		}
		return textfile.ReadError(name, err)
	}
	idx := matchHeader(um.Headers)
	ld.international = idx[colPhone] >= 0 && phonenum.IsInternationalColumn(um.Headers[idx[colPhone]])
	ld.metaText, ld.button = false, false
	for _, c := range []column{colPhone, colSentAt} {
		if idx[c] >= 0 {
			continue
		}
		// A log without a header has a send, with its number, there:
		// say so rather than show it.
		if err := textfile.DataHeaderError(name+":1", "the first line", um.Headers, "phone and sent_at"); err != nil {
			return err
		}
		return fmt.Errorf("%s:1: no %s column (headers: %s); want one named %s",
			name, c, textfile.HeaderList(um.Headers), strings.Join(columnAliases[c], ", "))
	}
	if ld.opts.Include == nil {
		// Nothing reads them: every column gocsv fills costs reflection
		// and an allocation per row.
		idx[colCategory], idx[colChannel] = -1, -1
	}
	err = um.RenormalizeHeaders(func(h []string) []string {
		out := make([]string, len(h))
		for c, i := range idx {
			if i >= 0 {
				out[i] = column(c).String()
			}
		}
		return out
	})
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}

	replies := holdsReplies(idx)
	lastLine, lastErrAt := 1, int64(-1)
	for {
		in.bound()
		v, err := um.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			switch {
			case errors.Is(err, errRecordTooLong):
				return fmt.Errorf("%s: a record after line %d is longer than %d MiB (an unclosed quote?)", name, lastLine, maxRecord>>20)
			case !errors.As(err, &pe):
				return textfile.ReadError(name, err)
			}
			// encoding/csv resumes after a bad record; make sure it did.
			at := cr.InputOffset()
			if at == lastErrAt {
				return fmt.Errorf("%s:%d: cannot read past %v", name, pe.StartLine, pe.Err)
			}
			lastErrAt, lastLine = at, pe.Line
			ld.file.Lines++
			ld.invalid(pe.StartLine, pe.Err.Error())
			if replies {
				// Its text is not known: it may be a reply.
				ld.countMaybeOptOut(pe.StartLine)
			}
			continue
		}
		lastLine, _ = cr.FieldPos(0)
		r := v.(*csvRow)
		ld.file.Lines++
		vals := [numColumns]string{colPhone: r.Phone, colSentAt: r.SentAt, colCategory: r.Category, colChannel: r.Channel,
			colDirection: r.Direction, colFrom: r.From, colBody: r.Body}
		ld.row(lastLine, &vals)
	}
}

// holdsReplies says whether a log with these columns can hold replies: it
// has a direction or body column.
func holdsReplies(idx [numColumns]int) bool {
	return idx[colDirection] >= 0 || idx[colBody] >= 0
}

// sniffComma picks the delimiter the header line uses most among , ; tab
// and |; a comma when it uses none.
func sniffComma(br *bufio.Reader) rune {
	head, _ := br.Peek(textfile.BufSize)
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	comma, most := ',', 0
	for _, d := range textfile.Delimiters {
		if n := bytes.Count(head, []byte{d}); n > most {
			comma, most = rune(d), n
		}
	}
	return comma
}
