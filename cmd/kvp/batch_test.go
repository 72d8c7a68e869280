package main

import (
	"bytes"
	"encoding/json"
	"testing"

	"kvp/calc"
	"kvp/rules"
)

// TestAppendRecordMatchesEncodingJSON: the hand-written encoder writes what
// encoding/json writes, for results, scenarios, errors and tax years.
func TestAppendRecordMatchesEncodingJSON(t *testing.T) {
	var cases bytes.Buffer
	if err := generateCases(&cases, 200, 3, 0); err != nil {
		t.Fatal(err)
	}
	p, err := rules.DefaultParams()
	if err != nil {
		t.Fatal(err)
	}
	q := p.Clone()
	if err := q.Set(rules.KeyG, rules.NewDate(2025, 5, 1), "140000", "", "test", rules.OriginFlag); err != nil {
		t.Fatal(err)
	}
	for _, sides := range [][]batchSide{
		{{params: p, calc: calc.NewCalculator(p)}},
		{{params: p, calc: calc.NewCalculator(p)}, {params: q, calc: calc.NewCalculator(q)}},
	} {
		proc := &batchProcessor{sides: sides, rounding: calc.RoundingNAV, ageSwitch: calc.AgeSwitchBirthday, withTax: true}
		lines := bytes.Split(bytes.TrimSpace(cases.Bytes()), []byte("\n"))
		lines = append(lines, []byte(`{"birth_date":"1990-01-01","from":"2026-13-01","to":"2026-12-31"}`), []byte("not json \x01 \"quoted\""),
			[]byte(`{"birth_date":"1990-01-01","from":"2026-01-01","to":"2026-03-31","rounding":"exact"}`))
		for i, line := range lines {
			var rec batchRecord
			rec.Line = i + 1
			proc.record(line, &rec)
			want, err := json.Marshal(&rec)
			if err != nil {
				t.Fatal(err)
			}
			got := appendRecord(nil, &rec)
			if !bytes.Equal(got, append(want, '\n')) {
				t.Fatalf("line %d:\n got %s\nwant %s", i+1, got, want)
			}
		}
	}
}
