package phone

import (
	"errors"
	"regexp/syntax"
	"strconv"
	"strings"
)

// submatcher finds where a pattern matches at the start of a run of digits,
// with its groups, as regexp's FindSubmatchIndex does for a match at 0,
// without allocating. Some regions' national prefixes have groups and a
// transform rule (AR, BR, CN, JP…) and some international prefixes are not
// of one length (AU, CN, KR…); every national or international number of
// theirs is matched so.
//
// It is a backtracker over the program regexp/syntax compiles, the one
// regexp runs: it tries alternatives in the program's order and keeps the
// first match found, which is regexp's leftmost-first choice, and it visits
// each (instruction, position) once, as regexp's own backtracker does.
// TestSubmatcherMatchesRegexp holds it to regexp's answers.
type submatcher struct {
	prog *syntax.Prog
	ncap int
}

// The fixed memory of one match: a pattern or an input that needs more
// goes to regexp.
const (
	maxSubmatchCaps = 16
	maxSubmatchBits = 1 << 13
	maxSubmatchJobs = 512
)

var errSubmatch = errors.New("pattern too large for the submatcher")

// newSubmatcher compiles expr as regexp.Compile does.
func newSubmatcher(expr string) (*submatcher, error) {
	prog, err := compileProg(expr)
	if err != nil {
		return nil, err
	}
	if prog.NumCap > maxSubmatchCaps || len(prog.Inst)*(maxFastDigits+1) > maxSubmatchBits {
		return nil, errSubmatch
	}
	for _, inst := range prog.Inst {
		if inst.Op == syntax.InstAltMatch { // only regexp's one-pass programs have it
			return nil, errSubmatch
		}
	}
	return &submatcher{prog: prog, ncap: prog.NumCap}, nil
}

type submatchJob struct {
	pc  uint32
	pos int32
	// arg: for an Alt, take the second branch; for a Capture, restore the
	// slot to pos.
	arg bool
}

// match reports whether the pattern matches b from its start, and fills
// caps (of length ncap) as FindSubmatchIndex would: pairs of offsets, -1
// for groups that took no part. ok is false when the search outgrew the
// fixed memory; then caps says nothing and the caller asks regexp.
func (m *submatcher) match(b []byte, caps []int) (matched, ok bool) {
	if len(b) > maxFastDigits {
		return false, false
	}
	var visited [maxSubmatchBits / 64]uint64
	var jobs [maxSubmatchJobs]submatchJob
	var cur [maxSubmatchCaps]int
	for i := range caps {
		caps[i] = -1
	}
	for i := range cur[:m.ncap] {
		cur[i] = -1
	}
	width := len(b) + 1
	n := 0
	push := func(pc uint32, pos int, arg bool) bool {
		if n == len(jobs) {
			return false
		}
		jobs[n] = submatchJob{pc, int32(pos), arg}
		n++
		return true
	}
	if !push(uint32(m.prog.Start), 0, false) {
		return false, false
	}
	for n > 0 {
		n--
		pc, pos, arg := jobs[n].pc, int(jobs[n].pos), jobs[n].arg
		if inst := &m.prog.Inst[pc]; inst.Op == syntax.InstCapture && arg {
			cur[inst.Arg] = pos // undo a capture on the way back
			continue
		}
		// Follow the path from (pc, pos) until it fails or matches.
		for first := true; ; first = false {
			if !first || !arg {
				bit := int(pc)*width + pos
				if visited[bit/64]&(1<<(bit%64)) != 0 {
					break
				}
				visited[bit/64] |= 1 << (bit % 64)
			}
			inst := &m.prog.Inst[pc]
			switch inst.Op {
			case syntax.InstAlt:
				if first && arg {
					pc, arg = inst.Arg, false
					continue
				}
				if !push(pc, pos, true) {
					return false, false
				}
				pc = inst.Out
				continue
			case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
				if pos == len(b) || !runeMatches(inst, rune(b[pos])) {
					break
				}
				pos++
				pc = inst.Out
				continue
			case syntax.InstCapture:
				if int(inst.Arg) < m.ncap {
					if !push(pc, int(cur[inst.Arg]), true) {
						return false, false
					}
					cur[inst.Arg] = pos
				}
				pc = inst.Out
				continue
			case syntax.InstEmptyWidth:
				before, after := rune(-1), rune(-1)
				if pos > 0 {
					before = rune(b[pos-1])
				}
				if pos < len(b) {
					after = rune(b[pos])
				}
				if syntax.EmptyOp(inst.Arg)&^syntax.EmptyOpContext(before, after) != 0 {
					break
				}
				pc = inst.Out
				continue
			case syntax.InstNop:
				pc = inst.Out
				continue
			case syntax.InstMatch:
				copy(caps, cur[:m.ncap])
				if len(caps) > 1 {
					caps[0], caps[1] = 0, pos
				}
				return true, true
			}
			break // InstFail, or a rune that did not match
		}
	}
	return false, true
}

// runeMatches reports whether a rune instruction matches r.
func runeMatches(inst *syntax.Inst, r rune) bool {
	switch inst.Op {
	case syntax.InstRuneAny:
		return true
	case syntax.InstRuneAnyNotNL:
		return r != '\n'
	}
	return inst.MatchRune(r)
}

// templatePart is a piece of a national prefix transform rule: literal
// digits, or a group of the match.
type templatePart struct {
	lit   string
	group int // -1 for lit
}

// parseTemplate reads a transform rule made of digits and $N references,
// as every rule of the metadata is, the way regexp's Expand reads it: $
// then the longest run of letters, digits and _ names the group. Anything
// else (${N}, $$, names) is left to regexp: ok is false.
func parseTemplate(t string) (parts []templatePart, ok bool) {
	for t != "" {
		i := strings.IndexByte(t, '$')
		if i < 0 {
			i = len(t)
		}
		if i > 0 {
			if !allDigits(t[:i]) {
				return nil, false
			}
			parts = append(parts, templatePart{lit: t[:i], group: -1})
			t = t[i:]
			continue
		}
		j := 1
		for j < len(t) && (t[j] == '_' || t[j] >= '0' && t[j] <= '9' || t[j]|0x20 >= 'a' && t[j]|0x20 <= 'z') {
			j++
		}
		n, err := strconv.Atoi(t[1:j])
		if j == 1 || err != nil || !allDigits(t[1:j]) {
			return nil, false
		}
		parts = append(parts, templatePart{group: n})
		t = t[j:]
	}
	return parts, parts != nil
}

// expandTemplate appends the rule to dst with groups of src taken from the
// match g; a group out of range or not matched adds nothing, as in regexp.
func expandTemplate(dst []byte, parts []templatePart, src []byte, g []int) []byte {
	for _, p := range parts {
		if p.group < 0 {
			dst = append(dst, p.lit...)
		} else if 2*p.group+1 < len(g) && g[2*p.group] >= 0 {
			dst = append(dst, src[g[2*p.group]:g[2*p.group+1]]...)
		}
	}
	return dst
}
