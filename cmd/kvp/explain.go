package main

import (
	"strings"

	"github.com/shopspring/decimal"

	"kvp/calc"
	"kvp/rules"
)

// --explain renders the steps the calculators recorded (rules.Step): the
// label of its key, the formula with the inputs filled in, the rounding, the
// reference and the parameters' sources. Nothing here computes a figure.

// stepLabels are the English labels of the step keys; a key not listed is
// looked up by its last part ("rates.under_25.day_rate" → "day_rate").
var stepLabels = map[string]string{
	"yearly": "yearly amount", "monthly": "monthly amount", "day_rate": "day rate",
	"child_per_day":  "child supplement per day",
	"paid_days":      "paid days",
	"amount":         "stipend",
	"child_amount":   "child supplement",
	"interruption":   "interruption",
	"absence":        "absence deduction",
	"work":           "work deduction",
	"other_benefits": "other benefits deduction",
	"month_net":      "net",
	"total":          "total",

	"rates.child_per_day":  "child supplement per child per day",
	"rates.child_per_year": "child supplement per child per year",

	"tax.personal_income":                        "Personal income (personinntekt)",
	"tax.trygdeavgift":                           "National insurance contribution (trygdeavgift)",
	"tax.minstefradrag":                          "Minimum deduction (minstefradrag)",
	"tax.ordinary_income":                        "Ordinary income (alminnelig inntekt)",
	"tax.finnmarksfradrag":                       "Finnmark deduction (finnmarksfradrag)",
	"tax.ordinary_income_after_finnmarksfradrag": "Ordinary income after finnmarksfradrag (tax basis)",
	"tax.personfradrag":                          "Personal allowance (personfradrag)",
	"tax.tax_on_ordinary_income":                 "Tax on ordinary income (skatt på alminnelig inntekt)",
	"tax.trinnskatt":                             "Step tax (trinnskatt)",
	"tax.total_tax":                              "Total tax",
	"tax.net":                                    "Net after tax",
	"tax.net_per_month":                          "Net after tax per month",
	"tax.pension_base":                           "Pensionable income (pensjonsgivende inntekt)",
	"tax.pension_earning":                        "Pension earning (pensjonsopptjening)",
}

// bandLabels name the age bands of the rates' keys.
var bandLabels = map[string]string{"25_and_over": "25 and over", "under_25": "under 25"}

// roundingTexts say in words how a result was rounded.
var roundingTexts = map[string]string{
	rules.RoundKronerHalfUp: "whole kroner, half up",
	rules.RoundOreHalfUp:    "to the øre, half up",
	rules.RoundOrePerMonth:  "to the øre in each monthly payment",
	rules.RoundShownOre:     "shown to the øre; the amounts use the unrounded value",
	rules.RoundCapped:       "day by day at most what is left of the stipend",
}

// paramNames are how a parameter is named beside its source.
var paramNames = map[string]string{
	rules.KeyG: "G", rules.KeyFactor: "factor", rules.KeyUnder25Share: "share",
	rules.KeyDayDivisor: "divisor", rules.KeyChildSupplement: "rate",
	calc.ParamTaxTable: "tax parameters", calc.ParamAverageG: "average G",
	calc.ParamStepsFinnmark:   "Finnmark and Nord-Troms step rates",
	calc.ParamNoStepsFinnmark: "no Finnmark and Nord-Troms step reduction",
	calc.ParamLowRateMissing:  "low rate not given: wage rate used",
}

// renderSteps turns recorded steps into explanation lines. A parameter's
// source is given in full the first time it is named, then by its date.
func renderSteps(l locale, steps []rules.Step) []explainStep {
	out := make([]explainStep, 0, len(steps))
	seen := map[rules.Param]bool{}
	for i := range steps {
		out = append(out, l.renderStep(&steps[i], seen))
	}
	return out
}

func (l locale) renderStep(s *rules.Step, seen map[rules.Param]bool) explainStep {
	e := explainStep{Key: s.Key, Figure: l.stepLabel(s), Ref: s.Ref, Inputs: s.Inputs}
	if e.Inputs == nil {
		e.Inputs = rules.Inputs{}
	}
	e.Formula = s.Expand(l.inputValue)
	if strings.HasPrefix(s.Formula, "weekdays(") {
		e.Formula = l.T("Monday–Friday, public holidays included") + ": " + e.Formula
	}
	if s.Exact != "" {
		if d, err := decimal.NewFromString(s.Exact); err == nil {
			e.Formula += l.equals(d)
		}
	}
	e.Result = l.resultValue(s)
	if s.Rounding != "" {
		e.Rounding = l.T(roundingTexts[s.Rounding])
	}
	var sources []string
	for _, p := range s.Params {
		src := l.T(paramNames[p.Key]) + " " + l.T("from") + " " + l.Date(p.From)
		if key := (rules.Param{Key: p.Key, From: p.From}); !seen[key] && p.Source != "" {
			seen[key] = true
			src += ": " + p.Source
		}
		if p.Origin != "" && p.Origin != rules.OriginDefault {
			src += " (" + originText(l, p.Origin) + ")"
		}
		sources = append(sources, src)
	}
	e.Source = strings.Join(sources, "; ")
	return e
}

// stepLabel is the label of a step's key, with its band or period.
func (l locale) stepLabel(s *rules.Step) string {
	parts := strings.Split(s.Key, ".")
	label, ok := stepLabels[s.Key]
	if pl, period := periodStepLabels[s.Key]; period {
		label, ok = pl, true
	}
	if !ok {
		label = stepLabels[parts[len(parts)-1]]
	}
	if label == "" {
		label = s.Key
	}
	label = l.T(label)
	if len(parts) == 3 {
		if band, ok := bandLabels[parts[1]]; ok {
			label += ", " + l.T(band)
		}
	}
	switch {
	case strings.HasSuffix(s.Key, ".month_net") && s.Span != nil:
		paid, _ := s.Inputs.Value("paid_in")
		label += " " + l.monthText(s.Span.From.String()[:7]) + " (" + l.T("paid in") + " " + l.monthText(paid) + ")"
	case s.Span != nil:
		label += " " + l.span(s.Span.From, s.Span.To)
	}
	return label
}

// inputValue writes an input's value the way of l: a date as a date, a
// number with the locale's grouping and decimal mark, as many decimals as
// it was recorded with.
func (l locale) inputValue(_, v string) string {
	if d, err := rules.ParseDate(v); err == nil {
		return l.Date(d)
	}
	if !l.nb {
		return v
	}
	if num, den, ok := strings.Cut(v, "/"); ok {
		return groupNB(num) + "/" + groupNB(den)
	}
	if _, err := decimal.NewFromString(v); err == nil {
		return groupNB(v)
	}
	return v
}

// resultValue writes a step's result by its unit.
func (l locale) resultValue(s *rules.Step) string {
	switch s.Unit {
	case rules.UnitKroner:
		if !l.nb {
			return s.Result
		}
		return groupNB(s.Result) + " kr"
	case rules.UnitDate:
		if d, err := rules.ParseDate(s.Result); err == nil {
			return l.Date(d)
		}
	case rules.UnitOutcome:
		return l.T(resultWords[rules.Outcome(s.Result)])
	case rules.UnitDays:
		return l.inputValue("", s.Result)
	}
	return l.inputValue("", s.Result)
}
