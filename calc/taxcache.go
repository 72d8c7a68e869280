package calc

import (
	"github.com/shopspring/decimal"
)

// averageG is one year's rules.Params.AverageG: its value or its error.
type averageG struct {
	value decimal.Decimal
	err   error
}

// TaxFor is TaxFor under the Calculator's parameters. The average G of each
// income year with tax parameters (twelve look-ups and a division) is worked
// out once, on the first call, not once per case and year: a batch with
// --tax spent a twelfth of its time on it (issue 19). Under a totals
// Calculator (NewTotalsCalculator) each breakdown has only its Totals, in
// øre, and its decimal figures are left zero: a batch prints no other.
func (k *Calculator) TaxFor(res *Result, o TaxOptions) (*TaxSection, error) {
	return taxFor(res, k.p, o, k.averageGOf, k.totalsOnly)
}

func (k *Calculator) averageGOf(year int) (decimal.Decimal, error) {
	k.averageGOnce.Do(func() {
		k.averageG = map[int]averageG{}
		for _, y := range k.p.Tax.Years() {
			v, err := k.p.AverageG(y)
			k.averageG[y] = averageG{v, err}
		}
	})
	if a, ok := k.averageG[year]; ok {
		return a.value, a.err
	}
	return k.p.AverageG(year)
}
