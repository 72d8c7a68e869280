package calc

import (
	"maps"

	"github.com/shopspring/decimal"

	"kvp/rules"
)

// CurvePoint is one point of a curve (kvp curve): one value of the varied
// input and the figures of the case at it, computed by Stipend and TaxFor
// as kvp calc computes them.
type CurvePoint struct {
	Value decimal.Decimal `json:"value"`
	// Amounts are the period's totals: stipend, child supplement, each
	// reduction and net, by their names in Result.
	Amounts
	// TaxYears are the income years with tax parameters that the tax
	// figures cover; a year without them has no tax figure and is left out.
	TaxYears    []int  `json:"tax_years"`
	Tax         *Money `json:"tax"`           // the tax of TaxYears; nil when there is none
	NetAfterTax *Money `json:"net_after_tax"` // the net income of TaxYears after tax (stipend and other income)
	// Gross is the varied income in TaxYears (other income, wages or the
	// benefit), nil when the varied input is no income of the participant.
	Gross *Money `json:"gross"`
	// MarginalRate is the effective marginal rate from the point before:
	// 1 − ΔNetAfterTax / ΔGross, the share of one more krone of Gross lost
	// to reductions and tax; Kept is the share kept (1 − MarginalRate).
	// Both have MarginalPlaces decimals, rounded half away from zero; nil at
	// the first point and where Gross or the tax is not known.
	MarginalRate *decimal.Decimal `json:"marginal_rate"`
	Kept         *decimal.Decimal `json:"kept"`
	// StipendZero marks the first point of a run where nothing is paid (Net
	// is zero): where the stipend reaches zero.
	StipendZero bool `json:"stipend_zero"`
	// Cliff marks a point whose net after tax is below the point before's
	// although Gross rose: more earned, less kept.
	Cliff bool `json:"cliff"`
}

// The inputs of a case a curve can vary (besides a parameter).
const (
	CurveWorkHours    = "work-hours"    // hours of paid work a week, 0 to 37.5 (§ 37)
	CurveOtherIncome  = "other-income"  // other personal income, kroner in each calendar year
	CurveOtherBenefit = "other-benefit" // a § 38 benefit (dagpenger), kroner a day
)

// CurveCase is c and the tax options o with input (one of the Curve
// constants) at x, and the varied income per income year that goes into the
// tax as other income (nil when the varied input is no income):
// CONVENTION (curve inputs): work hours cover the whole period, and with a
// wage each weekday earns wage × hours / 5; other income is x in every
// calendar year of the period; a benefit is dagpenger of x a day over the
// period, reducing the stipend (§ 38) and taxed as other income on each
// weekday. ok is false for another input.
func CurveCase(c Case, o TaxOptions, input string, x decimal.Decimal, wage *decimal.Decimal) (Case, TaxOptions, map[int]decimal.Decimal, bool) {
	var income map[int]decimal.Decimal
	switch input {
	case CurveWorkHours:
		c.Work = []WorkHours{{Period: c.Period, Hours: x}}
		if wage != nil {
			income = WeekdayIncome(c.Period, wage.Mul(x).Div(decimal.NewFromInt(5)))
		}
	case CurveOtherIncome:
		income = map[int]decimal.Decimal{}
		for y := c.Period.From.Year(); y <= c.Period.To.Year(); y++ {
			income[y] = x
		}
	case CurveOtherBenefit:
		c.Benefits = append(c.Benefits[:len(c.Benefits):len(c.Benefits)], OtherBenefit{Kind: "dagpenger", Period: c.Period, PerDay: x})
		income = WeekdayIncome(c.Period, x)
	default:
		return c, o, nil, false
	}
	if income != nil {
		o.OtherIncome = AddIncome(o.OtherIncome, income)
	}
	return c, o, income, true
}

// MarginalPlaces is the number of decimals of a marginal rate.
const MarginalPlaces = 4

// NewCurvePoint is the point at value of the case priced as res with tax;
// income is the varied income per income year (nil when the varied input
// is no income), as it went into the tax as other income.
func NewCurvePoint(value decimal.Decimal, res *Result, tax *TaxSection, income map[int]decimal.Decimal) CurvePoint {
	p := CurvePoint{Value: value, Amounts: res.Total, TaxYears: []int{}}
	var total, net, gross Money
	for _, y := range tax.Years {
		if y.Tax == nil {
			continue
		}
		p.TaxYears = append(p.TaxYears, y.Year)
		total += M(y.Tax.TotalTax)
		net += M(y.Tax.Net)
		gross += M(income[y.Year])
	}
	if len(p.TaxYears) > 0 || len(tax.Years) == 0 { // no income at all: no tax
		p.Tax, p.NetAfterTax = &total, &net
	}
	if income != nil {
		p.Gross = &gross
	}
	return p
}

// MarkCurve sets each point's marginal rate from the point before, and
// marks where the stipend reaches zero and every cliff.
func MarkCurve(points []CurvePoint) {
	for i := range points {
		p := &points[i]
		p.StipendZero = p.Net == 0 && (i == 0 || points[i-1].Net != 0)
		if i == 0 {
			continue
		}
		prev := points[i-1]
		if p.Gross == nil || prev.Gross == nil || p.NetAfterTax == nil || prev.NetAfterTax == nil || *p.Gross == *prev.Gross {
			continue
		}
		dGross, dNet := *p.Gross-*prev.Gross, *p.NetAfterTax-*prev.NetAfterTax
		kept := decimal.NewFromInt(int64(dNet)).DivRound(decimal.NewFromInt(int64(dGross)), MarginalPlaces)
		rate := decimal.NewFromInt(1).Sub(kept)
		p.Kept, p.MarginalRate = &kept, &rate
		p.Cliff = dGross > 0 && dNet < 0
	}
}

// WeekdayIncome spreads an income of perDay on each weekday (Monday to
// Friday, public holidays included, as the stipend's paid days) of the
// period over the calendar years it falls in: the wages of hours a week
// (perDay = hourly wage × hours / 5) or a § 38 benefit per day.
func WeekdayIncome(period rules.Period, perDay decimal.Decimal) map[int]decimal.Decimal {
	out := map[int]decimal.Decimal{}
	for y := period.From.Year(); y <= period.To.Year(); y++ {
		from, to := max(period.From, rules.NewDate(y, 1, 1)), min(period.To, rules.NewDate(y, 12, 31))
		out[y] = perDay.Mul(decimal.NewFromInt(int64(rules.Weekdays(from, to))))
	}
	return out
}

// AddIncome returns other plus income, year by year, as a new map.
func AddIncome(other, income map[int]decimal.Decimal) map[int]decimal.Decimal {
	out := maps.Clone(other)
	if out == nil {
		out = map[int]decimal.Decimal{}
	}
	for y, v := range income {
		out[y] = out[y].Add(v)
	}
	return out
}
