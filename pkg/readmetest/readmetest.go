package readmetest

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Name is the README's file name, at the top of the module.
const Name = "README.md"

// Lines returns the lines of the module's README, found by going up from
// the working directory (a package's directory under go test) to the
// directory that holds go.mod.
func Lines(t testing.TB) []string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		} else if !errors.Is(err, os.ErrNotExist) {
			t.Fatal(err)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the working directory")
		}
		dir = parent
	}
	data, err := os.ReadFile(filepath.Join(dir, Name))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(string(data), "\n")
}

// Section returns the lines under heading, up to the next heading of its
// level or above; a line in a fenced code block is no heading.
func Section(t testing.TB, lines []string, heading string) []string {
	t.Helper()
	start := slices.Index(lines, heading)
	if start < 0 {
		t.Fatalf("%s has no line %q", Name, heading)
	}
	level := strings.IndexByte(heading, ' ')
	fenced := false
	for i := start + 1; i < len(lines); i++ {
		l := lines[i]
		if strings.HasPrefix(l, "```") {
			fenced = !fenced
		}
		if n := len(l) - len(strings.TrimLeft(l, "#")); !fenced && n > 0 && n <= level && strings.HasPrefix(l[n:], " ") {
			return lines[start+1 : i]
		}
	}
	return lines[start+1:]
}

// TableRows returns the body rows of the table whose header line is
// header: the lines starting with "|" after its separator line.
func TableRows(t testing.TB, lines []string, header string) []string {
	t.Helper()
	i := slices.Index(lines, header)
	if i < 0 || i+1 >= len(lines) || !strings.HasPrefix(lines[i+1], "|---") {
		t.Fatalf("%s: no table with the header %q", Name, header)
	}
	var rows []string
	for _, l := range lines[i+2:] {
		if !strings.HasPrefix(l, "|") {
			break
		}
		rows = append(rows, l)
	}
	return rows
}

// Cells splits a table row into its cells, trimmed; an escaped \| is no
// border.
func Cells(row string) []string {
	row = strings.TrimSpace(row)
	row = strings.TrimSuffix(strings.TrimPrefix(row, "|"), "|")
	var cells []string
	start := 0
	for i := 0; i < len(row); i++ {
		if row[i] == '|' && (i == 0 || row[i-1] != '\\') {
			cells = append(cells, strings.TrimSpace(row[start:i]))
			start = i + 1
		}
	}
	return append(cells, strings.TrimSpace(row[start:]))
}

// Block is a fenced code block: its language (the word after the opening
// fence) and its lines, without the indentation of its fence.
type Block struct {
	Lang  string
	Lines []string
}

// BlocksAfter returns the fenced code blocks of lines that open after the
// first line containing marker, in order. A block may be indented, as in a
// list item: its lines lose the indentation of its opening fence.
func BlocksAfter(t testing.TB, lines []string, marker string) []Block {
	t.Helper()
	start := slices.IndexFunc(lines, func(l string) bool { return strings.Contains(l, marker) })
	if start < 0 {
		t.Fatalf("%s has no line containing %q", Name, marker)
	}
	var blocks []Block
	var cur *Block
	indent := ""
	for _, l := range lines[start+1:] {
		trimmed := strings.TrimLeft(l, " ")
		switch {
		case cur == nil && strings.HasPrefix(trimmed, "```"):
			cur = &Block{Lang: strings.TrimPrefix(trimmed, "```")}
			indent = l[:len(l)-len(trimmed)]
		case cur != nil && strings.TrimSpace(l) == "```":
			blocks = append(blocks, *cur)
			cur = nil
		case cur != nil:
			cur.Lines = append(cur.Lines, strings.TrimPrefix(l, indent))
		}
	}
	return blocks
}
