package cli

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/mattn/go-isatty"
	"golang.org/x/term"

	"github.com/listaudit/listaudit/pkg/progress"
)

// Env is what a command needs from the process around it.
type Env struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// OutIsTerminal enables colour (unless NO_COLOR is set).
	OutIsTerminal bool
	// ErrIsTerminal enables the verdict line and the progress line on
	// stderr.
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
	fmt.Fprintf(e.stderr(), "listaudit: warning: %s\n", printableLines(msg))
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

// colorEnabled honours https://no-color.org: any non-empty NO_COLOR turns
// colour off.
func (e *Env) colorEnabled() bool {
	return e.OutIsTerminal && e.Getenv("NO_COLOR") == ""
}
