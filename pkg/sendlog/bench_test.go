//go:build unix

package sendlog

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// writeLog writes a CSV log of lines sends to numbers numbers, in random
// time order over 90 days, one number in ten written nationally, as a
// platform export would: extra columns the reader ignores.
func writeLog(tb testing.TB, lines, numbers int, ndjson bool) string {
	tb.Helper()
	p := filepath.Join(tb.TempDir(), "sends.csv")
	if ndjson {
		p = filepath.Join(tb.TempDir(), "sends.ndjson")
	}
	f, err := os.Create(p)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriter(f)
	if !ndjson {
		fmt.Fprintln(w, "message_id,to,timestamp,category,channel,status")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	start := time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)
	for i := range lines {
		n := rng.IntN(numbers)
		if i < numbers {
			n = i // every number at least once
		}
		phone := fmt.Sprintf("+2547%08d", n)
		if n%10 == 0 {
			phone = fmt.Sprintf("07%08d", n)
		}
		at := start.Add(time.Duration(rng.Int64N(90*24*3600)) * time.Second)
		if ndjson {
			fmt.Fprintf(w, `{"message_id":"m%d","to":%q,"timestamp":%q,"category":"marketing","channel":"whatsapp","status":"delivered"}`+"\n",
				i, phone, at.Format(time.RFC3339))
			continue
		}
		fmt.Fprintf(w, "m%d,%s,%s,marketing,whatsapp,delivered\n", i, phone, at.Format(time.RFC3339))
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	return p
}

// BenchmarkLoad1M loads a 1,000,000-line log over 100,000 numbers and
// finds every number's worst week, as over-messaged would. It reports
// lines/s, the heap the loaded log keeps (heap-MiB, after a GC) and the
// most memory the process took from the OS (sys-MiB, an upper bound on
// the peak, runtime and test binary included).
func BenchmarkLoad1M(b *testing.B) {
	const lines, numbers = 1_000_000, 100_000
	p := writeLog(b, lines, numbers, false)
	opts := Options{Normalise: kenya(), Now: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)}
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ReportAllocs()
	cpu0 := cpuTime()
	var l *Log
	worst := 0
	for b.Loop() {
		var err error
		l, err = Load([]string{p}, opts)
		if err != nil {
			b.Fatal(err)
		}
		for _, s := range l.All() {
			n, _, _ := WorstWindow(s, 7*24*time.Hour)
			worst = max(worst, n)
		}
	}
	b.StopTimer()
	cpu := cpuTime() - cpu0
	if l.Total.Sends != lines || l.Numbers != numbers {
		b.Fatalf("loaded %+v over %d numbers", l.Total, l.Numbers)
	}
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(l)
	const mib = 1 << 20
	b.ReportMetric(float64(lines)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
	// On a shared machine wall time says more about the neighbours than
	// about the code; lines per CPU second (GC included) does not.
	b.ReportMetric(float64(lines)*float64(b.N)/cpu.Seconds(), "lines/cpu-s")
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/mib, "heap-MiB")
	b.ReportMetric(float64(after.Sys)/mib, "sys-MiB")
	b.Logf("worst week: %d sends; retained heap %.1f MiB; sys %.1f MiB", worst,
		float64(after.HeapAlloc-before.HeapAlloc)/mib, float64(after.Sys)/mib)
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkLoadNDJSON100k is the NDJSON reader's cost per line, for
// comparison with the CSV reader's.
func BenchmarkLoadNDJSON100k(b *testing.B) {
	const lines = 100_000
	p := writeLog(b, lines, 10_000, true)
	opts := Options{Normalise: kenya()}
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		l, err := Load([]string{p}, opts)
		if err != nil || l.Total.Sends != lines {
			b.Fatalf("Load = %+v, %v", l, err)
		}
	}
	cpu := cpuTime() - cpu0
	b.ReportMetric(float64(lines)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
	b.ReportMetric(float64(lines)*float64(b.N)/cpu.Seconds(), "lines/cpu-s")
}
