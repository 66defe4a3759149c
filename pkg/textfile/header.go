package textfile

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/listaudit/listaudit/pkg/pii"
)

// The header of a file a reader cannot use is shown in its error, so the
// user can see what the file holds. A file without a header line has a
// record there, with numbers, names and e-mail addresses, which an error
// must not print (only --show-pii prints them, and never in errors). What
// looks like such data, and how it is masked, is package pii's rule, so
// that every reader and report applies the same one.

// HeaderData names the data the first cell of a header line that holds a
// phone number or an e-mail address holds ("a phone number", "an e-mail
// address"), or "" when no cell does: such a line is a record of a file
// without a header.
func HeaderData(cells []string) string {
	for _, c := range cells {
		switch {
		case pii.LooksLikePhone(c):
			return "a phone number"
		case pii.IsEmail(c):
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
// error: masked as pii.Header masks it (errors never show personal data,
// even with --show-pii), control characters become '?', and it is cut at
// 40 characters, since a wrong file's "header" can be a whole line.
func PrintableHeader(h string) string {
	const maxRunes = 40
	h = pii.Header(h, false)
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
