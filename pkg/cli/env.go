package cli

import (
	"cmp"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/mattn/go-isatty"
	"golang.org/x/term"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/progress"
	"github.com/listaudit/listaudit/pkg/report"
)

// Env is what a command needs from the process around it.
type Env struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// OutIsTerminal enables colour (see colorEnabled).
	OutIsTerminal bool
	// ErrIsTerminal enables the verdict line and the progress line on
	// stderr (the latter not when TERM is dumb or unset).
	ErrIsTerminal bool
	// OutWidth is the terminal's width in columns when stdout is one (0
	// when it is not, or does not say): the table and --help fit it.
	OutWidth int
	// ErrWidth is OutWidth for stderr: the progress line fits it.
	ErrWidth int
	// Now is the real clock: the audit's time unless --now sets another,
	// and always the time reports say they were generated.
	Now     func() time.Time
	Getenv  func(string) string
	Version string
	// Dir is the working directory, where .listaudit.yaml is looked for
	// ("" is the process's).
	Dir string
	// args are the arguments Main was given, which reports record as the
	// command line.
	args []string
	// inputOpened, when set, is called with each input file's name as the
	// audit opens it (input.Options.Opened): tests change the file there.
	inputOpened func(name string)
	// newTicker ticks the progress line; nil is the real clock's (tests
	// tick it themselves).
	newTicker func(time.Duration) progress.Ticker
	// line is the progress line being drawn, if any (startProgress).
	line atomic.Pointer[progress.Line]
}

// warn prints a warning on the error stream.
func (e *Env) warn(msg string) {
	fmt.Fprintf(e.stderr(), "listaudit: warning: %s\n", domain.Marks(e.errASCII(), report.Printable(msg)))
}

func (e *Env) dir() string {
	if e.Dir == "" {
		return "."
	}
	return e.Dir
}

// SystemEnv is the real process: standard streams, wall clock, environment.
func SystemEnv(version string) *Env {
	return &Env{
		In:            os.Stdin,
		Out:           os.Stdout,
		ErrOut:        os.Stderr,
		OutIsTerminal: isTerminal(os.Stdout),
		OutWidth:      terminalWidth(os.Stdout),
		ErrIsTerminal: isTerminal(os.Stderr),
		ErrWidth:      terminalWidth(os.Stderr),
		Now:           time.Now,
		Getenv:        os.Getenv,
		Version:       version,
	}
}

func isTerminal(f *os.File) bool {
	return isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())
}

// terminalWidth is the width of the terminal f is, in columns; 0 when f is
// not one.
func terminalWidth(f *os.File) int {
	w, _, err := term.GetSize(int(f.Fd()))
	if err != nil {
		return 0
	}
	return w
}

// defaultTableWidth is the width the table fits when stdout is not a
// terminal and COLUMNS does not say: a terminal's.
const defaultTableWidth = 80

// columns is the width output should fit: the terminal's when stdout is
// one, else COLUMNS when it is a positive number; 0 when neither says.
func (e *Env) columns() int {
	if e.OutWidth > 0 { // 0 when stdout is no terminal
		return e.OutWidth
	}
	if n, err := strconv.Atoi(strings.TrimSpace(e.Getenv("COLUMNS"))); err == nil && n > 0 {
		return n
	}
	return 0
}

// tableWidth is the width the table fits: columns, else 80.
func (e *Env) tableWidth() int {
	if w := e.columns(); w > 0 {
		return w
	}
	return defaultTableWidth
}

// colorEnabled says whether standard output gets colour, after the
// common conventions: any non-empty NO_COLOR turns it off
// (https://no-color.org), before all else; CLICOLOR_FORCE or FORCE_COLOR
// set to other than 0 turns it on, even in a pipe (a CI log shows it);
// CLICOLOR=0 turns it off (https://bixense.com/clicolors); else a terminal
// gets it unless it cannot show it (escapesEnabled).
func (e *Env) colorEnabled() bool {
	switch {
	case e.Getenv("NO_COLOR") != "":
		return false
	case forced(e.Getenv("CLICOLOR_FORCE")) || forced(e.Getenv("FORCE_COLOR")):
		return true
	case e.Getenv("CLICOLOR") == "0":
		return false
	}
	return e.OutIsTerminal && e.escapesEnabled()
}

// forced says whether a CLICOLOR_FORCE or FORCE_COLOR value asks for
// colour: set, and not 0 or false (FORCE_COLOR=0 turns colour off in
// the tools that read it).
func forced(v string) bool {
	return v != "" && v != "0" && v != "false"
}

// escapesEnabled says whether the terminal, as TERM names it, takes
// escape sequences: not when TERM is unset or dumb (Emacs' shell, some
// IDE consoles and editors' output panes), which print them raw.
func (e *Env) escapesEnabled() bool {
	t := e.Getenv("TERM")
	return t != "" && t != "dumb"
}

// localeUTF8 says whether the locale's character set is UTF-8, as POSIX
// programs decide it: the first of LC_ALL, LC_CTYPE and LANG that is set
// and not empty names the locale, whose codeset follows its "." ("UTF-8"
// or "utf8", in any case: en_US.UTF-8, C.utf8); none set is the "C"
// locale, ASCII. Windows has no such variables: its console takes UTF-8
// (Go writes to it in UTF-16).
func (e *Env) localeUTF8() bool {
	if runtime.GOOS == "windows" {
		return true
	}
	locale := cmp.Or(e.Getenv("LC_ALL"), e.Getenv("LC_CTYPE"), e.Getenv("LANG"))
	_, codeset, _ := strings.Cut(locale, ".")
	codeset, _, _ = strings.Cut(codeset, "@") // en_US.UTF-8@euro
	return strings.EqualFold(codeset, "UTF-8") || strings.EqualFold(codeset, "utf8")
}

// outASCII says whether listaudit's own marks go to standard output in
// ASCII (domain.ASCIIMarks): on a terminal whose locale is not UTF-8,
// which would show them as mojibake. Not in a pipe or a file, read by a
// program or an editor as UTF-8 whatever the locale (a CI log, whose
// container often sets none), nor in the JSON, SARIF, HTML, CSV, JUnit
// and Markdown reports, whose formats say their encoding.
func (e *Env) outASCII() bool { return e.OutIsTerminal && !e.localeUTF8() }

// errASCII is outASCII for standard error: the verdict line, the
// progress line, warnings and errors.
func (e *Env) errASCII() bool { return e.ErrIsTerminal && !e.localeUTF8() }
