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
	"eligibility.KVP-EL-01":                      "KVP-EL-01",
	"eligibility.KVP-EL-02":                      "KVP-EL-02",
	"eligibility.KVP-EL-03":                      "KVP-EL-03",
	"eligibility.KVP-EL-04":                      "KVP-EL-04",
	"eligibility.KVP-EL-05":                      "KVP-EL-05",
	"eligibility.KVP-EL-06":                      "KVP-EL-06",
	"eligibility.KVP-EL-06.eea_exemption":        "KVP-EL-06 EEA exemption in force",
	"eligibility.KVP-EL-07":                      "KVP-EL-07",
	"eligibility.KVP-EL-07.in_force":             "KVP-EL-07 rule in force",
	"eligibility.KVP-EL-08":                      "KVP-EL-08",
	"eligibility.KVP-EL-08.one_time_right":       "KVP-EL-08 one-time right",
	"eligibility.verdict":                        "verdict",
	"eligibility.start_deadline":                 "start deadline",
	"eligibility.start_deadline.passed":          "start deadline passed",
}

// inputLabels name the inputs that are not a fact's case-file key, where a
// formula writes them: "assessed 2026-11-24", "18th birthday 2026-11-24"
// (birthday_N is "%dth birthday"). A fact is written by its key:
// "fixed_abode: yes".
var inputLabels = map[string]string{
	"assessed":             "assessed",
	"application_date":     "application",
	"start_deadline":       "start deadline",
	"eea_exemption_from":   "EEA citizens exempt from bopel",
	"youth_programme_from": "rule in force from",
	"amendment_2019":       "2019 amendment",
	"previous_end":         "previous programme ended",
	"fixed_abode_required": "fixed abode required",
}

// formulaWordsNB are the words of the replay language in Norwegian.
var formulaWordsNB = strings.NewReplacer(" months", " måneder", "all(", "alle(")

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
	e := explainStep{Key: s.Key, Figure: l.stepLabel(s), Ref: l.T(s.Ref), Inputs: s.Inputs, Expression: s.Formula, Exact: s.Exact,
		RoundingCode: s.Rounding, Value: s.Result, Period: s.Span}
	if e.Inputs == nil {
		e.Inputs = rules.Inputs{}
	}
	e.Formula = l.formula(s)
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
		if p.Key == "" && p.From == 0 { // the source of a rule: a convention, who decides a fact
			sources = append(sources, l.T(p.Source))
			continue
		}
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

// formula writes a step's formula with its inputs filled in. An outcome
// (an eligibility criterion) is preceded by the facts it was decided on that
// the formula does not name: "residence: eea, fixed_abode: no".
func (l locale) formula(s *rules.Step) string {
	t := *s
	if l.nb {
		t.Formula = formulaWordsNB.Replace(s.Formula)
	}
	f := t.Expand(l.formulaInput)
	if s.Unit != rules.UnitOutcome {
		return f
	}
	parts := make([]string, 0, len(s.Inputs)+1)
	for _, in := range s.Inputs {
		if isWord(in.Value) && !strings.Contains(s.Formula, "{"+in.Name+"}") {
			parts = append(parts, l.formulaInput(in.Name, in.Value))
		}
	}
	if f != "" {
		parts = append(parts, f)
	}
	return strings.Join(parts, ", ")
}

// isWord reports whether an input's value is a word or a list (a fact:
// "yes", "eea", "aap=20000"), not a number or a date.
func isWord(v string) bool {
	if _, err := rules.ReplayValue(v); err == nil {
		return v == "yes" || v == "no" || v == string(rules.Met) || v == string(rules.NotMet)
	}
	return true
}

// formulaInput writes one input inside a formula: a fact by its key and its
// value ("fixed_abode: yes"), a labelled value by its label
// ("assessed 2026-11-24"), any other number bare.
func (l locale) formulaInput(name, v string) string {
	label, ok := inputLabels[name]
	if age, birthday := strings.CutPrefix(name, "birthday_"); birthday {
		label, ok = strings.Replace(l.T("%dth birthday"), "%d", age, 1), true
	} else if ok {
		label = l.T(label)
	}
	switch {
	case isWord(v) && ok:
		return label + ": " + l.wordValue(v)
	case isWord(v):
		return name + ": " + l.wordValue(v)
	case ok:
		return label + " " + l.inputValue(name, v)
	}
	return l.inputValue(name, v)
}

// wordValue writes a fact's value: yes, no, unknown and none in the
// language of l, the outcomes in words; anything else (a residence status,
// a --benefit list) as given.
func (l locale) wordValue(v string) string {
	switch v {
	case "yes", "no", "none":
		return l.T(v)
	case string(rules.Met), string(rules.NotMet), string(rules.Unknown):
		return l.M(outcomeWords[rules.Outcome(v)].M())
	}
	return v
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
		return l.M(outcomeWords[rules.Outcome(s.Result)].M())
	case rules.UnitYesNo:
		return l.T(s.Result)
	case rules.UnitVerdict:
		if !l.nb {
			return strings.ReplaceAll(s.Result, "_", " ") // not_eligible: not eligible
		}
		return l.T(s.Result)
	case rules.UnitDays:
		return l.inputValue("", s.Result)
	}
	return l.inputValue("", s.Result)
}
