package main

import (
	"bytes"
	"testing"
)

// BenchmarkRegulateCaseload regulates 10 000 one-year cases read as JSON
// lines through kvp regulate itself (decode, price twice, summarise, JSON
// out): issue 17 asks for under a second.
func BenchmarkRegulateCaseload(b *testing.B) {
	var in bytes.Buffer
	if err := generateCases(&in, 10_000, 42, 12); err != nil {
		b.Fatal(err)
	}
	data := in.Bytes()
	b.ResetTimer()
	for b.Loop() {
		var out, errOut bytes.Buffer
		code := Main([]string{"regulate", "-f", "-", "--input-format", "jsonl", "--regulated-on", "2026-06-15", "-o", "json"},
			&IOStreams{In: bytes.NewReader(data), Out: &out, ErrOut: &errOut})
		if code != 0 {
			b.Fatalf("exit %d: %s", code, errOut.String())
		}
	}
}
