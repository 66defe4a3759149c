//go:build unix

package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/listaudit/listaudit/pkg/phone"
)

func main() {
	list := flag.String("list", "/tmp/list.csv", "the contact list (CSV)")
	report := flag.String("report", "", "a JSON report listaudit wrote of the list: its findings' count and size")
	phoneColumn := flag.String("phone-column", "phone", "header of the phone column")
	countryColumn := flag.String("country-column", "country", "header of the country column")
	count := flag.Int("count", 3, "run each part this many times and keep the least CPU time")
	flag.Parse()
	if err := run(*list, *report, *phoneColumn, *countryColumn, max(1, *count)); err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
}

// part is one measured part of an audit.
type part struct {
	name, what string
	cpu        time.Duration
}

func run(list, report, phoneColumn, countryColumn string, count int) error {
	if report == "" {
		return errors.New("give -report: a JSON report of the list, written by listaudit check --format json")
	}
	findings, findingBytes, err := reportSize(report)
	if err != nil {
		return err
	}
	cells, err := readCells(list, phoneColumn, countryColumn)
	if err != nil {
		return err
	}
	rows := len(cells)
	phone.Parse("+254712345678", "KE") // compiles the metadata, as the first row of an audit does

	var parts []part
	// measure keeps a part's least CPU time: the host's other work
	// (another tenant, the page cache writing back) only ever adds to it.
	measure := func(name, what string, f func() error) error {
		least := time.Duration(-1)
		for range count {
			runtime.GC()
			start := cpuTime()
			if err := f(); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			if d := cpuTime() - start; least < 0 || d < least {
				least = d
			}
		}
		parts = append(parts, part{name, what, least})
		return nil
	}
	keys := make([]uint64, rows)
	steps := []struct {
		name, what string
		f          func() error
	}{
		{"read", "encoding/csv, ReuseRecord", func() error { return readAll(list) }},
		{"phone", "fast path, every phone cell", func() error {
			for i, c := range cells {
				keys[i] = phone.Parse(c.phone, c.region).Key
			}
			return nil
		}},
		{"duplicates", "a map of number → first row", func() error {
			first := map[uint64]uint32{}
			for i, k := range keys {
				if _, seen := first[k]; !seen && k != 0 {
					first[k] = uint32(i)
				}
			}
			return nil
		}},
		{"hash", "SHA-256 of the list (evidence)", func() error { return hashFile(list) }},
		{"render", fmt.Sprintf("%d findings, %d MiB of fixed text", findings, findings*findingBytes>>20), func() error {
			return render(io.Discard, findings, findingBytes, rows)
		}},
		{"hold", "as many bytes to a temporary file and back", func() error { return hold(findings, findingBytes) }},
	}
	for _, s := range steps {
		if err := measure(s.name, s.what, s.f); err != nil {
			return err
		}
	}

	var total time.Duration
	fmt.Printf("%d rows, %d findings of %d bytes\n", rows, findings, findingBytes)
	fmt.Printf("%-11s %8s  %s\n", "part", "cpu_s", "what")
	for _, p := range parts {
		total += p.cpu
		fmt.Printf("%-11s %8.3f  %s\n", p.name, p.cpu.Seconds(), p.what)
	}
	budget := time.Duration(float64(rows) / 1e6 * float64(runtime.NumCPU()) * float64(time.Second))
	fmt.Printf("%-11s %8.3f  of %.3f CPU-s on %d cores at 1,000,000 rows/s, leaving %.3f for everything else\n",
		"floor", total.Seconds(), budget.Seconds(), runtime.NumCPU(), (budget - total).Seconds())
	return nil
}

// cpuTime is the process's user and system time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		panic(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportSize reads a JSON report's finding count (its summary) and the
// average size of one finding.
func reportSize(path string) (findings, bytesEach int, err error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return 0, 0, err
	}
	dec := json.NewDecoder(bufio.NewReader(f))
	if _, err := dec.Token(); err != nil { // {
		return 0, 0, fmt.Errorf("read %s: %w", path, err)
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return 0, 0, fmt.Errorf("read %s: %w", path, err)
		}
		switch tok {
		case "summary":
			var s struct {
				BySeverity map[string]int `json:"by_severity"`
			}
			if err := dec.Decode(&s); err != nil {
				return 0, 0, fmt.Errorf("read %s: summary: %w", path, err)
			}
			for _, n := range s.BySeverity {
				findings += n
			}
		case "findings":
			if findings == 0 {
				return 0, 0, fmt.Errorf("read %s: no findings counted before the findings", path)
			}
			return findings, int(info.Size()-dec.InputOffset()) / findings, nil
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return 0, 0, fmt.Errorf("read %s: %w", path, err)
			}
		}
	}
	return 0, 0, fmt.Errorf("read %s: no findings", path)
}

// cell is one row's phone cell and the region its country cell names.
type cell struct{ phone, region string }

// readCells reads the phone and country cells of every row, unmeasured.
func readCells(path, phoneColumn, countryColumn string) ([]cell, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReaderSize(f, 1<<16))
	r.ReuseRecord, r.FieldsPerRecord = true, -1
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	p, c := slices.Index(header, phoneColumn), slices.Index(header, countryColumn)
	if p < 0 || c < 0 {
		return nil, fmt.Errorf("read %s: no %q or %q column", path, phoneColumn, countryColumn)
	}
	regions := map[string]string{}
	var cells []cell
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return cells, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		region, ok := regions[rec[c]]
		if !ok {
			region, _ = phone.RegionFromCountry(rec[c])
			regions[strings.Clone(rec[c])] = region
		}
		cells = append(cells, cell{strings.Clone(rec[p]), region})
	}
}

func readAll(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReaderSize(f, 1<<16))
	r.ReuseRecord, r.FieldsPerRecord = true, -1
	for {
		if _, err := r.Read(); errors.Is(err, io.EOF) {
			return nil
		} else if err != nil {
			return err
		}
	}
}

func hashFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(sha256.New(), f)
	return err
}

// render writes n findings of about size bytes each: fixed text with the
// row and line numbers, which is less than any real renderer does (no
// masking, no escaping, no per-finding values).
func render(w io.Writer, n, size, rows int) error {
	const head = "    {\n      \"rule\": \"consent-expired\",\n      \"severity\": \"warning\",\n      \"file\": \"list.csv\",\n      \"row\": "
	const tail = "\n    },\n"
	fill := strings.Repeat("x", max(0, size-len(head)-len(tail)-30))
	buf := make([]byte, 0, 1<<17)
	for i := range n {
		row := i * rows / n
		buf = append(buf, head...)
		buf = strconv.AppendInt(buf, int64(row+1), 10)
		buf = append(buf, ",\n      \"line\": "...)
		buf = strconv.AppendInt(buf, int64(row+2), 10)
		buf = append(buf, ",\n      \"x\": \""...)
		buf = append(buf, fill...)
		buf = append(buf, '"')
		buf = append(buf, tail...)
		if len(buf) >= 1<<16 {
			if _, err := w.Write(buf); err != nil {
				return err
			}
			buf = buf[:0]
		}
	}
	_, err := w.Write(buf)
	return err
}

// hold writes as many bytes as render writes to an unlinked temporary file
// and copies them back out: the report's summary comes before its findings
// and is known only after the last row, so the findings wait somewhere.
// (The bytes are one block written again and again: render has its own
// part.)
func hold(n, size int) error {
	f, err := os.CreateTemp("", "floor-*")
	if err != nil {
		return err
	}
	defer f.Close()
	if err := os.Remove(f.Name()); err != nil {
		return err
	}
	block := make([]byte, 1<<16)
	for left := n * size; left > 0; left -= len(block) {
		if _, err := f.Write(block[:min(left, len(block))]); err != nil {
			return err
		}
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	out, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	defer out.Close()
	_, err = io.Copy(out, f)
	return err
}
