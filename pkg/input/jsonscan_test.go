package input

import (
	"slices"
	"strings"
	"testing"
)

type flatLeaf struct{ key, value string }

// flattenBoth walks data with scan (when it takes the object) and with the
// tokenizer, returning both leaf lists.
func flattenBoth(data []byte) (scanned []flatLeaf, took bool, tokens []flatLeaf, err error) {
	var fl flattener
	if took = fl.scan(data); took {
		for _, l := range fl.leaves {
			scanned = append(scanned, flatLeaf{string(fl.keys[l.k0:l.k1]), l.value})
		}
	}
	var ref flattener
	err = ref.walkTokens(data, func(k []byte, v string) { tokens = append(tokens, flatLeaf{string(k), v}) })
	return scanned, took, tokens, err
}

var scanSeeds = []string{
	`{"id":1,"name":"Jane Doe","phone":"+254 712 345 678","consent_at":"2025-01-02","opted_out":false,"x":null}`,
	`{"a":{"b":{"c":"d"},"e":[1,2,{"f":"g"}]},"h":-1.5e+3,"i":0,"j":true}`,
	`{"a":{},"b":{"c":{}},"d":1}`, `{}`, ` { "a" : "b" } `, `{"a":"b\"c\\d\u00e9\n"}`, `{"k\u00e9y":1}`,
	`{"a":"caf\xc3\xa9"}`, "{\"a\":\"bad \xff utf-8\"}", `{"a":"\ud800"}`, `{"a":[ 1 , "x" , {"b" : [] } ]}`,
	`{"a":1,}`, `{"a":01}`, `{"a":1.}`, `{"a":-}`, `{"a":1e}`, `{"a":truex}`, `{"a":1}x`, `{"a":1}{}`, `{"a"`,
	`{"a":"x`, "{\"a\":\"tab\there\"}", `{"a":[1,2}`, `{"a":{"b":1}`, `[1]`, `"a"`, ``, `{"a":nul}`, `{"a":1 "b":2}`,
	`{"a":"\u2028"}`, `{"a":1E5,"b":-0,"c":0.5e-7}`, `{"":1}`, `{"a.b":1,"a":{"b":2}}`, `{"a":1,"a":2}`,
}

// TestFlattenScanMatchesTokens holds the fast path to the tokenizer's
// leaves on valid objects, to leaving invalid ones to it, and to taking
// the common objects at all.
func TestFlattenScanMatchesTokens(t *testing.T) {
	deep := strings.Repeat(`{"a":`, 40) + `1` + strings.Repeat(`}`, 40)
	for _, data := range append(slices.Clone(scanSeeds), `{"phone":1,"x":`+deep+`,"y":2}`) {
		scanned, took, tokens, err := flattenBoth([]byte(data))
		if took && (err != nil || !slices.Equal(scanned, tokens)) {
			t.Errorf("%q: scan %q, tokens %q (err %v)", data, scanned, tokens, err)
		}
	}
	for _, data := range scanSeeds[:4] {
		if _, took, _, _ := flattenBoth([]byte(data)); !took {
			t.Errorf("%q: left to the tokenizer", data)
		}
	}
}

func FuzzFlattenScan(f *testing.F) {
	for _, s := range scanSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		scanned, took, tokens, err := flattenBoth(data)
		if took && (err != nil || !slices.Equal(scanned, tokens)) {
			t.Fatalf("%q: scan %q, tokens %q (err %v)", data, scanned, tokens, err)
		}
	})
}
