package phone

import (
	"encoding/binary"
	"errors"
	"math/bits"
	"regexp/syntax"
	"slices"
	"sync"
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
	progs.Lock()
	prog, ok := progs.byExpr[expr]
	progs.Unlock()
	if ok {
		return prog, nil
	}
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil, err
	}
	if prog, err = syntax.Compile(re.Simplify()); err != nil {
		return nil, err
	}
	progs.Lock()
	progs.byExpr[expr] = prog
	progs.Unlock()
	return prog, nil
}

// progs keeps the programs compiled, which are only read: regions share
// many patterns (the NANP regions' toll-free and premium-rate ones, the
// metadata's "NA" for a type a region has not), and each is compiled once.
var progs = struct {
	sync.Mutex
	byExpr map[string]*syntax.Prog
}{byExpr: map[string]*syntax.Prog{}}

func buildDFA(patterns []string) (*dfa, error) {
	if len(patterns) > 16 {
		return nil, errDFA
	}
	b := &dfaBuilder{progs: make([]*syntax.Prog, len(patterns)), base: make([]int, len(patterns)), ids: map[string]uint16{}}
	for i, p := range patterns {
		prog, err := compileProg(p)
		if err != nil {
			return nil, err
		}
		if len(prog.Inst) >= 1<<24 {
			return nil, errDFA
		}
		b.progs[i] = prog
		b.base[i] = len(b.digits)
		for j := range prog.Inst {
			b.digits = append(b.digits, digitMask(&prog.Inst[j]))
		}
	}
	b.seen = make([]uint32, len(b.digits))
	b.d.next = make([]uint16, 10) // dead state
	b.d.mid = make([]uint16, 1)
	b.d.end = make([]uint16, 1)
	b.cons = [][]thread{nil}
	start := make([]thread, len(b.progs))
	for i, p := range b.progs {
		start[i] = thread(i<<24 | p.Start)
	}
	if _, err := b.state(start, true); err != nil {
		return nil, err
	}
	var kernels [10][]thread // each digit's, in the order of the state's threads
	var prev []thread
	for s := 1; s < len(b.d.mid); s++ {
		b.kernels(s, &kernels)
		prev = prev[:0]
		prevID := uint16(0)
		for digit, kernel := range kernels {
			if len(kernel) == 0 {
				continue
			}
			// A digit class moves every digit it holds to one state:
			// the previous digit's kernel, if equal, is that state.
			if prevID != 0 && slices.Equal(kernel, prev) {
				b.d.next[s*10+digit] = prevID
				continue
			}
			prev = append(prev[:0], kernel...)
			id, err := b.state(kernel, false)
			if err != nil {
				return nil, err
			}
			b.d.next[s*10+digit], prevID = id, id
		}
	}
	return &b.d, nil
}

// kernels sets each digit's kernel from state s: the threads that follow
// those of s that read the digit. A state's threads are gone through once,
// each for the digits it reads.
func (b *dfaBuilder) kernels(s int, kernels *[10][]thread) {
	for d := range kernels {
		kernels[d] = kernels[d][:0]
	}
	for _, t := range b.cons[s] {
		m := b.digits[b.flat(t)]
		if m == 0 {
			continue
		}
		next := t&^(1<<24-1) | thread(b.inst(t).Out)
		for ; m != 0; m &= m - 1 {
			d := bits.TrailingZeros16(m)
			kernels[d] = append(kernels[d], next)
		}
	}
}

// dfaBuilder builds one dfa. A thread's instruction has an index of its
// own across the patterns' programs (flat), which the digit masks and the
// closure's seen marks are indexed by.
type dfaBuilder struct {
	progs []*syntax.Prog
	base  []int // per pattern: the flat index of its first instruction
	// digits is, per instruction, the digits it consumes (bit d for
	// digit d): asking MatchRune once per instruction, not once per
	// state, digit and thread, was most of the building.
	digits []uint16
	d      dfa
	ids    map[string]uint16
	cons   [][]thread // per state: the consuming instructions reached
	key    []byte
	// seen marks, per instruction, the closure that reached it last.
	seen  []uint32
	stamp uint32
	stack []thread
}

func (b *dfaBuilder) flat(t thread) int { return b.base[t>>24] + int(t&(1<<24-1)) }

func (b *dfaBuilder) inst(t thread) *syntax.Inst { return &b.progs[t>>24].Inst[t&(1<<24-1)] }

// digitMask is the digits in consumes: matchesDigit for each digit,
// read off the instruction's rune ranges at once (a digit folds to
// itself, so a case-folding range matches the same digits).
func digitMask(in *syntax.Inst) uint16 {
	switch in.Op {
	case syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
		return 1<<10 - 1
	case syntax.InstRune1:
		if r := in.Rune[0]; r >= '0' && r <= '9' {
			return 1 << (r - '0')
		}
		return 0
	case syntax.InstRune:
		if len(in.Rune) == 1 { // one rune, perhaps folded
			return digitMask(&syntax.Inst{Op: syntax.InstRune1, Rune: in.Rune})
		}
		var m uint16
		for i := 0; i+1 < len(in.Rune); i += 2 {
			lo, hi := max(in.Rune[i], '0'), min(in.Rune[i+1], '9')
			for r := lo; r <= hi; r++ {
				m |= 1 << (r - '0')
			}
		}
		return m
	}
	return 0
}

// state returns the id of the state whose threads are kernel before
// following empty transitions, adding it if new. It sorts kernel in place
// and keeps none of it.
func (b *dfaBuilder) state(kernel []thread, atStart bool) (uint16, error) {
	slices.Sort(kernel)
	kernel = slices.Compact(kernel)
	b.key = b.key[:0]
	if atStart {
		b.key = append(b.key, '^')
	}
	for _, t := range kernel {
		b.key = binary.LittleEndian.AppendUint32(b.key, uint32(t))
	}
	if id, ok := b.ids[string(b.key)]; ok {
		return id, nil
	}
	id := len(b.d.mid)
	if id >= maxDFAStates {
		return 0, errDFA
	}
	cons, mid, endOp, err := b.closure(kernel, atStart, false)
	if err != nil {
		return 0, err
	}
	end := mid
	if endOp { // only a $ not followed makes the end of input differ
		if _, end, _, err = b.closure(kernel, atStart, true); err != nil {
			return 0, err
		}
	}
	b.cons = append(b.cons, cons)
	b.d.mid = append(b.d.mid, mid)
	b.d.end = append(b.d.end, end)
	b.d.next = append(b.d.next, make([]uint16, 10)...)
	b.ids[string(b.key)] = uint16(id)
	return uint16(id), nil
}

// closure follows empty transitions from kernel, returning the consuming
// instructions reached, the patterns whose match instruction is reached,
// and whether an end-of-text assertion was not followed (!atEnd).
func (b *dfaBuilder) closure(kernel []thread, atStart, atEnd bool) (cons []thread, mask uint16, endOp bool, err error) {
	b.stamp++
	stack := append(b.stack[:0], kernel...)
	defer func() { b.stack = stack[:0] }()
	for len(stack) > 0 {
		t := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if f := b.flat(t); b.seen[f] == b.stamp {
			continue
		} else {
			b.seen[f] = b.stamp
		}
		p := t &^ (1<<24 - 1)
		in := b.inst(t)
		switch in.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			stack = append(stack, p|thread(in.Out), p|thread(in.Arg))
		case syntax.InstCapture, syntax.InstNop:
			stack = append(stack, p|thread(in.Out))
		case syntax.InstEmptyWidth:
			op := syntax.EmptyOp(in.Arg)
			if op&^(syntax.EmptyBeginText|syntax.EmptyEndText) != 0 {
				return nil, 0, false, errDFA
			}
			if op&syntax.EmptyBeginText != 0 && !atStart {
				continue
			}
			if op&syntax.EmptyEndText != 0 && !atEnd {
				endOp = true
				continue
			}
			stack = append(stack, p|thread(in.Out))
		case syntax.InstMatch:
			mask |= 1 << (t >> 24)
		case syntax.InstFail:
		case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
			cons = append(cons, t)
		default:
			return nil, 0, false, errDFA
		}
	}
	slices.Sort(cons)
	return cons, mask, endOp, nil
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
