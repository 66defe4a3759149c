//go:build unix

package cli

import (
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"
)

// blockedReader is a standard input that never ends: it tells the test
// when it is first read, then blocks as a terminal nobody types into does.
type blockedReader struct {
	once    *sync.Once
	reading chan struct{}
}

func (r blockedReader) Read([]byte) (int, error) {
	r.once.Do(func() { close(r.reading) })
	select {}
}

// TestInterruptWhileReadingStdin sends SIGINT to a run blocked reading
// standard input, where the audit cannot see the cancellation: Main gives
// it stopGrace, removes the report's temporary file and returns 130.
func TestInterruptWhileReadingStdin(t *testing.T) {
	defer func(old time.Duration) { stopGrace = old }(stopGrace)
	stopGrace = 50 * time.Millisecond
	env, out, errOut := testEnv("")
	in := blockedReader{new(sync.Once), make(chan struct{})}
	env.In = in
	dir := t.TempDir()
	code := make(chan int)
	go func() {
		code <- Main([]string{"check", "--input-format", "csv", "-f", "json", "-o", filepath.Join(dir, "r.json"), "-"}, env)
	}()
	select {
	case <-in.reading: // past the signal handler's setup
	case c := <-code:
		t.Fatalf("Main returned %d before reading: %s", c, errOut)
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case c := <-code:
		if c != ExitInterrupted {
			t.Errorf("exit code %d, want %d", c, ExitInterrupted)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Main did not return after SIGINT")
	}
	if got, want := errOut.String(), "listaudit: interrupted; no output file was written\n"; got != want {
		t.Errorf("stderr %q, want %q", got, want)
	}
	if out.Len() != 0 {
		t.Errorf("stdout %q", out)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left in the report's directory: %v", entries)
	}
}
