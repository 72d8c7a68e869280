package main

import (
	"testing"

	"github.com/shopspring/decimal"

	"kvp/calc"
	"kvp/rules"
)

func TestLocaleFormats(t *testing.T) {
	nb, en := locale{language: rules.LangNB}, locale{}
	m := calc.Money(26565656)
	for _, tt := range []struct{ got, want string }{
		{nb.Money(m), "265 656,56 kr"},
		{en.Money(m), "265656.56"},
		{nb.Money(-123456789), "−1 234 567,89 kr"},
		{nb.Money(5), "0,05 kr"},
		{nb.Kroner(m), "265 657 kr"},
		{nb.Date(rules.NewDate(2026, 5, 1)), "01.05.2026"},
		{en.Date(rules.NewDate(2026, 5, 1)), "2026-05-01"},
		{nb.Num(decimal.RequireFromString("2.041")), "2,041"},
		{nb.L(labelDayRate), "dagsats"},
		{en.L(labelDayRate), "day rate"},
		{nb.domainText("sotjl. § 32 (permisjon is not counted)"), "sotjl. § 32 (permisjon telles ikke)"},
		{nb.domainText("sotjl. § 31"), "sotjl. § 31"},
		{nb.formulaText("{application_date} + {months} months"), "{application_date} + {months} måneder"},
		{nb.formulaText("all({a}, {b})"), "alle({a}, {b})"},
		{en.formulaText("all({a}, {b})"), "all({a}, {b})"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
