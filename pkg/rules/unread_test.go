package rules

import (
	"errors"
	"io"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/input"
	"github.com/listaudit/listaudit/pkg/phone"
	"github.com/listaudit/listaudit/pkg/sendlog"
	"github.com/listaudit/listaudit/pkg/suppress"
)

// testdataRecords reads every record of the repository's test lists (those
// input reads with no options), and rows made to break each rule.
func testdataRecords(t testing.TB) []domain.Record {
	t.Helper()
	var paths []string
	for _, pattern := range []string{"*.*", "realworld/*.*", "vcard/*.vcf"} {
		m, err := filepath.Glob(filepath.Join("..", "..", "testdata", pattern))
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, m...)
	}
	var recs []domain.Record
	for i, path := range paths {
		r, err := input.Open(input.Source{Path: path, FileIndex: i}, input.Options{})
		if err != nil {
			continue
		}
		for {
			var rec domain.Record
			if err := r.Next(&rec); err != nil {
				if !errors.Is(err, io.EOF) {
					t.Logf("%s: %v", path, err)
				}
				break
			}
			recs = append(recs, rec)
		}
		r.Close()
	}
	days := func(n int) string { return testNow.AddDate(0, 0, -n).Format("2006-01-02") }
	for i, cells := range []map[domain.Field]string{
		good(),
		with(good(), domain.FieldPhone, "n/a"),
		with(good(), domain.FieldPhone, ""),
		with(good(), domain.FieldPhone, "call me"),
		with(good(), domain.FieldPhone, "2.54712E+11"),
		with(good(), domain.FieldPhone, "+254202123456", domain.FieldCountry, "TZ"),
		with(good(), domain.FieldCountry, "Atlantis", domain.FieldMessagesSent, "lots", domain.FieldOptedOut, "maybe"),
		with(good(), domain.FieldConsentAt, "31/12/2025", domain.FieldLastActiveAt, "2026-02-01", domain.FieldOptedOutAt, "1700-01-01"),
		with(good(), domain.FieldConsentAt, days(800), domain.FieldLastActiveAt, "", domain.FieldMessagesSent, "9"),
		with(good(), domain.FieldConsentAt, "2025-01-01", domain.FieldOptedOutAt, "2025-02-01", domain.FieldLastContactedAt, "2025-03-01"),
		with(good(), domain.FieldLastContactedAt, "2025-05-01", domain.FieldOptedOut, "yes"),
		with(good(), domain.FieldConsentSource, "", domain.FieldConsentAt, ""),
		with(good(), domain.FieldConsentSource, "flyer", domain.FieldConsentAt, ""),
		with(good(), domain.FieldConsentChannel, "email", domain.FieldConsentPurpose, "utility", domain.FieldConsentBrand, "Other",
			domain.FieldConsentType, "double_opt_in", domain.FieldConsentConfirmedAt, "2025-01-01"),
		with(good(), domain.FieldConsentChannel, "pigeon", domain.FieldConsentType, "whim"),
	} {
		recs = append(recs, *record(i+1, cells))
	}
	// A phone_e164 cell beside a phone as written of another number.
	return append(recs, *e164Record(len(recs)+1, "+254712345678", "phone", "0712 999 888"))
}

// unreadCheckers are checkers under policies that between them run every
// rule: the default one, and one that declares a campaign, applies the
// jurisdiction table, reads evidence and plans a send time.
func unreadCheckers(t testing.TB) map[string]*Checker {
	t.Helper()
	z := phone.NewNormaliser()
	p := policyKE()
	p.Channel, p.Purpose, p.Brand = domain.ChannelSMS, domain.PurposeMarketing, "Kahawa Coffee"
	p.RequireDoubleOptIn, p.Jurisdictions = true, domain.Jurisdictions{Builtin: true}
	p.ConsentSources, p.ConsentRequire = []string{"web_form", "checkout"}, []string{"consent_ip"}
	p.SendAt = time.Date(2026, 1, 20, 3, 0, 0, 0, time.UTC)
	list, err := suppress.Load(writeTemp(t, "dnc.txt", "+254712345678\n+447911123456\n"), z.Keys("KE"))
	if err != nil {
		t.Fatal(err)
	}
	log, err := sendlog.Load([]string{writeTemp(t, "log.csv", strings.Join([]string{
		"phone,sent_at",
		"+254712345678,2025-12-01T10:00:00Z", "+254712345678,2025-12-02T10:00:00Z", "+254712345678,2025-12-03T10:00:00Z",
		"+447911123456,2025-01-01T10:00:00Z",
		"+2348031234567,2026-01-02T10:00:00Z",
	}, "\n")+"\n")}, sendlog.Options{Normalise: z.Keys("KE"), Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	campaign := NewChecker(p, testNow, z, nil)
	campaign.Evidence = &Evidence{Suppress: []*suppress.List{list}, Sends: log}
	return map[string]*Checker{"default": NewChecker(policyKE(), testNow, z, nil), "campaign": campaign}
}

// TestCheckUnreadCountsWhatItDoesNotBuild checks CheckUnread against Check
// on every test record, for masks of no rule, each rule alone, every other
// rule and all rules: the findings it builds are Check's of the rules not
// in the mask, it counts the others by rule and severity (and the ones it
// builds, for TallyBuilt), and it reads the contact the same.
func TestCheckUnreadCountsWhatItDoesNotBuild(t *testing.T) {
	recs := testdataRecords(t)
	if len(recs) < 100 {
		t.Fatalf("only %d records", len(recs))
	}
	for name, k := range unreadCheckers(t) {
		masks := map[string]RuleMask{"none": 0, "all": k.Rules.Mask(func(string, domain.Severity) bool { return true })}
		alternate := false
		masks["every other"] = k.Rules.Mask(func(string, domain.Severity) bool { alternate = !alternate; return alternate })
		for _, r := range Catalogue {
			masks[r.ID] = k.Rules.Mask(func(id string, _ domain.Severity) bool { return id == r.ID })
			if masks[r.ID] == 0 {
				t.Errorf("rule %s is in no mask", r.ID)
			}
		}
		raised := map[string]int{}
		for m, mask := range masks {
			var want, got, built domain.Tally
			u := Unread{Rules: mask}
			for i := range recs {
				wantRec, gotRec := recs[i], recs[i]
				var wantC, gotC Contact
				all := k.Check(&wantRec, &wantC, nil)
				made := k.CheckUnread(&gotRec, &gotC, nil, &u)
				var rest []domain.Finding
				for j := range all {
					want.Add(&all[j])
					raised[all[j].Rule]++
					if bit, _, _ := k.Rules.lookup(all[j].Rule); mask&bit == 0 {
						rest = append(rest, all[j])
					}
				}
				if !reflect.DeepEqual(made, rest) {
					t.Fatalf("%s, mask %s, %s row %d: built\n%+v\nwant\n%+v", name, m, gotRec.Loc.File, gotRec.Loc.Row, made, rest)
				}
				for j := range made {
					got.Add(&made[j])
					built.Add(&made[j])
				}
				wantC.PhoneID()
				gotC.PhoneID()
				wantC.Rec, gotC.Rec = nil, nil
				if wantRec != gotRec || !reflect.DeepEqual(wantC, gotC) {
					t.Fatalf("%s, mask %s, %s row %d: the contact read differs", name, m, gotRec.Loc.File, gotRec.Loc.Row)
				}
			}
			n := u.Tally(k.Rules, &got)
			var a, b domain.Result
			a.DecideFrom(&want)
			b.DecideFrom(&got)
			if !reflect.DeepEqual(a.Summary, b.Summary) {
				t.Errorf("%s, mask %s: counted %v, want %v", name, m, b.Summary.ByRuleSeverity, a.Summary.ByRuleSeverity)
			}
			var counted domain.Tally
			u.TallyBuilt(k.Rules, &counted)
			a.DecideFrom(&built)
			b.DecideFrom(&counted)
			if !reflect.DeepEqual(a.Summary, b.Summary) {
				t.Errorf("%s, mask %s: counted %v built, want %v", name, m, b.Summary.ByRuleSeverity, a.Summary.ByRuleSeverity)
			}
			u.TallyBuilt(k.Rules, &counted)
			var again domain.Result
			if again.DecideFrom(&counted); !reflect.DeepEqual(again.Summary, b.Summary) {
				t.Errorf("%s, mask %s: TallyBuilt did not start the count again", name, m)
			}
			if mask == 0 && n != 0 {
				t.Errorf("%s: the empty mask counted %d findings", name, n)
			}
			if u.Tally(k.Rules, &got) != 0 {
				t.Errorf("%s, mask %s: Tally did not start the count again", name, m)
			}
		}
		if name == "campaign" {
			for _, r := range Catalogue {
				if raised[r.ID] == 0 && !slices.Contains([]string{Duplicate, DuplicateConflict, RowMalformed}, r.ID) {
					t.Errorf("no test record raises %s", r.ID)
				}
			}
		}
	}
}

// BenchmarkCheck checks every test record, building every finding (as
// for a json report) or counting them all (as for the verdict line).
func BenchmarkCheck(b *testing.B) {
	recs := testdataRecords(b)
	k := unreadCheckers(b)["default"]
	for _, bench := range []struct {
		name string
		u    *Unread
	}{{"build", nil}, {"count", &Unread{Rules: k.Rules.Mask(func(string, domain.Severity) bool { return true })}}} {
		b.Run(bench.name, func(b *testing.B) {
			rec := make([]domain.Record, len(recs))
			var c Contact
			out := make([]domain.Finding, 0, 16)
			for b.Loop() {
				copy(rec, recs)
				for i := range rec {
					out = k.CheckUnread(&rec[i], &c, out[:0], bench.u)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(recs)), "ns/row")
		})
	}
}
