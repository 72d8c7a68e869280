package calc

import (
	"encoding/json"
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"kvp/rules"
)

func taxDec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func taxYear(t testing.TB, y int) rules.TaxYear {
	t.Helper()
	tt, err := rules.DefaultTaxTable()
	if err != nil {
		t.Fatal(err)
	}
	ty, err := tt.Year(y)
	if err != nil {
		t.Fatal(err)
	}
	return ty
}

// taxAverageG is the yearly average G (data/grunnbelop-yearly-average.csv).
var taxAverageG = map[int]string{2023: "116239", 2024: "122225", 2025: "128116", 2026: "134419"}

// taxView is a recorded tax step with its result as an amount.
type taxView struct {
	rules.Step
	Amount decimal.Decimal
}

// taxLine is the step "tax."+key of b (recorded with Explain).
func taxLine(b TaxBreakdown, key string) (taxView, bool) {
	i := slices.IndexFunc(b.Steps, func(s rules.Step) bool { return s.Key == "tax."+key })
	if i < 0 {
		return taxView{}, false
	}
	return taxView{b.Steps[i], taxDec(b.Steps[i].Result)}, true
}

// values writes a step's formula with its inputs' values.
func values(s rules.Step) string { return s.Expand(func(_, v string) string { return v }) }

// TestTaxFullBreakdown checks every amount against hand computations
// (rounded to øre half up at each line). The first row is the worked check in
// tax-parameters.md.
func TestTaxFullBreakdown(t *testing.T) {
	type want struct {
		trygd, minDed, finnmark, ordinary, taxOrd, step, total, avg, net, perMonth, pensionBase, pension string
	}
	tests := []struct {
		name     string
		year     int
		income   string
		finnmark bool
		want     want
	}{
		{
			// trygdeavgift min(7.7 % × 265 657 = 20 455.589, 25 % × 166 007 = 41 501.75) → 20 455.59;
			// minstefradrag min(122 202.22, 92 000) = 92 000; ordinary 173 657;
			// 22 % × (173 657 − 108 550) = 14 323.54; trinnskatt 1.7 % × 48 257 = 820.369 → 820.37;
			// total 35 599.50; net 230 057.50, /12 = 19 171.458 → 19 171.46;
			// pension 18.1 % × min(265 657, 7.1 × 128 116 = 909 623.60) = 48 083.917 → 48 083.92.
			name: "worked check 2025", year: 2025, income: "265657",
			want: want{"20455.59", "92000", "0", "173657", "14323.54", "820.37", "35599.50", "0.1340", "230057.50", "19171.46", "265657", "48083.92"},
		},
		{
			// 2023, the full stipend 237 240: trygd 7.9 % × 237 240 = 18 741.96; minstefradrag
			// min(109 130.40, 104 450) = 104 450; ordinary 132 790; 22 % × (132 790 − 79 600) = 11 701.80;
			// trinnskatt 1.7 % × (237 240 − 198 350) = 661.13; total 31 104.89.
			name: "2023 below step 2", year: 2023, income: "237240",
			want: want{"18741.96", "104450", "0", "132790", "11701.80", "661.13", "31104.89", "0.1311", "206135.11", "17177.93", "237240", "42940.44"},
		},
		{
			// 2024, 253 141: trygd 7.8 % = 19 744.998 → 19 745.00; ordinary 253 141 − 104 450 = 148 691;
			// 22 % × (148 691 − 88 250) = 13 297.02; trinnskatt 1.7 % × 45 091 = 766.547 → 766.55.
			name: "2024 below step 2", year: 2024, income: "253141",
			want: want{"19745.00", "104450", "0", "148691", "13297.02", "766.55", "33808.57", "0.1336", "219332.43", "18277.70", "253141", "45818.52"},
		},
		{
			// 2026, 274 000: trygd 7.6 % = 20 824; minstefradrag 95 700; ordinary 178 300;
			// 22 % × (178 300 − 114 540) = 14 027.20; trinnskatt 1.7 % × 47 900 = 814.30.
			name: "2026 below step 2", year: 2026, income: "274000",
			want: want{"20824", "95700", "0", "178300", "14027.20", "814.30", "35665.50", "0.1302", "238334.50", "19861.21", "274000", "49594"},
		},
		{
			// 2025, 800 000, above step 3: 1.7 % × 88 650 = 1 507.05, 4 % × 391 100 = 15 644,
			// 13.7 % × 102 850 = 14 090.45 → 31 241.50; trygd 7.7 % = 61 600;
			// 22 % × (708 000 − 108 550) = 131 879.
			name: "2025 above step 3", year: 2025, income: "800000",
			want: want{"61600", "92000", "0", "708000", "131879", "31241.50", "224720.50", "0.2809", "575279.50", "47939.96", "800000", "144800"},
		},
		{
			// 2025, 2 000 000, above step 5: 1 507.05 + 15 644 + 13.7 % × 245 250 = 33 599.25
			// + 16.7 % × 468 350 = 78 214.45 + 17.7 % × 589 250 = 104 297.25 → 233 262;
			// pension base capped at 7.1 × 128 116 = 909 623.60, × 18.1 % = 164 641.8716 → 164 641.87.
			name: "2025 above step 5", year: 2025, income: "2000000",
			want: want{"154000", "92000", "0", "1908000", "395879", "233262", "783141", "0.3916", "1216859", "101404.92", "909623.60", "164641.87"},
		},
		{
			// Finnmark 2023, 700 000: ordinary 700 000 − 104 450 = 595 550 (finnmarksfradrag does not
			// reduce it, sktl. § 15-5); basis 595 550 − 20 550 = 575 000;
			// 18.5 % × (575 000 − 79 600) = 91 649; trinnskatt with step 3 at 11.5 %:
			// 1.7 % × 80 800 = 1 373.60 + 4 % × 363 800 = 14 552 + 11.5 % × 57 050 = 6 560.75 → 22 486.35.
			name: "Finnmark 2023 above step 3", year: 2023, income: "700000", finnmark: true,
			want: want{"55300", "104450", "20550", "595550", "91649", "22486.35", "169435.35", "0.2421", "530564.65", "44213.72", "700000", "126700"},
		},
		{
			// Finnmark 2024 (reduction unsettled: none applied): step 3 stays 13.6 %:
			// 1.7 % × 84 800 = 1 441.60 + 4 % × 377 150 = 15 086 + 13.6 % × 30 000 = 4 080 → 20 607.60;
			// ordinary 595 550; 18.5 % × (595 550 − 30 000 − 88 250) = 88 300.50.
			name: "Finnmark 2024 no step reduction", year: 2024, income: "700000", finnmark: true,
			want: want{"54600", "104450", "30000", "595550", "88300.50", "20607.60", "163508.10", "0.2336", "536491.90", "44707.66", "700000", "126700"},
		},
		{
			// Finnmark 2025: ordinary 173 657; 18.5 % × (173 657 − 30 000 − 108 550) = 6 494.795 → 6 494.80.
			name: "Finnmark 2025", year: 2025, income: "265657", finnmark: true,
			want: want{"20455.59", "92000", "30000", "173657", "6494.80", "820.37", "27770.76", "0.1045", "237886.24", "19823.85", "265657", "48083.92"},
		},
		{
			// Finnmark 2026, 40 000: minstefradrag 18 400 leaves 21 600, so only 21 600 of the
			// 45 000 finnmarksfradrag is used: ordinary income 21 600, the basis 0; below the trygdeavgift limit.
			name: "Finnmark 2026 small income", year: 2026, income: "40000", finnmark: true,
			want: want{"0", "18400", "21600", "21600", "0", "0", "0", "0", "40000", "3333.33", "40000", "7240"},
		},
		{
			name: "no income", year: 2025, income: "0",
			want: want{"0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := Tax(TaxInput{Explain: true, Year: tc.year, PersonalIncome: taxDec(tc.income), Finnmark: tc.finnmark,
				AverageG: taxDec(taxAverageG[tc.year])}, taxYear(t, tc.year))
			got := []decimal.Decimal{b.Trygdeavgift, b.MinimumDeduction, b.FinnmarkAllowance, b.OrdinaryIncome,
				b.TaxOnOrdinaryIncome, b.StepTax, b.TotalTax, b.AverageRate, b.Net, b.NetPerMonth, b.PensionBase, b.PensionEarning}
			w := tc.want
			wants := []string{w.trygd, w.minDed, w.finnmark, w.ordinary, w.taxOrd, w.step, w.total, w.avg, w.net, w.perMonth, w.pensionBase, w.pension}
			names := []string{"trygdeavgift", "minimum deduction", "finnmark allowance", "ordinary income",
				"tax on ordinary income", "step tax", "total", "average rate", "net", "net per month", "pension base", "pension earning"}
			for i := range got {
				if !got[i].Equal(taxDec(wants[i])) {
					t.Errorf("%s = %s, want %s", names[i], got[i], wants[i])
				}
			}
			if b.Year != tc.year {
				t.Errorf("Year = %d, want %d", b.Year, tc.year)
			}
			checkTaxLines(t, b, tc.finnmark)
		})
	}
}

// checkTaxLines checks that the lines repeat the breakdown's amounts, carry
// references, and that every amount is rounded to øre.
func checkTaxLines(t *testing.T, b TaxBreakdown, finnmark bool) {
	t.Helper()
	wantKeys := []string{"personal_income", "trygdeavgift", "minstefradrag", "ordinary_income", "personfradrag",
		"tax_on_ordinary_income", "trinnskatt", "total_tax", "net", "net_per_month", "pension_base", "pension_earning"}
	if finnmark {
		wantKeys = slices.Insert(wantKeys, 4, "finnmarksfradrag", "ordinary_income_after_finnmarksfradrag")
	}
	if want := b.OrdinaryIncome.Sub(b.FinnmarkAllowance); !b.OrdinaryIncomeAfterFinnmark.Equal(want) {
		t.Errorf("basis %s, want ordinary income − finnmarksfradrag = %s", b.OrdinaryIncomeAfterFinnmark, want)
	}
	var keys []string
	for _, s := range b.Steps {
		keys = append(keys, strings.TrimPrefix(s.Key, "tax."))
		if s.Formula == "" || s.Unit != rules.UnitKroner {
			t.Errorf("step %s: empty formula or not in kroner: %+v", s.Key, s)
		}
		if err := rules.VerifyStep(&s); err != nil {
			t.Errorf("step %s does not replay: %v", s.Key, err)
		}
		if a := taxDec(s.Result); !a.Equal(a.Round(2)) {
			t.Errorf("step %s: %s is not rounded to øre", s.Key, a)
		}
	}
	if !slices.Equal(keys, wantKeys) {
		t.Errorf("line keys = %v, want %v", keys, wantKeys)
	}
	amounts := map[string]decimal.Decimal{
		"trygdeavgift": b.Trygdeavgift, "minstefradrag": b.MinimumDeduction, "ordinary_income": b.OrdinaryIncome,
		"tax_on_ordinary_income": b.TaxOnOrdinaryIncome, "trinnskatt": b.StepTax, "total_tax": b.TotalTax,
		"net": b.Net, "pension_earning": b.PensionEarning,
	}
	for key, want := range amounts {
		l, _ := taxLine(b, key)
		if !l.Amount.Equal(want) {
			t.Errorf("line %s = %s, breakdown says %s", key, l.Amount, want)
		}
	}
	for _, key := range []string{"trygdeavgift", "minstefradrag", "tax_on_ordinary_income", "trinnskatt", "pension_earning"} {
		if l, _ := taxLine(b, key); l.Ref == "" {
			t.Errorf("line %s has no legal reference", key)
		}
	}
	if sum := b.Trygdeavgift.Add(b.TaxOnOrdinaryIncome).Add(b.StepTax); !sum.Equal(b.TotalTax) {
		t.Errorf("total %s is not the sum of its parts %s", b.TotalTax, sum)
	}
}

// TestWorkedCheckFormulas pins the explanation text of the worked check.
func TestWorkedCheckFormulas(t *testing.T) {
	b := Tax(TaxInput{Explain: true, Year: 2025, PersonalIncome: taxDec("265657"), AverageG: taxDec("128116")}, taxYear(t, 2025))
	tests := []struct{ key, formula, ref string }{
		{"trygdeavgift", "min(0.077 × 265657.00, max(0, 0.25 × (265657.00 − 99650)))", "ftrl. § 23-3 (2)"},
		{"minstefradrag", "min(0.46 × 265657.00, 92000)", "sktl. § 6-32 (1) a"},
		{"ordinary_income", "265657.00 − 92000.00", "sktl. § 6-32 (1) a"},
		{"tax_on_ordinary_income", "0.22 × max(0, 173657.00 − 108550)", "Stortingets skattevedtak; sktl. § 15-4 (personfradrag)"},
		{"trinnskatt", "0.017 × (265657.00 − 217400)", "sktl. § 12-2 (trinnskatt); rates: Stortingets skattevedtak"},
		{"total_tax", "20455.59 + 14323.54 + 820.37", ""},
		{"pension_base", "min(265657.00, 7.1 × max(0, 128116))", "ftrl. § 3-15, chapter 20"},
		{"pension_earning", "0.181 × 265657.00", "ftrl. § 3-15, chapter 20"},
	}
	for _, tc := range tests {
		l, ok := taxLine(b, tc.key)
		if !ok {
			t.Errorf("no step %s", tc.key)
			continue
		}
		if got := values(l.Step); got != tc.formula {
			t.Errorf("%s formula = %q, want %q", tc.key, got, tc.formula)
		}
		if l.Ref != tc.ref {
			t.Errorf("%s ref = %q, want %q", tc.key, l.Ref, tc.ref)
		}
	}
	// min(20 455.589, 41 501.75) = 20 455.589 → 20 455.59, from the year's table.
	if l, _ := taxLine(b, "trygdeavgift"); l.Exact != "20455.589" || l.Rounding != rules.RoundOreHalfUp ||
		len(l.Params) != 1 || l.Params[0].Key != ParamTaxTable || l.Params[0].Source != taxYear(t, 2025).Source {
		t.Errorf("trygdeavgift step %+v", l.Step)
	}

	// 1.7 % × 88 650 = 1 507.05; 4 % × 391 100 = 15 644; 13.7 % × 245 250 = 33 599.25;
	// 16.7 % × 468 350 = 78 214.45; 17.7 % × 589 250 = 104 297.25; sum 233 262.
	above := Tax(TaxInput{Explain: true, Year: 2025, PersonalIncome: taxDec("2000000")}, taxYear(t, 2025))
	if l, _ := taxLine(above, "trinnskatt"); l.Result != "233262.00" || rules.VerifyStep(&l.Step) != nil ||
		values(l.Step) != "0.017 × (306050 − 217400) + 0.04 × (697150 − 306050) + 0.137 × (942400 − 697150) + "+
			"0.167 × (1410750 − 942400) + 0.177 × (2000000.00 − 1410750)" {
		t.Errorf("trinnskatt at 2 000 000: %+v", l.Step)
	}
}

// TestTrygdeavgiftBounds checks the lower limit and the phase-in break-even
// of each year. Break-even is where 25 % × (x − limit) = rate × x, so
// x = 25 % × limit / (25 % − rate):
//
//	2023: 0.25 × 69 650 / 0.171 = 101 827.49
//	2024: 0.25 × 69 650 / 0.172 = 101 235.47
//	2025: 0.25 × 99 650 / 0.173 = 144 002.89
//	2026: 0.25 × 99 650 / 0.174 = 143 175.29
//
// Just below it the phase-in is smaller, just above the wage rate is.
func TestTrygdeavgiftBounds(t *testing.T) {
	tests := []struct {
		year   int
		income string
		want   string
	}{
		{2023, "69649", "0"}, {2023, "69650", "0"}, {2023, "69651", "0.25"},
		{2023, "101827", "8044.25"}, // 25 % × 32 177 = 8 044.25 < 7.9 % × 101 827 = 8 044.333
		{2023, "101828", "8044.41"}, // 7.9 % × 101 828 = 8 044.412 < 25 % × 32 178 = 8 044.50
		{2024, "69649", "0"}, {2024, "69650", "0"}, {2024, "69651", "0.25"},
		{2024, "101235", "7896.25"}, // 25 % × 31 585 = 7 896.25 < 7.8 % × 101 235 = 7 896.33
		{2024, "101236", "7896.41"}, // 7.8 % × 101 236 = 7 896.408 < 25 % × 31 586 = 7 896.50
		{2025, "99649", "0"}, {2025, "99650", "0"}, {2025, "99651", "0.25"},
		{2025, "144002", "11088.00"}, // 25 % × 44 352 = 11 088 < 7.7 % × 144 002 = 11 088.154
		{2025, "144003", "11088.23"}, // 7.7 % × 144 003 = 11 088.231 < 25 % × 44 353 = 11 088.25
		{2026, "99649", "0"}, {2026, "99650", "0"}, {2026, "99651", "0.25"},
		{2026, "143175", "10881.25"}, // 25 % × 43 525 = 10 881.25 < 7.6 % × 143 175 = 10 881.30
		{2026, "143176", "10881.38"}, // 7.6 % × 143 176 = 10 881.376 < 25 % × 43 526 = 10 881.50
	}
	for _, tc := range tests {
		b := Tax(TaxInput{Explain: true, Year: tc.year, PersonalIncome: taxDec(tc.income)}, taxYear(t, tc.year))
		if !b.Trygdeavgift.Equal(taxDec(tc.want)) {
			t.Errorf("%d, income %s: trygdeavgift = %s, want %s", tc.year, tc.income, b.Trygdeavgift, tc.want)
		}
		// The step's max(0, …) is the lower limit: it replays at, below and above it.
		if l, _ := taxLine(b, "trygdeavgift"); rules.VerifyStep(&l.Step) != nil {
			t.Errorf("%d, income %s: %v", tc.year, tc.income, rules.VerifyStep(&l.Step))
		}
	}
}

// TestMinimumDeductionCap checks incomes around cap / 46 %:
// 2023/2024 104 450 / 0.46 = 227 065.22; 2025 92 000 / 0.46 = 200 000; 2026 95 700 / 0.46 = 208 043.48.
func TestMinimumDeductionCap(t *testing.T) {
	tests := []struct {
		year   int
		income string
		want   string
	}{
		{2023, "227065", "104449.90"}, // 46 % × 227 065
		{2023, "227065.22", "104450"}, // 46 % × 227 065.22 = 104 450.0012, capped
		{2024, "227066", "104450"},
		{2025, "199999", "91999.54"},
		{2025, "200000", "92000"},
		{2025, "200001", "92000"},
		{2026, "208043", "95699.78"},
		{2026, "208043.48", "95700"},
		{2026, "208044", "95700"},
	}
	for _, tc := range tests {
		b := Tax(TaxInput{Explain: true, Year: tc.year, PersonalIncome: taxDec(tc.income)}, taxYear(t, tc.year))
		if !b.MinimumDeduction.Equal(taxDec(tc.want)) {
			t.Errorf("%d, income %s: minimum deduction = %s, want %s", tc.year, tc.income, b.MinimumDeduction, tc.want)
		}
		if want := taxDec(tc.income).Sub(b.MinimumDeduction); !b.OrdinaryIncome.Equal(want) {
			t.Errorf("%d, income %s: ordinary income = %s, want %s", tc.year, tc.income, b.OrdinaryIncome, want)
		}
	}
}

// TestStepBounds checks the step tax at and just above each bound of 2025:
// income exactly at a bound pays nothing at that step's rate.
func TestStepBounds(t *testing.T) {
	tests := []struct{ income, want string }{
		{"217400", "0"},
		{"217401", "0.02"},     // 1.7 % × 1 = 0.017
		{"306049", "1507.03"},  // 1.7 % × 88 649 = 1 507.033
		{"306050", "1507.05"},  // 1.7 % × 88 650
		{"306051", "1507.09"},  // + 4 % × 1
		{"697150", "17151.05"}, // 1 507.05 + 4 % × 391 100 = 15 644
		{"942400", "50750.30"}, // + 13.7 % × 245 250 = 33 599.25
		{"1410750", "128964.75"},
		{"1410751", "128964.93"}, // + 17.7 % × 1 = 0.177
	}
	p := taxYear(t, 2025)
	for _, tc := range tests {
		b := Tax(TaxInput{Explain: true, Year: 2025, PersonalIncome: taxDec(tc.income)}, p)
		if !b.StepTax.Equal(taxDec(tc.want)) {
			t.Errorf("income %s: step tax = %s, want %s", tc.income, b.StepTax, tc.want)
		}
	}
}

func TestTaxFinnmark2024Note(t *testing.T) {
	b := Tax(TaxInput{Explain: true, Year: 2024, PersonalIncome: taxDec("700000"), Finnmark: true}, taxYear(t, 2024))
	l, _ := taxLine(b, "trinnskatt")
	if len(l.Params) != 2 || l.Params[1].Key != ParamNoStepsFinnmark || !strings.Contains(l.Params[1].Source, "unsettled") {
		t.Errorf("2024 Finnmark step tax does not say the reduction is unsettled: %+v", l.Params)
	}
	b = Tax(TaxInput{Explain: true, Year: 2023, PersonalIncome: taxDec("700000"), Finnmark: true}, taxYear(t, 2023))
	l, _ = taxLine(b, "trinnskatt")
	if r, _ := l.Inputs.Value("rate.3"); r != "0.115" || len(l.Params) != 2 || l.Params[1].Key != ParamStepsFinnmark {
		t.Errorf("2023 Finnmark step tax: rate.3 %q, params %+v; want 0.115, the Finnmark rates", r, l.Params)
	}
	if from, _ := l.Inputs.Value("from.3"); from != "642950" {
		t.Errorf("2023 Finnmark step 3 from %q, want 642950", from)
	}
}

func TestTaxNegativeIncome(t *testing.T) {
	b := Tax(TaxInput{Explain: true, Year: 2025, PersonalIncome: taxDec("-1")}, taxYear(t, 2025))
	if len(b.Steps) != 0 || !b.TotalTax.IsZero() || !b.Net.IsZero() {
		t.Errorf("negative income: got %d steps, total %s, net %s; want none and zeros", len(b.Steps), b.TotalTax, b.Net)
	}
	out, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(out), `"lines"`) || strings.Contains(string(out), `"steps"`) {
		t.Errorf("the steps are not in the breakdown's JSON (--explain renders them): %s", out)
	}
}

func TestTaxYearDefaultsToParameters(t *testing.T) {
	b := Tax(TaxInput{Explain: true, PersonalIncome: taxDec("265657")}, taxYear(t, 2025))
	if b.Year != 2025 {
		t.Errorf("Year = %d, want 2025 from the parameters", b.Year)
	}
	if l, _ := taxLine(b, "pension_base"); !b.PensionBase.IsZero() || values(l.Step) != "min(265657.00, 7.1 × max(0, 0))" {
		t.Errorf("without average G: pension base %s, formula %q; want 0 from an average G of 0", b.PensionBase, values(l.Step))
	}
}

// TestTaxFinnmarkOrdinaryIncomeUnreduced: the finnmarksfradrag reduces the
// basis of the tax on ordinary income but "skal ikke påvirke alminnelig
// inntekt" (sktl. § 15-5 third para.), so ordinary income is income −
// minstefradrag in Finnmark too.
func TestTaxFinnmarkOrdinaryIncomeUnreduced(t *testing.T) {
	tests := []struct {
		year                              int
		income                            string
		ordinary, allowance, basis, taxOn string
	}{
		// 700 000 − 104 450 = 595 550; − 20 550 = 575 000; 18.5 % × (575 000 − 79 600) = 91 649.
		{2023, "700000", "595550", "20550", "575000", "91649"},
		// 265 657 − 92 000 = 173 657; − 30 000 = 143 657; 18.5 % × 35 107 = 6 494.795 → 6 494.80.
		{2025, "265657", "173657", "30000", "143657", "6494.80"},
		// 300 000 − min(138 000, 95 700) = 204 300; − 45 000 = 159 300; 18.5 % × 44 760 = 8 280.60.
		{2026, "300000", "204300", "45000", "159300", "8280.60"},
		// 40 000 − 18 400 = 21 600: only 21 600 of the 45 000 is used; the basis is 0.
		{2026, "40000", "21600", "21600", "0", "0"},
	}
	for _, tc := range tests {
		b := Tax(TaxInput{Explain: true, Year: tc.year, PersonalIncome: taxDec(tc.income), Finnmark: true}, taxYear(t, tc.year))
		if !b.OrdinaryIncome.Equal(taxDec(tc.ordinary)) || !b.FinnmarkAllowance.Equal(taxDec(tc.allowance)) ||
			!b.TaxOnOrdinaryIncome.Equal(taxDec(tc.taxOn)) {
			t.Errorf("%d %s: ordinary %s, finnmarksfradrag %s, tax %s; want %s, %s, %s", tc.year, tc.income,
				b.OrdinaryIncome, b.FinnmarkAllowance, b.TaxOnOrdinaryIncome, tc.ordinary, tc.allowance, tc.taxOn)
		}
		if l, _ := taxLine(b, "ordinary_income"); !l.Amount.Equal(taxDec(tc.ordinary)) || l.Ref != "sktl. § 6-32 (1) a" || strings.Contains(l.Formula, "finnmark") {
			t.Errorf("%d %s: ordinary income line %+v", tc.year, tc.income, l)
		}
		if l, _ := taxLine(b, "finnmarksfradrag"); l.Ref != "sktl. § 15-5" {
			t.Errorf("%d: finnmarksfradrag ref %q, want sktl. § 15-5 (§ 6-91 is about interest)", tc.year, l.Ref)
		}
		l, ok := taxLine(b, "ordinary_income_after_finnmarksfradrag")
		if !ok || !l.Amount.Equal(taxDec(tc.basis)) || l.Ref != "sktl. § 15-5" {
			t.Errorf("%d %s: basis line %+v, want %s, sktl. § 15-5", tc.year, tc.income, l, tc.basis)
		}
		out, _ := json.Marshal(b)
		for _, want := range []string{`"ordinary_income":"` + taxDec(tc.ordinary).StringFixed(2) + `"`,
			`"ordinary_income_after_finnmark_allowance":"` + taxDec(tc.basis).StringFixed(2) + `"`} {
			if !strings.Contains(string(out), want) {
				t.Errorf("%d %s: JSON has no %s", tc.year, tc.income, want)
			}
		}
	}
	// Outside Finnmark the basis is ordinary income, and there is no line for it.
	b := Tax(TaxInput{Explain: true, Year: 2025, PersonalIncome: taxDec("265657")}, taxYear(t, 2025))
	if _, ok := taxLine(b, "ordinary_income_after_finnmarksfradrag"); ok {
		t.Error("a basis line outside Finnmark")
	}
	if out, _ := json.Marshal(b); !strings.Contains(string(out), `"ordinary_income_after_finnmark_allowance":"173657.00"`) {
		t.Errorf("JSON outside Finnmark: %s", out)
	}
}

// TestTaxTrygdeavgiftLowRate: the low rate (5.1 %) on personinntekt under 17
// or over 69 in the income year (ftrl. § 23-3 (2) nr. 1 c), by the age
// reached by 31 December (CONVENTION), with the same lower limit and 25 %
// phase-in as the wage rate. Break-even of the low rate in 2025:
// 25 % × 99 650 / (25 % − 5.1 %) = 24 912.50 / 0.199 = 125 188.44.
func TestTaxTrygdeavgiftLowRate(t *testing.T) {
	tests := []struct {
		year      int
		income    string
		birthYear int
		want      string
		low       bool
	}{
		// 5.1 % × 265 657 = 13 548.507 → 13 548.51 < 25 % × 166 007 = 41 501.75.
		{2025, "265657", 1955, "13548.51", true},
		{2025, "99650", 1955, "0", true},
		{2025, "99651", 1955, "0.25", true},
		{2025, "125188", 1955, "6384.50", true}, // 25 % × 25 538 = 6 384.50 < 5.1 % × 125 188 = 6 384.588
		{2025, "125189", 1955, "6384.64", true}, // 5.1 % × 125 189 = 6 384.639 < 25 % × 25 539 = 6 384.75
		// 2026, 150 000: low 5.1 % = 7 650; wage 7.6 % = 11 400; phase-in 25 % × 50 350 = 12 587.50.
		{2026, "150000", 2010, "7650", true},   // 16 by 31 December 2026
		{2026, "150000", 2009, "11400", false}, // 17
		{2026, "150000", 1957, "11400", false}, // 69
		{2026, "150000", 1956, "7650", true},   // 70
		{2026, "150000", 0, "11400", false},    // not known: the wage rate
	}
	for _, tc := range tests {
		p := taxYear(t, tc.year)
		in := TaxInput{Explain: true, Year: tc.year, PersonalIncome: taxDec(tc.income), BirthYear: tc.birthYear}
		if err := in.Check(p); err != nil {
			t.Fatal(err)
		}
		b := Tax(in, p)
		if !b.Trygdeavgift.Equal(taxDec(tc.want)) {
			t.Errorf("%d, %s, born %d: trygdeavgift %s, want %s", tc.year, tc.income, tc.birthYear, b.Trygdeavgift, tc.want)
		}
		l, _ := taxLine(b, "trygdeavgift")
		kind, ref, rate := TrygdeavgiftWageRate, "ftrl. § 23-3 (2)", p.TrygdeavgiftRate.String()
		if tc.low {
			kind, ref, rate = TrygdeavgiftLowRate, "ftrl. § 23-3 (2) nr. 1 c", "0.051"
		}
		if got, _ := l.Inputs.Value("rate"); b.TrygdeavgiftRateKind != kind || l.Ref != ref || got != rate {
			t.Errorf("%d, born %d: kind %q, ref %q, rate %q; want %q, %q, %q", tc.year, tc.birthYear, b.TrygdeavgiftRateKind, l.Ref, got, kind, ref, rate)
		}
		if tc.birthYear == 0 {
			if b.AgeInIncomeYear != nil {
				t.Errorf("no birth year: age %v", b.AgeInIncomeYear)
			}
		} else if age := tc.year - tc.birthYear; b.AgeInIncomeYear == nil || *b.AgeInIncomeYear != age {
			t.Errorf("born %d: age %v, want %d", tc.birthYear, b.AgeInIncomeYear, age)
		}
		checkTaxLines(t, b, false)
	}

	// The whole worked check at 70: total 13 548.51 + 14 323.54 + 820.37 = 28 692.42;
	// net 236 964.58; / 12 = 19 747.048 → 19 747.05. Nothing else changes.
	b := Tax(TaxInput{Explain: true, Year: 2025, PersonalIncome: taxDec("265657"), BirthYear: 1955}, taxYear(t, 2025))
	if !b.TotalTax.Equal(taxDec("28692.42")) || !b.Net.Equal(taxDec("236964.58")) || !b.NetPerMonth.Equal(taxDec("19747.05")) ||
		!b.TaxOnOrdinaryIncome.Equal(taxDec("14323.54")) || !b.StepTax.Equal(taxDec("820.37")) {
		t.Errorf("at 70: total %s, net %s, per month %s", b.TotalTax, b.Net, b.NetPerMonth)
	}
	out, _ := json.Marshal(b)
	if !strings.Contains(string(out), `"trygdeavgift_rate_kind":"low","age_in_income_year":70,`) {
		t.Errorf("JSON: %s", out)
	}
	if out, _ := json.Marshal(Tax(TaxInput{Explain: true, Year: 2025, PersonalIncome: taxDec("1")}, taxYear(t, 2025))); !strings.Contains(string(out), `"trygdeavgift_rate_kind":"wage","minimum_deduction"`) {
		t.Errorf("JSON without a birth year: %s", out)
	}

	// A year without the low rate (a config file that leaves it out): Check
	// names it; Tax falls back to the wage rate and says so on the line.
	p := taxYear(t, 2026)
	p.TrygdeavgiftRateLow = decimal.NullDecimal{}
	in := TaxInput{Explain: true, Year: 2026, PersonalIncome: taxDec("150000"), BirthYear: 1950}
	var missing *rules.MissingTaxParamError
	if err := in.Check(p); !errors.As(err, &missing) || missing.Key != "trygdeavgift_rate_low" {
		t.Errorf("Check: %v", err)
	}
	b = Tax(in, p)
	if l, _ := taxLine(b, "trygdeavgift"); !b.Trygdeavgift.Equal(taxDec("11400")) || b.TrygdeavgiftRateKind != TrygdeavgiftWageRate ||
		!slices.ContainsFunc(l.Params, func(p rules.Param) bool { return p.Key == ParamLowRateMissing }) {
		t.Errorf("fallback: %s %s %+v", b.Trygdeavgift, b.TrygdeavgiftRateKind, l.Params)
	}
	if err := (TaxInput{Year: 2026, PersonalIncome: taxDec("150000"), BirthYear: 1990}).Check(p); err != nil {
		t.Errorf("age 36 needs no low rate: %v", err)
	}
}

// TestTaxNetPerMonthMonths: Tax divides the net by in.Months; 0 is a year.
func TestTaxNetPerMonthMonths(t *testing.T) {
	p := taxYear(t, 2026)
	b := Tax(TaxInput{Explain: true, Year: 2026, PersonalIncome: taxDec("44996"), Months: 2}, p)
	l, _ := taxLine(b, "net_per_month")
	// Below every limit: net 44 996, / 2 = 22 498.
	if !b.NetPerMonth.Equal(taxDec("22498")) || b.Months != 2 || values(l.Step) != "44996.00 / 2" {
		t.Errorf("2 months: %s, %d, %q", b.NetPerMonth, b.Months, values(l.Step))
	}
	b = Tax(TaxInput{Explain: true, Year: 2026, PersonalIncome: taxDec("44996")}, p)
	l, _ = taxLine(b, "net_per_month")
	// 44 996 / 12 = 3 749.666 → 3 749.67.
	if !b.NetPerMonth.Equal(taxDec("3749.67")) || b.Months != 12 || values(l.Step) != "44996.00 / 12" || l.Exact == "" {
		t.Errorf("a year: %s, %d, %q, exact %q", b.NetPerMonth, b.Months, values(l.Step), l.Exact)
	}
}

// TestTaxOverrideSources: an override's source is credited to the steps
// whose formula uses the value it replaced, and to no other; the table is
// cited by its own source, without the overrides.
func TestTaxOverrideSources(t *testing.T) {
	base := taxYear(t, 2026)
	set, file := "--set personal_allowance@2026=120000", "config file:c.yaml"
	p := &rules.Params{Tax: rules.TaxTable{2026: base}}
	for _, o := range []struct {
		values map[string]string
		source string
	}{
		{map[string]string{rules.TaxKeyPersonalAllowance: "120000"}, set},
		{map[string]string{"step1_rate": "0.02", rules.TaxKeyMinDeductionCap: "90000"}, file},
	} {
		ty, err := p.Tax[2026].With(2026, o.values, o.source, rules.OriginFlag)
		if err != nil {
			t.Fatal(err)
		}
		p.NoteTaxOverride(2026, p.Tax[2026], slices.Collect(maps.Keys(o.values)), o.source)
		p.Tax[2026] = ty
	}
	in := TaxInput{Year: 2026, PersonalIncome: taxDec("300000"), Explain: true, Overrides: p.TaxOverrides[2026]}
	b := Tax(in, p.Tax[2026])
	want := map[string][]string{
		"trygdeavgift":           nil,
		"minstefradrag":          {file},
		"personfradrag":          {set},
		"tax_on_ordinary_income": {set},
		"trinnskatt":             {file},
	}
	for key, srcs := range want {
		s, ok := taxLine(b, key)
		if !ok {
			t.Fatalf("no step %s", key)
		}
		var got []string
		for _, q := range s.Params {
			if q.Key == "" {
				got = append(got, q.Source)
			} else if q.Key == ParamTaxTable && q.Source != base.Source {
				t.Errorf("%s: table source %q, want %q", key, q.Source, base.Source)
			}
		}
		if !slices.Equal(got, srcs) {
			t.Errorf("%s: override sources %q, want %q", key, got, srcs)
		}
	}
	// Without the override record the table keeps the year's joined source.
	in.Overrides = rules.TaxOverride{}
	if s, _ := taxLine(Tax(in, p.Tax[2026]), "trygdeavgift"); s.Params[0].Source != p.Tax[2026].Source {
		t.Errorf("table source %q, want %q", s.Params[0].Source, p.Tax[2026].Source)
	}
}
