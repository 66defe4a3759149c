package textfile

import "unicode/utf8"

// JSONVerbatimLen is how many leading bytes of s a JSON string holds
// verbatim, without an escape and without a decoder having to check them:
// ASCII from space on but for the quote and the backslash. The
// hand-written JSON reader (input) and writer (report) share it. It tests
// eight bytes at a time, as most text is all verbatim.
func JSONVerbatimLen[S string | []byte](s S) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := Word(s[i:])
		quote, backslash := w^(ones*'"'), w^(ones*'\\')
		// A byte of w is non-ASCII, below 0x20, or zero in quote or
		// backslash (the classic "has zero byte" and "has byte less than"
		// tests, exact as to whether any byte is one).
		if (w|(w-ones*0x20)&^w|(quote-ones)&^quote|(backslash-ones)&^backslash)&highs != 0 {
			break
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= utf8.RuneSelf || c == '"' || c == '\\' {
			break
		}
	}
	return i
}

// JSONVerbatim reports whether a JSON string holds all of s verbatim:
// JSONVerbatimLen(s) == len(s), which most strings a report writes are.
// It tests s eight bytes at a time without a branch for each, the last
// eight overlapping those before.
func JSONVerbatim[S string | []byte](s S) bool {
	n := len(s)
	if n < 8 {
		return JSONVerbatimLen(s) == n
	}
	escapes := jsonEscapes(Word(s[n-8:]))
	for len(s) >= 16 {
		escapes |= jsonEscapes(Word(s[:8])) | jsonEscapes(Word(s[8:16]))
		s = s[16:]
	}
	if len(s) >= 8 {
		escapes |= jsonEscapes(Word(s[:8]))
	}
	return escapes&(0x0101010101010101*0x80) == 0
}

// jsonEscapes has the high bit of a byte set, for some byte of w, if and
// only if a byte of w is not verbatim in a JSON string: the test of
// JSONVerbatimLen, without its mask.
func jsonEscapes(w uint64) uint64 {
	const ones = 0x0101010101010101
	quote, backslash := w^(ones*'"'), w^(ones*'\\')
	return w | (w-ones*0x20)&^w | (quote-ones)&^quote | (backslash-ones)&^backslash
}
