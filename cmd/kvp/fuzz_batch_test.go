package main

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"kvp/calc"
	"kvp/config/caseinput"
	"kvp/rules"
)

// FuzzBatchLineJSON: a batch line either gives an error record with a
// one-line message, or a result whose amounts add up, and the record
// encodes identically through appendRecord and encoding/json.
func FuzzBatchLineJSON(f *testing.F) {
	for _, s := range []string{
		`{"birth_date":"1999-08-20","from":"2026-01-01","to":"2026-12-31","children":1}`,
		`{"birth_date":"1990-01-01","from":"2026-04-01","to":"2026-06-30","work_hours":[{"hours":15}],"other_benefits":[{"kind":"sykepenger","per_day":900}]}`,
		`{"birth_date":"1990-01-01","from":"2026-02-30","to":"2026-03-31"}`,
		`{"birthdate":"x"}`, `not json`, `{}`, `[]`,
	} {
		f.Add([]byte(s))
	}
	proc := fuzzProcessor(f)
	f.Fuzz(func(t *testing.T, line []byte) {
		checkBatchRecord(t, proc, line, nil)
	})
}

// FuzzBatchLineCSV: the same for a CSV row under a fixed header.
func FuzzBatchLineCSV(f *testing.F) {
	header := []string{"birth_date", "from", "to", "children", "work_hours", "other_benefits", "absence", "interruptions"}
	for _, s := range []string{
		`1999-08-20,2026-01-01,2026-12-31,1,,,,`,
		`1990-01-01,2026-04-01,2026-05-31,1,15,sykepenger:500@2026-05-01..2026-05-10,2026-04-14,2026-05-20..2026-05-31`,
		`1990-01-01,2026-13-01,2026-12-31,,,,,`, `"a,b",c`, `,,,,,,,`,
	} {
		f.Add([]byte(s))
	}
	proc := fuzzProcessor(f)
	f.Fuzz(func(t *testing.T, line []byte) {
		checkBatchRecord(t, proc, line, header)
	})
}

func fuzzProcessor(f *testing.F) *batchProcessor {
	p, err := rules.DefaultParams()
	if err != nil {
		f.Fatal(err)
	}
	defaults := caseinput.Settings{Rounding: calc.RoundingNAV, AgeSwitch: calc.AgeSwitchBirthday, LeapBirthday: rules.LeapFeb28}
	return &batchProcessor{sides: []batchSide{{params: p, calc: calc.NewCalculator(p)}}, defaults: defaults, withTax: true}
}

func checkBatchRecord(t *testing.T, proc *batchProcessor, line []byte, header []string) {
	p := *proc
	p.header = header
	d := p.run(batchJob{lines: [][]byte{line}, errs: []error{nil}, first: 1})
	rec := *p.recordOf(line, 1, nil)
	if rec.Error != "" {
		if strings.ContainsAny(rec.Error, "\n\r") {
			t.Fatalf("%q: error is not one line: %q", line, rec.Error)
		}
	} else {
		r := rec.Result
		if r == nil {
			t.Fatalf("%q: neither an error nor a result", line)
		}
		var earned, paid calc.Money
		for _, y := range r.Years {
			earned += y.EarnedNet
			paid += y.PaidNet
		}
		if earned != r.Total.Net || paid != r.Total.Net || r.Total.Net < 0 {
			t.Fatalf("%q: years earned %s paid %s, total net %s", line, earned, paid, r.Total.Net)
		}
	}
	want, err := json.Marshal(&rec)
	if err != nil {
		t.Fatal(err)
	}
	// Valid JSON (a batchRecord does not read back: rules.Warning's
	// arguments are written as an object and have no decoder).
	if !json.Valid(d.out) {
		t.Fatalf("%q: the record %q is not JSON", line, d.out)
	}
	if string(d.out) != string(want)+"\n" {
		t.Fatalf("%q:\n got %s\nwant %s", line, d.out, want)
	}
}

// FuzzParseNAVG: NAV's G data either fails with one line naming the input,
// or gives entries that re-encode (in either key spelling) to the same entries.
func FuzzParseNAVG(f *testing.F) {
	if data, err := os.ReadFile("testdata/nav/historikk.json"); err == nil {
		f.Add(data)
	}
	for _, s := range []string{
		`{"dato":"2026-05-01","grunnbeløp":136549,"grunnbeløpPerMåned":11379,"gjennomsnittPerÅr":134419}`,
		`{"dato":"2027-05-01","grunnbeloep":143000,"grunnbeloepPerMaaned":11917}`,
		`[]`, `[{"dato":"x"}]`, `{"dato":"2026-05-01","grunnbeløp":-1}`, ``, `null`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, err := parseNAVG("in.json", data)
		if err != nil {
			if msg := err.Error(); !strings.HasPrefix(msg, "in.json") || strings.ContainsAny(msg, "\n\r") {
				t.Fatalf("%q: error %q does not name the input on one line", data, msg)
			}
			return
		}
		var again []string
		for i, e := range entries {
			key, perMonth := "grunnbeløp", "grunnbeløpPerMåned"
			if i%2 == 1 {
				key, perMonth = "grunnbeloep", "grunnbeloepPerMaaned"
			}
			item := fmt.Sprintf(`{"dato":%q,%q:%d`, e.From.String(), key, e.G)
			if e.PerMonth != 0 { // 0: not given
				item += fmt.Sprintf(`,%q:%d`, perMonth, e.PerMonth)
			}
			again = append(again, item+"}")
		}
		back, err := parseNAVG("again.json", []byte("["+strings.Join(again, ",")+"]"))
		if err != nil {
			t.Fatalf("%q: re-encoded entries do not parse: %v", data, err)
		}
		for i := range back {
			back[i].Average = entries[i].Average
		}
		if !reflect.DeepEqual(back, entries) {
			t.Fatalf("%q: %v != %v", data, back, entries)
		}
	})
}
