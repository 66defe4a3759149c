package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// fuzzRow is a row of the README's fuzz targets table:
// | `./pkg/input` | `FuzzReadCSV`, `FuzzReadNDJSON` |
var fuzzRow = regexp.MustCompile("^\\s*\\| `(\\./[^`]*)` \\| (.*?) \\|$")

// TestREADMEFuzzTargets checks the README's fuzz targets table against the
// Fuzz functions in the repository's test files: every package with one
// has a row, and each row names exactly that package's targets.
func TestREADMEFuzzTargets(t *testing.T) {
	documented := readmeFuzzTargets(t)
	found := treeFuzzTargets(t, "../..")
	pkgs := map[string]bool{}
	for p := range found {
		pkgs[p] = true
	}
	for p := range documented {
		pkgs[p] = true
	}
	for _, pkg := range slices.Sorted(maps.Keys(pkgs)) {
		got, want := documented[pkg], found[pkg]
		for _, name := range want {
			if !slices.Contains(got, name) {
				t.Errorf("README fuzz targets: %s lacks %s", pkg, name)
			}
		}
		for _, name := range got {
			if !slices.Contains(want, name) {
				t.Errorf("README fuzz targets: %s lists %s, which is no fuzz target of that package", pkg, name)
			}
		}
	}
}

// readmeFuzzTargets reads the table under the README's "Fuzz targets"
// item: package → the targets its row lists.
func readmeFuzzTargets(t *testing.T) map[string][]string {
	t.Helper()
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	start := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "- **Fuzz targets**") })
	if start < 0 {
		t.Fatal("README.md has no \"- **Fuzz targets**\" item")
	}
	i := start + 1
	for i < len(lines) && !strings.HasPrefix(strings.TrimSpace(lines[i]), "|") {
		i++
	}
	if i+1 >= len(lines) || strings.TrimSpace(lines[i]) != "| package | targets |" || !strings.HasPrefix(strings.TrimSpace(lines[i+1]), "|---") {
		t.Fatal("README.md: no table with the header | package | targets | under the fuzz targets item")
	}
	out := map[string][]string{}
	for _, l := range lines[i+2:] {
		if !strings.HasPrefix(strings.TrimSpace(l), "|") {
			break
		}
		m := fuzzRow.FindStringSubmatch(l)
		if m == nil {
			t.Errorf("README fuzz targets: row not in the form | `./PACKAGE` | `FuzzName`, … |:\n%s", l)
			continue
		}
		if _, ok := out[m[1]]; ok {
			t.Errorf("README fuzz targets: %s has two rows", m[1])
		}
		for _, cell := range strings.Split(m[2], ", ") {
			name := strings.TrimSuffix(strings.TrimPrefix(cell, "`"), "`")
			if len(name)+2 != len(cell) || !strings.HasPrefix(name, "Fuzz") {
				t.Errorf("README fuzz targets: %q in the row of %s is not one `FuzzName`", cell, m[1])
				continue
			}
			if slices.Contains(out[m[1]], name) {
				t.Errorf("README fuzz targets: %s lists %s twice", m[1], name)
			}
			out[m[1]] = append(out[m[1]], name)
		}
	}
	return out
}

// treeFuzzTargets finds the fuzz targets under root: the functions
// FuzzXxx(*testing.F) of every _test.go file, by package directory written
// as the README does ("./pkg/input").
func treeFuzzTargets(t *testing.T, root string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (strings.HasPrefix(name, ".") || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, filepath.Dir(path))
		if err != nil {
			return err
		}
		pkg := "./" + filepath.ToSlash(rel)
		for _, decl := range f.Decls {
			if fn, ok := decl.(*ast.FuncDecl); ok && isFuzzTarget(fn) {
				out[pkg] = append(out[pkg], fn.Name.Name)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatalf("no fuzz targets found under %s", root)
	}
	return out
}

// isFuzzTarget reports whether fn is what go test -fuzz runs: a function
// FuzzXxx with one parameter of type *testing.F.
func isFuzzTarget(fn *ast.FuncDecl) bool {
	if fn.Recv != nil || !strings.HasPrefix(fn.Name.Name, "Fuzz") || len(fn.Type.Params.List) != 1 || len(fn.Type.Params.List[0].Names) > 1 {
		return false
	}
	star, ok := fn.Type.Params.List[0].Type.(*ast.StarExpr)
	if !ok {
		return false
	}
	sel, ok := star.X.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	pkg, ok := sel.X.(*ast.Ident)
	return ok && pkg.Name == "testing" && sel.Sel.Name == "F"
}
