package input

import (
	"hash"
	"os"

	"github.com/listaudit/listaudit/pkg/textfile"
)

// An input file that changes while it is read (an export still being
// written, a file cut short or replaced) would be audited as a mix of
// what it held and what it holds. The Reader stamps the file when it opens
// it (textfile.Stamp: size, modification time, identity) and checks the
// stamp and the bytes read at the end, or at the first error; a change
// fails the read, naming the file and what changed. Standard input and
// other streams cannot be checked.

// digest hashes an input's bytes as on disk and counts them, so that the
// count can be held against the file's size at its end.
type digest struct {
	hash.Hash
	n int64
}

func (d *digest) Write(p []byte) (int, error) {
	d.n += int64(len(p))
	return d.Hash.Write(p)
}

// stampOpened stamps the input file f, just opened, and tells
// Options.Opened.
func (r *Reader) stampOpened(f *os.File) error {
	s, err := textfile.StampFile(f)
	if err != nil {
		return r.ioError(err)
	}
	r.file, r.stamp = f, s
	if r.opts.Opened != nil {
		r.opts.Opened(r.src.Path)
	}
	return nil
}

// changedSince returns the error for an input file that changed since it
// was opened, nil if it did not. read is how many bytes were read to its
// end, -1 when it was not read to its end.
func (r *Reader) changedSince(read int64) error {
	if r.file == nil {
		return nil
	}
	if what := r.stamp.Recheck(r.file, r.src.Path, read); what != "" {
		return textfile.ChangedError(r.src.Path, "while it was read", what)
	}
	return nil
}

// changedOr returns, for a read that failed with err, the error for an
// input file that changed meanwhile, which explains the failure (a gzip
// stream cut short, a workbook's entries gone), else err.
func (r *Reader) changedOr(err error) error {
	if changed := r.changedSince(-1); changed != nil {
		return changed
	}
	return err
}
