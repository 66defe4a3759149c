package jurisdiction

import (
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/aa"
	"github.com/rickar/cal/v2/fr"
	"github.com/rickar/cal/v2/us"
)

// The holidays the table's windows exclude, each set with the law that
// lists it. rickar/cal's us and fr packages give the federal and French
// ones; the states' own are defined here from their statutes.

var (
	// weekendMoved: a Saturday holiday on the Friday before, a Sunday one
	// on the Monday after.
	weekendMoved = []cal.AltDay{{Day: time.Saturday, Offset: -1}, {Day: time.Sunday, Offset: 1}}
	// mondayMoved: a weekend holiday on the Monday after (R.I. Gen. Laws
	// §25-1-1: "state employees will celebrate the holiday on the
	// following Monday").
	mondayMoved = []cal.AltDay{{Day: time.Saturday, Offset: 2}, {Day: time.Sunday, Offset: 1}}
	// sundayMoved: a Sunday holiday on the Monday after.
	sundayMoved = []cal.AltDay{{Day: time.Sunday, Offset: 1}}
)

// usFederal is 5 U.S.C. §6103(a), as rickar/cal/v2/us has it: a Saturday
// holiday is observed on the Friday before (§6103(b)), a Sunday one on the
// Monday after (Executive Order 11582). The source is the U.S. Code as the
// House's Office of the Law Revision Counsel publishes it, not a court's
// calendar of its own closures.
var usFederal = &Calendar{Name: "US federal holidays", Kind: "federal holiday",
	Source: Source{Cite: "5 U.S.C. §6103(a)", URL: "https://uscode.house.gov/view.xhtml?req=granuleid:USC-prelim-title5-section6103&num=0&edition=prelim", Status: Law,
		Note: "the eleven legal public holidays; one on a Saturday is observed on the Friday before (§6103(b)), one on a Sunday on the Monday after (Executive Order 11582): the date and that day are both excluded"},
	Holidays: us.Holidays}

// utahLegal is Utah Code §63G-1-301(1)(a)–(b) as in force from 6 May
// 2026: the fixed-date holidays move from a Saturday to the Friday before
// and from a Sunday to the Monday after ((2)(a)–(b)); Juneteenth moves to
// the Monday of its week, or after a weekend to the next Monday ((2)(c)–
// (d)). Easter Sunday and every Sunday ((1)(b)(iv), (1)(c)) are Sundays,
// which the window excludes already. Good Friday, which the section lists
// subject to a subsection not read, is utahGoodFriday.
var utahLegal = &Calendar{Name: "Utah legal holidays", Kind: "legal holiday",
	Source: Source{Cite: "Utah Code §63G-1-301", URL: "https://le.utah.gov/xcode/Title63G/Chapter1/63G-1-S301.html", Status: Law,
		Note: "the section's list, with Pioneer Day (24 July), as the Legislature's 2025 and 2026 texts of it have it; one on a Saturday makes the Friday before \"the legal holiday\", one on a Sunday the Monday after, and Juneteenth moves to a Monday ((2)): the date and that day are both excluded, the strictest reading; days the president or the governor proclaims are not known ahead and not excluded, nor Election Day, which a 2026 bill would add from 2027 (not verified as passed)"},
	Holidays: []*cal.Holiday{
		us.NewYear,
		us.MlkDay.Clone(&cal.Holiday{Name: "Dr. Martin Luther King, Jr. Day"}),
		us.PresidentsDay,
		us.MemorialDay,
		{Name: "Juneteenth National Freedom Day", Type: cal.ObservancePublic, Month: time.June, Day: 19, StartYear: 2022,
			Func: cal.CalcDayOfMonth, Observed: []cal.AltDay{
				{Day: time.Tuesday, Offset: -1}, {Day: time.Wednesday, Offset: -2}, {Day: time.Thursday, Offset: -3},
				{Day: time.Friday, Offset: -4}, {Day: time.Saturday, Offset: 2}, {Day: time.Sunday, Offset: 1}}},
		us.IndependenceDay,
		{Name: "Pioneer Day", Type: cal.ObservancePublic, Month: time.July, Day: 24, Func: cal.CalcDayOfMonth, Observed: weekendMoved},
		us.LaborDay,
		us.ColumbusDay,
		us.VeteransDay,
		us.ThanksgivingDay,
		us.ChristmasDay,
	}}

// utahGoodFriday is the Good Friday Utah Code §63G-1-301(1)(b)(iii) adds
// in its 2026 text "subject to Subsection (6)", a subsection not read: it
// is excluded from 2027, as copies of the text date it, the strictest
// reading, and cited as unverified.
var utahGoodFriday = &Calendar{Name: "Utah Good Friday", Kind: "legal holiday",
	Source: Source{Cite: "Utah Code §63G-1-301(1)(b)(iii)", URL: "https://le.utah.gov/xcode/Title63G/Chapter1/63G-1-S301.html", Status: Unverified,
		Note: "the 2026 text lists the Friday before Easter Sunday, Good Friday, subject to a Subsection (6) whose text was not read (subsection unverified): excluded from 2027, when research copies date the text in force from"},
	Holidays: []*cal.Holiday{aa.GoodFriday.Clone(&cal.Holiday{Type: cal.ObservancePublic, StartYear: 2027})}}

// rhodeIslandState is R.I. Gen. Laws §25-1-1: the days it adds to the
// federal ones (Rhode Island Independence Day, Victory Day, election day)
// and the Mondays it moves weekend holidays to, which the federal
// calendar moves a Saturday's to the Friday before.
var rhodeIslandState = &Calendar{Name: "Rhode Island state holidays", Kind: "state holiday",
	Source: Source{Cite: "R.I. Gen. Laws §25-1-1", URL: "http://webserver.rilin.state.ri.us/Statutes/TITLE25/25-1/25-1-1.HTM", Status: Law,
		Note: "besides the federal holidays, what the section adds: Rhode Island Independence Day (4 May), Victory Day (second Monday of August), election day, and the Mondays it moves holidays to (a weekend New Year's Day, Independence Day, Veterans' Day or Christmas Day is celebrated on the Monday after, another holiday on a Sunday on the day after: the date and that day are both excluded); election day is taken to be every even year's, when general elections are held; days the governor, the General Assembly, the president or Congress appoints are not known ahead and not excluded"},
	Holidays: []*cal.Holiday{
		us.NewYear.Clone(&cal.Holiday{Observed: mondayMoved}),
		{Name: "Rhode Island Independence Day", Type: cal.ObservancePublic, Month: time.May, Day: 4, Func: cal.CalcDayOfMonth, Observed: sundayMoved},
		us.IndependenceDay.Clone(&cal.Holiday{Observed: mondayMoved}),
		{Name: "Victory Day", Type: cal.ObservancePublic, Month: time.August, Weekday: time.Monday, Offset: 2, Func: cal.CalcWeekdayOffset},
		us.VeteransDay.Clone(&cal.Holiday{Observed: mondayMoved}),
		{Name: "Election Day", Type: cal.ObservancePublic, Month: time.November, Day: 2, Weekday: time.Tuesday, Offset: 1, Func: evenYears(cal.CalcWeekdayFrom)},
		us.ChristmasDay.Clone(&cal.Holiday{Observed: mondayMoved}),
	}}

// alabamaState is what Ala. Code §1-3-8 adds to the federal holidays: its
// other days fall on the federal ones.
var alabamaState = &Calendar{Name: "Alabama state holidays", Kind: "state holiday",
	Source: Source{Cite: "Ala. Code §1-3-8", URL: "https://alison.legislature.state.al.us/code-of-alabama?section=1-3-8", Status: Unverified,
		Note: "the section's text as an unofficial copy of the Code has it (law.uslawyerdatabase.com; the Legislature's official text, linked, was not read), with the days of the two as 2025 bills amending the section (HB22, HB155) set out the law in force: besides the federal holidays, Confederate Memorial Day (fourth Monday of April) and Jefferson Davis' Birthday (first Monday of June), its other days falling on federal ones; Mardi Gras, a holiday in Mobile and Baldwin counties only, is not excluded, nor are changes bills would make whose passage was not verified"},
	Holidays: []*cal.Holiday{
		{Name: "Confederate Memorial Day", Type: cal.ObservancePublic, Month: time.April, Weekday: time.Monday, Offset: 4, Func: cal.CalcWeekdayOffset},
		{Name: "Jefferson Davis' Birthday", Type: cal.ObservancePublic, Month: time.June, Weekday: time.Monday, Offset: 1, Func: cal.CalcWeekdayOffset},
	}}

// frenchPublic is Code du travail art. L3133-1's eleven jours fériés, as
// rickar/cal/v2/fr has them; none moves to another day.
var frenchPublic = &Calendar{Name: "French public holidays", Kind: "public holiday",
	Source: Source{Cite: "Code du travail art. L3133-1", URL: "https://www.legifrance.gouv.fr/codes/id/LEGISCTA000033008129/", Status: Law,
		Note: "the eleven fêtes légales, Easter Monday, Ascension and Whit Monday moving with Easter; the local holidays of Alsace-Moselle and of the overseas departments are not excluded"},
	Holidays: fr.Holidays}

// evenYears makes a holiday that falls in even years only.
func evenYears(f cal.HolidayFn) cal.HolidayFn {
	return func(h *cal.Holiday, year int) time.Time {
		if year%2 != 0 {
			return time.Time{}
		}
		return f(h, year)
	}
}
