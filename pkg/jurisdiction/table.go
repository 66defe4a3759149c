package jurisdiction

import (
	"time"

	"github.com/listaudit/listaudit/pkg/domain"
)

// The built-in table. Every value carries the text it comes from and
// whether that is law (its text read), guidance, practice or unverified (as
// secondary sources report a law); a jurisdiction or a value no source
// reports is left out rather than guessed. Notes say what the
// source leaves open: the table applies a value where it may apply, and
// the note tells a reader where that is uncertain. The holidays a window
// excludes are calendars (calendars.go), each with the law that lists them.

const (
	voice          = domain.ChannelVoice
	voiceAndText   = domain.ChannelVoice | domain.ChannelSMS
	electronic     = domain.ChannelSMS | domain.ChannelRCS | domain.ChannelWhatsApp | domain.ChannelEmail
	marketing      = domain.PurposeMarketing
	weekdaysMonFri = Weekdays(1<<time.Monday | 1<<time.Tuesday | 1<<time.Wednesday | 1<<time.Thursday | 1<<time.Friday)
	weekdaysMonSat = weekdaysMonFri | 1<<time.Saturday
	weekend        = Weekdays(1<<time.Saturday | 1<<time.Sunday)
)

// hours is a window from start to end, "HH:MM" each.
func hours(start, end string) domain.QuietHours {
	s, err1 := domain.ParseClockTime(start)
	e, err2 := domain.ParseClockTime(end)
	if err1 != nil || err2 != nil {
		panic("jurisdiction table: bad hours " + start + "-" + end)
	}
	return domain.QuietHours{Start: s, End: e}
}

var (
	usCFR = Source{Cite: "47 CFR 64.1200(c)(1)", URL: "https://www.ecfr.gov/current/title-47/chapter-I/subchapter-B/part-64/subpart-L/section-64.1200", Status: Law,
		Note: "telephone solicitations only: not calls or texts with the recipient's prior express invitation or permission, or to an established business relationship (64.1200(f)(15)); texts to wireless numbers through 64.1200(e)"}
	flHours = Source{Cite: "Fla. Stat. §501.616(6)(a)", URL: "https://flsenate.gov/Session/Bill/2021/1120/BillText/er/HTML", Status: Law,
		Note: "commercial telephone solicitation phone calls, as CS for SB 1120 (2021) worded the subsection; a commercial telephone solicitation is an unsolicited telephone call (§501.603), and texts are not named, so the table applies the hours to calls: a sender who applies them to texts too, as SMS vendors do, sets them in the policy file (jurisdictions: {US-FL: {send_window: \"08:00-20:00\"}})"}
	flCap = Source{Cite: "Fla. Stat. §501.616(6)(b)", URL: "https://flsenate.gov/Session/Bill/2021/1120/BillText/er/HTML", Status: Law,
		Note: "more than three commercial telephone solicitation phone calls to a person in 24 hours on the same subject matter or issue, from any number; texts are not named, so the table applies the cap to calls: a sender who applies it to texts too sets it in the policy file (max_messages: 3, message_window: 24h)"}
	okAct = Source{Cite: "15 O.S. §775C (Telephone Solicitation Act of 2022)", URL: "https://app.legiplex.com/ok/legislature/2022/2022-r/bills/hb3168/drafts-latest", Status: Unverified,
		Note: "the enrolled act (HB 3168) was read only in part: the hours and the cap (more than three sales calls in 24 hours on the same matter) are as the State Senate and secondary sources reported them, and the section number and whether they reach texts were not verified"}
	okEBR = Source{Cite: "15 O.S. §775B.2(3)", URL: "https://cliclaw.com/library/us-state-laws/oklahoma/oklahoma-telemarketer-restriction-act-15-ok-stat-%C2%A7-15-775b1-%C2%A7-15", Status: Unverified,
		Note: "Telemarketer Restriction Act: an established business relationship is one within the preceding 24 months, as a vendor's copy of the Act gives it; the official text (Oklahoma Statutes on OSCN) was not read"}
	mdAct = Source{Cite: "Md. Code Com. Law §14-4502", URL: "https://mgaleg.maryland.gov/mgawebsite/Legislation/Details/SB0090?ys=2023RS", Status: Unverified,
		Note: "Stop the Spam Calls Act of 2023, in force 1 January 2024: its definitions (§14-4501) name text messages; the hours and the cap (three calls or texts per 24 hours on the same subject) are as news reports gave them, the subsection of §14-4502 that sets them not read"}
	txHours = Source{Cite: "Tex. Bus. & Com. Code §301.051", URL: "https://statutes.capitol.texas.gov/Docs/BC/htm/BC.301.htm#301.051", Status: Unverified,
		Note: "hours as secondary sources report them, the statute text not read; whether they reach texts is disputed"}
	msHours = Source{Cite: "Miss. Code §77-3-723(1)", URL: "https://billstatus.ls.state.ms.us/documents/2017/html/HB/0400-0499/HB0450PS.htm", Status: Unverified,
		Note: "voice or text telephone solicitations (§77-3-705(d), as the Legislature's SB 2494 (2023) words it); the hours and the Sunday ban as unofficial copies of the Code (getpocketlaw.com) and the Attorney General's office (as DNC.com reported in 2024) give them: the official Code is published by LexisNexis and was not read, and the linked bill that reenacted the section (HB 450, 2017) was not read for it; the law says Central Standard Time, judged here in the number's time zone"}
	utHours = Source{Cite: "Utah Code §13-25a-103(3)", URL: "https://le.utah.gov/xcode/Title13/Chapter25A/13-25a-S103.html", Status: Law,
		Note: "telephone solicitations without prior express consent; Sundays and legal holidays (Utah Code §63G-1-301) are excluded; whether texts are covered is not settled, so the table applies it to calls"}
	utEBR = Source{Cite: "Utah Code §13-25a-102(4)", URL: "https://le.utah.gov/xcode/Title13/Chapter25A/13-25a-S102.html", Status: Law,
		Note: "an established business relationship ends 18 months after the most recent inquiry, application, purchase or transaction"}
	alHours = Source{Cite: "Ala. Admin. Code r. 770-X-5-.17(1)(b)", URL: "https://admincode.legislature.state.al.us/administrative-code/770-X-5-.17", Status: Unverified,
		Note: "the rule as an unofficial copy of the Code has it (current through Register Vol. 43, No. 1, October 2024), the official Alabama Administrative Code, linked, not read; automated solicitation calls; Sundays and holidays are excluded, and the rule does not say which holidays: federal and Alabama state holidays both are, the strictest reading"}
	waHours = Source{Cite: "RCW 19.158.040(2)", URL: "https://app.leg.wa.gov/RCW/default.aspx?cite=19.158.040", Status: Law,
		Note: "commercial telephone solicitors' calls; commercial texts need the subscriber's prior consent instead (RCW 19.190.060, 19.190.070)"}
	riHours = Source{Cite: "R.I. Gen. Laws §5-61-3.6(a)", URL: "http://webserver.rilin.state.ri.us/Statutes/TITLE5/5-61/5-61-3.6.HTM", Status: Law,
		Note: "unsolicited telephonic sales calls, hours in §5-61-2, which excepts state and federal holidays; whether texts are covered is not settled, so the table applies it to calls"}
	caHours = Source{Cite: "CRTC Unsolicited Telecommunications Rules", URL: "https://crtc.gc.ca/eng/phone/telemarketing/tobligations/rules-regles.htm", Status: Law,
		Note: "telemarketing calls and faxes; CASL sets no hours for electronic messages such as texts"}
	caImplied = Source{Cite: "CASL s.10(10)(a)", URL: "https://laws-lois.justice.gc.ca/eng/acts/E-1.6/", Status: Law,
		Note: "a purchase or lease within the two years before the message; for a subscription, account or loan the two years start when it ends (s.10(14)(a))"}
	caInquiry = Source{Cite: "CASL s.10(10)(e)", URL: "https://laws-lois.justice.gc.ca/eng/acts/E-1.6/", Status: Law,
		Note: "an inquiry or application within the six months before the message"}
	caExpress = Source{Cite: "CRTC guidance on CASL", URL: "https://crtc.gc.ca/eng/com500/guide.htm", Status: Guidance,
		Note: "express consent is not time-limited: the Act gives it no period; it lasts until withdrawn"}
	frHours = Source{Cite: "Code de la consommation art. D.223-9", URL: "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000046421823", Status: Law,
		Note: "telephone prospecting calls, unless the consumer gave prior express consent; Monday to Friday except public holidays (jours fériés, Code du travail art. L3133-1); the cap is per professional over 30 calendar days, with a 60-day pause after a refusal (not checked)"}
)

// table is every jurisdiction listaudit knows a threshold of, by code.
var table = []Entry{
	{Code: "CA", Name: "Canada",
		Window: &SendingWindow{Windows: []Window{{hours("09:00", "21:30"), weekdaysMonFri}, {hours("10:00", "18:00"), weekend}},
			Channels: voice, Purposes: marketing, Source: caHours},
		Ages: []ConsentAge{
			{Types: []domain.ConsentType{domain.ConsentImplied}, Age: Age{Months: 24}, Channels: electronic, Purposes: marketing, Source: caImplied},
			{Types: []domain.ConsentType{domain.ConsentImpliedInquiry}, Age: Age{Months: 6}, Channels: electronic, Purposes: marketing, Source: caInquiry},
			{Types: []domain.ConsentType{domain.ConsentExpress, domain.ConsentDoubleOptIn}, Channels: electronic, Purposes: marketing, Source: caExpress},
		}},
	{Code: "FR", Name: "France",
		Window: &SendingWindow{Windows: []Window{{hours("10:00", "13:00"), weekdaysMonFri}, {hours("14:00", "20:00"), weekdaysMonFri}},
			Holidays: []*Calendar{frenchPublic}, Channels: voice, Purposes: marketing, Source: frHours},
		Caps: []Cap{{Max: 4, Per: domain.Duration(30 * 24 * time.Hour), Channels: voice, Purposes: marketing, Source: frHours}}},
	{Code: "US", Name: "United States",
		Window: &SendingWindow{Windows: []Window{{Hours: hours("08:00", "21:00")}}, Channels: voiceAndText, Purposes: marketing, Source: usCFR}},
	{Code: "US-AL", Name: "Alabama",
		Window: &SendingWindow{Windows: []Window{{hours("08:00", "20:00"), weekdaysMonSat}}, Holidays: []*Calendar{usFederal, alabamaState},
			Channels: voice, Purposes: marketing, Source: alHours}},
	{Code: "US-FL", Name: "Florida",
		Window: &SendingWindow{Windows: []Window{{Hours: hours("08:00", "20:00")}}, Channels: voice, Purposes: marketing, Source: flHours},
		Caps:   []Cap{{Max: 3, Per: domain.Duration(24 * time.Hour), Channels: voice, Purposes: marketing, Source: flCap}}},
	{Code: "US-MD", Name: "Maryland",
		Window: &SendingWindow{Windows: []Window{{Hours: hours("08:00", "20:00")}}, Channels: voiceAndText, Purposes: marketing, Source: mdAct},
		Caps:   []Cap{{Max: 3, Per: domain.Duration(24 * time.Hour), Channels: voiceAndText, Purposes: marketing, Source: mdAct}}},
	{Code: "US-MS", Name: "Mississippi",
		Window: &SendingWindow{Windows: []Window{{hours("08:00", "20:00"), weekdaysMonSat}}, Channels: voiceAndText, Purposes: marketing, Source: msHours}},
	{Code: "US-OK", Name: "Oklahoma",
		Window: &SendingWindow{Windows: []Window{{Hours: hours("08:00", "20:00")}}, Channels: voice, Purposes: marketing, Source: okAct},
		Caps:   []Cap{{Max: 3, Per: domain.Duration(24 * time.Hour), Channels: voice, Purposes: marketing, Source: okAct}},
		Ages:   []ConsentAge{{Types: []domain.ConsentType{domain.ConsentImplied}, Age: Age{Months: 24}, Channels: voice, Purposes: marketing, Source: okEBR}}},
	{Code: "US-RI", Name: "Rhode Island",
		Window: &SendingWindow{Windows: []Window{{hours("09:00", "18:00"), weekdaysMonFri}, {hours("10:00", "17:00"), Days(time.Saturday)}},
			Holidays: []*Calendar{usFederal, rhodeIslandState}, Channels: voice, Purposes: marketing, Source: riHours}},
	{Code: "US-TX", Name: "Texas",
		Window: &SendingWindow{Windows: []Window{{hours("09:00", "21:00"), weekdaysMonSat}, {hours("12:00", "21:00"), Days(time.Sunday)}},
			Channels: voice, Purposes: marketing, Source: txHours}},
	{Code: "US-UT", Name: "Utah",
		Window: &SendingWindow{Windows: []Window{{hours("08:00", "21:00"), weekdaysMonSat}}, Holidays: []*Calendar{utahLegal, utahGoodFriday},
			Channels: voice, Purposes: marketing, Source: utHours},
		Ages: []ConsentAge{{Types: []domain.ConsentType{domain.ConsentImplied}, Age: Age{Months: 18}, Channels: voice, Purposes: marketing, Source: utEBR}}},
	{Code: "US-WA", Name: "Washington",
		Window: &SendingWindow{Windows: []Window{{Hours: hours("08:00", "20:00")}}, Channels: voice, Purposes: marketing, Source: waHours}},
}

// Table returns the built-in table, sorted by code. It is shared: do not
// change it.
func Table() []Entry { return table }

// Lookup returns the table's entry for a code (as ParseCode writes it).
func Lookup(code string) (*Entry, bool) {
	for i := range table {
		if table[i].Code == code {
			return &table[i], true
		}
	}
	return nil, false
}
