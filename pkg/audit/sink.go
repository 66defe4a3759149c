package audit

import (
	"fmt"
	"iter"

	"github.com/listaudit/listaudit/pkg/baseline"
	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/rules"
	"github.com/listaudit/listaudit/pkg/textfile"
)

// findingSink receives the audit's findings in report order and writes
// them to spill lists (spill.go): those the policy's baseline accepts go to
// Accepted, the others to Findings. It counts every finding, and stores
// only those the reports will read.
type findingSink struct {
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

func newFindingSink(res *domain.Result, keep *domain.Retention, warn func(string)) (*findingSink, error) {
	o := &findingSink{res: res, kept: newSpillList(), retention: keep}
	// A retention that keeps all needs no filter: store would copy every
	// finding it keeps, millions for the json report, before adding them.
	if keep != nil && !keep.All {
		o.retain, o.retainAccepted = domain.NewRetentionFilter(*keep), domain.NewRetentionFilter(*keep)
	}
	if path := res.Policy.Baseline; path != "" {
		stamp, err := textfile.StampPath(path)
		if err != nil {
			return nil, textfile.ReadError("baseline "+path, err)
		}
		b, err := baseline.Load(path)
		if err != nil {
			return nil, err
		}
		// An entry that can match no finding is an unusable line, as a
		// suppression list's is: counted and warned of, not used.
		entries, unusable, first := b.Usable(rules.Check)
		if unusable > 0 {
			what := "1 entry is"
			if unusable > 1 {
				what = fmt.Sprintf("%d entries are", unusable)
			}
			warn(fmt.Sprintf("%s: %s unusable, not used (first: %s)", path, what, first))
		}
		if err := addEvidence(res, stamp, path, "baseline", entries, unusable); err != nil {
			return nil, err
		}
		o.matcher, o.accepted = b.Matcher(), newSpillList()
	}
	return o, nil
}

// count takes the tally of findings that will be added; workers count
// their batches so that this ordered pass does not.
func (o *findingSink) count(t *domain.Tally) { o.tally.Merge(t) }

// countOne counts one finding that will be added.
func (o *findingSink) countOne(f *domain.Finding) { o.tally.Add(f) }

// skip counts n findings, counted before, that sort after all added before
// and that unread said no report reads: they were never built.
func (o *findingSink) skip(n int) { o.kept.skip(n) }

// unread is the rules of rs whose findings, from here on, no report reads:
// none while every finding is kept, or a baseline must see each to tell
// whether it accepts it.
func (o *findingSink) unread(rs *rules.RuleSet) rules.RuleMask {
	if o.retain == nil || o.matcher != nil {
		return 0
	}
	return rs.Mask(o.retain.Full)
}

// add takes findings, counted before, that sort after all added before.
func (o *findingSink) add(fs []domain.Finding) {
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
func (o *findingSink) store(l *spillList, filter *domain.RetentionFilter, fs []domain.Finding) {
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

// lateFindings are findings known only once every row was read (the
// duplicate conflicts): Len of them, all of one rule and severity, that All
// builds and yields in report order.
type lateFindings interface {
	Len() int
	RuleSeverity() domain.RuleSeverity
	All() iter.Seq[*domain.Finding]
}

// finish adds the findings known only at the end, hands the lists to the
// result and decides it.
func (o *findingSink) finish(late lateFindings) error {
	o.addLate(late)
	if err := o.kept.finish(nil); err != nil {
		return err
	}
	o.res.Findings = o.kept
	if o.accepted != nil {
		if err := o.accepted.finish(nil); err != nil {
			return err
		}
		o.res.Accepted = o.accepted
		o.res.Summary.BaselineHidden = o.accepted.Len()
	}
	o.tally.Subtract(&o.accTally)
	o.res.DecideFrom(&o.tally)
	return nil
}

// addLate counts the findings known only at the end and adds those the
// reports read to the lists' tails, one finding at a time: the baseline
// judges each, and once no report reads more of them the rest are counted
// and never built.
func (o *findingSink) addLate(late lateFindings) {
	// The tail merges into the stream: a report reading the first N
	// findings, of the list or of a rule, finds them among the stream's
	// first N and the tail's first N, so the tail is filtered on its own.
	keep, keepAccepted := o.tailFilter(), o.tailFilter()
	rs := late.RuleSeverity()
	// Without a baseline every late finding goes to kept: once its filter
	// keeps no more of them, none is read.
	unread := func() bool { return o.matcher == nil && keep != nil && keep.Full(rs.Rule, rs.Severity) }
	read := 0
	if !unread() {
		for f := range late.All() {
			read++
			o.tally.Add(f)
			l, filter := o.kept, keep
			if o.matcher != nil && o.matcher.Accepts(f) {
				o.accTally.Add(f)
				l, filter = o.accepted, keepAccepted
			}
			if filter == nil || filter.Keep(f) {
				l.addTail(f)
			} else {
				l.skip(1)
			}
			if unread() {
				break
			}
		}
	}
	o.tally.AddN(rs, late.Len()-read)
	o.kept.skip(late.Len() - read)
}

// tailFilter is a filter of the tail's findings by the retention; nil
// keeps them all.
func (o *findingSink) tailFilter() *domain.RetentionFilter {
	if o.retention == nil || o.retention.All {
		return nil
	}
	return domain.NewRetentionFilter(*o.retention)
}

func (o *findingSink) closeUnlessKept() {
	if o.keep {
		return
	}
	o.kept.Close()
	if o.accepted != nil {
		o.accepted.Close()
	}
}
