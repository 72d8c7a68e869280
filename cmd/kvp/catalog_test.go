package main

import (
	"slices"
	"testing"

	"kvp/rules"
)

// TestCatalogComplete walks every message code the program declares (rules,
// calc and cmd are all linked into this test) and every language of the
// catalogue: each code has a text in each language, each text belongs to a
// code, and a text's placeholders are exactly the code's arguments.
func TestCatalogComplete(t *testing.T) {
	cat := rules.Catalog()
	for _, lang := range rules.Languages {
		if cat[lang] == nil {
			t.Fatalf("no catalogue file for %s", lang)
		}
	}
	declared := map[string]bool{}
	for _, c := range rules.Codes() {
		declared[c.ID] = true
		want := slices.Clone(c.Args)
		slices.Sort(want)
		for lang, texts := range cat {
			text, ok := texts[c.ID]
			if !ok {
				t.Errorf("%s: no %s text", c.ID, lang)
				continue
			}
			if got := rules.Placeholders(text); !slices.Equal(got, want) {
				t.Errorf("%s (%s): placeholders %v, arguments %v: %q", c.ID, lang, got, want, text)
			}
		}
	}
	for lang, texts := range cat {
		for code := range texts {
			if !declared[code] {
				t.Errorf("%s.json: %s has no code (unused text)", lang, code)
			}
		}
	}
}

// TestCriterionNames: the English name and legal reference of each
// criterion in rules.Criteria (JSON "name", "ref") are its catalogue texts.
func TestCriterionNames(t *testing.T) {
	for _, c := range rules.Criteria {
		if got := c.NameMessage().Text(rules.LangEN); got != c.Name {
			t.Errorf("%s: catalogue %q, Criteria %q", c.ID, got, c.Name)
		}
		if got := c.RefMessage().Text(rules.LangEN); got != c.Ref {
			t.Errorf("%s: catalogue ref %q, Criteria %q", c.ID, got, c.Ref)
		}
	}
}
