package domain

// Retention says which findings the reports of a run read, so that an
// audit keeps only those: the table shows the first few of each severity
// (the most severe first), GitHub
// annotations and the Markdown summary a few of each rule, the verdict
// line none. The reports that list every finding (json, csv, sarif) and a
// baseline need them all. The zero Retention keeps none.
//
// A list of findings kept under a Retention still counts every finding in
// its Len; All yields the kept ones, in report order. Those are exactly the
// first First findings, the first PerRule of each rule and the first
// PerSeverity of each severity, so a report that reads no further than its
// Retention says sees what it would see in the whole list.
type Retention struct {
	All bool
	// First keeps the first First findings in report order.
	First int
	// PerRule keeps the first PerRule findings of each rule.
	PerRule int
	// PerSeverity keeps the first PerSeverity findings of each severity:
	// the table lists the first N of the most severe first, and N errors
	// may come after any number of warnings.
	PerSeverity int
}

// RetainAll keeps every finding.
var RetainAll = Retention{All: true}

// Merge keeps what either keeps.
func (r Retention) Merge(o Retention) Retention {
	return Retention{All: r.All || o.All, First: max(r.First, o.First), PerRule: max(r.PerRule, o.PerRule),
		PerSeverity: max(r.PerSeverity, o.PerSeverity)}
}

// RetentionFilter applies a Retention to findings given in report order.
type RetentionFilter struct {
	r      Retention
	n      int
	byRule map[string]int
	// bySeverity counts by Severity (an index): three counters, no map.
	bySeverity [Error + 1]int
}

// NewRetentionFilter starts a filter at the first finding of a list.
func NewRetentionFilter(r Retention) *RetentionFilter {
	return &RetentionFilter{r: r, byRule: map[string]int{}}
}

// Keep counts f, the next finding in report order, and reports whether it
// is kept.
func (f *RetentionFilter) Keep(fd *Finding) bool {
	if f.r.All {
		return true
	}
	keep := f.n < f.r.First
	f.n++
	if f.r.PerRule > 0 {
		c := f.byRule[fd.Rule]
		f.byRule[fd.Rule] = c + 1
		keep = keep || c < f.r.PerRule
	}
	if f.r.PerSeverity > 0 && fd.Severity >= 0 && int(fd.Severity) < len(f.bySeverity) {
		c := &f.bySeverity[fd.Severity]
		keep = keep || *c < f.r.PerSeverity
		*c++
	}
	return keep
}

// Full reports whether the filter keeps no more findings of rule at sev,
// whatever comes: every quota that could keep one is met. Its counts only
// grow, so a filter once Full for a rule stays Full for it, and a finding
// of that rule it never sees changes none of its later answers (each
// count that could matter is at its quota already). An audit builds no
// finding the filter is Full for; it only counts it.
func (f *RetentionFilter) Full(rule string, sev Severity) bool {
	if f.r.All || f.n < f.r.First {
		return false
	}
	if f.r.PerRule > 0 && f.byRule[rule] < f.r.PerRule {
		return false
	}
	// Keep's per-severity quota keeps no finding of a severity out of range.
	return f.r.PerSeverity <= 0 || sev < 0 || int(sev) >= len(f.bySeverity) || f.bySeverity[sev] >= f.r.PerSeverity
}
