package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/listaudit/listaudit/pkg/config"
	"github.com/listaudit/listaudit/pkg/domain"
)

func testEnv(stdin string) (*Env, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	return &Env{
		In:      strings.NewReader(stdin),
		Out:     &out,
		ErrOut:  &errOut,
		Now:     func() time.Time { return time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC) },
		Getenv:  func(string) string { return "" },
		Version: "test",
	}, &out, &errOut
}

func TestCheckFlagsFillOptions(t *testing.T) {
	env, _, _ := testEnv("")
	var got *CheckOptions
	cmd := NewCmdCheck(env, func(o *CheckOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"--region", "ke", "--map", "phone=Mobile, work", "--map", "consent_at=Opt-in=Date",
		"--fail-on", "warning", "--limit", "0", "-f", "json", "a.csv", "b.csv"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.Flags.Lookup("region").String() != "ke" || strings.Join(got.Files, " ") != "a.csv b.csv" {
		t.Errorf("options = %+v", got)
	}
	c, err := resolve(env, config.Check, got.Flags, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Report.Limit != 0 || c.Format != "json" {
		t.Errorf("limit %d, format %q", c.Report.Limit, c.Format)
	}
	if m := c.Columns; m[domain.FieldPhone] != "Mobile, work" || m[domain.FieldConsentAt] != "Opt-in=Date" {
		t.Errorf("map = %v", m)
	}
	if a := auditOptions(env, c); a.Policy.DefaultRegion != "KE" || a.Policy.FailOn.String() != "warning" || !a.Now.Equal(env.Now()) {
		t.Errorf("audit options = %+v", a)
	}
}

func TestCheckDefaultsAreThePolicyDefaults(t *testing.T) {
	env, _, _ := testEnv("")
	var got *CheckOptions
	cmd := NewCmdCheck(env, func(o *CheckOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"a.csv"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	c, err := resolve(env, config.Check, got.Flags, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c.Policy, domain.DefaultPolicy()) {
		t.Errorf("policy = %+v, want %+v", c.Policy, domain.DefaultPolicy())
	}
}

func TestMainReadsStdinAndWritesJSON(t *testing.T) {
	env, out, errOut := testEnv("phone;consent_source\n+254712345678;web\n0712345678;\n")
	code := Main([]string{"check", "--now", "2026-01-15", "--region", "KE", "--input-format", "csv", "-f", "json", "-"}, env)
	if code != ExitFindings {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var rep struct {
		Findings []struct{ Rule, Value string }
		Verdict  struct{ Failed bool }
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	var rules []string
	for _, f := range rep.Findings {
		rules = append(rules, f.Rule+"="+f.Value)
	}
	if got := strings.Join(rules, " "); got != "consent-date-missing= consent-missing= duplicate=0*******78 phone-not-e164=0*******78" {
		t.Errorf("findings = %s", got)
	}
}

func TestMainWritesReportFileAtomicallyWithMode0600(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "list.csv")
	os.WriteFile(in, []byte("phone,consent_source,consent_at,last_active_at\n+254712345678,web,2025-06-01,2025-12-01\n"), 0o644)
	outPath := filepath.Join(dir, "report.json")
	env, out, errOut := testEnv("")
	if code := Main([]string{"check", "--now", "2026-01-15", "-f", "json", "-o", outPath, in}, env); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if out.Len() != 0 {
		t.Errorf("stdout = %q, want nothing", out)
	}
	st, err := os.Stat(outPath)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("stat = %v, %v", st, err)
	}
	b, _ := os.ReadFile(outPath)
	if !bytes.Contains(b, []byte(`"schema_version": 1`)) {
		t.Errorf("report = %s", b)
	}
}

func TestMainRecoversFromPanic(t *testing.T) {
	env, _, errOut := testEnv("")
	env.Out = panicWriter{}
	dir := t.TempDir()
	in := filepath.Join(dir, "list.csv")
	os.WriteFile(in, []byte("phone,opted_out\n+254712345678,\n"), 0o644)
	if code := Main([]string{"check", in}, env); code != ExitError {
		t.Fatalf("exit %d", code)
	}
	if got := errOut.String(); got != "listaudit: internal error: boom (please report it with this trace)\n" {
		t.Errorf("stderr = %q", got)
	}
}

type panicWriter struct{}

func (panicWriter) Write([]byte) (int, error) { panic("boom") }

func TestVersion(t *testing.T) {
	env, out, _ := testEnv("")
	if code := Main([]string{"--version"}, env); code != ExitOK || out.String() != "listaudit test\n" {
		t.Errorf("exit %d, out %q", code, out)
	}
}

// TestSARIFSizeWarning warns, before a SARIF report is written, when it
// would hold more results than GitHub code scanning accepts; a cap under
// the limit silences it.
func TestSARIFSizeWarning(t *testing.T) {
	defer func(old int) { codeScanningMaxResults = old }(codeScanningMaxResults)
	codeScanningMaxResults = 3
	sample := filepath.Join("..", "..", "testdata", "contacts.csv")
	dir := t.TempDir()
	const want = "listaudit: warning: the sarif report lists %d results; GitHub code scanning rejects a run of more than 3 (--sarif-max-results 3 keeps the most severe)\n"
	cfg := filepath.Join(dir, "policy.yaml")
	if err := os.WriteFile(cfg, []byte("report: {sarif_max_results: 4}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	// A policy file's format is no report -q writes (-q -f sarif, which
	// would drop it, is an error: TestQuietWithFormat).
	sarifPolicy := filepath.Join(dir, "sarif.yaml")
	if err := os.WriteFile(sarifPolicy, []byte("report: {format: sarif}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		warn string
	}{
		{[]string{"-q", "--report", "sarif=" + filepath.Join(dir, "a.sarif")}, "all"},
		{[]string{"-f", "sarif"}, "all"},
		{[]string{"-f", "sarif", "--sarif-max-results", "4"}, "4"},
		{[]string{"-f", "sarif", "--sarif-max-results", "3"}, ""},
		{[]string{"--config", cfg, "-f", "sarif"}, "4"},                            // the policy file's cap
		{[]string{"--config", cfg, "-f", "sarif", "--sarif-max-results", "3"}, ""}, // the flag wins
		{[]string{"-f", "json"}, ""},
		{[]string{"--config", sarifPolicy, "-q"}, ""}, // no report is written
	}
	for _, tc := range tests {
		env, out, errOut := testEnv("")
		code := Main(append(append([]string{"check", "--now", "2026-01-15"}, tc.args...), sample), env)
		if code != ExitFindings {
			t.Fatalf("%v: exit %d, stderr %q", tc.args, code, errOut)
		}
		got := errOut.String()
		switch tc.warn {
		case "":
			if got != "" {
				t.Errorf("%v: stderr %q, want nothing", tc.args, got)
			}
		case "all":
			var sarif struct{ Runs []struct{ Results []any } }
			if tc.args[0] == "-f" {
				if err := json.Unmarshal(out.Bytes(), &sarif); err != nil {
					t.Fatal(err)
				}
			} else {
				data, _ := os.ReadFile(filepath.Join(dir, "a.sarif"))
				if err := json.Unmarshal(data, &sarif); err != nil {
					t.Fatal(err)
				}
			}
			if w := fmt.Sprintf(want, len(sarif.Runs[0].Results)); got != w {
				t.Errorf("%v: stderr %q, want %q", tc.args, got, w)
			}
		default:
			if w := fmt.Sprintf(want, 4); got != w {
				t.Errorf("%v: stderr %q, want %q", tc.args, got, w)
			}
		}
	}
	env, _, errOut := testEnv("")
	if code := Main([]string{"check", "--sarif-max-results", "-1", sample}, env); code != ExitError || errOut.String() != "listaudit: --sarif-max-results: -1 is negative (0 lists every finding)\n" {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

// Evidence files in a shape listaudit does not read are input errors:
// one line naming the file, exit 2, nothing on stdout.
func TestEvidenceFileErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	list := write("ok.csv", "phone,consent_source\n+254712345678,web\n")
	for _, tt := range []struct {
		flag, name, body, want string
	}{
		{"--messages", "l7.json", `[{"phone":"+254712345678","sent_at":"2026-01-10"}]`,
			"l7.json: a send log must be CSV or NDJSON (one JSON object a line); this looks like a JSON array: for an array of messages, jq -c '.[]' DIR/l7.json > sends.ndjson makes one"},
		{"--suppress", "dnc.json", `["+254712345678"]`,
			"dnc.json: a suppression list must be one number or digest a line, or CSV; this looks like a JSON array"},
		{"--suppress", "dnc.txt", "phone\n", "dnc.txt: no entries, only a header"},
	} {
		p := write(tt.name, tt.body)
		env, out, errOut := testEnv("")
		code := Main([]string{"check", "--now", "2026-01-15", "-q", tt.flag, p, list}, env)
		if want := "listaudit: " + filepath.Join(dir, strings.ReplaceAll(tt.want, "DIR/", dir+string(filepath.Separator))) + "\n"; code != ExitError || out.Len() > 0 || errOut.String() != want {
			t.Errorf("%s %s: exit %d, stdout %q, stderr %q; want exit 2, stderr %q", tt.flag, tt.name, code, out, errOut, want)
		}
	}
}
