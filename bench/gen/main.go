package main

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// country is one region of the list: its share of rows and the number
// ranges its contacts' numbers are drawn from.
type country struct {
	region string
	weight int
	cc     string
	trunk  string // national (trunk) prefix, "" if none
	idd    string // international prefix as dialled from the region
	// prefixes are the leading digits of example mobile (and a few fixed)
	// numbers; the rest of each number is random.
	prefixes []string
	lengths  []int
}

var regions = []struct {
	region string
	weight int
}{
	{"KE", 14}, {"NG", 12}, {"IN", 10}, {"GB", 8}, {"US", 8}, {"DE", 6}, {"BR", 6}, {"ZA", 6},
	{"TZ", 5}, {"UG", 5}, {"PH", 5}, {"ID", 4}, {"FR", 3}, {"MX", 3}, {"EG", 3}, {"IT", 2},
}

func main() {
	rows := flag.Int("rows", 1_000_000, "rows to write")
	out := flag.String("o", "", "output file (default stdout)")
	seed := flag.Uint64("seed", 1, "random seed")
	scope := flag.Bool("scope", false, "add the consent scope columns: consent_channel, consent_purpose, consent_type and consent_confirmed_at")
	flag.Parse()

	w := os.Stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	// The scope columns draw from a generator of their own, so that the
	// other columns are the same with -scope as without.
	var scopeRNG *rand.Rand
	if *scope {
		scopeRNG = rand.New(rand.NewPCG(*seed, 2027))
	}
	if err := generate(bw, *rows, rand.New(rand.NewPCG(*seed, 2026)), scopeRNG); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := bw.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func countries() ([]country, int) {
	var cs []country
	total := 0
	for _, r := range regions {
		c := country{region: r.region, weight: r.weight, cc: strconv.Itoa(phonenumbers.GetCountryCodeForRegion(r.region))}
		c.trunk = phonenumbers.GetNddPrefixForRegion(r.region, true)
		c.idd = "00"
		switch r.region { // where "00" is not the international prefix
		case "US":
			c.idd = "011"
		case "KE", "TZ", "UG":
			c.idd = "000"
		case "NG":
			c.idd = "009"
		case "ID":
			c.idd = "001"
		}
		// Nine mobile ranges to one fixed-line range.
		for _, t := range []phonenumbers.PhoneNumberType{phonenumbers.MOBILE, phonenumbers.MOBILE, phonenumbers.MOBILE, phonenumbers.MOBILE, phonenumbers.MOBILE, phonenumbers.MOBILE, phonenumbers.MOBILE, phonenumbers.MOBILE, phonenumbers.MOBILE, phonenumbers.FIXED_LINE} {
			ex := phonenumbers.GetExampleNumberForType(r.region, t)
			if ex == nil {
				continue
			}
			nsn := phonenumbers.GetNationalSignificantNumber(ex)
			keep := min(4, len(nsn)-4)
			c.prefixes = append(c.prefixes, nsn[:keep])
			c.lengths = append(c.lengths, len(nsn))
		}
		cs = append(cs, c)
		total += r.weight
	}
	return cs, total
}

type row struct {
	region string
	nsn    string
}

// generate writes n rows; with scope non-nil, each row ends with the
// consent scope columns, drawn from scope.
func generate(w *bufio.Writer, n int, rng, scope *rand.Rand) error {
	cs, total := countries()
	pick := func() *country {
		k := rng.IntN(total)
		for i := range cs {
			if k < cs[i].weight {
				return &cs[i]
			}
			k -= cs[i].weight
		}
		return &cs[len(cs)-1]
	}
	byRegion := map[string]*country{}
	for i := range cs {
		byRegion[cs[i].region] = &cs[i]
	}
	var seen []row // earlier numbers, for duplicates
	w.WriteString("id,name,email,phone,country,consent_source,consent_at,opted_out,opted_out_at,last_contacted_at,last_active_at,messages_sent")
	if scope != nil {
		w.WriteString(",consent_channel,consent_purpose,consent_type,consent_confirmed_at")
	}
	w.WriteString("\n")
	buf := make([]byte, 0, 256)
	for i := range n {
		var c *country
		var nsn string
		if len(seen) > 0 && rng.IntN(100) < 3 {
			// A duplicate: an earlier number, spelled again below in a
			// format of its own.
			r := seen[rng.IntN(len(seen))]
			c, nsn = byRegion[r.region], r.nsn
		} else {
			c = pick()
			j := rng.IntN(len(c.prefixes))
			nsn = c.prefixes[j] + digits(rng, c.lengths[j]-len(c.prefixes[j]))
			if len(seen) < 200_000 {
				seen = append(seen, row{c.region, nsn})
			} else {
				seen[rng.IntN(len(seen))] = row{c.region, nsn}
			}
		}
		phone := spell(rng, c, nsn)
		countryCell := c.region
		switch k := rng.IntN(100); {
		case k < 3:
			countryCell = ""
		case k < 6:
			countryCell = "+" + c.cc
		case k < 8:
			countryCell = string([]byte{c.region[0] | 0x20, c.region[1] | 0x20})
		}

		buf = buf[:0]
		buf = strconv.AppendInt(buf, int64(i+1), 10)
		first, last := firstNames[rng.IntN(len(firstNames))], lastNames[rng.IntN(len(lastNames))]
		buf = append(buf, ',')
		buf = append(buf, first...)
		buf = append(buf, ' ')
		buf = append(buf, last...)
		buf = append(buf, ',')
		buf = appendLower(buf, first)
		buf = append(buf, '.')
		buf = appendLower(buf, last)
		buf = strconv.AppendInt(append(buf, '.'), int64(rng.IntN(1000)), 10)
		buf = append(buf, "@example.com,"...)
		buf = append(buf, phone...)
		buf = append(buf, ',')
		buf = append(buf, countryCell...)
		buf = append(buf, ',')
		buf = append(buf, sources[rng.IntN(len(sources))]...)
		buf = append(buf, ',')
		consentAt := len(buf)
		if rng.IntN(10) > 0 {
			buf = appendDate(buf, rng, 2023)
		}
		consentDate := buf[consentAt:len(buf):len(buf)]
		// opted_out, opted_out_at
		switch k := rng.IntN(100); {
		case k < 6:
			buf = append(buf, ",yes,"...)
			buf = appendDate(buf, rng, 2025)
		case k < 9:
			buf = append(buf, ",true,"...)
		case k < 40:
			buf = append(buf, ",no,"...)
		default:
			buf = append(buf, ",,"...)
		}
		buf = append(buf, ',')
		if rng.IntN(4) > 0 {
			buf = appendDate(buf, rng, 2025)
		}
		buf = append(buf, ',')
		if rng.IntN(3) > 0 {
			buf = appendDate(buf, rng, 2024)
		}
		buf = append(buf, ',')
		buf = strconv.AppendInt(buf, int64(rng.IntN(6)), 10)
		if scope != nil {
			buf = appendScope(buf, scope, consentDate)
		}
		buf = append(buf, '\n')
		if _, err := w.Write(buf); err != nil {
			return err
		}
	}
	return nil
}

// The scope columns' values with their shares in percent, as lists write
// them: names, aliases, several in a cell, and empty cells.
var (
	scopeChannels = weighted{{"whatsapp", 42}, {"sms", 18}, {"sms;whatsapp", 14}, {"WhatsApp, SMS", 5},
		{"email", 4}, {"email;sms", 3}, {"rcs", 2}, {"voice", 2}, {"text messages", 3}, {"", 7}}
	scopePurposes = weighted{{"marketing", 45}, {"utility", 18}, {"marketing;utility", 10}, {"Promotional", 5},
		{"order updates", 4}, {"authentication", 3}, {"otp", 2}, {"service", 3}, {"", 10}}
	scopeTypes = weighted{{"express", 38}, {"double_opt_in", 25}, {"double opt-in", 3}, {"implied", 10},
		{"implied_inquiry", 5}, {"soft_opt_in", 4}, {"", 15}}
)

// weighted is a list of values and their weights, which add up to 100.
type weighted []struct {
	value  string
	weight int
}

func (w weighted) pick(rng *rand.Rand) string {
	k := rng.IntN(100)
	for _, v := range w {
		if k < v.weight {
			return v.value
		}
		k -= v.weight
	}
	return w[len(w)-1].value
}

// appendScope appends the consent scope cells: channels, purposes, consent
// type, and for nine double opt-ins in ten a confirmation on the day of the
// consent (consentDate, which may be empty).
func appendScope(b []byte, rng *rand.Rand, consentDate []byte) []byte {
	b = appendCell(append(b, ','), scopeChannels.pick(rng))
	b = appendCell(append(b, ','), scopePurposes.pick(rng))
	t := scopeTypes.pick(rng)
	b = append(append(b, ','), t...)
	b = append(b, ',')
	if strings.HasPrefix(t, "double") && rng.IntN(10) > 0 {
		b = append(b, consentDate...)
	}
	return b
}

// appendCell appends a cell, quoted when it holds a comma.
func appendCell(b []byte, v string) []byte {
	if strings.IndexByte(v, ',') < 0 {
		return append(b, v...)
	}
	return append(append(append(b, '"'), v...), '"')
}

// spell writes a number the ways lists do, in roughly the shares measured
// on real lists: 32% E.164, 23% "+" with separators, 24% national with
// trunk prefix, 8% bare digits, 3% international prefix, 5% malformed
// (the remaining 5% are national numbers without trunk prefix).
func spell(rng *rand.Rand, c *country, nsn string) string {
	switch k := rng.IntN(100); {
	case k < 32:
		return "+" + c.cc + nsn
	case k < 55:
		return "+" + c.cc + " " + group(rng, nsn)
	case k < 79:
		if c.region == "US" {
			return "(" + nsn[:3] + ") " + nsn[3:6] + "-" + nsn[6:]
		}
		return group(rng, c.trunk+nsn)
	case k < 87:
		return c.cc + nsn
	case k < 90:
		return c.idd + c.cc + nsn
	case k < 95:
		return nsn
	}
	switch rng.IntN(10) {
	case 0:
		return ""
	case 1:
		return "+" + c.cc + nsn[:3] // too short
	case 2:
		return "+" + c.cc + nsn + digits(rng, 3) // too long
	case 3:
		return c.trunk + nsn + " ext. " + digits(rng, 3)
	case 4:
		return "n/a"
	case 5:
		return "call " + c.trunk + nsn[:4]
	case 6:
		return "+" + c.cc + "0" + nsn[1:] // a range that does not exist
	case 7:
		return "#VALUE!"
	case 8:
		return "tel:+" + c.cc + nsn
	}
	return digits(rng, 5+rng.IntN(10))
}

// group splits digits into groups of 2–4 with one separator style.
func group(rng *rand.Rand, d string) string {
	sep := [...]string{" ", " ", " ", "-", "."}[rng.IntN(5)]
	out := make([]byte, 0, len(d)+8)
	for i := 0; i < len(d); {
		n := min(len(d)-i, 3+rng.IntN(2))
		if i > 0 {
			out = append(out, sep...)
		}
		out = append(out, d[i:i+n]...)
		i += n
	}
	return string(out)
}

func digits(rng *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + rng.IntN(10))
	}
	return string(b)
}

func appendDate(b []byte, rng *rand.Rand, from int) []byte {
	y := from + rng.IntN(2026-from)
	m, d := 1+rng.IntN(12), 1+rng.IntN(28)
	b = strconv.AppendInt(b, int64(y), 10)
	b = append(b, '-', byte('0'+m/10), byte('0'+m%10), '-', byte('0'+d/10), byte('0'+d%10))
	return b
}

func appendLower(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

var (
	firstNames = []string{"Amina", "Oliver", "Grace", "Chinedu", "Priya", "Lukas", "Ana", "Thabo", "Neema", "Joseph", "Maria", "Siti", "Camille", "Diego", "Omar", "Giulia", "Wanjiru", "Emeka", "Arjun", "Emily"}
	lastNames  = []string{"Wanjiru", "Bennett", "Miller", "Okafor", "Sharma", "Schmidt", "Silva", "Nkosi", "Mushi", "Okello", "Santos", "Rahayu", "Dubois", "Hernandez", "Hassan", "Rossi", "Kamau", "Eze", "Patel", "Smith"}
	sources    = []string{"web_form", "checkout", "event_signup", "whatsapp_optin", "import", ""}
)
