package config

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/listaudit/listaudit/pkg/domain"
)

func FuzzLoad(f *testing.F) {
	f.Add([]byte(full))
	f.Add(templateOf(nil, ""))
	f.Add(templateOf(map[domain.Field]string{domain.FieldPhone: "Mobile"}, "c.csv"))
	for _, s := range []string{
		"", "---\n", "a: &a [*a]\n", "rules: &r {severity: *r}\n", "consent: {sources: *x}\n",
		"quiet_hours: {start: '22:00', end: '06:00'}\n", "columns:\n  phone: \"\\x00\"\n",
		"region: KE\n---\nx: 1\n", "delimiter: |\n", "\t- a\n", "{[a]: b}\n", "messages: [a]\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		start := time.Now()
		cfg, err := Parse(".listaudit.yaml", data)
		if d := time.Since(start); d > 2*time.Second {
			t.Fatalf("Parse took %v on %q", d, data)
		}
		if err != nil {
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("error %T is not *Error: %v", err, err)
			}
			if strings.ContainsAny(err.Error(), "\n\r") {
				t.Fatalf("error is not one line: %q", err)
			}
			if !strings.HasPrefix(err.Error(), ".listaudit.yaml") {
				t.Fatalf("error does not name the file: %q", err)
			}
			return
		}
		c := Defaults(Check)
		if err := cfg.Apply(&c, Check); err != nil {
			t.Fatal(err)
		}
		if c.Policy.MaxMessages < 0 || c.Report.Limit < 0 || c.Report.SARIFMaxResults < 0 {
			t.Fatalf("negative count accepted: %s", show(c))
		}
		if q := c.Policy.QuietHours; q.Start == q.End || q.Start < 0 || q.End >= 24*60 {
			t.Fatalf("bad quiet hours accepted: %+v", q)
		}
		// A mapping the file accepts survives the template.
		if len(c.Columns) > 0 {
			back, err := Parse(".listaudit.yaml", templateOf(c.Columns, "x"))
			if err != nil {
				t.Fatalf("template of %q does not parse: %v", c.Columns, err)
			}
			cols := applied(t, back).Columns
			for f, h := range c.Columns {
				if strings.TrimSpace(h) != "" && cols[f] != strings.ToValidUTF8(h, "\uFFFD") {
					t.Fatalf("column %s: %q became %q", f, h, cols[f])
				}
			}
		}
	})
}
