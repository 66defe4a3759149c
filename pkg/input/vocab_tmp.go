package input

import (
	"fmt"
	"strings"

	"github.com/listaudit/listaudit/pkg/textfile"
)

// TEMPORARY: replaced by the vocabulary helper's branch.

func FormatNames() []string {
	return []string{FormatCSV, FormatTSV, FormatJSON, FormatNDJSON, FormatVCard, FormatXLSX}
}

func ParseFormat(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	if f, ok := parseFormat(s); ok {
		return f, nil
	}
	return "", fmt.Errorf("unknown format %q (want csv, tsv, json, ndjson, vcard or xlsx)", s)
}

func ParseDelimiter(s string) (rune, error) {
	switch s {
	case "":
		return 0, nil
	case ",", ";", "|":
		return rune(s[0]), nil
	case "tab", `\t`, "\t", "TAB":
		return '\t', nil
	}
	return 0, fmt.Errorf("%q is not one of , ; | tab", s)
}

func DelimiterName(d rune) string {
	switch d {
	case 0:
		return ""
	case '\t':
		return "tab"
	}
	return string(d)
}

func ParseEncoding(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	if !IsEncoding(s) {
		return "", fmt.Errorf("unknown encoding %q (want %s)", s, strings.Join(Encodings, ", "))
	}
	return s, nil
}

var _ = textfile.Encodings
