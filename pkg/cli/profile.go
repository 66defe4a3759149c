package cli

import (
	"fmt"
	"os"
	"runtime/pprof"

	"github.com/spf13/cobra"
)

// cpuProfile writes a CPU profile of one run when --cpu-profile names a
// file: for performance reports, and for refreshing the profile-guided
// optimisation profile, cmd/listaudit/default.pgo (see bench/pgo.sh). The
// flag is hidden from help: it is for developers, not for audits.
type cpuProfile struct {
	path string
	file *os.File
}

func (p *cpuProfile) addFlag(root *cobra.Command) {
	f := root.PersistentFlags()
	f.StringVar(&p.path, "cpu-profile", "", "write a CPU profile of the run to `FILE`")
	f.MarkHidden("cpu-profile")
}

// start begins profiling when the flag is set; it runs after flag parsing.
func (p *cpuProfile) start() error {
	if p.path == "" {
		return nil
	}
	f, err := os.Create(p.path)
	if err != nil {
		return fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return fmt.Errorf("cpu profile %s: %w", p.path, err)
	}
	p.file = f
	return nil
}

// stop ends profiling, if it began, and closes the profile.
func (p *cpuProfile) stop() error {
	if p.file == nil {
		return nil
	}
	pprof.StopCPUProfile()
	err := p.file.Close()
	p.file = nil
	if err != nil {
		return fmt.Errorf("cpu profile: %w", err)
	}
	return nil
}
