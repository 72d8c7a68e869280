package calc

import (
	"github.com/shopspring/decimal"

	"kvp/rules"
)

// The trace: each figure recorded as a rules.Step where it is computed,
// only when a caller asks for it (Case.Explain, a non-nil *rules.Trace).

// paramOf names the parameter value v for a step.
func paramOf(v *ParamValue) rules.Param {
	return rules.Param{Key: v.Key, From: v.From, Source: v.Source, Origin: v.Origin}
}

// exactIf is the unrounded value of a step, or "" when the result shows it whole.
func exactIf(exact decimal.Decimal, result Money) string {
	if exact.Equal(result.Decimal()) {
		return ""
	}
	return exact.String()
}

// rateInputs are the inputs of a yearly amount in epoch e for band i, and
// the formula over them: "{factor} × {g}", with "{share} × " under 25.
func rateInputs(e *epoch, i int) (rules.Inputs, string) {
	in := make(rules.Inputs, 0, 4)
	base := "{factor} × {g}"
	if i == 1 {
		in = append(in, rules.Input{Name: "share", Value: e.share.Value.String()})
		base = "{share} × " + base
	}
	return append(in, rules.Input{Name: "factor", Value: e.factor.Value.String()}, rules.Input{Name: "g", Value: e.g.Value.String()}), base
}
