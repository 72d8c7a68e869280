package calc

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"kvp/rules"
)

// TaxInput is what the tax-relevant amounts of one income year depend on.
type TaxInput struct {
	Year           int             `json:"year"`            // income year; 0 means p.Year
	PersonalIncome decimal.Decimal `json:"personal_income"` // personinntekt: the stipend paid in the year, kroner
	Finnmark       bool            `json:"finnmark"`        // resident in Finnmark or Nord-Troms (tiltakssonen)
	AverageG       decimal.Decimal `json:"average_g"`       // the year's average G, for pension earning; 0 skips it
	// BirthYear decides the trygdeavgift rate (the low rate under 17 or over
	// 69, by the age reached by 31 December: rules.AgeInIncomeYear); 0 means
	// not known, the wage rate.
	BirthYear int `json:"birth_year,omitempty"`
	// Months is the number of months with stipend in the income year, which
	// the net per month divides by; 0 means a whole year, 12.
	Months int `json:"months,omitempty"`
}

// Check returns what Tax cannot show in its figures: the low trygdeavgift
// rate is needed (under 17 or over 69) but the year has none (a
// *rules.MissingTaxParamError). Tax then uses the wage rate and says so.
func (in TaxInput) Check(p rules.TaxYear) error {
	_, _, err := p.TrygdeavgiftRateFor(in.age(p))
	return err
}

// age is the age reached by 31 December of the income year; nil when the
// birth year is not known.
func (in TaxInput) age(p rules.TaxYear) *int {
	if in.BirthYear == 0 {
		return nil
	}
	y := in.Year
	if y == 0 {
		y = p.Year
	}
	a := rules.AgeInIncomeYear(in.BirthYear, y)
	return &a
}

// Trygdeavgift rates as named in TaxBreakdown.TrygdeavgiftRateKind.
const (
	TrygdeavgiftWageRate = "wage" // mellomsats, ftrl. § 23-3 (2) nr. 2
	TrygdeavgiftLowRate  = "low"  // lav sats, ftrl. § 23-3 (2) nr. 1 c: under 17 or over 69
)

// TaxLine is one step of the tax computation, with the arithmetic and the
// law behind it, for --explain.
type TaxLine struct {
	Key     string          `json:"key"`
	Label   string          `json:"label"`
	LabelNB string          `json:"-"` // Label in Norwegian bokmål, for output; not in JSON
	Amount  decimal.Decimal `json:"amount"`
	Formula string          `json:"formula"`
	Ref     string          `json:"legal_reference"`
	Params  []string        `json:"params"` // the parameter values used, as "name value"
}

// TaxBreakdown is the tax and pension earning of one income year's personal income.
type TaxBreakdown struct {
	Year           int             `json:"year"`
	PersonalIncome decimal.Decimal `json:"personal_income"`
	Trygdeavgift   decimal.Decimal `json:"trygdeavgift"` // national insurance contribution
	// TrygdeavgiftRateKind is the rate used: TrygdeavgiftWageRate or TrygdeavgiftLowRate.
	TrygdeavgiftRateKind string `json:"trygdeavgift_rate_kind"`
	// AgeInIncomeYear is the age reached by 31 December that chose the rate; nil when not known.
	AgeInIncomeYear  *int            `json:"age_in_income_year,omitempty"`
	MinimumDeduction decimal.Decimal `json:"minimum_deduction"` // minstefradrag
	OrdinaryIncome   decimal.Decimal `json:"ordinary_income"`   // alminnelig inntekt: income − minstefradrag, never reduced by finnmarksfradrag
	// OrdinaryIncomeAfterFinnmark is the basis of the tax on ordinary income:
	// OrdinaryIncome − FinnmarkAllowance (sktl. § 15-5); OrdinaryIncome outside Finnmark.
	OrdinaryIncomeAfterFinnmark decimal.Decimal `json:"ordinary_income_after_finnmark_allowance"`
	PersonalAllowance           decimal.Decimal `json:"personal_allowance"`
	TaxOnOrdinaryIncome         decimal.Decimal `json:"tax_on_ordinary_income"`
	StepTax                     decimal.Decimal `json:"step_tax"`           // trinnskatt
	FinnmarkAllowance           decimal.Decimal `json:"finnmark_allowance"` // finnmarksfradrag used; 0 outside Finnmark
	TotalTax                    decimal.Decimal `json:"total_tax"`
	AverageRate                 decimal.Decimal `json:"average_rate"` // TotalTax / PersonalIncome, 4 decimals; 0 for no income
	Net                         decimal.Decimal `json:"net"`
	NetPerMonth                 decimal.Decimal `json:"net_per_month"`
	Months                      int             `json:"months"`          // what NetPerMonth divides by: months with stipend in the year, or 12
	PensionBase                 decimal.Decimal `json:"pension_base"`    // min(income, 7.1 × average G)
	PensionEarning              decimal.Decimal `json:"pension_earning"` // 18.1 % of PensionBase
	Lines                       []TaxLine       `json:"lines"`
}

// Tax rounding policy: every amount on a tax line (contribution, deduction,
// income, tax, net, pension) is rounded to øre, 2 decimals, half up, where
// the line is computed, and later lines use the rounded amounts. Trinnskatt
// is one line: its steps are summed exactly and rounded once. The average
// rate is rounded to 4 decimals. The tax office's own roundings (whole
// kroner on the assessment) are not applied.
const taxPlaces = 2

// taxRound rounds to øre. decimal.Round is half away from zero, which is half
// up for the non-negative amounts here.
func taxRound(d decimal.Decimal) decimal.Decimal { return d.Round(taxPlaces) }

// Tax computes the tax-relevant amounts of in.PersonalIncome under the
// parameters p of its income year, as wages are taxed (kvp-rules.md § 4):
//
//	trygdeavgift     = min(rate × income, phase-in × (income − lower limit)), 0 at or below the limit;
//	                   the wage rate, or the low rate under 17 or over 69 (in.BirthYear)
//	minstefradrag    = min(46 % × income, cap)
//	ordinary income  = income − minstefradrag
//	basis            = ordinary income − finnmarksfradrag (in Finnmark; sktl. § 15-5)
//	tax on ordinary  = rate × max(0, basis − personfradrag)
//	trinnskatt       = Σ step rate × the part of income in the step
//	net per month    = net / in.Months (12 when 0)
//	pension earning  = 18.1 % × min(income, 7.1 × average G)
//
// The finnmarksfradrag "skal ikke påvirke alminnelig inntekt" (sktl. § 15-5
// third para.): it reduces only the basis. The amount used is capped at the
// ordinary income, so the basis is never negative (an unused rest would not
// change this year's tax). A low-rate age in a year without the low rate
// is taxed at the wage rate, and the line says so (see TaxInput.Check).
// Negative income is the caller's error to catch: Tax then returns zero
// amounts and no lines.
func Tax(in TaxInput, p rules.TaxYear) TaxBreakdown {
	b := TaxBreakdown{Year: in.Year, Lines: []TaxLine{}}
	if b.Year == 0 {
		b.Year = p.Year
	}
	if in.PersonalIncome.IsNegative() {
		b.PersonalIncome = in.PersonalIncome
		return b
	}
	add := func(l TaxLine) {
		if l.Params == nil {
			l.Params = []string{}
		}
		b.Lines = append(b.Lines, l)
	}
	zero := decimal.Zero
	income := taxRound(in.PersonalIncome)
	b.PersonalIncome = income
	add(TaxLine{Key: "personal_income", Label: "Personal income (personinntekt)", LabelNB: "Personinntekt", Amount: income,
		Formula: taxMoney(income), Ref: rules.RefPersonalIncome})

	// Trygdeavgift: the wage rate, or the low rate by age; phased in above the lower limit.
	limit := p.TrygdeavgiftLowerLimit
	age := in.age(p)
	rate, low, missing := p.TrygdeavgiftRateFor(age)
	rateParam, ref := "rate "+taxPct(rate), rules.RefTrygdeavgift
	b.TrygdeavgiftRateKind, b.AgeInIncomeYear = TrygdeavgiftWageRate, age
	if low {
		rateParam, ref = "low rate "+taxPct(rate), rules.RefTrygdeavgiftLow
		b.TrygdeavgiftRateKind = TrygdeavgiftLowRate
	}
	tl := TaxLine{Key: "trygdeavgift", Label: "National insurance contribution (trygdeavgift)", LabelNB: "Trygdeavgift", Ref: ref,
		Params: []string{rateParam, "lower limit " + taxNum(limit), "phase-in " + taxPct(p.TrygdeavgiftPhaseIn)}}
	if age != nil {
		tl.Params = append(tl.Params, fmt.Sprintf("age %d by 31 December %d", *age, b.Year))
	}
	if missing != nil {
		tl.Params = append(tl.Params, fmt.Sprintf("low rate not given for %d: wage rate used", b.Year))
	}
	if income.LessThanOrEqual(limit) {
		tl.Formula = fmt.Sprintf("%s ≤ %s (lower limit): 0", taxMoney(income), taxNum(limit))
		b.Trygdeavgift = zero
	} else {
		full := rate.Mul(income)
		phased := p.TrygdeavgiftPhaseIn.Mul(income.Sub(limit))
		b.Trygdeavgift = taxRound(decimal.Min(full, phased))
		tl.Formula = fmt.Sprintf("min(%s × %s, %s × (%s − %s))",
			taxPct(rate), taxMoney(income), taxPct(p.TrygdeavgiftPhaseIn), taxMoney(income), taxNum(limit))
	}
	tl.Amount = b.Trygdeavgift
	add(tl)

	// Minstefradrag under the wage rules.
	b.MinimumDeduction = taxRound(decimal.Min(p.MinDeductionRate.Mul(income), p.MinDeductionCap))
	add(TaxLine{Key: "minstefradrag", Label: "Minimum deduction (minstefradrag)", LabelNB: "Minstefradrag", Amount: b.MinimumDeduction,
		Formula: fmt.Sprintf("min(%s × %s, %s)", taxPct(p.MinDeductionRate), taxMoney(income), taxNum(p.MinDeductionCap)),
		Ref:     rules.RefMinstefradrag,
		Params:  []string{"rate " + taxPct(p.MinDeductionRate), "cap " + taxNum(p.MinDeductionCap)}})

	// Alminnelig inntekt, never reduced by finnmarksfradrag (sktl. § 15-5 third para.).
	b.OrdinaryIncome = taxRound(income.Sub(b.MinimumDeduction))
	add(TaxLine{Key: "ordinary_income", Label: "Ordinary income (alminnelig inntekt)", LabelNB: "Alminnelig inntekt", Amount: b.OrdinaryIncome,
		Formula: fmt.Sprintf("%s − %s", taxMoney(income), taxMoney(b.MinimumDeduction)), Ref: rules.RefMinstefradrag})

	// Finnmarksfradrag reduces the basis of the tax on ordinary income only.
	b.FinnmarkAllowance = zero
	b.OrdinaryIncomeAfterFinnmark = b.OrdinaryIncome
	if in.Finnmark {
		b.FinnmarkAllowance = decimal.Min(p.FinnmarkAllowance, decimal.Max(b.OrdinaryIncome, zero))
		fl := TaxLine{Key: "finnmarksfradrag", Label: "Finnmark deduction (finnmarksfradrag)", LabelNB: "Finnmarksfradrag", Amount: b.FinnmarkAllowance,
			Formula: taxNum(p.FinnmarkAllowance), Ref: rules.RefFinnmarksfradrag,
			Params: []string{"finnmarksfradrag " + taxNum(p.FinnmarkAllowance)}}
		if b.FinnmarkAllowance.LessThan(p.FinnmarkAllowance) {
			fl.Formula = fmt.Sprintf("min(%s, %s)", taxNum(p.FinnmarkAllowance), taxMoney(b.OrdinaryIncome))
		}
		add(fl)
		b.OrdinaryIncomeAfterFinnmark = taxRound(b.OrdinaryIncome.Sub(b.FinnmarkAllowance))
		add(TaxLine{Key: "ordinary_income_after_finnmarksfradrag", Label: "Ordinary income after finnmarksfradrag (tax basis)",
			LabelNB: "Grunnlag etter finnmarksfradrag", Amount: b.OrdinaryIncomeAfterFinnmark,
			Formula: fmt.Sprintf("%s − %s", taxMoney(b.OrdinaryIncome), taxMoney(b.FinnmarkAllowance)), Ref: rules.RefFinnmarksfradrag})
	}

	b.PersonalAllowance = taxRound(p.PersonalAllowance)
	add(TaxLine{Key: "personfradrag", Label: "Personal allowance (personfradrag)", LabelNB: "Personfradrag", Amount: b.PersonalAllowance,
		Formula: taxNum(p.PersonalAllowance) + " (class 1)", Ref: rules.RefPersonfradrag,
		Params: []string{"personfradrag " + taxNum(p.PersonalAllowance)}})

	ordRate, rateName := p.OrdinaryRate, "rate "
	if in.Finnmark {
		ordRate, rateName = p.OrdinaryRateFinnmark, "rate Finnmark and Nord-Troms "
	}
	b.TaxOnOrdinaryIncome = taxRound(ordRate.Mul(decimal.Max(zero, b.OrdinaryIncomeAfterFinnmark.Sub(p.PersonalAllowance))))
	add(TaxLine{Key: "tax_on_ordinary_income", Label: "Tax on ordinary income (skatt på alminnelig inntekt)", LabelNB: "Skatt på alminnelig inntekt",
		Amount:  b.TaxOnOrdinaryIncome,
		Formula: fmt.Sprintf("%s × max(0, %s − %s)", taxPct(ordRate), taxMoney(b.OrdinaryIncomeAfterFinnmark), taxNum(p.PersonalAllowance)),
		Ref:     rules.RefOrdinaryTax + "; " + rules.RefPersonfradrag + " (personfradrag)",
		Params:  []string{rateName + taxPct(ordRate), "personfradrag " + taxNum(p.PersonalAllowance)}})

	add(stepTax(&b, in, p, income))

	b.TotalTax = b.Trygdeavgift.Add(b.TaxOnOrdinaryIncome).Add(b.StepTax)
	add(TaxLine{Key: "total_tax", Label: "Total tax", LabelNB: "Sum skatt", Amount: b.TotalTax,
		Formula: fmt.Sprintf("%s + %s + %s", taxMoney(b.Trygdeavgift), taxMoney(b.TaxOnOrdinaryIncome), taxMoney(b.StepTax))})
	b.AverageRate = zero
	if income.IsPositive() {
		b.AverageRate = b.TotalTax.DivRound(income, 4)
	}
	b.Net = income.Sub(b.TotalTax)
	add(TaxLine{Key: "net", Label: "Net after tax", LabelNB: "Netto etter skatt", Amount: b.Net,
		Formula: fmt.Sprintf("%s − %s", taxMoney(income), taxMoney(b.TotalTax))})
	nl := TaxLine{Key: "net_per_month", Label: "Net after tax per month", LabelNB: "Netto etter skatt per måned"}
	b.Months = 12
	if in.Months > 0 {
		b.Months = in.Months
		nl.Params = []string{fmt.Sprintf("months with stipend in the income year %d", in.Months)}
	}
	b.NetPerMonth = b.Net.DivRound(decimal.NewFromInt(int64(b.Months)), taxPlaces)
	nl.Amount, nl.Formula = b.NetPerMonth, fmt.Sprintf("%s / %d", taxMoney(b.Net), b.Months)
	add(nl)

	// Pension earning: 18.1 % of income up to 7.1 × the year's average G.
	accrual, ceilingG := rules.PensionAccrual()
	base := TaxLine{Key: "pension_base", Label: "Pensionable income (pensjonsgivende inntekt)", LabelNB: "Pensjonsgivende inntekt", Ref: rules.RefPensionEarning,
		Params: []string{"ceiling " + taxNum(ceilingG) + " × average G", "average G " + taxNum(in.AverageG)}}
	b.PensionBase, b.PensionEarning = zero, zero
	if in.AverageG.IsPositive() {
		b.PensionBase = taxRound(decimal.Min(income, ceilingG.Mul(in.AverageG)))
		base.Formula = fmt.Sprintf("min(%s, %s × %s)", taxMoney(income), taxNum(ceilingG), taxNum(in.AverageG))
	} else {
		base.Formula = "average G not given: 0"
	}
	base.Amount = b.PensionBase
	add(base)
	b.PensionEarning = taxRound(accrual.Mul(b.PensionBase))
	add(TaxLine{Key: "pension_earning", Label: "Pension earning (pensjonsopptjening)", LabelNB: "Pensjonsopptjening", Amount: b.PensionEarning,
		Formula: fmt.Sprintf("%s × %s", taxPct(accrual), taxMoney(b.PensionBase)), Ref: rules.RefPensionEarning,
		Params: []string{"accrual rate " + taxPct(accrual)}})
	return b
}

// stepTax sets b.StepTax and returns its line: each step's rate on the part
// of income between its bound and the next, summed, then rounded once.
func stepTax(b *TaxBreakdown, in TaxInput, p rules.TaxYear, income decimal.Decimal) TaxLine {
	steps := p.Steps
	l := TaxLine{Key: "trinnskatt", Label: "Step tax (trinnskatt)", LabelNB: "Trinnskatt", Ref: rules.RefTrinnskatt + " (trinnskatt); rates: " + rules.RefOrdinaryTax}
	if in.Finnmark {
		if p.StepsFinnmark != nil {
			steps = p.StepsFinnmark
			l.Params = append(l.Params, "Finnmark and Nord-Troms step rates")
		} else {
			l.Params = append(l.Params, fmt.Sprintf("no Finnmark and Nord-Troms step reduction in %d", b.Year))
			if p.Note != "" {
				l.Params = append(l.Params, "note: "+p.Note)
			}
		}
	}
	sum := decimal.Zero
	var terms []string
	for i, s := range steps {
		if income.LessThanOrEqual(s.From) {
			break
		}
		upper, upperText := income, taxMoney(income)
		if i+1 < len(steps) && steps[i+1].From.LessThan(income) {
			upper, upperText = steps[i+1].From, taxNum(steps[i+1].From)
		}
		sum = sum.Add(s.Rate.Mul(upper.Sub(s.From)))
		terms = append(terms, fmt.Sprintf("%s × (%s − %s)", taxPct(s.Rate), upperText, taxNum(s.From)))
		l.Params = append(l.Params, fmt.Sprintf("step %d from %s at %s", i+1, taxNum(s.From), taxPct(s.Rate)))
	}
	b.StepTax = taxRound(sum)
	l.Amount = b.StepTax
	switch {
	case len(terms) > 0:
		l.Formula = strings.Join(terms, " + ")
	case len(steps) > 0:
		l.Formula = fmt.Sprintf("%s ≤ %s (step 1): 0", taxMoney(income), taxNum(steps[0].From))
		l.Params = append(l.Params, fmt.Sprintf("step 1 from %s at %s", taxNum(steps[0].From), taxPct(steps[0].Rate)))
	default:
		l.Formula = "no steps: 0"
	}
	return l
}

// taxMoney formats an amount with two decimals and spaces between thousands: "265 657.00".
func taxMoney(d decimal.Decimal) string { return rules.GroupDigits(d.StringFixed(2), ".") }

// taxNum formats a parameter as written, without trailing zeros: "99 650", "7.1".
func taxNum(d decimal.Decimal) string { return rules.GroupDigits(d.String(), ".") }

// taxPct formats a rate as a percentage: 0.077 → "7.7 %".
func taxPct(d decimal.Decimal) string { return d.Shift(2).String() + " %" }

// MarshalJSON writes every amount with exactly two decimals, as all kvp
// JSON does ("92000.00"); the average rate keeps its four.
func (b TaxBreakdown) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Year                 int       `json:"year"`
		PersonalIncome       Money     `json:"personal_income"`
		Trygdeavgift         Money     `json:"trygdeavgift"`
		TrygdeavgiftRateKind string    `json:"trygdeavgift_rate_kind"`
		AgeInIncomeYear      *int      `json:"age_in_income_year,omitempty"`
		MinimumDeduction     Money     `json:"minimum_deduction"`
		OrdinaryIncome       Money     `json:"ordinary_income"`
		OrdinaryIncomeAfter  Money     `json:"ordinary_income_after_finnmark_allowance"`
		PersonalAllowance    Money     `json:"personal_allowance"`
		TaxOnOrdinaryIncome  Money     `json:"tax_on_ordinary_income"`
		StepTax              Money     `json:"step_tax"`
		FinnmarkAllowance    Money     `json:"finnmark_allowance"`
		TotalTax             Money     `json:"total_tax"`
		AverageRate          string    `json:"average_rate"`
		Net                  Money     `json:"net"`
		NetPerMonth          Money     `json:"net_per_month"`
		Months               int       `json:"months"`
		PensionBase          Money     `json:"pension_base"`
		PensionEarning       Money     `json:"pension_earning"`
		Lines                []TaxLine `json:"lines"`
	}{b.Year, M(b.PersonalIncome), M(b.Trygdeavgift), b.TrygdeavgiftRateKind, b.AgeInIncomeYear, M(b.MinimumDeduction),
		M(b.OrdinaryIncome), M(b.OrdinaryIncomeAfterFinnmark), M(b.PersonalAllowance),
		M(b.TaxOnOrdinaryIncome), M(b.StepTax), M(b.FinnmarkAllowance), M(b.TotalTax), b.AverageRate.StringFixed(4),
		M(b.Net), M(b.NetPerMonth), b.Months, M(b.PensionBase), M(b.PensionEarning), b.Lines})
}

// MarshalJSON writes the line's amount with exactly two decimals.
func (l TaxLine) MarshalJSON() ([]byte, error) {
	type plain TaxLine
	return json.Marshal(struct {
		plain
		Amount Money `json:"amount"`
	}{plain(l), M(l.Amount)})
}
