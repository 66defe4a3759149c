package cli

import (
	"os"
	"strings"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/pii"
)

// invocation is what the reports of a run record of how it was made: its
// command line and the working directory its relative paths are read
// from. showPII is the run's --show-pii.
func (e *Env) invocation(showPII bool) domain.Invocation {
	wd, err := os.Getwd()
	if err != nil {
		wd = "" // unknown: the reports give the paths as they are
	}
	return domain.Invocation{Command: reportCommand(e.args, showPII), WorkDir: wd}
}

// reportCommand is the command line as reports record it: "listaudit",
// then the arguments as given. Only a --map header is changed: one that
// holds a phone number or an e-mail address is masked as the reports mask
// it among the columns read, unless showPII, so the command line does not
// give away what the columns hide. File names, dates and the other values
// are the reports' own to show.
func reportCommand(args []string, showPII bool) []string {
	return shownArgs(append(make([]string, 0, 1+len(args)), "listaudit"), args, showPII)
}

// shownArgs appends args to out with each --map header as reports show
// headers: the command line, and the flags of the fix command the table
// suggests.
func shownArgs(out, args []string, showPII bool) []string {
	mapValue := false
	for i, a := range args {
		switch {
		case mapValue:
			a = mappedHeader(a, showPII)
		case a == "--":
			return append(out, args[i:]...) // the rest are files
		case strings.HasPrefix(a, "--map="):
			a = "--map=" + mappedHeader(strings.TrimPrefix(a, "--map="), showPII)
		}
		mapValue = !mapValue && a == "--map"
		out = append(out, a)
	}
	return out
}

// mappedHeader is the value of --map field=HEADER with HEADER as reports
// show headers.
func mappedHeader(v string, showPII bool) string {
	field, header, ok := strings.Cut(v, "=")
	if !ok {
		return pii.Header(v, showPII)
	}
	return field + "=" + pii.Header(header, showPII)
}
