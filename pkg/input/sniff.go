package input

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/listaudit/listaudit/pkg/textfile"
)

// formatFromName picks a format by file extension, ignoring a trailing .gz;
// "" means the extension says nothing and the content decides.
func formatFromName(path string) string {
	name := strings.ToLower(filepath.Base(path))
	name = strings.TrimSuffix(name, ".gz")
	switch filepath.Ext(name) {
	case ".csv":
		return FormatCSV
	case ".tsv", ".tab":
		return FormatTSV
	case ".json":
		return FormatJSON
	case ".ndjson", ".jsonl":
		return FormatNDJSON
	case ".vcf", ".vcard":
		return FormatVCard
	case ".xlsx", ".xlsm":
		return FormatXLSX
	}
	return ""
}

// formatFromContent guesses a format from the first bytes of the content.
func formatFromContent(head []byte) string {
	switch firstNonSpace(head) {
	case '[':
		return FormatJSON
	case '{':
		if wrapsArray(head) {
			return FormatJSON
		}
		return FormatNDJSON
	}
	if i := bytes.IndexFunc(head, func(r rune) bool { return !unicode.IsSpace(r) }); i >= 0 &&
		len(head)-i >= 11 && bytes.EqualFold(head[i:i+11], []byte("BEGIN:VCARD")) {
		return FormatVCard
	}
	return FormatCSV
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func isBlank(b []byte) bool {
	for _, c := range b {
		if !isSpace(c) {
			return false
		}
	}
	return true
}

// firstNonSpace returns the first byte that is not white space, or 0.
func firstNonSpace(b []byte) byte {
	for _, c := range b {
		if !isSpace(c) {
			return c
		}
	}
	return 0
}

// checkDelimiter rejects delimiters encoding/csv cannot use, with a
// user-facing message.
func checkDelimiter(d rune) error {
	if d == 0 || d == '"' || d == '\r' || d == '\n' || !utf8.ValidRune(d) || d == utf8.RuneError {
		return fmt.Errorf("invalid delimiter %q", d)
	}
	return nil
}

// sniffDelimiter picks the candidate delimiter under which most records of
// head have the header's field count (which must be above one); ties go to
// the larger field count, then to candidate order. atEOF says head is the
// whole content; otherwise its last, possibly cut, record is ignored.
func sniffDelimiter(head []byte, atEOF bool) rune {
	best, bestFrac, bestFields := rune(','), 0.0, 0
	var counts []int
	for _, d := range textfile.Delimiters {
		counts = countFields(counts[:0], head, d, atEOF)
		if len(counts) == 0 || counts[0] < 2 {
			continue
		}
		same := 0
		for _, n := range counts {
			if n == counts[0] {
				same++
			}
		}
		frac := float64(same) / float64(len(counts))
		if frac > bestFrac || frac == bestFrac && counts[0] > bestFields {
			best, bestFrac, bestFields = rune(d), frac, counts[0]
		}
	}
	return best
}

// countFields appends the field count of each record of data split by
// delim, following encoding/csv's rules: quotes open only at the start of a
// field, "" escapes a quote, newlines inside quotes do not end a record and
// blank lines are not records.
func countFields(dst []int, data []byte, delim byte, atEOF bool) []int {
	fields, inQuote, fieldStart, content := 1, false, true, false
	for i := 0; i < len(data); i++ {
		c := data[i]
		if inQuote {
			if c == '"' {
				if i+1 < len(data) && data[i+1] == '"' {
					i++
				} else {
					inQuote = false
				}
			}
			continue
		}
		switch {
		case c == '"' && fieldStart:
			inQuote, fieldStart, content = true, false, true
		case c == delim:
			fields++
			fieldStart, content = true, true
		case c == '\n':
			if content {
				dst = append(dst, fields)
			}
			fields, fieldStart, content = 1, true, false
		case c == '\r':
		default:
			fieldStart, content = false, true
		}
	}
	if atEOF && content {
		dst = append(dst, fields)
	}
	return dst
}

// spaceAfterDelimiter reports whether head is written with a space after
// every delimiter ("a, b, \"c, d\""), the dialect of Python's
// skipinitialspace and of CPython's and CleverCSV's sniffer tests: nine
// in ten of its delimiters outside quotes are followed by a space, and a
// quoted field follows one at least once. Read without trimming, that
// field is a quoting error; with encoding/csv's TrimLeadingSpace it is
// the field. A file whose spaces precede no quote reads the same either
// way, and keeps its cells exactly. Tab and space delimiters never are
// (TrimLeadingSpace would eat them).
func spaceAfterDelimiter(head []byte, delim rune) bool {
	if delim >= utf8.RuneSelf || delim == ' ' || delim == '\t' {
		return false
	}
	d := byte(delim)
	delims, spaced, quoted := 0, 0, 0
	inQuote, fieldStart := false, true
	for i := 0; i < len(head); i++ {
		c := head[i]
		switch {
		case inQuote:
			if c == '"' {
				if i+1 < len(head) && head[i+1] == '"' {
					i++
				} else {
					inQuote = false
				}
			}
		case c == '"' && fieldStart:
			inQuote, fieldStart = true, false
		case c == d:
			delims++
			j := i + 1
			for j < len(head) && head[j] == ' ' {
				j++
			}
			if j > i+1 {
				spaced++
				if j < len(head) && head[j] == '"' {
					quoted++
				}
			}
			fieldStart = true
		case c == '\n':
			fieldStart = true
		case c == ' ' && fieldStart:
			// Leading spaces keep the field at its start, as trimming
			// reads it.
		case c != '\r':
			fieldStart = false
		}
	}
	return quoted > 0 && delims >= 2 && spaced*10 >= delims*9
}

// workbookError is the error for a file that is a spreadsheet listaudit
// does not read as one: an XLSX workbook whose name (or
// --input-format) says a text format. nil for other files. The name's
// format decides (README "Format detection"), so a workbook named .csv is
// not read as one: it is said what it is, and how to read it.
func workbookError(f *os.File, name, format string, given bool) error {
	switch {
	case !isZip(f) || !hasWorkbookPart(f):
		return nil
	case given:
		return fmt.Errorf("%s is an XLSX workbook, not %s: pass --input-format xlsx", name, format)
	}
	return fmt.Errorf("%s is an XLSX workbook named %s: rename it to .xlsx or pass --input-format xlsx", name, filepath.Ext(name))
}

// hasWorkbookPart reports whether the zip file f holds xl/workbook.xml.
func hasWorkbookPart(f *os.File) bool {
	st, err := f.Stat()
	if err != nil {
		return false
	}
	zr, err := zip.NewReader(f, st.Size())
	if err != nil {
		return false
	}
	return slices.ContainsFunc(zr.File, func(zf *zip.File) bool { return zf.Name == "xl/workbook.xml" })
}

// binaryHint says what content that holds a NUL byte on its first line,
// start being its first bytes, is when listaudit can read it after all: a
// gzipped workbook, or UTF-16 text without a byte-order mark (a NUL next
// to each ASCII character). It is "" for anything else.
func (r *Reader) binaryHint(start []byte) string {
	// A zip file not gzipped is a workbook said so by workbookError, or
	// another archive, binary.
	if r.gz != nil && bytes.HasPrefix(start, []byte(zipMagic)) {
		return "a gzip-compressed zip file (an XLSX workbook?): gunzip it first; listaudit reads a workbook from its .xlsx file"
	}
	if order := utf16Order(start); order != "" {
		return fmt.Sprintf("looks like UTF-16%s text without a byte-order mark (a NUL byte beside each character): give --encoding utf-16%s",
			strings.ToUpper(order), order)
	}
	return ""
}

// utf16Order returns "le" or "be" when start reads as UTF-16 text of that
// byte order without a byte-order mark: every other byte NUL (ASCII
// characters), the others not, in most pairs; "" otherwise.
func utf16Order(start []byte) string {
	pairs := len(start) / 2
	if pairs < 4 {
		return ""
	}
	var le, be int
	for i := 0; i+1 < len(start); i += 2 {
		switch {
		case start[i] != 0 && start[i+1] == 0:
			le++
		case start[i] == 0 && start[i+1] != 0:
			be++
		}
	}
	switch {
	case le*10 >= pairs*9:
		return "le"
	case be*10 >= pairs*9:
		return "be"
	}
	return ""
}
