package textfile

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/phone"
)

// The header of a file a reader cannot use is shown in its error, so the
// user can see what the file holds. A file without a header line has a
// record there, with numbers, names and e-mail addresses, which an error
// must not print (only --show-pii prints them, and never in errors). The
// rule for what looks like such data lives here, so that every reader
// applies the same one.

// phoneRun matches a run that can be a phone number: an optional plus,
// then digits with the punctuation numbers are written with.
var phoneRun = regexp.MustCompile(`[+＋]?[0-9(][0-9 ().\-]*[0-9]`)

// datePrefix matches a date written with - . or /, which has phone
// length in digits but is no phone number (a column may be named by a
// date).
var datePrefix = regexp.MustCompile(`^(\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./](\d{4}|\d{2}))\b`)

// emailAddress matches an e-mail address anywhere in a cell.
var emailAddress = regexp.MustCompile(`[^\s<>()@,;:"]+@[^\s<>()@,;:"]+\.[^\s<>()@,;:"]+`)

// LooksLikePhone reports whether s, trimmed, is written as a phone number
// could be: a plus and 7 to 15 digits, or 7 to 15 digits, with only the
// punctuation numbers are written with, and not a date.
func LooksLikePhone(s string) bool {
	s = strings.TrimSpace(s)
	m := phoneRun.FindStringIndex(s)
	return m != nil && m[0] == 0 && m[1] == len(s) && phoneDigits(s)
}

// phoneDigits reports whether run, a phoneRun match, has phone length in
// digits and is not a date.
func phoneDigits(run string) bool {
	n := 0
	for i := 0; i < len(run); i++ {
		if run[i] >= '0' && run[i] <= '9' {
			n++
		}
	}
	return n >= 7 && n <= 15 && !datePrefix.MatchString(run)
}

// isEmail reports whether s, trimmed and without angle brackets, is one
// e-mail address.
func isEmail(s string) bool {
	s = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(s), "<"), ">")
	m := emailAddress.FindStringIndex(s)
	return m != nil && m[0] == 0 && m[1] == len(s)
}

// HeaderData names the data the first cell of a header line that holds a
// phone number or an e-mail address holds ("a phone number", "an e-mail
// address"), or "" when no cell does: such a line is a record of a file
// without a header.
func HeaderData(cells []string) string {
	for _, c := range cells {
		switch {
		case LooksLikePhone(c):
			return "a phone number"
		case isEmail(c):
			return "an e-mail address"
		}
	}
	return ""
}

// DataHeaderError is the error for a header line that looks like data
// (HeaderData), or nil when it does not. prefix is how the message
// starts ("FILE" or "FILE:LINE"), line what the line is called ("the
// first line"), and columns an example of the header to add.
func DataHeaderError(prefix, line string, cells []string, columns string) error {
	data := HeaderData(cells)
	if data == "" {
		return nil
	}
	return fmt.Errorf("%s: %s looks like data, not a header (it holds %s); add a header line naming the columns, e.g. %s", prefix, line, data, columns)
}

// PrintableHeader makes a header cell safe and short for a one-line
// error: a phone number in it is masked (phone.MaskText), a cell with an
// e-mail address is "[hidden]", control characters become '?', and it is
// cut at 40 characters, since a wrong file's "header" can be a whole line.
func PrintableHeader(h string) string {
	const maxRunes = 40
	h = MaskHeader(h)
	var b strings.Builder
	n := 0
	for _, r := range h {
		if n == maxRunes {
			b.WriteString("…")
			break
		}
		if !unicode.IsPrint(r) {
			r = '?'
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

// MaskHeader hides what a header may hold of a person: a header with an
// e-mail address is "[hidden]", and one with a phone number is masked as
// reports mask numbers. Other headers are returned as they are.
func MaskHeader(h string) string {
	switch {
	case emailAddress.MatchString(h):
		return "[hidden]"
	case hasPhone(h):
		return phone.MaskText(h)
	}
	return h
}

// MaskColumns is an input's field-to-column mapping with every header
// passed through MaskHeader, in a new slice.
func MaskColumns(cols []domain.ColumnUse) []domain.ColumnUse {
	out := make([]domain.ColumnUse, 0, len(cols))
	for _, c := range cols {
		out = append(out, domain.ColumnUse{Field: c.Field, Header: MaskHeader(c.Header)})
	}
	return out
}

// hasPhone reports whether a phone number could be written anywhere in s.
func hasPhone(s string) bool {
	for _, m := range phoneRun.FindAllString(s, -1) {
		if phoneDigits(m) {
			return true
		}
	}
	return false
}

// HeaderList lists a header's cells for an error, each PrintableHeader,
// at most 30 of them: "none" for no cells.
func HeaderList(header []string) string {
	const show = 30
	if len(header) == 0 {
		return "none"
	}
	shown := make([]string, 0, min(len(header), show))
	for _, h := range header[:min(len(header), show)] {
		shown = append(shown, PrintableHeader(h))
	}
	list := strings.Join(shown, ", ")
	if len(header) > show {
		list += fmt.Sprintf(", and %d more", len(header)-show)
	}
	return list
}
