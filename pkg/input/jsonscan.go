package input

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"

	"github.com/listaudit/listaudit/pkg/textfile"
)

// The flattener's fast path. encoding/json's Decoder.Token, which the
// reference walk uses, builds an error value for every string and number
// it reads (the scanner ends each one with "invalid character after
// top-level value") and made JSON input six times slower to read than CSV.
// scan reads the common object by hand and gives up, leaving the object to
// walkTokens, on anything it does not read exactly as that walk would:
// invalid JSON (whose error text the walk words), escapes and invalid
// UTF-8 in text are decoded by encoding/json itself. FuzzFlattenScan
// holds the two to the same leaves.

// scannedLeaf is one leaf found by scan: its dotted key in fl.keys and its
// value.
type scannedLeaf struct {
	k0, k1 int
	value  string
}

// scan reads the object in data into fl.leaves and reports whether it
// could; nothing is yielded until the whole object has been read.
func (fl *flattener) scan(data []byte) bool {
	fl.leaves, fl.keys, fl.key, fl.marks = fl.leaves[:0], fl.keys[:0], fl.key[:0], fl.marks[:0]
	s := jsonScanner{data: data}
	fl.invalid = false
	if s.skipSpace(); !s.consume('{') {
		return false
	}
	// One string holds the object's text, and values without escapes are
	// cut from it: one allocation an object rather than one a value.
	text := ""
	depth := 1
	s.skipSpace()
	if s.consume('}') {
		depth = 0
	}
	for depth > 0 {
		s.skipSpace()
		k0, k1, escaped, ok := s.str()
		if !ok {
			return false
		}
		mark := len(fl.key)
		if escaped {
			var k string
			if json.Unmarshal(data[k0-1:k1+1], &k) != nil {
				return false
			}
			fl.key = append(fl.key, k...)
		} else {
			fl.key = append(fl.key, data[k0:k1]...)
		}
		if s.skipSpace(); !s.consume(':') {
			return false
		}
		s.skipSpace()
		if s.at >= len(data) {
			return false
		}
		var value string
		switch c := data[s.at]; {
		case c == '{' && depth < maxFlattenDepth:
			s.at++
			fl.marks = append(fl.marks, mark)
			fl.key = append(fl.key, '.')
			depth++
			if s.skipSpace(); s.consume('}') {
				// An empty nested object has no leaves.
				if !fl.closeObjects(&s, &depth) {
					return false
				}
			}
			continue
		case c == '{' || c == '[':
			start := s.at
			if !s.skipComposite() {
				return false
			}
			fl.text.Reset()
			if json.Compact(&fl.text, data[start:s.at]) != nil {
				return false
			}
			value = fl.text.String()
		case c == '"':
			v0, v1, escaped, ok := s.str()
			if !ok {
				return false
			}
			if escaped {
				// Its own variable: one whose address is taken lives on
				// the heap, and value is set for every leaf.
				var decoded string
				if json.Unmarshal(data[v0-1:v1+1], &decoded) != nil {
					return false
				}
				value = decoded
			} else {
				if text == "" {
					text = string(data)
				}
				value = text[v0:v1]
			}
		case c == '-' || c >= '0' && c <= '9':
			v0 := s.at
			if !s.number() {
				return false
			}
			if text == "" {
				text = string(data)
			}
			value = text[v0:s.at]
		case c == 't' && s.literal("true"):
			value = "true"
		case c == 'f' && s.literal("false"):
			value = "false"
		case c == 'n' && s.literal("null"):
		default:
			return false
		}
		k := len(fl.keys)
		fl.keys = append(fl.keys, fl.key...)
		fl.leaves = append(fl.leaves, scannedLeaf{k0: k, k1: len(fl.keys), value: value})
		fl.key = fl.key[:mark]
		s.skipSpace()
		if s.consume(',') {
			continue
		}
		if !s.consume('}') {
			return false
		}
		if !fl.closeObjects(&s, &depth) {
			return false
		}
	}
	s.skipSpace()
	fl.invalid = s.invalid
	return s.at == len(data)
}

// closeObjects ends the object whose '}' was just read and every enclosing
// one that ends right after it, leaving s where the next member starts;
// it reports whether what follows is well formed so far.
func (fl *flattener) closeObjects(s *jsonScanner, depth *int) bool {
	for {
		*depth--
		if *depth == 0 {
			return true
		}
		fl.key = fl.key[:fl.marks[len(fl.marks)-1]]
		fl.marks = fl.marks[:len(fl.marks)-1]
		s.skipSpace()
		if s.consume(',') {
			return true
		}
		if !s.consume('}') {
			return false
		}
	}
}

// jsonScanner reads JSON text by hand for scan.
type jsonScanner struct {
	data []byte
	at   int
	// invalid says a string read holds bytes that are not valid UTF-8.
	invalid bool
}

func (s *jsonScanner) skipSpace() { s.at = skipSpace(s.data, s.at) }

// skipSpace returns where the white space at data[at:] ends; JSON and XML
// have the same four white space characters.
func skipSpace(data []byte, at int) int {
	for at < len(data) {
		switch data[at] {
		case ' ', '\t', '\n', '\r':
			at++
		default:
			return at
		}
	}
	return at
}

func (s *jsonScanner) consume(c byte) bool {
	if s.at < len(s.data) && s.data[s.at] == c {
		s.at++
		return true
	}
	return false
}

func (s *jsonScanner) literal(word string) bool {
	if !bytes.HasPrefix(s.data[s.at:], []byte(word)) {
		return false
	}
	s.at += len(word)
	return true
}

// str reads a string at s.at and returns the bounds of its contents;
// escaped is set when it has a backslash or bytes that are not valid
// UTF-8, which encoding/json must decode. Control characters fail.
func (s *jsonScanner) str() (from, to int, escaped, ok bool) {
	if !s.consume('"') {
		return 0, 0, false, false
	}
	from = s.at
	// Most strings are plain ASCII: the first quote then ends them.
	if n := bytes.IndexByte(s.data[from:], '"'); n >= 0 && textfile.JSONVerbatimLen(s.data[from:from+n]) == n {
		s.at = from + n + 1
		return from, from + n, false, true
	}
	ascii := true
	for s.at < len(s.data) {
		c := s.data[s.at]
		switch {
		case c == '"':
			to = s.at
			s.at++
			if !ascii && !utf8.Valid(s.data[from:to]) {
				escaped, s.invalid = true, true
			}
			return from, to, escaped, true
		case c == '\\':
			escaped = true
			s.at += 2 // the escaped character cannot end the string
			continue
		case c < 0x20:
			return 0, 0, false, false
		case c >= utf8.RuneSelf:
			ascii = false
		}
		s.at++
	}
	return 0, 0, false, false
}

// number reads a number as the JSON grammar has it.
func (s *jsonScanner) number() bool {
	d := s.data
	s.consume('-')
	switch {
	case s.consume('0'):
	case s.at < len(d) && d[s.at] >= '1' && d[s.at] <= '9':
		s.digits()
	default:
		return false
	}
	if s.consume('.') && !s.digits() {
		return false
	}
	if s.at < len(d) && (d[s.at] == 'e' || d[s.at] == 'E') {
		s.at++
		if !s.consume('+') {
			s.consume('-')
		}
		if !s.digits() {
			return false
		}
	}
	return true
}

// digits reads one or more digits.
func (s *jsonScanner) digits() bool {
	from := s.at
	for s.at < len(s.data) && s.data[s.at] >= '0' && s.data[s.at] <= '9' {
		s.at++
	}
	return s.at > from
}

// skipComposite moves past the array or object at s.at, strings and all;
// json.Compact then checks its insides.
func (s *jsonScanner) skipComposite() bool {
	depth := 0
	for s.at < len(s.data) {
		switch s.data[s.at] {
		case '"':
			if _, _, _, ok := s.str(); !ok {
				return false
			}
			continue
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				s.at++
				return true
			}
		}
		s.at++
	}
	return false
}
