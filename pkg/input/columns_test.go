package input

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/listaudit/listaudit/pkg/domain"
)

func TestMatchColumns(t *testing.T) {
	p, n, e := domain.FieldPhone, domain.FieldName, domain.FieldEmail
	tests := []struct {
		name      string
		header    []string
		overrides map[domain.Field]string
		want      map[domain.Field]string
		warns     []string
	}{
		{"normalised aliases", []string{"Phone Number", "Consent.Source", "OPTED-OUT", "last seen at", "E-Mail Address", "Full Name", "x"}, nil,
			map[domain.Field]string{p: "Phone Number", domain.FieldConsentSource: "Consent.Source", domain.FieldOptedOut: "OPTED-OUT",
				domain.FieldLastActiveAt: "last seen at", e: "E-Mail Address", n: "Full Name"}, nil},
		{"every phone alias", []string{"WA_ID"}, nil, map[domain.Field]string{p: "WA_ID"}, nil},
		{"phone_e164", []string{"Phone (E.164)"}, nil, map[domain.Field]string{p: "Phone (E.164)"}, nil},
		{"cell number", []string{"Name", "Sex", "Cell number"}, nil, map[domain.Field]string{p: "Cell number", n: "Name"}, nil},
		{"phone_e164 wins over the number as written", []string{"phone", "name", "phone_e164"}, nil,
			map[domain.Field]string{p: "phone_e164", n: "name"}, nil},
		{"phone_e164 wins over a contacts export's", []string{"Mobile Phone", "Phone (E.164)", "Home Phone"}, nil,
			map[domain.Field]string{p: "Phone (E.164)"}, nil},
		{"override wins over phone_e164", []string{"phone", "phone_e164"}, map[domain.Field]string{p: "phone"},
			map[domain.Field]string{p: "phone"}, nil},
		{"earlier alias wins", []string{"Mobile", "Phone Number"}, nil, map[domain.Field]string{p: "Phone Number"},
			[]string{`contacts.csv: columns "Phone Number" and "Mobile" both match field phone; using "Phone Number" (override with --map phone=HEADER)`}},
		{"three candidates", []string{"tel", "cell", "msisdn"}, nil, map[domain.Field]string{p: "msisdn"},
			[]string{`contacts.csv: columns "msisdn", "cell" and "tel" all match field phone; using "msisdn" (override with --map phone=HEADER)`}},
		{"same alias twice, first column wins", []string{"Email", "email"}, nil, map[domain.Field]string{e: "Email"},
			[]string{`contacts.csv: columns "Email" and "email" both match field email; using "Email" (override with --map email=HEADER)`}},
		{"identical names", []string{"phone", "phone"}, nil, map[domain.Field]string{p: "phone"},
			[]string{`contacts.csv: 2 columns are named "phone"; using the first for field phone`}},
		{"override wins over alias", []string{"phone", "Handy"}, map[domain.Field]string{p: "Handy"}, map[domain.Field]string{p: "Handy"}, nil},
		{"override matched exactly first", []string{"Tel", "tel"}, map[domain.Field]string{p: "tel"}, map[domain.Field]string{p: "tel"}, nil},
		{"override matched normalised", []string{"id", "Tel No."}, map[domain.Field]string{p: "tel_no"},
			map[domain.Field]string{p: "Tel No.", domain.FieldID: "id"}, nil},
		{"override takes another field's alias", []string{"phone", "mobile"}, map[domain.Field]string{n: "phone"},
			map[domain.Field]string{n: "phone", p: "mobile"}, nil},
		{"missing override falls back to alias", []string{"phone", "name"}, map[domain.Field]string{p: "Mobile"},
			map[domain.Field]string{p: "phone", n: "name"},
			[]string{`contacts.csv: no column "Mobile" for phone (mapped by --map); matching phone by alias`}},
		// A policy file's columns: serve several layouts: one warning a
		// file, not one a mapping.
		{"missing overrides fall back to aliases, one warning", []string{"phone", "name"}, map[domain.Field]string{p: "Mobile", n: "Full Name"},
			map[domain.Field]string{p: "phone", n: "name"},
			[]string{`contacts.csv: no columns "Mobile" for phone, "Full Name" for name (mapped by --map); matching them by alias`}},
		{"empty and punctuation headers match nothing", []string{"", "--", "phone"}, nil, map[domain.Field]string{p: "phone"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var warns []string
			cols, idx := MatchColumns(tt.header, tt.overrides, "contacts.csv", func(m string) { warns = append(warns, m) })
			got := map[domain.Field]string{}
			for f := range domain.NumFields {
				if cols[f] != "" {
					got[f] = cols[f]
					if tt.header[idx[f]] != cols[f] {
						t.Errorf("idx[%s] = %d, header there is %q", f, idx[f], tt.header[idx[f]])
					}
				} else if idx[f] != -1 {
					t.Errorf("idx[%s] = %d for an unmatched field", f, idx[f])
				}
			}
			if !maps.Equal(got, tt.want) {
				t.Errorf("columns = %v, want %v", got, tt.want)
			}
			if !slices.Equal(warns, tt.warns) {
				t.Errorf("warnings:\n got %q\nwant %q", warns, tt.warns)
			}
		})
	}
}

func TestMatchColumnsNilWarn(t *testing.T) {
	cols, _ := MatchColumns([]string{"phone", "phone"}, map[domain.Field]string{domain.FieldName: "x"}, "f", nil)
	if cols[domain.FieldPhone] != "phone" {
		t.Errorf("cols = %v", cols)
	}
}

func TestEvidenceColumnsMatchByConfiguredHeader(t *testing.T) {
	var warnings []string
	cols, idx := MatchColumns([]string{"phone", "Consent Text Version"},
		map[domain.Field]string{domain.Evidence(0): "consent_text_version", domain.Evidence(1): "consent_channel"},
		"f.csv", func(w string) { warnings = append(warnings, w) })
	if cols[domain.Evidence(0)] != "Consent Text Version" || idx[domain.Evidence(0)] != 1 || idx[domain.Evidence(1)] != -1 {
		t.Errorf("cols = %q, idx = %v", cols, idx)
	}
	want := []string{`f.csv: no column "consent_channel": the consent evidence it should hold is missing on every row`}
	if !slices.Equal(warnings, want) {
		t.Errorf("warnings = %q", warnings)
	}
}

func TestAliases(t *testing.T) {
	a := Aliases()
	if len(a) != int(domain.NumNamedFields) {
		t.Fatalf("%d fields, want %d", len(a), domain.NumNamedFields)
	}
	seen := map[string]domain.Field{}
	for i, fa := range a {
		if fa.Field != domain.Field(i) {
			t.Errorf("entry %d is field %s", i, fa.Field)
		}
		// The field's own name is always its first alias.
		if len(fa.Aliases) == 0 || fa.Aliases[0] != fa.Field.Name() {
			t.Errorf("field %s aliases %q do not start with its name", fa.Field, fa.Aliases)
		}
		for _, al := range fa.Aliases {
			if f, dup := seen[normalise(al)]; dup && f != fa.Field {
				t.Errorf("alias %q of %s also belongs to %s", al, fa.Field, f)
			}
			seen[normalise(al)] = fa.Field
		}
	}
	a[0].Aliases[0] = "changed"
	if Aliases()[0].Aliases[0] != "phone" {
		t.Error("Aliases returns the table itself")
	}
	if got := fmt.Sprint(a[domain.FieldPhone].Aliases[1:8]); got != "[phone_number mobile msisdn whatsapp wa_id cell tel]" {
		t.Errorf("phone aliases = %s", got)
	}
}

func TestNoPhoneErrorListsAtMost30Headers(t *testing.T) {
	var header []string
	for i := range 35 {
		header = append(header, fmt.Sprintf("c%d", i))
	}
	got := noPhoneError("f.csv", header, domain.Columns{}).Error()
	want := "f.csv: no phone column (headers: " + strings.Join(header[:30], ", ") + ", and 5 more); map one with --map phone=HEADER"
	if got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestMapInFiles(t *testing.T) {
	// --map applies to CSV headers and flattened JSON keys alike.
	m := map[domain.Field]string{domain.FieldPhone: "Handy", domain.FieldConsentAt: "meta.when"}
	got := readBytes(t, "a.csv", []byte("phone,Handy,meta.when\n1,2,3\n"), Options{Map: m})
	checkRows(t, got, []string{"1@2 phone=2 consent_at=3"})
	got = readBytes(t, "a.ndjson", []byte(`{"phone":1,"Handy":2,"meta":{"when":3}}`), Options{Map: m})
	checkRows(t, got, []string{"1@1 phone=2 consent_at=3"})

	got = readBytes(t, "b.csv", []byte("Mobile,phone\n1,2\n"), Options{Map: map[domain.Field]string{domain.FieldPhone: "Handy"}})
	checkRows(t, got, []string{"1@2 phone=2"})
	if len(got.warns) != 2 || !strings.HasSuffix(got.warns[0], `/b.csv: no column "Handy" for phone (mapped by --map); matching phone by alias`) ||
		!strings.HasSuffix(got.warns[1], `/b.csv: columns "phone" and "Mobile" both match field phone; using "phone" (override with --map phone=HEADER); a record with no number in "phone" is read from "Mobile"`) {
		t.Errorf("warnings = %q", got.warns)
	}
}

// TestForeignHeaders matches the headers of French, Spanish, Portuguese
// and German exports, accents folded.
func TestForeignHeaders(t *testing.T) {
	p, src, at := domain.FieldPhone, domain.FieldConsentSource, domain.FieldConsentAt
	out, outAt := domain.FieldOptedOut, domain.FieldOptedOutAt
	tests := []struct {
		lang   string
		header []string
		want   map[domain.Field]string
	}{
		{"French", []string{"Téléphone", "Nom", "Source du consentement", "Date du consentement", "Désinscrit", "Date de désinscription"},
			map[domain.Field]string{p: "Téléphone", src: "Source du consentement", at: "Date du consentement", out: "Désinscrit", outAt: "Date de désinscription"}},
		{"French, other words", []string{"Portable", "Date consentement", "Désabonné"},
			map[domain.Field]string{p: "Portable", at: "Date consentement", out: "Désabonné"}},
		{"French, opt-out", []string{"Numéro de téléphone", "Opt-out"}, map[domain.Field]string{p: "Numéro de téléphone", out: "Opt-out"}},
		{"Spanish", []string{"Teléfono móvil", "Origen del consentimiento", "Fecha de consentimiento", "Dado de baja", "Fecha de baja"},
			map[domain.Field]string{p: "Teléfono móvil", src: "Origen del consentimiento", at: "Fecha de consentimiento", out: "Dado de baja", outAt: "Fecha de baja"}},
		{"Spanish, other words", []string{"Celular", "No contactar"}, map[domain.Field]string{p: "Celular", out: "No contactar"}},
		{"Spanish, móvil", []string{"Móvil", "Desuscrito"}, map[domain.Field]string{p: "Móvil", out: "Desuscrito"}},
		{"Portuguese", []string{"Telefone", "Origem do consentimento", "Data do consentimento", "Descadastrado", "Data de descadastro"},
			map[domain.Field]string{p: "Telefone", src: "Origem do consentimento", at: "Data do consentimento", out: "Descadastrado", outAt: "Data de descadastro"}},
		{"Portuguese, other words", []string{"Telemóvel", "Não contactar"}, map[domain.Field]string{p: "Telemóvel", out: "Não contactar"}},
		{"German", []string{"Handy", "Einwilligungsquelle", "Einwilligungsdatum", "Abgemeldet", "Abmeldedatum"},
			map[domain.Field]string{p: "Handy", src: "Einwilligungsquelle", at: "Einwilligungsdatum", out: "Abgemeldet", outAt: "Abmeldedatum"}},
		{"German, other words", []string{"Mobilnummer", "Quelle der Einwilligung", "Datum der Einwilligung", "Nicht kontaktieren", "Abgemeldet am"},
			map[domain.Field]string{p: "Mobilnummer", src: "Quelle der Einwilligung", at: "Datum der Einwilligung", out: "Nicht kontaktieren", outAt: "Abgemeldet am"}},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			var warns []string
			cols, _ := MatchColumns(tt.header, nil, "f.csv", func(m string) { warns = append(warns, m) })
			got := map[domain.Field]string{}
			for f := range domain.NumFields {
				if cols[f] != "" {
					got[f] = cols[f]
				}
			}
			if !maps.Equal(got, tt.want) || warns != nil {
				t.Errorf("columns = %v, want %v; warnings %q", got, tt.want, warns)
			}
		})
	}
}

// TestNoPhoneErrorSuggestsAHeader: a header within two edits of a phone
// alias (one, under five letters) is suggested, quoted for a shell; one taken by another field, one
// further off or one that would be masked is not.
func TestNoPhoneErrorSuggestsAHeader(t *testing.T) {
	tests := []struct {
		header []string
		cols   domain.Columns
		want   string
	}{
		{[]string{"id", "Mobil"}, domain.Columns{}, "f.csv: no phone column (headers: id, Mobil); map one with --map phone=HEADER (did you mean --map phone=Mobil?)"},
		{[]string{"Nom", "Whatsap"}, domain.Columns{}, "f.csv: no phone column (headers: Nom, Whatsap); map one with --map phone=HEADER (did you mean --map phone=Whatsap?)"},
		{[]string{"Nom", "Téléfone portable"}, domain.Columns{}, "f.csv: no phone column (headers: Nom, Téléfone portable); map one with --map phone=HEADER (did you mean --map 'phone=Téléfone portable'?)"},
		{[]string{"Téléfon portable", "Portabel"}, domain.Columns{}, "f.csv: no phone column (headers: Téléfon portable, Portabel); map one with --map phone=HEADER (did you mean --map phone=Portabel?)"},
		{[]string{"Teléfno"}, domain.Columns{}, "f.csv: no phone column (headers: Teléfno); map one with --map phone=HEADER (did you mean --map 'phone=Teléfno'?)"},
		{[]string{"id", "Mobil"}, domain.Columns{domain.FieldName: "Mobil"}, "f.csv: no phone column (headers: id, Mobil); map one with --map phone=HEADER"},
		{[]string{"id", "name", "email", "Fax", "Date", "Title"}, domain.Columns{}, "f.csv: no phone column (headers: id, name, email, Fax, Date, Title); map one with --map phone=HEADER"},
		// Two edits make any three letters "sms" or "tel": a header of
		// under five letters gets one edit (Cel is cell's).
		{[]string{"Name", "Sex", "Cellphon"}, domain.Columns{}, "f.csv: no phone column (headers: Name, Sex, Cellphon); map one with --map phone=HEADER (did you mean --map phone=Cellphon?)"},
		{[]string{"From", "To", "Body", "Sid"}, domain.Columns{}, "f.csv: no phone column (headers: From, To, Body, Sid); map one with --map phone=HEADER"},
		{[]string{"Name", "Sex", "Cel"}, domain.Columns{}, "f.csv: no phone column (headers: Name, Sex, Cel); map one with --map phone=HEADER (did you mean --map phone=Cel?)"},
	}
	for _, tt := range tests {
		if got := noPhoneError("f.csv", tt.header, tt.cols).Error(); got != tt.want {
			t.Errorf("got  %q\nwant %q", got, tt.want)
		}
	}
}

// TestMissingMapError: with MapRequired a --map header the file lacks
// stops a positional reader, suggesting the nearest header.
func TestMissingMapError(t *testing.T) {
	policy := map[domain.Field]string{domain.FieldPhone: ".listaudit.yaml"}
	for _, tc := range []struct {
		header, want string
		source       map[domain.Field]string
		err          string
	}{
		{"Name,Phone,WhatsApp\n", "Whatsap", nil, `no column "Whatsap" for phone (mapped by --map); did you mean "WhatsApp"?`},
		{"Name,Phone,WhatsApp\n", "what's app", nil, ``},
		{"Name,Phone\n", "Mobile Number", nil, `no column "Mobile Number" for phone (mapped by --map); its headers: Name, Phone`},
		// Set by the policy file's columns:, the message says so.
		{"Name,Phone\n", "Mobile Number", policy, `no column "Mobile Number" for phone (mapped by columns: in .listaudit.yaml); its headers: Name, Phone`},
	} {
		m := map[domain.Field]string{domain.FieldPhone: tc.want}
		_, err := Open(Source{Path: "-", Stdin: strings.NewReader(tc.header + "a,+254712345678,+254712345679\n")},
			Options{Format: FormatCSV, Map: m, MapSource: tc.source, MapRequired: true})
		got := ""
		if err != nil {
			got = strings.TrimPrefix(err.Error(), "-: ")
		}
		if got != tc.err {
			t.Errorf("--map phone=%q: error %q, want %q", tc.want, got, tc.err)
		}
	}
}

// TestMappedBy: messages name where mappings were set: --map, the policy
// file's columns:, or both.
func TestMappedBy(t *testing.T) {
	p, n := domain.FieldPhone, domain.FieldName
	policy := map[domain.Field]string{p: "team.yaml"}
	for _, tc := range []struct {
		source map[domain.Field]string
		fields []domain.Field
		want   string
	}{
		{nil, []domain.Field{p}, "--map"},
		{nil, []domain.Field{p, n}, "--map"},
		{policy, []domain.Field{p}, "columns: in team.yaml"},
		{policy, []domain.Field{n}, "--map"},
		{policy, []domain.Field{p, n}, "--map and columns: in team.yaml"},
		{map[domain.Field]string{p: "team.yaml", n: "team.yaml"}, []domain.Field{p, n}, "columns: in team.yaml"},
	} {
		if got := mappedBy(tc.source, tc.fields...); got != tc.want {
			t.Errorf("mappedBy(%v, %v) = %q, want %q", tc.source, tc.fields, got, tc.want)
		}
	}
}
