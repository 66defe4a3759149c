package audit

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/input"
	"github.com/listaudit/listaudit/pkg/phone"
	"github.com/listaudit/listaudit/pkg/rules"
)

// Options configure one audit.
type Options struct {
	Policy domain.Policy
	Now    time.Time
	Input  input.Options
	Tool   domain.Tool
	// Workers checking records in parallel; 0 means one per CPU.
	Workers int
	// Stdin is read for the path "-".
	Stdin io.Reader
	// Observer, when set, sees every record and input as the audit reads
	// them (listaudit fix decides from it what to keep).
	Observer Observer
	// Keep, when set, says which findings the result's lists hold: those
	// its reports will read (see domain.Retention). The summary counts
	// every finding either way. nil keeps them all.
	Keep *domain.Retention
}

// Observer sees what an audit reads. Its methods are called from one
// goroutine before Run returns: Row for every record in input order (after
// the record was checked), then Input for every input in order, once all
// were read.
type Observer interface {
	Row(r *Row)
	Input(info input.Info)
}

// Row is what the audit learnt about one record, for an Observer. It is
// valid only during the call.
type Row struct {
	Loc domain.Location
	// Malformed is set when the record could not be read as a row of the
	// header (it gets row-malformed and nothing else).
	Malformed bool
	// Key is the number's E.164 digits as an integer, 0 when the row has no
	// valid number; duplicates share it. E164 is the number's E.164 form.
	Key  uint64
	E164 string
	// OptedOut is the row's opt-out state in the sense of the opted-out
	// rule (a later consent re-opts in).
	OptedOut bool
	// ConsentAt is the readable consent date (zero when empty or invalid).
	ConsentAt time.Time
	// First is set on a row whose number an earlier row had: that first
	// row, as the duplicate rules keep it.
	First *rules.FirstRow
}

// batchSize trades hand-off cost between goroutines against the records
// held in flight.
const batchSize = 512

type batch struct {
	recs     []domain.Record
	contacts []rules.Contact
	// findings holds every row's findings, each row's sorted, row after
	// row; rowEnd[i] is where row i's end.
	findings []domain.Finding
	rowEnd   []int
	tally    domain.Tally
	done     chan struct{}
	// row is the collector's scratch for one row and its duplicate finding.
	row []domain.Finding
}

// Run audits paths as one list.
func Run(ctx context.Context, paths []string, opts Options) (*domain.Result, error) {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	rs, err := rules.NewRuleSet(opts.Policy)
	if err != nil {
		return nil, err
	}
	phones := phone.NewNormaliser()
	checker := rules.NewChecker(opts.Policy, opts.Now, phones, rs)
	dups := rules.NewDuplicates(rs)
	res := &domain.Result{Tool: opts.Tool, Now: opts.Now.UTC(), Policy: opts.Policy, RuleSeverity: rs.Severities(), Inputs: []domain.Input{}, Evidence: []domain.EvidenceFile{}}
	if checker.Evidence, err = loadEvidence(opts, phones, res); err != nil {
		return nil, err
	}
	sink, err := newFindingSink(res, opts.Keep)
	if err != nil {
		return nil, err
	}
	defer sink.closeUnlessKept()

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	work := make(chan *batch, workers*2)
	// order carries batches in input order, so the duplicate pass and the
	// findings stay deterministic whatever order workers finish in.
	order := make(chan *batch, workers*4)
	free := sync.Pool{New: func() any {
		return &batch{recs: make([]domain.Record, 0, batchSize), contacts: make([]rules.Contact, batchSize)}
	}}

	var readErr error
	var infos []input.Info // for the Observer
	go func() {
		defer close(work)
		defer close(order)
		readErr = readAll(ctx, paths, opts, res, &infos, func(b *batch) bool {
			b.done = make(chan struct{})
			select {
			case work <- b:
			case <-ctx.Done():
				return false
			}
			select {
			case order <- b:
				return true
			case <-ctx.Done():
				return false
			}
		}, func() *batch { return free.Get().(*batch) })
	}()

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range work {
				if ctx.Err() != nil {
					close(b.done) // stopped: drain the queue unchecked
					continue
				}
				// Sorting and counting happen here, on every core, so the
				// ordered pass below only merges and stores.
				for i := range b.recs {
					start := len(b.findings)
					b.findings = checker.Check(&b.recs[i], &b.contacts[i], b.findings)
					row := b.findings[start:]
					domain.SortFindings(row)
					for j := range row {
						b.tally.Add(&row[j])
					}
					b.rowEnd = append(b.rowEnd, len(b.findings))
				}
				close(b.done)
			}
		}()
	}

	for b := range order {
		select {
		case <-b.done:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			// Stopped: the batch may still be in a worker's hands, so it
			// is neither read nor reused.
			continue
		}
		res.Summary.Rows += len(b.recs)
		obs := opts.Observer
		// Batches arrive in input order and rows in a batch are in order,
		// so adding each row's sorted findings keeps the stream sorted.
		sink.count(&b.tally)
		start := 0
		for i := range b.recs {
			row := b.findings[start:b.rowEnd[i]]
			start = b.rowEnd[i]
			if b.recs[i].Malformed == "" {
				if f, ok := dups.Add(&b.contacts[i]); ok {
					b.row = insertSorted(append(b.row[:0], row...), f)
					sink.countOne(&f)
					row = b.row
				}
			}
			if obs != nil {
				observe(obs, dups, &b.recs[i], &b.contacts[i])
			}
			if len(row) > 0 {
				sink.add(row)
			}
		}
		b.recs, b.findings, b.rowEnd = b.recs[:0], b.findings[:0], b.rowEnd[:0]
		b.tally.Reset()
		free.Put(b)
	}
	wg.Wait()
	if readErr != nil {
		return nil, readErr
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if opts.Observer != nil {
		for _, info := range infos {
			opts.Observer.Input(info)
		}
	}
	conflicts := dups.Conflicts()
	domain.SortFindings(conflicts)
	if err := sink.finish(conflicts); err != nil {
		return nil, err
	}
	res.Summary.UniqueNumbers = dups.Unique()
	if log := checker.Evidence.Sends; log != nil {
		res.Summary.LogNumbersNotInList = log.Unmatched(dups.Has)
	}
	sink.keep = true
	return res, nil
}

// insertSorted inserts f into the sorted findings of one row.
func insertSorted(row []domain.Finding, f domain.Finding) []domain.Finding {
	i := len(row)
	for i > 0 && domain.CompareFindings(&row[i-1], &f) > 0 {
		i--
	}
	return slices.Insert(row, i, f)
}

// observe tells obs about a checked record, once the duplicate rules have
// seen it.
func observe(obs Observer, dups *rules.Duplicates, rec *domain.Record, c *rules.Contact) {
	row := Row{Loc: rec.Loc, Malformed: rec.Malformed != ""}
	if !row.Malformed {
		if c.Number.Valid {
			// As rules.Duplicates keys numbers.
			row.Key, row.E164 = c.Number.Key, c.PhoneID()
			if first, ok := dups.First(row.Key); ok && (first.Loc.FileIndex != row.Loc.FileIndex || first.Loc.Row != row.Loc.Row) {
				row.First = &first
			}
		}
		row.OptedOut, row.ConsentAt = c.OptedOut(), c.ConsentAt
	}
	obs.Row(&row)
}

// readAll streams every input into batches and hands each full batch to
// send; it records each input's description in res once read.
func readAll(ctx context.Context, paths []string, opts Options, res *domain.Result, infos *[]input.Info, send func(*batch) bool, get func() *batch) error {
	b := get()
	for i, path := range paths {
		r, err := input.Open(input.Source{Path: path, FileIndex: i, Stdin: opts.Stdin}, opts.Input)
		if err != nil {
			return err
		}
		for {
			b.recs = append(b.recs, domain.Record{})
			err := r.Next(&b.recs[len(b.recs)-1])
			if errors.Is(err, io.EOF) {
				b.recs = b.recs[:len(b.recs)-1]
				break
			}
			if err != nil {
				r.Close()
				return err
			}
			if len(b.recs) == batchSize {
				if !send(b) {
					r.Close()
					return ctx.Err()
				}
				b = get()
			}
		}
		info := r.Info()
		if err := r.Close(); err != nil {
			return fmt.Errorf("close %s: %w", path, err)
		}
		res.Inputs = append(res.Inputs, info.Input())
		if opts.Observer != nil {
			*infos = append(*infos, info)
		}
	}
	if len(b.recs) > 0 {
		send(b)
	}
	return nil
}
