package calc

import (
	"github.com/shopspring/decimal"

	"kvp/rules"
)

// The figures below are the ones a segment was priced with, before the
// rounding policy turned them into Money: what --explain shows, so that an
// explanation is computed from the same decimals as the result.

// DayRateExact is the day rate before any rounding: factor × G × share /
// divisor, to 12 places.
func (s *Segment) DayRateExact() decimal.Decimal { return s.dayExact }

// DayRateUsed is the day rate the amounts were priced with under the
// rounding policy: whole kroner under nav, DayRateExact under exact.
func (s *Segment) DayRateUsed() decimal.Decimal { return s.dayRate }

// ChildRateExact is the child supplement per child per day as the parameter gives it.
func (s *Segment) ChildRateExact() decimal.Decimal { return s.childRate }

// BenefitPerDayExact is the § 38 benefits per paid day, unrounded.
func (s *Segment) BenefitPerDayExact() decimal.Decimal { return s.benefitDay }

// YearlyExact is factor × G × share to 12 places, the yearly amount before
// it is rounded to the øre (Segment.Yearly) or to whole kroner (as NAV
// publishes it).
func YearlyExact(factor, g decimal.Decimal, share rules.Ratio) decimal.Decimal {
	return factor.Mul(g).Mul(share.Num).DivRound(share.Den, exactPlaces)
}

// DayExact is factor × G × share / divisor to 12 places; DayNAV is the same
// rounded half up to whole kroner (the nav policy).
func DayExact(factor, g, divisor decimal.Decimal, share rules.Ratio) decimal.Decimal {
	return factor.Mul(g).Mul(share.Num).DivRound(share.Den.Mul(divisor), exactPlaces)
}

// DayNAV is the day rate under the nav policy: half up to whole kroner.
func DayNAV(factor, g, divisor decimal.Decimal, share rules.Ratio) decimal.Decimal {
	return factor.Mul(g).Mul(share.Num).DivRound(share.Den.Mul(divisor), 0)
}

// MonthlyFrom is yearly / 12 to the øre, the way RatesOn computes the
// average monthly amount.
func MonthlyFrom(yearlyExact decimal.Decimal) decimal.Decimal {
	return yearlyExact.DivRound(decimal.NewFromInt(12), 2)
}

// ExactPlaces is the precision of unrounded amounts.
const ExactPlaces = exactPlaces

// AbsentHours is the absence without leave deducted in [from, to] (§ 36),
// in hours (7.5 is a whole day), after the weekend, holiday and interruption
// days the deduction skips.
func (c *Case) AbsentHours(from, to rules.Date) decimal.Decimal {
	absent, _ := c.absentDays()
	sum := decimal.Zero
	for d, h := range absent {
		if from <= d && d <= to {
			sum = sum.Add(h)
		}
	}
	return sum
}
