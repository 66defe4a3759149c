package outfile

import (
	"os"
)

// heldOpen reports which of files some process holds open, as /proc
// shows: the processes of this user, whose files these are (another
// user's cannot be seen). seen is false when /proc cannot be read.
func heldOpen(files []leftover) (open []bool, seen bool) {
	if _, err := os.Stat("/proc/self/fd"); err != nil {
		return nil, false
	}
	procs, err := os.ReadDir("/proc")
	if err != nil {
		return nil, false
	}
	open = make([]bool, len(files))
	for _, p := range procs {
		if !isDigits(p.Name()) {
			continue
		}
		dir := "/proc/" + p.Name() + "/fd/"
		fds, err := os.ReadDir(dir)
		if err != nil {
			continue // ended meanwhile, or another user's
		}
		for _, fd := range fds {
			fi, err := os.Stat(dir + fd.Name())
			if err != nil {
				continue
			}
			for i := range files {
				open[i] = open[i] || os.SameFile(fi, files[i].fi)
			}
		}
	}
	return open, true
}
