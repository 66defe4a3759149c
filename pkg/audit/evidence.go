package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/phone"
	"github.com/listaudit/listaudit/pkg/rules"
	"github.com/listaudit/listaudit/pkg/sendlog"
	"github.com/listaudit/listaudit/pkg/suppress"
)

// loadEvidence reads the suppression lists and send logs the policy names
// before the list, since rules consult them row by row. Their numbers are
// normalised with the default region, as the list's are.
func loadEvidence(opts Options, phones *phone.Normaliser, res *domain.Result) (*rules.Evidence, error) {
	p := opts.Policy
	norm := phones.Keys(p.DefaultRegion)
	ev := &rules.Evidence{}
	for _, path := range p.Suppress {
		l, err := suppress.Load(path, norm)
		if err != nil {
			return nil, err
		}
		ev.Suppress = append(ev.Suppress, l)
		if l.Invalid > 0 && len(l.FirstInvalid) > 0 {
			warn(opts, fmt.Sprintf("%s: %s neither a number nor a SHA-256 hash, not used (first: %v)", path, lines(l.Invalid), l.FirstInvalid[0]))
		}
		if err := addEvidence(res, path, "suppression-list", l.Entries, l.Invalid); err != nil {
			return nil, err
		}
	}
	if len(p.MessageLogs) > 0 {
		log, err := sendlog.Load(p.MessageLogs, sendlog.Options{Normalise: norm, DateLayout: p.DateFormat, Now: opts.Now})
		if err != nil {
			return nil, err
		}
		ev.Sends = log
		if log.Total.Invalid > 0 && len(log.FirstInvalid) > 0 {
			warn(opts, fmt.Sprintf("send logs: %s unusable, not counted (first: %v)", lines(log.Total.Invalid), log.FirstInvalid[0]))
		}
		for _, f := range log.Files {
			if f.Lines == 0 {
				// Accepted, as a new campaign's log can be, but said:
				// an export that matched no sends looks the same.
				warn(opts, fmt.Sprintf("%s: the send log has a header but no sends; auditing as if nothing was sent", f.Path))
			}
			if err := addEvidence(res, f.Path, "send-log", f.Sends, f.Invalid); err != nil {
				return nil, err
			}
		}
	}
	return ev, nil
}

// addEvidence records an evidence file with its SHA-256, so an audit report
// pins exactly what it relied on.
func addEvidence(res *domain.Result, path, kind string, entries, invalid int) error {
	sum, err := fileSHA256(path)
	if err != nil {
		return err
	}
	res.Evidence = append(res.Evidence, domain.EvidenceFile{Path: path, Kind: kind, Entries: entries, Invalid: invalid, SHA256: sum})
	return nil
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("read %w", err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("read %s: %w", path, err)
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
