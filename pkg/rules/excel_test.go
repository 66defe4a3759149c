package rules

import (
	"strings"
	"testing"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/phone"
)

// TestExcelDamage pins which cells phone-excel-damaged fires on, what it
// suggests, and which other phone rules still run on the same cell.
func TestExcelDamage(t *testing.T) {
	tests := []struct {
		name    string
		cell    string
		numeric bool   // stored as a number (an XLSX number cell)
		region  string // --region; "" for none
		country string
		// rules raised on the phone cell, in order; suggest is the number the
		// message suggests ("" for none), and Phone of the findings.
		rules   []string
		suggest string
		phoneID string
	}{
		// Scientific notation: always damage; recoverable only when exact.
		{"scientific, digits lost", "2.54712E+11", false, "KE", "", []string{PhoneExcelDamaged}, "", "2.54712E+11"},
		{"scientific, lowercase, no plus sign", "2.54712e11", false, "KE", "", []string{PhoneExcelDamaged}, "", "2.54712e11"},
		{"scientific, exact, lost +", "2.54712345678E+11", false, "KE", "", []string{PhoneExcelDamaged}, "+254712345678", "+254712345678"},
		{"scientific, exact, comma decimal", "2,54712345678E+11", false, "KE", "", []string{PhoneExcelDamaged}, "+254712345678", "+254712345678"},
		{"scientific, 15 digits shown of 18", "2.54712345678901E+17", true, "KE", "", []string{PhoneExcelDamaged}, "", "2.54712345678901E+17"},
		{"scientific, not whole", "2.547E+2", false, "KE", "", []string{PhoneExcelDamaged}, "", "2.547E+2"},
		{"scientific, no region, exact", "2.54712345678E+11", false, "", "", []string{PhoneExcelDamaged}, "+254712345678", "+254712345678"},
		// A decimal tail of zeros: always damage.
		{"trailing .0, lost +", "254712345678.0", false, "KE", "", []string{PhoneExcelDamaged}, "+254712345678", "+254712345678"},
		{"trailing .00 with +", "+254712345678.00", false, "", "", []string{PhoneExcelDamaged}, "+254712345678", "+254712345678"},
		{"trailing .0, lost 0", "712345678.0", false, "KE", "", []string{PhoneExcelDamaged}, "+254712345678", "+254712345678"},
		{"trailing .0, landline still judged", "202345678.0", false, "KE", "", []string{PhoneExcelDamaged, PhoneNotMobile}, "+254202345678", "+254202345678"},
		{"trailing .0, nothing valid left", "12.0", false, "KE", "", []string{PhoneExcelDamaged}, "", "12.0"},
		{"trailing .5 is not the shape", "254712345678.5", false, "KE", "", []string{PhoneInvalid}, "", "254712345678.5"},
		// A number cell: damage only where the region makes the loss evident.
		{"number cell, lost + (KE)", "254712345678", true, "KE", "", []string{PhoneExcelDamaged}, "+254712345678", "+254712345678"},
		{"number cell, lost + (country cell)", "447911123456", true, "", "GB", []string{PhoneExcelDamaged}, "+447911123456", "+447911123456"},
		{"number cell, lost + without a region", "447911123456", true, "", "", []string{PhoneExcelDamaged}, "+447911123456", "+447911123456"},
		{"number cell, lost 0 (KE)", "712345678", true, "KE", "", []string{PhoneExcelDamaged}, "+254712345678", "+254712345678"},
		{"number cell, other code than the region's", "447911123456", true, "KE", "", []string{PhoneInvalid}, "", "447911123456"},
		{"number cell, US trunk 1 is no 0 to lose", "4155552671", true, "US", "", []string{PhoneNotE164}, "", "+14155552671"},
		{"number cell, nothing evident", "12345", true, "KE", "", []string{PhoneInvalid}, "", "12345"},
		// Text cells: bare digits are how MSISDN/wa_id columns are written.
		{"text, digits with code", "254712345678", false, "KE", "", []string{PhoneNotE164}, "", "+254712345678"},
		{"text, digits without 0", "712345678", false, "KE", "", []string{PhoneNotE164}, "", "+254712345678"},
		{"text, E.164", "+254712345678", false, "KE", "", nil, "", "+254712345678"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := domain.DefaultPolicy()
			p.DefaultRegion = tt.region
			k := NewChecker(p, testNow, phone.NewNormaliser(), nil)
			cells := with(good(), domain.FieldPhone, tt.cell)
			if tt.country != "" {
				cells[domain.FieldCountry] = tt.country
			}
			rec := record(1, cells)
			rec.PhoneIsNumber = tt.numeric
			var c Contact
			var got []string
			var msg string
			fs := k.Check(rec, &c, nil)
			for _, f := range fs {
				if f.Rule == ConsentExpired || f.Rule == Stale {
					continue
				}
				got = append(got, f.Rule)
				if f.Rule == PhoneExcelDamaged {
					msg = f.Message
				}
				if f.Phone != tt.phoneID {
					t.Errorf("%s: Phone = %q, want %q", f.Rule, f.Phone, tt.phoneID)
				}
			}
			if strings.Join(got, ",") != strings.Join(tt.rules, ",") {
				t.Fatalf("rules = %v, want %v (%+v)", got, tt.rules, fs)
			}
			if msg == "" {
				return
			}
			if !strings.Contains(msg, "format the phone column as text") {
				t.Errorf("message does not say how to re-export: %s", msg)
			}
			// The message never repeats the number: reports mask the
			// finding's number, not its message.
			if digits := strings.TrimPrefix(tt.suggest, "+"); digits != "" && strings.Contains(msg, digits[len(digits)-6:]) {
				t.Errorf("message %q repeats the number", msg)
			}
			if tt.suggest != "" && !strings.Contains(msg, "probably the number this finding names") {
				t.Errorf("message does not suggest %s: %s", tt.suggest, msg)
			}
			if tt.suggest == "" && strings.Contains(msg, "probably") {
				t.Errorf("message suggests a number: %s", msg)
			}
		})
	}
}

func TestExcelDamageMessages(t *testing.T) {
	z := phone.NewNormaliser()
	for _, tt := range []struct{ cell, region, want string }{
		{"2.54712E+11", "KE", "the cell is in scientific notation, as a spreadsheet shows a number stored as a number: it keeps 6 significant digits of a number of 12 digits and the rest are lost, so the number cannot be recovered from this file; " + reexport},
		{"254712345678.0", "KE", "the cell has a decimal tail: a spreadsheet stored the number as a number and the leading + was lost; it is probably the number this finding names; " + reexport},
	} {
		if got := excelDamageOf(tt.cell, false, tt.region, z).message; got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.cell, got, tt.want)
		}
	}
}

func TestExcelDamageDisabled(t *testing.T) {
	p := policyKE()
	p.Disabled = []string{PhoneExcelDamaged}
	rs, err := NewRuleSet(p)
	if err != nil {
		t.Fatal(err)
	}
	k := NewChecker(p, testNow, phone.NewNormaliser(), rs)
	var c Contact
	fs := k.Check(record(1, with(good(), domain.FieldPhone, "254712345678.0")), &c, nil)
	if len(fs) != 1 || fs[0].Rule != PhoneInvalid {
		t.Fatalf("with the rule disabled the cell is judged as written: %+v", fs)
	}
}

func TestConsentMissingWithoutColumn(t *testing.T) {
	k := NewChecker(policyKE(), testNow, phone.NewNormaliser(), nil)
	rec := record(1, with(good(), domain.FieldConsentSource, ""))
	cols := *testColumns
	cols[domain.FieldConsentSource] = ""
	rec.Columns = &cols
	var c Contact
	fs := k.Check(rec, &c, nil)
	if len(fs) == 0 || fs[0].Rule != ConsentMissing || !strings.Contains(fs[0].Message, "the file has no consent source column") {
		t.Fatalf("got %+v", fs)
	}
}

// TestMayBeExcelDamagedPassesEveryMatch checks the cheap test before
// excelDamageOf against its regexps: every text cell they match after
// trimming, of an alphabet of their bytes and white space, passes it.
func TestMayBeExcelDamagedPassesEveryMatch(t *testing.T) {
	alphabet := []string{"0", "1", "9", ".", ",", "e", "E", "+", "-", " ", "\u00a0", "x"}
	var cells []string
	var grow func(prefix string, n int)
	grow = func(prefix string, n int) {
		cells = append(cells, prefix)
		if n == 0 {
			return
		}
		for _, a := range alphabet {
			grow(prefix+a, n-1)
		}
	}
	grow("", 5)
	// Longer cells of the shapes the regexps read, with white space around.
	for _, c := range []string{"2.54712E+11", "2,54712345678e11", "254712345678.0", "+254712345678.00", "2.5E+100"} {
		cells = append(cells, c, " "+c, c+" ", c+"\u00a0", "\t"+c+"\r")
	}
	for _, c := range cells {
		s := strings.TrimSpace(c)
		if (scientificRe.MatchString(s) || decimalRe.MatchString(s)) && !mayBeExcelDamaged(c, false) {
			t.Errorf("mayBeExcelDamaged(%q) = false, but the cell is in the shape of damage", c)
		}
	}
	for _, c := range []string{"+254712345678", "+1 201 555 0100", "0712 345 670", "254-712-345-678"} {
		if mayBeExcelDamaged(c, false) {
			t.Errorf("mayBeExcelDamaged(%q) = true, want false", c)
		}
	}
	if !mayBeExcelDamaged("254712345678", true) {
		t.Error("a number cell must be looked at")
	}
}
