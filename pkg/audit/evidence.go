package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/listaudit/listaudit/pkg/baseline"
	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/phone"
	"github.com/listaudit/listaudit/pkg/rules"
	"github.com/listaudit/listaudit/pkg/sendlog"
	"github.com/listaudit/listaudit/pkg/suppress"
)

// loadEvidence reads the suppression lists and send logs the policy names
// before the list, since rules consult them row by row. Their numbers are
// normalised with the default region, as the list's are.
func loadEvidence(opts Options, phones *phone.Normaliser, res *domain.Result) (*rules.Evidence, error) {
	p := opts.Policy
	norm := phones.Keys(p.DefaultRegion)
	ev := &rules.Evidence{}
	for _, path := range p.Suppress {
		l, err := suppress.Load(path, norm)
		if err != nil {
			return nil, err
		}
		ev.Suppress = append(ev.Suppress, l)
		if l.Invalid > 0 && len(l.FirstInvalid) > 0 {
			warn(opts, fmt.Sprintf("%s: %s neither a number nor a SHA-256 hash, not used (first: %v)", path, lines(l.Invalid), l.FirstInvalid[0]))
		}
		if err := addEvidence(res, path, "suppression-list", l.Entries, l.Invalid); err != nil {
			return nil, err
		}
	}
	if len(p.MessageLogs) > 0 {
		log, err := sendlog.Load(p.MessageLogs, sendlog.Options{Normalise: norm, DateLayout: p.DateFormat, Now: opts.Now})
		if err != nil {
			return nil, err
		}
		ev.Sends = log
		if log.Total.Invalid > 0 && len(log.FirstInvalid) > 0 {
			warn(opts, fmt.Sprintf("send logs: %s unusable, not counted (first: %v)", lines(log.Total.Invalid), log.FirstInvalid[0]))
		}
		for _, f := range log.Files {
			if f.Lines == 0 {
				// Accepted, as a new campaign's log can be, but said:
				// an export that matched no sends looks the same.
				warn(opts, fmt.Sprintf("%s: the send log has a header but no sends; auditing as if nothing was sent", f.Path))
			}
			if err := addEvidence(res, f.Path, "send-log", f.Sends, f.Invalid); err != nil {
				return nil, err
			}
		}
	}
	return ev, nil
}

// addEvidence records an evidence file with its SHA-256, so an audit report
// pins exactly what it relied on.
func addEvidence(res *domain.Result, path, kind string, entries, invalid int) error {
	sum, err := fileSHA256(path)
	if err != nil {
		return err
	}
	res.Evidence = append(res.Evidence, domain.EvidenceFile{Path: path, Kind: kind, Entries: entries, Invalid: invalid, SHA256: sum})
	return nil
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("read %w", err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("read %s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// findingsOut receives the audit's findings in report order: those the
// policy's baseline accepts go to Accepted, the others to Findings.
type findingsOut struct {
	res      *domain.Result
	kept     *spillList
	accepted *spillList
	matcher  *baseline.Matcher
	keep     bool // the result owns the lists: do not close them
	scratch  []domain.Finding
	// retain and retainAccepted choose the findings each list stores, by
	// what the reports will read (nil: all); the others are only counted.
	retain, retainAccepted *domain.RetentionFilter
	retention              *domain.Retention
	stored                 []domain.Finding
	tally                  domain.Tally // of every finding
	accTally               domain.Tally // of the findings the baseline accepted
}

func newFindingsOut(res *domain.Result, keep *domain.Retention) (*findingsOut, error) {
	o := &findingsOut{res: res, kept: newSpillList(), retention: keep}
	if keep != nil {
		o.retain, o.retainAccepted = domain.NewRetentionFilter(*keep), domain.NewRetentionFilter(*keep)
	}
	if path := res.Policy.Baseline; path != "" {
		b, err := baseline.Load(path)
		if err != nil {
			return nil, err
		}
		entries := 0
		for _, e := range b.Entries {
			entries += e.Count
		}
		if err := addEvidence(res, path, "baseline", entries, 0); err != nil {
			return nil, err
		}
		o.matcher, o.accepted = b.Matcher(), newSpillList()
	}
	return o, nil
}

// count takes the tally of findings that will be added; workers count
// their batches so that this ordered pass does not.
func (o *findingsOut) count(t *domain.Tally) { o.tally.Merge(t) }

// countOne counts one finding that will be added.
func (o *findingsOut) countOne(f *domain.Finding) { o.tally.Add(f) }

// add takes findings, counted before, that sort after all added before.
func (o *findingsOut) add(fs []domain.Finding) {
	if o.matcher == nil {
		o.store(o.kept, o.retain, fs)
		return
	}
	kept := o.scratch[:0]
	for i := range fs {
		if o.matcher.Accepts(&fs[i]) {
			o.accTally.Add(&fs[i])
			o.store(o.accepted, o.retainAccepted, fs[i:i+1])
		} else {
			kept = append(kept, fs[i])
		}
	}
	o.store(o.kept, o.retain, kept)
	o.scratch = kept[:0]
}

// store adds fs to l, or with a retention filter the ones it keeps.
func (o *findingsOut) store(l *spillList, filter *domain.RetentionFilter, fs []domain.Finding) {
	if filter == nil {
		l.add(fs)
		return
	}
	stored := o.stored[:0]
	for i := range fs {
		if filter.Keep(&fs[i]) {
			stored = append(stored, fs[i])
		}
	}
	l.add(stored)
	l.skip(len(fs) - len(stored))
	o.stored = stored[:0]
}

// finish adds the sorted findings known only at the end, hands the lists
// to the result and decides it.
func (o *findingsOut) finish(tail []domain.Finding) error {
	var keptTail, acceptedTail []domain.Finding
	for i := range tail {
		o.tally.Add(&tail[i])
		if o.matcher != nil && o.matcher.Accepts(&tail[i]) {
			o.accTally.Add(&tail[i])
			acceptedTail = append(acceptedTail, tail[i])
		} else {
			keptTail = append(keptTail, tail[i])
		}
	}
	// The tail merges into the stream: a report reading the first N
	// findings, of the list or of a rule, finds them among the stream's
	// first N and the tail's first N, so the tail is filtered on its own.
	if err := o.kept.finish(o.retainTail(o.kept, keptTail)); err != nil {
		return err
	}
	o.res.Findings = o.kept
	if o.accepted != nil {
		if err := o.accepted.finish(o.retainTail(o.accepted, acceptedTail)); err != nil {
			return err
		}
		o.res.Accepted = o.accepted
		o.res.Summary.BaselineHidden = o.accepted.Len()
	}
	o.tally.Subtract(&o.accTally)
	o.res.DecideFrom(&o.tally)
	return nil
}

// retainTail returns the tail findings the retention keeps for l, in
// tail's own memory (finish's), and counts the others in l's length.
func (o *findingsOut) retainTail(l *spillList, tail []domain.Finding) []domain.Finding {
	if o.retention == nil {
		return tail
	}
	n := len(tail)
	filter := domain.NewRetentionFilter(*o.retention)
	kept := slices.DeleteFunc(tail, func(f domain.Finding) bool { return !filter.Keep(&f) })
	l.skip(n - len(kept))
	return kept
}

func (o *findingsOut) closeUnlessKept() {
	if o.keep {
		return
	}
	o.kept.Close()
	if o.accepted != nil {
		o.accepted.Close()
	}
}

func warn(opts Options, msg string) {
	if opts.Input.Warn != nil {
		opts.Input.Warn(msg)
	}
}

func lines(n int) string {
	if n == 1 {
		return "1 line is"
	}
	return fmt.Sprintf("%d lines are", n)
}
