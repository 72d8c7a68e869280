package calc

import (
	"github.com/shopspring/decimal"

	"kvp/rules"
)

// Rate is the stipend for one age band on one date.
type Rate struct {
	Band        string `json:"band"` // "25_and_over" or "under_25"
	Share       string `json:"share"`
	YearlyExact Money  `json:"yearly_exact"` // factor × G × share, to the øre
	Yearly      Money  `json:"yearly"`       // rounded half up to whole kroner, as NAV publishes it
	Monthly     Money  `json:"monthly"`      // yearly / 12, to the øre
	Daily       Money  `json:"daily"`        // day rate under the rounding policy
	DailyExact  string `json:"daily_unrounded"`
	Ref         string `json:"legal_reference"`
}

// Rates are the rates in force on a date.
type Rates struct {
	Date                rules.Date   `json:"date"`
	Rounding            Rounding     `json:"rounding"`
	G                   Money        `json:"g"`
	GFrom               rules.Date   `json:"g_from"`
	Factor              string       `json:"factor"`
	FactorFrom          rules.Date   `json:"factor_from"`
	DayDivisor          string       `json:"day_divisor"`
	Bands               []Rate       `json:"bands"`
	ChildSupplementDay  Money        `json:"child_supplement_per_day"`
	ChildSupplementYear Money        `json:"child_supplement_per_year"`
	ChildSupplementFrom rules.Date   `json:"child_supplement_from"`
	ChildSupplementRef  string       `json:"child_supplement_legal_reference"`
	Parameters          []ParamValue `json:"parameters"`
}

// RatesOn returns the rates in force on d.
func RatesOn(p *rules.Params, d rules.Date, rounding Rounding) (*Rates, error) {
	return NewCalculator(p).Rates(d, rounding, nil)
}

// Rates returns the rates in force on d, from the epoch that prices a
// stipend on d, and records each figure's step in trace (when not nil).
func (k *Calculator) Rates(d rules.Date, rounding Rounding, trace *rules.Trace) (*Rates, error) {
	if rounding != RoundingNAV && rounding != RoundingExact {
		return nil, fieldErr("rounding", notOneOf(string(rounding), "nav, exact"))
	}
	e, err := k.epochAt(d)
	if err != nil {
		return nil, rules.FieldErr("date", err)
	}
	used := map[paramKey]ParamValue{}
	for _, v := range e.params {
		used[paramKey{v.Key, v.From}] = v
	}
	r := &Rates{
		Date: d, Rounding: rounding,
		G: e.gMoney, GFrom: e.g.From, Factor: e.factor.Value.String(), FactorFrom: e.factor.From,
		DayDivisor:          e.div.Value.String(),
		ChildSupplementDay:  e.childMoney,
		ChildSupplementYear: M(e.child.Value.Mul(e.div.Value)),
		ChildSupplementFrom: e.child.From,
		ChildSupplementRef:  RefChildSupplement,
		Parameters:          sortedParams(used),
	}
	twelve := decimal.NewFromInt(12)
	for i, name := range [2]string{"25_and_over", "under_25"} {
		b := &e.bands[i]
		rate := Rate{
			Band: name, Share: "1", Ref: RefStipend,
			YearlyExact: b.yearly,
			Yearly:      M(b.yearlyExact.Round(0)),
			Monthly:     M(b.yearlyExact.DivRound(twelve, 2)),
			Daily:       b.dayMoney[0],
			DailyExact:  b.dayShown.String(),
		}
		if rounding == RoundingNAV {
			rate.Daily = b.dayMoney[1]
		}
		if i == 1 {
			rate.Share, rate.Ref = e.share.Value.String(), RefUnder25
		}
		r.Bands = append(r.Bands, rate)
		if trace.On() {
			ratesSteps(trace, e, i, &rate, rounding)
		}
	}
	if trace.On() {
		child := []rules.Param{paramOf(&e.params[3])}
		in := rules.Inputs{{Name: "child_supplement", Value: e.child.Value.String()}}
		trace.Add(rules.Step{Key: "rates.child_per_day", Inputs: in, Formula: "{child_supplement}",
			Result: r.ChildSupplementDay.String(), Ref: RefChildSupplement, Params: child})
		trace.Add(rules.Step{Key: "rates.child_per_year", Formula: "{child_supplement} × {day_divisor}",
			Inputs: append(in, rules.Input{Name: "day_divisor", Value: e.div.Value.String()}),
			Result: r.ChildSupplementYear.String(), Ref: RefChildSupplement})
	}
	return r, nil
}

// ratesSteps records the yearly amount, the monthly amount and the day rate
// of band i (0: 25 and over, 1: under 25) as they were computed.
func ratesSteps(trace *rules.Trace, e *epoch, i int, rate *Rate, rounding Rounding) {
	b := &e.bands[i]
	in, base := rateInputs(e, i)
	params := []rules.Param{paramOf(&e.params[0]), paramOf(&e.params[1])}
	if i == 1 {
		params = append(params, paramOf(&e.params[4]))
	}
	prefix := "rates." + rate.Band + "."
	trace.Add(rules.Step{Key: prefix + "yearly", Inputs: in, Formula: base, Exact: exactIf(b.yearlyExact, rate.Yearly),
		Rounding: rules.RoundKronerHalfUp, Result: rate.Yearly.StringFixed(0), Ref: rate.Ref, Params: params})
	trace.Add(rules.Step{Key: prefix + "monthly", Inputs: in, Formula: base + " / 12",
		Exact: b.yearlyExact.DivRound(decimal.NewFromInt(12), exactPlaces).String(), Rounding: rules.RoundOreHalfUp,
		Result: rate.Monthly.String(), Ref: rate.Ref})
	day := rules.Step{Key: prefix + "day_rate", Inputs: append(in, rules.Input{Name: "day_divisor", Value: e.div.Value.String()}),
		Formula: base + " / {day_divisor}", Exact: b.dayExact.String(), Ref: rate.Ref, Params: params[:1]}
	if rounding == RoundingNAV {
		day.Rounding, day.Result = rules.RoundKronerHalfUp, b.dayNAV.String()
	} else {
		day.Rounding, day.Result = rules.RoundShownOre, rate.Daily.String()
	}
	trace.Add(day)
}
