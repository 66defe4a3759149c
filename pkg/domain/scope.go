package domain

import (
	"fmt"
	"strings"
)

// A consent covers messages on some channels, for some purposes, from a
// business: its scope. A campaign is sent on one channel for one purpose.
// This file holds the three vocabularies (channels, purposes, consent
// types) with the spellings lists use for them.

// Channel is a messaging channel. Channels is a set of them.
type Channel uint8

const (
	ChannelWhatsApp Channel = 1 << iota
	ChannelSMS
	ChannelRCS
	ChannelVoice
	// ChannelEmail is not a campaign channel; lists record consent to it
	// beside the others ("sms;email").
	ChannelEmail
)

// Channels is a set of channels; 0 is none recorded. It uses the low
// five bits (rules.Duplicates packs a flag beside it).
type Channels = Channel

// Purpose is what a message is for: WhatsApp's template categories and
// customer service. Purposes is a set of them.
type Purpose uint8

const (
	PurposeMarketing Purpose = 1 << iota
	PurposeUtility
	PurposeAuthentication
	PurposeService
)

// Purposes is a set of purposes; 0 is none recorded.
type Purposes = Purpose

// ConsentType is how consent was given, which decides how long it lasts
// in some jurisdictions (CASL s.10).
type ConsentType uint8

const (
	ConsentTypeNone ConsentType = iota
	ConsentExpress
	// ConsentImplied is implied consent from a purchase or contract (an
	// existing business relationship).
	ConsentImplied
	// ConsentImpliedInquiry is implied consent from an inquiry or
	// application.
	ConsentImpliedInquiry
	ConsentSoftOptIn
	ConsentDoubleOptIn
)

// word is one name of a vocabulary, with the other spellings lists use.
type word[T any] struct {
	value   T
	name    string
	aliases []string
}

var channelWords = []word[Channel]{
	{ChannelWhatsApp, "whatsapp", []string{"wa", "whatsapp business", "waba"}},
	{ChannelSMS, "sms", []string{"text", "texts", "text message", "text messages", "mms", "short message service"}},
	{ChannelRCS, "rcs", []string{"rbm", "rcs business messaging"}},
	{ChannelVoice, "voice", []string{"call", "calls", "phone call", "phone calls", "telephone"}},
	{ChannelEmail, "email", []string{"e-mail", "mail"}},
}

var purposeWords = []word[Purpose]{
	{PurposeMarketing, "marketing", []string{"promotional", "promotion", "promotions", "promo", "newsletter", "offers"}},
	{PurposeUtility, "utility", []string{"transactional", "transaction", "notifications", "alerts", "account updates", "order updates"}},
	{PurposeAuthentication, "authentication", []string{"auth", "otp", "verification", "2fa", "one-time password"}},
	{PurposeService, "service", []string{"customer service", "support", "customer care", "customer support"}},
}

var consentTypeWords = []word[ConsentType]{
	{ConsentExpress, "express", []string{"explicit", "opt-in", "optin", "express written"}},
	{ConsentImplied, "implied", []string{"implicit", "implied purchase", "existing business relationship", "ebr"}},
	{ConsentImpliedInquiry, "implied_inquiry", []string{"inquiry", "implied inquiry", "enquiry"}},
	{ConsentSoftOptIn, "soft_opt_in", []string{"soft opt-in", "soft"}},
	{ConsentDoubleOptIn, "double_opt_in", []string{"double opt-in", "doi", "confirmed opt-in", "confirmed"}},
}

// wordKey compares spellings without regard to case, spaces, hyphens and
// underscores: "Double Opt-In" is double_opt_in.
func wordKey(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == ' ' || r == '-' || r == '_' || r == '\t':
			return -1
		case r >= 'A' && r <= 'Z':
			return r + 'a' - 'A'
		}
		return r
	}, strings.TrimSpace(s))
}

// keyed maps each name and alias of words, as written and as wordKey
// reads it, to its value: a cell written as lists mostly write it ("sms",
// "whatsapp") is found without normalising it. Cells are read per row.
func keyed[T any](words []word[T]) map[string]T {
	m := map[string]T{}
	for _, w := range words {
		for _, s := range append([]string{w.name}, w.aliases...) {
			m[s], m[wordKey(s)] = w.value, w.value
		}
	}
	return m
}

var (
	channelKeys     = keyed(channelWords)
	purposeKeys     = keyed(purposeWords)
	consentTypeKeys = keyed(consentTypeWords)
)

func lookup[T any](keys map[string]T, s string) (T, bool) {
	if v, ok := keys[s]; ok {
		return v, true
	}
	v, ok := keys[wordKey(s)]
	return v, ok
}

func names[T any](words []word[T]) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = w.name
	}
	return out
}

// Spelling is one name of a vocabulary with the other spellings read for
// it, for the README and the tests that hold it to the vocabulary.
type Spelling struct {
	Name    string
	Aliases []string
}

func spellings[T any](words []word[T]) []Spelling {
	out := make([]Spelling, len(words))
	for i, w := range words {
		out[i] = Spelling{w.name, w.aliases}
	}
	return out
}

// ChannelSpellings, PurposeSpellings and ConsentTypeSpellings are the
// vocabularies' names and aliases, in order.
var (
	ChannelSpellings     = spellings(channelWords)
	PurposeSpellings     = spellings(purposeWords)
	ConsentTypeSpellings = spellings(consentTypeWords)
)

// CampaignChannels are the channels a campaign can be sent on.
var CampaignChannels = names(channelWords[:4])

// PurposeNames, ConsentTypeNames and ChannelNames are the vocabularies'
// names, in order.
var (
	ChannelNames     = names(channelWords)
	PurposeNames     = names(purposeWords)
	ConsentTypeNames = names(consentTypeWords)
)

// ParseCampaignChannel reads --channel: one of CampaignChannels, or an
// alias; "" is none.
func ParseCampaignChannel(s string) (Channel, error) {
	if s == "" {
		return 0, nil
	}
	if c, ok := lookup(channelKeys, s); ok && c != ChannelEmail {
		return c, nil
	}
	return 0, fmt.Errorf("unknown channel %q (want %s)", s, OrList(CampaignChannels))
}

// ParsePurpose reads --purpose: one of PurposeNames or an alias; "" is
// none.
func ParsePurpose(s string) (Purpose, error) {
	if s == "" {
		return 0, nil
	}
	if p, ok := lookup(purposeKeys, s); ok {
		return p, nil
	}
	return 0, fmt.Errorf("unknown purpose %q (want %s)", s, OrList(PurposeNames))
}

// ParseConsentType reads a consent type: one of ConsentTypeNames or an
// alias.
func ParseConsentType(s string) (ConsentType, error) {
	if t, ok := lookup(consentTypeKeys, s); ok {
		return t, nil
	}
	return ConsentTypeNone, fmt.Errorf("unknown consent type %q (want %s)", s, OrList(ConsentTypeNames))
}

// ParseChannels reads a cell of consented channels: one or more names or
// aliases separated by ; , | / + or &, or a JSON array of them; a name may
// carry a qualifier ("whatsapp only", "SMS (text)"). unknown
// lists the words it does not know; the known ones are still read.
func ParseChannels(cell string) (set Channels, unknown []string) {
	return parseSet(channelKeys, cell)
}

// ParsePurposes reads a cell of consented purposes, as ParseChannels.
func ParsePurposes(cell string) (set Purposes, unknown []string) {
	return parseSet(purposeKeys, cell)
}

// parseSet reads the words of a cell one by one, without splitting it
// into a slice: it runs on a cell of every row.
func parseSet[T ~uint8](keys map[string]T, cell string) (set T, unknown []string) {
	for cell != "" {
		part := cell
		if i := strings.IndexFunc(cell, isSetSeparator); i >= 0 {
			// Every separator is one byte.
			part, cell = cell[:i], cell[i+1:]
		} else {
			cell = ""
		}
		item := SetItem(part)
		if item == "" {
			continue
		}
		if v, ok := lookupQualified(keys, item); ok {
			set |= v
		} else {
			unknown = append(unknown, item)
		}
	}
	return set, unknown
}

// qualifiers are words a scope cell adds to a name without changing what
// it names: "whatsapp only", "only SMS", "sms channel", "SMS (only)".
var qualifiers = [...]string{"only", "channel"}

// lookupQualified finds item as lookup does, or as a name with a
// qualifier ("whatsapp only") or a note in brackets that is a qualifier or
// another name of the same ("SMS (text)"). It slices item: a cell written
// as lists mostly write it ("whatsapp only" too) allocates nothing.
func lookupQualified[T ~uint8](keys map[string]T, item string) (T, bool) {
	if v, ok := keys[item]; ok {
		return v, true
	}
	if name, note := unqualified(item); name != item && name != "" {
		if v, ok := lookup(keys, name); ok && (note == "" || isQualifier(note)) {
			return v, true
		} else if n, same := lookup(keys, note); ok && same && n == v {
			return v, true
		}
	}
	return lookup(keys, item)
}

// unqualified splits item into a name and the note in brackets after it
// ("SMS (text)": "SMS", "text"), or takes a qualifier word off either end
// ("whatsapp only": "whatsapp", ""); item itself when it has neither.
func unqualified(item string) (name, note string) {
	if n := len(item); n > 0 && item[n-1] == ')' {
		if i := strings.LastIndexByte(item, '('); i > 0 {
			return strings.TrimSpace(item[:i]), strings.TrimSpace(item[i+1 : n-1])
		}
	}
	for _, q := range qualifiers {
		if n := len(item) - len(q); n > 0 && item[n-1] == ' ' && strings.EqualFold(item[n:], q) {
			return strings.TrimSpace(item[:n-1]), ""
		}
		if n := len(q); len(item) > n && item[n] == ' ' && strings.EqualFold(item[:n], q) {
			return strings.TrimSpace(item[n+1:]), ""
		}
	}
	return item, ""
}

func isQualifier(s string) bool {
	for _, q := range qualifiers {
		if strings.EqualFold(s, q) {
			return true
		}
	}
	return false
}

// SetItem is one name of a cell that holds several, without the spaces
// around it or the brackets and quotes of a JSON array, which JSON and
// NDJSON lists keep as its text (["sms","whatsapp"]).
// It trims byte by byte: strings.Trim builds its cutset's table on every
// call, which cost more than the rest of reading a cell.
func SetItem(part string) string {
	i, j := 0, len(part)
	for i < j && isItemPad(part[i]) {
		i++
	}
	for j > i && isItemPad(part[j-1]) {
		j--
	}
	return part[i:j]
}

func isItemPad(b byte) bool {
	switch b {
	case ' ', '\t', '\r', '"', '[', ']':
		return true
	}
	return false
}

func isSetSeparator(r rune) bool {
	switch r {
	case ';', ',', '|', '/', '+', '&', '\n':
		return true
	}
	return false
}

// String names a channel, or the channels of a set joined by "+".
func (c Channel) String() string { return string(c.Append(nil)) }

// Append appends String's text to b, for messages built per row.
func (c Channel) Append(b []byte) []byte { return appendSet(b, channelWords, c) }

// String names a purpose, or the purposes of a set joined by "+".
func (p Purpose) String() string { return string(p.Append(nil)) }

// Append appends String's text to b, for messages built per row.
func (p Purpose) Append(b []byte) []byte { return appendSet(b, purposeWords, p) }

// AppendList appends the channels of a set as a sentence names them:
// "sms", "whatsapp and sms", "whatsapp, sms and rcs".
func (c Channel) AppendList(b []byte) []byte {
	n, i := 0, 0
	for _, w := range channelWords {
		if c&w.value != 0 {
			n++
		}
	}
	for _, w := range channelWords {
		if c&w.value == 0 {
			continue
		}
		switch i++; {
		case i == 1:
		case i == n:
			b = append(b, " and "...)
		default:
			b = append(b, ", "...)
		}
		b = append(b, w.name...)
	}
	return b
}

func appendSet[T ~uint8](b []byte, words []word[T], set T) []byte {
	sep := false
	for _, w := range words {
		if set&w.value != 0 {
			if sep {
				b = append(b, '+')
			}
			b, sep = append(b, w.name...), true
		}
	}
	return b
}

// String names a consent type ("" for none).
func (t ConsentType) String() string {
	for _, w := range consentTypeWords {
		if w.value == t {
			return w.name
		}
	}
	return ""
}

// OptOutScope says what an opt-out stops.
type OptOutScope uint8

const (
	// OptOutGlobal: an opt-out on any channel stops every channel (the
	// default, and what the law asks where it does not say otherwise).
	OptOutGlobal OptOutScope = iota
	// OptOutPerChannel: an opt-out stops the channel it was recorded on.
	OptOutPerChannel
)

// OptOutScopeNames are the names of the opt-out scopes.
var OptOutScopeNames = []string{"global", "channel"}

// ParseOptOutScope reads opt_out_scope: global or channel.
func ParseOptOutScope(s string) (OptOutScope, error) {
	switch wordKey(s) {
	case "global", "":
		return OptOutGlobal, nil
	case "channel", "perchannel":
		return OptOutPerChannel, nil
	}
	return 0, fmt.Errorf("unknown opt-out scope %q (want %s)", s, OrList(OptOutScopeNames))
}

func (s OptOutScope) String() string { return OptOutScopeNames[s] }
