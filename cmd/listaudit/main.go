// Command listaudit audits contact-list files before anyone messages the
// people on them. See README.md.
package main

import (
	"os"

	"github.com/listaudit/listaudit/pkg/cli"
)

// version is stamped at release time with -ldflags "-X main.version=...".
var version = "dev"

func main() { os.Exit(run()) }

func run() int { return cli.Main(os.Args[1:], cli.SystemEnv(version)) }
