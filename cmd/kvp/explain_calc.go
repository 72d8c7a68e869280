package main

import (
	"strings"

	"github.com/shopspring/decimal"

	"kvp/calc"
	"kvp/rules"
)

// The --explain steps of kvp rates and kvp calc: every figure with the
// formula and the values it was computed from, the rounding applied, the
// legal reference and where the parameter came from. The formulas are built
// from the decimals the result was computed with, so that a caseworker can
// redo each line by hand. JSON always carries the English steps, so that the
// document is the same in both languages.

// amt writes an amount inside a formula: "22484.00", "22 484,00".
func (l locale) amt(m calc.Money) string {
	if !l.norwegian() {
		return m.String()
	}
	return groupNB(m.String())
}

// month writes a month: "2026-04", "04.2026".
func (l locale) month(ym calc.YearMonth) string {
	s := ym.String()
	if !l.norwegian() || len(s) != 7 {
		return s
	}
	return s[5:7] + "." + s[0:4]
}

// span writes a segment's dates: "2026-04-01–2026-04-30".
func (l locale) span(from, to rules.Date) string { return l.Date(from) + "–" + l.Date(to) }

// equals returns " = v" when v has at most 6 decimals, else " ≈ v" with v to 6.
func (l locale) equals(v decimal.Decimal) string {
	if r := v.Round(6); !r.Equal(v) {
		return " ≈ " + l.Num(r)
	}
	return " = " + l.Num(v)
}

// originText translates where a value came from: default, environment,
// flag, file:PATH.
func originText(l locale, origin string) string {
	if path, ok := strings.CutPrefix(origin, rules.OriginFile+":"); ok {
		return l.M(originFile.M(path))
	}
	if c, ok := originWords[origin]; ok {
		return l.L(c)
	}
	return origin
}

// value writes a parameter value ("130160", "2.041", "2/3") the way of l.
func (l locale) value(v string) string {
	if !l.norwegian() {
		return v
	}
	if d, err := decimal.NewFromString(v); err == nil {
		return l.Num(d)
	}
	if r, err := rules.ParseRatio(v); err == nil {
		return l.Num(r.Num) + "/" + l.Num(r.Den)
	}
	return v
}

// monthText writes a month given as "2026-04" the way of l: "04.2026".
func (l locale) monthText(s string) string {
	if !l.norwegian() || len(s) != 7 {
		return s
	}
	return s[5:7] + "." + s[0:4]
}
