package main

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestSchemaVersionPinned: every document's schema_version is the constant
// in its schema, so that a document that forgot to set it (caseload kvp
// compare wrote 0, review 2 finding 4) fails its schema in every testscript.
func TestSchemaVersionPinned(t *testing.T) {
	var walk func(name string, v any) int
	walk = func(name string, v any) int {
		n := 0
		switch v := v.(type) {
		case map[string]any:
			if props, ok := v["properties"].(map[string]any); ok {
				if sv, ok := props["schema_version"].(map[string]any); ok {
					n++
					if c, ok := sv["const"].(float64); !ok || c != schemaVersion {
						t.Errorf("%s: schema_version is %v, want const %d", name, sv, schemaVersion)
					}
				}
			}
			for _, x := range v {
				n += walk(name, x)
			}
		case []any:
			for _, x := range v {
				n += walk(name, x)
			}
		}
		return n
	}
	pinned := 0
	for _, d := range documents {
		b, err := committedSchema(d.Name)
		if err != nil {
			t.Fatal(err)
		}
		var s any
		if err := json.Unmarshal(b, &s); err != nil {
			t.Fatal(err)
		}
		pinned += walk(d.Name, s)
	}
	if pinned < 15 {
		t.Errorf("only %d schemas have a schema_version", pinned)
	}

	var out, errOut bytes.Buffer
	args := []string{"compare", "-f", "../../examples/cases.jsonl", "--scenario", "../../examples/scenario-allowance-2026.yaml", "-o", "json"}
	if code := Main(args, &IOStreams{In: &bytes.Buffer{}, Out: &out, ErrOut: &errOut}); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if err := validateDocument("compare-caseload", out.Bytes()); err != nil {
		t.Fatalf("caseload kvp compare -o json does not validate: %v", err)
	}
	var doc map[string]any
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	for _, v := range []any{0, schemaVersion + 1} {
		doc["schema_version"] = v
		b, _ := json.Marshal(doc)
		if validateDocument("compare-caseload", b) == nil {
			t.Errorf("a caseload document with schema_version %v validates", v)
		}
	}
}
