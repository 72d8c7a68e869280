package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"kvp/rules"
)

// A script can replay every step of --explain -o json from the document
// alone: the expression over the inputs, evaluated independently, gives the
// exact value and, under the rounding code, the value.
func TestExplainJSONReplays(t *testing.T) {
	t.Setenv("KVP_CONFIG", "")
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	for _, args := range [][]string{
		{"calc", "-f", "../../examples/case-reductions.yaml"},
		{"calc", "--birth-date", "2002-03-15", "--from", "2026-04-01", "--to", "2026-05-31", "--children", "2", "--rounding", "exact"},
		{"calc", "--birth-date", "2003-06-01", "--from", "2026-05-01", "--to", "2026-06-30", "--work-hours", "15@2026-05-01..2026-06-30", "--children", "1", "--rounding", "exact"},
		{"calc", "--birth-date", "1956-12-31", "--from", "2026-01-01", "--to", "2026-12-31", "--other-income", "2026=120000", "--finnmark"},
		{"rates", "--date", "2025-05-01"},
		{"rates", "--date", "2025-05-01", "--rounding", "exact"},
		{"tax", "--year", "2025", "--income", "265657", "--birth-date", "1955-12-31"},
		{"period", "--start", "2026-01-05", "--interruption", "2026-06-01..", "--leave", "2026-12-20..2027-01-10", "--date", "2026-09-30"},
		{"check", "-f", "../../examples/case-check.yaml"},
	} {
		var out, errOut bytes.Buffer
		Main(append(args, "--explain", "-o", "json"), &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut})
		var doc struct {
			Explain []explainStep `json:"explain"`
		}
		if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
			t.Fatalf("%v: %v (stderr %s)", args, err, errOut.String())
		}
		if len(doc.Explain) == 0 {
			t.Fatalf("%v: no steps", args)
		}
		replayed := 0
		for _, e := range doc.Explain {
			if e.Key == "" || e.Expression == "" {
				continue
			}
			s := rules.Step{Key: e.Key, Span: e.Period, Inputs: e.Inputs, Formula: e.Expression, Exact: e.Exact, Rounding: e.RoundingCode, Result: e.Value}
			if err := rules.VerifyStep(&s); err != nil {
				t.Errorf("%v: %v", args, err)
			}
			replayed++
		}
		if replayed == 0 {
			t.Errorf("%v: nothing replayed", args)
		}
	}
}
