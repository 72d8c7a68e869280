package main

import (
	"bytes"
	"encoding/json"
	"io"
	"testing"

	"kvp/calc"
	"kvp/config"
	"kvp/config/caseinput"
	"kvp/rules"
)

// oneYearCases are synthetic one-year cases as JSON lines, the shape a
// caseload has: ages 18–66, 0–4 children, some with work, benefits, absence.
func oneYearCases(b *testing.B, n int) [][]byte {
	b.Helper()
	var buf bytes.Buffer
	if err := generateCases(&buf, n, 42, 12); err != nil {
		b.Fatal(err)
	}
	return bytes.Split(bytes.TrimSpace(buf.Bytes()), []byte("\n"))
}

// BenchmarkJSONRoundTrip is the baseline of issue 7: merely decoding each
// case line and encoding it again, on one core.
func BenchmarkJSONRoundTrip(b *testing.B) {
	lines := oneYearCases(b, 1000)
	enc := json.NewEncoder(io.Discard)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		cf, err := caseinput.DecodeJSON(lines[i%len(lines)])
		if err != nil {
			b.Fatal(err)
		}
		if err := enc.Encode(cf); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBatchLine is one batch line on one core: decode, compute the
// stipend over the year, encode the record.
func BenchmarkBatchLine(b *testing.B) {
	lines := oneYearCases(b, 1000)
	p, err := rules.DefaultParams()
	if err != nil {
		b.Fatal(err)
	}
	for _, withTax := range []bool{false, true} {
		name := "stipend"
		if withTax {
			name = "with-tax"
		}
		proc := &batchProcessor{sides: []batchSide{{params: p, calc: calc.NewCalculator(p)}}, defaults: caseinput.Settings{Rounding: calc.RoundingNAV, AgeSwitch: calc.AgeSwitchBirthday, LeapBirthday: rules.LeapFeb28}, withTax: withTax}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				d := proc.run(batchJob{lines: lines[i%len(lines) : i%len(lines)+1], errs: []error{nil}})
				if d.sum.Failed != 0 {
					b.Fatal(d.sum.FirstError)
				}
			}
		})
	}
}

// BenchmarkCompareCaseload compares two scenarios over a caseload the size of
// Norway's (about 9,000 participants a year), on all cores.
func BenchmarkCompareCaseload(b *testing.B) {
	lines := oneYearCases(b, 9000)
	input := append(bytes.Join(lines, []byte("\n")), '\n')
	b.ReportAllocs()
	for b.Loop() {
		code := Main([]string{"batch", "-f", "-", "--scenario", "../../examples/scenario-g-2027.yaml"},
			&IOStreams{In: bytes.NewReader(input), Out: io.Discard, ErrOut: io.Discard})
		if code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}

// BenchmarkBatchChunk is the batch's work on the mixed caseload of
// .ci/bench-batch (periods of 1 to 36 months), in chunks of 256 lines as the
// pipeline cuts them, on one core: plain, --tax and --scenario. Its
// profile is where the batch spends its CPU (issue 19).
func BenchmarkBatchChunk(b *testing.B) {
	var buf bytes.Buffer
	if err := generateCases(&buf, 4096, 1, 0); err != nil {
		b.Fatal(err)
	}
	lines := bytes.Split(bytes.TrimSpace(buf.Bytes()), []byte("\n"))
	p, err := rules.DefaultParams()
	if err != nil {
		b.Fatal(err)
	}
	scen, err := config.LoadScenario("../../examples/scenario-g-2027.yaml")
	if err != nil {
		b.Fatal(err)
	}
	ps := p.Clone()
	if err := scen.Apply(ps); err != nil {
		b.Fatal(err)
	}
	base := batchSide{params: p, calc: calc.NewTotalsCalculator(p)}
	defaults := caseinput.Settings{Rounding: calc.RoundingNAV, AgeSwitch: calc.AgeSwitchBirthday, LeapBirthday: rules.LeapFeb28}
	for _, bc := range []struct {
		name  string
		tax   bool
		sides []batchSide
	}{{"plain", false, []batchSide{base}}, {"tax", true, []batchSide{base}},
		{"scenario", false, []batchSide{base, {params: ps, calc: calc.NewTotalsCalculator(ps)}}}} {
		proc := &batchProcessor{sides: bc.sides, defaults: defaults, withTax: bc.tax}
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			const chunk = 256
			errs := make([]error, chunk)
			for i := 0; b.Loop(); i++ {
				at := i * chunk % len(lines)
				d := proc.run(batchJob{first: 1, lines: lines[at : at+chunk], errs: errs})
				if d.sum.Failed != 0 {
					b.Fatal(d.sum.FirstError)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*chunk), "ns/line")
		})
	}
}
