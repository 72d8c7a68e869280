package calc

import "github.com/shopspring/decimal"

// Comparing two results (kvp compare, kvp batch --scenario) is one set of
// rules, here: a difference is scenario − baseline; a per-cent change is of
// the baseline, to two places, and only when the baseline is not zero; and a
// figure that is unknown on either side (a tax year without parameters) has
// an unknown difference, never one counted from zero.

// Change is one figure under the baseline and the scenario.
type Change struct {
	Baseline   Money   `json:"baseline"`
	Scenario   Money   `json:"scenario"`
	Difference Money   `json:"difference"`
	Percent    *string `json:"percent"` // of the baseline; null when the baseline is zero
}

// Compare returns the change from base to scen.
func Compare(base, scen Money) Change {
	c := Change{Baseline: base, Scenario: scen, Difference: scen - base}
	if base != 0 {
		p := c.Difference.Decimal().Mul(decimal.NewFromInt(100)).DivRound(base.Decimal(), 2).StringFixed(2)
		c.Percent = &p
	}
	return c
}

// CompareKnown is scen − base when both are known, else nil.
func CompareKnown(base, scen *Money) *Money {
	if base == nil || scen == nil {
		return nil
	}
	d := *scen - *base
	return &d
}

// Sub returns a − b line by line.
func (a Amounts) Sub(b Amounts) Amounts {
	return Amounts{
		Stipend: a.Stipend - b.Stipend, ChildSupplement: a.ChildSupplement - b.ChildSupplement,
		Interruption: a.Interruption - b.Interruption, Absence: a.Absence - b.Absence,
		Work: a.Work - b.Work, OtherBenefits: a.OtherBenefits - b.OtherBenefits, Net: a.Net - b.Net,
	}
}
