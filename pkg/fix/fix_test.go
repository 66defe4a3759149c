package fix

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/listaudit/listaudit/pkg/audit"
	"github.com/listaudit/listaudit/pkg/csvsafe"
	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/input"
	"github.com/listaudit/listaudit/pkg/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

var now = time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)

// generated is the real clock of the tests' runs: another day than now,
// as an audit back-dated with --now is run.
var generated = time.Date(2026, 12, 5, 14, 3, 7, 0, time.UTC)

func auditOptions() audit.Options {
	return audit.Options{Policy: domain.DefaultPolicy(), Now: now, Workers: 2,
		Tool:       domain.Tool{Name: "listaudit", Version: "test"},
		Invocation: domain.Invocation{Command: []string{"listaudit", "fix", "--now", "2026-01-15", "-o", "clean.csv", "--quarantine", "removed.csv", "contacts.csv"}},
		Clock:      func() time.Time { return generated }}
}

// fixtures are the repository's sample inputs.
var fixtures = []string{
	"contacts.csv", "contacts-semicolon.csv", "contacts.json", "contacts.ndjson", "contacts.tsv", "contacts.csv.gz",
}

func fixture(name string) string { return filepath.Join("..", "..", "testdata", name) }

// runFix runs a fix of paths into dir and returns the two files' bytes.
func runFix(t *testing.T, paths []string, o Options) (*Summary, []byte, []byte) {
	t.Helper()
	dir := t.TempDir()
	o.Clean, o.Quarantine = filepath.Join(dir, "clean.csv"), filepath.Join(dir, "removed.csv")
	if o.DropOn == 0 {
		o.DropOn = domain.Error
	}
	if o.Audit.Now.IsZero() {
		o.Audit = auditOptions()
	}
	s, _, err := Run(context.Background(), paths, o)
	if err != nil {
		t.Fatal(err)
	}
	clean, err := os.ReadFile(o.Clean)
	if err != nil {
		t.Fatal(err)
	}
	quar, err := os.ReadFile(o.Quarantine)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{o.Clean, o.Quarantine} {
		if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, want 0600", p, fi.Mode().Perm())
		}
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 2 {
		t.Errorf("temporary files left: %v", ents)
	}
	return s, clean, quar
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./pkg/fix -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test ./pkg/fix -update rewrites it):\n%s", name, got)
	}
}

// relative replaces the fixtures' directory in outputs, so goldens do not
// depend on it.
func relative(b []byte) []byte {
	return bytes.ReplaceAll(b, []byte(filepath.Join("..", "..", "testdata")+string(filepath.Separator)), []byte("testdata/"))
}

func summaryText(t *testing.T, s *Summary) []byte {
	var b bytes.Buffer
	s.Clean, s.Quarantine = "clean.csv", "removed.csv"
	if err := s.WriteText(&b, "test"); err != nil {
		t.Fatal(err)
	}
	b.WriteString("---\n")
	if err := s.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	return relative(b.Bytes())
}

func TestGoldenSample(t *testing.T) {
	paths := []string{fixture("contacts.csv")}
	s, clean, quar := runFix(t, paths, Options{})
	golden(t, "sample-clean.csv", clean)
	golden(t, "sample-removed.csv", relative(quar))
	golden(t, "sample-summary.txt", summaryText(t, s))
	checkInvariant(t, paths, clean, quar, s)
	// The summary names the very bytes written.
	for _, f := range []struct{ got, data []byte }{{[]byte(s.CleanSHA256), clean}, {[]byte(s.QuarantineSHA256), quar}} {
		if sum := sha256.Sum256(f.data); string(f.got) != hex.EncodeToString(sum[:]) {
			t.Errorf("summary's sha256 %s, the file's %x", f.got, sum)
		}
	}

	// --keep-phone and --excel-safe.
	_, clean, _ = runFix(t, paths, Options{KeepPhone: true, ExcelSafe: true})
	golden(t, "sample-clean-keep-phone-excel-safe.csv", clean)

	// A dry run decides the same without writing.
	o := Options{Audit: auditOptions(), DropOn: domain.Error, DryRun: true}
	dry, _, err := Run(context.Background(), paths, o)
	if err != nil {
		t.Fatal(err)
	}
	dry.DryRun, dry.Clean, dry.Quarantine = false, s.Clean, s.Quarantine
	dry.CleanSHA256, dry.QuarantineSHA256 = s.CleanSHA256, s.QuarantineSHA256
	if a, b := fmt.Sprint(*dry), fmt.Sprint(*s); a != b {
		t.Errorf("dry run summary\n%s\nwant\n%s", a, b)
	}
}

func TestGoldenMultiFile(t *testing.T) {
	var paths []string
	for _, f := range fixtures {
		paths = append(paths, fixture(f))
	}
	s, clean, quar := runFix(t, paths, Options{})
	golden(t, "multi-clean.csv", clean)
	golden(t, "multi-removed.csv", relative(quar))
	golden(t, "multi-summary.txt", summaryText(t, s))
	checkInvariant(t, paths, clean, quar, s)
}

// TestEveryFixture checks the invariant on each fixture alone, at every
// --drop-on level.
func TestEveryFixture(t *testing.T) {
	for _, f := range fixtures {
		for _, drop := range []domain.Severity{domain.Error, domain.Warning, domain.Info} {
			t.Run(f+"/"+drop.String(), func(t *testing.T) {
				paths := []string{fixture(f)}
				s, clean, quar := runFix(t, paths, Options{DropOn: drop})
				checkInvariant(t, paths, clean, quar, s)
			})
		}
	}
}

// readCSV reads an output file: header and records.
func readCSV(t *testing.T, b []byte) ([]string, [][]string) {
	t.Helper()
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	r := csv.NewReader(bytes.NewReader(b))
	r.Comma = sniff(b)
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("output is not CSV: %v\n%s", err, b)
	}
	if len(recs) == 0 {
		t.Fatal("output has no header")
	}
	for i, rec := range recs[1:] {
		if len(rec) != len(recs[0]) {
			t.Fatalf("record %d has %d cells, header %d", i+1, len(rec), len(recs[0]))
		}
	}
	return recs[0], recs[1:]
}

func sniff(b []byte) rune {
	line, _, _ := bytes.Cut(b, []byte("\n"))
	for _, d := range []rune{';', '\t', '|'} {
		if bytes.ContainsRune(line, d) && !bytes.ContainsRune(line, ',') {
			return d
		}
	}
	return ','
}

// checkInvariant: every input row is in exactly one output.
func checkInvariant(t *testing.T, paths []string, clean, quar []byte, s *Summary) {
	t.Helper()
	_, kept := readCSV(t, clean)
	qh, removed := readCSV(t, quar)
	total := 0
	for _, p := range paths {
		total += countRows(t, p)
	}
	if len(kept)+len(removed) != total || s.Rows != total || s.Kept != len(kept) || s.Quarantined != len(removed) {
		t.Fatalf("rows: %d input, %d clean + %d quarantined (summary %d = %d + %d)", total, len(kept), len(removed), s.Rows, s.Kept, s.Quarantined)
	}
	src := slices.Index(qh, ColSource)
	seen := map[string]bool{}
	for _, r := range removed {
		if seen[r[src]] {
			t.Errorf("row %s quarantined twice", r[src])
		}
		seen[r[src]] = true
	}
}

func countRows(t *testing.T, path string) int {
	t.Helper()
	r, err := input.Open(input.Source{Path: path}, input.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	n := 0
	var rec domain.Record
	for r.Next(&rec) == nil {
		n++
	}
	return n
}

func TestRefusals(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.csv")
	os.WriteFile(in, []byte("phone\n+254712345678\n"), 0o600)
	link := filepath.Join(dir, "link.csv")
	if err := os.Symlink(in, link); err != nil {
		t.Skip(err)
	}
	hard := filepath.Join(dir, "hard.csv")
	if err := os.Link(in, hard); err != nil {
		t.Skip(err)
	}
	out := filepath.Join(dir, "out.csv")
	for _, tc := range []struct {
		name string
		o    Options
		// want ends the error.
		want string
	}{
		{"same path", Options{Clean: in, Quarantine: out}, "-o " + in + ": refusing to overwrite an input file"},
		{"symlink", Options{Clean: out, Quarantine: link}, "--quarantine " + link + ": refusing to overwrite an input file"},
		{"hard link", Options{Clean: hard, Quarantine: out}, "-o " + hard + ": refusing to overwrite an input file"},
		{"same output", Options{Clean: out, Quarantine: out}, "--quarantine " + out + ": it is also the clean file (-o)"},
		{"no quarantine", Options{Clean: out}, "--quarantine FILE is required: where to write the removed rows, so that none is lost (or use --dry-run)"},
		{"no clean", Options{Quarantine: out}, "-o FILE is required: where to write the clean list (or use --dry-run)"},
		{"neither", Options{}, "-o FILE and --quarantine FILE are required: where to write the clean list and the removed rows, so that none is lost (or use --dry-run)"},
		{"json output", Options{Clean: filepath.Join(dir, "c.json"), Quarantine: out}, "c.json: listaudit fix writes CSV or XLSX, not json"},
		{"missing dir", Options{Clean: filepath.Join(dir, "nope", "c.csv"), Quarantine: out}, "c.csv: no such directory " + filepath.Join(dir, "nope")},
		{"stdout", Options{Clean: "-", Quarantine: out}, "-: listaudit fix writes files, not standard output"},
		{"both stdout", Options{Clean: "-", Quarantine: "-", Stdout: &bytes.Buffer{}}, "--quarantine -: it is also the clean file (-o)"},
		{"directory", Options{Clean: dir, Quarantine: out}, "-o " + dir + ": " + dir + " is a directory"},
		{"bad drop-on", Options{Clean: filepath.Join(dir, "c.csv"), Quarantine: out, DropOn: -1}, "is not error, warning or info"},
		{"suppression too", Options{Clean: filepath.Join(dir, "sup.csv"), Quarantine: out}, "-o " + filepath.Join(dir, "sup.csv") + ": refusing to overwrite a suppression list"},
	} {
		o := tc.o
		o.Audit = auditOptions()
		if o.DropOn == 0 {
			o.DropOn = domain.Error
		}
		if tc.name == "suppression too" {
			os.WriteFile(o.Clean, []byte("+254700000000\n"), 0o600)
			o.Audit.Policy.Suppress = []string{o.Clean}
		}
		if _, _, err := Run(context.Background(), []string{in}, o); err == nil || !strings.HasSuffix(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want one ending %q", tc.name, err, tc.want)
		}
	}
	if b, _ := os.ReadFile(in); string(b) != "phone\n+254712345678\n" {
		t.Errorf("input changed: %q", b)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("an output was written")
	}
}

func TestStdinIsSpooled(t *testing.T) {
	data, err := os.ReadFile(fixture("contacts.csv"))
	if err != nil {
		t.Fatal(err)
	}
	o := Options{Audit: auditOptions()}
	o.Audit.Stdin = bytes.NewReader(data)
	o.Audit.Input.Format = "csv"
	s, clean, quar := runFix(t, []string{"-"}, o)
	_, want, _ := runFix(t, []string{fixture("contacts.csv")}, Options{})
	if !bytes.Equal(clean, want) {
		t.Errorf("clean file from stdin differs from the file's")
	}
	if !strings.Contains(string(quar), ",'-:27,") || s.Rows != 27 {
		t.Errorf("quarantine does not name - as the source:\n%s", quar)
	}
}

// TestStdoutOutput: an output named "-" goes to Stdout, the same bytes as
// the file would hold, and only once both are complete.
func TestStdoutOutput(t *testing.T) {
	_, wantClean, wantQuar := runFix(t, []string{fixture("contacts.csv")}, Options{})
	dir := t.TempDir()
	for _, stdoutIsClean := range []bool{true, false} {
		var stdout bytes.Buffer
		file := filepath.Join(dir, "file.csv")
		o := Options{Audit: auditOptions(), DropOn: domain.Error, Clean: "-", Quarantine: file, Stdout: &stdout}
		want, wantFile := wantClean, wantQuar
		if !stdoutIsClean {
			o.Clean, o.Quarantine = file, "-"
			want, wantFile = wantQuar, wantClean
		}
		if _, _, err := Run(context.Background(), []string{fixture("contacts.csv")}, o); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(stdout.Bytes(), want) {
			t.Errorf("clean on stdout %v: stdout differs from the file a path would get:\n%s", stdoutIsClean, stdout.Bytes())
		}
		if got, _ := os.ReadFile(file); !bytes.Equal(got, wantFile) {
			t.Errorf("clean on stdout %v: the other file differs", stdoutIsClean)
		}
		os.Remove(file)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("left in the directory: %v", ents)
	}
}

// TestCleanPassesAudit: auditing the clean file finds nothing at or above
// --drop-on and no duplicate.
func TestCleanPassesAudit(t *testing.T) {
	var paths []string
	for _, f := range fixtures {
		paths = append(paths, fixture(f))
	}
	_, clean, _ := runFix(t, paths, Options{})
	assertClean(t, clean, domain.Error, auditOptions())
}

// plainCopy writes a fix's output into dir as name, read as a program
// should: without the quote that neutralises a cell. It returns its path.
func plainCopy(t *testing.T, dir, name string, out []byte) string {
	t.Helper()
	h, recs := readCSV(t, out)
	var b bytes.Buffer
	// fix writes a byte-order mark where its input had one (or was in a
	// legacy encoding); the copy keeps it, as a program that edits the
	// file would.
	if bom := "\ufeff"; bytes.HasPrefix(out, []byte(bom)) {
		b.WriteString(bom)
	}
	w := csv.NewWriter(&b)
	w.Write(h)
	for _, r := range recs {
		for i, c := range r {
			r[i] = csvsafe.Uncell(c)
		}
		w.Write(r)
	}
	w.Flush()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// assertClean audits the clean file as fix wrote it: listaudit reads its
// guard against formulas back (csvsafe.Uncell).
func assertClean(t *testing.T, clean []byte, dropOn domain.Severity, a audit.Options) {
	t.Helper()
	path := writeList(t, t.TempDir(), "clean.csv", string(clean))
	res, err := audit.Run(context.Background(), []string{path}, a)
	if err != nil {
		t.Fatal(err)
	}
	for f := range res.Findings.All() {
		if f.Severity >= dropOn || f.Rule == "duplicate" {
			t.Errorf("clean file: %s %s at %s: %s", f.Severity, f.Rule, f.Loc, f.Message)
		}
	}
}

// TestSepLineKept: the clean and quarantine files of a list that starts
// with Excel's "sep=;" line start with it too, so Excel splits them as it
// did the list, and a later audit reads them the same way.
func TestSepLineKept(t *testing.T) {
	path := filepath.Join(t.TempDir(), "excel.csv")
	data := "sep=;\r\nphone;consent_source;consent_at\r\n+254712345678;web;2025-12-01\r\n0712;web;2025-12-01\r\n"
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	s, clean, quar := runFix(t, []string{path}, Options{})
	if s.Kept != 1 || s.Quarantined != 1 {
		t.Fatalf("kept %d, quarantined %d", s.Kept, s.Quarantined)
	}
	if want := "sep=;\nphone;consent_source;consent_at\n+254712345678;web;2025-12-01\n"; string(clean) != want {
		t.Errorf("clean file:\n%q\nwant\n%q", clean, want)
	}
	if !bytes.HasPrefix(quar, []byte("sep=;\nphone;consent_source;consent_at;listaudit_rules;")) {
		t.Errorf("quarantine file starts %q", quar[:min(len(quar), 80)])
	}
}

// TestSepLineDroppedWithBOM: an output that starts with a BOM gets no
// "sep=" line, with which Excel ignores the BOM (a tester's finding: a
// Windows-1252 list with "sep=;" gave a BOM and then "sep=;"); it keeps
// the delimiter.
func TestSepLineDroppedWithBOM(t *testing.T) {
	for _, tc := range []struct{ name, input string }{
		{"windows-1252", "sep=;\r\nphone;name;consent_source;consent_at\r\n+254712345678;Jos\xe9;web;2025-12-01\r\n0712;Zo\xeb;web;2025-12-01\r\n"},
		{"utf-8 with a BOM", "\ufeffsep=;\nphone;name;consent_source;consent_at\n+254712345678;José;web;2025-12-01\n0712;Zoë;web;2025-12-01\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "excel.csv")
			if err := os.WriteFile(path, []byte(tc.input), 0o600); err != nil {
				t.Fatal(err)
			}
			_, clean, quar := runFix(t, []string{path}, Options{})
			if want := "\ufeffphone;name;consent_source;consent_at\n+254712345678;José;web;2025-12-01\n"; string(clean) != want {
				t.Errorf("clean file:\n%q\nwant\n%q", clean, want)
			}
			if !bytes.HasPrefix(quar, []byte("\ufeffphone;name;consent_source;consent_at;listaudit_rules;")) {
				t.Errorf("quarantine file starts %q", quar[:min(len(quar), 80)])
			}
		})
	}
}

// TestCleanPhoneCells: the clean file writes the row's phone number with
// a leading + as is, whether rewritten to E.164 or kept as written
// (--keep-phone), since it cannot run as a formula; --excel-safe quotes it
// for a spreadsheet. Formula payloads are always neutralised, and so is
// any other cell that starts with +, a number in a note or a count, read
// guarded or not (QA rt25r 5).
func TestCleanPhoneCells(t *testing.T) {
	path := filepath.Join(t.TempDir(), "list.csv")
	data := "phone,consent_source,consent_at,note\n" +
		"+254712345601,web_form,2025-06-01,+254 700 000 000\n" +
		"+254 712-345.602,web_form,2025-06-01,=1+2\n" +
		"0712345603,web_form,2025-06-01,+cmd|' /C calc'!A0\n" +
		"(0712) 345 604,web_form,2025-06-01,-1+1\n" +
		"+254712345605,web_form,2025-06-01,'+1 555 0100\n" +
		"+254712345606,web_form,2025-06-01,'+3\n"
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		opts Options
		want string
	}{
		{"e164", Options{}, "phone,consent_source,consent_at,note\n" +
			"+254712345601,web_form,2025-06-01,'+254 700 000 000\n" +
			"+254712345602,web_form,2025-06-01,'=1+2\n" +
			"+254712345603,web_form,2025-06-01,'+cmd|' /C calc'!A0\n" +
			"+254712345604,web_form,2025-06-01,'-1+1\n" +
			"+254712345605,web_form,2025-06-01,'+1 555 0100\n" +
			"+254712345606,web_form,2025-06-01,'+3\n"},
		{"keep phone", Options{KeepPhone: true}, "phone,consent_source,consent_at,note,phone_e164\n" +
			"+254712345601,web_form,2025-06-01,'+254 700 000 000,+254712345601\n" +
			"+254 712-345.602,web_form,2025-06-01,'=1+2,+254712345602\n" +
			"0712345603,web_form,2025-06-01,'+cmd|' /C calc'!A0,+254712345603\n" +
			"(0712) 345 604,web_form,2025-06-01,'-1+1,+254712345604\n" +
			"+254712345605,web_form,2025-06-01,'+1 555 0100,+254712345605\n" +
			"+254712345606,web_form,2025-06-01,'+3,+254712345606\n"},
		{"keep phone, excel safe", Options{KeepPhone: true, ExcelSafe: true}, "phone,consent_source,consent_at,note,phone_e164\n" +
			"'+254712345601,web_form,2025-06-01,'+254 700 000 000,'+254712345601\n" +
			"'+254 712-345.602,web_form,2025-06-01,'=1+2,'+254712345602\n" +
			"0712345603,web_form,2025-06-01,'+cmd|' /C calc'!A0,'+254712345603\n" +
			"(0712) 345 604,web_form,2025-06-01,'-1+1,'+254712345604\n" +
			"'+254712345605,web_form,2025-06-01,'+1 555 0100,'+254712345605\n" +
			"'+254712345606,web_form,2025-06-01,'+3,'+254712345606\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.opts.Audit = auditOptions()
			tc.opts.Audit.Policy.DefaultRegion = "KE"
			s, clean, _ := runFix(t, []string{path}, tc.opts)
			if s.Kept != 6 {
				t.Fatalf("kept %d rows, want 6", s.Kept)
			}
			if string(clean) != tc.want {
				t.Errorf("clean file:\n%s\nwant\n%s", clean, tc.want)
			}
		})
	}
}

// TestInternationalColumnWrittenAsE164: an msisdn or wa_id column holds
// international numbers without "+"; the clean file writes them in E.164,
// as the audit read them.
func TestInternationalColumnWrittenAsE164(t *testing.T) {
	p := filepath.Join(t.TempDir(), "wa.csv")
	if err := os.WriteFile(p, []byte("wa_id,consent_source,consent_at\n254712345678,web,2025-12-01\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, clean, _ := runFix(t, []string{p}, Options{})
	if want := "wa_id,consent_source,consent_at\n+254712345678,web,2025-12-01\n"; string(clean) != want {
		t.Errorf("clean file:\n%s\nwant:\n%s", clean, want)
	}
}

// TestWrittenCountsEveryRecord: Options.Written counts the records the
// second pass wrote, whole inputs of a multiple of its batch or not.
func TestWrittenCountsEveryRecord(t *testing.T) {
	dir := t.TempDir()
	var paths []string
	for i, n := range []int{2 * batchRows, batchRows + 5} {
		var list strings.Builder
		list.WriteString("phone,consent_source\n")
		for range n {
			list.WriteString("+254712345678,web\n")
		}
		path := filepath.Join(dir, fmt.Sprintf("list%d.csv", i))
		if err := os.WriteFile(path, []byte(list.String()), 0o600); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, path)
	}
	var written atomic.Int64
	var atOpen []int64
	o := Options{Audit: auditOptions(), Written: &written}
	// Opened is called as each input is opened, by both passes.
	o.Audit.Input.Opened = func(string) { atOpen = append(atOpen, written.Load()) }
	s, _, _ := runFix(t, paths, o)
	if want := []int64{0, 0, 0, 2 * batchRows}; !slices.Equal(atOpen, want) {
		t.Errorf("written when each input was opened: %v, want %v", atOpen, want)
	}
	if got := written.Load(); got != int64(s.Rows) || s.Rows != 3*batchRows+5 {
		t.Errorf("written %d, want the %d rows", got, s.Rows)
	}
}

// TestDuplicateCountsAreCheck's: the rows fix quarantines as duplicate
// and duplicate-conflict are as many as check's findings of those rules,
// in one list and across several, and on the re-opt-in case fix is
// stricter about (a later consent on a row of an opted-out number).
func TestDuplicateCountsAreChecks(t *testing.T) {
	dir := t.TempDir()
	crm := filepath.Join(dir, "crm.csv")
	platform := filepath.Join(dir, "platform.ndjson")
	write := func(path, text string) {
		if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(crm, "id,phone,consent_source,consent_at,opted_out,opted_out_at\nR1,+254712345678,web_form,2025-01-01,true,2025-05-01\n")
	write(platform, `{"wa_id":"254712345678","consent_source":"whatsapp_optin","consent_at":"2025-09-01T10:00:00Z","opted_out":false}`+"\n")
	multi := make([]string, 0, len(fixtures))
	for _, f := range fixtures {
		multi = append(multi, fixture(f))
	}
	for _, tc := range []struct {
		name     string
		paths    []string
		conflict int // fix's duplicate-conflict rows beyond check's
	}{
		{"one list", []string{fixture("contacts.csv")}, 0},
		{"several lists", multi, 0},
		{"re-opt-in", []string{crm, platform}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := Options{Audit: auditOptions(), DropOn: domain.Error, DryRun: true}
			s, _, err := Run(context.Background(), tc.paths, o)
			if err != nil {
				t.Fatal(err)
			}
			res, err := audit.Run(context.Background(), tc.paths, auditOptions())
			if err != nil {
				t.Fatal(err)
			}
			if got, want := s.ByRule[rules.Duplicate], res.Summary.ByRule[rules.Duplicate]; got != want {
				t.Errorf("duplicate: fix %d rows, check %d findings", got, want)
			}
			if got, want := s.ByRule[rules.DuplicateConflict], res.Summary.ByRule[rules.DuplicateConflict]+tc.conflict; got != want {
				t.Errorf("duplicate-conflict: fix %d rows, want %d", got, want)
			}
		})
	}
}
