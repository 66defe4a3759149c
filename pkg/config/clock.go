package config

import (
	"go.yaml.in/yaml/v3"

	"github.com/listaudit/listaudit/pkg/domain"
)

func (d *decoder) quietHours(v *yaml.Node, key string) error {
	var q domain.QuietHours
	var set [2]bool
	err := d.fields(v, key, []field{
		{"start", func(v *yaml.Node, key string) error { return d.clock(v, key, &q.Start, &set[0]) }},
		{"end", func(v *yaml.Node, key string) error { return d.clock(v, key, &q.End, &set[1]) }},
	})
	if err != nil || isNull(resolve(v)) {
		return err
	}
	v = resolve(v)
	switch {
	case !set[0] && !set[1]:
		return d.errorf(v, key, "want start and end, e.g. {start: \"08:00\", end: \"21:00\"}")
	case !set[0]:
		return d.errorf(v, key, "start is missing (want both start and end)")
	case !set[1]:
		return d.errorf(v, key, "end is missing (want both start and end)")
	case q.Start == q.End:
		return d.errorf(v, key, "start and end are both %s: the sending window would be empty", q.Start)
	}
	d.f.QuietHours = &q
	return nil
}

func (d *decoder) clock(v *yaml.Node, key string, dst *domain.ClockTime, set *bool) error {
	s, ok, err := d.str(v, key)
	if !ok || err != nil {
		return err
	}
	c, err := domain.ParseClockTime(s)
	if err != nil {
		return d.errorf(v, key, "%v", err)
	}
	*dst, *set = c, true
	return nil
}
