package phone

import "runtime/debug"

// metadataVersion is the upstream libphonenumber release whose metadata
// the pinned nyaruka/phonenumbers carries (see its CHANGELOG).
const metadataVersion = "9.0.32"

// MetadataVersion names the phone metadata in reports, e.g.
// "libphonenumber 9.0.32 (github.com/nyaruka/phonenumbers v1.8.1)".
func MetadataVersion() string {
	v := "v1.8.1"
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == "github.com/nyaruka/phonenumbers" {
				v = d.Version
			}
		}
	}
	return "libphonenumber " + metadataVersion + " (github.com/nyaruka/phonenumbers " + v + ")"
}
