package sendlog

import (
	"bytes"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	phonenum "github.com/listaudit/listaudit/pkg/phone"
	"github.com/listaudit/listaudit/pkg/pii"
	"github.com/listaudit/listaudit/pkg/textfile"
	"golang.org/x/text/unicode/norm"
)

// OptOut is an opt-out reply in a log: an inbound line whose body is an
// opt-out keyword, which opts its sender out at the line's time.
type OptOut struct {
	// At is the reply's time, Unix seconds; math.MaxInt64 when Undated.
	At    int64
	Reply string // the body as written, trimmed: "STOP", "Stop."
	File  string
	Line  int
	// National says the sender was written without a country code, and is
	// matched by its national digits.
	National bool
	// Undated says the reply's date is empty or cannot be read, and Date
	// is the cell as written; Ahead that it lies after now. Such a reply
	// still opts its sender out (fail closed), at a time unknown.
	Undated bool
	Ahead   bool
	Date    string
}

// reply is an OptOut while loading, with its number's key.
type reply struct {
	key uint64
	OptOut
}

// dirKind is what a line's direction cell says.
type dirKind uint8

const (
	dirNone    dirKind = iota // empty
	dirInbound                // from the contact
	dirSend                   // to the contact
	dirOther                  // a value listaudit does not know
)

// inboundDirections are the direction values, after letterKey, of a
// message received from the contact: Twilio's inbound, MessageBird's mo,
// and the words other platforms and hand-made exports use. A value that
// starts with inbound, incoming or received is inbound too (inbound-api,
// "Inbound Message"). "reply" is not: a platform may log its own reply
// so, and a send read as a reply would not count.
var inboundDirections = []string{"in", "mo", "mosms", "momessage", "receive"}

// sendDirections are those of a send: Twilio's outbound-api,
// outbound-call and outbound-reply (any value starting with outbound or
// outgoing), MessageBird's mt.
var sendDirections = []string{"out", "sent", "send", "mt", "mtsms", "api", "delivered", "submitted"}

// direction classifies a direction cell. It allocates nothing: it runs
// for every line of a platform's log.
func direction(cell string) dirKind {
	cell = strings.TrimSpace(cell)
	if cell == "" {
		return dirNone
	}
	if len(cell) > 32 {
		return dirOther
	}
	var b [32]byte
	key := letterKey(b[:0], cell)
	switch {
	case hasPrefix(key, "outbound"), hasPrefix(key, "outgoing"):
		return dirSend
	case hasPrefix(key, "inbound"), hasPrefix(key, "incoming"), hasPrefix(key, "received"):
		return dirInbound
	}
	for _, d := range sendDirections {
		if string(key) == d {
			return dirSend
		}
	}
	for _, d := range inboundDirections {
		if string(key) == d {
			return dirInbound
		}
	}
	return dirOther
}

func hasPrefix(key []byte, p string) bool { return len(key) >= len(p) && string(key[:len(p)]) == p }

// letterKey appends the ASCII letters and digits of s, lower-cased.
func letterKey(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'A' && c <= 'Z':
			dst = append(dst, c+'a'-'A')
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			dst = append(dst, c)
		}
	}
	return dst
}

// optOutKeywords are the replies that opt a contact out: Twilio's default
// opt-out keywords and CTIA's (STOP, STOPALL, UNSUBSCRIBE, CANCEL, END,
// QUIT), Twilio's French ones (ARRET, ARRETE, ARRETT), with OPTOUT and
// REVOKE, which the FCC's 2024 revocation rules brought, as letters only:
// "Opt-out" and "OPT OUT" are OPTOUT, "Arrêt" ARRET.
var optOutKeywords = []string{"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE", "ARRET", "ARRETE", "ARRETT"}

// politeWords may stand around an opt-out keyword in a reply that is
// still an opt-out: "STOP PLEASE", "Stop, thank you", "unsubscribe me".
var politeWords = []string{"PLEASE", "PLS", "PLZ", "THANKS", "THANK", "YOU", "THX", "TY", "NOW", "ALL", "ME"}

// maxReply bounds the text of a reply that is read for keywords; an
// opt-out is short.
const maxReply = 1024

// replyKind is what an inbound message's text says.
type replyKind uint8

const (
	notOptOut replyKind = iota
	// optOutReply is an opt-out keyword, alone or with only polite
	// words, punctuation, symbols and a signature around it.
	optOutReply
	// mentionsOptOut holds an opt-out keyword among other words ("please
	// stop texting me"): not read as an opt-out, but warned of for review.
	mentionsOptOut
)

// isOptOutReply reports whether body is an opt-out reply (classifyReply).
func isOptOutReply(body string) bool { return undirectedReply(body) == optOutReply }

// undirectedReply reads the body of a line that does not say who sent
// it: an opt-out reply, or a short one that mentions an opt-out keyword
// other than as a send's instruction ("Reply STOP to opt out") or a
// common word ("the end of season": readsAsSend). Its
// signature and the symbols around it are cut first ("STOP" signed with a
// long company line, or followed by emoji); what remains is not read when
// longer than any reply. It runs on the body of every such line, and
// allocates nothing for a body that holds no keyword.
func undirectedReply(body string) replyKind {
	body = strings.TrimFunc(cutSignature(body), notWordRune)
	if len(body) > 2*maxKeyword || !maybeKeyword(body) {
		return notOptOut
	}
	k := classifyReply(body)
	if k == mentionsOptOut && readsAsSend(body) {
		return notOptOut
	}
	return k
}

func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// instructionWords mark a send's opt-out instruction ("Reply STOP to
// opt out", "Txt HELP for help, STOP to end. Msg&data rates may apply").
// A keyword followed by TO is one too ("STOP to end").
var instructionWords = []string{"REPLY", "TEXT", "TXT", "SEND", "SMS", "HELP", "MSG", "RATES", "DATA"}

// commonKeywords are opt-out keywords that are common words in a send
// ("the end of season", "quit smoking", "cancel anytime"): a text that
// mentions no other is not warned of.
var commonKeywords = []string{"END", "QUIT", "CANCEL"}

// readsAsSend reports whether a text that mentions an opt-out keyword
// reads as a send's rather than a reply: it gives the instruction how to
// opt out, or its only keywords are common words.
func readsAsSend(body string) bool {
	words := replyWords(body)
	strong := false
	for i, w := range words {
		if slices.Contains(instructionWords, w) || w == "TO" && i > 0 && isKeyword(words[i-1]) {
			return true
		}
		strong = strong || isKeyword(w) && !slices.Contains(commonKeywords, w) || w == "OPT" && i+1 < len(words) && words[i+1] == "OUT"
	}
	return !strong
}

// keywordStems are the starts of the opt-out keywords, lower-cased.
var keywordStems = [][]byte{[]byte("stop"), []byte("unsub"), []byte("cancel"), []byte("end"), []byte("quit"), []byte("opt"), []byte("revoke"), []byte("arr")}

// maybeKeyword is a quick test, allocating nothing, that a short body may
// hold an opt-out keyword: a send's body mostly does not.
func maybeKeyword(body string) bool {
	var b [2 * maxKeyword]byte
	n := 0
	for i := 0; i < len(body) && n < len(b); i++ {
		c := body[i]
		switch {
		case c >= utf8.RuneSelf:
			return true
		case c >= 'A' && c <= 'Z':
			b[n] = c + 'a' - 'A'
			n++
		case c >= 'a' && c <= 'z':
			b[n] = c
			n++
		}
	}
	for _, k := range keywordStems {
		if bytes.Contains(b[:n], k) {
			return true
		}
	}
	return false
}

// maxKeyword is the longest keyword with room for spaces and punctuation.
const maxKeyword = 32

// classifyReply reads an inbound message's text: its words in any case,
// full-width forms and accents folded, zero-width characters dropped,
// and a signature ("--" or "Sent from my iPhone" on a line of its own)
// cut off. Its letters alone make a keyword ("Opt-Out", "S.T.O.P"), or
// its words but polite ones do ("STOP PLEASE"), or are each one ("STOP
// STOP"): an opt-out. A keyword
// among other words or digits ("stop 2", "I want to unsubscribe") only
// mentions one.
func classifyReply(body string) replyKind {
	if len(body) > maxReply {
		body = body[:maxReply]
	}
	body = cutSignature(body)
	if !isASCII(body) {
		body = foldText(body)
	}
	words := replyWords(body)
	var all, kept strings.Builder
	mentions, other := false, false
	// keywords says every word but polite ones is a keyword: "STOP STOP".
	keywords := false
	for i, w := range words {
		all.WriteString(w)
		if isKeyword(w) || w == "OPT" && i+1 < len(words) && words[i+1] == "OUT" {
			mentions = true
		}
		if !isPolite(w) {
			keywords = (keywords || kept.Len() == 0) && isKeyword(w)
			kept.WriteString(w)
		}
		if !isLetters(w) {
			other = true
		}
	}
	switch {
	case !other && (keywords || isKeyword(all.String()) || isKeyword(kept.String())):
		return optOutReply
	case mentions:
		return mentionsOptOut
	}
	return notOptOut
}

// replyWords splits text, upper-cased, into its words: runs of letters
// and digits.
func replyWords(text string) []string {
	return strings.FieldsFunc(strings.ToUpper(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// cutSignature cuts body at a line that starts a signature: "--", or one
// starting "Sent from" (a phone's mail signature).
func cutSignature(body string) string {
	i := strings.IndexByte(body, '\n')
	for i >= 0 {
		rest := body[i+1:]
		line := strings.TrimSpace(rest)
		if j := strings.IndexByte(line, '\n'); j >= 0 {
			line = strings.TrimSpace(line[:j])
		}
		if strings.HasPrefix(line, "--") || len(line) >= 9 && strings.EqualFold(line[:9], "sent from") {
			return body[:i]
		}
		j := strings.IndexByte(rest, '\n')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return body
}

// foldText folds full-width and other compatibility forms (ＳＴＯＰ),
// drops accents (ARRÊT) and format characters (a zero-width space).
func foldText(s string) string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(s) {
		if !unicode.Is(unicode.Mn, r) && !unicode.Is(unicode.Cf, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func isLetters(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return true
}

func isKeyword(w string) bool { return slices.Contains(optOutKeywords, w) }

func isPolite(w string) bool { return slices.Contains(politeWords, w) }

// mayBeOptOut reports whether an unusable line's raw text holds an opt-out
// keyword as a word, so that it may be a reply whose sender is then not
// suppressed.
func mayBeOptOut(raw []byte) bool {
	for _, w := range replyWords(string(raw)) {
		if isKeyword(w) {
			return true
		}
	}
	return false
}

// isOptOutValue reports whether a value of an unusable line may be an
// opt-out reply: it is one, or is short and starts with an opt-out
// keyword ("Stop promotions", WhatsApp's marketing opt-out button).
func isOptOutValue(s string) bool {
	switch undirectedReply(s) {
	case optOutReply:
		return true
	case mentionsOptOut:
		words := replyWords(foldText(s))
		return len(words) > 0 && isKeyword(words[0])
	}
	return false
}

// keywordMarksReply says whether a keyword value makes a line without a
// direction a reply: on Vonage's inbound webhook, whose sender is msisdn,
// any keyword does; elsewhere only an opt-out keyword, as a send log may
// name its campaign's keyword on every send, which must stay sends.
func keywordMarksReply(phoneKey, keyword string) bool {
	return textfile.HeaderKey(phoneKey) == "msisdn" || isOptOutReply(keyword)
}

// channelPrefixes are the channel names Twilio writes before a channel
// address: whatsapp:+15554449999 is the number +15554449999.
var channelPrefixes = []string{"whatsapp:", "sms:", "rcs:"}

// hasChannel reports whether cell starts with the channel prefix p.
func hasChannel(cell, p string) bool {
	return len(cell) > len(p) && strings.EqualFold(cell[:len(p)], p)
}

// channelNumber is the number of a channel address, cell unchanged when it
// has no channel prefix.
func channelNumber(cell string) string {
	if cell == "" || !unicode.IsLetter(rune(cell[0])) {
		return cell
	}
	for _, p := range channelPrefixes {
		if hasChannel(cell, p) {
			return cell[len(p):]
		}
	}
	return cell
}

// inbound handles a line received from a contact: an opt-out reply is
// kept as its sender's opt-out; any other reply changes nothing. Neither
// is a send. The sender is the from cell, or when it is empty the phone
// cell only when that is msisdn or wa_id (Vonage's inbound webhook names
// its sender msisdn): elsewhere it is to or recipient, your own number,
// and a reply without a sender is counted as one that may be an opt-out
// (countMaybeOptOut).
func (ld *loader) inbound(line int, v *[numColumns]string) {
	if ld.locate != nil {
		return
	}
	body := strings.TrimSpace(v[colBody])
	if body == "" {
		body = strings.TrimSpace(v[colKeyword])
	}
	if body == "" {
		if ld.file.NoBody++; ld.file.NoBody == 1 {
			ld.file.FirstNoBody = LineError{File: ld.file.Path, Line: line}
		}
		ld.file.Inbound++
		return
	}
	kind := classifyReply(body)
	if kind == mentionsOptOut && ld.button && isOptOutValue(body) {
		kind = optOutReply
	}
	switch kind {
	case notOptOut:
		ld.file.Inbound++
		return
	case mentionsOptOut:
		ld.countMention(line, body)
		ld.file.Inbound++
		return
	}
	from := strings.TrimSpace(v[colFrom])
	if from == "" && ld.international {
		from = strings.TrimSpace(v[colPhone])
	}
	// WhatsApp (whatsapp:, wa_id, Meta's text.body) and Vonage (msisdn)
	// always write the country code.
	intl := ld.international || ld.metaText || hasChannel(from, "whatsapp:")
	keys, n, ok := ld.sender(line, channelNumber(from), intl)
	if !ok {
		ld.countMaybeOptOut(line)
		return
	}
	ld.file.Inbound++
	ld.file.OptOuts++
	o := OptOut{Reply: body, File: ld.file.Path, Line: line}
	ld.replyTime(&o, v[colSentAt])
	for _, k := range keys[:n] {
		r := reply{k.key, o}
		r.National = k.national
		ld.replies = append(ld.replies, r)
	}
}

// replyTime sets an opt-out reply's time from its date cell: a date that
// is empty or cannot be read, or lies after now, does not drop the reply
// (a contact who replied STOP must not pass for want of a date): it is
// kept as Undated or Ahead, and counted.
func (ld *loader) replyTime(o *OptOut, cell string) {
	cell = strings.TrimSpace(cell)
	t, err := ld.dates.Parse(cell)
	switch {
	case cell == "" || err != nil:
		o.At, o.Undated, o.Date = math.MaxInt64, true, cell
	case !ld.opts.Now.IsZero() && t.After(ld.opts.Now):
		o.At, o.Ahead = t.Unix(), true
	default:
		o.At = t.Unix()
		return
	}
	if ld.log.UndatedOptOuts++; ld.log.UndatedOptOuts == 1 {
		ld.log.FirstUndatedOptOut = LineError{File: o.File, Line: o.Line}
	}
}

// senderKey is one number a reply's sender can be.
type senderKey struct {
	key      uint64
	national bool
}

// sender reads the sender of an opt-out reply as every number it can be,
// fail closed: a number with a + (or 00) as that number; one written
// without, as WhatsApp and Infobip write international numbers
// (16505551234) and a national log writes its own (0712345678), as its
// international reading, its reading in the region, and its national
// digits (which match every contact whose national number they can be,
// as a suppression entry without a country code does). No region is
// needed: ok is false only when none of these is a number. A sender of a
// layout that always writes the country code (intl: WhatsApp, msisdn) is
// its international reading alone when that is a valid number: its
// national digits would match other countries' numbers (+1 650 555 1234
// and +86 165 0555 1234).
func (ld *loader) sender(line int, cell string, intl bool) (keys [3]senderKey, n int, ok bool) {
	// Every reading below sees the cell as Normalise does (phonenum.Clean):
	// a direction mark before a +, a 00 or a national number hides none.
	cell = phonenum.Clean(cell)
	if cell == "" {
		ld.invalid(line, colFrom.String()+" is empty")
		return keys, 0, false
	}
	if phonenum.SeveralNumbers(cell) {
		ld.invalid(line, colFrom.String()+severalNumbers)
		return keys, 0, false
	}
	if plus := phonenum.WithPlus(cell); intl && plus != cell {
		if k, valid, _ := ld.opts.Normalise(plus); valid && k != 0 {
			keys[0] = senderKey{k, false}
			return keys, 1, true
		}
	}
	if strings.HasPrefix(cell, "+") {
		key, national, ok := ld.number(line, colFrom, cell)
		keys[0] = senderKey{key, false}
		if national != 0 {
			keys[0] = senderKey{national, true}
		}
		return keys, 1, ok
	}
	add := func(k senderKey) {
		for _, have := range keys[:n] {
			if have == k {
				return
			}
		}
		keys[n] = k
		n++
	}
	if plus := phonenum.WithPlus(cell); plus != cell {
		if k, valid, _ := ld.opts.Normalise(plus); valid && k != 0 {
			add(senderKey{k, false})
		}
	}
	if plus, idd := phonenum.DialledOut(cell); idd {
		cell = plus
	}
	if k, valid, _ := ld.opts.Normalise(cell); valid && k != 0 {
		add(senderKey{k, false})
	}
	if nk := phonenum.NationalKey(cell); nk != 0 && !strings.HasPrefix(cell, "+") && pii.LooksLikePhone(cell) {
		add(senderKey{nk, true})
	}
	if n == 0 {
		ld.invalid(line, colFrom.String()+" is not a valid number")
		return keys, 0, false
	}
	return keys, n, true
}

// countMention counts a message that mentions an opt-out keyword among
// other words, keeping the first one's text to quote.
func (ld *loader) countMention(line int, body string) {
	if ld.log.MentionsOptOut++; ld.log.MentionsOptOut == 1 {
		ld.log.FirstMentionsOptOut = LineError{File: ld.file.Path, Line: line}
		ld.log.MentionText = strings.TrimSpace(body)
	}
}

// countMaybeOptOut counts an unusable line that may be an opt-out reply.
func (ld *loader) countMaybeOptOut(line int) {
	if ld.log.MaybeOptOuts++; ld.log.MaybeOptOuts == 1 {
		ld.log.FirstMaybeOptOut = LineError{File: ld.file.Path, Line: line}
	}
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

// confirmationPhrases are the words of a text that confirms an opt-out:
// Twilio's default reply ("You have successfully been unsubscribed. You
// will not receive any more messages from this number. Reply START to
// resubscribe.") and the CTIA's examples ("You are unsubscribed ..., no
// more msg will be sent"). Each names the opt-out, not just an ending: a
// promotion's "Reply STOP to opt out", "No more waiting", "Look no
// further" or "Removed from your cart?" is none.
var confirmationPhrases = [][]byte{
	[]byte("unsubscribed"), []byte("opted out"), []byte("opted-out"), []byte("been removed"),
	[]byte("removed from our"), []byte("removed from the list"), []byte("removed from this list"),
	[]byte("no more messages"), []byte("no more msg"), []byte("no more texts"), []byte("no more sms"),
	[]byte("no further messages"), []byte("no further msg"), []byte("no further texts"),
	[]byte("no longer receive"), []byte("not receive"), []byte("won't receive"),
	[]byte("will stop receiving"), []byte("messages will stop"), []byte("resubscribe"),
	[]byte("re-subscribe"), []byte("unstop"), []byte("désabonné"), []byte("desabonne"),
}

// maxConfirmation bounds the body read for a confirmation: one is short.
const maxConfirmation = 320

// readsAsConfirmation reports whether a send's body reads as the
// confirmation of an opt-out. It allocates nothing: it runs for every
// send with a body.
func readsAsConfirmation(body string) bool {
	if len(body) > maxConfirmation {
		return false
	}
	var b [maxConfirmation]byte
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	for _, p := range confirmationPhrases {
		if bytes.Contains(b[:len(body)], p) {
			return true
		}
	}
	return false
}

// IsConfirmation reports whether the sends to the valid number n at time
// at (Unix seconds) may be the confirmation of an opt-out: none has a body
// that reads otherwise (a send without a body may be one).
func (l *Log) IsConfirmation(n phonenum.Number, at int64) bool {
	if l.exact.promoAt(n.Key, at) {
		return false
	}
	var keys [4]uint64
	for _, k := range phonenum.NationalKeys(keys[:0], n) {
		if l.national.promoAt(k, at) {
			return false
		}
	}
	return true
}

// promoAt reports whether a send to key at time at has a body that does
// not read as a confirmation.
func (ix *sendIndex) promoAt(key uint64, at int64) bool {
	if ix.promo == nil {
		return false
	}
	i, ok := slices.BinarySearch(ix.keys, key)
	if !ok {
		return false
	}
	lo, hi := int(ix.offs[i]), int(ix.offs[i+1])
	j, _ := slices.BinarySearch(ix.times[lo:hi], at)
	for j += lo; j < hi && ix.times[j] == at; j++ {
		if ix.promo[j/64]&(1<<(j%64)) != 0 {
			return true
		}
	}
	return false
}
