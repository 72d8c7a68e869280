package letter

import (
	"encoding/json"
	"testing"

	"kvp/rules"
)

// TestRefText: a reference in a nynorsk letter names the laws and
// regulations in nynorsk (kvp-rules.md § 7.3: forvaltningslova; a
// forskrift is "forskrifta"); bokmål and English letters cite them as
// recorded, and JSON keeps the recorded reference.
func TestRefText(t *testing.T) {
	for _, tc := range []struct {
		ref, lang, want string
	}{
		{"forvaltningsloven § 29", rules.LangNN, "forvaltningslova § 29"},
		{"forvaltningsloven § 29", rules.LangNB, "forvaltningsloven § 29"},
		{"forvaltningsloven § 29", rules.LangEN, "forvaltningsloven § 29"},
		{"sotjl. § 35 fjerde ledd, KVP-forskriften § 3", rules.LangNN, "sotjl. § 35 fjerde ledd, KVP-forskrifta § 3"},
		{"skattebetalingsforskriften § 5-7", rules.LangNN, "skattebetalingsforskrifta § 5-7"},
		{"sotjl. § 47", rules.LangNN, "sotjl. § 47"},
	} {
		if got := Ref(tc.ref).Text(tc.lang); got != tc.want {
			t.Errorf("%q in %s: %q, want %q", tc.ref, tc.lang, got, tc.want)
		}
		if got := rules.FormatValue(Ref(tc.ref), tc.lang); got != tc.want {
			t.Errorf("FormatValue(%q, %s): %q, want %q", tc.ref, tc.lang, got, tc.want)
		}
	}
	b, err := json.Marshal(Ref("forvaltningsloven § 29"))
	if err != nil || string(b) != `"forvaltningsloven § 29"` {
		t.Errorf("JSON %s, %v", b, err)
	}
}

// TestSayRefs: a sentence's reference is written in the letter's language,
// in its text and in its JSON references.
func TestSayRefs(t *testing.T) {
	s := say(codeAppealDeadline, nil, RefAppealDeadline)
	if got, want := s.Text(rules.LangNN), "Fristen for å klage er tre veker frå den dagen du fekk vedtaket (forvaltningslova § 29)."; got != want {
		t.Errorf("nn: %q, want %q", got, want)
	}
	if got, want := s.Text(rules.LangNB), "Fristen for å klage er tre uker fra den dagen du mottok vedtaket (forvaltningsloven § 29)."; got != want {
		t.Errorf("nb: %q, want %q", got, want)
	}
	d := &Document{Sections: []Section{{Blocks: []Block{para(s)}}}}
	refs := d.JSON(rules.LangNN).Sections[0].Blocks[0].Sentences[0].References
	if len(refs) != 1 || refs[0] != "forvaltningslova § 29" {
		t.Errorf("nn JSON references %q", refs)
	}
}
