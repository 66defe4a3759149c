package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/pii"
)

// TestJSONStreamMatchesEncodingJSON checks the streamed findings against
// encoding/json's own rendering of the whole document, on hostile text.
func TestJSONStreamMatchesEncodingJSON(t *testing.T) {
	for _, text := range []string{
		"plain", `quote " and \ backslash`, "tab\tnew\nline\rcr", "\x00\x01\x1f control", "<html> & ampersand",
		"line\u2028sep\u2029para", "bad \xff utf-8 \xc3", "emoji 📞 and ünïcödé", "",
		// What reports mask in cells and messages.
		"Jane Doe", "+254712345679", "mail ann@example.com now",
	} {
		r := fixture()
		r.Findings.(domain.FindingSlice)[0].Message = text
		r.Findings.(domain.FindingSlice)[0].Loc.File = text
		r.Findings.(domain.FindingSlice)[0].Value = text
		r.Findings.(domain.FindingSlice)[0].Column = text
		r.Findings.(domain.FindingSlice)[0].Phone = text
		r.Findings.(domain.FindingSlice)[1].Value = text
		r.Findings.(domain.FindingSlice)[1].Related = []domain.Location{{File: text, Row: 3}, {File: "b", Row: 4, Line: 5}, {File: "c.xlsx", Row: 2, Line: 3, Sheet: text, Col: 5}}
		r.Findings.(domain.FindingSlice)[2].Loc.Sheet, r.Findings.(domain.FindingSlice)[2].Loc.Col = text, 30
		for _, opts := range []Options{{}, {ShowPII: true}} {
			if got, want := streamedAndWhole(t, r, opts); !bytes.Equal(got, want) {
				t.Fatalf("text %q: streamed JSON differs from encoding/json:\n%s\nwant\n%s", text, got, want)
			}
		}
	}
}

func FuzzJSONString(f *testing.F) {
	for _, s := range []string{"a", "\"\\", "\u2028", "\xff", "\x00<>&", "eight by", "0123456789abcdef\x1f", "!!!!!!!!\x7f~~~~~~~~\"", "[[[[[[[[\\"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := marshalIndent(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := string(appendJSONString(nil, s)) + "\n"; got != string(want) {
			t.Fatalf("appendJSONString(%q) = %s, want %s", s, got, want)
		}
	})
}

// TestJSONRowRunsMatchEncodingJSON renders runs of findings that share a
// row or a number, and change one without the other: what the writer
// keeps from the last finding must never leak into the next.
func TestJSONRowRunsMatchEncodingJSON(t *testing.T) {
	r := fixture()
	base := r.Findings.(domain.FindingSlice)[1]
	fs := domain.FindingSlice{base, base, base, base, base}
	fs[1].Rule = "stale"
	fs[2].Phone = "+447911123456"         // same row, another number
	fs[3].Loc.Row, fs[3].Loc.Line = 9, 10 // another row, same number
	fs[4].Loc.File = "other.csv"          // another file, same row and number
	book := base
	book.Loc.File, book.Loc.Sheet, book.Loc.Col = "book.xlsx", "Sheet1", 5
	other := book
	other.Rule, other.Loc.Col = "stale", 0 // the same row's other cell
	fs = append(fs, book, other, base)
	r.Findings = fs
	r.Decide()
	if got, want := streamedAndWhole(t, r, Options{}); !bytes.Equal(got, want) {
		t.Fatalf("streamed JSON differs from encoding/json:\n%s\nwant\n%s", got, want)
	}
}

// TestJSONRecurringValuesMatchEncodingJSON renders, in runs of more than
// one part, values and messages that recur, which the writer renders once
// and copies: values of up to 16 bytes that differ in one byte only,
// values that hold a person's data (never kept), and columns whose header
// does.
func TestJSONRecurringValuesMatchEncodingJSON(t *testing.T) {
	r := fixture()
	base := r.Findings.(domain.FindingSlice)[1]
	base.Related = nil
	fixed := "a fixed text: \"quoted\""
	cells := []struct {
		field  domain.Field
		column string
		value  string
	}{
		{domain.FieldConsentAt, "consent_at", "2023-06-03"},
		{domain.FieldConsentAt, "consent_at", "2023-07-03"},
		{domain.FieldLastActiveAt, "last_active_at", "2023-06-03"},
		{domain.FieldID, "id", "0123456789abcdef"},
		{domain.FieldID, "id", "01234567X9abcdef"},
		{domain.FieldID, "id", "01234567"},
		{domain.FieldID, "id", "0123456"},
		{domain.FieldID, "id", "0123456789abcdefg"},
		{domain.FieldConsentSource, "source", "ann@example.com"},
		{domain.FieldConsentSource, "source", "+254712345678"},
		{domain.FieldConsentSource, "Ann 0712 345 678", "web_form_x"},
		{domain.FieldMessagesSent, "sent", "4"},
		{domain.FieldMessagesSent, "sent", "5"},
		{domain.FieldConsentSource, "source", ""},
		{domain.FieldOptedOut, "opted_out", "yes\"no"},
		{domain.FieldPhone, "phone", "+254712345678"},
	}
	var fs domain.FindingSlice
	for i := range 5000 {
		c := cells[i%len(cells)]
		f := base
		f.Loc.Row, f.Loc.Line = i/3+1, i/3+2
		f.Field, f.Column, f.Value = c.field, c.column, c.value
		f.Message = fixed
		if i%2 == 0 {
			f.Message = "since " + c.value
		}
		fs = append(fs, f)
	}
	r.Findings = fs
	r.Decide()
	for _, opts := range []Options{{}, {ShowPII: true}} {
		if got, want := streamedAndWhole(t, r, opts); !bytes.Equal(got, want) {
			t.Fatalf("show PII %t: streamed JSON differs from encoding/json", opts.ShowPII)
		}
	}
}

// TestJSONConsecutiveRowsMatchEncodingJSON renders rows that follow one
// another, whose numbers the writer counts up in place, across numbers
// that gain a digit, records that span lines, skipped rows, another file
// and a workbook's rows.
func TestJSONConsecutiveRowsMatchEncodingJSON(t *testing.T) {
	r := fixture()
	base := r.Findings.(domain.FindingSlice)[1]
	base.Related = nil
	var fs domain.FindingSlice
	line := 0
	for row := 1; row <= 1200; row++ {
		line++
		switch {
		case row%97 == 0:
			line += 2 // a record of three lines
		case row%89 == 0:
			continue // a row without findings
		}
		f := base
		f.Loc.Row, f.Loc.Line = row, line+1
		switch {
		case row > 1000:
			f.Loc.File, f.Loc.FileIndex = "other.csv", 1
		case row > 900:
			f.Loc.File, f.Loc.Sheet, f.Loc.Col = "book.xlsx", "Sheet1", 3
		}
		fs = append(fs, f, f)
	}
	r.Findings = fs
	r.Decide()
	if got, want := streamedAndWhole(t, r, Options{}); !bytes.Equal(got, want) {
		t.Fatal("streamed JSON differs from encoding/json")
	}
}

func TestCountUp(t *testing.T) {
	tests := []struct{ in, want string }{
		{`"row": 1`, `"row": 2`},
		{`"row": 8`, `"row": 9`},
		{`"row": 19`, `"row": 20`},
		{`"row": 1099`, `"row": 1100`},
		{`"row": 9`, ""},   // 10 needs one more digit
		{`"row": 999`, ""}, // so does 1000
		{`999`, ""},
		{``, ""},
	}
	for _, tc := range tests {
		b := []byte(tc.in)
		ok := countUp(b)
		if got := string(b); ok != (tc.want != "") || ok && got != tc.want || !ok && got != tc.in {
			t.Errorf("countUp(%q) = %q, %t; want %q", tc.in, got, ok, tc.want)
		}
	}
}

// streamedAndWhole is r as the json report streams it, and as
// encoding/json writes it built whole: what the report is held to.
func streamedAndWhole(t *testing.T, r *domain.Result, opts Options) (streamed, whole []byte) {
	t.Helper()
	var got bytes.Buffer
	if err := (jsonReporter{}).Report(&got, r, opts); err != nil {
		t.Fatal(err)
	}
	doc := newJSONReport(r, opts)
	doc.Findings = []jsonFinding{}
	for f := range r.Findings.All() {
		doc.Findings = append(doc.Findings, newJSONFinding(f, opts))
	}
	want, err := marshalIndent(doc)
	if err != nil {
		t.Fatal(err)
	}
	return got.Bytes(), want
}

// newJSONFinding is a finding as the schema has it: the reference the
// streamed writer is held to through encoding/json.
func newJSONFinding(f *domain.Finding, opts Options) jsonFinding {
	jf := jsonFinding{
		Rule:     f.Rule,
		Severity: f.Severity.String(),
		File:     f.Loc.File,
		Row:      f.Loc.Row,
		Line:     f.Loc.Line,
		Sheet:    sheetOf(f.Loc),
		Cell:     f.Loc.CellName(),
		Value:    pii.FindingValue(f, opts.ShowPII),
		Number:   pii.FindingNumber(f, opts.ShowPII),
		Message:  pii.FindingMessage(f, opts.ShowPII),
		Related:  make([]jsonLocation, 0, len(f.Related)),
	}
	if f.HasField() {
		jf.Column = findingColumn(f, opts.ShowPII)
		jf.Field = f.Field.Name()
	}
	for _, loc := range f.Related {
		jf.Related = append(jf.Related, jsonLocation{File: loc.File, Row: loc.Row, Line: loc.Line, Sheet: sheetOf(loc), Cell: loc.CellName()})
	}
	return jf
}

// sheetOf is the sheet a location names with its cell.
func sheetOf(l domain.Location) string {
	if l.CellName() == "" {
		return ""
	}
	return l.Sheet
}

func TestAppendJSONIndent(t *testing.T) {
	for depth := range 30 {
		want := "\n" + strings.Repeat("  ", depth)
		if got := string(appendJSONIndent([]byte("x"), depth)); got != "x"+want {
			t.Errorf("depth %d: %q", depth, got)
		}
	}
}

// The message cache gives every message its own rendering, whether it is
// met again at the same address (and then kept), at another address, or
// evicted by a message that shares its slot: thousands of messages, more
// than the cache has slots, several times over and in changing order.
func TestMessageCacheRendersEachMessage(t *testing.T) {
	var c messageCache
	msgs := make([]string, 5000)
	for i := range msgs {
		msgs[i] = fmt.Sprintf("no activity or consent since \"%d\" (%d days ago)\t<%d>", i, i%700, i)
	}
	for pass := range 4 {
		for j := range msgs {
			i := (j * (2*pass + 1)) % len(msgs)
			m := msgs[i]
			if pass == 3 {
				m = strings.Clone(m) // equal text at another address
			}
			want := string(appendJSONString(nil, m))
			if got := string(c.append([]byte("x"), m)); got != "x"+want {
				t.Fatalf("pass %d, message %d: got %s, want x%s", pass, i, got, want)
			}
		}
	}
}
