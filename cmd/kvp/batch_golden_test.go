package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"kvp/config"
	"kvp/rules"
)

// goldenExtraLines are batch lines of the features the generator does not
// make: ids, eligibility (not met), a programme past its latest end, exact
// rounding, next-month age switch, tax facts (Finnmark, other income,
// withholding, earned basis), a leap-day birth, escapes in JSON strings, and
// lines that fail (unknown and repeated keys, a wrong type, bad JSON, a
// second value, YAML's flow style, an empty line).
var goldenExtraLines = []string{
	`{"id":"p-1","birth_date":"1999-08-20","from":"2026-01-01","to":"2026-12-31","children":1}`,
	`{"id":42,"birth_date":"2001-03-15","from":"2026-01-01","to":"2026-08-31","child_birth_dates":["2008-06-10","2015-02-01"],"rounding":"exact"}`,
	`{"birth_date":"1990-01-01","from":"2026-04-01","to":"2026-06-30","children":1,"work_hours":[{"hours":15,"from":"2026-04-01","to":"2026-05-31"}],"other_benefits":[{"kind":"sykepenger","from":"2026-06-15","to":"2026-06-19","per_day":1500}]}`,
	`{"birth_date":"2008-02-29","from":"2026-01-01","to":"2026-12-31","leap_birthday":"mar1","age_switch":"next-month"}`,
	`{"birth_date":"1960-06-01","from":"2026-01-01","to":"2028-12-31","work_hours":[{"hours":"25.5"}]}`,
	`{"birth_date":"1990-01-01","from":"2026-01-01","to":"2026-12-31","eligibility":{"reduced_capacity":"no","residence":"norwegian"}}`,
	`{"birth_date":"1990-01-01","from":"2026-01-01","to":"2027-12-31","programme":{"start":"2025-01-01","decisions":["2025-01-01..2025-12-31"]}}`,
	`{"birth_date":"1990-01-01","from":"2026-01-01","to":"2026-12-31","finnmark":"yes","other_income":{"2026":50000},"withholding_percent":"30","income_year":"earned"}`,
	`{"birth_date":"1990-01-01","from":"2026-03-01","to":"2026-05-31","absence":[{"date":"2026-03-07"},{"date":"2026-04-02","hours":3},{"month":"2026-05","days":2}],"not_deducted":[{"kind":"barnetrygd","amount":1000}]}`,
	`{"id":"\u00e6\/\"q\"","birth_date":"1990-01-01","from":"2026-01-01","to":"2026-01-31"}`,
	`{"birth_date":"1990-01-01","from":"2026-01-01","to":"2026-01-31","bogus":1}`,
	`{"birth_date":"1990-01-01","birth_date":"1991-01-01","from":"2026-01-01","to":"2026-01-31"}`,
	`{"birth_date":19900101,"from":"2026-01-01","to":"2026-01-31","children":"2"}`,
	`{"birth_date":"1990-01-01","from":"2026-01-01","to":`,
	`{"birth_date":"1990-01-01","from":"2026-01-01","to":"2026-01-31"} {}`,
	`{birth_date: 1990-01-01}`,
	``,
	`{"birth_date":"1990-01-01","from":"2026-02-01","to":"2026-01-31"}`,
}

// TestBatchOutputUnchanged: kvp batch writes, byte for byte, what it wrote
// before the speed work of issue 19 (the files in testdata/batch-golden were
// written by that build), over a generated caseload and goldenExtraLines,
// plain, with --tax, with --scenario, and as CSV. Refresh (only when the
// output is meant to change) with: go test ./cmd/kvp -run TestBatchOutputUnchanged -update
func TestBatchOutputUnchanged(t *testing.T) {
	var in bytes.Buffer
	if err := generateCases(&in, 80, 7, 0); err != nil {
		t.Fatal(err)
	}
	for _, l := range goldenExtraLines {
		in.WriteString(l + "\n")
	}
	defaults, err := rules.DefaultParams()
	if err != nil {
		t.Fatal(err)
	}
	for _, run := range []struct {
		name string
		args []string
	}{
		{"plain", nil},
		{"tax", []string{"--tax"}},
		{"scenario", []string{"--tax", "--scenario", "../../examples/scenario-g-2027.yaml", "--summary"}},
		{"csv", []string{"--tax", "-o", "csv"}},
	} {
		t.Run(run.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			args := append([]string{"batch", "-f", "-", "--workers", "2", "--chunk", "7"}, run.args...)
			Main(args, &IOStreams{In: bytes.NewReader(in.Bytes()), Out: &out, ErrOut: &errOut})
			// The parameter hash is the running build's (it changes with
			// the parameter types); the golden holds PARAMS_HASH.
			got := bytes.ReplaceAll(append(out.Bytes(), errOut.Bytes()...), []byte(config.Hash(defaults)), []byte("PARAMS_HASH"))
			path := filepath.Join("testdata", "batch-golden", run.name+".golden")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				gl, wl := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
				for i := range min(len(gl), len(wl)) {
					if !bytes.Equal(gl[i], wl[i]) {
						t.Fatalf("output line %d differs:\n got %s\nwant %s", i+1, gl[i], wl[i])
					}
				}
				t.Fatalf("output has %d lines, want %d", len(gl), len(wl))
			}
		})
	}
}
