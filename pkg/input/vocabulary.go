package input

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/listaudit/listaudit/pkg/domain"
)

// The words users give for how to read an input (--input-format,
// --delimiter and their policy-file keys) are checked here, and nowhere
// else, so every command and the policy file take the same ones.

// Formats an input can be read as.
const (
	FormatCSV    = "csv"
	FormatTSV    = "tsv"
	FormatJSON   = "json"
	FormatNDJSON = "ndjson"
	FormatVCard  = "vcard"
	FormatXLSX   = "xlsx"
)

// Formats lists the input formats by their names, in the order help texts
// and errors give them.
var Formats = []string{FormatCSV, FormatTSV, FormatJSON, FormatNDJSON, FormatVCard, FormatXLSX}

// formatAliases are the other names a format is known by: those of its
// file extensions (.tab, .jsonl, .vcf) and the program that writes it.
var formatAliases = map[string]string{
	"tab":   FormatTSV,
	"jsonl": FormatNDJSON,
	"vcf":   FormatVCard,
	"excel": FormatXLSX,
}

// FormatAliases returns the aliases ParseFormat takes besides Formats,
// each with the format it names.
func FormatAliases() map[string]string { return maps.Clone(formatAliases) }

// FormatUsage is the help text of --input-format.
var FormatUsage = "input format: " + domain.OrList(Formats) + " (default: from the file name, then the content)"

// ParseFormat reads an --input-format value: one of Formats or an alias
// (tab, jsonl, vcf, excel), in any case. It returns the format's name; ""
// (pick the format by file name, then content) stays "". The error lists
// Formats.
func ParseFormat(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	if f, ok := formatByName(s); ok {
		return f, nil
	}
	return "", fmt.Errorf("unknown format %q (want %s)", s, domain.OrList(Formats))
}

func formatByName(s string) (string, bool) {
	s = strings.ToLower(s)
	if slices.Contains(Formats, s) {
		return s, true
	}
	f, ok := formatAliases[s]
	return f, ok
}

// DelimiterNames lists the delimiters --delimiter takes, as help texts and
// errors name them.
var DelimiterNames = []string{",", ";", "|", "tab"}

// DelimiterUsage is the help text of --delimiter.
var DelimiterUsage = "CSV delimiter: " + strings.Join(DelimiterNames[:len(DelimiterNames)-1], " ") +
	" or " + DelimiterNames[len(DelimiterNames)-1] + " (default: detected)"

// delimiterSpellings are the ways ParseDelimiter takes a delimiter
// written: the character, and a tab also as tab, TAB or \t.
var delimiterSpellings = map[string]rune{
	",": ',', ";": ';', "|": '|',
	"tab": '\t', "TAB": '\t', `\t`: '\t', "\t": '\t',
}

// DelimiterSpellings returns every spelling ParseDelimiter takes but ""
// (detect), each with the delimiter it names.
func DelimiterSpellings() map[string]rune { return maps.Clone(delimiterSpellings) }

// ParseDelimiter reads a --delimiter value: , ; | or a tab, written as
// tab, TAB, \t or the character itself. "" (detect the delimiter) is 0.
// The error lists DelimiterNames.
func ParseDelimiter(s string) (rune, error) {
	if s == "" {
		return 0, nil
	}
	if d, ok := delimiterSpellings[s]; ok {
		return d, nil
	}
	return 0, fmt.Errorf("%q is not one of %s", s, strings.Join(DelimiterNames, " "))
}

// DelimiterName is the name of a delimiter ParseDelimiter reads back:
// "tab" for a tab, the character for the others, "" for 0 (detect).
func DelimiterName(d rune) string {
	switch d {
	case 0:
		return ""
	case '\t':
		return "tab"
	}
	return string(d)
}
