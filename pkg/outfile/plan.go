package outfile

import (
	"fmt"
	"io/fs"
	"os"

	"github.com/listaudit/listaudit/pkg/domain"
)

// Plan checks where a run's outputs go before the run reads anything, so
// that a mistyped path costs nothing: no output is a directory or in a
// directory that does not exist or cannot be written, none replaces a file
// the run reads, no two replace one file, and at most one takes standard
// output. Nor may the run's standard output or error be a file it reads
// (`>> list.csv`). check and fix declare their outputs to one Plan each,
// inspect and init one too; a new output is one more Add. Nothing is
// written: the outputs are created once the run has something to write in
// them.
type Plan struct {
	outputs []Output
	// stdout says why standard output is taken by something that is no
	// output of the plan; "" while it is free.
	stdout string
}

// Output is one file a run writes.
type Output struct {
	// Option is what named it, with its value, for errors: "-o report.json",
	// "--report sarif=x.sarif".
	Option string
	// Path is the file; "-" is standard output.
	Path string
	// Role, when set, names the output to one that would take its place:
	// "--quarantine out.csv: it is also the clean file (-o)". Without it
	// the error names Option: "out.json is also written by -o out.json".
	Role string
	// Refreshes is a file the run reads that this output may replace:
	// --write-baseline rewrites the baseline the run read.
	Refreshes string
}

// Add declares an output. Outputs are checked in the order added, and an
// error names the later of two that clash.
func (p *Plan) Add(o Output) { p.outputs = append(p.outputs, o) }

// ClaimStdout says that standard output is taken by something that is not
// an output of the plan (a report printed there, a verdict line); why is
// what an output to standard output is told, after its option: "-q already
// prints the verdict line to standard output".
func (p *Plan) ClaimStdout(why string) { p.stdout = why }

// Check returns the first thing wrong with the outputs, prefixed with the
// option that named the output; read lists the files the run reads
// (domain.FilesRead). "-" and a file that is standard output (/dev/stdout)
// take standard output; "-" needs no other check. Whether a directory can
// be written is tried with an empty temporary file, removed at once. Last,
// standard output and error must not be a file the run reads
// (RefuseStreams).
func (p *Plan) Check(read []domain.ReadFile) error {
	stdout := p.stdout
	for i := range p.outputs {
		o := &p.outputs[i]
		if ToStdout(o.Path) {
			if stdout != "" {
				return fmt.Errorf("%s: %s", o.Option, stdout)
			}
			stdout = o.named(o.Option + " already writes to standard output")
			if o.Path == "-" {
				continue
			}
		}
		if err := Check(o.Path); err != nil {
			return fmt.Errorf("%s: %w", o.Option, err)
		}
		if err := o.refuseReplacing(read); err != nil {
			return err
		}
		for j := range p.outputs[:i] {
			if g := &p.outputs[j]; SameTarget(g.Path, o.Path) {
				return fmt.Errorf("%s: %s", o.Option, g.named(o.Path+" is also written by "+g.Option))
			}
		}
		if err := probe(o.Path); err != nil {
			return fmt.Errorf("%s: %w", o.Option, err)
		}
	}
	return RefuseStreams(read)
}

// named is how another output's error names o: by its role, or as
// byOption says.
func (o *Output) named(byOption string) string {
	if o.Role != "" {
		return "it is also " + o.Role
	}
	return byOption
}

// refuseReplacing refuses an output that would replace one of the files
// the run reads, other than the one it refreshes.
func (o *Output) refuseReplacing(read []domain.ReadFile) error {
	for _, r := range read {
		if o.Refreshes != "" && r.Path == o.Refreshes {
			continue
		}
		if Replaces(o.Path, r.Path) {
			return fmt.Errorf("%s: refusing to overwrite %s", o.Option, r.What)
		}
	}
	return nil
}

// streamNames name stdStreams, in order, for errors.
var streamNames = [...]string{"standard output", "standard error"}

// StreamError is the refusal of a run whose standard output or error is a
// file it reads. It says which are, so that the refusal itself is printed
// into neither: a standard error that is an input is left as it was.
type StreamError struct {
	// Stdout and Stderr say which of the streams are files the run reads.
	Stdout, Stderr bool
	// msg names the first of them, and the file it is.
	msg string
}

func (e *StreamError) Error() string { return e.msg }

// RefuseStreams refuses a run whose standard output or error is a file it
// reads, as after `>> list.csv` or `2>> list.csv`: what the run prints
// would go into that file (GNU cat's "input file is output file"), under
// the audit reading it. The streams are compared by the file they are
// (device and inode), whatever they were opened as, and only when they are
// regular files: a terminal, a pipe or /dev/null is never a file the run
// reads. "-" is the file standard input is, if any. The error is a
// *StreamError naming the first stream that is one.
func RefuseStreams(read []domain.ReadFile) error {
	var e StreamError
	for i, s := range stdStreams {
		sfi := regularFile(s)
		if sfi == nil {
			continue
		}
		for _, r := range read {
			if fi := readInfo(r.Path); fi != nil && os.SameFile(sfi, fi) {
				if e.msg == "" {
					e.msg = fmt.Sprintf("%s is %s: refusing to write to %s", streamNames[i], readName(r.Path), r.What)
				}
				e.Stdout, e.Stderr = e.Stdout || i == 0, e.Stderr || i == 1
				break
			}
		}
	}
	if e.msg == "" {
		return nil
	}
	return &e
}

// stdinStream is the process's standard input; a variable for tests.
var stdinStream = os.Stdin

// readInfo describes the file a run reads as path; nil when there is none
// to stat.
func readInfo(path string) fs.FileInfo {
	if path == "-" {
		return regularFile(stdinStream)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil
	}
	return fi
}

// readName is how an error names the file read as path.
func readName(path string) string {
	if path == "-" {
		return "the file standard input reads"
	}
	return path
}

// regularFile describes f when it is a regular file; nil otherwise.
func regularFile(f *os.File) fs.FileInfo {
	if f == nil {
		return nil
	}
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return nil
	}
	return fi
}

// ToStdout reports whether an output named path goes to this process's
// standard output: "-", or a file that is it (IsStdout).
func ToStdout(path string) bool {
	return path == "-" || IsStdout(path)
}
