package report

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/listaudit/listaudit/pkg/domain"
)

// benchFindings is a result shaped like a dirty list's: three findings a
// row, on different rules and columns, with messages that differ by row.
func benchFindings(rows int) *domain.Result {
	r := fixture()
	type kind struct {
		rule   string
		sev    domain.Severity
		field  domain.Field
		column string
	}
	kinds := []kind{
		{"consent-expired", domain.Warning, domain.FieldConsentAt, "consent_at"},
		{"phone-not-e164", domain.Warning, domain.FieldPhone, "phone"},
		{"stale", domain.Warning, domain.FieldLastActiveAt, "last_active_at"},
	}
	fs := make(domain.FindingSlice, 0, 3*rows)
	for i := range rows {
		loc := domain.Location{File: r.Inputs[0].Path, Row: i + 1, Line: i + 2}
		for _, k := range kinds {
			fs = append(fs, domain.Finding{
				Rule: k.rule, Severity: k.sev, Loc: loc, Field: k.field, Column: k.column,
				Value:   fmt.Sprintf("2023-%02d-%02d", i%12+1, i%28+1),
				Message: fmt.Sprintf("consent given 2023-%02d-%02d is %d days old, older than 730d", i%12+1, i%28+1, 731+i%400),
				Phone:   fmt.Sprintf("+2547%08d", i),
			})
		}
	}
	r.Summary.Rows = rows
	r.Findings = fs
	r.Decide()
	return r
}

// BenchmarkReport renders 300,000 findings in each format; findings/s is
// the figure to compare. The table is drawn at 80 columns (two lines a
// finding) and at 200 (in columns, by tablewriter).
func BenchmarkReport(b *testing.B) {
	r := benchFindings(100_000)
	formats := map[string]Options{"table-200": {Width: 200}}
	for _, format := range Formats() {
		formats[format] = Options{}
	}
	for _, format := range slices.Sorted(maps.Keys(formats)) {
		b.Run(format, func(b *testing.B) {
			rep, err := Lookup(strings.TrimSuffix(format, "-200"))
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := rep.Report(io.Discard, r, formats[format]); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(r.Findings.Len())*float64(b.N)/b.Elapsed().Seconds(), "findings/s")
		})
	}
}

// BenchmarkJSONFindingWriter renders findings as the json report's
// elements, without reading them from a list: the per-finding cost alone.
func BenchmarkJSONFindingWriter(b *testing.B) {
	fs := benchFindings(10_000).Findings.(domain.FindingSlice)
	var buf []byte
	b.ReportAllocs()
	for b.Loop() {
		jw := jsonFindingWriter{}
		for i := range fs {
			buf = jw.append(buf[:0], &fs[i])
		}
	}
	b.ReportMetric(float64(len(fs))*float64(b.N)/b.Elapsed().Seconds(), "findings/s")
}
