package sendlog

import (
	"strings"
	"unicode"

	phonenum "github.com/listaudit/listaudit/pkg/phone"
)

// OptOut is an opt-out reply in a log: an inbound line whose body is an
// opt-out keyword, which opts its sender out at the line's time.
type OptOut struct {
	At    int64  // Unix seconds
	Reply string // the body as written, trimmed: "STOP", "Stop."
	File  string
	Line  int
	// National says the sender was written without a country code that
	// the region reads, and is matched by its national digits.
	National bool
}

// reply is an OptOut while loading, with its number's key.
type reply struct {
	key uint64
	OptOut
}

// inboundDirections are the direction values of a message received from
// the contact: Twilio's inbound, and the words other platforms use. Any
// other value (Twilio's outbound-api, outbound-call, outbound-reply;
// outgoing, sent, mt) or none is a send.
var inboundDirections = []string{"inbound", "incoming", "received", "mo"}

func isInbound(direction string) bool {
	direction = strings.TrimSpace(direction)
	for _, d := range inboundDirections {
		if strings.EqualFold(direction, d) {
			return true
		}
	}
	return false
}

// optOutKeywords are the replies that opt a contact out: Twilio's default
// opt-out keywords and CTIA's (STOP, STOPALL, UNSUBSCRIBE, CANCEL, END,
// QUIT), with OPTOUT and REVOKE, which the FCC's 2024 revocation rules
// brought, as letters only: "Opt-out" and "OPT OUT" are OPTOUT.
var optOutKeywords = []string{"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE"}

// maxKeyword bounds the body read as a keyword: the longest keyword with
// room for spaces and punctuation around it.
const maxKeyword = 32

// isOptOutReply reports whether body is an opt-out keyword alone, in any
// case, with any spaces, punctuation or symbols around or inside it
// ("Stop.", "STOP!", "opt out"). A body with any other word or a digit
// ("STOP PLEASE", "stop 2") is not: Twilio reads single words only.
func isOptOutReply(body string) bool {
	if len(body) > maxKeyword {
		return false
	}
	var b [maxKeyword]byte
	n := 0
	for _, r := range body {
		switch {
		case r < unicode.MaxASCII && unicode.IsLetter(r):
			b[n] = byte(unicode.ToUpper(r))
			n++
		case unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r):
		default:
			return false
		}
	}
	for _, k := range optOutKeywords {
		if string(b[:n]) == k {
			return true
		}
	}
	return false
}

// channelPrefixes are the channel names Twilio writes before a channel
// address: whatsapp:+15554449999 is the number +15554449999.
var channelPrefixes = []string{"whatsapp:", "sms:", "rcs:"}

// channelNumber is the number of a channel address, cell unchanged when it
// has no channel prefix.
func channelNumber(cell string) string {
	if cell == "" || !unicode.IsLetter(rune(cell[0])) {
		return cell
	}
	for _, p := range channelPrefixes {
		if len(cell) > len(p) && strings.EqualFold(cell[:len(p)], p) {
			return cell[len(p):]
		}
	}
	return cell
}

// inbound handles a line received from a contact: an opt-out reply is
// kept as its sender's opt-out; any other reply changes nothing. Neither
// is a send.
func (ld *loader) inbound(line int, v *[numColumns]string) {
	body := strings.TrimSpace(v[colBody])
	if !isOptOutReply(body) {
		ld.file.Inbound++
		return
	}
	key, national, at, ok := ld.numberAt(line, colFrom, channelNumber(strings.TrimSpace(v[colFrom])), v[colSentAt])
	if !ok {
		return
	}
	ld.file.Inbound++
	ld.file.OptOuts++
	r := reply{key, OptOut{At: at, Reply: body, File: ld.file.Path, Line: line}}
	if national != 0 {
		r.key, r.National = national, true
	}
	ld.replies = append(ld.replies, r)
}

// optOutIndex is the earliest opt-out reply of each number, by key.
type optOutIndex map[uint64]OptOut

func groupReplies(replies []reply) (exact, national optOutIndex) {
	exact, national = optOutIndex{}, optOutIndex{}
	for _, r := range replies {
		ix := exact
		if r.National {
			ix = national
		}
		if o, ok := ix[r.key]; !ok || r.At < o.At {
			ix[r.key] = r.OptOut
		}
	}
	return exact, national
}

// OptOutOf returns the earliest opt-out reply from the valid number n,
// counting the replies from numbers written without a country code that
// can be n (as SendsTo counts their sends); ok is false when there is
// none. A later opt-in reply (START) does not undo it: see Load.
func (l *Log) OptOutOf(n phonenum.Number) (o OptOut, ok bool) {
	if len(l.optOuts) == 0 && len(l.nationalOptOuts) == 0 {
		return OptOut{}, false
	}
	o, ok = l.optOuts[n.Key]
	if len(l.nationalOptOuts) == 0 {
		return o, ok
	}
	var keys [4]uint64
	for _, k := range phonenum.NationalKeys(keys[:0], n) {
		if r, found := l.nationalOptOuts[k]; found && (!ok || r.At < o.At) {
			o, ok = r, true
		}
	}
	return o, ok
}
