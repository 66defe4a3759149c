package readmetest

import (
	"slices"
	"strings"
	"testing"
)

func TestCells(t *testing.T) {
	for _, tc := range []struct {
		row  string
		want []string
	}{
		{"| a | b |", []string{"a", "b"}},
		{"|`--x`| none |  x, y  |", []string{"`--x`", "none", "x, y"}},
		{"| `,` `\\|` | y |", []string{"`,` `\\|`", "y"}},
	} {
		if got := Cells(tc.row); !slices.Equal(got, tc.want) {
			t.Errorf("Cells(%q) = %q, want %q", tc.row, got, tc.want)
		}
	}
}

func TestSection(t *testing.T) {
	doc := strings.Split("# top\n## A\na\n```sh\n# not a heading\n```\n### A.1\nb\n## B\nc", "\n")
	for _, tc := range []struct {
		heading string
		want    []string
	}{
		{"## A", []string{"a", "```sh", "# not a heading", "```", "### A.1", "b"}},
		{"### A.1", []string{"b"}},
		{"## B", []string{"c"}},
	} {
		if got := Section(t, doc, tc.heading); !slices.Equal(got, tc.want) {
			t.Errorf("Section(%q) = %q, want %q", tc.heading, got, tc.want)
		}
	}
}

func TestTableRows(t *testing.T) {
	doc := []string{"text", "| h | i |", "|---|---|", "| 1 | 2 |", "| 3 | 4 |", "", "| 5 | 6 |"}
	if got, want := TableRows(t, doc, "| h | i |"), []string{"| 1 | 2 |", "| 3 | 4 |"}; !slices.Equal(got, want) {
		t.Errorf("TableRows = %q, want %q", got, want)
	}
}

func TestLinesFindsTheREADME(t *testing.T) {
	if l := Lines(t); len(l) == 0 || l[0] != "# listaudit" {
		t.Errorf("Lines: the first line is not the README's title")
	}
}

func TestBlocksAfter(t *testing.T) {
	doc := strings.Split("```sh\nbefore\n```\nmarker here\n```text\na\n  b\n```\n- item\n  ```json\n  {\n    \"k\": 1\n  }\n  ```", "\n")
	got := BlocksAfter(t, doc, "marker")
	want := []Block{{"text", []string{"a", "  b"}}, {"json", []string{"{", "  \"k\": 1", "}"}}}
	if len(got) != len(want) {
		t.Fatalf("BlocksAfter = %q, want %q", got, want)
	}
	for i := range want {
		if got[i].Lang != want[i].Lang || !slices.Equal(got[i].Lines, want[i].Lines) {
			t.Errorf("BlocksAfter[%d] = %q, want %q", i, got[i], want[i])
		}
	}
}
