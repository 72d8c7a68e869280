package caseinput

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// jsonScanSeeds are texts on both sides of every rule scanJSON checks.
var jsonScanSeeds = []string{
	`{}`, ` {} `, "{\n}\n", `{"a":1}`, `{"a":1,}`, `{"a" 1}`, `{,}`, `{"a":[1,2,]}`, `{"a":[]}`, `{"a":{}}`,
	`{"birth_date":"1990-01-01","from":"2026-01-01","to":"2026-12-31","children":2}`,
	`{"work_hours":[{"hours":"22"}],"other_benefits":[{"kind":"dagpenger","from":"2026-02-01","to":"2026-03-01","per_day":800}]}`,
	"{\"a\":1,\n\"b\":\n[\n1.5e3,\n-0, true, false, null]}", `{"a":01}`, `{"a":1.}`, `{"a":.5}`, `{"a":-}`, `{"a":1e}`,
	`{"a":1E+2}`, `{"a":1x}`, `{"a":tru}`, `{"a":truex}`, `{"a":nul}`, `{"a":"\u00e6\/\n"}`, `{"a":"\ud83d\ude00"}`,
	`{"a":"\ud800"}`, `{"a":"\x"}`, `{"a":"\u12"}`, "{\"a\":\"\x01\"}", "{\"a\":\"\xff\"}", `{"a":"æøå"}`, `{"a":"`,
	`{"a":1}{}`, `{"a":1} x`, `{"a":1}  ` + "\n", `{"a":[[[[[[[[[[1]]]]]]]]]]}`, `{"a":1,"a":2}`, `{"A":1}`, `{"":1}`,
	strings.Repeat("[", 70), `{"a":` + strings.Repeat("[", 63) + strings.Repeat("]", 63) + `}`,
	`{"a":` + strings.Repeat("[", 64) + strings.Repeat("]", 64) + `}`, "\ufeff{}", "{\"a\":1}\r\n", `{"a":1e400}`,
}

// sameTree says whether the trees a and b are the same, node for node.
func sameTree(t *testing.T, text string, a, b *yaml.Node) {
	t.Helper()
	if !reflect.DeepEqual(a, b) {
		ya, _ := yaml.Marshal(a)
		yb, _ := yaml.Marshal(b)
		t.Fatalf("%q: scanJSON's tree differs from encoding/json's:\n%s\nwant:\n%s", text, ya, yb)
	}
}

// TestScanJSONAgrees: on each seed, scanJSON reads a text exactly when
// encoding/json does, into the same tree (lines included).
func TestScanJSONAgrees(t *testing.T) {
	for _, text := range jsonScanSeeds {
		checkScanAgrees(t, []byte(text))
	}
	// The example case files in JSON.
	files, _ := filepath.Glob("../../examples/*.json*")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			checkScanAgrees(t, []byte(line))
		}
		checkScanAgrees(t, data)
	}
}

func checkScanAgrees(t *testing.T, data []byte) {
	t.Helper()
	got, ok := scanJSON(data)
	want, _, msg := jsonTree(data)
	if ok != (msg.Code == "") {
		t.Fatalf("%q: scanJSON reads it: %v, encoding/json: %v (%s)", data, ok, msg.Code == "", msg)
	}
	if ok {
		sameTree(t, string(data), got, want)
	}
}

// FuzzJSONScanAgrees: scanJSON and encoding/json's tokenizer agree on any
// text: both read it, into the same tree, or both refuse it (and then the
// error is encoding/json's, as it always was).
func FuzzJSONScanAgrees(f *testing.F) {
	for _, s := range jsonScanSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkScanAgrees(t, data)
	})
}
