package fix

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// TestMixedEncodingsKeepText is issue 17's reproducer, with two rows more
// that are quarantined (no consent): a UTF-8 list with one row typed in
// Latin-1. Both outputs hold every name as typed, in UTF-8.
func TestMixedEncodingsKeepText(t *testing.T) {
	p := filepath.Join(t.TempDir(), "mixed.csv")
	data := "phone,name,consent_source,consent_at\n" +
		"+254712345678,J\xc3\xbcrgen,web,2026-01-01\n" +
		"+254712345679,Jos\xe9,web,2026-01-01\n" +
		"+254712345680,J\xc3\xbcrgen,,\n" +
		"+254712345681,Jos\xe9,,\n"
	if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	_, clean, quar := runFix(t, []string{p}, Options{})
	wantClean := "phone,name,consent_source,consent_at\n" +
		"+254712345678,Jürgen,web,2026-01-01\n" +
		"+254712345679,José,web,2026-01-01\n"
	if string(clean) != wantClean {
		t.Errorf("clean file:\n%s\nwant:\n%s", clean, wantClean)
	}
	_, removed := readCSV(t, quar)
	var names []string
	for _, r := range removed {
		names = append(names, r[1])
	}
	if !utf8.Valid(quar) || !slices.Equal(names, []string{"Jürgen", "José"}) {
		t.Errorf("quarantine file (valid UTF-8: %v), names %q:\n%s", utf8.Valid(quar), names, quar)
	}
}

// TestWrittenCellsAreTheInputs: over generated lists mixing rows in UTF-8,
// in Windows-1252 and with bytes neither defines, every cell listaudit fix
// writes, and the raw text of a malformed row, encodes back to the input's
// bytes in the encoding the row was read in: Windows-1252 for a row that
// is not valid UTF-8 and can be read so, as is otherwise; and the file is
// UTF-8 but for the rows that are neither.
func TestWrittenCellsAreTheInputs(t *testing.T) {
	for seed := range uint64(30) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 17))
			p := filepath.Join(t.TempDir(), "list.csv")
			rows := genMixedRows(rng)
			var b bytes.Buffer
			b.WriteString("id,phone,name,note,consent_source,consent_at\n")
			for _, r := range rows {
				b.WriteString(r.line + "\n")
			}
			if err := os.WriteFile(p, b.Bytes(), 0o600); err != nil {
				t.Fatal(err)
			}
			_, clean, quar := runFix(t, []string{p}, Options{})
			seen := map[string]bool{}
			for _, out := range [][]byte{clean, quar} {
				h, recs := readCSV(t, out)
				for _, rec := range recs {
					r := rowByID(t, rows, rec[0])
					seen[rec[0]] = true
					checkWritten(t, r, h, rec)
				}
			}
			if len(seen) != len(rows) {
				t.Errorf("%d rows written, %d read", len(seen), len(rows))
			}
		})
	}
}

// mixedRow is one generated row: its id, its cells' bytes, its line as
// written, and how listaudit reads it.
type mixedRow struct {
	id    string
	cells []string
	line  string
	// enc is "utf-8", "windows-1252", or "" for bytes neither encoding
	// reads, which pass as they are.
	enc string
}

// The generator's text: UTF-8 characters of one, two, three and four
// bytes, and Windows-1252's bytes above 0x7F, of which 0x81, 0x8D, 0x8F,
// 0x90 and 0x9D are undefined.
var (
	utf8Text = []string{"a", "b", "z", " ", "ü", "é", "ß", "ø", "ñ", "ā", "€", "“", "—", "中", "😀"}
	cp1252   = func() (b []byte) {
		for c := 0x80; c <= 0xFF; c++ {
			if !slices.Contains([]int{0x81, 0x8D, 0x8F, 0x90, 0x9D}, c) {
				b = append(b, byte(c))
			}
		}
		return b
	}()
)

// genMixedRows makes 1 to 60 rows after a first that is UTF-8 with a
// multi-byte character (so the file is read as UTF-8): each row's name and
// note are UTF-8, Windows-1252, or Windows-1252 with an undefined byte;
// some rows have no consent (quarantined) or a cell too many (malformed),
// and some cells are quoted with a comma, a quote or a line break.
func genMixedRows(rng *rand.Rand) []mixedRow {
	n := 1 + rng.IntN(60)
	rows := make([]mixedRow, 0, n)
	for i := range n {
		kind := []string{"utf-8", "windows-1252", "undefined"}[rng.IntN(3)]
		if i == 0 {
			kind = "first"
		}
		text := func() string { return genText(rng, kind) }
		r := mixedRow{id: fmt.Sprintf("r%d", i)}
		r.cells = []string{r.id, fmt.Sprintf("+2547123%05d", i), text(), text(), "web", "2026-01-01"}
		if rng.IntN(5) == 0 {
			r.cells[4], r.cells[5] = "", ""
		}
		if rng.IntN(10) == 0 {
			r.cells = append(r.cells, text())
		}
		quoted := make([]string, len(r.cells))
		for j, c := range r.cells {
			quoted[j] = c
			if strings.ContainsAny(c, ",\"\n") {
				quoted[j] = `"` + strings.ReplaceAll(c, `"`, `""`) + `"`
			}
		}
		r.line = strings.Join(quoted, ",")
		r.enc = readAs(r.line)
		rows = append(rows, r)
	}
	return rows
}

// genText makes a cell's bytes: it starts with a letter (so no cell is
// neutralised as a formula) and may hold ", \" or \n.
func genText(rng *rand.Rand, kind string) string {
	var b strings.Builder
	b.WriteByte(byte('A' + rng.IntN(26)))
	for range rng.IntN(12) {
		switch k := rng.IntN(10); {
		case k == 0:
			b.WriteString([]string{",", "\"", "\n"}[rng.IntN(3)])
		case kind == "windows-1252" || kind == "undefined":
			b.WriteByte(cp1252[rng.IntN(len(cp1252))])
		default:
			b.WriteString(utf8Text[rng.IntN(len(utf8Text))])
		}
	}
	switch kind {
	case "first":
		b.WriteString("ü")
	case "undefined":
		b.WriteByte([]byte{0x81, 0x8D, 0x8F, 0x90, 0x9D}[rng.IntN(5)])
	}
	return b.String()
}

// readAs says how listaudit reads a row of a UTF-8 file: as UTF-8 when it
// is valid UTF-8, else alone as Windows-1252 when no byte of it is
// undefined there (golang.org/x/text decodes those as U+FFFD, which the
// generator never writes), else as is ("").
func readAs(line string) string {
	if utf8.ValidString(line) {
		return "utf-8"
	}
	if d, _ := charmap.Windows1252.NewDecoder().String(line); !strings.Contains(d, "\uFFFD") {
		return "windows-1252"
	}
	return ""
}

// encodeAs is the bytes of written text in encoding enc.
func encodeAs(t *testing.T, s, enc string) string {
	t.Helper()
	if enc != "windows-1252" {
		return s
	}
	e, err := charmap.Windows1252.NewEncoder().String(s)
	if err != nil {
		t.Fatalf("%q is not Windows-1252 text: %v", s, err)
	}
	return e
}

func rowByID(t *testing.T, rows []mixedRow, id string) mixedRow {
	t.Helper()
	for _, r := range rows {
		if r.id == id {
			return r
		}
	}
	t.Fatalf("no input row %q", id)
	return mixedRow{}
}

// checkWritten holds one written record to its input row: each cell but
// the phone (written in E.164 when kept) and listaudit's own columns, and
// the raw text of a malformed row, encode back to the input's bytes.
func checkWritten(t *testing.T, r mixedRow, header, rec []string) {
	t.Helper()
	for j, h := range header {
		var want string
		switch {
		case h == "phone" || h == ColRules || h == ColSource || h == ColKept:
			continue
		case h == ColRaw:
			if rec[j] == "" {
				continue
			}
			want = r.line
		case j < len(r.cells):
			want = r.cells[j]
		}
		if got := encodeAs(t, rec[j], r.enc); got != want {
			t.Errorf("row %s (%q), column %s: wrote %q, which is %q in %q; input %q", r.id, r.line, h, rec[j], got, r.enc, want)
		}
	}
	if r.enc != "" && !utf8.ValidString(strings.Join(rec, "")) {
		t.Errorf("row %s: written text is not valid UTF-8: %q", r.id, rec)
	}
}
