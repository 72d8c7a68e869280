package calc

import (
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/shopspring/decimal"

	"kvp/rules"
)

// Every tax step replays: over random incomes from 0 to 2 000 000 kroner
// (to the øre), each income year 2023–2026, in and outside Finnmark, at
// wage-rate and low-rate ages and with no birth year, rules.VerifyStep
// evaluates each step's formula over its inputs and checks its exact value
// and its result. Tax without Explain gives the same figures and no steps.
func TestPropertyTaxStepsReplay(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 2026))
	keys := map[string]int{}
	for _, year := range []int{2023, 2024, 2025, 2026} {
		p := taxYear(t, year)
		for i := range 400 {
			in := TaxInput{Year: year, PersonalIncome: decimal.New(r.Int64N(200_000_001), -2), Finnmark: i%2 == 1,
				AverageG: taxDec(taxAverageG[year]), Months: r.IntN(13)}
			switch i % 5 {
			case 0: // no birth year: the wage rate
			case 1:
				in.BirthYear = year - 70 - r.IntN(20) // over 69: the low rate
			case 2:
				in.BirthYear = year - r.IntN(17) // under 17: the low rate
			case 3:
				in.BirthYear = year - 17 - r.IntN(53) // 17 to 69: the wage rate
			case 4:
				in.AverageG = decimal.Zero // no average G: no pension earning
			}
			if i%50 == 0 {
				in.PersonalIncome = p.TrygdeavgiftLowerLimit // at the lower limit exactly
			}
			plain := Tax(in, p)
			in.Explain = true
			b := Tax(in, p)
			if len(plain.Steps) != 0 {
				t.Fatalf("%d %s: steps without Explain", year, in.PersonalIncome)
			}
			steps := b.Steps
			b.Steps = nil
			if !reflect.DeepEqual(plain, b) {
				t.Fatalf("%d %+v: Explain changed the figures:\n%+v\n%+v", year, in, plain, b)
			}
			for j := range steps {
				s := &steps[j]
				keys[s.Key]++
				if err := rules.VerifyStep(s); err != nil {
					t.Fatalf("%d, income %s, finnmark %v, born %d: %v", year, in.PersonalIncome, in.Finnmark, in.BirthYear, err)
				}
			}
			for key, want := range map[string]decimal.Decimal{"tax.trygdeavgift": b.Trygdeavgift, "tax.trinnskatt": b.StepTax,
				"tax.total_tax": b.TotalTax, "tax.net_per_month": b.NetPerMonth, "tax.pension_earning": b.PensionEarning} {
				if l, ok := taxLine(TaxBreakdown{Steps: steps}, key[len("tax."):]); !ok || !l.Amount.Equal(want) {
					t.Fatalf("%d %s: step %s = %s, the breakdown says %s", year, in.PersonalIncome, key, l.Amount, want)
				}
			}
		}
	}
	for _, key := range []string{"tax.personal_income", "tax.trygdeavgift", "tax.minstefradrag", "tax.ordinary_income",
		"tax.finnmarksfradrag", "tax.ordinary_income_after_finnmarksfradrag", "tax.personfradrag", "tax.tax_on_ordinary_income",
		"tax.trinnskatt", "tax.total_tax", "tax.net", "tax.net_per_month", "tax.pension_base", "tax.pension_earning"} {
		if keys[key] == 0 {
			t.Errorf("no step %s was recorded", key)
		}
	}
}
