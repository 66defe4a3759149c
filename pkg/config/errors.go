package config

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Error is a problem with a config file: a syntax error, an unknown key or
// a bad value. Its message is one line:
//
//	.listaudit.yaml:12: consent.max_age: bad duration "2y": unknown unit "y" (want w, d or h)
type Error struct {
	Path string
	Line int    // 1-based; 0 when the YAML parser does not say
	Key  string // dotted key path ("consent.max_age"); "" for the top level
	Msg  string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Path)
	if e.Line > 0 {
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(e.Line))
	}
	b.WriteString(": ")
	if e.Key != "" {
		b.WriteString(e.Key)
		b.WriteString(": ")
	}
	b.WriteString(oneLine(e.Msg))
	return b.String()
}

func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.Join(strings.Fields(strings.NewReplacer("\r", " ", "\n", "; ").Replace(s)), " ")
}

var yamlLine = regexp.MustCompile(`^yaml: (?:line (\d+): )?`)

// syntaxError turns a YAML parser error ("yaml: line 3: mapping values are
// not allowed in this context") into an *Error.
func syntaxError(path string, data []byte, err error) error {
	msg := err.Error()
	line := 0
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		msg = msg[len(m[0]):]
		if m[1] != "" {
			line, _ = strconv.Atoi(m[1])
		}
		switch {
		case parserProblems[msg]:
			// The parser's marks count lines from 0 (its scanner's
			// errors add the 1, its own do not); line 0 is written as no
			// line at all.
			line++
		case line == 0:
			line = firstLineError(data, msg)
		}
	}
	if strings.Contains(msg, "found character that cannot start any token") && hasTabIndent(data, line) {
		msg += " (a tab: indent with spaces)"
	}
	return &Error{Path: path, Line: line, Msg: "invalid YAML: " + msg}
}

// parserProblems are the YAML parser's own errors (not its scanner's),
// whose line numbers count from 0.
var parserProblems = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected <document start>": true,
	"did not find expected <stream-start>":   true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"found duplicate %TAG directive":         true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

// firstLineError finds the line of a scanner error reported without one.
// The scanner leaves out the line number for errors on the first line (its
// marks count from 0 and 0 is taken as unknown), so parse again with the
// text moved down a line: if the same error now says line 2, it was on
// line 1. Errors that never carry a line (an unknown anchor) stay at 0.
func firstLineError(data []byte, msg string) int {
	_, _, err := decodeYAML(append([]byte{'\n'}, data...))
	if err != nil && err.Error() == "yaml: line 2: "+msg {
		return 1
	}
	return 0
}

// hasTabIndent reports whether line (1-based; 0 = any) starts with a tab.
func hasTabIndent(data []byte, line int) bool {
	for i, l := range bytes.Split(data, []byte("\n")) {
		if (line == 0 || i+1 == line) && bytes.HasPrefix(bytes.TrimLeft(l, " "), []byte("\t")) {
			return true
		}
	}
	return false
}

// didYouMean formats a suggestion: ` (did you mean "x"?)`, or "".
func didYouMean(s string) string {
	if s == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", s)
}
