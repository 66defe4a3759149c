package report

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/listaudit/listaudit/pkg/audit"
	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/pii"
)

// printPapers are the sheets the print tests print on. The report's @page
// asks for landscape and leaves the size to the printer, so both are used
// across their long side.
var printPapers = []struct {
	name string
	size chromedp.PaperSize
}{{"A4", chromedp.PaperA4}, {"Letter", chromedp.PaperLetter}}

// contactsAudit is the audit of testdata/contacts.csv, the repository's
// sample list: 27 rows, 38 findings of 18 rules, 12 columns read.
func contactsAudit(t *testing.T) *domain.Result {
	t.Helper()
	r, err := audit.Run(context.Background(), []string{filepath.Join("..", "..", "testdata", "contacts.csv")}, audit.Options{
		Policy:  domain.DefaultPolicy(),
		Now:     time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC),
		Tool:    domain.Tool{Name: "listaudit", Version: "0.1.0", PhoneMetadata: "8.13.52"},
		Workers: 1,
	})
	if err != nil {
		t.Fatal(err)
	}
	if r.Summary.Rows != 27 || r.Findings.Len() < 30 {
		t.Fatalf("contacts.csv audit: %d rows, %d findings; the print test wants its 27 rows and some 38 findings", r.Summary.Rows, r.Findings.Len())
	}
	return r
}

// evidenceFixture is the fixture audited with the built-in jurisdiction
// table and evidence files: a suppression list, a send log, a baseline.
func evidenceFixture() *domain.Result {
	r := jurisdictionsFixture()
	r.Evidence = []domain.EvidenceFile{
		{Path: "lists/do-not-contact-2026.csv", Kind: "suppression-list", Entries: 1204, Invalid: 3, SHA256: "9b74c9897bac770ffc029102a200c5de9b74c9897bac770ffc029102a200c5de"},
		{Path: "sends/whatsapp-december.ndjson", Kind: "send-log", Entries: 48210, SHA256: "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8"},
		{Path: ".listaudit-baseline.json", Kind: "baseline", Entries: 12, SHA256: "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"},
	}
	return r
}

// pdfPages counts the pages of a PDF that Chromium wrote: one page object
// each, written uncompressed.
func pdfPages(pdf []byte) int {
	return len(regexp.MustCompile(`/Type\s*/Page\b[^s]`).FindAll(pdf, -1))
}

// printLayout is what printLayoutJS measures of a page laid out for print
// (print media, the viewport the page area), then paginated: the page
// simulated as columns one page area wide and high, which Chromium
// fragments as it does pages (rows, cards and the chart kept whole, table
// headers repeated).
type printLayout struct {
	// Overflow: elements wider than the page area or past its right edge.
	Overflow []string
	// Broken: words (runs without white space) of up to maxKeptWord
	// characters set on two lines.
	Broken []string
	Hashes []struct {
		Text   string
		Height float64
		Line   float64
	}
	ColumnsRead  [][]string
	TheadDisplay string
	HeaderTop    float64
	// FirstSection: the heading of the first section, when it starts on
	// page 1.
	FirstSection string
	// Page1: "title: …", "verdict: …", "counts: …" and "cards: …" for
	// those on page 1.
	Page1         []string
	Pages         int
	FindingsPages int
	// FindingsHeight: the findings table's rows' height, all together.
	FindingsHeight float64
}

// printLayoutJS measures the page in print media at a viewport one page
// area in size (width w, height h), then paginates it.
const printLayoutJS = `((w, h, maxKept) => {
  const out = {Overflow: [], Broken: [], Hashes: [], ColumnsRead: [], Page1: []};
  // The body as wide as the page area, to the fraction of a pixel the
  // viewport cannot be.
  const style = document.createElement("style");
  style.textContent = "html, body { margin: 0; padding: 0; } body { width: " + w + "px; }";
  document.head.append(style);
  const name = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "");
  for (const el of document.querySelectorAll("body *")) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.right > w + 0.5 || r.left < -0.5) out.Overflow.push(name(el) + " " + Math.round(r.left) + ".." + Math.round(r.right) + " of " + w);
  }
  // A chart label must not run past the chart's edge, where it is cut.
  for (const text of document.querySelectorAll("svg.chart text")) {
    const b = text.getBBox(), view = text.ownerSVGElement.viewBox.baseVal;
    if (b.x < -0.5 || b.x + b.width > view.width + 0.5) out.Overflow.push("chart text " + text.textContent + " " + Math.round(b.x) + ".." + Math.round(b.x + b.width) + " of " + view.width);
  }
  // A word is broken when its characters lie on two lines; only a word
  // longer than the page keeps whole may be.
  const walk = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node; (node = walk.nextNode());) {
    const block = node.parentElement.closest("td, th, dd, dt, p, div, li, h1, h2, span.hash") || node.parentElement;
    for (const m of node.data.matchAll(/\S+/g)) {
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const rects = Array.from(range.getClientRects()).filter(r => r.width > 0);
      const tops = new Set(rects.map(r => Math.round(r.top)));
      if (tops.size > 1 && Array.from(m[0]).length <= maxKept) out.Broken.push(m[0] + " in " + name(block));
    }
  }
  for (const el of document.querySelectorAll(".hash")) {
    out.Hashes.push({Text: el.innerText, Height: el.getBoundingClientRect().height, Line: parseFloat(getComputedStyle(el.parentElement).lineHeight)});
  }
  const cols = document.querySelector("table.columns-read");
  if (cols) out.ColumnsRead = Array.from(cols.rows).map(tr => Array.from(tr.cells).map(c => c.textContent));
  out.TheadDisplay = getComputedStyle(document.querySelector("#findings thead")).display;

  // Paginate: the body as columns of one page area each.
  style.textContent += " body { height: " + h + "px; column-width: " + w + "px; column-gap: 0; column-fill: auto; }";
  const page = el => Math.floor((el.getClientRects()[0].left + 1) / w) + 1;
  out.HeaderTop = document.querySelector("header.top").getBoundingClientRect().top;
  for (const [label, sel] of [["title", "h1"], ["verdict", "#verdict"], ["counts", ".verdict .why"], ["cards", ".cards"]]) {
    const el = document.querySelector(sel);
    const text = Array.from(el.querySelectorAll(".stat")).map(s => s.firstChild.textContent + " " + s.lastChild.textContent).join(" ") || el.textContent;
    if (page(el) === 1) out.Page1.push(label + ": " + text);
  }
  const first = document.querySelector("main section");
  out.FirstSection = page(first) === 1 ? first.querySelector("h2").textContent : "";
  const last = Array.from(document.querySelectorAll("main *")).reduce((m, el) => {
    const rs = el.getClientRects();
    return rs.length ? Math.max(m, rs[rs.length - 1].right) : m;
  }, 0);
  out.Pages = Math.ceil((last - 1) / w);
  const f = document.querySelector("section.findings");
  const fr = Array.from(f.getClientRects());
  out.FindingsPages = Math.floor((fr[fr.length - 1].right - 1) / w) - Math.floor((fr[0].left + 1) / w) + 1;
  out.FindingsHeight = Array.from(document.querySelectorAll("#findings-body tr")).reduce((s, tr) => s + tr.getBoundingClientRect().height, 0);
  return out;
})(%g, %g, %d)`

// pageArea is the size in CSS pixels of the @page area of the report's
// print stylesheet on landscape paper, from the margins its @page rule sets.
func pageArea(t *testing.T, ctx context.Context, paper chromedp.PaperSize) (w, h float64) {
	t.Helper()
	m := eval[[]float64](t, ctx, `(() => {
  const rule = Array.from(document.styleSheets[0].cssRules).filter(r => r instanceof CSSMediaRule && r.media.mediaText === "print")
    .flatMap(r => Array.from(r.cssRules)).find(r => r instanceof CSSPageRule);
  if (!rule || rule.style.size !== "landscape") throw new Error("no @page rule with size: landscape in the print stylesheet");
  const d = document.createElement("div");
  document.body.append(d);
  const px = v => { d.style.width = v; return parseFloat(getComputedStyle(d).width); };
  const out = ["marginTop", "marginRight", "marginBottom", "marginLeft"].map(k => px(rule.style[k]));
  d.remove();
  return out;
})()`)
	// Landscape: the paper's height is the page's width.
	return paper.Height*96 - m[1] - m[3], paper.Width*96 - m[0] - m[2]
}

// inkRows is how many rows of pixels of img hold something not white, and
// the last of them.
func inkRows(img image.Image) (rows, last int) {
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if r, g, bl, _ := img.At(x, y).RGBA(); r < 0xf000 || g < 0xf000 || bl < 0xf000 {
				rows, last = rows+1, y-b.Min.Y
				break
			}
		}
	}
	return rows, last
}

// printCase is a report the print test prints, and the most pages it may
// take.
type printCase struct {
	name string
	r    *domain.Result
	opts Options
	// maxPages: all of the report; maxFindingsPages: the pages the findings
	// touch; maxFindingsHeight: the findings' rows all together, in pages.
	maxPages, maxFindingsPages int
	maxFindingsHeight          float64
}

// TestHTMLPrintLayout prints reports to PDF at A4 and Letter, and checks
// they look finished:
//   - page 1 starts at the top with the title, the verdict and the summary
//     cards, and the Inputs section starts on it too (no page left blank by
//     a block too tall to fit in what remains of it);
//   - the pages a report takes. The sample list's 38 findings take 8: page
//     1 the summary, inputs and policy and the first findings; the rest of
//     them, most on one line, under 2 pages high and so on at most 3 pages;
//     the chart of 18 rules, kept whole, some 0.6 of a page; the 28 rules
//     with the help and the legal basis of the 18 that fired, 3.5 pages.
//     The fixture's 10 findings take 5: page 1, then the findings' end and
//     the chart, then the rules with 8 helps and their basis over two
//     pages; with evidence files and jurisdictions too, 6;
//   - nothing is wider than the page, no word is broken over two lines, a
//     SHA-256 is on one line and copies whole, the columns read are a table
//     of field and column, and the findings' header repeats on every page;
//   - a screenshot of page 1 is mostly ink: rows of pixels with something
//     on them cover at least 60% of the page and reach its last fifth.
//
// Keep the PDFs and screenshots with go test -artifacts -outputdir DIR.
func TestHTMLPrintLayout(t *testing.T) {
	ctx, pageErrors := browser(t)
	for _, tt := range []printCase{
		{"fixture", fixture(), Options{Title: "Q1 marketing list audit", Author: "Compliance"}, 5, 2, 0.5},
		{"evidence", evidenceFixture(), Options{}, 6, 2, 0.5},
		{"empty", emptyFixture(), Options{}, 3, 1, 0.1},
		{"hostile", hostileFixture(), Options{ShowPII: true}, 5, 2, 0.6},
		{"contacts", contactsAudit(t), Options{}, 8, 3, 2},
	} {
		url := writeHTML(t, tt.r, tt.opts)
		for _, paper := range printPapers {
			t.Run(tt.name+"/"+paper.name, func(t *testing.T) {
				checkPrint(t, ctx, url, paper.size, &tt, tt.name+"-"+paper.name)
			})
		}
	}
	if errs := pageErrors(); len(errs) > 0 {
		t.Errorf("page errors:\n%s", strings.Join(errs, "\n"))
	}
}

// checkPrint prints the report at url on paper, then lays it out as
// printed and checks the layout and a screenshot of page 1.
func checkPrint(t *testing.T, ctx context.Context, url string, paper chromedp.PaperSize, tt *printCase, artifact string) {
	run(t, ctx, chromedp.Steps(chromedp.Navigate(url), chromedp.WaitReady(chromedp.CSS("#findings-body tr"))))
	// As the browser does before it prints.
	eval[chromedp.Void](t, ctx, `window.dispatchEvent(new Event("beforeprint"))`)
	pdf := run(t, ctx, chromedp.PrintToPDF(chromedp.PDFPaper(paper)))
	if err := os.WriteFile(filepath.Join(t.ArtifactDir(), artifact+".pdf"), pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	checkPDFHashes(t, pdf, tt.r)
	pages := pdfPages(pdf)
	if pages == 0 || pages > tt.maxPages {
		t.Errorf("%d pages, want 1 to %d", pages, tt.maxPages)
	}

	w, h := pageArea(t, ctx, paper)
	run(t, ctx, chromedp.Steps(
		chromedp.EmulateViewport(int64(math.Ceil(w)), int64(math.Ceil(h))),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
			return err
		}),
	))
	l := eval[printLayout](t, ctx, fmt.Sprintf(printLayoutJS, w, h, maxKeptWord))
	t.Logf("%d pages printed, %d paginated (findings on %d, %.2f pages high); page area %.1fx%.1f px", pages, l.Pages, l.FindingsPages, l.FindingsHeight/h, w, h)
	if l.Pages != pages {
		t.Errorf("the page paginated in columns takes %d pages, the PDF %d: the test's pagination no longer matches the browser's", l.Pages, pages)
	}
	checkPages(t, &l, tt, h)
	checkPrintedText(t, &l, tt, w)
	checkPage1Ink(t, ctx, artifact)
}

// checkPages checks what page 1 holds and how many pages the findings take.
func checkPages(t *testing.T, l *printLayout, tt *printCase, h float64) {
	t.Helper()
	if l.HeaderTop > 0.1*h {
		t.Errorf("page 1 starts %.0fpx down, want within the top 10%% of %.0fpx", l.HeaderTop, h)
	}
	verdict := "PASSED"
	if tt.r.Verdict.Failed {
		verdict = "FAILED"
	}
	wantPage1 := []string{
		"title: " + cmp.Or(tt.opts.Title, DefaultHTMLTitle),
		"verdict: " + verdict,
		"counts: " + severityCount(tt.r.Summary.BySeverity[domain.Error], domain.Error) + ", ",
		"cards: Rows " + thousands(tt.r.Summary.Rows),
	}
	for i, want := range wantPage1 {
		if i >= len(l.Page1) || !strings.HasPrefix(l.Page1[i], want) {
			t.Errorf("page 1 holds %q, want %q first", l.Page1, wantPage1)
			break
		}
	}
	if l.FirstSection != "Inputs" {
		t.Errorf("the Inputs section does not start on page 1 (first section there %q)", l.FirstSection)
	}
	if l.FindingsPages > tt.maxFindingsPages {
		t.Errorf("the findings are on %d pages, want at most %d", l.FindingsPages, tt.maxFindingsPages)
	}
	if l.FindingsHeight > tt.maxFindingsHeight*h {
		t.Errorf("the findings' rows are %.2f pages high, want at most %.2f", l.FindingsHeight/h, tt.maxFindingsHeight)
	}
}

// checkPrintedText checks that nothing is wider than the page or broken
// inside a word, that hashes are on one line and read whole, and the
// tables' structure.
func checkPrintedText(t *testing.T, l *printLayout, tt *printCase, w float64) {
	t.Helper()
	if len(l.Overflow) > 0 {
		t.Errorf("wider than the page (%.1fpx):\n%s", w, strings.Join(l.Overflow, "\n"))
	}
	if len(l.Broken) > 0 {
		t.Errorf("words broken over two lines:\n%s", strings.Join(l.Broken, "\n"))
	}
	var hashes []string
	for _, in := range tt.r.Inputs {
		hashes = append(hashes, in.SHA256)
	}
	for _, e := range tt.r.Evidence {
		hashes = append(hashes, e.SHA256)
	}
	if len(l.Hashes) != len(hashes) {
		t.Errorf("%d hashes shown, want %d", len(l.Hashes), len(hashes))
	}
	for i, hh := range l.Hashes {
		if i < len(hashes) && hh.Text != hashes[i] {
			t.Errorf("hash %d reads %q, want %q", i, hh.Text, hashes[i])
		}
		if hh.Height > 1.5*hh.Line {
			t.Errorf("hash %d is %.0fpx high, more than one line of %.0fpx", i, hh.Height, hh.Line)
		}
	}
	wantCols := [][]string{{"Field", "Column"}}
	for _, c := range pii.Inputs(tt.r.Inputs, tt.opts.ShowPII)[0].Columns {
		wantCols = append(wantCols, []string{c.Field, c.Header})
	}
	if fmt.Sprint(l.ColumnsRead) != fmt.Sprint(wantCols) {
		t.Errorf("columns read table %q, want %q", l.ColumnsRead, wantCols)
	}
	if l.TheadDisplay != "table-header-group" {
		t.Errorf("findings thead display %q in print, want table-header-group (repeated on every page)", l.TheadDisplay)
	}
}

// checkPage1Ink takes a screenshot of the viewport, page 1 as paginated,
// and checks it is mostly ink: rows of pixels with something on them
// cover at least 60% of it and reach its last fifth.
func checkPage1Ink(t *testing.T, ctx context.Context, artifact string) {
	t.Helper()
	shot := run(t, ctx, chromedp.CaptureScreenshot())
	if err := os.WriteFile(filepath.Join(t.ArtifactDir(), artifact+"-page1.png"), shot, 0o644); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatal(err)
	}
	rows, last := inkRows(img)
	height := img.Bounds().Dy()
	if rows < height*60/100 || last < height*80/100 {
		t.Errorf("page 1 screenshot: ink on %d of %d rows of pixels, the last at %d: want at least 60%% and down to the last fifth", rows, height, last)
	}
}

// pdftotextPath is Debian's poppler-utils' text extractor.
const pdftotextPath = "/usr/bin/pdftotext"

// checkPDFHashes extracts the PDF's text as a reader copying it gets it
// and checks every input's and evidence file's SHA-256 is there whole: its
// groups of 8 digits are told apart by colour, not by gaps a PDF reader
// turns into spaces. Skipped without pdftotext, as the browser tests are
// without Chromium (and failing under CI=true).
func checkPDFHashes(t *testing.T, pdf []byte, r *domain.Result) {
	t.Helper()
	if _, err := os.Stat(pdftotextPath); err != nil {
		if inCI() {
			t.Fatalf("pdftotext not installed at %s (apt-get install poppler-utils): CI=true, so the PDF text test must run", pdftotextPath)
		}
		t.Log("pdftotext not installed (apt-get install poppler-utils): not checking the PDF's text")
		return
	}
	cmd := exec.Command(pdftotextPath, "-layout", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	text, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	for _, in := range r.Inputs {
		if !bytes.Contains(text, []byte(in.SHA256)) {
			t.Errorf("the PDF's text lacks %s's SHA-256 %s whole:\n%s", in.Path, in.SHA256, text)
		}
	}
	for _, e := range r.Evidence {
		if !bytes.Contains(text, []byte(e.SHA256)) {
			t.Errorf("the PDF's text lacks %s's SHA-256 %s whole", e.Path, e.SHA256)
		}
	}
}
