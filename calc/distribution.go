package calc

import "slices"

// Distribution sums up the change a reform makes over a caseload: each
// case's change (scenario − baseline), in øre.
//
// CONVENTION (rounding of the summary): the mean is the exact sum divided
// by the number of cases, rounded half away from zero to the øre. The
// median and the deciles are quantiles by linear interpolation between the
// sorted changes (Hyndman and Fan's type 7, the default of R and NumPy):
// the quantile p of n changes x₀ ≤ … ≤ xₙ₋₁ is x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋₊₁ −
// x_⌊h⌋) with h = (n − 1)p, rounded half away from zero to the øre; the
// median is the 5th decile. A case is better off when its change is above
// zero, worse off below, unchanged at exactly zero (to the øre).
type Distribution struct {
	TotalChange  Money  `json:"total_change"`
	BetterOff    int    `json:"better_off"`
	WorseOff     int    `json:"worse_off"`
	Unchanged    int    `json:"unchanged"`
	MeanChange   *Money `json:"mean_change"`   // nil without cases
	MedianChange *Money `json:"median_change"` // nil without cases
	// Deciles are the 9 cut points of the change (10 %, 20 %, … 90 %);
	// empty without cases.
	Deciles []Money `json:"deciles"`
}

// NewDistribution sums up changes; it does not change the slice.
func NewDistribution(changes []Money) Distribution {
	d := Distribution{Deciles: []Money{}}
	if len(changes) == 0 {
		return d
	}
	sorted := slices.Clone(changes)
	slices.Sort(sorted)
	for _, c := range sorted {
		d.TotalChange += c
		switch {
		case c > 0:
			d.BetterOff++
		case c < 0:
			d.WorseOff++
		default:
			d.Unchanged++
		}
	}
	mean := divRound(int64(d.TotalChange), int64(len(sorted)))
	d.MeanChange = &mean
	for k := int64(1); k <= 9; k++ {
		d.Deciles = append(d.Deciles, quantile(sorted, k, 10))
	}
	median := d.Deciles[4]
	d.MedianChange = &median
	return d
}

// quantile is the quantile num/den of sorted (type 7), rounded half away
// from zero to the øre, in integer arithmetic: h = (n−1)·num/den.
func quantile(sorted []Money, num, den int64) Money {
	n := int64(len(sorted))
	hNum := (n - 1) * num // h = hNum / den
	i := hNum / den
	frac := hNum % den // the fraction of h is frac/den
	lo := int64(sorted[i])
	if frac == 0 {
		return Money(lo)
	}
	hi := int64(sorted[i+1])
	return Money(divRound(lo*den+frac*(hi-lo), den))
}

// divRound is a/b rounded half away from zero, b > 0.
func divRound(a, b int64) Money {
	q, r := a/b, a%b
	if 2*abs64(r) >= b {
		if a < 0 {
			q--
		} else {
			q++
		}
	}
	return Money(q)
}

func abs64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}
