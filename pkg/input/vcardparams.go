package input

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/unicode"
)

// The parameters of a vCard content line, as written between its name and
// its ':' (TYPE=FAX,WORK;CHARSET=ISO-8859-1), are read in place: a
// property's parameters are looked at for every TEL and for every value
// that is not UTF-8, and splitting them would allocate.

// nextParam splits params at its first ';' outside a quoted value.
func nextParam(params string) (param, rest string) {
	quoted := false
	for i := 0; i < len(params); i++ {
		switch params[i] {
		case '"':
			quoted = !quoted
		case ';':
			if !quoted {
				return params[:i], params[i+1:]
			}
		}
	}
	return params, ""
}

// splitParam splits NAME=value; a bare parameter (vCard 2.1's FAX) is a
// value without a name.
func splitParam(param string) (name, value string) {
	name, value, ok := strings.Cut(param, "=")
	if !ok {
		return "", strings.TrimSpace(param)
	}
	return strings.TrimSpace(name), strings.Trim(strings.TrimSpace(value), `"`)
}

// paramValue is the value of the first parameter called name (any case),
// "" when there is none.
func paramValue(params, name string) string {
	for params != "" {
		var param string
		param, params = nextParam(params)
		if n, v := splitParam(param); strings.EqualFold(n, name) {
			return v
		}
	}
	return ""
}

// isFaxOrPager reports whether a TEL's types are fax or pager only: a TEL
// with FAX or PAGER among its types and no type other than the place and
// preference ones (HOME, WORK, OTHER, PREF), in any version's spelling:
// TYPE=FAX,WORK and TYPE=fax;TYPE=work (3.0), TYPE="fax,work" (4.0), the
// bare ;FAX;WORK of 2.1. Such a number takes no messages, like a CSV
// export's fax column. Any other type (CELL, VOICE, TEXT, MSG, one
// listaudit does not know) makes the TEL a number to audit: a number is
// skipped only when its types say for sure that it is not for messages.
func isFaxOrPager(params string) bool {
	faxOrPager := false
	for params != "" {
		var param string
		param, params = nextParam(params)
		name, value := splitParam(param)
		if name != "" && !strings.EqualFold(name, "TYPE") {
			continue // VALUE=uri, PREF=1, CHARSET=…: not a type
		}
		for value != "" {
			var t string
			t, value, _ = strings.Cut(value, ",")
			switch telType(strings.TrimSpace(t)) {
			case telFaxOrPager:
				faxOrPager = true
			case telOther:
				return false
			}
		}
	}
	return faxOrPager
}

// Kinds of TEL type, for isFaxOrPager.
const (
	telOther      = iota // a type of a number to audit, or unknown
	telFaxOrPager        // FAX, PAGER
	telQualifier         // a place or a preference, which says nothing of the line
)

// telType tells what a TEL type says of the line.
func telType(t string) int {
	switch {
	case strings.EqualFold(t, "FAX"), strings.EqualFold(t, "PAGER"):
		return telFaxOrPager
	case t == "", strings.EqualFold(t, "HOME"), strings.EqualFold(t, "WORK"), strings.EqualFold(t, "OTHER"),
		strings.EqualFold(t, "PREF"),
		// vCard 2.1's bare transfer encodings are parameters, not types.
		strings.EqualFold(t, "QUOTED-PRINTABLE"), strings.EqualFold(t, "8BIT"), strings.EqualFold(t, "7BIT"):
		return telQualifier
	}
	return telOther
}

// containsFold reports whether s holds sub (upper-case ASCII) in any case,
// without the copy an upper-cased s would take.
func containsFold[T string | []byte](s T, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		j := 0
		for j < len(sub) && upperASCII(s[i+j]) == sub[j] {
			j++
		}
		if j == len(sub) {
			return true
		}
	}
	return false
}

func upperASCII(c byte) byte {
	if 'a' <= c && c <= 'z' {
		return c - ('a' - 'A')
	}
	return c
}

// charsetCache decodes values by the character set their CHARSET
// parameter names (vCard 2.1: CHARSET=ISO-8859-1, CHARSET=Windows-1252,
// CHARSET=Shift_JIS…), keeping the decoder of the last one: a file uses
// one or two. Names are looked up in the IANA registry, then by the
// WHATWG's labels (cp1252, utf8, tis-620).
type charsetCache struct {
	name   string            // the last name looked up
	known  bool              // whether a registry knows name
	dec    *encoding.Decoder // name's decoder; nil for UTF-8 or unknown
	warned []string          // unknown names met, warned about once
}

// lookup makes the character set called name current.
func (c *charsetCache) lookup(name string) {
	if c.name != "" && strings.EqualFold(name, c.name) {
		return
	}
	c.name, c.known, c.dec = name, false, nil
	e, err := ianaindex.IANA.Encoding(name)
	if e == nil || err != nil {
		e, err = htmlindex.Get(name)
	}
	if e == nil || err != nil {
		return
	}
	c.known = true
	if e != unicode.UTF8 {
		c.dec = e.NewDecoder()
	}
}

// decode returns s, a value in the character set called name, as UTF-8.
// s is returned as it is when it is UTF-8 already (whatever name says:
// exporters that declare ISO-8859-1 and write UTF-8 are more common than
// Latin-1 text that happens to form UTF-8), when the set is unknown, or
// when s has bytes the set does not define (the reader then finds them
// invalid). firstUnknown is true the first time an unknown name is met,
// for a warning once.
func (c *charsetCache) decode(s, name string) (text string, firstUnknown bool) {
	c.lookup(name)
	if !c.known {
		return s, c.firstUnknown(name)
	}
	if utf8.ValidString(s) {
		return s, false
	}
	text, _ = c.text(s, name)
	return text, false
}

// firstUnknown records the unknown name, reporting whether it is new.
func (c *charsetCache) firstUnknown(name string) bool {
	for _, n := range c.warned {
		if strings.EqualFold(n, name) {
			return false
		}
	}
	if len(c.warned) < 16 {
		c.warned = append(c.warned, name)
	}
	return true
}

// text decodes s from the character set called name; ok is false when
// the set is UTF-8 or unknown or does not define every byte of s.
func (c *charsetCache) text(s, name string) (t string, ok bool) {
	c.lookup(name)
	if c.dec == nil {
		return s, false
	}
	t, err := c.dec.String(s)
	if err != nil || strings.Contains(t, replacementChar) {
		return s, false
	}
	return t, true
}
