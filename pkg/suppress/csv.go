package suppress

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	phonenum "github.com/listaudit/listaudit/pkg/phone"

	"github.com/gocarina/gocsv"
	"github.com/listaudit/listaudit/pkg/textfile"
)

// phoneAliases are the headers a phone column is recognised by, compared
// after headerKey; earlier ones win when a file has several. The digest
// names let a partner label a column of hashes as such.
var phoneAliases = []string{
	"phone", "phone_number", "mobile", "msisdn", "number", "e164", "whatsapp", "wa_id", "tel",
	"sha256", "phone_sha256", "hash",
}

// digestAliases are the phoneAliases that name a column of digests.
var digestAliases = phoneAliases[len(phoneAliases)-3:]

// entryRow is the columns of a CSV list that are read: the phone column
// and, when the list has a number column and a digest column, the digest
// column too (an opt-out export often carries both, and a line may have
// only its digest). gocsv ignores the others.
type entryRow struct {
	Phone  string `csv:"phone"`
	Digest string `csv:"sha256"`
}

// phoneTag and digestTag are entryRow's tags: the headers the columns
// read are renamed to.
const (
	phoneTag  = "phone"
	digestTag = "sha256"
)

// phoneColumn returns the index of header's phone column: the column
// matching the earliest alias, the leftmost on a tie.
func phoneColumn(header []string) (int, bool) { return bestAlias(header, phoneAliases) }

// bestAlias returns the index of the header matching the earliest of
// aliases, the leftmost on a tie.
func bestAlias(header, aliases []string) (int, bool) {
	best, bestRank := -1, len(aliases)
	for i, h := range header {
		k := textfile.HeaderKey(h)
		for rank, a := range aliases {
			if rank < bestRank && k == textfile.HeaderKey(a) {
				best, bestRank = i, rank
			}
		}
	}
	return best, best >= 0
}

// digestColumn returns the index of header's digest column when its
// phone column, phone, is a column of numbers: the column matching the
// earliest digest alias, the leftmost on a tie.
func digestColumn(header []string, phone int) (int, bool) {
	if isDigestAlias(header[phone]) {
		return -1, false
	}
	return bestAlias(header, digestAliases)
}

func isDigestAlias(h string) bool {
	k := textfile.HeaderKey(h)
	for _, a := range digestAliases {
		if k == textfile.HeaderKey(a) {
			return true
		}
	}
	return false
}

// splitHeader reads line as a CSV header with the delimiter sep, or when
// 0 the one it uses most among , ; tab and |.
func splitHeader(line string, sep rune) ([]string, rune, bool) {
	comma, most := ',', 0
	for _, d := range textfile.Delimiters {
		if n := strings.Count(line, string(rune(d))); n > most {
			comma, most = rune(d), n
		}
	}
	if sep != 0 {
		comma = sep
	}
	cr := csv.NewReader(strings.NewReader(line))
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	fields, err := cr.Read()
	return fields, comma, err == nil
}

// noPhoneError is the error for a header without a phone column, or for
// a first line that is data rather than a header (a CSV list without a
// header): that is said rather than shown, as the line holds numbers.
func noPhoneError(name string, line int, header []string) error {
	at := fmt.Sprintf("%s:%d", name, line)
	what := "the first line"
	if line > 1 {
		what = "the first line that is not a comment"
	}
	if err := textfile.DataHeaderError(at, what, header, "phone"); err != nil {
		return err
	}
	return fmt.Errorf("%s: no phone column (headers: %s); want one named %s",
		at, textfile.HeaderList(header), strings.Join(phoneAliases, ", "))
}

// readCSV reads a list with a header. r starts at the header, which is on
// line headerLine of the file (comments may precede it).
//
// gocsv matches headers to struct tags exactly, and its header normaliser
// is a package-wide setting shared with the CSV report writer, so rather
// than change it the header is renamed for this file only with
// RenormalizeHeaders: the phone column becomes "phone", every other column
// "" (which matches no tag, so a second phone-like column cannot overwrite
// the first).
func (l *List) readCSV(r io.Reader, comma rune, headerLine int, norm Normalise) (*List, error) {
	l.Format = FormatCSV
	cr := csv.NewReader(r)
	cr.Comma = comma
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	um, err := gocsv.NewUnmarshaller(cr, entryRow{})
	if err != nil {
		return nil, l.csvError(err, headerLine)
	}
	col, ok := phoneColumn(um.Headers)
	if !ok {
		return nil, noPhoneError(l.Path, headerLine, um.Headers)
	}
	dcol, both := digestColumn(um.Headers, col)
	// MSISDN and wa_id columns hold international numbers without "+".
	international := phonenum.IsInternationalColumn(um.Headers[col])
	err = um.RenormalizeHeaders(func(h []string) []string {
		out := make([]string, len(h))
		out[col] = phoneTag
		if both {
			out[dcol] = digestTag
		}
		return out
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", l.Path, err)
	}
	offset := headerLine - 1 // csv counts lines from the header
	lastErrAt := int64(-1)
	for {
		v, err := um.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return nil, l.csvError(err, 0)
			}
			// encoding/csv resumes after a bad record; make sure it did.
			if at := cr.InputOffset(); at != lastErrAt {
				lastErrAt = at
				l.invalid(pe.StartLine+offset, pe.Err.Error())
				continue
			}
			return nil, fmt.Errorf("%s:%d: cannot read past %v", l.Path, pe.StartLine+offset, pe.Err)
		}
		line, _ := cr.FieldPos(0)
		row := v.(entryRow)
		phone := strings.TrimSpace(row.Phone)
		if international {
			phone = phonenum.WithPlus(phone)
		}
		switch {
		case both:
			l.addPair(line+offset, phone, strings.TrimSpace(row.Digest), norm)
		case phone == "":
			l.invalid(line+offset, "phone column is empty")
		default:
			if _, why := l.read(phone, line+offset, norm); why != "" {
				l.unread(line+offset, "", why)
			}
		}
	}
	return l.check("only a header")
}

func (l *List) csvError(err error, line int) error {
	var pe *csv.ParseError
	switch {
	case errors.As(err, &pe):
		return fmt.Errorf("%s:%d: cannot read the header: %v", l.Path, pe.StartLine+line-1, pe.Err)
	case err == io.EOF:
		return fmt.Errorf("%s: file is empty", l.Path)
	}
	return textfile.ReadError(l.Path, err)
}

// addPair reads a line of a list with a phone and a digest column: either
// cell, or both, may give the line's entry. A cell that gives nothing is
// said, even when the other gave an entry, as it may be another number.
// A digest of the line's own number adds nothing the number does not.
func (l *List) addPair(line int, phone, digest string, norm Normalise) {
	if phone == "" && digest == "" {
		l.invalid(line, "phone and digest columns are empty")
		return
	}
	var key uint64
	if phone != "" {
		k, why := l.read(phone, line, norm)
		if why != "" {
			l.unread(line, "phone column: ", why)
		}
		key = k
	}
	if digest == "" {
		return
	}
	if h, ok := parseDigest(digest); ok && key != 0 && h == keyDigest(key) {
		return
	}
	if _, why := l.read(digest, line, norm); why != "" {
		l.unread(line, "digest column: ", why)
	}
}
