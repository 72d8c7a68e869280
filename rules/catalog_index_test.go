package rules

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestCatalogTextAgrees: the indexed look-up gives, for every language and
// code, what decoding the file whole gives, and nothing for a code the file
// does not have.
func TestCatalogTextAgrees(t *testing.T) {
	cat := Catalog()
	if len(cat) < 2 {
		t.Fatalf("catalogue languages: %d", len(cat))
	}
	for lang, texts := range cat {
		for code, want := range texts {
			if got, ok := CatalogText(lang, code); !ok || got != want {
				t.Errorf("%s %s: %q %v, want %q", lang, code, got, ok, want)
			}
		}
		for _, code := range []string{"", "a", "zzzz", "word.yes.", "batch"} {
			if got, ok := CatalogText(lang, code); ok {
				t.Errorf("%s %q: found %q", lang, code, got)
			}
		}
	}
	if _, ok := CatalogText("xx", "word.yes"); ok {
		t.Error("a language without a file has a text")
	}
}

// TestCatalogFormat: the catalogue files are in the shape the look-up
// indexes (one pair a line, sorted, no escapes), so no run decodes a whole
// file; a file that is not falls back to decoding, tested below.
func TestCatalogFormat(t *testing.T) {
	for lang := range Catalog() {
		if x := catalogIndexes()[lang](); x.texts != nil {
			t.Errorf("catalog/%s.json is not one sorted \"key\": \"text\" pair a line without escapes: it is decoded whole", lang)
		}
	}
}

// TestCatalogIndexFallback: files the line index cannot take are decoded
// as JSON and give the same answers.
func TestCatalogIndexFallback(t *testing.T) {
	for _, tc := range []struct {
		name, file string
		indexed    bool
		want       map[string]string
	}{
		{"lines", "{\n \"a\": \"x {n}\",\n \"b\": \"y\"\n}\n", true, map[string]string{"a": "x {n}", "b": "y"}},
		{"no final line end", "{\n \"a\": \"x\",\n \"b\": \"y\"\n}", true, map[string]string{"a": "x", "b": "y"}},
		{"unsorted", "{\n \"b\": \"y\",\n \"a\": \"x\"\n}\n", false, map[string]string{"a": "x", "b": "y"}},
		{"repeated key: the last", "{\n \"a\": \"x\",\n \"a\": \"y\"\n}\n", false, map[string]string{"a": "y"}},
		{"escape", "{\n \"a\": \"say \\\"hi\\\"\\n\",\n \"b\": \"\\u00e6\"\n}\n", false, map[string]string{"a": "say \"hi\"\n", "b": "æ"}},
		{"two on a line", "{\n \"a\": \"x\", \"b\": \"y\"\n}\n", false, map[string]string{"a": "x", "b": "y"}},
		{"one line", `{"a": "x"}`, false, map[string]string{"a": "x"}},
		{"empty text", "{\n \"a\": \"\",\n \"b\": \"y\"\n}\n", true, map[string]string{"a": "", "b": "y"}},
		{"quote in the text", "{\n \"a\": \"x\" \"\"\n}\n", false, nil},
		{"three quotes", "{\n \"ab\": \"\n}\n", false, nil},
		{"missing comma", "{\n \"a\": \"x\"\n \"b\": \"y\"\n}\n", false, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x, err := newCatalogIndex(tc.file)
			if tc.want == nil {
				if err == nil {
					t.Fatal("no error for a broken file")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := x.texts == nil; got != tc.indexed {
				t.Errorf("indexed %v, want %v", got, tc.indexed)
			}
			for k, want := range tc.want {
				if got, ok := x.lookup(k); !ok || got != want {
					t.Errorf("%s: %q %v, want %q", k, got, ok, want)
				}
			}
			if got, ok := x.lookup("c"); ok {
				t.Errorf("c: found %q", got)
			}
		})
	}
}

// TestHasCatalog: HasCatalog answers as Catalog() does, for the files there
// are and for languages there are none for.
func TestHasCatalog(t *testing.T) {
	for _, lang := range append(slices.Clone(Languages), "de", "", "en.json") {
		_, want := Catalog()[lang]
		if got := HasCatalog(lang); got != want {
			t.Errorf("HasCatalog(%q) = %v, Catalog has it: %v", lang, got, want)
		}
	}
	if !HasCatalog(LangEN) || HasCatalog("de") {
		t.Error("en must have a catalogue and de none")
	}
}

// TestCatalogEmbedded: every catalogue file is also embedded as a string
// (catalogStrings), the same text, so that no run copies a file to index
// it.
func TestCatalogEmbedded(t *testing.T) {
	entries, err := catalogFiles.ReadDir("catalog")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		s, ok := catalogStrings[e.Name()]
		if !ok {
			t.Errorf("catalog/%s is not in catalogStrings", e.Name())
			continue
		}
		b, err := catalogFiles.ReadFile("catalog/" + e.Name())
		if err != nil {
			t.Fatal(err)
		}
		if *s != string(b) {
			t.Errorf("catalogStrings[%q] is not catalog/%s", e.Name(), e.Name())
		}
	}
	if len(catalogStrings) != len(entries) {
		t.Errorf("catalogStrings has %d files, catalog/ %d", len(catalogStrings), len(entries))
	}
}

// FuzzCatalogIndex: a file the line index takes decodes as JSON to the same
// pairs, so the index never answers differently from decoding. Not
// covered: control characters and invalid UTF-8, which the index passes
// through and encoding/json rejects or replaces (no catalogue file has
// them: TestCatalogTextAgrees).
func FuzzCatalogIndex(f *testing.F) {
	f.Add("{\n \"a\": \"x {n}\",\n \"b\": \"y\"\n}\n")
	f.Add("{\n \"ab\": \"\n}\n")
	f.Add("{\n \"a\": \"\",\n \"b\": \"\u00e6\"\n}")
	f.Fuzz(func(t *testing.T, file string) {
		x, err := newCatalogIndex(file)
		if err != nil || x.texts != nil || !utf8.ValidString(file) ||
			strings.ContainsFunc(file, func(r rune) bool { return r < 0x20 && r != '\n' }) {
			return
		}
		var want map[string]string
		if err := json.Unmarshal([]byte(file), &want); err != nil {
			t.Fatalf("indexed but not JSON: %v", err)
		}
		if len(want) != len(x.entries) {
			t.Fatalf("%d entries indexed, JSON has %d", len(x.entries), len(want))
		}
		for k, v := range want {
			if got, ok := x.lookup(k); !ok || got != v {
				t.Fatalf("%q: %q %v, want %q", k, got, ok, v)
			}
		}
	})
}
