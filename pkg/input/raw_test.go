package input

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/listaudit/listaudit/pkg/domain"
)

// TestRawMatchesOpen: a raw pass sees exactly the records Open does, for
// every fixture, so listaudit fix's second pass lines up with the audit.
func TestRawMatchesOpen(t *testing.T) {
	paths, _ := filepath.Glob("../../testdata/contacts*")
	for _, p := range paths {
		r, err := Open(Source{Path: p}, Options{AllKeys: true})
		if err != nil {
			t.Fatal(err)
		}
		rr, err := OpenRaw(Source{Path: p}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var rec domain.Record
		var raw RawRecord
		for n := 1; ; n++ {
			err1, err2 := r.Next(&rec), rr.Next(&raw)
			if errors.Is(err1, io.EOF) != errors.Is(err2, io.EOF) {
				t.Fatalf("%s: record %d: %v vs %v", p, n, err1, err2)
			}
			if err1 != nil {
				break
			}
			if rec.Loc != raw.Loc || rec.Values != raw.Values || rec.Malformed != raw.Malformed {
				t.Errorf("%s: record %d differs:\n%+v\n%+v", p, n, rec, raw.Record)
			}
			if raw.Malformed == "" && len(raw.Cells) == 0 {
				t.Errorf("%s: record %d: no cells", p, n)
			}
			for _, k := range raw.Keys {
				if !slices.Contains(r.Info().Keys, k) && r.Info().Format != FormatCSV {
					// Keys grow as records are read; checked at the end.
					defer func(k string) {
						if !slices.Contains(r.Info().Keys, k) {
							t.Errorf("%s: key %q not in Info.Keys", p, k)
						}
					}(k)
				}
			}
		}
		if a, b := r.Info(), rr.Info(); a.Rows != b.Rows || a.SHA256 != b.SHA256 {
			t.Errorf("%s: rows/sha differ", p)
		}
		r.Close()
		rr.Close()
	}
}

func TestRawMalformedText(t *testing.T) {
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "l.csv")
	os.WriteFile(csvPath, []byte("id,phone,note\n1,+254712345678,ok\n2,+25471,x\"y,lost?\n\n3,+1,a,surplus\n4,+2,\"open\n"), 0o600)
	ndPath := filepath.Join(dir, "l.ndjson")
	os.WriteFile(ndPath, []byte("{\"phone\":\"+1\",\"a\":{\"b\":1},\"a\":2}\n{not json}\n[1]\n{\"phone\":\"+2\",\"late\":true}\n"), 0o600)

	read := func(p string, o Options) ([]RawRecord, Info) { return readRaw(t, Source{Path: p}, o) }
	recs, _ := read(csvPath, Options{})
	want := []struct {
		cells []string
		text  string
	}{
		{[]string{"1", "+254712345678", "ok"}, ""},
		{[]string{"2", "+25471"}, "2,+25471,x\"y,lost?"},
		{[]string{"3", "+1", "a", "surplus"}, "3,+1,a,surplus"},
		{nil, "4,+2,\"open"},
	}
	if len(recs) != len(want) {
		t.Fatalf("%d records, want %d", len(recs), len(want))
	}
	for i, w := range want {
		if w.cells != nil && !slices.Equal(recs[i].Cells, w.cells) || recs[i].Text != w.text {
			t.Errorf("record %d: cells %q text %q, want %q %q", i+1, recs[i].Cells, recs[i].Text, w.cells, w.text)
		}
	}

	recs, info := read(ndPath, Options{AllKeys: true})
	if len(recs) != 4 {
		t.Fatalf("%d ndjson records", len(recs))
	}
	if !slices.Equal(recs[0].Keys, []string{"phone", "a.b", "a"}) || !slices.Equal(recs[0].Cells, []string{"+1", "1", "2"}) {
		t.Errorf("object: %q %q", recs[0].Keys, recs[0].Cells)
	}
	if recs[1].Text != "{not json}" || recs[2].Text != "[1]" {
		t.Errorf("malformed texts %q %q", recs[1].Text, recs[2].Text)
	}
	if !slices.Equal(info.Keys, []string{"phone", "a.b", "a", "late"}) {
		t.Errorf("Info.Keys %q", info.Keys)
	}

	// A malformed card keeps its lines as in the file, line ends, folds and
	// all, from BEGIN to END (or the end of the file); a good card, and the
	// text between cards, none.
	vcfPath := filepath.Join(dir, "l.vcf")
	bad := "BEGIN:VCARD\r\nFN:B\r\n  x\r\nTEL:+2\r\nno colon\r\nEND:VCARD"
	open := "BEGIN:VCARD\nTEL:+3\nTEL:+4\n"
	os.WriteFile(vcfPath, []byte("BEGIN:VCARD\nTEL:+1\nEND:VCARD\nbetween\n"+bad+"\r\n\n"+open), 0o600)
	recs, _ = read(vcfPath, Options{})
	var texts []string
	for _, r := range recs {
		texts = append(texts, r.Text)
	}
	if want := []string{"", bad, strings.TrimSuffix(open, "\n")}; !slices.Equal(texts, want) {
		t.Errorf("vCard texts:\n got %q\nwant %q", texts, want)
	}
}

// readRaw reads every record of src in raw mode.
func readRaw(t *testing.T, src Source, o Options) ([]RawRecord, Info) {
	t.Helper()
	rr, err := OpenRaw(src, o)
	if err != nil {
		t.Fatal(err)
	}
	defer rr.Close()
	var out []RawRecord
	for {
		var rec RawRecord
		if err := rr.Next(&rec); err != nil {
			break
		}
		out = append(out, rec)
	}
	return out, rr.Info()
}

// malformedTexts reads data, given as standard input in format, in raw
// mode and returns the texts its malformed records keep.
func malformedTexts(t *testing.T, data, format string) []string {
	t.Helper()
	recs, _ := readRaw(t, Source{Path: "-", Stdin: strings.NewReader(data)}, Options{Format: format})
	var texts []string
	for _, rec := range recs {
		if rec.Text != "" {
			texts = append(texts, rec.Text)
		}
	}
	return texts
}

// TestRawQuotingErrorLines: a record with a quoting error that took the
// lines after its first keeps its first line (the fields before the open
// quote, and that line's text), and each line it took is a record of its
// own with its cells and text, so that fix writes every line of the file
// once; blank lines are no record.
func TestRawQuotingErrorLines(t *testing.T) {
	data := "id,phone,note\n1,+2,\"open\n3,+3,x\n\n4,+4,\"y\"z\n5,+5,ok\n"
	recs, info := readRaw(t, Source{Path: "-", Stdin: strings.NewReader(data)}, Options{Format: FormatCSV})
	type rec struct {
		line  int
		cells []string
		text  string
	}
	want := []rec{
		{2, []string{"1", "+2"}, "1,+2,\"open"},
		{3, []string{"3", "+3", "x"}, "3,+3,x"},
		{5, []string{"4", "+4", "\"y\"z"}, "4,+4,\"y\"z"},
		{6, []string{"5", "+5", "ok"}, ""},
	}
	var got []rec
	for _, r := range recs {
		got = append(got, rec{r.Loc.Line, r.Cells, r.Text})
	}
	if !slices.EqualFunc(got, want, func(a, b rec) bool { return a.line == b.line && slices.Equal(a.cells, b.cells) && a.text == b.text }) {
		t.Errorf("records:\n got %+v\nwant %+v", got, want)
	}
	if info.Rows != 4 {
		t.Errorf("Rows %d, want 4", info.Rows)
	}
}
