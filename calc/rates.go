package calc

import (
	"fmt"

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
	if rounding != RoundingNAV && rounding != RoundingExact {
		return nil, fmt.Errorf("rounding: %q is not one of nav, exact", rounding)
	}
	g, err := p.G.At(d)
	if err != nil {
		return nil, fmt.Errorf("date: %w", err)
	}
	factor, err := p.Factor.At(d)
	if err != nil {
		return nil, fmt.Errorf("date: %w (the programme began then)", err)
	}
	share, err := p.Under25Share.At(d)
	if err != nil {
		return nil, fmt.Errorf("date: %w", err)
	}
	div, err := p.DayDivisor.At(d)
	if err != nil {
		return nil, fmt.Errorf("date: %w", err)
	}
	child, err := p.ChildSupplement.At(d)
	if err != nil {
		return nil, fmt.Errorf("date: %w", err)
	}
	used := map[paramKey]ParamValue{}
	for _, x := range []struct {
		key string
		v   rules.Dated[decimal.Decimal]
	}{{rules.KeyG, g}, {rules.KeyFactor, factor}, {rules.KeyDayDivisor, div}, {rules.KeyChildSupplement, child}} {
		note(used, x.key, x.v.From, x.v.Value, x.v.Ref, x.v.Source, x.v.Origin)
	}
	note(used, rules.KeyUnder25Share, share.From, share.Value, share.Ref, share.Source, share.Origin)

	r := &Rates{
		Date: d, Rounding: rounding,
		G: M(g.Value), GFrom: g.From, Factor: factor.Value.String(), FactorFrom: factor.From,
		DayDivisor:          div.Value.String(),
		ChildSupplementDay:  M(child.Value),
		ChildSupplementYear: M(child.Value.Mul(div.Value)),
		ChildSupplementFrom: child.From,
		ChildSupplementRef:  RefChildSupplement,
		Parameters:          sortedParams(used),
	}
	one := decimal.NewFromInt(1)
	for _, band := range []struct {
		name     string
		num, den decimal.Decimal
		ref      string
	}{
		{"25_and_over", one, one, RefStipend},
		{"under_25", share.Value.Num, share.Value.Den, RefUnder25},
	} {
		yearlyNum := factor.Value.Mul(g.Value).Mul(band.num)
		exactYear := yearlyNum.DivRound(band.den, exactPlaces)
		dayExact := yearlyNum.DivRound(band.den.Mul(div.Value), exactPlaces)
		daily := dayExact.Round(2)
		if rounding == RoundingNAV {
			daily = yearlyNum.DivRound(band.den.Mul(div.Value), 0)
		}
		shareText := "1"
		if band.name == "under_25" {
			shareText = share.Value.String()
		}
		r.Bands = append(r.Bands, Rate{
			Band: band.name, Share: shareText,
			YearlyExact: M(exactYear.Round(2)),
			Yearly:      M(exactYear.Round(0)),
			Monthly:     M(exactYear.DivRound(decimal.NewFromInt(12), 2)),
			Daily:       M(daily),
			DailyExact:  dayExact.Round(6).String(),
			Ref:         band.ref,
		})
	}
	return r, nil
}
