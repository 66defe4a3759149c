package fix

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/input"
)

// TestXLSXValue: text excelize escapes right is passed as it is; text
// with a surrogate's _xHHHH_ (either case), or one sharing its underscore
// with the one before, is cut into runs just before that one's x.
func TestXLSXValue(t *testing.T) {
	for _, tc := range []struct {
		in   string
		runs []string // nil: passed as the string
	}{
		{"plain", nil},
		{"A_x0041_B", nil},
		{"_x005F_ _x000D_ _x00e9_", nil},
		{"_x004_ _xD83D _xD83G_ x_D83D_", nil},
		{"A_xD83D_B", []string{"A_", "xD83D_B"}},
		{"A_xd83d__xDE00_B", []string{"A_", "xd83d__", "xDE00_B"}},
		{"_xDFFF_", []string{"_", "xDFFF_"}},
		{"_xD7FF_ _xE000_", nil},
		{"_x0041_x0042_x0043_", []string{"_x0041_", "x0042_", "x0043_"}},
		{"_x005F_xD83D_", []string{"_x005F_", "xD83D_"}},
		{"_x005f_x0041_", []string{"_x005f_", "x0041_"}},
	} {
		got := xlsxValue(tc.in)
		if tc.runs == nil {
			if got != tc.in {
				t.Errorf("xlsxValue(%q) = %#v, want the string", tc.in, got)
			}
			continue
		}
		var texts []string
		runs, _ := got.([]excelize.RichTextRun)
		for _, r := range runs {
			texts = append(texts, r.Text)
		}
		if !reflect.DeepEqual(texts, tc.runs) {
			t.Errorf("xlsxValue(%q) runs %q, want %q", tc.in, texts, tc.runs)
		}
	}
}

// TestXLSXEscapesRoundTrip: every text that looks like an _xHHHH_ escape,
// a surrogate's included, in either case, alone, in pairs and overlapping,
// is written to the workbook so that it reads back as written.
func TestXLSXEscapesRoundTrip(t *testing.T) {
	texts := []string{
		"A_xD83D_B", "A_xD83D__xDE00_B", "A_x0041_B", "a_xd83d_b", "_xDBFF__xDC00_", "_xDFFF_", "_xdfff_",
		"_x0041_x0042_", "_x0041_x0042_x0043_", "_x005F_", "_x005F_x0041_", "_x005f_x0041_x0042_", "_x005F_xD83D_",
		"_x005F_x005F_", "_x000D_", "_x_x0041_", "__xD83D__", " _xD800_ ", "x_xD83D_x", "plain", "",
	}
	path := filepath.Join(t.TempDir(), "e.xlsx")
	x, err := newXLSX(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := x.write([]string{"phone", "name"}); err != nil {
		t.Fatal(err)
	}
	for _, s := range texts {
		if err := x.write([]string{"+254712345678", s}); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if err := x.finish(f); err != nil {
		t.Fatal(err)
	}
	f.Close()
	r, err := input.Open(input.Source{Path: path}, input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var got []string
	for {
		var rec domain.Record
		if err := r.Next(&rec); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		got = append(got, rec.Value(domain.FieldName))
	}
	if !reflect.DeepEqual(got, texts) {
		for i := range texts {
			if i < len(got) && got[i] != texts[i] {
				t.Errorf("wrote %q, read %q", texts[i], got[i])
			}
		}
		if len(got) != len(texts) {
			t.Errorf("read %d cells, want %d", len(got), len(texts))
		}
	}
}
