package rules

import "testing"

// BenchmarkParseEmbedded is the start-up cost of the embedded parameters:
// what the first command that needs them pays once per process.
func BenchmarkParseEmbedded(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		var p Params
		if err := p.loadG("g", grunnbelopCSV); err != nil {
			b.Fatal(err)
		}
		if err := p.loadParameters("p", parametersCSV); err != nil {
			b.Fatal(err)
		}
	}
}
