package fix

import (
	"context"
	"errors"
	"io"
	"os"
	"slices"

	"github.com/listaudit/listaudit/pkg/input"
)

// heldRows reads again each input that has a listaudit_raw column (a
// quarantine file fixed again) and returns its records whose listaudit_raw
// is not empty: each was a malformed record of the run that wrote it, its
// cells read from a record that did not fit the header (a short record's
// missing opt-out is an empty cell, read as not opted out; a long one's
// cells are shifted). fix cannot tell cells corrected from cells as read,
// so such a record stays quarantined as row-malformed, with its raw text,
// until its listaudit_raw is emptied. Only such inputs are read a third
// time; the others cost nothing.
func heldRows(ctx context.Context, paths []string, infos []input.Info, in input.Options, stdin *os.File) (map[rowID]struct{}, error) {
	var held map[rowID]struct{}
	in.AllKeys, in.Warn = false, nil // the audit warned already
	for i, info := range infos {
		if i >= len(paths) || !slices.Contains(info.Keys, ColRaw) {
			continue
		}
		r, err := reopen(input.Source{Path: paths[i], FileIndex: i}, in, stdin)
		if err != nil {
			return nil, err
		}
		fl := fileLayout{raw: slices.Index(info.Keys, ColRaw)}
		var rec input.RawRecord
		for err == nil {
			if err = r.Next(&rec); err == nil && fl.rawCell(rec.Keys, rec.Cells) != "" {
				if held == nil {
					held = map[rowID]struct{}{}
				}
				held[idOf(i, rec.Loc.Row)] = struct{}{}
				err = ctx.Err()
			}
		}
		if !errors.Is(err, io.EOF) {
			r.Close()
			return nil, err
		}
		now := r.Info()
		if err := r.Close(); err != nil {
			return nil, err
		}
		if err := changedBetweenPasses(paths[i], info, now); err != nil {
			return nil, err
		}
	}
	return held, nil
}

// rawCell is a record's listaudit_raw cell (keys name cells for JSON), ""
// when its input has no such column.
func (fl *fileLayout) rawCell(keys, cells []string) string {
	if fl.raw < 0 {
		return ""
	}
	if len(keys) > 0 {
		if j := slices.Index(keys, ColRaw); j >= 0 && j < len(cells) {
			return cells[j]
		}
		return ""
	}
	if fl.raw < len(cells) {
		return cells[fl.raw]
	}
	return ""
}

// hold makes the held rows (heldRows) malformed records: each goes to
// quarantine for row-malformed alone, and no row of its number is kept,
// since whether it is opted out cannot be read.
func (c *collector) hold(held map[rowID]struct{}) {
	if len(held) == 0 {
		return
	}
	c.held = held
	for id := range held {
		c.malformed[id] = struct{}{}
	}
	for i := range c.groups {
		g := &c.groups[i]
		_, first := held[g.first.id]
		g.optedOut = g.optedOut || first || slices.ContainsFunc(g.more, func(m member) bool {
			_, ok := held[m.id]
			return ok
		})
	}
}
