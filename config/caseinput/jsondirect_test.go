package caseinput

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// directSeeds are case lines on both sides of what decodeDirect reads:
// every key, null values, keys in other letter case or twice, values of
// the wrong kind and values their parsers refuse.
var directSeeds = []string{
	`{"id":7,"birth_date":"1990-01-01","from":"2026-01-01","to":"2026-12-31","children":2,"child_birth_dates":["2019-03-04"]}`,
	`{"id":"a-7","rounding":"exact","age_switch":"next-month","leap_birthday":"mar1","pay_cycle":"14-days","pay_day":12,"cycle_start":"2026-01-05","pay_lag":3}`,
	`{"as_of":"2026-03-01","regulated_on":"2026-06-01","date":"2026-02-01","application_date":"2026-01-10","duration_regime":"assessed","benefit_scope":"all","income_year":"earned"}`,
	`{"eligibility":{"reduced_capacity":"yes","assessment_done":true,"follow_up_needed":"ja","benefits":[{"kind":"x","amount":"full"},{"kind":"y","amount":12000},{"kind":"z","amount":true}],"residence":"Oslo","fixed_abode":"n","youth_programme":false,"previous":["2020-01-01..2020-06-30"],"benefit_very_limited":"no"}}`,
	`{"eligibility":{"previous":[],"benefits":[]},"programme":{"start":"2026-01-05","decisions":["2026-01-05..2027-01-04"],"leave":[],"interruptions":["2026-03-01..2026-03-31","2026-05-01.."],"extended":"no"}}`,
	`{"work_hours":[{"hours":"7.5","from":"2026-01-01","to":"2026-02-01"},{"hours":15}],"other_benefits":[{"kind":"dagpenger","from":"2026-02-01","to":"2026-03-01","per_day":800},{"kind":"sykepenger","total":"5000.50"}]}`,
	`{"absence":[{"date":"2026-02-03","hours":"3"},{"month":"2026-04","days":2}],"not_deducted":[{"kind":"barnetrygd","amount":1766}],"other_income":{"2026":1500.5,"2027":null},"finnmark":"yes","withholding_percent":"35.5"}`,
	`{"work_hours":[],"child_birth_dates":[],"other_income":{},"programme":{"interruptions":[]}}`,
	`{"birth_date":null,"children":null,"eligibility":null,"work_hours":null}`,
	`{"from":"2026-01-01","FROM":"2026-01-02"}`, `{"From":"2026-01-01"}`, `{"from":"2026-01-01","from":null}`,
	`{"from":null,"from":"2026-01-01"}`, `{"programme":{"start":"2026-01-05","ſtart":"2026-01-06"}}`,
	`{"children":"2"}`, `{"children":2.0}`, `{"children":true}`, `{"children":1e3}`, `{"pay_day":29}`, `{"pay_day":"12"}`,
	`{"id":true}`, `{"id":null}`, `{"id":1.5e3}`, `{"id":[1]}`, `{"rounding":"sideways"}`, `{"rounding":""}`, `{"rounding":1}`,
	`{"finnmark":1}`, `{"finnmark":"kanskje"}`, `{"withholding_percent":true}`, `{"withholding_percent":1e2}`,
	`{"child_birth_dates":[null]}`, `{"child_birth_dates":"2019-01-01"}`, `{"work_hours":[null]}`, `{"work_hours":[{"hours":null}]}`,
	`{"work_hours":[{"hours":"x"}]}`, `{"work_hours":[{"hours":1,"hours":2}]}`, `{"other_income":{"2026":-1}}`,
	`{"other_income":{"1800":1}}`, `{"other_income":{"+2026":1,"2026":2}}`, `{"other_income":{"2026":null,"2026":1}}`,
	`{"other_income":{"x":1}}`, `{"other_income":[1]}`, `{"eligibility":{"benefits":[{"kind":"x","amount":[1]}]}}`,
	`{"eligibility":{"benefits":[{"kind":"x","amount":null}]}}`, `{"programme":{"decisions":["2026-01-05"]}}`,
	`{"programme":{"interruptions":["x"]}}`, `{"birth_date":"` + strings.Repeat("1", 300) + `"}`,
	`{"finnmark":"y\u0065s"}`, `{"residence":"Tromsø"}`, `{"residence":"\u00e6"}`, `{"birth_date":"1990-01-01"} {}`,
	`{"birth_date":"1990-01-01"`, `{"birth_date":"1990-01-01",}`, ` {"children":1} ` + "\n", "{\"children\":\n1}", `{"unknown":1}`,
	`{"children":1}x`, `{"children":01}`, `{"birth_date":nul}`, `{"birth_date":nullx}`, `{"eligibility":"yes"}`,
}

// checkDirectAgrees: a text decodeDirect reads, the node path reads into
// the same Case; DecodeJSON gives what the node path gives, Case and error
// text, on any text.
func checkDirectAgrees(t *testing.T, data []byte) {
	t.Helper()
	want, wantErr := decodeJSONNodes(data)
	if c, ok := decodeDirect(data); ok {
		if wantErr != nil {
			t.Fatalf("%q: decodeDirect reads it, the node path refuses it: %v", data, wantErr)
		}
		if !reflect.DeepEqual(c, want) {
			t.Fatalf("%q: decodeDirect reads\n%#v\nthe node path\n%#v", data, c, want)
		}
	}
	got, err := DecodeJSON(data)
	if (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() {
		t.Fatalf("%q: DecodeJSON's error %v, the node path's %v", data, err, wantErr)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%q: DecodeJSON reads\n%#v\nthe node path\n%#v", data, got, want)
	}
}

// exampleLines are the example cases as JSON lines: the JSON files' lines
// and each YAML case re-encoded as JSON, with every key a case file uses.
func exampleLines(t testing.TB) []string {
	var lines []string
	files, _ := filepath.Glob("../../examples/*")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case strings.HasSuffix(f, ".json"), strings.HasSuffix(f, ".jsonl"):
			lines = append(lines, strings.Split(string(data), "\n")...)
			lines = append(lines, string(data))
		case strings.HasPrefix(filepath.Base(f), "case") && strings.HasSuffix(f, ".yaml"):
			c, err := Decode(data)
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			b, err := json.Marshal(c)
			if err != nil {
				t.Fatal(err)
			}
			lines = append(lines, string(b))
		}
	}
	return lines
}

// TestDirectAgrees: on the seeds and the examples the two decoders agree,
// and decodeDirect reads every example and every valid seed that has its
// keys as written (so a batch line takes the direct path).
func TestDirectAgrees(t *testing.T) {
	for _, s := range append(directSeeds, jsonScanSeeds...) {
		checkDirectAgrees(t, []byte(s))
	}
	read := 0
	for _, line := range exampleLines(t) {
		if !strings.HasPrefix(strings.TrimSpace(line), "{") {
			continue
		}
		checkDirectAgrees(t, []byte(line))
		if _, err := decodeJSONNodes([]byte(line)); err == nil {
			if _, ok := decodeDirect([]byte(line)); !ok {
				t.Errorf("%q: the node path reads it, decodeDirect leaves it to the node path", line)
			}
			read++
		}
	}
	if read < 10 {
		t.Fatalf("only %d example lines read", read)
	}
	for _, s := range directSeeds[:9] {
		if _, ok := decodeDirect([]byte(s)); !ok {
			t.Errorf("%q: decodeDirect leaves a valid line to the node path", s)
		}
	}
}

// FuzzDirectAgrees: decodeDirect and the node path agree on any text.
func FuzzDirectAgrees(f *testing.F) {
	for _, s := range append(directSeeds, jsonScanSeeds...) {
		f.Add([]byte(s))
	}
	for _, s := range exampleLines(f) {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkDirectAgrees(t, data)
	})
}
