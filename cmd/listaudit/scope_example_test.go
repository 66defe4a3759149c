package main

import (
	"os"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/listaudit/listaudit/pkg/readmetest"
)

// exampleScript runs the README's worked example of consent scope and holds
// its whole output.
const exampleScript = "../../testdata/script/scope-example.txtar"

// TestREADMEScopeExample holds the README's worked example (under "###
// Worked example") to exampleScript: each command the README shows is one
// the script runs, with --now for $NOW, and each line of the output shown
// after it, but the "…" that stand for lines left out, is a line of the
// output the script expects, in the same order.
func TestREADMEScopeExample(t *testing.T) {
	outputs := scriptOutputs(t)
	blocks := fencedBlocks(readmetest.Section(t, readmetest.Lines(t), "### Worked example"))
	shown := 0
	for i, b := range blocks {
		if b.lang != "sh" {
			continue
		}
		if len(b.lines) != 1 || i+1 >= len(blocks) || blocks[i+1].lang != "text" {
			t.Errorf("README worked example: a sh block holds one command, and a text block shows its output: %q", b.lines)
			continue
		}
		want, ok := outputs[b.lines[0]]
		if !ok {
			t.Errorf("README worked example: %s does not run\n%s", exampleScript, b.lines[0])
			continue
		}
		checkShown(t, "README worked example", b.lines[0], blocks[i+1].lines, want)
		shown++
	}
	if shown != 2 {
		t.Errorf("README worked example: %d commands shown, want 2 (a WhatsApp marketing and an SMS utility campaign)", shown)
	}
}

// checkShown checks that shown, but its "…" (or "...") lines, which stand
// for lines left out, is a subsequence of the lines of want, the output of
// cmd; name says which example of the README shown is.
func checkShown(t *testing.T, name, cmd string, shown []string, want string) {
	t.Helper()
	lines := strings.Split(want, "\n")
	j := 0
	for _, l := range shown {
		if cut := strings.TrimSpace(l); cut == "…" || cut == "..." {
			continue
		}
		for j < len(lines) && strings.TrimRight(lines[j], " ") != strings.TrimRight(l, " ") {
			j++
		}
		if j == len(lines) {
			t.Errorf("%s, output of %s:\nthis line is not in the output (or not in its order):\n%s", name, cmd, l)
			return
		}
		j++
	}
}

// scriptOutputs maps each `listaudit check` the script runs and compares
// with `cmp stdout FILE`, as the README writes it, to FILE's text.
func scriptOutputs(t *testing.T) map[string]string {
	t.Helper()
	data, err := os.ReadFile(exampleScript)
	if err != nil {
		t.Fatal(err)
	}
	ar := txtar.Parse(data)
	files := map[string]string{}
	for _, f := range ar.Files {
		files[f.Name] = string(f.Data)
	}
	out := map[string]string{}
	lines := strings.Split(string(ar.Comment), "\n")
	for i, l := range lines {
		cmd, ok := strings.CutPrefix(l, "! exec ")
		if !ok || !strings.HasPrefix(cmd, "listaudit check ") || i+1 == len(lines) {
			continue
		}
		if name, ok := strings.CutPrefix(lines[i+1], "cmp stdout "); ok {
			out[strings.ReplaceAll(cmd, "$NOW", "2026-01-15")] = files[name]
		}
	}
	return out
}

type fencedBlock struct {
	lang  string
	lines []string
}

// fencedBlocks returns the fenced code blocks of lines, in order.
func fencedBlocks(lines []string) []fencedBlock {
	var blocks []fencedBlock
	var cur *fencedBlock
	for _, l := range lines {
		switch {
		case cur == nil && strings.HasPrefix(l, "```"):
			cur = &fencedBlock{lang: strings.TrimPrefix(l, "```")}
		case cur != nil && l == "```":
			blocks = append(blocks, *cur)
			cur = nil
		case cur != nil:
			cur.lines = append(cur.lines, l)
		}
	}
	return blocks
}
