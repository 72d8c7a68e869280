package calc

import "github.com/shopspring/decimal"

// A piece of a segment with reductions but without absence, under the nav
// policy, is priced in int64 arithmetic on amounts in whole 10^-12 kroner
// (the calculation's exactPlaces): the same figures as piece and pricePiece
// compute with decimals (TestPieceWhole12AgreesWithDecimals), without their
// allocations, which were a third of a batch's (issue 19). A segment whose
// amounts do not fit keeps the decimal path.

// whole12Limit bounds a day's amount in 10^-12 kroner (100 000 kroner), so
// that a line of a month (at most 31 days: 3.1 × 10^18) and the sum of the
// two positive lines stay inside an int64.
const whole12Limit = 1e17

// dayWhole12 is a segment's day: the stipend and child supplement, and the
// reductions of a day without absence (positive), in 10^-12 kroner.
type dayWhole12 struct {
	ok                 bool
	stipend, child     int64
	work, otherBenefit int64
}

// newDayWhole12 converts seg's day (dayRate, childDay, normalDay); ok is
// false when a value has more than 12 places or is too large.
func newDayWhole12(seg *Segment) dayWhole12 {
	var w dayWhole12
	var ok [4]bool
	w.stipend, ok[0] = whole12(seg.dayRate)
	w.child, ok[1] = whole12(seg.childDay)
	w.work, ok[2] = whole12(seg.normalDay[lineWork-lineAbsence])
	w.otherBenefit, ok[3] = whole12(seg.normalDay[lineBenefits-lineAbsence])
	absence, okAbsence := whole12(seg.normalDay[lineAbsence-lineAbsence])
	w.ok = ok[0] && ok[1] && ok[2] && ok[3] && okAbsence && absence == 0
	return w
}

// whole12 is d in 10^-12 kroner, if it is a whole number of them within
// whole12Limit.
func whole12(d decimal.Decimal) (int64, bool) {
	exp := d.Exponent()
	if exp < -exactPlaces || exp > 4 || d.NumDigits() > 18 {
		return 0, d.IsZero()
	}
	unit := pow10[exactPlaces+exp]
	c := d.CoefficientInt64()
	if c > whole12Limit/unit || c < -whole12Limit/unit {
		return 0, false
	}
	return c * unit, true
}

// øreOf12 rounds v (10^-12 kroner) half away from zero to the øre, as M does.
func øreOf12(v int64) Money {
	const unit = 1e10 // 10^-12 kroner in an øre
	q, r := v/unit, v%unit
	if r < 0 {
		r = -r
	}
	if 2*r >= unit {
		if v < 0 {
			q--
		} else {
			q++
		}
	}
	return Money(q)
}

// piece prices days days as pricePiece does under the nav policy: each
// line rounded to the øre, and an øre of rounding that would make the net
// negative, or pay an øre when the reductions take everything, taken off
// the last reduction.
func (w *dayWhole12) piece(days int) Amounts {
	n := int64(days)
	exact := [lineCount]int64{lineStipend: w.stipend * n, lineChild: w.child * n, lineWork: -w.work * n, lineBenefits: -w.otherBenefit * n}
	var a Amounts
	var net Money
	var sum int64
	lines := a.lines()
	for i, v := range exact {
		*lines[i] = øreOf12(v)
		net += *lines[i]
		sum += v
	}
	if net < 0 || (net > 0 && net <= lineCount && sum <= 0) {
		for i := lineCount - 1; i > lineChild; i-- {
			if m := lines[i]; *m != 0 {
				*m -= net
				break
			}
		}
		net = 0
	}
	a.Net = net
	return a
}
