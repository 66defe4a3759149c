package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/phone"
	"github.com/listaudit/listaudit/pkg/pii"
	"github.com/listaudit/listaudit/pkg/rules"
	"github.com/listaudit/listaudit/pkg/sendlog"
	"github.com/listaudit/listaudit/pkg/suppress"
	"github.com/listaudit/listaudit/pkg/textfile"
)

// loadEvidence reads the suppression lists and send logs the policy names
// before the list, since rules consult them row by row. Their numbers are
// normalised with the default region, as the list's are.
func loadEvidence(opts Options, phones *phone.Normaliser, res *domain.Result) (*rules.Evidence, error) {
	p := opts.Policy
	norm := phones.Keys(p.DefaultRegion)
	ev := &rules.Evidence{}
	stamps, err := stampEvidence(opts)
	if err != nil {
		return nil, err
	}
	for _, path := range p.Suppress {
		l, err := suppress.Load(path, norm)
		if err == nil {
			err = addEvidence(res, stamps[path], path, "suppression-list", l.Entries, l.Invalid)
		}
		if err != nil {
			return nil, evidenceChanged(p, stamps, err)
		}
		ev.Suppress = append(ev.Suppress, l)
		warnSuppress(opts, l)
	}
	if len(p.MessageLogs) > 0 {
		log, err := sendlog.Load(p.MessageLogs, sendlog.Options{Normalise: norm, DateLayout: p.DateFormat, Now: opts.Now})
		for i := 0; err == nil && i < len(log.Files); i++ {
			f := &log.Files[i]
			// An opt-out reply is used as a send is.
			if err = addEvidence(res, stamps[f.Path], f.Path, "send-log", f.Sends+f.OptOuts, f.Invalid); err == nil {
				res.Evidence[len(res.Evidence)-1].OptOutReplies = f.OptOuts
			}
		}
		if err != nil {
			return nil, evidenceChanged(p, stamps, err)
		}
		ev.Sends = log
		warnSendLogs(opts, log)
	}
	return ev, nil
}

// warnSuppress warns of the lines of a suppression list that are not
// applied, and of the entries the region does not read, which are
// applied by their national digits alone.
func warnSuppress(opts Options, l *suppress.List) {
	if l.Invalid > 0 && len(l.FirstInvalid) > 0 {
		warn(opts, fmt.Sprintf("%s: %s unusable, not applied (first: %v)", l.Path, lines(l.Invalid), l.FirstInvalid[0]))
	}
	if n := l.NotInRegion; n > 0 {
		what := "1 entry without a country code is not a valid number in %s: applied to every contact whose national number it can be"
		if n > 1 {
			what = strconv.Itoa(n) + " entries without a country code are not valid numbers in %s: applied to every contact whose national number they can be"
		}
		warn(opts, fmt.Sprintf("%s: "+what+" (first: %s:%d); write the list in E.164 to apply it exactly",
			l.Path, opts.Policy.DefaultRegion, l.FirstNotInRegion.File, l.FirstNotInRegion.Line))
	}
}

// warnSendLogs warns of the unusable lines of the send logs, and of a log
// without sends.
func warnSendLogs(opts Options, log *sendlog.Log) {
	if log.Total.Invalid > 0 && len(log.FirstInvalid) > 0 {
		warn(opts, fmt.Sprintf("send logs: %s unusable, not counted (first: %v)", lines(log.Total.Invalid), log.FirstInvalid[0]))
	}
	if n := log.NotInRegion; n > 0 {
		what := "1 send is to a number without a country code that is not a valid number in %s: counted for every contact whose national number it can be"
		if n > 1 {
			what = strconv.Itoa(n) + " sends are to numbers without a country code that are not valid numbers in %s: counted for every contact whose national number they can be"
		}
		warn(opts, fmt.Sprintf("send logs: "+what+" (first: %s:%d); write the log in E.164 to count them exactly",
			opts.Policy.DefaultRegion, log.FirstNotInRegion.File, log.FirstNotInRegion.Line))
	}
	warnOptOutReplies(opts, log)
	for _, f := range log.Files {
		warnPlatformLog(opts, &f)
		if f.Lines == 0 {
			// Accepted, as a new campaign's log can be, but said: an
			// export that matched no sends looks the same.
			warn(opts, fmt.Sprintf("%s: the send log has a header but no sends; auditing as if nothing was sent", f.Path))
		}
	}
}

// warnOptOutReplies warns of the opt-out replies listaudit could not
// take as they are: a contact who replied STOP must not pass unsaid.
func warnOptOutReplies(opts Options, log *sendlog.Log) {
	if n := log.UndatedOptOuts; n > 0 {
		what := "1 opt-out reply has a date that is empty, cannot be read or lies after now: its sender is"
		if n > 1 {
			what = strconv.Itoa(n) + " opt-out replies have a date that is empty, cannot be read or lies after now: their senders are"
		}
		warn(opts, fmt.Sprintf("send logs: %s read as opted out to be safe (first: %s:%d)", what, log.FirstUndatedOptOut.File, log.FirstUndatedOptOut.Line))
	}
	if n := log.MaybeOptOuts; n > 0 {
		what := "1 unusable line may be an opt-out reply, whose sender is not known and not suppressed: check it"
		if n > 1 {
			what = strconv.Itoa(n) + " unusable lines may be opt-out replies, whose senders are not known and not suppressed: check them"
		}
		warn(opts, fmt.Sprintf("send logs: %s (first: %s:%d)", what, log.FirstMaybeOptOut.File, log.FirstMaybeOptOut.Line))
	}
	if n := log.MentionsOptOut; n > 0 {
		what := "1 inbound message (or line without a direction) holds an opt-out keyword among other words, not read as an opt-out: review it"
		if n > 1 {
			what = strconv.Itoa(n) + " inbound messages (or lines without a direction) hold an opt-out keyword among other words, not read as opt-outs: review them"
		}
		warn(opts, fmt.Sprintf("send logs: %s (first: %s:%d, %s)", what, log.FirstMentionsOptOut.File, log.FirstMentionsOptOut.Line, quoteShort(log.MentionText)))
	}
}

// maxQuoted bounds the runes of a message quoted in a warning.
const maxQuoted = 40

// quoteShort quotes a message's text for a warning: numbers and e-mail
// addresses masked (warnings never show them), cut to maxQuoted runes,
// control characters escaped.
func quoteShort(text string) string {
	text = pii.MaskFreeText(text)
	if utf8.RuneCountInString(text) > maxQuoted {
		r := []rune(text)
		return strconv.Quote(string(r[:maxQuoted])) + "…"
	}
	return strconv.Quote(text)
}

// warnPlatformLog warns of a messaging platform's log whose replies
// cannot all be read: inbound lines without a text, and directions
// listaudit does not know.
func warnPlatformLog(opts Options, f *sendlog.FileStats) {
	if n := f.NoBody; n > 0 {
		what := "1 inbound line has no text (no body, message or text column, or an empty one): if it is an opt-out reply, it cannot be read"
		if n > 1 {
			what = strconv.Itoa(n) + " inbound lines have no text (no body, message or text column, or an empty one): an opt-out reply among them cannot be read"
		}
		warn(opts, fmt.Sprintf("%s: %s (first: %s:%d)", f.Path, what, f.FirstNoBody.File, f.FirstNoBody.Line))
	}
	if n := f.OtherDirections; n > 0 {
		quoted := make([]string, len(f.Directions))
		for i, d := range f.Directions {
			quoted[i] = strconv.Quote(d)
		}
		warn(opts, fmt.Sprintf("%s: %s a direction listaudit does not know (%s): read as sends, or as replies when their text is an opt-out keyword", f.Path, linesHave(n), strings.Join(quoted, ", ")))
	}
}

func linesHave(n int) string {
	if n == 1 {
		return "1 line has"
	}
	return strconv.Itoa(n) + " lines have"
}

// evidencePaths are the evidence files loadEvidence reads, in order.
func evidencePaths(p domain.Policy) []string {
	return append(slices.Clip(p.Suppress), p.MessageLogs...)
}

// stampEvidence stamps every evidence file before it is read (see
// textfile.Stamp), for addEvidence to check that what was loaded is the
// file hashed, unchanged. It tells Input.Opened of each.
func stampEvidence(opts Options) (map[string]textfile.Stamp, error) {
	stamps := map[string]textfile.Stamp{}
	for _, path := range evidencePaths(opts.Policy) {
		s, err := textfile.StampPath(path)
		if err != nil {
			return nil, textfile.ReadError(path, err)
		}
		stamps[path] = s
		if opts.Input.Opened != nil {
			opts.Input.Opened(path)
		}
	}
	return stamps, nil
}

// evidenceChanged returns, for a load that failed with err, the error for
// an evidence file that changed since it was stamped, which explains the
// failure (a list cut short in a line), else err.
func evidenceChanged(p domain.Policy, stamps map[string]textfile.Stamp, err error) error {
	for _, path := range evidencePaths(p) {
		if what := stamps[path].RecheckPath(path); what != "" {
			return textfile.ChangedError(path, "while it was read", what)
		}
	}
	return err
}

// addEvidence records an evidence file with its SHA-256, so an audit report
// pins exactly what it relied on. The file must not have changed since it
// was stamped, before it was loaded: then the hash is of what was loaded.
func addEvidence(res *domain.Result, stamp textfile.Stamp, path, kind string, entries, invalid int) error {
	sum, err := fileSHA256(path, stamp)
	if err != nil {
		return err
	}
	res.Evidence = append(res.Evidence, domain.EvidenceFile{Path: path, Kind: kind, Entries: entries, Invalid: invalid, SHA256: sum})
	return nil
}

func fileSHA256(path string, stamp textfile.Stamp) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", textfile.ReadError(path, err)
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", fmt.Errorf("read %s: %w", path, err)
	}
	if what := stamp.Recheck(f, path, n); what != "" {
		return "", textfile.ChangedError(path, "while it was read", what)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func warn(opts Options, msg string) {
	if opts.Input.Warn != nil {
		opts.Input.Warn(msg)
	}
}

func lines(n int) string {
	if n == 1 {
		return "1 line is"
	}
	return fmt.Sprintf("%d lines are", n)
}
