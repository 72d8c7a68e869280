package calc

import (
	"testing"

	"github.com/shopspring/decimal"

	"kvp/rules"
)

// A programme across a year end: December 2025 is paid in January 2026 and
// counts in 2026 on the paid basis, in 2025 on the earned basis.
func TestTaxForAcrossYearEnd(t *testing.T) {
	p := params(t)
	c := Case{BirthDate: date(t, "1990-01-01"), Period: rules.Period{From: date(t, "2025-12-01"), To: date(t, "2026-01-31")},
		Rounding: RoundingNAV, AgeSwitch: AgeSwitchBirthday}
	r, err := Stipend(p, c)
	if err != nil {
		t.Fatal(err)
	}
	// December 2025: 23 weekdays × 1 022 = 23 506; January 2026: 22 × 1 022 = 22 484.
	paid, err := TaxFor(r, p, TaxOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(paid.Years) != 1 || paid.Years[0].Year != 2026 || paid.Years[0].Stipend.String() != "45990.00" {
		t.Errorf("paid basis: %+v", paid.Years)
	}
	earned, _ := TaxFor(r, p, TaxOptions{Basis: IncomeBasisEarned, OtherIncome: map[int]decimal.Decimal{2026: dec("120000")}})
	if len(earned.Years) != 2 || earned.Years[0].Stipend.String() != "23506.00" || earned.Years[1].Stipend.String() != "22484.00" {
		t.Fatalf("earned basis: %+v", earned.Years)
	}
	// 2026: 22 484 + 120 000 = 142 484 personal income.
	if got := earned.Years[1].Tax.PersonalIncome.String(); got != "142484" {
		t.Errorf("2026 personal income %s", got)
	}
	if earned.Years[0].Tax.PersonalIncome.String() != "23506" || !earned.Years[0].Tax.TotalTax.IsZero() {
		t.Errorf("2025: %+v", earned.Years[0].Tax)
	}
}

func TestTaxForMissingYearAndWithholding(t *testing.T) {
	p := params(t)
	c := Case{BirthDate: date(t, "1990-01-01"), Period: rules.Period{From: date(t, "2026-05-01"), To: date(t, "2026-12-31")},
		Rounding: RoundingNAV, AgeSwitch: AgeSwitchBirthday}
	r, _ := Stipend(p, c)
	pct := dec("30")
	ts, err := TaxFor(r, p, TaxOptions{WithholdingPercent: &pct})
	if err != nil {
		t.Fatal(err)
	}
	// December is paid in January 2027: no tax parameters for 2027.
	last := ts.Years[len(ts.Years)-1]
	if last.Year != 2027 || last.Tax != nil || last.Note == "" || len(ts.Warnings) != 1 {
		t.Errorf("2027: %+v, warnings %v", last, ts.Warnings)
	}
	for _, w := range ts.Withholding {
		if w.PaidIn.String() == "2026-06" {
			if !w.Withheld.IsZero() || w.PaidOut != w.Paid {
				t.Errorf("June payment withheld %s", w.Withheld)
			}
		} else if w.Withheld != M(w.Paid.Decimal().Mul(dec("0.3"))) {
			t.Errorf("%s: withheld %s of %s", w.PaidIn, w.Withheld, w.Paid)
		}
	}
	if _, err := TaxFor(r, p, TaxOptions{Basis: "someday"}); err == nil {
		t.Error("bad basis accepted")
	}
	neg := dec("-1")
	if _, err := TaxFor(r, p, TaxOptions{WithholdingPercent: &neg}); err == nil {
		t.Error("negative withholding accepted")
	}
}
