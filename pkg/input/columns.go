package input

import (
	"fmt"
	"slices"
	"strings"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/textfile"
)

// FieldAliases lists the header names a field is recognised by, most
// preferred first.
type FieldAliases struct {
	Field   domain.Field
	Aliases []string
}

// aliasTable is in field order; within a field, earlier aliases win when
// several headers of one file match.
var aliasTable = [domain.NumFields][]string{
	domain.FieldPhone: {"phone", "phone_number", "mobile", "msisdn", "whatsapp", "wa_id", "cell", "tel",
		"mobile_number", "cell_phone", "cell_number", "telephone", "whatsapp_number", "phone_e164",
		// Exports of messaging and CRM platforms (README "Recognised
		// columns" names each one's system).
		"mobile_phone_number", "sms", "traits.phone", "context.traits.phone",
		// Google Contacts and Outlook exports (see exportPhones).
		"Mobile Phone", "Primary Phone", "Phone 1 - Value", "Business Phone", "Home Phone", "Other Phone",
		"Business Phone 2", "Home Phone 2", "Car Phone", "Company Main Phone",
		// French, Spanish, Portuguese and German exports, as they spell
		// them (accents are folded: "Téléphone" is "telephone" above).
		"Portable", "Téléphone portable", "Téléphone mobile", "Numéro de téléphone", "Numéro de portable",
		"Teléfono", "Celular", "Móvil", "Teléfono móvil", "Número de teléfono", "Número de celular",
		"Telefone", "Telemóvel", "Número de telefone",
		"Telefon", "Handy", "Mobilnummer", "Handynummer", "Telefonnummer", "Mobiltelefon"},
	domain.FieldConsentSource: {"consent_source", "opt_in_source", "optin_source", "consent_method",
		// French, Spanish, Portuguese and German, here and below.
		"Source du consentement", "Source consentement", "Origine du consentement",
		"Fuente del consentimiento", "Origen del consentimiento",
		"Origem do consentimento", "Fonte do consentimento",
		"Einwilligungsquelle", "Quelle der Einwilligung"},
	domain.FieldConsentAt: {"consent_at", "consent_date", "opt_in_date", "opted_in_at", "subscribed_at", "optin_time",
		"Date du consentement", "Date consentement", "Date de consentement",
		"Fecha del consentimiento", "Fecha de consentimiento",
		"Data do consentimento", "Data de consentimento",
		"Einwilligungsdatum", "Datum der Einwilligung"},
	domain.FieldOptedOut: {"opted_out", "opt_out", "unsubscribed", "do_not_contact", "dnc", "do_not_call", "sms_blacklisted",
		// Salesforce (SMS-Magic Interact's checkbox and its label, a custom
		// field) and other CRMs' SMS opt-out columns.
		"SMS Opt Out", "smagicinteract__SMSOptOut__c", "SMS_Opt_Out__c", "Do Not Text",
		// JSON exports' nested SMS consent statuses (subscribed,
		// unsubscribed, ...), flattened: Shopify's customer, Klaviyo's
		// profile (JSON:API, under attributes, or unwrapped).
		"sms_marketing_consent.state", "attributes.subscriptions.sms.marketing.consent", "subscriptions.sms.marketing.consent",
		"Désinscrit", "Désabonné", "Ne pas contacter",
		"Desuscrito", "Dado de baja", "No contactar",
		"Descadastrado", "Não contactar", "Não contatar",
		"Abgemeldet", "Nicht kontaktieren"},
	domain.FieldOptedOutAt: {"opted_out_at", "opt_out_date", "unsubscribed_at", "unsub_time",
		"Opted Out Date", "Unsubscribed Date",
		"Date de désinscription", "Date désinscription", "Date de désabonnement",
		"Fecha de baja",
		"Data de descadastro",
		"Abmeldedatum", "Abgemeldet am"},
	domain.FieldLastContactedAt: {"last_contacted_at", "last_sent_at", "last_message_at"},
	domain.FieldLastActiveAt:    {"last_active_at", "last_activity_at", "last_seen_at", "last_reply_at", "last_inbound_at"},
	domain.FieldMessagesSent:    {"messages_sent", "message_count"},
	domain.FieldCountry: {"country", "country_code",
		// Shopify's customers export, Salesforce's Contact.
		"Default Address Country Code", "MailingCountryCode"},
	domain.FieldID:    {"id", "contact_id"},
	domain.FieldName:  {"name", "full_name"},
	domain.FieldEmail: {"email", "email_address", "E-mail 1 - Value", "traits.email", "context.traits.email"},
	// Not "channel" or "source" alone: exports use them for where a
	// contact came from, not what it consented to.
	domain.FieldConsentChannel:     {"consent_channel", "channels", "opt_in_channel", "optin_channel", "consent_channels", "opt_in_channels"},
	domain.FieldConsentPurpose:     {"consent_purpose", "consent_scope", "subscription_type", "consent_purposes", "opt_in_purpose"},
	domain.FieldConsentBrand:       {"consent_brand", "opt_in_brand", "brand"},
	domain.FieldConsentType:        {"consent_type", "opt_in_type", "optin_type"},
	domain.FieldConsentConfirmedAt: {"consent_confirmed_at", "opt_in_confirmed_at", "confirmed_at", "double_opt_in_at", "doi_confirmed_at", "confirm_time"},
}

// e164Header is the phone_e164 alias, normalised: a phone column that
// wins over the others (see MatchColumns).
var e164Header = normalise("phone_e164")

// IsE164Header reports whether header is a phone_e164 column, in any
// spelling ("Phone (E.164)"): listaudit fix --keep-phone writes its
// numbers there rather than adding a column beside it.
func IsE164Header(header string) bool { return normalise(header) == e164Header }

// aliasRank maps a normalised alias to its field and priority, so that
// matching a header is one map look-up.
var aliasRank = func() map[string]aliasRef {
	m := map[string]aliasRef{}
	for f, aliases := range aliasTable {
		for i, a := range aliases {
			n := normalise(a)
			if _, dup := m[n]; !dup {
				m[n] = aliasRef{domain.Field(f), i}
			}
		}
	}
	return m
}()

type aliasRef struct {
	field domain.Field
	rank  int
}

// Aliases returns the alias table in field order, for documentation.
func Aliases() []FieldAliases {
	out := make([]FieldAliases, 0, domain.NumNamedFields)
	for f, aliases := range aliasTable[:domain.NumNamedFields] {
		out = append(out, FieldAliases{Field: domain.Field(f), Aliases: slices.Clone(aliases)})
	}
	return out
}

// normalise compares headers without regard to case and punctuation, as
// every listaudit reader does.
func normalise(s string) string { return textfile.HeaderKey(s) }

// aliasField returns the field whose alias header h matches, and the
// alias's priority.
func aliasField(h string) (domain.Field, int, bool) {
	n := normalise(h)
	a, ok := aliasRank[n]
	if !ok {
		// Google's "Phone N - Value" for any N, after the listed ones.
		if k, isPhone := googlePhoneIndex(n); isPhone {
			return domain.FieldPhone, len(aliasTable[domain.FieldPhone]) + k, true
		}
	}
	return a.field, a.rank, ok
}

// googlePhoneIndex reads N from a normalised "Phone N - Value" header.
func googlePhoneIndex(n string) (int, bool) {
	d, ok := strings.CutPrefix(n, "phone")
	if !ok {
		return 0, false
	}
	d, ok = strings.CutSuffix(d, "value")
	if !ok || d == "" || len(d) > 3 {
		return 0, false
	}
	k := 0
	for _, c := range d {
		if c < '0' || c > '9' {
			return 0, false
		}
		k = k*10 + int(c-'0')
	}
	return k, true
}

// exportPhoneHeaders are the phone columns of Google Contacts and Outlook
// CSV exports, normalised: a contact there has one column per kind of
// number (fax and pager columns are left out: they cannot take messages).
var exportPhoneHeaders = map[string]bool{
	"mobilephone": true, "primaryphone": true, "businessphone": true, "homephone": true,
	"otherphone": true, "businessphone2": true, "homephone2": true, "carphone": true,
	"companymainphone": true, "assistantsphone": true, "radiophone": true, "callback": true,
}

// isExportPhone reports whether header h is a phone column of a contacts
// export, of which a file has several that are all read.
func isExportPhone(h string) bool {
	n := normalise(h)
	if exportPhoneHeaders[n] {
		return true
	}
	_, ok := googlePhoneIndex(n)
	return ok
}

// exportPhones returns the columns, other than the phone column main, that
// hold more numbers of the same contact: the other phone columns of a
// Google Contacts or Outlook export. It returns none unless main is one of
// them, so a CRM file's "phone" column keeps its meaning alone.
func exportPhones(header []string, main int) []int {
	if main < 0 || !isExportPhone(header[main]) {
		return nil
	}
	var out []int
	for i, h := range header {
		if i != main && isExportPhone(h) {
			out = append(out, i)
		}
	}
	return out
}

// MatchColumns maps a file's header to the canonical fields. It returns
// the header text per field and, per field, the index of its header column
// (-1 when none). overrides (--map) win over aliases; a header maps to at
// most one field. Ambiguities and --map headers missing from the file are
// reported through warn, prefixed with file.
func MatchColumns(header []string, overrides map[domain.Field]string, file string, warn func(string)) (domain.Columns, []int) {
	m := matchColumns(header, Options{Map: overrides}, file, warn, false)
	return m.cols, m.idx
}

// columnMatch is what MatchColumns finds, with optOut: the other columns
// that name opted_out, which are read too (see optout.go), and phones: the
// other phone columns, read for a record whose phone cell has no number
// (see phonefallback.go).
type columnMatch struct {
	cols   domain.Columns
	idx    []int
	optOut []int
	phones []int
	// missing are the fields whose --map header the file lacks, when
	// Options.MapRequired makes that an error rather than a warning.
	missing []domain.Field
}

// matchColumns is MatchColumns for a reader of positional records, which
// reads the phone column's fallbacks when phoneFallbacks says so.
func matchColumns(header []string, opts Options, file string, warn func(string), phoneFallbacks bool) columnMatch {
	if warn == nil {
		warn = func(string) {}
	}
	overrides := opts.Map
	m := columnMatcher{header: header, file: file, warn: warn, taken: make([]bool, len(header)), fallbacks: phoneFallbacks, mapRequired: opts.MapRequired, mapSource: opts.MapSource}
	m.idx = make([]int, domain.NumFields)
	for i := range m.idx {
		m.idx[i] = -1
	}
	mappedOptOut := m.matchOverrides(overrides)
	if len(m.missing) > 0 && phoneFallbacks {
		// A positional reader's header is whole: it stops with the
		// error for the missing header, and nothing else need be said.
		return m.columnMatch
	}
	m.matchAliases()
	if won := m.idx[domain.FieldOptedOut]; won >= 0 {
		want := ""
		if mappedOptOut {
			want = overrides[domain.FieldOptedOut]
		}
		m.optOut = otherOptOuts(header, m.taken, won, want)
		if mappedOptOut && len(m.optOut) > 0 {
			warn(mappedOptOutWarning(file, header[won], headersAt(header, m.optOut)))
		}
	}
	return m.columnMatch
}

// columnMatcher is matchColumns at work: taken marks the columns that
// have a field.
type columnMatcher struct {
	columnMatch
	header []string
	taken  []bool
	file   string
	warn   func(string)
	// fallbacks says the reader reads the phone column's fallbacks.
	fallbacks bool
	// mapRequired: see Options.MapRequired.
	mapRequired bool
	// mapSource: see Options.MapSource.
	mapSource map[domain.Field]string
}

func (m *columnMatcher) assign(f domain.Field, i int) {
	m.idx[f] = i
	m.taken[i] = true
	m.cols[f] = m.header[i]
}

// matchOverrides gives each field of overrides its column, warning about
// those the header lacks. It reports whether opted_out was mapped.
func (m *columnMatcher) matchOverrides(overrides map[domain.Field]string) (mappedOptOut bool) {
	// The mappings this file lacks go in one warning: a policy file's
	// columns: serve several files, and a file of another layout would
	// get a warning for each.
	var byAlias []string
	var lacking []domain.Field
	defer func() {
		switch len(byAlias) {
		case 0:
		case 1:
			m.warn(fmt.Sprintf("%s: no column %s (mapped by %s); matching %s by alias", m.file, byAlias[0], mappedBy(m.mapSource, lacking...), lacking[0]))
		default:
			m.warn(fmt.Sprintf("%s: no columns %s (mapped by %s); matching them by alias", m.file, strings.Join(byAlias, ", "), mappedBy(m.mapSource, lacking...)))
		}
	}()
	for f := range domain.NumFields {
		want := overrides[f]
		if want == "" {
			continue
		}
		if i := findHeader(m.header, m.taken, want); i >= 0 {
			m.assign(f, i)
			mappedOptOut = mappedOptOut || f == domain.FieldOptedOut
			continue
		}
		if f.IsEvidence() {
			m.warn(fmt.Sprintf("%s: no column %q: the consent evidence it should hold is missing on every row", m.file, textfile.PrintableHeader(want)))
			continue
		}
		if m.mapRequired {
			m.missing = append(m.missing, f)
			continue
		}
		// The header wanted is the user's, but may be a person's number
		// (a --map copied from a file keyed by contact).
		byAlias, lacking = append(byAlias, fmt.Sprintf("%q for %s", textfile.PrintableHeader(want), f)), append(lacking, f)
	}
	return mappedOptOut
}

// aliasCandidate is a column whose header is an alias of a field, with
// the alias's priority (lower first).
type aliasCandidate struct{ col, rank int }

// matchAliases gives each field still without a column the one whose
// header is its best alias, warning when several were.
func (m *columnMatcher) matchAliases() {
	// Candidates per field, ordered by alias priority then position.
	var cands [domain.NumFields][]aliasCandidate
	for i, h := range m.header {
		if m.taken[i] {
			continue
		}
		if f, rank, ok := aliasField(h); ok && m.idx[f] < 0 {
			cands[f] = append(cands[f], aliasCandidate{i, rank})
		}
	}
	for f := range domain.NumFields {
		if cs := cands[f]; len(cs) > 0 {
			slices.SortStableFunc(cs, func(a, b aliasCandidate) int { return a.rank - b.rank })
			m.pickAlias(f, cs)
		}
	}
}

// pickAlias gives field f the first of its candidates cs.
func (m *columnMatcher) pickAlias(f domain.Field, cs []aliasCandidate) {
	if f == domain.FieldPhone {
		// A file with a phone_e164 column (listaudit fix --keep-phone's
		// clean file, a CRM that stores both) has the same number as
		// written in another: the E.164 one is the one to judge, and the
		// others are read where it is empty.
		if i := slices.IndexFunc(cs, func(c aliasCandidate) bool { return normalise(m.header[c.col]) == e164Header }); i >= 0 {
			m.assign(f, cs[i].col)
			if m.fallbacks {
				m.phones = candidateColumns(slices.Delete(slices.Clone(cs), i, i+1))
			}
			return
		}
	}
	m.assign(f, cs[0].col)
	if f == domain.FieldPhone && isExportPhone(m.header[cs[0].col]) {
		// Every phone column of a contacts export is read (exportPhones).
		return
	}
	if len(cs) > 1 {
		others := candidateColumns(cs[1:])
		msg := ambiguityWarning(m.file, f, m.header, cs[0].col, others)
		switch f {
		case domain.FieldOptedOut:
			msg += otherOptOutNote(m.header[cs[0].col], headersAt(m.header, others))
		case domain.FieldPhone:
			if m.fallbacks {
				m.phones = others
				msg += "; " + PhoneFallbackNote(m.header[cs[0].col], headersAt(m.header, others))
			}
		}
		m.warn(msg)
	}
}

// candidateColumns returns the columns of cs, in order.
func candidateColumns(cs []aliasCandidate) []int {
	out := make([]int, len(cs))
	for i, c := range cs {
		out[i] = c.col
	}
	return out
}

func headersAt(header []string, cols []int) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = header[c]
	}
	return out
}

// findHeader finds an untaken header equal to want, first exactly, then
// after normalisation.
func findHeader(header []string, taken []bool, want string) int {
	for i, h := range header {
		if !taken[i] && h == want {
			return i
		}
	}
	n := normalise(want)
	if n == "" {
		return -1
	}
	for i, h := range header {
		if !taken[i] && normalise(h) == n {
			return i
		}
	}
	return -1
}

// isMapHeader reports whether header h is the --map header want, exactly or
// after normalisation.
func isMapHeader(h, want string) bool {
	return h == want || normalise(want) != "" && normalise(h) == normalise(want)
}

func ambiguityWarning(file string, f domain.Field, header []string, won int, others []int) string {
	names := []string{fmt.Sprintf("%q", header[won])}
	same := true
	for _, o := range others {
		h := header[o]
		names = append(names, fmt.Sprintf("%q", h))
		same = same && h == header[won]
	}
	if same {
		return fmt.Sprintf("%s: %d columns are named %q; using the first for field %s", file, len(names), header[won], f)
	}
	verb := "both"
	if len(names) > 2 {
		verb = "all"
	}
	list := andList(names)
	return fmt.Sprintf("%s: columns %s %s match field %s; using %q (override with --map %s=HEADER)",
		file, list, verb, f, header[won], f)
}

// noPhoneError is the error for a file none of whose columns is a phone
// column; cols says which columns other fields took. Headers are shown
// with textfile.PrintableHeader, which masks numbers and addresses.
func noPhoneError(file string, header []string, cols domain.Columns) error {
	list := textfile.HeaderList(header)
	// A phone column mapped to another field is not read as the phone:
	// say so, or the message names the very column it says is missing.
	for f := range domain.NumFields {
		if h := cols[f]; h != "" && f != domain.FieldPhone {
			if af, _, ok := aliasField(h); ok && af == domain.FieldPhone {
				list += fmt.Sprintf("; %q is mapped to %s", textfile.PrintableHeader(h), f)
				break
			}
		}
	}
	return fmt.Errorf("%s: no phone column (headers: %s); map one with --map phone=HEADER%s", file, list, mapHint(domain.FieldPhone, likelyHeader(header, cols, domain.FieldPhone)))
}

// mapHint is " (did you mean --map field=HEADER?)" for header h, quoted
// as a shell needs, or "" when h is "".
func mapHint(f domain.Field, h string) string {
	if h == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean --map %s?)", domain.ShellQuote(f.Name()+"="+h))
}

// likelyHeader returns the header, not taken by another field in cols,
// that is nearest to an alias of f (within two edits: Mobil, Phnoe,
// Whatsap; one for a header of under five letters), to suggest when f has no column; "" when none is that near,
// or the nearest would be masked in a message.
func likelyHeader(header []string, cols domain.Columns, f domain.Field) string {
	keys := make([]string, len(aliasTable[f]))
	for i, a := range aliasTable[f] {
		keys[i] = normalise(a)
	}
	for _, h := range header {
		if slices.Contains(cols[:], h) || textfile.PrintableHeader(h) != h {
			continue
		}
		// Two edits turn any three letters into "sms" or "tel" (Sex,
		// Sid): a short header gets one.
		n := normalise(h)
		edits := 2
		if len(n) < 5 {
			edits = 1
		}
		if n != "" && domain.NearestWithin(n, keys, edits) != "" {
			return h
		}
	}
	return ""
}

// noPhoneHeaderError is noPhoneError for a file whose header is its first
// line (or row): when that line looks like data, the file has no header,
// which is what to say rather than list the cells.
func noPhoneHeaderError(file, line string, header []string, cols domain.Columns) error {
	if err := textfile.DataHeaderError(file, line, header, "phone"); err != nil {
		return err
	}
	return noPhoneError(file, header, cols)
}

// missingMapError is the error for the header want, which --map or the
// policy file (by says which) names for field f and file lacks: it
// suggests the header nearest to want (within two edits, ignoring case and
// punctuation), or lists them.
func missingMapError(file string, header []string, f domain.Field, want, by string) error {
	hint := "; its headers: " + textfile.HeaderList(header)
	if h := nearestHeader(header, want); h != "" {
		hint = fmt.Sprintf("; did you mean %q?", textfile.PrintableHeader(h))
	}
	// want may be a person's number (a --map copied from a file keyed by
	// contact): shown as headers are.
	return fmt.Errorf("%s: no column %q for %s (mapped by %s)%s", file, textfile.PrintableHeader(want), f, by, hint)
}

// mappedBy names where the mappings of fields were set, for messages:
// --map, columns: in the policy file (source, see Options.MapSource), or
// both.
func mappedBy(source map[domain.Field]string, fields ...domain.Field) string {
	flag, path := false, ""
	for _, f := range fields {
		if p, ok := source[f]; ok {
			path = p
		} else {
			flag = true
		}
	}
	switch {
	case path == "":
		return "--map"
	case flag:
		return "--map and columns: in " + path
	}
	return "columns: in " + path
}

// mapping names field f's mapping as it was set, for messages: --map
// phone=TEL, or phone: "TEL" (columns: in .listaudit.yaml). The header is
// shown as headers are (it may be a number copied from a file).
func (o *Options) mapping(f domain.Field) string {
	h := textfile.PrintableHeader(o.Map[f])
	if path, ok := o.MapSource[f]; ok {
		return fmt.Sprintf("%s: %q (columns: in %s)", f, h, path)
	}
	return fmt.Sprintf("--map %s=%s", f, h)
}

// nearestHeader returns the header of header nearest to want, compared
// normalised; "" when none is within two edits.
func nearestHeader(header []string, want string) string {
	keys := make([]string, len(header))
	for i, h := range header {
		keys[i] = normalise(h)
	}
	if k := domain.Nearest(normalise(want), keys); k != "" {
		return header[slices.Index(keys, k)]
	}
	return ""
}

// MissingMap returns the fields of m (--map and the policy file's
// columns) whose header the input has no column for, in field order:
// none for a vCard, whose columns are fixed, nor for consent evidence
// columns, whose absence is a finding.
func (i Info) MissingMap(m map[domain.Field]string) []domain.Field {
	if i.Format == FormatVCard {
		return nil
	}
	var out []domain.Field
	for f := range domain.NumFields {
		if want := m[f]; want != "" && !f.IsEvidence() && !isMapHeader(i.Columns[f], want) {
			out = append(out, f)
		}
	}
	return out
}

// MissingMapError is the error for field f, whose header want the input
// lacks (see MissingMap); source is Options.MapSource, to say where the
// mapping was set.
func (i Info) MissingMapError(f domain.Field, want string, source map[domain.Field]string) error {
	name := i.Path
	if i.Sheet != "" {
		name = fmt.Sprintf("%s: sheet %q", name, i.Sheet)
	}
	return missingMapError(name, i.Header, f, want, mappedBy(source, f))
}
