package report

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/listaudit/listaudit/pkg/domain"
)

// chromiumPath is Debian's chromium package's binary.
const chromiumPath = "/usr/bin/chromium"

// browser starts headless Chromium for one test and returns its context
// and a func that lists the page errors seen so far: uncaught exceptions,
// console.error calls and browser log errors (blocked loads, CSP). The
// test is skipped when Chromium is absent, and fails then under CI=true.
func browser(t *testing.T) (context.Context, func() []string) {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if inCI() {
			t.Fatalf("chromium not installed at %s (apt-get install chromium): CI=true, so the HTML browser test must run", chromiumPath)
		}
		t.Skip("chromium not installed (apt-get install chromium): skipping HTML browser test")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 1000),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	// Cleanups run last in, first out: the browser stops before its
	// user-data-dir is removed.
	t.Cleanup(func() { cancelCtx(); cancelAlloc() })

	var mu sync.Mutex
	var errs []string
	err := chromedp.Listen(ctx, func(ev any) {
		var msg string
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			msg = "exception: " + ev.ExceptionDetails.Text
			if ev.ExceptionDetails.Exception != nil {
				msg += " " + ev.ExceptionDetails.Exception.Description
			}
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				msg = "console." + string(ev.Type) + ": " + strings.Join(parts, " ")
			}
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError {
				msg = "log " + string(ev.Entry.Source) + ": " + ev.Entry.Text + " " + ev.Entry.URL
			}
		}
		if msg != "" {
			mu.Lock()
			errs = append(errs, msg)
			mu.Unlock()
		}
	})
	if err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(errs)
	}
}

// writeHTML renders r as HTML into a file of the test's temp dir and
// returns its file:// URL.
func writeHTML(t *testing.T, r *domain.Result, opts Options) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(path, render(t, "html", r, opts), 0o600); err != nil {
		t.Fatal(err)
	}
	return "file://" + path
}

// run runs steps with a time limit, on a context that has already started
// its browser.
func run[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	return run(t, ctx, chromedp.Evaluate[T](js))
}

// visibleRows is the rows the findings table shows, as their cell texts.
const visibleRowsJS = `Array.from(document.querySelectorAll("#findings-body tr")).map(tr => Array.from(tr.cells).map(td => td.textContent))`

// selectFilter picks a value in one of the filter selects as a user would.
func selectFilter(t *testing.T, ctx context.Context, id, value string) {
	t.Helper()
	js := fmt.Sprintf(`(s => { s.value = %q; if (s.value !== %q) throw new Error("no option " + %q); s.dispatchEvent(new Event("change")) })(document.getElementById(%q))`, value, value, value, id)
	eval[chromedp.Void](t, ctx, js)
}

func TestHTMLInBrowser(t *testing.T) {
	ctx, pageErrors := browser(t)
	r := hostileFixture()
	url := writeHTML(t, r, Options{Title: "Audit </title><script>alert(1)</script>", Author: "Compliance"})
	run(t, ctx, chromedp.Steps(chromedp.Navigate(url), chromedp.WaitReady(chromedp.CSS("#findings-body tr"))))

	rows := eval[[][]string](t, ctx, visibleRowsJS)
	if len(rows) != r.Findings.Len() {
		t.Fatalf("%d rows shown, want %d", len(rows), r.Findings.Len())
	}
	if title := eval[string](t, ctx, `document.title`); title != "Audit </title><script>alert(1)</script>" {
		t.Errorf("title = %q", title)
	}
	// The hostile message is shown as text, and nothing it holds ran.
	if got := eval[bool](t, ctx, `typeof window.alert === "function" && document.querySelectorAll("img, #findings-body script").length === 0`); !got {
		t.Error("markup from a finding became elements")
	}
	if !slices.ContainsFunc(rows, func(row []string) bool { return strings.Contains(row[7], "</script><script>alert(2)</script>") }) {
		t.Errorf("hostile message not shown as text: %v", rows)
	}

	// Filter by rule: the fixture has two duplicate findings.
	selectFilter(t, ctx, "f-rule", "duplicate")
	rows = eval[[][]string](t, ctx, visibleRowsJS)
	if len(rows) != 2 || rows[0][1] != "duplicate" || rows[1][1] != "duplicate" {
		t.Errorf("rule filter shows %v, want the 2 duplicate findings", rows)
	}
	if got := eval[string](t, ctx, `document.getElementById("f-count").textContent`); got != "2 of 10 findings" {
		t.Errorf("count = %q", got)
	}
	// And by severity on top: no duplicate is an error.
	selectFilter(t, ctx, "f-sev", "error")
	if rows = eval[[][]string](t, ctx, visibleRowsJS); len(rows) != 1 || rows[0][0] != "No findings match the filter." {
		t.Errorf("rule and severity filter shows %v, want none", rows)
	}
	selectFilter(t, ctx, "f-rule", "")
	if rows = eval[[][]string](t, ctx, visibleRowsJS); len(rows) != 4 {
		t.Errorf("severity filter shows %d rows, want the 4 errors", len(rows))
	}
	selectFilter(t, ctx, "f-sev", "")

	// Text search.
	run(t, ctx, chromedp.SendKeys(chromedp.ID("f-q"), "msisdn"))
	run(t, ctx, chromedp.Poll[bool](`document.getElementById("findings").dataset.matching === "1"`, chromedp.WithPollingTimeout(5*time.Second)))
	eval[chromedp.Void](t, ctx, `(q => { q.value = ""; q.dispatchEvent(new Event("input")) })(document.getElementById("f-q"))`)
	run(t, ctx, chromedp.Poll[bool](`document.getElementById("findings").dataset.matching === "10"`, chromedp.WithPollingTimeout(5*time.Second)))

	// Sort by row: a click sorts ascending, a second click reverses. The
	// column shows each finding's line, as messages cite it (the fixture's
	// rows 1-9 and 11, under a header line), with the row on hover.
	rowsOf := func() []string {
		var out []string
		for _, row := range eval[[][]string](t, ctx, visibleRowsJS) {
			out = append(out, row[3])
		}
		return out
	}
	run(t, ctx, chromedp.Click(chromedp.CSS(`th[data-key="row"]`)))
	asc := rowsOf()
	if got := eval[string](t, ctx, `document.querySelector("#findings-body tr td.num").title`); got != "row 1" {
		t.Errorf("the first line's title = %q, want %q", got, "row 1")
	}
	run(t, ctx, chromedp.Click(chromedp.CSS(`th[data-key="row"]`)))
	desc := rowsOf()
	if want := []string{"2", "3", "4", "5", "6", "7", "8", "9", "10", "12"}; !slices.Equal(asc, want) {
		t.Errorf("ascending lines %v, want %v", asc, want)
	}

	slices.Reverse(desc)
	if !slices.Equal(asc, desc) {
		t.Errorf("second click did not reverse the order: %v then %v", asc, desc)
	}
	if got := eval[string](t, ctx, `document.querySelector('th[data-key="row"]').getAttribute("aria-sort")`); got != "descending" {
		t.Errorf("aria-sort = %q", got)
	}
	run(t, ctx, chromedp.Click(chromedp.CSS(`th[data-key="row"]`)))

	shot := run(t, ctx, chromedp.FullScreenshot(100))
	path := filepath.Join(t.ArtifactDir(), "html-report.png")
	if err := os.WriteFile(path, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s (keep it with go test -artifacts -outputdir DIR)", path)

	if errs := pageErrors(); len(errs) > 0 {
		t.Errorf("page errors:\n%s", strings.Join(errs, "\n"))
	}
}

// TestHTMLPrint checks the print stylesheet hides the controls and that
// printing shows every row of the current filter.
func TestHTMLPrint(t *testing.T) {
	ctx, pageErrors := browser(t)
	url := writeHTML(t, manyFindings(450), Options{})
	run(t, ctx, chromedp.Steps(chromedp.Navigate(url), chromedp.WaitReady(chromedp.CSS("#findings-body tr"))))
	rowCount := func() int { return eval[int](t, ctx, `document.querySelectorAll("#findings-body tr").length`) }
	if n := rowCount(); n != 100 {
		t.Errorf("%d rows on screen, want a page of 100", n)
	}
	selectFilter(t, ctx, "f-sev", "warning") // 3 rules of 6 are warnings: 225 findings
	eval[chromedp.Void](t, ctx, `window.dispatchEvent(new Event("beforeprint"))`)
	if n := rowCount(); n != 225 {
		t.Errorf("%d rows when printing, want all 225 of the filter", n)
	}
	run(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	}))
	if got := eval[string](t, ctx, `getComputedStyle(document.querySelector(".controls")).display + " " + getComputedStyle(document.querySelector(".pager")).display`); got != "none none" {
		t.Errorf("controls and pager display %q in print, want none", got)
	}
	if pdf := run(t, ctx, chromedp.PrintToPDF()); len(pdf) < 1000 {
		t.Errorf("PDF of %d bytes", len(pdf))
	}
	eval[chromedp.Void](t, ctx, `window.dispatchEvent(new Event("afterprint"))`)
	if n := rowCount(); n != 100 {
		t.Errorf("%d rows after printing, want a page of 100 again", n)
	}
	if errs := pageErrors(); len(errs) > 0 {
		t.Errorf("page errors:\n%s", strings.Join(errs, "\n"))
	}
}

// TestHTMLLarge loads a report of 100,000 findings and checks it is ready
// within a few seconds and still filters.
func TestHTMLLarge(t *testing.T) {
	ctx, pageErrors := browser(t)
	// Start the browser before timing.
	run(t, ctx, chromedp.Navigate("about:blank"))
	const n = 100_000
	url := writeHTML(t, manyFindings(n), Options{})
	start := time.Now()
	run(t, ctx, chromedp.Steps(chromedp.Navigate(url), chromedp.WaitReady(chromedp.CSS("#findings-body tr"))))
	loaded := time.Since(start)
	if got := eval[string](t, ctx, `document.getElementById("findings").dataset.matching`); got != fmt.Sprint(n) {
		t.Fatalf("matching = %s, want %d", got, n)
	}
	if rows := eval[int](t, ctx, `document.querySelectorAll("#findings-body tr").length`); rows != 100 {
		t.Errorf("%d DOM rows, want one page of 100", rows)
	}
	start = time.Now()
	selectFilter(t, ctx, "f-rule", "stale")
	filtered := time.Since(start)
	r := manyFindings(n)
	if got, want := eval[string](t, ctx, `document.getElementById("findings").dataset.matching`), fmt.Sprint(r.Summary.ByRule["stale"]); got != want {
		t.Errorf("stale filter matches %s, want %s", got, want)
	}
	start = time.Now()
	run(t, ctx, chromedp.Click(chromedp.CSS(`th[data-key="message"]`)))
	sorted := time.Since(start)
	// Printing this many rows would take hundreds of pages: the page prints
	// the first 2,000 of the filter and says so.
	eval[chromedp.Void](t, ctx, `window.dispatchEvent(new Event("beforeprint"))`)
	if got := eval[int](t, ctx, `document.querySelectorAll("#findings-body tr").length`); got != 2000 {
		t.Errorf("%d rows when printing, want 2,000", got)
	}
	if note := eval[string](t, ctx, `document.getElementById("print-note").textContent`); !strings.HasPrefix(note, "Printed the first 2,000 of 16,667 matching findings") {
		t.Errorf("print note = %q", note)
	}
	eval[chromedp.Void](t, ctx, `window.dispatchEvent(new Event("afterprint"))`)
	t.Logf("100,000 findings: loaded in %v, filtered in %v, sorted in %v", loaded.Round(time.Millisecond), filtered.Round(time.Millisecond), sorted.Round(time.Millisecond))
	if errs := pageErrors(); len(errs) > 0 {
		t.Errorf("page errors:\n%s", strings.Join(errs, "\n"))
	}
}

// TestHTMLSelfContained checks the page loads nothing from elsewhere and
// keeps its data in one escaped JSON block.
func TestHTMLSelfContained(t *testing.T) {
	out := string(render(t, "html", hostileFixture(), Options{}))
	for _, re := range []string{`(?i)<(script|img|link|iframe)[^>]+(src|href)=`, `(?i)url\(`, `(?i)@import`, `(?i)<link`} {
		if m := regexp.MustCompile(re).FindString(out); m != "" {
			t.Errorf("page refers to an outside resource: %s", m)
		}
	}
	// The only </script> are the two the page closes.
	if n := strings.Count(strings.ToLower(out), "</script"); n != 2 {
		t.Errorf("%d </script in the page, want 2: a finding broke out of the data block", n)
	}
	if !strings.Contains(out, `\u003c/script\u003e\u003cscript\u003ealert(2)`) {
		t.Error("data block does not escape <")
	}
	if strings.Contains(out, "254712345678") || strings.Contains(out, "Jane Doe") {
		t.Error("page shows PII without ShowPII")
	}
}

func TestHTMLChart(t *testing.T) {
	c := newHTMLChart(fixture())
	if len(c.Bars) != 8 {
		t.Fatalf("%d bars, want one per rule that fired (8)", len(c.Bars))
	}
	if c.Bars[0].Rule != "consent-missing" || c.Bars[len(c.Bars)-1].Rule != "value-invalid" {
		t.Errorf("bars not most severe first: %s … %s", c.Bars[0].Rule, c.Bars[len(c.Bars)-1].Rule)
	}
	for _, b := range c.Bars {
		end := chartLabelWidth
		for _, s := range b.Segments {
			if s.X != end || s.Width <= 0 {
				t.Errorf("%s: segment %+v does not follow the last (ends %d)", b.Rule, s, end)
			}
			end = s.X + s.Width
		}
		if end > chartWidth-chartCountRoom {
			t.Errorf("%s: bar ends at %d, past the plot", b.Rule, end)
		}
	}
	var titles []string
	for _, b := range c.Bars {
		for _, s := range b.Segments {
			titles = append(titles, s.Title)
		}
	}
	if got, want := strings.Join(titles, "; "), "consent-missing: 1 error; duplicate-conflict: 1 error; phone-invalid: 1 error; row-malformed: 1 error; consent-expired: 1 warning; duplicate: 2 warnings; over-messaged: 1 warning; value-invalid: 2 info"; got != want {
		t.Errorf("segment titles %q, want %q", got, want)
	}
	for _, tt := range []struct {
		n    int
		sev  domain.Severity
		want string
	}{{1, domain.Error, "1 error"}, {4, domain.Error, "4 errors"}, {0, domain.Warning, "0 warnings"}, {1200, domain.Warning, "1,200 warnings"}, {3, domain.Info, "3 info"}} {
		if got := severityCount(tt.n, tt.sev); got != tt.want {
			t.Errorf("severityCount(%d, %s) = %q, want %q", tt.n, tt.sev, got, tt.want)
		}
	}
	for _, tt := range []struct{ n, step int }{{0, 1}, {1, 1}, {5, 1}, {6, 2}, {10, 2}, {11, 5}, {25, 5}, {26, 10}, {100000, 20000}} {
		if got := niceStep(tt.n); got != tt.step {
			t.Errorf("niceStep(%d) = %d, want %d", tt.n, got, tt.step)
		}
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 100000: "100,000", 1234567: "1,234,567", -1234: "-1,234", -123: "-123"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestHTMLCapsEmbeddedFindings embeds at most htmlMaxFindings findings, the
// first in report order, says so above the table, and keeps the counts of
// every finding.
func TestHTMLCapsEmbeddedFindings(t *testing.T) {
	saved := htmlMaxFindings
	htmlMaxFindings = 40
	defer func() { htmlMaxFindings = saved }()
	r := manyFindings(60)
	out := string(render(t, "html", r, Options{}))
	if !strings.Contains(out, `<p class="settings" id="capped">This page lists the first 40 of 60 findings, in report order; the json, csv and sarif reports list every finding.</p>`) {
		t.Error("no note that the page lists 40 of 60 findings")
	}
	all := domain.Collect(r.Findings)
	if !strings.Contains(out, `"`+all[39].Message+`"`) || strings.Contains(out, `"`+all[40].Message+`"`) {
		t.Error("the page does not embed exactly the first 40 findings")
	}
	htmlMaxFindings = 60
	if out := string(render(t, "html", r, Options{})); strings.Contains(out, `id="capped"`) {
		t.Error("a page with every finding says it is capped")
	}
}

// TestHTMLTimes: the page says both when the audit is as of and when it
// was made, so a back-dated audit does not pass for one made that day,
// and the command line that made it.
func TestHTMLTimes(t *testing.T) {
	out := string(render(t, "html", fixture(), Options{}))
	for _, want := range []string{
		`<span>Audited as of <time datetime="2026-01-15T00:00:00Z">15 January 2026, 00:00 UTC</time></span><span>generated <time datetime="2026-12-05T14:03:07Z">5 December 2026, 14:03 UTC</time></span>`,
		`<footer>Generated by listaudit 0.1.0 · <time datetime="2026-12-05T14:03:07Z">5 December 2026, 14:03 UTC</time> · audited as of <time datetime="2026-01-15T00:00:00Z">15 January 2026, 00:00 UTC</time><br>Command line: <code>listaudit check --now 2026-01-15 --region KE --report sarif=audit.sarif testdata/contacts.csv exports/crm.tsv</code></footer>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	r := fixture()
	r.Invocation = domain.Invocation{}
	out = string(render(t, "html", r, Options{}))
	if want := `<footer>Generated by listaudit 0.1.0 · audited as of <time datetime="2026-01-15T00:00:00Z">15 January 2026, 00:00 UTC</time></footer>`; !strings.Contains(out, want) || strings.Contains(out, "generated <time") {
		t.Errorf("page of a run with no clock or command line: want only the audit time, %s", want)
	}
}

func TestHashGroups(t *testing.T) {
	for _, tt := range []struct {
		hex  string
		want []string
	}{
		{"", []string{}},
		{"3f2a9c0b", []string{"3f2a9c0b"}},
		{"3f2a9c0b7", []string{"3f2a9c0b", "7"}},
		{"e04d1c369120444c5298b6d901a420481dd18a7b1526c5cb363ef85a715d9822",
			[]string{"e04d1c36", "9120444c", "5298b6d9", "01a42048", "1dd18a7b", "1526c5cb", "363ef85a", "715d9822"}},
	} {
		if got := hashGroups(tt.hex); !slices.Equal(got, tt.want) {
			t.Errorf("hashGroups(%q) = %q, want %q", tt.hex, got, tt.want)
		}
	}
}

// TestHashCopiesWhole: the groups of a hash are spaced by CSS, with a line
// break allowed between them, and no text between them.
func TestHashCopiesWhole(t *testing.T) {
	var b strings.Builder
	if err := htmlTemplate.ExecuteTemplate(&b, "hash", "3f2a9c0b7d1e4f5a6b7c8d9e0f1a2b3c"); err != nil {
		t.Fatal(err)
	}
	if got, want := b.String(), `<span class="hash"><span>3f2a9c0b</span><wbr><span>7d1e4f5a</span><wbr><span>6b7c8d9e</span><wbr><span>0f1a2b3c</span></span>`; got != want {
		t.Errorf("hash is\n%s\nwant\n%s", got, want)
	}
}

func TestKeepWords(t *testing.T) {
	long := strings.Repeat("a-", 16) + "b" // 33 characters
	for _, tt := range []struct{ in, want string }{
		{"", ""},
		{"no dash here", "no dash here"},
		{"yes/no or true/false", `<span class="nobr">yes/no</span> or <span class="nobr">true/false</span>`},
		{"since 2025-11-18 (383 days)", `since <span class="nobr">2025-11-18</span> (383 days)`},
		{"give the region with --region.", `give the region with <span class="nobr">--region.</span>`},
		{"08:00–21:00", `<span class="nobr">08:00–21:00</span>`},
		{"Double opt-in required", `Double <span class="nobr">opt-in</span> required`},
		{`a <b>-"x" & y`, `a <span class="nobr">&lt;b&gt;-&#34;x&#34;</span> &amp; y`},
		{"path " + long + " end", "path " + long + " end"},
	} {
		if got := string(keepWords(tt.in)); got != tt.want {
			t.Errorf("keepWords(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestHTMLKeepsWords: the page's script keeps a finding's words with a
// hyphen or a slash (a date, a flag, a masked number, a path) on one line,
// as keepWords does for the rules' help, and the cell's text stays the
// finding's.
func TestHTMLKeepsWords(t *testing.T) {
	ctx, pageErrors := browser(t)
	r := fixture()
	long := strings.Repeat("a-", 16) + "b"
	f := &r.Findings.(domain.FindingSlice)[0]
	f.Message = "since 2025-11-18, see --region or " + long + " <b>-x</b> in lists/crm.csv:4"
	f.Field, f.Value = domain.FieldConsentAt, "+1 (555) 010-0123"
	url := writeHTML(t, r, Options{})
	run(t, ctx, chromedp.Steps(chromedp.Navigate(url), chromedp.WaitReady(chromedp.CSS("#findings-body tr"))))
	got := eval[[]string](t, ctx, `(() => { const tr = document.querySelector("#findings-body tr");
  return [tr.querySelector("td.msg").innerHTML, tr.querySelector("td.msg").textContent, tr.querySelector("td.value").innerHTML]; })()`)
	want := []string{
		`since <span class="nobr">2025-11-18,</span> see <span class="nobr">--region</span> or ` + long + ` <span class="nobr">&lt;b&gt;-x&lt;/b&gt;</span> in <span class="nobr">lists/crm.csv:4</span>`,
		f.Message,
		`+1 (***) <span class="nobr">***-**23</span>`, // a number in a date cell is masked
	}
	if !slices.Equal(got, want) {
		t.Errorf("first finding's message and value cells:\n%q\nwant\n%q", got, want)
	}
	if errs := pageErrors(); len(errs) > 0 {
		t.Errorf("page errors:\n%s", strings.Join(errs, "\n"))
	}
}

// TestHTMLWithoutJavaScript opens the page with scripts off: the table
// shows the first page of findings, written into the HTML, and a note says
// how many of all it shows and where the rest are.
func TestHTMLWithoutJavaScript(t *testing.T) {
	ctx, _ := browser(t)
	r := manyFindings(150)
	url := writeHTML(t, r, Options{})
	run(t, ctx, chromedp.Steps(
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		}),
		chromedp.Navigate(url), chromedp.WaitReady(chromedp.CSS("#findings-body tr"))))
	rows := eval[[][]string](t, ctx, visibleRowsJS)
	if len(rows) != 100 {
		t.Fatalf("%d rows without JavaScript, want the first page of 100", len(rows))
	}
	if want := []string{"error", "phone-invalid", r.Inputs[0].Path, "2", "Phone"}; !slices.Equal(rows[0][:5], want) {
		t.Errorf("first row %q, want it to begin %q", rows[0], want)
	}
	note := eval[string](t, ctx, `(n => n ? n.innerText : "")(document.getElementById("noscript-note"))`)
	if want := "Without JavaScript, this table shows the first 100 of 150 findings, in report order, and cannot page, filter or sort them; the json, csv and sarif reports list every finding."; note != want {
		t.Errorf("note %q, want %q", note, want)
	}
	// Printed, the rows and the note show: the print stylesheet hides the
	// controls only.
	run(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	}))
	shown := eval[int](t, ctx, `Array.from(document.querySelectorAll("#findings-body tr, #noscript-note")).filter(e => e.getBoundingClientRect().height > 0).length`)
	if shown != 101 {
		t.Errorf("printed, %d of the 100 rows and the note show", shown)
	}
}

// TestHTMLStaticRows: the page's HTML holds the first page of findings as
// rows, and a note for readers without JavaScript says how many of all.
func TestHTMLStaticRows(t *testing.T) {
	for _, tt := range []struct {
		n    int
		rows int
		note string
	}{
		{150, 100, "Without JavaScript, this table shows the first 100 of 150 findings, in report order, and cannot page, filter or sort them; the json, csv and sarif reports list every finding."},
		{3, 3, "Without JavaScript, this table shows all 3 findings, in report order, and cannot filter or sort them."},
	} {
		page := string(render(t, "html", manyFindings(tt.n), Options{}))
		body := page[strings.Index(page, `<tbody id="findings-body">`):]
		body = body[:strings.Index(body, "</tbody>")]
		if got := strings.Count(body, "<tr>"); got != tt.rows {
			t.Errorf("%d findings: %d rows in the HTML, want %d", tt.n, got, tt.rows)
		}
		if want := `<noscript><p class="settings" id="noscript-note">` + tt.note + `</p></noscript>`; !strings.Contains(page, want) {
			t.Errorf("%d findings: no %s", tt.n, want)
		}
	}
}

// TestFindingPlace: the table's Line column shows where messages say a
// finding is.
func TestFindingPlace(t *testing.T) {
	for _, tt := range []struct {
		loc  domain.Location
		want string
	}{
		{domain.Location{File: "contacts.csv", Row: 14, Line: 15}, "15"},
		{domain.Location{File: "book.xlsx", Sheet: "Opt-ins 2025", Row: 6, Line: 7, Col: 3}, "'Opt-ins 2025'!C7"},
		{domain.Location{File: "list.json", Row: 3}, "row 3"},
	} {
		if got := findingPlace(tt.loc); got != tt.want {
			t.Errorf("findingPlace(%+v) = %q, want %q", tt.loc, got, tt.want)
		}
	}
}
