package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestJSONMayRepeatKey: the fast scan says "no" for ordinary case files (so
// they skip the slow look), and "maybe" whenever an object may give a key
// twice, including through an escape or Unicode folding.
func TestJSONMayRepeatKey(t *testing.T) {
	for _, tt := range []struct {
		in    string
		maybe bool
	}{
		{`{"from": "2026-01-01", "to": "2026-12-31"}`, false},
		{`{"a": {"x": 1}, "b": {"x": 2}, "c": [{"x": 1}, {"x": 2}]}`, false},
		{`{"a": "a", "b": "a", "x": ["a", "a"]}`, false}, // values are not keys
		{`{"a": {"b": 1}, "b": 2}`, false},
		{`{"a": 1, "a": 2}`, true},
		{`{"from": 1, "FROM": 2}`, true},
		{`{"a": [{"k": 1, "k": 2}]}`, true},
		{`{"a": {"x": 1}, "x": 2, "a": 3}`, true},
		{`{"\u0061": 1}`, true},            // an escape: settled by the slow look
		{`{"ſtart": 1, "start": 2}`, true}, // beyond ASCII: likewise
		{`{"a": "\"}", "a": 2}`, true},     // an escaped quote inside a value
	} {
		if got := jsonMayRepeatKey([]byte(tt.in)); got != tt.maybe {
			t.Errorf("jsonMayRepeatKey(%s) = %v, want %v", tt.in, got, tt.maybe)
		}
	}
	// Every JSON case file in examples/ takes the fast path.
	files, _ := filepath.Glob("../../examples/*.json")
	if len(files) == 0 {
		t.Fatal("no JSON examples found")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if jsonMayRepeatKey(data) {
			t.Errorf("%s: the fast scan sees a possible repeated key", f)
		}
	}
}
