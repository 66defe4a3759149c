package fix

import (
	"cmp"
	"iter"
	"math"
	"slices"
	"strings"

	"github.com/listaudit/listaudit/pkg/audit"
	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/input"
	"github.com/listaudit/listaudit/pkg/rules"
)

// rowID names one record: its input's index and its row.
type rowID uint64

func idOf(fileIndex, row int) rowID { return rowID(uint64(fileIndex)<<32 | uint64(uint32(row))) }

func (id rowID) file() int { return int(id >> 32) }
func (id rowID) row() int  { return int(uint32(id)) }

// noConsent sorts before every consent date.
const noConsent = math.MinInt64

// member is one row of a number.
type member struct {
	id rowID
	// consent is the consent date in Unix seconds (what the audit keeps of
	// a number's first row), noConsent if none.
	consent int64
	// line is where the row starts (domain.Location.Line), for the kept
	// row's location.
	line int
}

// group is every row of one number, in input order.
type group struct {
	key      uint64
	first    member
	more     []member
	optedOut bool
}

// collector is the audit's Observer: it gathers the rows of every number
// on more than one row (the audit's duplicate rules say which row had a
// number first, so only repeated numbers cost memory here), the malformed
// rows and each input's description.
type collector struct {
	groupOf   map[uint64]int32 // a repeated number's index in groups
	groups    []group
	malformed map[rowID]struct{}
	infos     []input.Info
}

var _ audit.Observer = (*collector)(nil)

func newCollector() *collector {
	return &collector{groupOf: map[uint64]int32{}, malformed: map[rowID]struct{}{}}
}

func (c *collector) Row(r *audit.Row) {
	id := idOf(r.Loc.FileIndex, r.Loc.Row)
	if r.Malformed {
		c.malformed[id] = struct{}{}
		return
	}
	if r.Key == 0 || r.First == nil {
		return // no number, or its first row so far
	}
	i, ok := c.groupOf[r.Key]
	if !ok {
		first := r.First
		i = int32(len(c.groups))
		c.groupOf[r.Key] = i
		c.groups = append(c.groups, group{
			key:      r.Key,
			first:    member{id: idOf(first.Loc.FileIndex, first.Loc.Row), consent: consentOf(first.ConsentAt), line: first.Loc.Line},
			optedOut: first.OptedOut,
		})
	}
	g := &c.groups[i]
	m := member{id: id, consent: noConsent, line: r.Loc.Line}
	if !r.ConsentAt.IsZero() {
		m.consent = consentOf(r.ConsentAt.Unix())
	}
	g.more = append(g.more, m)
	g.optedOut = g.optedOut || r.OptedOut
}

// consentOf turns a consent date in Unix seconds, 0 when empty as the
// audit's duplicate rules keep it, into a member's consent.
func consentOf(unix int64) int64 {
	if unix == 0 {
		return noConsent
	}
	return unix
}

func (c *collector) Input(info input.Info) { c.infos = append(c.infos, info) }

// dupRole is a row's place in a group of rows sharing a number.
type dupRole struct {
	key uint64
	// keeper is the row kept of the group; valid when hasKeeper.
	keeper    member
	hasKeeper bool
	// optedOut: a row of the group is opted out, so none is kept.
	optedOut bool
}

// plan decides, row by row, where each record goes.
type plan struct {
	dropOn domain.Severity
	// dups holds the rows of every number on more than one row (when the
	// duplicate rule runs), and roles each such number's decision.
	dups      dupRows
	roles     []dupRole
	malformed map[rowID]struct{}
	// forbidden holds, per row, the rules forbidding its number to be
	// messaged (rules.ForbidsMessaging) among the findings a baseline
	// hid: accepted for reporting, they still keep the row off the list.
	forbidden map[rowID][]string
	files     []string
	sheets    []string // each input's sheet, for a workbook
}

// dupRows holds the rows of every number on more than one row, sorted,
// each with its number's index in plan.roles. The passes that read it (the
// findings in report order, then the rows in input order) ask about rows in
// order, so a cursor finds a row by comparing it with the next one instead
// of hashing: a map of these rows cost a million-row fix ~0.6 s of cache
// misses. Rows asked about out of order are found by binary search.
type dupRows struct {
	rows []dupRow
	next int
}

type dupRow struct {
	id    rowID
	group int32
	// dropped: a finding at or above dropOn sends the row to quarantine.
	dropped bool
}

// find returns row id's entry, nil when the row is in no group, and moves
// the cursor past it.
func (d *dupRows) find(id rowID) *dupRow {
	i := d.next
	if i > 0 && d.rows[i-1].id == id {
		return &d.rows[i-1] // a row asked about again, as for each of its findings
	}
	if i > 0 && d.rows[i-1].id > id || i < len(d.rows) && d.rows[i].id < id {
		i = d.index(id)
	}
	if i < len(d.rows) && d.rows[i].id == id {
		d.next = i + 1
		return &d.rows[i]
	}
	d.next = i
	return nil
}

// lookup returns row id's entry, nil when the row is in no group, without
// moving the cursor: for rows asked about out of order.
func (d *dupRows) lookup(id rowID) *dupRow {
	if i := d.index(id); i < len(d.rows) && d.rows[i].id == id {
		return &d.rows[i]
	}
	return nil
}

// index is where row id is, or would be, in rows.
func (d *dupRows) index(id rowID) int {
	i, _ := slices.BinarySearchFunc(d.rows, id, func(r dupRow, id rowID) int { return cmp.Compare(r.id, id) })
	return i
}

// newPlan turns what the audit saw into decisions. A group's kept row is
// chosen among its rows that no finding at or above dropOn sends to
// quarantine anyway (see chooseKeeper).
func newPlan(c *collector, res *domain.Result, dropOn domain.Severity, dedupe bool) *plan {
	// The audit is over: the groups are not needed once the plan is made,
	// and the writing pass then has their memory.
	c.groupOf = nil
	defer func() { c.groups = nil }()
	p := &plan{dropOn: dropOn, malformed: c.malformed, forbidden: map[rowID][]string{}}
	for _, in := range res.Inputs {
		p.files = append(p.files, in.Path)
	}
	p.sheets = make([]string, len(p.files))
	for i, in := range c.infos {
		if i < len(p.sheets) {
			p.sheets[i] = in.Sheet
		}
	}
	if res.Accepted != nil {
		eachFinding(res.Accepted, func(f *domain.Finding) {
			if r, ok := rules.Lookup(f.Rule); ok && r.ForbidsMessaging {
				id := idOf(f.Loc.FileIndex, f.Loc.Row)
				p.forbidden[id] = append(p.forbidden[id], r.ID) // the catalogue's copy of the id
			}
		})
	}
	if !dedupe {
		return p
	}
	p.roles = make([]dupRole, len(c.groups))
	for i := range c.groups {
		g := &c.groups[i]
		if len(g.more) == 0 {
			continue
		}
		p.dups.rows = append(p.dups.rows, dupRow{id: g.first.id, group: int32(i)})
		for _, m := range g.more {
			p.dups.rows = append(p.dups.rows, dupRow{id: m.id, group: int32(i)})
		}
	}
	slices.SortFunc(p.dups.rows, func(a, b dupRow) int { return cmp.Compare(a.id, b.id) })
	// Rows of a group that go to quarantine for their own findings cannot
	// be kept.
	eachFinding(res.Findings, func(f *domain.Finding) {
		if !p.drops(f.Rule, f.Severity) {
			return
		}
		if r := p.dups.find(idOf(f.Loc.FileIndex, f.Loc.Row)); r != nil {
			r.dropped = true
		}
	})
	for id := range p.forbidden {
		if r := p.dups.lookup(id); r != nil {
			r.dropped = true
		}
	}
	p.dups.next = 0 // the rows' pass starts again at the first row
	var rows []member
	for i := range c.groups {
		g := &c.groups[i]
		if len(g.more) == 0 {
			continue
		}
		rows = append(append(rows[:0], g.first), g.more...)
		role := dupRole{key: g.key, optedOut: g.optedOut}
		if !g.optedOut {
			role.keeper, role.hasKeeper = chooseKeeper(rows, func(id rowID) bool {
				r := p.dups.lookup(id)
				return r != nil && !r.dropped
			})
		}
		p.roles[i] = role
	}
	return p
}

// chooseKeeper picks the row kept of a number's rows (in input order)
// among those eligible: the most recent consent, then the earliest row.
func chooseKeeper(rows []member, eligible func(rowID) bool) (member, bool) {
	best, found := member{}, false
	for _, m := range rows {
		if !eligible(m.id) {
			continue
		}
		if !found || m.consent > best.consent {
			best, found = m, true
		}
	}
	return best, found
}

// drops reports whether a finding sends its row to quarantine by itself:
// at or above dropOn, or, whatever its severity, when its number must not
// be messaged. The duplicate finding does not: which row of a number is
// kept is the group's decision, not the finding's (it marks every row but
// the first).
func (p *plan) drops(rule string, sev domain.Severity) bool {
	return rule != rules.Duplicate && (sev >= p.dropOn || rules.ForbidsMessaging(rule))
}

// decision is where one row goes.
type decision struct {
	quarantine bool
	// rules are the rule ids that sent the row to quarantine, sorted.
	rules []string
	// kept is the row kept in its place, for a duplicate ("" if none).
	kept string
	// role is set for a row of a repeated number.
	role    dupRole
	inGroup bool
}

// decide places row id, whose findings are fs (from res.Findings).
func (p *plan) decide(id rowID, fs []ruleHit, dst []string) decision {
	d := decision{rules: dst[:0]}
	if _, ok := p.malformed[id]; ok {
		d.rules = append(d.rules, rules.RowMalformed)
	}
	for _, f := range fs {
		if p.drops(f.rule, f.sev) {
			d.rules = append(d.rules, f.rule)
		}
	}
	d.rules = append(d.rules, p.forbidden[id]...)
	if r := p.dups.find(id); r != nil {
		role := p.roles[r.group]
		d.role, d.inGroup = role, true
		if !role.hasKeeper || role.keeper.id != id {
			d.rules = append(d.rules, rules.Duplicate)
			if role.hasKeeper {
				d.kept = p.loc(role.keeper)
			}
		}
	}
	slices.Sort(d.rules)
	d.rules = slices.Compact(d.rules)
	d.quarantine = len(d.rules) > 0
	return d
}

// loc names row m as reports do: its file's line, or its sheet's cell in
// column A.
func (p *plan) loc(m member) string {
	f := m.id.file()
	return domain.Location{File: p.files[f], FileIndex: f, Row: m.id.row(), Line: m.line, Sheet: p.sheets[f]}.String()
}

// ruleHit is what the plan needs of a finding: its rule and severity.
type ruleHit struct {
	rule string
	sev  domain.Severity
}

// located is a ruleHit and its row.
type located struct {
	file, row int
	hit       ruleHit
}

// cursor walks res.Findings (sorted by input, then row) alongside the
// rows, a part at a time: it copies what the plan needs of each part's
// findings as the part is read, with no goroutine switch per finding (as
// iter.Pull made) and with the parts' memory used again.
type cursor struct {
	parts []iter.Seq[*domain.Finding]
	buf   []located // the part being walked
	i     int
	out   []ruleHit
}

func newCursor(fs domain.Findings) *cursor {
	return &cursor{parts: partsOf(fs)}
}

// partsOf is fs in parts to be read in order.
func partsOf(fs domain.Findings) []iter.Seq[*domain.Finding] {
	if pf, ok := fs.(domain.PartedFindings); ok {
		return pf.Parts()
	}
	return []iter.Seq[*domain.Finding]{fs.All()}
}

// eachFinding calls fn on every finding of fs in order; the finding is
// valid only during the call.
func eachFinding(fs domain.Findings, fn func(*domain.Finding)) {
	for _, part := range partsOf(fs) {
		for f := range part {
			fn(f)
		}
	}
}

// fill reads the next part that has findings.
func (c *cursor) fill() bool {
	for len(c.parts) > 0 {
		part := c.parts[0]
		c.parts = c.parts[1:]
		c.buf, c.i = c.buf[:0], 0
		for f := range part {
			// The catalogue's copy of the id: the part's memory is used
			// again once it has been read.
			rule := f.Rule
			if r, ok := rules.Lookup(rule); ok {
				rule = r.ID
			} else {
				rule = strings.Clone(rule)
			}
			c.buf = append(c.buf, located{f.Loc.FileIndex, f.Loc.Row, ruleHit{rule, f.Severity}})
		}
		if len(c.buf) > 0 {
			return true
		}
	}
	return false
}

// at returns the findings of row (file, row); rows must be asked about in
// input order. The slice is valid until the next call.
func (c *cursor) at(file, row int) []ruleHit {
	c.out = c.out[:0]
	for {
		if c.i == len(c.buf) && !c.fill() {
			return c.out
		}
		l := &c.buf[c.i]
		switch {
		case l.file < file || l.file == file && l.row < row:
			c.i++
		case l.file == file && l.row == row:
			c.out = append(c.out, l.hit)
			c.i++
		default:
			return c.out
		}
	}
}

// close ends the walk.
func (c *cursor) close() { c.parts = nil }
