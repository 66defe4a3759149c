package phone

import (
	"errors"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
)

// dfa is a deterministic automaton over the ten ASCII digits, built from
// one or more of the metadata's regular expressions. Walking it costs one
// table load per digit and never allocates, where regexp costs a pooled
// machine, a backtracker and a copy of the input. Each pattern owns one
// bit of the accept masks, so one walk answers "which of these patterns
// match" for all of a region's number types at once.
//
// The patterns are parsed and compiled by regexp/syntax, the same parser
// and compiler regexp (and so the library) uses, so the language accepted
// is the same; only ^ and $ (begin and end of text) are allowed as
// empty-width assertions.
type dfa struct {
	next []uint16 // next[state*10+digit]; state 0 is dead, 1 the start
	mid  []uint16 // patterns that have matched here when input goes on
	end  []uint16 // patterns that have matched here at end of input
}

// maxDFAStates bounds one automaton; a region whose patterns need more
// falls back to the library.
const maxDFAStates = 1 << 15

var errDFA = errors.New("pattern does not fit a digit automaton")

// full returns the patterns that match all of b.
func full[T string | []byte](d *dfa, b T) uint16 {
	s := 1
	for i := 0; i < len(b); i++ {
		s = int(d.next[s*10+int(b[i]-'0')])
		if s == 0 {
			return 0
		}
	}
	return d.end[s]
}

// prefix reports whether some pattern matches a prefix of b (a regexp
// starting with ^ and not ending with $, matched with MatchString).
func prefix[T string | []byte](d *dfa, b T) bool {
	s := 1
	for i := 0; i < len(b); i++ {
		if d.mid[s] != 0 {
			return true
		}
		s = int(d.next[s*10+int(b[i]-'0')])
		if s == 0 {
			return false
		}
	}
	return d.end[s] != 0
}

// thread is one NFA position: pattern index in the high bits, program
// counter in the low 24.
type thread uint32

// compileProg compiles a pattern to the program regexp.Compile would run.
func compileProg(expr string) (*syntax.Prog, error) {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil, err
	}
	return syntax.Compile(re.Simplify())
}

func buildDFA(patterns []string) (*dfa, error) {
	if len(patterns) > 16 {
		return nil, errDFA
	}
	progs := make([]*syntax.Prog, len(patterns))
	for i, p := range patterns {
		prog, err := compileProg(p)
		if err != nil {
			return nil, err
		}
		if len(prog.Inst) >= 1<<24 {
			return nil, errDFA
		}
		progs[i] = prog
	}
	b := &dfaBuilder{progs: progs, ids: map[string]uint16{}}
	b.d.next = make([]uint16, 10) // dead state
	b.d.mid = make([]uint16, 1)
	b.d.end = make([]uint16, 1)
	start := make([]thread, len(progs))
	for i, p := range progs {
		start[i] = thread(i<<24 | p.Start)
	}
	if _, err := b.state(start, true); err != nil {
		return nil, err
	}
	for s := 1; s < len(b.d.mid); s++ {
		for digit := range 10 {
			var kernel []thread
			for _, t := range b.cons[s] {
				in := &progs[t>>24].Inst[t&(1<<24-1)]
				if matchesDigit(in, rune('0'+digit)) {
					kernel = append(kernel, thread(int(t>>24)<<24|int(in.Out)))
				}
			}
			if len(kernel) == 0 {
				continue
			}
			id, err := b.state(kernel, false)
			if err != nil {
				return nil, err
			}
			b.d.next[s*10+digit] = id
		}
	}
	return &b.d, nil
}

type dfaBuilder struct {
	progs []*syntax.Prog
	d     dfa
	ids   map[string]uint16
	cons  [][]thread // per state: the consuming instructions reached
}

// state returns the id of the state whose threads are kernel before
// following empty transitions, adding it if new.
func (b *dfaBuilder) state(kernel []thread, atStart bool) (uint16, error) {
	slices.Sort(kernel)
	kernel = slices.Compact(kernel)
	var key strings.Builder
	if atStart {
		key.WriteByte('^')
	}
	for _, t := range kernel {
		key.WriteString(strconv.FormatUint(uint64(t), 36))
		key.WriteByte(',')
	}
	if id, ok := b.ids[key.String()]; ok {
		return id, nil
	}
	id := len(b.d.mid)
	if id >= maxDFAStates {
		return 0, errDFA
	}
	cons, mid, err := b.closure(kernel, atStart, false)
	if err != nil {
		return 0, err
	}
	_, end, err := b.closure(kernel, atStart, true)
	if err != nil {
		return 0, err
	}
	if len(b.cons) == 0 {
		b.cons = append(b.cons, nil) // dead state
	}
	b.cons = append(b.cons, cons)
	b.d.mid = append(b.d.mid, mid)
	b.d.end = append(b.d.end, end)
	b.d.next = append(b.d.next, make([]uint16, 10)...)
	b.ids[key.String()] = uint16(id)
	return uint16(id), nil
}

// closure follows empty transitions from kernel, returning the consuming
// instructions reached and the patterns whose match instruction is reached.
func (b *dfaBuilder) closure(kernel []thread, atStart, atEnd bool) ([]thread, uint16, error) {
	seen := map[thread]bool{}
	var cons []thread
	var mask uint16
	stack := slices.Clone(kernel)
	for len(stack) > 0 {
		t := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[t] {
			continue
		}
		seen[t] = true
		p := int(t >> 24)
		in := &b.progs[p].Inst[t&(1<<24-1)]
		at := func(pc uint32) thread { return thread(p<<24 | int(pc)) }
		switch in.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			stack = append(stack, at(in.Out), at(in.Arg))
		case syntax.InstCapture, syntax.InstNop:
			stack = append(stack, at(in.Out))
		case syntax.InstEmptyWidth:
			op := syntax.EmptyOp(in.Arg)
			if op&^(syntax.EmptyBeginText|syntax.EmptyEndText) != 0 {
				return nil, 0, errDFA
			}
			if (op&syntax.EmptyBeginText != 0 && !atStart) || (op&syntax.EmptyEndText != 0 && !atEnd) {
				continue
			}
			stack = append(stack, at(in.Out))
		case syntax.InstMatch:
			mask |= 1 << p
		case syntax.InstFail:
		case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
			cons = append(cons, t)
		default:
			return nil, 0, errDFA
		}
	}
	slices.Sort(cons)
	return cons, mask, nil
}

func matchesDigit(in *syntax.Inst, r rune) bool {
	switch in.Op {
	case syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
		return true
	}
	return in.MatchRune(r)
}

// fixedLength returns the length every match of pattern has, if they all
// have the same one.
func fixedLength(pattern string) (int, bool) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return 0, false
	}
	return regexpLength(re)
}

func regexpLength(re *syntax.Regexp) (int, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		return len(re.Rune), true
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return 1, true
	case syntax.OpEmptyMatch:
		return 0, true
	case syntax.OpCapture:
		return regexpLength(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min != re.Max {
			return 0, false
		}
		n, ok := regexpLength(re.Sub[0])
		return n * re.Min, ok
	case syntax.OpConcat:
		total := 0
		for _, s := range re.Sub {
			n, ok := regexpLength(s)
			if !ok {
				return 0, false
			}
			total += n
		}
		return total, true
	case syntax.OpAlternate:
		first := -1
		for _, s := range re.Sub {
			n, ok := regexpLength(s)
			if !ok || (first >= 0 && n != first) {
				return 0, false
			}
			first = n
		}
		return first, first >= 0
	}
	return 0, false
}
