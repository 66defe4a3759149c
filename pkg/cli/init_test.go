package cli

import (
	"os"
	"path/filepath"
	"testing"
)

// TestInitRefusesItsList: init -o names the list --from reads, with or
// without --force: exit 2, check's wording, and the list is left as it
// was.
func TestInitRefusesItsList(t *testing.T) {
	dir := t.TempDir()
	list := filepath.Join(dir, "crm.csv")
	const content = "phone,consent_source\n+254712345678,web\n"
	if err := os.WriteFile(list, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.csv")
	if err := os.Symlink(list, link); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"init", "--from", list, "-o", list, "--force"}, "listaudit: -o " + list + ": refusing to overwrite an input file\n"},
		{[]string{"init", "--from", list, "-o", list}, "listaudit: -o " + list + ": refusing to overwrite an input file\n"},
		{[]string{"init", "--from", link, "-o", list, "--force"}, "listaudit: -o " + list + ": refusing to overwrite an input file\n"},
	} {
		env, out, errOut := testEnv("")
		if code := Main(tc.args, env); code != ExitError || errOut.String() != tc.want || out.Len() > 0 {
			t.Errorf("%q: exit %d, stdout %q, stderr\n%q, want exit 2 and\n%q", tc.args, code, out, errOut, tc.want)
		}
		if got, err := os.ReadFile(list); err != nil || string(got) != content {
			t.Fatalf("%q: the list is now %q (%v)", tc.args, got, err)
		}
	}
}
