package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"kvp/calc"
	"kvp/config/caseinput"
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
		proc := &batchProcessor{sides: sides, defaults: caseinput.Settings{Rounding: calc.RoundingNAV, AgeSwitch: calc.AgeSwitchBirthday, LeapBirthday: rules.LeapFeb28}, withTax: true}
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

// TestBatchProgressOnlyOnATerminal: with stderr on a terminal a batch draws
// a progress line and clears it at the end; otherwise stderr has no progress,
// and stdout is the same either way.
func TestBatchProgressOnlyOnATerminal(t *testing.T) {
	defer func(d time.Duration) { progressEvery = d }(progressEvery)
	progressEvery = 0 // redraw after every chunk
	var cases bytes.Buffer
	if err := generateCases(&cases, 300, 5, 12); err != nil {
		t.Fatal(err)
	}
	run := func(terminal bool) (string, string) {
		var out, errOut bytes.Buffer
		code := Main([]string{"batch", "-f", "-", "--chunk", "16"},
			&IOStreams{In: bytes.NewReader(cases.Bytes()), Out: &out, ErrOut: &errOut, ErrTerminal: terminal})
		if code != 0 {
			t.Fatalf("terminal %v: exit %d: %s", terminal, code, errOut.String())
		}
		return out.String(), errOut.String()
	}
	outT, errT := run(true)
	outP, errP := run(false)
	if outT != outP {
		t.Error("stdout differs between a terminal and a pipe on stderr")
	}
	if !strings.Contains(errT, "\rkvp: ") || !strings.Contains(errT, " lines…") || !strings.Contains(errT, "\r\033[K") {
		t.Errorf("terminal: no progress line, or it is not cleared: %q", errT)
	}
	if strings.Contains(errP, "\r") || strings.Contains(errP, "lines…") {
		t.Errorf("pipe: progress written to stderr: %q", errP)
	}
	if !strings.Contains(errP, "kvp: summary: ") {
		t.Errorf("pipe: no summary on stderr: %q", errP)
	}
}

// A record's difference uses calc's comparison rules: a year whose tax is
// unknown on one side has an unknown difference, not −tax.
func TestDiffResultsUnknownTax(t *testing.T) {
	tax := calc.Kroner(1000)
	more := calc.Kroner(1200)
	base := &batchResult{Total: calc.Amounts{Net: calc.Kroner(5000)}, Years: []batchYear{{Year: 2026, PaidNet: calc.Kroner(5000), Tax: &tax}, {Year: 2027, Tax: &tax}}}
	scen := &batchResult{Total: calc.Amounts{Net: calc.Kroner(5500)}, Years: []batchYear{{Year: 2026, PaidNet: calc.Kroner(5500), Tax: &more}, {Year: 2027}}}
	d := diffResults(base, scen)
	if d.Total.Net != calc.Kroner(500) || len(d.Years) != 2 {
		t.Fatalf("diff = %+v", d)
	}
	if y := d.Years[0]; y.PaidNet != calc.Kroner(500) || y.Tax == nil || *y.Tax != calc.Kroner(200) {
		t.Errorf("2026 = %+v", y)
	}
	if y := d.Years[1]; y.Tax != nil {
		t.Errorf("2027: known − unknown tax = %s, want unknown", *y.Tax)
	}
}
