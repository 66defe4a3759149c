package rules

import "github.com/listaudit/listaudit/pkg/domain"

// Rule ids. Reports, configuration and tests name rules by these.
const (
	PhoneMissing         = "phone-missing"
	PhoneInvalid         = "phone-invalid"
	PhoneNotE164         = "phone-not-e164"
	PhoneNotMobile       = "phone-not-mobile"
	PhoneRegionMismatch  = "phone-region-mismatch"
	PhoneExcelDamaged    = "phone-excel-damaged"
	PhoneE164Mismatch    = "phone-e164-mismatch"
	ConsentMissing       = "consent-missing"
	ConsentDateMissing   = "consent-date-missing"
	ConsentExpired       = "consent-expired"
	ConsentAfterContact  = "consent-after-contact"
	OptedOut             = "opted-out"
	ContactedAfterOptOut = "contacted-after-opt-out"
	Stale                = "stale"
	Duplicate            = "duplicate"
	DuplicateConflict    = "duplicate-conflict"
	OverMessaged         = "over-messaged"
	DateInvalid          = "date-invalid"
	ValueInvalid         = "value-invalid"
	RowMalformed         = "row-malformed"

	ConsentSourceUnknown      = "consent-source-unknown"
	ConsentEvidenceIncomplete = "consent-evidence-incomplete"
	Suppressed                = "suppressed"
	QuietHours                = "quiet-hours"

	ConsentChannelMismatch = "consent-channel-mismatch"
	ConsentPurposeMismatch = "consent-purpose-mismatch"
	ConsentBrandMismatch   = "consent-brand-mismatch"
	ConsentScopeUnknown    = "consent-scope-unknown"
	ConsentUnconfirmed     = "consent-unconfirmed"
)

// Rule describes one rule for people: the catalogue behind `listaudit
// rules`, the README and every report's rule metadata.
type Rule struct {
	ID       string
	Severity domain.Severity
	Family   string
	// Summary is one line: what makes the rule fire.
	Summary string
	// Settings names the flags that change what the rule does, or the
	// policy file's key where no flag does (consent.sources).
	Settings []string
	// Help explains the rule in two to four sentences: what it checks, why
	// it matters (the regulation or platform policy behind it) and how to
	// fix a finding. Reports show it as the rule's help text (SARIF help,
	// the HTML report).
	Help string
	// Basis cites the laws, guidance, standards and platform policies the
	// rule serves, for `listaudit rules ID` and compliance reports. Each
	// item begins with its one status (BasisStatuses: "Law: ", "Guidance:
	// ", ...), so every output that shows it shows what it is; an item
	// that applies only with --jurisdictions builtin says so right after.
	Basis []string
	// ForbidsMessaging: a finding means an opt-out or objection is in
	// force for the number now, or may be and cannot be read (a
	// duplicate-conflict with a malformed row), so it must not be messaged. listaudit fix
	// quarantines its row whatever the rule's severity, --drop-on or a
	// baseline says (a baseline accepts a finding for reporting, not for
	// sending); only disabling the rule, an explicit policy choice, keeps
	// the row. contacted-after-opt-out is not one: it records a past
	// message, and a later consent may have lifted the opt-out (else
	// opted-out fires too).
	ForbidsMessaging bool
	// CuredByFix: listaudit fix writes the row so that the finding no
	// longer holds in its clean file (phone-not-e164: it writes the number
	// in E.164), so the finding never quarantines a row, whatever its
	// severity or --drop-on, and a check of the clean file does not raise
	// it again.
	CuredByFix bool
}

// BasisStatuses are what a basis item can be, each item's first word(s)
// before ": ". Law is a statute, regulation or court ruling; Guidance a
// regulator's; Standard a technical standard; Platform policy a messaging
// platform's rules; Practice a choice listaudit or the industry makes, such
// as a default threshold; Unverified a law's value as secondary sources
// report it (the jurisdiction table's status of that name).
var BasisStatuses = []string{"Law", "Guidance", "Standard", "Platform policy", "Practice", "Unverified"}

// Catalogue lists every rule in the order people read them: by family.
var Catalogue = []Rule{
	{
		ID: PhoneMissing, Severity: domain.Error, Family: "phone",
		Summary: "the phone cell is empty",
		Help:    "Checks that every row has a phone number. A list for SMS or WhatsApp is keyed on the number: a row without one cannot be messaged, deduplicated or matched against opt-outs, and its consent record is tied to nobody. Fill in the number from the system the list was exported from, or remove the row.",
		Basis: []string{
			"Law: GDPR Art. 5(1)(d): personal data must be accurate and kept up to date",
		},
	},
	{
		ID: PhoneInvalid, Severity: domain.Error, Family: "phone",
		Summary:  "the number does not parse or is not a valid number (too short, too long, bad country code, not a number, no region)",
		Settings: []string{"--region"},
		Help:     "Checks that the number parses and is a valid number in the phone-number plan of its region (length, country code, number ranges, from libphonenumber's metadata). A message to an invalid number fails at best and reaches a stranger who never consented at worst, and the row cannot be matched against opt-outs or duplicates. Correct the number at its source; for numbers written without + and a country code, give the region with --region or a country column.",
		Basis: []string{
			"Law: GDPR Art. 5(1)(d): accuracy",
			"Standard: ITU-T E.164: the international numbering plan",
		},
	},
	{
		ID: PhoneNotE164, Severity: domain.Warning, Family: "phone",
		Summary: "the number is valid but not written in E.164 (+ and digits only)",
		Help:    "Checks that a valid number is stored in E.164 form: +, the country code and the subscriber number, digits only, at most 15 digits (ITU-T E.164). Messaging APIs expect E.164, and one number spelt several ways hides duplicates and opt-outs from any system that compares the text. Store the number in its E.164 form, for example +447700900123.",
		Basis: []string{
			"Standard: ITU-T E.164: +, country code and subscriber number, at most 15 digits",
		},
		CuredByFix: true,
	},
	{
		ID: PhoneNotMobile, Severity: domain.Warning, Family: "phone",
		Summary: "the number is valid but its type is neither mobile nor fixed-line-or-mobile",
		Help:    "Checks that the number is a mobile number (or fixed-line-or-mobile, which is all the metadata can say for +1 numbers). Landlines, toll-free and premium-rate numbers usually cannot receive SMS, and WhatsApp can only reach a number that can receive its messages. Ask the contact for a mobile number, or keep the row on a list that is only called, not messaged.",
		Basis: []string{
			"Platform policy: WhatsApp Business Platform: messages reach only numbers that can receive them",
			"Law: GDPR Art. 5(1)(d): accuracy",
		},
	},
	{
		ID: PhoneRegionMismatch, Severity: domain.Warning, Family: "phone",
		Summary: "the row's country has a different calling code from the number's",
		Help:    "Checks that the row's country agrees with the calling code of its number. A mismatch usually means a national number was read with the wrong default region or the country cell is wrong, so country-specific rules such as consent law and sending hours may be applied to the wrong person. Correct the country or the number, and check the --region used for numbers written without +.",
		Basis: []string{
			"Law: GDPR Art. 5(1)(d): accuracy",
		},
	},
	{
		ID: PhoneExcelDamaged, Severity: domain.Error, Family: "phone",
		Summary:  "a spreadsheet mangled the number: scientific notation, a trailing .0, or a lost leading + or 0 the region makes evident",
		Settings: []string{"--region"},
		Help:     "Checks for phone numbers a spreadsheet stored as numbers and so mangled: shown in scientific notation (4.47911E+11, where the hidden digits are lost for good), written back with a decimal tail (447911000000.0), or, for a cell stored as a number, stripped of its leading + or 0 where the row's region makes that evident. A mangled number is messaged at the wrong address or not at all, and its opt-outs and duplicates no longer match. Format the phone column as text in the spreadsheet (or export again from the source system) so numbers keep their + and every digit; the message suggests the number where the digits that remain are exact.",
		Basis: []string{
			"Law: GDPR Art. 5(1)(d): accuracy",
			"Standard: ITU-T E.164: +, country code and subscriber number, at most 15 digits",
		},
	},
	{
		ID: PhoneE164Mismatch, Severity: domain.Error, Family: "phone",
		Summary:  "the phone_e164 cell holds another number than the phone as written beside it",
		Settings: []string{"--region"},
		Help:     "Checks, in a list with a phone_e164 column beside the phone as written (the clean file of listaudit fix --keep-phone, a CRM export that stores both), that the two cells hold the same number. listaudit judges the phone_e164 cell, and so do sending tools that read it: when someone corrects one cell (the contact changed number) and leaves the other, messages go to the old number, which may now be someone else's. Spaces, a national form of the same number or an empty phone cell are no mismatch. Find out which number is right, then correct the stale cell or empty it (an empty phone_e164 is read from the phone as written).",
		Basis: []string{
			"Law: GDPR Art. 5(1)(d): personal data must be accurate and kept up to date, and every reasonable step taken to erase or rectify inaccurate data without delay",
			"Practice: comparing the two cells, and quarantining the row in listaudit fix until a person says which number is right, is listaudit's choice: no law names a phone_e164 column",
		},
	},
	{
		ID: ConsentMissing, Severity: domain.Error, Family: "consent",
		Summary: "the consent source is empty or a placeholder (n/a, -, none): nothing shows how the contact opted in",
		Help:    "Checks that every contact has a consent source: how and where they opted in (web form, keyword SMS, paper form, in person). Consent-based marketing rules (GDPR and ePrivacy in the EU, PECR in the UK, the TCPA in the US, CASL in Canada, Kenya's Data Protection Act) require consent before marketing messages, and several put the burden of proving it on the sender; WhatsApp also requires an opt-in. Record the consent source from the system that collected it, or stop messaging the contact until consent is obtained.",
		Basis: []string{
			"Law: GDPR Art. 6(1)(a) and Art. 7(1): consent as the lawful basis, and the controller must be able to demonstrate it",
			"Law: ePrivacy Directive Art. 13(1) / UK PECR reg. 22(2): prior consent for electronic marketing, SMS included",
			"Law: US TCPA, 47 CFR 64.1200(a)(2): prior express written consent for marketing texts",
			"Law: Canada CASL s. 6 and s. 13: consent, and the sender proves it",
			"Law: Kenya Data Protection Act 2019 s. 37: consent for direct marketing",
			"Platform policy: WhatsApp Business opt-in policy: an opt-in before messaging",
		},
	},
	{
		ID: ConsentDateMissing, Severity: domain.Warning, Family: "consent",
		Summary: "a consent source is given but no consent date",
		Help:    "Checks that a contact with a consent source also has the date consent was given. Without a date you cannot show when consent was obtained, that it came before your messages, or that it has not lapsed; regulators' guidance on consent records expects who, when, how and what the person was told. Add the consent timestamp, with its time zone, from the system that collected it.",
		Basis: []string{
			"Law: GDPR Art. 7(1): demonstrable consent",
			"Guidance: EDPB Guidelines 05/2020 on consent, §5.1: record who consented, when, how and what they were told",
			"Law: Canada CASL s. 13: the sender proves consent",
		},
	},
	{
		ID: ConsentExpired, Severity: domain.Warning, Family: "consent",
		Summary:  "consent is older than the maximum consent age",
		Settings: []string{"--consent-max-age", "--now", "--jurisdictions"},
		Help:     "Checks that consent is no older than the maximum consent age (--consent-max-age, 730 days by default). Few laws give express consent a fixed lifetime, but regulators expect consent to be refreshed at sensible intervals, and some kinds lapse by law (in Canada, implied consent from a purchase lasts 24 months). With --jurisdictions builtin, the age the number's jurisdiction gives the row's consent type (consent_type) applies too, and the stricter fires. Ask the contact to confirm their consent or stop messaging them; set --consent-max-age to your own policy.",
		Basis: []string{
			"Guidance: EDPB Guidelines 05/2020 on consent: refresh consent at appropriate intervals",
			"Practice: the default maximum age, 730 days (--consent-max-age), is listaudit's choice and applies to every consent type, express consent included: no law gives consent that lifetime",
			"Law: with --jurisdictions builtin, CASL s. 10(10)(a) and (e): implied consent lasts 24 months from a purchase, 6 months from an inquiry; Oklahoma 15 O.S. §775B.2(3) and Utah Code §13-25a-102(4): an established business relationship lasts 24 and 18 months ('listaudit rules jurisdictions' lists them with their sources)",
			"Guidance: with --jurisdictions builtin, the CRTC's guidance on CASL: express consent does not lapse, so no jurisdiction's age applies to it",
		},
	},
	{
		ID: ConsentAfterContact, Severity: domain.Error, Family: "consent",
		Summary:  "consent is dated after the contact was last messaged (messaged before consent)",
		Settings: []string{"--messages"},
		Help:     "Checks that consent is not dated after the contact was last messaged. Messages sent before consent existed had no consent behind them, and consent obtained later does not cover them. Check whether the dates are wrong; if they are right, review the campaign that messaged the contact early and make sure sending waits for consent.",
		Basis: []string{
			"Law: GDPR Art. 6(1)(a): consent must come before the processing it covers",
			"Law: ePrivacy Directive Art. 13(1) / UK PECR reg. 22(2): prior consent",
			"Law: US TCPA, 47 CFR 64.1200(a)(2): prior express written consent",
		},
	},
	{
		ID: ConsentSourceUnknown, Severity: domain.Warning, Family: "consent",
		Summary:  "the consent source is not one of the sources the policy allows",
		Settings: []string{"consent.sources"},
		Help:     "Checks the consent source against the list of collection methods your policy accepts (consent.sources in .listaudit.yaml). A source nobody recognises, such as a typo or an imported list, is consent you probably cannot demonstrate. Correct the source, or add the method to consent.sources once you have confirmed how that consent was collected.",
		Basis: []string{
			"Law: GDPR Art. 7(1): demonstrable consent",
			"Guidance: EDPB Guidelines 05/2020 on consent, §5.1: record how consent was obtained",
		},
	},
	{
		ID: ConsentEvidenceIncomplete, Severity: domain.Warning, Family: "consent",
		Summary:  "a consent evidence column the policy requires is empty",
		Settings: []string{"consent.require"},
		Help:     "Checks that every consent evidence column your policy requires (consent.require in .listaudit.yaml, such as the consent text version or the channel) is filled. Regulators expect a consent record to show who consented, when, how and what they were told; a missing piece weakens the proof. Fill the column from the system that collected the consent.",
		Basis: []string{
			"Law: GDPR Art. 7(1): demonstrable consent",
			"Guidance: EDPB Guidelines 05/2020 on consent, §5.1: keep a record of the consent",
			"Law: US Telemarketing Sales Rule, 16 CFR 310.5(a)(8): keep consent records",
		},
	},
	{
		ID: ConsentChannelMismatch, Severity: domain.Error, Family: "scope",
		Summary:  "the campaign's channel (--channel) is not among the channels the row consented to (consent_channel)",
		Settings: []string{"--channel"},
		Help:     "Checks that the consent covers the channel the campaign is sent on. In the UK and the EU consent is specific: the ICO says consent to calls does not cover marketing texts, and each kind of message needs its own. WhatsApp's own policy has accepted, since November 2024, an opt-in that is not specific to WhatsApp, provided local law is met, so this rule follows the law, not the platform. Send on a channel the person agreed to, or collect consent for this one.",
		Basis: []string{
			"Law: UK PECR reg. 22(2): prior consent for marketing by electronic mail, texts included",
			"Guidance: the ICO's guidance on electronic mail marketing: consent to calls does not cover text messages",
			"Law: GDPR Art. 4(11), read with Recital 43 (recitals explain the articles and do not bind alone): consent is specific, given separately for separate operations",
		},
	},
	{
		ID: ConsentPurposeMismatch, Severity: domain.Error, Family: "scope",
		Summary:  "the campaign's purpose (--purpose) is not among the purposes the row consented to (consent_purpose)",
		Settings: []string{"--purpose"},
		Help:     "Checks that the consent covers what the campaign is for. Consent is given for specific purposes: consent to account notifications is not consent to marketing. WhatsApp sorts and prices its templates by category (marketing, utility, authentication) and moves a utility template with promotional content to marketing. Send only what the person agreed to receive, or ask for consent to this purpose.",
		Basis: []string{
			"Law: GDPR Art. 6(1)(a), read with Recitals 32 and 43: consent for one or more specific purposes, for each of them",
			"Law: India DPDP Act 2023 s.6(1): consent for the specified purpose and limited to it",
			"Platform policy: WhatsApp Business Platform: template categories marketing, utility and authentication",
		},
	},
	{
		ID: ConsentBrandMismatch, Severity: domain.Error, Family: "scope",
		Summary:  "the row's consent names another business or brand (consent_brand) than the sending one (--brand)",
		Settings: []string{"--brand"},
		Help:     "Checks that the person agreed to hear from the business that sends the campaign, on lists that several brands share. WhatsApp's opt-in must state the name of the business, US written consent authorises a named seller, and under the GDPR consent is informed only if the person knows who the controller is: consent to one brand is not consent to its sister brand. Send from the brand the person consented to, or collect consent for this one.",
		Basis: []string{
			"Platform policy: WhatsApp Business Messaging Policy: the opt-in states the name of the business",
			"Law: US TCPA, 47 CFR 64.1200(f)(9): prior express written consent authorises the seller",
			"Law: GDPR Art. 4(11), read with Recital 42: consent is informed only if the person knows at least who the controller is",
			"Guidance: EDPB Guidelines 05/2020, example 7: consent names the controller, or each partner it is shared with",
		},
	},
	{
		ID: ConsentScopeUnknown, Severity: domain.Warning, Family: "scope",
		Summary:  "a campaign channel, purpose or brand is declared but the list records none for the row",
		Settings: []string{"--channel", "--purpose", "--brand"},
		Help:     "Checks that the list records what the consent covers whenever the campaign declares it: the channels, the purposes and, on lists that record brands, the brand. Without them you cannot show that this consent covers this campaign, and the sender must be able to prove the consent it relies on. Add the scope from the system that collected the consent (the form, the keyword, the checkbox text).",
		Basis: []string{
			"Law: GDPR Art. 7(1): the controller must be able to demonstrate consent",
			"Guidance: EDPB Guidelines 05/2020 on consent, §5.1: demonstrate consent",
			"Law: Canada CASL s.13: the sender has the onus of proving consent",
		},
	},
	{
		ID: ConsentUnconfirmed, Severity: domain.Warning, Family: "scope",
		Summary:  "the policy requires double opt-in and the row's consent was not confirmed (consent_confirmed_at)",
		Settings: []string{"--require-double-opt-in"},
		Help:     "Checks that every consent was confirmed when your policy requires double opt-in: a confirmation date no earlier than the consent. A confirmation answered by the person shows that the number's owner, not someone else, gave the consent. No statute requires it: it is practice, which German courts accept as the proof of e-mail consent (not of consent to calls), and which the US FCC recommends for mobile commercial messages. Send a confirmation request and keep its date.",
		Basis: []string{
			"Practice: double opt-in, which no statute requires; BGH (Germany), 10 Feb 2011, I ZR 164/09 \"Double-opt-in-Verfahren\", accepts it as the proof of e-mail consent (not of consent to calls)",
			"Guidance: FCC 04-194: a confirmatory message asking for a reply, recommended for mobile commercial messages",
			"Law: GDPR Art. 7(1): demonstrable consent",
		},
	},
	{
		ID: OptedOut, Severity: domain.Error, Family: "opt-out",
		Summary: "the contact is opted out (opted_out is true or cannot be read, or opted_out_at with no later consent)",
		Help:    "Checks whether the contact has opted out: opted_out is true (or says unsubscribed, withdrawn, revoked, STOP and the like), or an opt-out date has no later consent. An opted_out cell listaudit cannot read is read as opted out, to be safe: it may record a no; so is an opted_out_at date it cannot read (15/03/2025 without --date-format, 45678) or that lies after now. An objection to direct marketing must be honoured (GDPR Art. 21), US and Canadian rules allow at most 10 business days to act on an opt-out, and WhatsApp's policy requires respecting every opt-out request. Move the contact to a suppression list rather than a sending list, unless they have since given fresh consent.",
		Basis: []string{
			"Law: GDPR Art. 21(2)-(3): an objection to direct marketing must be honoured",
			"Law: GDPR Art. 7(3): withdrawing consent is as easy as giving it",
			"Law: US TCPA revocation rules (47 CFR 64.1200): STOP and similar replies revoke consent",
			"Law: Canada CASL s. 11(3): unsubscribe requests honoured within 10 business days",
			"Platform policy: WhatsApp Business policy: respect all opt-out requests",
		},
		ForbidsMessaging: true,
	},
	{
		ID: ContactedAfterOptOut, Severity: domain.Error, Family: "opt-out",
		Summary:  "the contact was messaged after opting out with no consent in between",
		Settings: []string{"--messages"},
		Help:     "Checks that the contact was not messaged after opting out, unless consent was given again in between. Messaging someone who opted out breaches their objection under GDPR, PECR, the TCPA and CASL alike, and is among the complaints regulators act on most. Find the sending path that ignored the opt-out, fix its suppression, and record any renewed consent explicitly.",
		Basis: []string{
			"Law: GDPR Art. 21(3): no further direct marketing after an objection",
			"Law: US TCPA revocation rules (47 CFR 64.1200)",
			"Law: Canada CASL s. 11(3)",
			"Platform policy: WhatsApp Business policy: respect all opt-out requests",
		},
	},
	{
		ID: Suppressed, Severity: domain.Error, Family: "opt-out",
		Summary:  "the number is on a suppression (do-not-contact) list, or replied STOP in a send log",
		Settings: []string{"--suppress", "--messages"},
		Help:     "Checks every number against the suppression lists given with --suppress: your own do-not-contact list, a partner's hashed list or a regulator's register export; and against the opt-out replies in the send logs given with --messages: a message received from the number whose text is an opt-out keyword (STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, OPTOUT, REVOKE). A suppressed number must not be messaged whatever the list says about consent: an objection to direct marketing is absolute, and a later opt-in reply in the log does not lift a STOP. Remove the contact from the send list.",
		Basis: []string{
			"Law: GDPR Art. 21(3): no further direct marketing after an objection",
			"Law: US TCPA revocation rules (47 CFR 64.1200(a)(10), FCC 24-24): a reply such as stop, quit, end, revoke, opt out, cancel or unsubscribe revokes consent",
			"Platform policy: WhatsApp Business policy: respect all opt-out requests",
		},
		ForbidsMessaging: true,
	},
	{
		ID: Stale, Severity: domain.Warning, Family: "freshness",
		Summary:  "the latest activity or consent is older than the stale threshold",
		Settings: []string{"--stale-after", "--now"},
		Help:     "Checks that the contact's latest activity or consent is more recent than the stale threshold (--stale-after, 365 days by default). GDPR's accuracy and storage-limitation principles call for removing personal data that is out of date or no longer needed, and long-silent numbers are often reassigned to someone else. Re-confirm the contact or remove them from active lists; set --stale-after to your own policy.",
		Basis: []string{
			"Law: GDPR Art. 5(1)(d): accuracy",
			"Law: GDPR Art. 5(1)(e): storage limitation",
			"Practice: the default threshold, 365 days (--stale-after), is listaudit's choice: no law fixes one",
		},
	},
	{
		ID: Duplicate, Severity: domain.Warning, Family: "duplicate",
		Summary:  "the same number (after normalisation) is on an earlier row of any input",
		Settings: []string{"--region"},
		Help:     "Checks whether the same number, after normalisation to E.164, is on an earlier row of any input. Duplicates send one person the same message twice, inflate list counts, and split consent and opt-out records across rows. Merge the rows, keeping the most recent consent and any opt-out.",
		Basis: []string{
			"Law: GDPR Art. 5(1)(d): accuracy",
		},
	},
	{
		ID: DuplicateConflict, Severity: domain.Error, Family: "duplicate",
		Summary: "another row of the same number is opted out, or malformed so that its opt-out cannot be read, and no consent of this row is shown to be later",
		Help:    "Checks whether another row with the same number is opted out while no consent of this row is shown to be later than that opt-out (this row has no consent date, its consent is not later, or the opt-out has no date). An opt-out belongs to the person and the number, not to one row of one list. A malformed row whose phone cell holds a valid number may hold an opt-out that cannot be read, so it conflicts with every other row of its number: listaudit fails closed. Merge the rows and carry the opt-out over, unless this row records consent given after the opt-out; repair a malformed row and audit again.",
		Basis: []string{
			"Law: GDPR Art. 21(3): an objection covers the person, whichever row holds it",
			"Practice: a row whose opt-out cannot be read is held to be one (fail closed), as an objection that was made must be honoured",
		},
		ForbidsMessaging: true,
	},
	{
		ID: OverMessaged, Severity: domain.Warning, Family: "messaging",
		Summary:  "messages sent in the message window exceed the cap",
		Settings: []string{"--max-messages", "--message-window", "--messages", "--jurisdictions"},
		Help:     "Checks that the messages sent in the message window do not exceed the cap (--max-messages in --message-window, 2 in 7 days by default). No general law fixes a number, but frequent marketing messages lead to blocks and reports that lower a sender's WhatsApp quality rating, some places cap solicitations outright, and two a week is common SMS practice. With --jurisdictions builtin, the caps of the number's jurisdiction apply too, over the send log's sliding windows (a messages_sent column covers the policy's window only). Send less often to these contacts, or set the cap and window to your own policy.",
		Basis: []string{
			"Platform policy: WhatsApp Business: per-user limits on marketing messages and quality ratings",
			"Practice: the default cap, 2 messages in 7 days (--max-messages, --message-window), is common SMS practice: no general law fixes a number",
			"Law: with --jurisdictions builtin, Fla. Stat. §501.616(6)(b): at most 3 calls in 24 hours on one subject, calls only; France, Code de la consommation art. D.223-9: 4 calls in 30 days ('listaudit rules jurisdictions' lists them with their sources)",
			"Unverified: with --jurisdictions builtin, Md. Code Com. Law §14-4502 (calls and texts) and Oklahoma's Telephone Solicitation Act of 2022 (calls): 3 in 24 hours on one subject, as secondary sources report them, the text that sets them not read",
		},
	},
	{
		ID: QuietHours, Severity: domain.Warning, Family: "timing",
		Summary:  "at the planned send time it is outside the sending window in the number's time zone",
		Settings: []string{"--send-at", "--send-window", "--jurisdictions"},
		Help:     "Checks the planned campaign time (--send-at) against the recipient's local time, taken from the number's time zones; a number that may be in several zones must be inside the window in all of them. US rules allow telephone solicitations only between 08:00 and 21:00 local time, some states less, and messages at night cost trust anyway. With --jurisdictions builtin, the send must also be inside the window of each of the number's jurisdictions (its country, and a US state or Canadian province by area code), on a day they allow. Move the send time or split the campaign by time zone; set --send-window to your own sending window.",
		Basis: []string{
			"Law: US TCPA, 47 CFR 64.1200(c)(1): telephone solicitations only from 08:00 to 21:00 in the recipient's local time",
			"Practice: the default window, 08:00 to 21:00 (--send-window), applies the federal US hours to every number, channel and purpose",
			"Law: with --jurisdictions builtin, Fla. Stat. §501.616(6)(a): 08:00 to 20:00, calls only; Utah, Washington and Rhode Island for calls; Canada's CRTC telemarketing hours; France, Code de la consommation art. D.223-9 ('listaudit rules jurisdictions' lists them with their sources)",
			"Unverified: with --jurisdictions builtin, Md. Code Com. Law §14-4502 and Oklahoma's Telephone Solicitation Act of 2022: 08:00 to 20:00; Texas for calls: as secondary sources report them, the text that sets them not read; Miss. Code §77-3-723(1): 08:00 to 20:00, no Sundays, and Alabama for calls: read in unofficial copies of the text, not the official one",
		},
	},
	{
		ID: DateInvalid, Severity: domain.Warning, Family: "cells",
		Summary:  "a date cell does not parse, lies after now or before 1900 (the cell then counts as empty)",
		Settings: []string{"--date-format", "--now"},
		Help:     "Checks that each date cell can be read and lies between 1900 and now: earlier dates are placeholders such as 0001-01-01. A date that cannot be read counts as empty, so the consent-age and staleness checks of that row are working without it; but an opt-out date that cannot be read, or lies after now, is read as an opt-out, to be safe. Digits are read as a Unix time from 2000 on: an Excel serial date (45678) or a YYYYMMDD date (20250122) is not one, and the message says which it looks like. Write dates as ISO 8601 (2024-05-31 or 2024-05-31T14:00:00+03:00), or give your export's layout with --date-format (DD/MM/YYYY): the message names the one that reads a day-month date.",
		Basis: []string{
			"Law: GDPR Art. 5(1)(d): accuracy",
		},
	},
	{
		ID: ValueInvalid, Severity: domain.Warning, Family: "cells",
		Summary: "a yes/no, count or country cell cannot be read (an opt-out cell is then read as opted out, any other as empty)",
		Help:    "Checks that yes/no, count and country cells hold a value listaudit can read: yes/no or true/false (an opt-out cell may also hold a status such as unsubscribed, withdrawn, revoked or STOP, in English, French, Spanish, Portuguese or German), a whole number, an ISO 3166 country code or calling code. An unreadable opt-out cell may record a no, so it is read as opted out to be safe (opted-out fires too, and fix quarantines the row); any other unreadable cell counts as empty. Correct the value at its source or normalise the export.",
		Basis: []string{
			"Law: GDPR Art. 5(1)(d): accuracy",
		},
	},
	{
		ID: RowMalformed, Severity: domain.Error, Family: "cells",
		Summary: "the record cannot be read as a row of the header (field count, encoding, syntax)",
		Help:    "Checks that each record can be read as a row of the header: the right number of fields, valid UTF-8 and correct quoting. A malformed row is not audited, so it can hide an opted-out or unconsented contact; only its phone cell is read, and when it holds a valid number every other row of that number gets duplicate-conflict. Fix the export (quote fields that contain the delimiter or line breaks, write UTF-8) and run the audit again.",
		Basis: []string{
			"Law: GDPR Art. 5(1)(d): accuracy",
		},
	},
}

var byID = func() map[string]*Rule {
	m := make(map[string]*Rule, len(Catalogue))
	for i := range Catalogue {
		m[Catalogue[i].ID] = &Catalogue[i]
	}
	return m
}()

// IDs lists the catalogue's rule ids in its order.
func IDs() []string {
	ids := make([]string, len(Catalogue))
	for i := range Catalogue {
		ids[i] = Catalogue[i].ID
	}
	return ids
}

// Lookup returns the rule with id.
func Lookup(id string) (*Rule, bool) {
	r, ok := byID[id]
	return r, ok
}

// ForbidsMessaging reports whether a finding of rule id means the number
// must not be messaged (Rule.ForbidsMessaging).
func ForbidsMessaging(id string) bool {
	r, ok := byID[id]
	return ok && r.ForbidsMessaging
}
