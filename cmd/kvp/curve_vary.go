package main

import (
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"kvp/calc"
	"kvp/rules"
)

// The inputs kvp curve can vary besides the parameters --set takes.
const (
	varyWorkHours    = calc.CurveWorkHours
	varyOtherIncome  = calc.CurveOtherIncome
	varyOtherBenefit = calc.CurveOtherBenefit
	varyG            = "g"  // the G from the period's first 1 May, whole kroner
	varyGPercent     = "g%" // every G scaled by a percentage
)

// varyInputs lists the inputs, in the order an error names them.
var varyInputs = []string{varyWorkHours, varyOtherIncome, varyOtherBenefit, varyG, varyGPercent}

// maxCurvePoints bounds a curve.
const maxCurvePoints = 10_000

// The errors of --vary.
var (
	errVaryForm   = rules.NewCode("err.vary.form", "value")
	errVaryKey    = rules.NewCode("err.vary.key", "key", "inputs", "parameters")
	errVaryNumber = rules.NewCode("err.vary.number", "part", "value")
	errVaryStep   = rules.NewCode("err.vary.step", "value")
	errVaryOrder  = rules.NewCode("err.vary.order", "from", "to")
	errVaryPoints = rules.NewCode("err.vary.points", "n", "max")
	errVaryRange  = rules.NewCode("err.vary.range", "key", "min", "max")
	errVaryAt     = rules.NewCode("err.vary.at", "key")
	errVaryMin    = rules.NewCode("err.vary.min", "key", "from", "min")
	errVaryGPct   = rules.NewCode("err.vary.g_percent", "value")
	errVaryOnce   = rules.NewCode("err.vary.once", "n")
)

// vary is a parsed --vary KEY=FROM..TO/STEP: an input (varyInputs), or a
// parameter --set takes with its date or income year (KEY@AT).
type vary struct {
	Key            string
	At             string // the parameter's date or income year; "" for an input
	From, To, Step decimal.Decimal
	n              int // the number of points
}

// param reports whether v varies a parameter rather than an input.
func (v vary) param() bool { return v.At != "" }

// income reports whether the varied input is the participant's income in
// kroner, so that a marginal rate can be given (for work-hours only with
// an hourly wage).
func (v vary) income(wage bool) bool {
	switch v.Key {
	case varyOtherIncome, varyOtherBenefit:
		return true
	case varyWorkHours:
		return wage
	}
	return false
}

// parseVary reads KEY=FROM..TO/STEP. Numbers are plain decimals of at most
// 12 digits before and 10 after the point; STEP is above 0, TO not below
// FROM, and the curve has at most maxCurvePoints points (FROM, FROM+STEP,
// … up to TO).
func parseVary(s string) (vary, error) {
	lhs, rng, ok := strings.Cut(s, "=")
	span, step, ok2 := strings.Cut(rng, "/")
	from, to, ok3 := strings.Cut(span, "..")
	if !ok || !ok2 || !ok3 {
		return vary{}, rules.Errorf(errVaryForm, rules.Quote(s))
	}
	v := vary{}
	key, at, isParam := strings.Cut(strings.TrimSpace(lhs), "@")
	v.Key = strings.ToLower(key)
	switch {
	case isParam && (slices.Contains(rules.Keys, v.Key) || rules.IsTaxKey(v.Key) && v.Key != rules.TaxKeyNote):
		if v.At = strings.TrimSpace(at); v.At == "" {
			return vary{}, rules.Errorf(errVaryAt, rules.Quote(v.Key))
		}
	case !isParam && slices.Contains(varyInputs, v.Key):
	case !isParam && (slices.Contains(rules.Keys, v.Key) || rules.IsTaxKey(v.Key)) && v.Key != rules.TaxKeyNote:
		return vary{}, rules.Errorf(errVaryAt, rules.Quote(v.Key))
	default:
		return vary{}, rules.Errorf(errVaryKey, rules.Quote(lhs), strings.Join(varyInputs, ", "), strings.Join(rules.Keys, ", "))
	}
	for _, part := range []struct {
		name string
		text string
		dst  *decimal.Decimal
	}{{"FROM", from, &v.From}, {"TO", to, &v.To}, {"STEP", step, &v.Step}} {
		d, err := varyNumber(part.text)
		if err != nil {
			return vary{}, rules.Errorf(errVaryNumber, part.name, rules.Quote(part.text))
		}
		*part.dst = d
	}
	if !v.Step.IsPositive() {
		return vary{}, rules.Errorf(errVaryStep, v.Step.String())
	}
	if v.To.LessThan(v.From) {
		return vary{}, rules.Errorf(errVaryOrder, v.From.String(), v.To.String())
	}
	n := v.To.Sub(v.From).Div(v.Step).Floor()
	if n.GreaterThanOrEqual(decimal.NewFromInt(maxCurvePoints)) {
		return vary{}, rules.Errorf(errVaryPoints, n.Add(decimal.NewFromInt(1)).String(), maxCurvePoints)
	}
	v.n = int(n.IntPart()) + 1
	if v.Key == varyWorkHours && (v.From.IsNegative() || v.To.GreaterThan(calc.FullTimeHours)) {
		return vary{}, rules.Errorf(errVaryRange, v.Key, 0, calc.FullTimeHours.String())
	}
	if (v.Key == varyOtherIncome || v.Key == varyOtherBenefit) && v.From.IsNegative() {
		return vary{}, rules.Errorf(errVaryMin, v.Key, v.From.String(), 0)
	}
	if v.Key == varyG && v.From.LessThan(decimal.NewFromInt(1)) { // a G is a positive number of kroner
		return vary{}, rules.Errorf(errVaryMin, v.Key, v.From.String(), 1)
	}
	if v.Key == varyGPercent && v.From.LessThanOrEqual(decimal.NewFromInt(-100)) { // −100 % leaves no G
		return vary{}, rules.Errorf(errVaryGPct, v.From.String())
	}
	return v, nil
}

// varyNumber reads a plain decimal: digits with an optional sign and point,
// no exponent, at most 12 digits before the point and 10 after.
func varyNumber(s string) (decimal.Decimal, error) {
	s = strings.TrimSpace(s)
	digits := strings.TrimLeft(s, "+-")
	if len(s)-len(digits) > 1 || digits == "" || strings.Trim(digits, "0123456789.") != "" || strings.Count(digits, ".") > 1 {
		return decimal.Decimal{}, rules.Errorf(rules.ErrNotANumber, rules.Quote(s))
	}
	whole, frac, _ := strings.Cut(digits, ".")
	if len(strings.TrimLeft(whole, "0")) > 12 || len(frac) > 10 || whole == "" && frac == "" {
		return decimal.Decimal{}, rules.Errorf(rules.ErrNotANumber, rules.Quote(s))
	}
	return decimal.NewFromString(s)
}

// values are the points: From, From+Step, … up to To.
func (v vary) values() []decimal.Decimal {
	out := make([]decimal.Decimal, v.n)
	for i := range out {
		out[i] = v.From.Add(v.Step.Mul(decimal.NewFromInt(int64(i))))
	}
	return out
}
