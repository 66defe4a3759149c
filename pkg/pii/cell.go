package pii

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/listaudit/listaudit/pkg/cellvalue"
	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/phone"
)

// A cell of a field that is not personal in itself (a country, an opt-out
// flag, a date) can still hold a person's data when an export is shifted
// or mis-mapped: a number in country, an e-mail address in opted_out, a
// name in last_active_at. Reports show such cells, and quote them in
// messages, because a person needs them to fix the cell; what in them may
// be a person's is made safe first.

// cellPersonal reports whether v, a cell of field f, holds what may be a
// person's data: an e-mail address, a run of digits that can be a phone
// number (not a date), or an item that may be a name and is no word of
// the field's own vocabulary. It allocates nothing: reports ask it of
// every finding's cell, and most are dates, codes and counts.
func cellPersonal(f domain.Field, v string) bool {
	digits, at, space := 0, false, false
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case isDigit(c):
			digits++
		case c == '@':
			at = true
		case c == ' ' || c >= utf8.RuneSelf:
			space = true
		}
	}
	return at && emailAddress.MatchString(v) ||
		digits >= 7 && !dateWithFewDigits(v, digits) && !(digits == 8 && isDateField(f) && compactDate(v)) && hasPhone(v) ||
		space && hasName(f, v)
}

// isDateField reports whether f holds dates.
func isDateField(f domain.Field) bool {
	switch f {
	case domain.FieldConsentAt, domain.FieldOptedOutAt, domain.FieldLastContactedAt, domain.FieldLastActiveAt, domain.FieldConsentConfirmedAt:
		return true
	}
	return false
}

// compactDate reports whether v, trimmed, is a date written YYYYMMDD
// (19000101 to 20991231), as exports write dates without separators: in
// a date's column it is a date, not an 8-digit number.
func compactDate(v string) bool {
	v = strings.TrimSpace(v)
	if len(v) != 8 {
		return false
	}
	n := 0
	for i := range len(v) {
		if !isDigit(v[i]) {
			return false
		}
		n = n*10 + int(v[i]-'0')
	}
	year, month, day := n/10000, n/100%100, n%100
	return year >= 1900 && year <= 2099 && month >= 1 && month <= 12 && day >= 1 && day <= 31
}

// dateWithFewDigits reports whether v, which has digits digits, starts
// with a date written with - or . and has too few digits after it for a
// phone number, as a date cell has (2025-01-01, 2025-01-01T10:00:00Z): a
// shortcut past hasPhone for the cells most findings are about. The run
// that holds such a date (- and . are inside runs, / is not) starts with
// it and is no number, and every later run has at most the digits after
// it.
func dateWithFewDigits(v string, digits int) bool {
	n := datePrefixLen(v)
	for i := 0; i < n; i++ {
		switch {
		case isDigit(v[i]):
			digits--
		case v[i] == '/':
			return false
		}
	}
	return n > 0 && digits < 7
}

// hasName reports whether an item of cell v of field f may be a name.
func hasName(f domain.Field, v string) bool {
	for start, end := 0, 0; start < len(v); start = end + 1 {
		end = itemEnd(v, start)
		if item := v[start:end]; mayBeName(item) && !knownWord(f, item) {
			return true
		}
	}
	return false
}

// itemEnd is where the item of v that starts at start ends.
func itemEnd(v string, start int) int {
	if i := strings.IndexFunc(v[start:], isItemSeparator); i >= 0 {
		return start + i
	}
	return len(v)
}

// knownWord reports whether item is a word of field f's vocabulary (a
// yes/no or opt-out word, a country name, a channel, purpose or consent
// type, a placeholder such as n/a), which names no person. A brand's
// vocabulary is the names of businesses, which read as people's names do:
// every name in it is known.
func knownWord(f domain.Field, item string) bool {
	if f == domain.FieldConsentBrand || cellvalue.Placeholder(item) {
		return true
	}
	if _, err := cellvalue.ParseBool(item); err == nil {
		return true
	}
	switch f {
	case domain.FieldOptedOut:
		_, ok := cellvalue.OptOutStatus(item)
		return ok
	case domain.FieldCountry:
		_, ok := phone.RegionFromCountry(item)
		return ok
	case domain.FieldConsentChannel:
		_, unknown := domain.ParseChannels(item)
		return len(unknown) == 0
	case domain.FieldConsentPurpose:
		_, unknown := domain.ParsePurposes(item)
		return len(unknown) == 0
	case domain.FieldConsentType:
		_, err := domain.ParseConsentType(item)
		return err == nil
	}
	return false
}

// personalPart is a span of a cell that may be a person's data: hidden
// (Hidden) or, when not, a number masked as MaskNumber masks one.
type personalPart struct {
	start, end int
	hidden     bool
}

// appendShown appends what is shown for p, a part of s.
func (p personalPart) appendShown(b []byte, s string) []byte {
	if p.hidden {
		return append(b, Hidden...)
	}
	return AppendMaskedNumber(b, s[p.start:p.end])
}

// personalParts appends to parts the spans of v, a cell of field f, that
// may be a person's data, and returns them in order: freeParts, and items
// that may be names.
func personalParts(parts []personalPart, f domain.Field, v string) []personalPart {
	parts = freeParts(parts, v)
	for start, end := 0, 0; start < len(v); start = end + 1 {
		end = itemEnd(v, start)
		item := v[start:end]
		if mayBeName(item) && !knownWord(f, item) {
			trimmed := strings.TrimSpace(item)
			at := start + strings.Index(item, trimmed)
			parts = append(parts, personalPart{at, at + len(trimmed), true})
		}
	}
	slices.SortFunc(parts, func(a, b personalPart) int { return cmp.Compare(a.start, b.start) })
	return parts
}

// freeParts appends to parts the spans of free text s that may be a
// person's data, and returns them in order: e-mail addresses and runs
// that can be phone numbers.
func freeParts(parts []personalPart, s string) []personalPart {
	first := len(parts)
	if strings.IndexByte(s, '@') >= 0 {
		for _, m := range emailAddress.FindAllStringIndex(s, -1) {
			parts = append(parts, personalPart{m[0], m[1], true})
		}
	}
	emails := parts[first:]
	inEmail := func(start, end int) bool {
		return slices.ContainsFunc(emails, func(p personalPart) bool { return start < p.end && p.start < end })
	}
	for start, end := nextPhoneRun(s, 0); start >= 0; start, end = nextPhoneRun(s, end) {
		if phoneDigits(s[start:end]) && !inEmail(start, end) {
			parts = append(parts, personalPart{start, end, false})
		}
	}
	slices.SortFunc(parts, func(a, b personalPart) int { return cmp.Compare(a.start, b.start) })
	return parts
}

// MaskFreeText is free text (a message's body) as a warning shows it: its
// runs that can be phone numbers masked as MaskNumber masks them, its
// e-mail addresses hidden.
func MaskFreeText(s string) string {
	return string(appendShownCell(nil, s, freeParts(nil, s)))
}

// appendShownCell appends v with its personal parts replaced by what is
// shown for them.
func appendShownCell(b []byte, v string, parts []personalPart) []byte {
	at := 0
	for _, p := range parts {
		b = p.appendShown(append(b, v[at:p.start]...), v)
		at = p.end
	}
	return append(b, v[at:]...)
}

// appendCell appends v, a cell of field f that is not personal in itself,
// as shown without showPII. A cell with a number in it is masked without
// allocating, as the reports render into one buffer.
func appendCell(b []byte, f domain.Field, v string) []byte {
	if !cellPersonal(f, v) {
		return append(b, v...)
	}
	var buf [4]personalPart
	return appendShownCell(b, v, personalParts(buf[:0], f, v))
}

// FindingMessage is the finding's message as shown. A message quotes the
// cell it is about ("country: "+254712345679" is not an ISO 3166 code")
// and may write a number read from it ("254712345672 messages sent"), and
// a column header that holds a number or an address (Header) begins many
// a message: unless showPII, each is shown as the finding's value and
// column are, and any other run in the message that can be a phone number
// or e-mail address is masked too. A message whose cell and column hold
// nothing personal, nearly every one, is returned as it is. The messages
// of personal fields (the phone, names, e-mails) never quote their cell.
func FindingMessage(f *domain.Finding, showPII bool) string {
	c := FindingCell(f, showPII)
	return c.Message(!c.shown && f.HasField() && HeaderPersonal(f.Column))
}

// Cell is a finding's cell as a report shows it: its value (FindingValue)
// and its message (FindingMessage) both depend on whether the cell holds
// a person's data, which FindingCell asks once. A report of millions of
// findings asks it once a finding, not twice.
type Cell struct {
	f        *domain.Finding
	shown    bool // showPII: nothing is masked
	personal bool // a cell of a field not personal in itself holds a person's data
}

// FindingCell is f's cell as shown with showPII or without.
func FindingCell(f *domain.Finding, showPII bool) Cell {
	c := Cell{f: f, shown: showPII}
	if !showPII && f.HasField() && !f.Field.IsPII() {
		c.personal = cellPersonal(f.Field, f.Value)
	}
	return c
}

// Personal reports whether the cell, of a field not personal in itself,
// holds a person's data, which its value and message mask: a report may
// keep the rendering of a value that does not, and show it again.
func (c Cell) Personal() bool { return c.personal }

// AppendValue appends the cell's value as shown (AppendFindingValue).
func (c Cell) AppendValue(b []byte) []byte {
	f := c.f
	switch {
	case !f.HasField():
		return b
	case c.shown || f.Field.IsPII():
		return AppendFieldValue(b, f.Field, f.Value, c.shown)
	case !c.personal:
		return append(b, f.Value...)
	}
	var buf [4]personalPart
	return appendShownCell(b, f.Value, personalParts(buf[:0], f.Field, f.Value))
}

// Message is the finding's message as shown (FindingMessage);
// headerPersonal is HeaderPersonal of the finding's column, which a
// report that renders many findings of the same columns keeps.
func (c Cell) Message(headerPersonal bool) string {
	f := c.f
	if c.shown || !f.HasField() || !c.personal && !headerPersonal {
		return f.Message
	}
	var pairs []string
	hidden := false
	if c.personal {
		for _, p := range personalParts(nil, f.Field, f.Value) {
			pairs = append(pairs, f.Value[p.start:p.end], string(p.appendShown(nil, f.Value)))
			hidden = hidden || p.hidden
		}
	}
	if headerPersonal {
		pairs = append(pairs, f.Column, Header(f.Column, false))
	}
	var msg string
	if len(pairs) == 2 {
		// What strings.NewReplacer does with one pair, without its finder,
		// whose making costs the square of the old string's length: a cell
		// of 100 KB of words, hidden whole, took a minute.
		msg = strings.ReplaceAll(f.Message, pairs[0], pairs[1])
	} else {
		msg = longestFirst(pairs).Replace(f.Message)
	}
	shown := appendShownCell(nil, msg, freeParts(nil, msg))
	if hidden && f.Field == domain.FieldConsentSource {
		shown = append(shown, hiddenSourceHint...)
	}
	return string(shown)
}

// hiddenSourceHint ends the message of a consent source cell that was
// hidden: a source is a way of collecting consent, which the reader must
// see to correct it or allow it (consent.sources), hidden only because
// free text of two words may be a person's name.
const hiddenSourceHint = "; --show-pii shows the hidden value"

// longestFirst is a replacer of old-new pairs that tries the longer old
// strings first, so that a part of one is not replaced inside another.
func longestFirst(pairs []string) *strings.Replacer {
	type pair struct{ old, new string }
	ps := make([]pair, 0, len(pairs)/2)
	for i := 0; i < len(pairs); i += 2 {
		ps = append(ps, pair{pairs[i], pairs[i+1]})
	}
	slices.SortStableFunc(ps, func(a, b pair) int { return cmp.Compare(len(b.old), len(a.old)) })
	pairs = pairs[:0]
	for _, p := range ps {
		pairs = append(pairs, p.old, p.new)
	}
	return strings.NewReplacer(pairs...)
}

// HeaderPersonal reports whether header h holds a phone number or an
// e-mail address, which Header masks.
func HeaderPersonal(h string) bool {
	// Most headers have neither an @ nor 7 digits: every finding's column
	// is asked.
	digits, at := 0, false
	for i := 0; i < len(h); i++ {
		if isDigit(h[i]) {
			digits++
		}
		at = at || h[i] == '@'
	}
	return at && hasEmail(h) || digits >= 7 && hasPhone(h)
}
