package cli

import (
	"strings"
	"testing"
)

// TestInspectReadFlags: inspect takes every spelling input's vocabularies
// take, and refuses the others before reading, naming the flag.
func TestInspectReadFlags(t *testing.T) {
	const csv = "name;phone\nAda;+254712345678\n"
	const ndjson = `{"phone":"+254712345678"}` + "\n"
	tests := []struct {
		name  string
		stdin string
		args  []string
		want  string // in stdout, or the error
	}{
		{"format alias", ndjson, []string{"--input-format", "jsonl"}, "Format     ndjson, utf-8\n"},
		{"format any case", ndjson, []string{"--input-format", "NDJSON"}, "Format     ndjson, utf-8\n"},
		{"tsv alias", "name\tphone\nAda\t+254712345678\n", []string{"--input-format", "tab"}, `Format     tsv, delimiter "tab", utf-8`},
		{"delimiter", csv, []string{"--input-format", "csv", "--delimiter", ";"}, `Format     csv, delimiter ";", utf-8`},
		{"encoding spelling", csv, []string{"--input-format", "csv", "--encoding", "Latin1"}, "iso-8859-1\n"},
		{"json output", csv, []string{"--input-format", "csv", "-f", "json"}, `"delimiter": ";"`},
		{"phone fallback", "Phone Number,Mobile Phone Number\n,+254712345678\n", []string{"--input-format", "csv"},
			"  Phone Number         phone\n  Mobile Phone Number  phone (fallback 1)  +2547******78\n\nA record with no number in the phone column is read from its fallbacks, in their order.\n"},
		{"phone fallback json", "Phone Number,Mobile Phone Number\n,+254712345678\n", []string{"--input-format", "csv", "-f", "json"},
			`"header": "Mobile Phone Number",
      "field": "phone",
      "fallback": 1,`},
		{"space after delimiters", "phone, name\n+254712345678, \"Lee, Bo\"\n", []string{"--input-format", "csv"},
			"Format     csv, delimiter \",\", utf-8, a space after each delimiter (not read)\n"},
		{"space after delimiters json", "phone, name\n+254712345678, \"Lee, Bo\"\n", []string{"--input-format", "csv", "-f", "json"},
			`"space_after_delimiter": true,`},
		{"bad format", csv, []string{"--input-format", "xml"}, `--input-format: unknown format "xml" (want csv, tsv, json, ndjson, vcard or xlsx)`},
		{"bad delimiter", csv, []string{"--delimiter", ":"}, `--delimiter: ":" is not one of , ; | tab`},
		{"bad encoding", csv, []string{"--encoding", "ebcdic"}, `--encoding: unknown encoding "ebcdic" (want utf-8, utf-16le, utf-16be, windows-1252, iso-8859-1, macintosh)`},
		{"bad output format", csv, []string{"-f", "sarif"}, `--format: unknown format "sarif" (want table or json)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, out, _ := testEnv(tt.stdin)
			env.Dir = t.TempDir()
			cmd := NewCmdInspect(env, nil)
			cmd.SetArgs(append(tt.args, "-"))
			cmd.SilenceUsage, cmd.SilenceErrors = true, true
			got := ""
			if err := cmd.Execute(); err != nil {
				got = err.Error()
			} else {
				got = out.String()
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want %q in it", got, tt.want)
			}
		})
	}
}

// TestInspectEscapesTheFile: inspect's table shows a header cell or a
// sample holding escape sequences with '?' for the control characters,
// as check's table does: printing it runs none (SGR, OSC 0's title, OSC
// 52's clipboard), with --show-pii too.
func TestInspectEscapesTheFile(t *testing.T) {
	const data = "ph\x1b[31mone\x1b]0;pwned\x07,name,consent_source\n+254712345678,\x1b]52;c;ZWNobw==\x07Ann,\x1b[2Jweb\n"
	tests := []struct {
		args []string
		want string
	}{
		{nil, "  COLUMN                FIELD           SAMPLE\n" +
			"  ph?[31mone?]0;pwned?  -\n" +
			"  name                  name            [hidden]\n" +
			"  consent_source        consent_source  ?[2Jweb\n"},
		{[]string{"--show-pii"}, "  COLUMN                FIELD           SAMPLE\n" +
			"  ph?[31mone?]0;pwned?  -\n" +
			"  name                  name            ?]52;c;ZWNobw==?Ann\n" +
			"  consent_source        consent_source  ?[2Jweb\n"},
	}
	for _, tt := range tests {
		env, out, _ := testEnv(data)
		env.Dir = t.TempDir()
		cmd := NewCmdInspect(env, nil)
		cmd.SetArgs(append(append([]string{"--input-format", "csv"}, tt.args...), "-"))
		cmd.SilenceUsage, cmd.SilenceErrors = true, true
		if err := cmd.Execute(); err != nil {
			t.Fatal(err)
		}
		if strings.ContainsAny(out.String(), "\x1b\x07") || !strings.Contains(out.String(), tt.want) {
			t.Errorf("%q: stdout lacks %q:\n%q", tt.args, tt.want, out)
		}
	}
}
