package domain

import (
	"strings"
	"unicode/utf8"
)

// asciiMarks are listaudit's own non-ASCII marks and what stands for each
// in ASCII. The verdict's and fix's ✓ and ✗ go: PASSED, FAILED and what
// the line says carry them.
var asciiMarks = strings.NewReplacer(
	"✓ ", "", "✗ ", "",
	"·", "-", "…", "...", "–", "-", "—", "-", "→", "->",
	"§", "Sec. ", "©", "(c)",
)

// Marks is text for a person, with listaudit's own marks in ASCII when
// ascii says so ("·" as "-", "…" as "...", "–" as "-", "§" as "Sec. ",
// "✓ " and "✗ " left out): for a terminal whose locale's character set is
// not UTF-8 (LANG=C), which shows them as mojibake. Letters are kept: a
// name with accents is never changed. Text that is all ASCII is returned
// as it is.
func Marks(ascii bool, s string) string {
	if !ascii {
		return s
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return asciiMarks.Replace(s)
		}
	}
	return s
}
