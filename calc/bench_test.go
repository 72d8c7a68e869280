package calc

import (
	"testing"

	"kvp/rules"
)

// BenchmarkStipendThreeYears: one case over three years, two children, one
// turning 18 inside the period, across three G changes and a 25th birthday.
func BenchmarkStipendThreeYears(b *testing.B) {
	k := NewCalculator(params(b))
	for _, r := range []Rounding{RoundingNAV, RoundingExact} {
		c := Case{
			BirthDate:       date(b, "2001-03-15"),
			Period:          rules.Period{From: date(b, "2024-01-01"), To: date(b, "2026-12-31")},
			ChildBirthDates: []rules.Date{date(b, "2008-06-10"), date(b, "2015-02-01")},
			Rounding:        r,
			AgeSwitch:       AgeSwitchBirthday,
		}
		b.Run(string(r), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := k.Stipend(c); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkNewCalculator is the one-off cost of preparing a parameter set.
func BenchmarkNewCalculator(b *testing.B) {
	p := params(b)
	b.ReportAllocs()
	for b.Loop() {
		NewCalculator(p)
	}
}
