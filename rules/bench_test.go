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

// BenchmarkCheckEligibility is one eligibility check without a trace, as
// kvp calc and kvp batch run it: recording steps must cost it nothing.
func BenchmarkCheckEligibility(b *testing.B) {
	birth, application := NewDate(1990, 6, 15), NewDate(2026, 10, 1)
	yes, no := true, false
	f := EligibilityFacts{
		BirthDate: &birth, AssessmentDate: NewDate(2026, 11, 24), ApplicationDate: &application,
		ReducedCapacity: &yes, AssessmentDone: &yes, FollowUpNeeded: &yes, BenefitsKnown: true,
		Residence: ResidenceEEA, FixedAbode: &yes, YouthProgramme: &no, PreviousKnown: true,
	}
	b.ReportAllocs()
	for b.Loop() {
		CheckEligibility(f)
	}
}
