package domain

// JurisdictionUse is one jurisdiction of the built-in table that judged
// rows of an audit: the evidence of which thresholds applied and where
// they come from.
type JurisdictionUse struct {
	Code string `json:"code"`
	Name string `json:"name"`
	// Rows counts the rows whose number is in the jurisdiction.
	Rows       int                     `json:"rows"`
	Thresholds []JurisdictionThreshold `json:"thresholds"`
}

// JurisdictionThreshold is one value a jurisdiction sets, with its source.
type JurisdictionThreshold struct {
	// Kind is sending_window, message_cap or consent_age.
	Kind string `json:"kind"`
	// Value is the threshold as people read it: "08:00–20:00", "3 per
	// 24h", "implied: 24 months".
	Value string `json:"value"`
	// Covers names the channels and purposes it covers: "voice, sms;
	// marketing".
	Covers string `json:"covers"`
	// Source is the short citation, URL where to read it, Status law,
	// guidance, practice or policy (an override of the policy file), Note
	// what the source leaves open.
	Source string `json:"source"`
	URL    string `json:"url"`
	Status string `json:"status"`
	Note   string `json:"note"`
}
