package report

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/olekukonko/tablewriter/pkg/twwidth"

	"github.com/listaudit/listaudit/pkg/domain"
)

// TestAppendPiecesMeasuresLinearly: breaking a word longer than a line
// measures each byte of it a bounded number of times. Measuring the whole
// rest of the word on every pass made a 320 KB cell take 4 s and a 10 MB
// one hang (QA hostile F1).
func TestAppendPiecesMeasuresLinearly(t *testing.T) {
	measured := 0
	width0, truncate0 := textWidth, truncate
	t.Cleanup(func() { textWidth, truncate = width0, truncate0 })
	textWidth = func(s string) int { measured += len(s); return twwidth.Width(s) }
	truncate = func(s string, w int) string { measured += len(s); return twwidth.Truncate(s, w) }

	for _, word := range []string{
		strings.Repeat("2", 200_000),
		strings.Repeat("日本語", 20_000),
		strings.Repeat("folder-name/", 20_000),
	} {
		for _, whole := range []bool{false, true} {
			measured = 0
			pieces := appendPieces(nil, word, 40, whole)
			if got := strings.Join(pieces, ""); got != word {
				t.Fatalf("the pieces of a word of %d bytes are not the word", len(word))
			}
			// Each pass measures a head of at most about 8 times its
			// piece's bytes; the old loop measured n²/80 here.
			if measured > 20*len(word) {
				t.Errorf("whole %v: a word of %d bytes in %d pieces: %d bytes measured, want at most %d",
					whole, len(word), len(pieces), measured, 20*len(word))
			}
		}
	}
}

// TestAppendPiecesAsBefore: the pieces are those of measuring the whole
// rest of the word, as appendPieces did before it measured heads.
func TestAppendPiecesAsBefore(t *testing.T) {
	words := []string{
		"", "x", "contacts.csv:15", strings.Repeat("x", 45), strings.Repeat("x", 40), strings.Repeat("x", 41),
		"a-rather-long-folder-name/spring-campaign-contacts.csv:3)",
		"--" + strings.Repeat("option-", 12), "(" + strings.Repeat("ab,", 30),
		strings.Repeat("日本語のメッセージ", 9), strings.Repeat("é", 90) + "/" + strings.Repeat("ü", 30),
		"x" + strings.Repeat("\u0301", 300) + strings.Repeat("y", 50), // zero-width runes
		"https://example.com/" + strings.Repeat("x", 120),
	}
	for _, word := range words {
		for _, width := range []int{1, 2, 3, 7, 20, 21, 40} {
			for _, whole := range []bool{false, true} {
				got, want := appendPieces(nil, word, width, whole), piecesMeasuringAll(word, width, whole)
				if strings.Join(got, "\x00") != strings.Join(want, "\x00") {
					t.Errorf("appendPieces(%q, %d, %v) = %q, want %q", word, width, whole, got, want)
				}
			}
		}
	}
}

// piecesMeasuringAll is appendPieces as it was: the whole rest of the word
// measured on every pass.
func piecesMeasuringAll(word string, width int, whole bool) []string {
	var out []string
	for twwidth.Width(word) > width {
		piece := twwidth.Truncate(word, width)
		if piece == "" {
			_, size := utf8.DecodeRuneInString(word)
			piece = word[:size]
		}
		if whole {
			cut := strings.LastIndexAny(piece, wordBreakChars)
			if cut < 1 || strings.Trim(piece[:cut], wordBreakChars) == "" {
				break
			}
			piece = piece[:cut+1]
		} else {
			piece = breakAfterSeparator(piece)
		}
		out = append(out, piece)
		word = word[len(piece):]
	}
	return append(out, word)
}

// TestTableShortensLongMessages: the table shows a message of a long cell
// as its first shownHead and last shownTail characters, with how many it
// leaves out; one of shownHead+shownTail characters whole; the other
// reports the whole message (QA hostile F1).
func TestTableShortensLongMessages(t *testing.T) {
	loc := domain.Location{File: "a.csv", Row: 1, Line: 2}
	msg := func(digits int) string {
		return `consent_at: "` + strings.Repeat("2", digits) + `" is not a date (want YYYY-MM-DD)`
	}
	r := oneInputFixture()
	r.Findings = domain.FindingSlice{
		{Rule: "date-invalid", Severity: domain.Warning, Loc: loc, Field: domain.FieldConsentAt, Column: "consent_at",
			Value: strings.Repeat("2", 2000), Message: msg(2000)},
		{Rule: "date-invalid", Severity: domain.Warning, Loc: loc, Field: domain.FieldConsentAt, Column: "consent_at",
			Value: strings.Repeat("2", 454), Message: msg(454)}, // 500 characters
		{Rule: "date-invalid", Severity: domain.Warning, Loc: loc, Field: domain.FieldConsentAt, Column: "consent_at",
			Value: strings.Repeat("2", 455), Message: msg(455)},
	}
	r.Decide()
	col := strings.Repeat(" ", 44)
	line := col + strings.Repeat("2", 36) + "\n"
	head := "  date-invalid  warning   2                 consent_at:\n" +
		col + `"` + strings.Repeat("2", 35) + "\n"
	cut := func(left string) string {
		return head + strings.Repeat(line, 7) +
			col + "… [" + left + " left out]\n" +
			col + "…" + strings.Repeat("2", 35) + "\n" +
			strings.Repeat(line, 3) +
			col + strings.Repeat("2", 24) + `" is not a` + "\n" +
			col + "date (want YYYY-MM-DD)\n"
	}
	want := "  RULE          SEVERITY  LOCATION  NUMBER  MESSAGE\n" +
		cut("1,546 characters") +
		head + strings.Repeat(line, 11) +
		col + strings.Repeat("2", 23) + `" is not a` + "\n" +
		col + "date (want YYYY-MM-DD)\n" +
		cut("1 character")
	out := string(render(t, "table", r, Options{Width: 80}))
	if got := out[strings.Index(out, "\nFindings\n")+len("\nFindings\n") : strings.Index(out, "\n✓")]; got != want {
		t.Errorf("findings:\n%s\nwant\n%s", got, want)
	}
	if ascii := string(render(t, "table", r, Options{Width: 80, ASCII: true})); !strings.Contains(ascii, "... [1,546 characters left out]") {
		t.Errorf("no ASCII marks around what is left out:\n%s", ascii)
	}
	for _, format := range []string{"json", "csv", "markdown"} {
		if out := string(render(t, format, r, Options{})); !strings.Contains(out, strings.Repeat("2", 2000)) || strings.Contains(out, "left out") {
			t.Errorf("%s: the message is not whole", format)
		}
	}
}
