package main

import (
	"os"
	"regexp"
	"runtime/debug"
	"strings"
	// Quiet hours need every time zone the phone metadata names, on any
	// machine: Windows and minimal containers have no zone database.
	_ "time/tzdata"

	"github.com/listaudit/listaudit/pkg/cli"
)

// version is stamped at release time with -ldflags "-X main.version=...".
var version = "dev"

// memoryLimit is a soft ceiling on the heap: on a large list the garbage
// collector works harder as the heap nears it instead of letting it double,
// which keeps a million-row audit under ~150 MB; below it nothing changes.
// GOMEMLIMIT overrides it.
const memoryLimit = 128 << 20

// gcPercent lets the heap grow to five times what is live before a
// collection rather than twice: the memory limit still bounds it, and
// below the limit collecting early only costs CPU (~8% of a million-row
// audit, which peaks at ~141 MB either way). GOGC overrides it.
const gcPercent = 400

func main() { os.Exit(run(cli.SystemEnv(buildVersion()))) }

// run runs listaudit in env on the process's arguments; the tests' binary
// runs it with a fixed clock.
func run(env *cli.Env) int {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	// A hint: where the system refuses it, nothing changes.
	_, _ = adviseHugePages(hugeHeap, os.Getenv("GODEBUG"))
	return cli.Main(os.Args[1:], env)
}

// buildVersion is the stamped version or, for a binary built by
// `go install …@v1.2.3`, which stamps nothing, the release version Go
// recorded in it. A build from a checkout is "dev", whatever pseudo-version
// (v0.0.0-20261129…-abcdef, +dirty) Go derived from the repository.
func buildVersion() string {
	if version != "dev" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok {
		if v := info.Main.Version; releaseVersion.MatchString(v) {
			return strings.TrimPrefix(v, "v")
		}
	}
	return version
}

// releaseVersion matches a tag's semantic version, with a pre-release
// suffix but not a pseudo-version's timestamp and commit.
var releaseVersion = regexp.MustCompile(`^v\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$`)
