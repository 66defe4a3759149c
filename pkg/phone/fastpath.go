package phone

import (
	"encoding/binary"
	"strconv"
	"sync/atomic"

	"github.com/nyaruka/phonenumbers"
)

// The fast path replays, for the inputs it accepts, the exact steps of the
// library's Parse (parseHelper, maybeExtractCountryCode,
// maybeStripNationalPrefixAndCarrierCode) and of IsValidNumber,
// GetNumberType, GetRegionCodeForNumber and IsPossibleNumberWithReason,
// with the metadata's patterns compiled once into digit automata. It
// accepts ASCII text whose number part (from the first '+' or digit on, as
// extractPossibleNumber cuts it) holds only digits, the separators " -.()"
// and one leading '+'; with that alphabet the library's extension,
// RFC 3966, alpha-number and second-number handling cannot trigger and
// every input with three or more digits is "viable". Anything else, and any region or calling code whose
// metadata it does not mirror (non-geographic "001" codes), goes to the
// library. differential_test.go and FuzzFastPathMatchesLibrary hold it to
// the library's answers.

const (
	// maxFastInput bounds the text the fast path reads; the library's own
	// limit (MAX_INPUT_STRING_LENGTH) is 250.
	maxFastInput = 64
	// maxFastDigits bounds the digits kept on the stack.
	maxFastDigits = 32
	// The library's MIN_LENGTH_FOR_NSN and MAX_LENGTH_FOR_NSN.
	minNSN = 2
	maxNSN = 17
)

type digitBuf [maxFastDigits]byte

// parseFast returns parseWithLibrary's answer for s, which is trimmed and
// either has a region or starts with '+'; ok is false when the fast path
// cannot vouch for the answer and the library must decide.
func parseFast(s, region string) (n Number, ok bool) {
	if len(s) > maxFastInput {
		return Number{}, false
	}
	var buf digitBuf
	count, plus, ok := scanDigits(s, &buf)
	if !ok {
		return parseWithExtension(s, region)
	}
	if count == 0 && !plus {
		// No digit or plus to start a number: extractPossibleNumber leaves
		// nothing, which is not viable, whatever the region.
		return Number{Problem: NotANumber, Type: phonenumbers.UNKNOWN}, true
	}
	if count < 3 {
		return Number{}, false
	}
	t := loadTables()
	var def *regionInfo
	if region != "" {
		if def = t.lookup(region); def == nil || !def.compile() {
			return Number{}, false
		}
	} else if !plus {
		return Number{}, false
	}
	digits := buf[:count]

	// A national prefix rewritten by a transform rule is written to
	// these, one for each place a prefix is stripped.
	var rewritten [2]digitBuf
	cc, national, p, ok := extractCountryCode(t, digits, plus, def, &rewritten[0])
	if !ok {
		return Number{}, false
	}
	if p != OK {
		return Number{Problem: p, Type: phonenumbers.UNKNOWN}, true
	}
	var meta *regionInfo
	if cc != 0 {
		// parseHelper switches to the metadata of the code's main region.
		code := t.byCode[cc]
		if !code.ok {
			return Number{}, false
		}
		if meta = code.regions[0]; !meta.compile() {
			return Number{}, false
		}
	} else {
		cc, national, meta = def.cc, digits, def
	}
	if len(national) < minNSN {
		return Number{Problem: TooShort, Type: phonenumbers.UNKNOWN}, true
	}
	stripped, ok := meta.stripNationalPrefix(national, &rewritten[1])
	if !ok {
		return Number{}, false
	}
	// Keep the stripped form only when its length is possible, as the
	// library does so that short numbers survive.
	switch meta.testLength(len(stripped)) {
	case phonenumbers.TOO_SHORT, phonenumbers.IS_POSSIBLE_LOCAL_ONLY, phonenumbers.INVALID_LENGTH:
	default:
		national = stripped
	}
	if len(national) < minNSN {
		return Number{Problem: TooShort, Type: phonenumbers.UNKNOWN}, true
	}
	if len(national) > maxNSN {
		return Number{Problem: TooLong, Type: phonenumbers.UNKNOWN}, true
	}
	// The library keeps the national number as an integer plus a count of
	// leading zeros, which gives back exactly these digits, so they are the
	// national significant number.
	return classify(t, s, cc, national)
}

// scanDigits copies the digits of s to buf. Like extractPossibleNumber it
// skips what comes before the first '+' or digit ("tel:", "call "), as long
// as that is ASCII (a non-ASCII character may be a digit) without ';' (which
// may start ";phone-context="). After that it accepts digits, the
// separators " -.()" and one '+' before the first digit.
func scanDigits(s string, buf *digitBuf) (n int, plus, ok bool) {
	i := 0
	for ; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || c == ';' {
			return 0, false, false
		}
		if c == '+' || (c >= '0' && c <= '9') {
			break
		}
	}
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			if n == len(buf) {
				return 0, false, false
			}
			buf[n] = c
			n++
		case c == ' ' || c == '-' || c == '.' || c == '(' || c == ')':
		case c == '+' && n == 0 && !plus:
			plus = true
		default:
			return 0, false, false
		}
	}
	return n, plus, true
}

// extractCountryCode is maybeExtractCountryCode with parseHelper's retry:
// a '+' followed by no known calling code is read again as if it were not
// there. cc is 0 when the number has no calling code of its own.
func extractCountryCode(t *tables, digits []byte, plus bool, def *regionInfo, out *digitBuf) (cc int, national []byte, p Problem, ok bool) {
	if plus {
		if len(digits) <= minNSN {
			return 0, nil, TooShort, true
		}
		if cc, rest := splitCallingCode(t, digits); cc != 0 {
			return cc, rest, OK, true
		}
		cc, national, p, ok = extractWithoutPlus(t, digits, def, out)
		if ok && p == OK && cc == 0 {
			p = BadCountryCode
		}
		return cc, national, p, ok
	}
	return extractWithoutPlus(t, digits, def, out)
}

func extractWithoutPlus(t *tables, digits []byte, def *regionInfo, out *digitBuf) (cc int, national []byte, p Problem, ok bool) {
	if def == nil {
		return 0, nil, OK, true // the library's "NonMatch" IDD never matches digits
	}
	end, idd, ok := def.iddPrefix(digits)
	if !ok {
		return 0, nil, OK, false
	}
	// An IDD followed by 0 is not one: calling codes never start with 0.
	if idd && !(end < len(digits) && digits[end] == '0') {
		rest := digits[end:]
		if len(rest) <= minNSN {
			return 0, nil, TooShort, true
		}
		cc, national := splitCallingCode(t, rest)
		if cc == 0 {
			return 0, nil, BadCountryCode, true
		}
		return cc, national, OK, true
	}
	// The region's own calling code written without '+' or IDD: strip it
	// when the number was not viable with it and is without it, or was
	// too long with it.
	if hasPrefix(digits, def.ccDigit) {
		potential, ok := def.stripNationalPrefix(digits[len(def.ccDigit):], out)
		if !ok {
			return 0, nil, OK, false
		}
		if (!general(def, digits) && general(def, potential)) || def.testLength(len(digits)) == phonenumbers.TOO_LONG {
			return def.cc, potential, OK, true
		}
	}
	return 0, nil, OK, true
}

// splitCallingCode is extractCountryCode: the first 1–3 digits that name a
// calling code the metadata knows.
func splitCallingCode(t *tables, digits []byte) (int, []byte) {
	if len(digits) == 0 || digits[0] == '0' {
		return 0, nil
	}
	cc := 0
	for i := 0; i < 3 && i < len(digits); i++ {
		cc = cc*10 + int(digits[i]-'0')
		if t.byCode[cc] != nil {
			return cc, digits[i+1:]
		}
	}
	return 0, nil
}

func hasPrefix(b []byte, p string) bool {
	return len(b) >= len(p) && string(b[:len(p)]) == p
}

// iddPrefix is parsePrefixAsIdd's match: the end of the region's
// international prefix at the start of digits.
func (ri *regionInfo) iddPrefix(digits []byte) (end int, matched, ok bool) {
	if ri.iddFixed {
		// Every match has length iddLen, so leftmost-first matching at 0 is
		// a full match of the first iddLen digits.
		if len(digits) >= ri.iddLen && full(ri.idd, digits[:ri.iddLen]) != 0 {
			return ri.iddLen, true, true
		}
		return 0, false, true
	}
	if ri.iddSub != nil {
		var caps [maxSubmatchCaps]int
		if matched, ok := ri.iddSub.match(digits, caps[:ri.iddSub.ncap]); ok {
			if !matched {
				return 0, false, true
			}
			return caps[1], true, true
		}
	}
	prefixRegexps.Add(1)
	s := string(digits)
	loc := ri.iddRegexp.FindStringIndex(s)
	if loc == nil || loc[0] != 0 {
		return 0, false, true
	}
	return loc[1], true, true
}

// stripNationalPrefix is maybeStripNationalPrefixAndCarrierCode without
// the carrier code (Parse discards it): the number after the national
// prefix, or num itself when there is none to strip. ok is false when the
// result is not a short run of digits.
func (ri *regionInfo) stripNationalPrefix(num []byte, out *digitBuf) ([]byte, bool) {
	if len(num) == 0 || ri.npfp == "" {
		return num, true
	}
	if ri.npLiterals != nil {
		end := -1
		for _, l := range ri.npLiterals {
			if hasPrefix(num, l) {
				end = len(l)
				break
			}
		}
		// Stripping must not turn a viable number into a non-viable one.
		if end < 0 || (general(ri, num) && !general(ri, num[end:])) {
			return num, true
		}
		return num[end:], true
	}
	// Patterns with groups or a transform rule: the library's steps, with
	// the same pattern's match.
	if !prefix(ri.npMatch, num) {
		return num, true
	}
	var caps [maxSubmatchCaps]int
	var g []int
	if ri.npSub != nil {
		g = caps[:ri.npSub.ncap]
		if matched, ok := ri.npSub.match(num, g); !ok {
			g = nil
		} else if !matched {
			return nil, false // npMatch said it matches: the library decides
		}
	}
	if g == nil {
		prefixRegexps.Add(1)
		g = ri.npRegexp.FindStringSubmatchIndex(string(num))
	}
	viable := general(ri, num)
	last := len(g)/2 - 1
	if ri.npRule == "" || g[2*last] < 0 {
		if viable && !general(ri, num[g[1]:]) {
			return num, true
		}
		return num[g[1]:], true
	}
	// ReplaceAllString on a pattern anchored at the start: the rule
	// expanded with the match, then the rest of the number.
	var tr []byte
	if ri.npRuleParts != nil {
		tr = expandTemplate(out[:0], ri.npRuleParts, num, g)
	} else {
		prefixRegexps.Add(1)
		tr = ri.npRegexp.ExpandString(nil, ri.npRule, string(num), g)
	}
	tr = append(tr, num[g[1]:]...)
	if len(tr) > maxFastDigits || !allDigits(tr) {
		return nil, false
	}
	if viable && !general(ri, tr) {
		return num, true
	}
	return tr, true
}

// parseWithExtension answers for a valid number followed by an extension
// written the common ways ("0712 345678 ext. 12", "+44 20 7946 0018 x5"):
// the library strips the extension from a viable number and parses the
// rest, so the answer is the number's. Anything else, or a number that is
// not valid on its own, is the library's to decide.
func parseWithExtension(s, region string) (Number, bool) {
	main, ok := cutExtension(s)
	if !ok {
		return Number{}, false
	}
	var buf digitBuf
	if _, _, ok := scanDigits(main, &buf); !ok {
		return Number{}, false
	}
	if n, ok := parseFast(main, region); ok && n.Valid {
		return n, true
	}
	return Number{}, false
}

// cutExtension splits "NUMBER ext. 123" into NUMBER: one to six ASCII
// digits at the end, spaces, "ext.", "ext" or "x" in any case, and spaces
// before it, after a number ending in a digit.
func cutExtension(s string) (string, bool) {
	i := len(s)
	for i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
		i--
	}
	if n := len(s) - i; n < 1 || n > 6 {
		return "", false
	}
	for i > 0 && s[i-1] == ' ' {
		i--
	}
	lower := func(j int) byte { return s[j] | 0x20 }
	switch {
	case i >= 4 && s[i-1] == '.' && lower(i-2) == 't' && lower(i-3) == 'x' && lower(i-4) == 'e':
		i -= 4
	case i >= 3 && lower(i-1) == 't' && lower(i-2) == 'x' && lower(i-3) == 'e':
		i -= 3
	case i >= 1 && lower(i-1) == 'x':
		i--
	default:
		return "", false
	}
	spaces := i
	for i > 0 && s[i-1] == ' ' {
		i--
	}
	if i == 0 || i == spaces || s[i-1] < '0' || s[i-1] > '9' {
		return "", false
	}
	return s[:i], true
}

// prefixRegexps counts the national and international prefixes matched
// with regexp rather than a submatcher, which allocates: none with
// today's metadata (TestPatternPrefixesAllocateNothing), but a future
// pattern too large for the submatcher, or a transform rule other than
// digits and $N, would take that path.
var prefixRegexps atomic.Uint64

func allDigits[T string | []byte](s T) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// classify is IsValidNumber, GetNumberType, GetRegionCodeForNumber and, for
// an invalid number, IsPossibleNumberWithReason, sharing one type match:
// the library's IsValidNumber is "type for the number's region is not
// UNKNOWN".
func classify(t *tables, s string, cc int, nsn []byte) (Number, bool) {
	code := t.byCode[cc]
	if code == nil || !code.ok {
		return Number{}, false
	}
	var region *regionInfo
	typ := phonenumbers.UNKNOWN
	if len(code.regions) == 1 {
		region = code.regions[0]
		if !region.compile() {
			return Number{}, false
		}
		typ = region.numberType(nsn)
	} else {
		// getRegionCodeForNumberFromRegionList: leading digits decide when
		// a region has them, else the first region the number is valid in.
		for _, r := range code.regions {
			if !r.compile() {
				return Number{}, false
			}
			if r.leading != nil {
				if prefix(r.leading, nsn) {
					region, typ = r, r.numberType(nsn)
					break
				}
			} else if tt := r.numberType(nsn); tt != phonenumbers.UNKNOWN {
				region, typ = r, tt
				break
			}
		}
	}
	if region == nil || typ == phonenumbers.UNKNOWN {
		return Number{Problem: possibleProblem(code.regions[0], len(nsn)), Type: phonenumbers.UNKNOWN, CallingCode: cc}, true
	}
	key, long := keyE164(cc, nsn)
	return newValid(long, key, typ, cc, region.id), true
}

// possibleProblem is possibility(): IsPossibleNumberWithReason for a
// number of the code's main region.
func possibleProblem(main *regionInfo, n int) Problem {
	if main.noPattern {
		switch {
		case n < minNSN:
			return TooShort
		case n > maxNSN:
			return TooLong
		}
		return NotAssigned
	}
	return problemOf(main.testLength(n))
}

// keyE164 is the key of the number of calling code cc and national number
// nsn; only a number too long for a key (none the metadata has today)
// costs its E.164 text.
func keyE164(cc int, nsn []byte) (key uint64, long string) {
	ccDigits := 1
	for c := cc; c >= 10; c /= 10 {
		ccDigits++
	}
	if ccDigits+len(nsn) > 19 { // may not fit a uint64: as the library path keys it
		long = "+" + strconv.Itoa(cc) + string(nsn)
		return e164Key(long), long
	}
	// The digits of cc, then nsn's, read as one number, eight at a time.
	key = uint64(cc)
	for ; len(nsn) >= 8; nsn = nsn[8:] {
		key = key*1e8 + eightDigits(binary.LittleEndian.Uint64(nsn))
	}
	for _, c := range nsn {
		key = key*10 + uint64(c-'0')
	}
	return key, ""
}

// eightDigits is the number eight ASCII digits make, the first in w's low
// byte: pairs, then fours, then the eight, each step one multiplication
// over the lanes of w (no lane overflows into the next).
func eightDigits(w uint64) uint64 {
	w -= 0x3030303030303030
	w = (w*10 + w>>8) & 0x00ff00ff00ff00ff
	w = (w*100 + w>>16) & 0x0000ffff0000ffff
	return (w*10000 + w>>32) & 0xffffffff
}
