// Command listaudit audits contact-list files before anyone messages the
// people on them. See README.md.
package main

import (
	"os"
	// Quiet hours need every time zone the phone metadata names, on any
	// machine: Windows and minimal containers have no zone database.
	_ "time/tzdata"

	"github.com/listaudit/listaudit/pkg/cli"
)

// version is stamped at release time with -ldflags "-X main.version=...".
var version = "dev"

func main() { os.Exit(run()) }

func run() int { return cli.Main(os.Args[1:], cli.SystemEnv(version)) }
