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
