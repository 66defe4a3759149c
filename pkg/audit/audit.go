package audit

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/input"
	"github.com/listaudit/listaudit/pkg/jurisdiction"
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
	// Invocation is the command line and working directory the result
	// records; the audit stamps its StartedAt and GeneratedAt by Clock.
	Invocation domain.Invocation
	// Clock is the real clock, which --now does not change; nil leaves
	// the result's StartedAt and GeneratedAt zero (unknown).
	Clock func() time.Time
	// RowRules, with an Observer and without a baseline, builds none of
	// the findings of the rule set's rules but counts them, and tells the
	// Observer which rules fired on each row (Row.Rules): the result's
	// lists then hold only the findings known at the end, the duplicate
	// conflicts. listaudit fix reads no more of a row's findings than that,
	// and building them was most of its audit.
	RowRules bool
	// Progress, when set, counts the records read, for a progress line
	// that another goroutine draws: the reader adds each batch as it hands
	// it on, so counting costs nothing per row.
	Progress *atomic.Int64
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
	// header (it gets row-malformed and nothing else). Its phone cell is
	// read all the same (Key, E164, First), as the duplicate rules read it;
	// nothing else of it is.
	Malformed bool
	// Key is the number's E.164 digits as an integer, 0 when the row has no
	// valid number; duplicates share it. E164 is the number's E.164 form,
	// but "" when the audit gives Rules (Options.RowRules): it then builds
	// no text.
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
	// Rules are the rules that fired on the row, their findings counted
	// and not built (Options.RowRules; the audit's rule set gives their
	// bits).
	Rules rules.RuleMask
}

// batchSize trades hand-off cost between goroutines against the records
// held in flight. Tests make it small.
var batchSize = 512

type batch struct {
	recs     []domain.Record
	contacts []rules.Contact
	// findings holds every row's findings, each row's sorted, row after
	// row; rowEnd[i] is where row i's end.
	findings []domain.Finding
	rowEnd   []int
	tally    domain.Tally
	// unread counts the findings checked but not built, as no report
	// reads them (auditRun.unread); unbuilt is how many they were.
	unread  rules.Unread
	unbuilt int
	// noRegion counts the rows whose number wants a region
	// (Summary.NoRegion).
	noRegion int
	// dateHints counts the rows with a --date-format hint
	// (Summary.DateHints); nil until one has.
	dateHints map[string]int
	// rowRules holds each row's rules counted and not built, with
	// auditRun.rowRules.
	rowRules []rules.RuleMask
	// juris counts rows by jurisdiction (--jurisdictions builtin).
	juris jurisdiction.Tally
	done  chan struct{}
	// row is the collector's scratch for one row and its duplicate finding.
	row []domain.Finding
}

// reset empties b for reuse, keeping its storage.
func (b *batch) reset() {
	b.recs, b.findings, b.rowEnd, b.rowRules = b.recs[:0], b.findings[:0], b.rowEnd[:0], b.rowRules[:0]
	b.unbuilt, b.noRegion = 0, 0
	clear(b.dateHints)
	b.tally.Reset()
	b.juris.Reset()
}

// pipeline carries batches from the reader to the workers and, in input
// order, to the ordered pass.
type pipeline struct {
	workers int
	work    chan *batch
	// order carries batches in input order, so the duplicate pass and the
	// findings stay deterministic whatever order workers finish in.
	order chan *batch
	free  sync.Pool
	// readErr and infos (for the Observer) are the reader's: read them
	// only once order is closed.
	readErr error
	infos   []input.Info
}

// newPipeline makes the queues for workers workers; 0 means one per CPU.
func newPipeline(workers int) *pipeline {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	p := &pipeline{workers: workers, work: make(chan *batch, workers*2), order: make(chan *batch, workers*4)}
	p.free.New = func() any {
		return &batch{recs: make([]domain.Record, 0, batchSize), contacts: make([]rules.Contact, batchSize)}
	}
	return p
}

// read is the reader: it streams every input into batches, sends each to
// the workers and the ordered pass, and closes both queues when done.
func (p *pipeline) read(ctx context.Context, paths []string, opts Options, res *domain.Result) {
	defer close(p.work)
	defer close(p.order)
	send := func(b *batch) bool {
		if opts.Progress != nil {
			opts.Progress.Add(int64(len(b.recs)))
		}
		return p.send(ctx, b)
	}
	p.readErr = readAll(ctx, paths, opts, res, &p.infos, send, p.get)
}

// send queues a full batch; it reports false when the audit was stopped.
func (p *pipeline) send(ctx context.Context, b *batch) bool {
	b.done = make(chan struct{})
	select {
	case p.work <- b:
	case <-ctx.Done():
		return false
	}
	select {
	case p.order <- b:
		return true
	case <-ctx.Done():
		return false
	}
}

// get takes an empty batch.
func (p *pipeline) get() *batch { return p.free.Get().(*batch) }

// Run audits paths as one list.
func Run(ctx context.Context, paths []string, opts Options) (*domain.Result, error) {
	a, err := newAuditRun(opts)
	if err != nil {
		return nil, err
	}
	return a.run(ctx, paths)
}

// run audits paths as one list.
func (a *auditRun) run(ctx context.Context, paths []string) (*domain.Result, error) {
	opts := a.opts
	defer a.sink.closeUnlessKept()

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	p := newPipeline(opts.Workers)
	go p.read(ctx, paths, opts, a.res)
	var wg sync.WaitGroup
	for range p.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a.checkBatches(ctx, p.work)
		}()
	}
	for b := range p.order {
		if !waitChecked(ctx, b) {
			// Stopped: the batch may still be in a worker's hands, so it
			// is neither read nor reused.
			continue
		}
		a.merge(b)
		a.publishUnread()
		b.reset()
		p.free.Put(b)
	}
	wg.Wait()
	if p.readErr != nil {
		return nil, p.readErr
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return a.finish(p.infos)
}

// auditRun is what one audit checks records with and gathers its result
// in.
type auditRun struct {
	opts    Options
	checker *rules.Checker
	dups    *rules.Duplicates
	res     *domain.Result
	sink    *findingSink
	juris   jurisdiction.Tally
	// unread holds the rules (a rules.RuleMask) whose findings no report
	// will read from here on: the ordered pass publishes it after each
	// batch, and a worker reads it as it starts one. A batch checked after
	// batch k was merged comes after k in the stream, so it holds none of
	// the findings the reports read. unbuilt counts those findings.
	unread  atomic.Uint64
	unbuilt int
	// rowRules is every rule of the rule set with Options.RowRules, else 0:
	// the rules no finding is built of, whose bits the Observer gets.
	rowRules rules.RuleMask
	observed observed
}

// newAuditRun builds the rule set and loads the evidence and baseline the
// policy names.
func newAuditRun(opts Options) (*auditRun, error) {
	rs, err := rules.NewRuleSet(opts.Policy)
	if err != nil {
		return nil, err
	}
	phones := phone.NewNormaliser()
	a := &auditRun{
		opts:    opts,
		checker: rules.NewChecker(opts.Policy, opts.Now, phones, rs),
		dups:    rules.NewDuplicates(rs).ForCampaign(opts.Policy),
		res: &domain.Result{Tool: opts.Tool, Now: opts.Now.UTC(), Invocation: opts.Invocation, Policy: opts.Policy,
			RuleSeverity: rs.Severities(), Inputs: []domain.Input{}, Evidence: []domain.EvidenceFile{}},
	}
	a.res.StartedAt = opts.clock()
	if a.checker.Evidence, err = loadEvidence(opts, phones, a.res); err != nil {
		return nil, err
	}
	if a.sink, err = newFindingSink(a.res, opts.Keep, func(msg string) { warn(opts, msg) }); err != nil {
		return nil, err
	}
	// A baseline must see each finding to tell whether it accepts it.
	if opts.RowRules && opts.Observer != nil && a.sink.matcher == nil {
		a.rowRules = rs.Mask(func(string, domain.Severity) bool { return true })
		if rs.Enabled(rules.Duplicate) {
			a.observed.repeat = rs.Mask(func(id string, _ domain.Severity) bool { return id == rules.Duplicate })
		}
	}
	return a, nil
}

// checkBatches is one worker: it checks the batches it takes from work
// until work is closed.
func (a *auditRun) checkBatches(ctx context.Context, work <-chan *batch) {
	for b := range work {
		if ctx.Err() == nil { // stopped: drain the queue unchecked
			a.check(b)
		}
		close(b.done)
	}
}

// check checks every record of b. Sorting and counting happen here, on
// every core, so the ordered pass (merge) only merges and stores.
func (a *auditRun) check(b *batch) {
	checker := a.checker
	// u also counts the findings built: the batch's tally is taken from
	// its counts at the end rather than a finding at a time.
	u := &b.unread
	u.Rules = rules.RuleMask(a.unread.Load()) | a.rowRules
	u.Row = 0 // merge leaves its last row's
	for i := range b.recs {
		start := len(b.findings)
		b.findings = checker.CheckUnread(&b.recs[i], &b.contacts[i], b.findings, u)
		domain.SortFindings(b.findings[start:])
		if j := b.contacts[i].Jurisdiction; j != nil {
			b.juris.Add(j)
		}
		if b.contacts[i].NeedsRegion() {
			b.noRegion++
		}
		if h := b.contacts[i].DateHint; h != "" {
			b.addDateHint(h)
		}
		b.rowEnd = append(b.rowEnd, len(b.findings))
		if a.rowRules != 0 {
			b.rowRules = append(b.rowRules, u.Row)
			u.Row = 0
		}
	}
	b.unbuilt = u.Tally(checker.Rules, &b.tally)
	u.TallyBuilt(checker.Rules, &b.tally)
}

// addDateHint counts a row whose dates a --date-format of hint reads.
func (b *batch) addDateHint(hint string) {
	if b.dateHints == nil {
		b.dateHints = map[string]int{}
	}
	b.dateHints[hint]++
}

// countsUnread turns off counting findings instead of building them, for
// tests that compare the two.
var countsUnread = true

// publishUnread tells the workers which rules' findings the reports will
// no longer read.
func (a *auditRun) publishUnread() {
	if countsUnread {
		a.unread.Store(uint64(a.sink.unread(a.checker.Rules)))
	}
}

// waitChecked waits until a worker has checked b; it reports false when
// the audit was stopped instead.
func waitChecked(ctx context.Context, b *batch) bool {
	select {
	case <-b.done:
	case <-ctx.Done():
	}
	return ctx.Err() == nil
}

// merge runs the duplicate rules over a checked batch and hands its
// findings to the sink, and its records to the Observer. Batches arrive in
// input order and rows in a batch are in order, so adding each row's
// sorted findings keeps the stream sorted.
func (a *auditRun) merge(b *batch) {
	sink, dups, obs := a.sink, a.dups, a.opts.Observer
	a.res.Summary.Rows += len(b.recs)
	a.res.Summary.NoRegion += b.noRegion
	for h, n := range b.dateHints {
		if a.res.Summary.DateHints == nil {
			a.res.Summary.DateHints = map[string]int{}
		}
		a.res.Summary.DateHints[h] += n
	}
	a.juris.Merge(&b.juris)
	// The duplicate findings no report reads are counted, as the workers
	// count the others: by the rules unread now, after every batch before
	// this one was merged, and with RowRules every rule. The worker's count
	// was moved out of b.unread. With RowRules u.Row is each row's rules,
	// for the Observer.
	b.unread.Rules = rules.RuleMask(a.unread.Load()) | a.rowRules
	var u *rules.Unread
	if a.rowRules != 0 {
		u = &b.unread
	}
	dups.Warm(b.contacts[:len(b.recs)])
	start := 0
	for i := range b.recs {
		row := b.findings[start:b.rowEnd[i]]
		start = b.rowEnd[i]
		if u != nil {
			u.Row = b.rowRules[i]
		}
		// A malformed row is added too when its phone cell holds a valid
		// number: its opt-out cannot be read, so the number's other rows
		// conflict with it. It gets no duplicate finding.
		if f, ok := dups.AddUnread(&b.contacts[i], &b.unread); ok {
			b.row = insertSorted(append(b.row[:0], row...), f)
			sink.countOne(&f)
			row = b.row
		}
		if obs != nil {
			a.observed.observe(obs, dups, &b.recs[i], &b.contacts[i], u)
		}
		if len(row) > 0 {
			sink.add(row)
		}
	}
	b.unbuilt += b.unread.Tally(a.checker.Rules, &b.tally)
	sink.count(&b.tally)
	sink.skip(b.unbuilt)
	a.unbuilt += b.unbuilt
}

// finish completes the result once every batch was merged: the inputs for
// the Observer, the duplicate conflicts and the closing counts.
func (a *auditRun) finish(infos []input.Info) (*domain.Result, error) {
	if obs := a.opts.Observer; obs != nil {
		for _, info := range infos {
			obs.Input(info)
		}
	}
	if err := a.sink.finish(a.dups.Conflicts()); err != nil {
		return nil, err
	}
	a.res.Summary.UniqueNumbers = a.dups.Unique()
	if r := a.checker.Jurisdictions(); r != nil {
		a.res.Jurisdictions = r.Uses(&a.juris)
	}
	if log := a.checker.Evidence.Sends; log != nil {
		a.res.Summary.LogNumbersNotInList = log.Unmatched(a.dups.Has)
		a.res.Summary.OptOutReplies = log.Total.OptOuts
		a.res.Summary.OptOutReplyRows = a.checker.Evidence.ReplyRows()
	}
	a.sink.keep = true
	a.res.GeneratedAt = a.opts.clock()
	return a.res, nil
}

// clock reads the real clock in UTC to the second, as reports show it;
// zero without one.
func (o *Options) clock() time.Time {
	if o.Clock == nil {
		return time.Time{}
	}
	return o.Clock().UTC().Truncate(time.Second)
}

// insertSorted inserts f into the sorted findings of one row.
func insertSorted(row []domain.Finding, f domain.Finding) []domain.Finding {
	i := len(row)
	for i > 0 && domain.CompareFindings(&row[i-1], &f) > 0 {
		i--
	}
	return slices.Insert(row, i, f)
}

// observed is the Row an Observer is handed and its first row: valid
// only during the call, so one serves every row, and none is allocated a
// row (the Observer's interface makes the Row escape).
type observed struct {
	row   Row
	first rules.FirstRow
	// repeat is the duplicate rule's bit when the Observer gets Rules and
	// the rule runs: a row without it is its number's first, and its
	// first row is not looked up.
	repeat rules.RuleMask
}

// observe tells obs about a checked record, once the duplicate rules have
// seen it; u, when set, holds the rules that fired on it in u.Row.
func (o *observed) observe(obs Observer, dups *rules.Duplicates, rec *domain.Record, c *rules.Contact, u *rules.Unread) {
	row := &o.row
	*row = Row{Loc: rec.Loc, Malformed: rec.Malformed != ""}
	if u != nil {
		row.Rules = u.Row
	}
	if c.Number.Valid {
		// As rules.Duplicates keys numbers.
		row.Key = c.Number.Key
		if u == nil {
			row.E164 = c.PhoneID()
		}
		o.firstRow(dups, row)
	}
	if !row.Malformed {
		row.OptedOut, row.ConsentAt = c.OptedOutForCampaign(), c.ConsentAt
	}
	obs.Row(row)
}

// firstRow sets row.First when an earlier row had its number.
func (o *observed) firstRow(dups *rules.Duplicates, row *Row) {
	if o.repeat != 0 && row.Rules&o.repeat == 0 && !row.Malformed {
		return // no duplicate finding: the number's first row (a malformed row gets none)
	}
	if first, ok := dups.First(row.Key); ok && (first.Loc.FileIndex != row.Loc.FileIndex || first.Loc.Row != row.Loc.Row) {
		o.first = first
		row.First = &o.first
	}
}

// warnNoOptOut warns about an input without an opt-out column when no
// suppression list is given: nothing would then find its opted-out
// contacts, and the audit could pass a list of people who said no.
func warnNoOptOut(info input.Info, opts Options) {
	if opts.Input.Warn == nil {
		return
	}
	if w := info.UnreadOptOutWarning(); w != "" {
		opts.Input.Warn(w)
	}
	if len(opts.Policy.Suppress) > 0 {
		return
	}
	if w := info.NoOptOutWarning(len(opts.Policy.MessageLogs) > 0); w != "" {
		opts.Input.Warn(w)
	}
}

// readAll streams every input into batches and hands each full batch to
// send; it records each input's description in res once read.
func readAll(ctx context.Context, paths []string, opts Options, res *domain.Result, infos *[]input.Info, send func(*batch) bool, get func() *batch) error {
	b := get()
	opts.Input.MapRequired = len(paths) == 1
	mapped := mapCheck{m: opts.Input.Map, source: opts.Input.MapSource}
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
		if err := mapped.add(info, len(paths)); err != nil {
			return err
		}
		res.Inputs = append(res.Inputs, info.Input())
		warnNoOptOut(info, opts)
		if opts.Observer != nil {
			*infos = append(*infos, info)
		}
	}
	if err := mapped.err(); err != nil {
		return err
	}
	if len(b.recs) > 0 {
		send(b)
	}
	return nil
}

// mapCheck finds the --map headers (and the policy file's columns) that
// name no column: of a single input, an error, since the audit would
// read another column in its place; of several inputs, an error only when
// none has the header (each lacking it was warned about when opened).
type mapCheck struct {
	m map[domain.Field]string
	// source says where each mapping of m was set (input.Options.MapSource).
	source map[domain.Field]string
	// found marks the fields some input had the header of; first is the
	// first input that lacked one.
	found   [domain.NumFields]bool
	first   *input.Info
	missing []domain.Field
}

// add notes what info, one of n inputs, has; for a single input it
// returns the error for the first header it lacks.
func (c *mapCheck) add(info input.Info, n int) error {
	if len(c.m) == 0 || info.Format == input.FormatVCard {
		return nil
	}
	missing := info.MissingMap(c.m)
	if n == 1 && len(missing) > 0 {
		return info.MissingMapError(missing[0], c.m[missing[0]], c.source)
	}
	for f, want := range c.m {
		if want != "" && !slices.Contains(missing, f) {
			c.found[f] = true
		}
	}
	if c.first == nil && len(missing) > 0 {
		c.first, c.missing = &info, missing
	}
	return nil
}

// err is the error for a header no input had, once all were read.
func (c *mapCheck) err() error {
	if c.first == nil {
		return nil
	}
	for _, f := range c.missing {
		if !c.found[f] {
			return fmt.Errorf("%w; no other input has it either", c.first.MissingMapError(f, c.m[f], c.source))
		}
	}
	return nil
}
