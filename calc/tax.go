package calc

import (
	"encoding/json"
	"slices"
	"strings"
	"sync"

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
	// Explain asks for the trace: TaxBreakdown.Steps records every figure
	// as it is computed. Off, Tax builds no step and no text.
	Explain bool `json:"-"`
	// Overrides are where the values an override replaced in the year came
	// from (rules.Params.TaxOverrides of Year): the trace credits each to
	// the figures that use its key, and cites the table by its own source.
	// Zero when nothing was overridden.
	Overrides rules.TaxOverride `json:"-"`
	// totalsOnly leaves the breakdown's decimal figures zero: only Totals
	// (a totals Calculator's TaxFor, for a batch).
	totalsOnly bool
	// incomeOre is PersonalIncome in øre when hasOre (setIncome): Tax
	// then starts from it, and PersonalIncome is set only for the trace.
	incomeOre Money
	hasOre    bool
}

// setIncome sets the personal income to stipend + other, in øre without a
// decimal (Tax's figures are the same) unless the sum overflows.
func (in *TaxInput) setIncome(stipend, other Money) {
	if s := stipend + other; (s > stipend) == (other > 0) {
		in.incomeOre, in.hasOre = s, true
		if in.Explain {
			in.PersonalIncome = s.Decimal()
		}
		return
	}
	in.PersonalIncome = addMoney(stipend, other)
}

// The keys of the parameters a tax step names (rules.Param.Key).
const (
	ParamTaxTable        = "tax"                   // the income year's tax table; its source
	ParamAverageG        = "average_g"             // the year's average G, from the G table
	ParamStepsFinnmark   = "tax.steps_finnmark"    // the trinnskatt rates of Finnmark and Nord-Troms
	ParamNoStepsFinnmark = "tax.no_steps_finnmark" // the year has no reduced trinnskatt there; its note
	ParamLowRateMissing  = "tax.low_rate_missing"  // the low trygdeavgift rate is needed but not given: the wage rate used
)

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
	// Steps are the recorded figures, when the input asked for them
	// (TaxInput.Explain): --explain renders them.
	Steps []rules.Step `json:"-"`

	// totalTax, net and pensionEarning are TotalTax, Net and
	// PensionEarning in øre (Totals), set also when the decimals are not.
	totalTax, net, pensionEarning Money
}

// Totals returns the total tax, the net after tax and the pension earning
// in øre: TotalTax, Net and PensionEarning, also from a totals
// Calculator's TaxFor, which leaves the decimal figures zero.
func (b *TaxBreakdown) Totals() (totalTax, net, pensionEarning Money) {
	return b.totalTax, b.net, b.pensionEarning
}

// Tax rounding policy: every amount on a tax line (contribution, deduction,
// income, tax, net, pension) is rounded to øre, 2 decimals, half up, where
// the line is computed, and later lines use the rounded amounts. Trinnskatt
// is one line: its steps are summed exactly and rounded once. The average
// rate is rounded to 4 decimals. The tax office's own roundings (whole
// kroner on the assessment) are not applied.
const taxPlaces = 2

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
// is taxed at the wage rate, and the step names it (see TaxInput.Check). With in.Explain each
// figure is recorded as a step (TaxBreakdown.Steps, keys "tax.…") where it
// is computed. Negative income is the caller's error to catch: Tax then
// returns zero amounts and no steps.
func Tax(in TaxInput, p rules.TaxYear) TaxBreakdown {
	var b TaxBreakdown
	taxBreakdownInto(in, p, &b)
	return b
}

// taxBreakdownInto is Tax into *b, all of which it sets (a batch's TaxSection keeps
// its breakdowns from case to case: no copy of one is returned).
func taxBreakdownInto(in TaxInput, p rules.TaxYear, b *TaxBreakdown) {
	*b = TaxBreakdown{Year: in.Year}
	if b.Year == 0 {
		b.Year = p.Year
	}
	if in.hasOre && in.incomeOre < 0 {
		b.PersonalIncome = in.incomeOre.Decimal()
		return
	}
	if !in.hasOre && in.PersonalIncome.IsNegative() {
		b.PersonalIncome = in.PersonalIncome
		return
	}
	// The figures are computed as taxNums (exact, in int64 while they fit)
	// and set on b as decimals once; the trace records them as they are
	// computed, and only then builds text.
	var t *rules.Trace
	var table []rules.Param
	if in.Explain {
		t = &rules.Trace{}
		table = []rules.Param{{Key: ParamTaxTable, From: rules.NewDate(b.Year, 1, 1), Source: in.tableSource(p)}}
	}
	zero := taxNum{}
	exactIncome := taxNum{v: int64(in.incomeOre), e: taxPlaces}
	if !in.hasOre {
		exactIncome = numOf(in.PersonalIncome)
	}
	income := exactIncome.round(taxPlaces)
	if t.On() {
		t.Add(taxStep("tax.personal_income", rules.Inputs{{Name: "income", Value: in.PersonalIncome.String()}}, "{income}",
			exactIncome, income, rules.RefPersonalIncome, nil))
	}

	// Trygdeavgift: the wage rate, or the low rate by age; phased in above the lower limit.
	limit := numOf(p.TrygdeavgiftLowerLimit)
	phaseIn := numOf(p.TrygdeavgiftPhaseIn)
	age := in.age(p)
	rateDec, low, missing := p.TrygdeavgiftRateFor(age)
	ref := rules.RefTrygdeavgift
	b.TrygdeavgiftRateKind, b.AgeInIncomeYear = TrygdeavgiftWageRate, age
	if low {
		ref = rules.RefTrygdeavgiftLow
		b.TrygdeavgiftRateKind = TrygdeavgiftLowRate
	}
	exact := zero
	if income.cmp(limit) > 0 {
		exact = minNum(numOf(rateDec).mul(income), phaseIn.mul(income.sub(limit)))
	}
	trygdeavgift := exact.round(taxPlaces)
	if t.On() {
		params := table
		if missing != nil {
			params = append(table[:1:1], rules.Param{Key: ParamLowRateMissing, From: table[0].From})
		}
		rateKey := rules.TaxKeyTrygdeavgiftRate
		if low {
			rateKey = rules.TaxKeyTrygdeavgiftRateLow
		}
		params = in.overridden(params, rateKey, rules.TaxKeyTrygdeavgiftLowerLimit, rules.TaxKeyTrygdeavgiftPhaseIn)
		// max(0, …) is the "0 at or below the lower limit": the phase-in is then not positive.
		t.Add(taxStep("tax.trygdeavgift",
			rules.Inputs{{Name: "rate", Value: rateDec.String()}, {Name: "income", Value: fixed(income)},
				{Name: "phase_in", Value: p.TrygdeavgiftPhaseIn.String()}, {Name: "lower_limit", Value: p.TrygdeavgiftLowerLimit.String()}},
			"min({rate} × {income}, max(0, {phase_in} × ({income} − {lower_limit})))", exact, trygdeavgift, ref, params))
	}

	// Minstefradrag under the wage rules.
	exact = minNum(numOf(p.MinDeductionRate).mul(income), numOf(p.MinDeductionCap))
	minDeduction := exact.round(taxPlaces)
	if t.On() {
		t.Add(taxStep("tax.minstefradrag",
			rules.Inputs{{Name: "rate", Value: p.MinDeductionRate.String()}, {Name: "income", Value: fixed(income)}, {Name: "cap", Value: p.MinDeductionCap.String()}},
			"min({rate} × {income}, {cap})", exact, minDeduction, rules.RefMinstefradrag,
			in.overridden(table, rules.TaxKeyMinDeductionRate, rules.TaxKeyMinDeductionCap)))
	}

	// Alminnelig inntekt, never reduced by finnmarksfradrag (sktl. § 15-5 third para.).
	exact = income.sub(minDeduction)
	ordinary := exact.round(taxPlaces)
	if t.On() {
		t.Add(taxStep("tax.ordinary_income", rules.Inputs{{Name: "income", Value: fixed(income)}, {Name: "minstefradrag", Value: fixed(minDeduction)}},
			"{income} − {minstefradrag}", exact, ordinary, rules.RefMinstefradrag, nil))
	}

	// Finnmarksfradrag reduces the basis of the tax on ordinary income only.
	finnmark, basis := zero, ordinary
	if in.Finnmark {
		finnmark = minNum(numOf(p.FinnmarkAllowance), maxNum(ordinary, zero))
		exact = ordinary.sub(finnmark)
		basis = exact.round(taxPlaces)
		if t.On() {
			t.Add(taxStep("tax.finnmarksfradrag",
				rules.Inputs{{Name: "finnmarksfradrag", Value: p.FinnmarkAllowance.String()}, {Name: "ordinary_income", Value: fixed(ordinary)}},
				"min({finnmarksfradrag}, max(0, {ordinary_income}))", finnmark, finnmark, rules.RefFinnmarksfradrag,
				in.overridden(table, rules.TaxKeyFinnmarkAllowance)))
			t.Add(taxStep("tax.ordinary_income_after_finnmarksfradrag",
				rules.Inputs{{Name: "ordinary_income", Value: fixed(ordinary)}, {Name: "finnmarksfradrag", Value: fixed(finnmark)}},
				"{ordinary_income} − {finnmarksfradrag}", exact, basis, rules.RefFinnmarksfradrag, nil))
		}
	}

	allowanceExact := numOf(p.PersonalAllowance)
	allowance := allowanceExact.round(taxPlaces)
	if t.On() {
		t.Add(taxStep("tax.personfradrag", rules.Inputs{{Name: "personfradrag", Value: p.PersonalAllowance.String()}}, "{personfradrag}",
			allowanceExact, allowance, rules.RefPersonfradrag, in.overridden(table, rules.TaxKeyPersonalAllowance)))
	}

	ordRate, ordRateKey := p.OrdinaryRate, rules.TaxKeyOrdinaryRate
	if in.Finnmark {
		ordRate, ordRateKey = p.OrdinaryRateFinnmark, rules.TaxKeyOrdinaryRateFinnmark
	}
	exact = numOf(ordRate).mul(maxNum(zero, basis.sub(allowanceExact)))
	ordinaryTax := exact.round(taxPlaces)
	if t.On() {
		t.Add(taxStep("tax.tax_on_ordinary_income",
			rules.Inputs{{Name: "rate", Value: ordRate.String()}, {Name: "basis", Value: fixed(basis)},
				{Name: "personfradrag", Value: p.PersonalAllowance.String()}},
			"{rate} × max(0, {basis} − {personfradrag})", exact, ordinaryTax, rules.RefOrdinaryTax+"; "+rules.RefPersonfradrag+" (personfradrag)",
			in.overridden(table, ordRateKey, rules.TaxKeyPersonalAllowance)))
	}

	stepTaxNum := stepTax(t, in, p, income, table)

	total := trygdeavgift.add(ordinaryTax).add(stepTaxNum)
	averageRate := zero
	if income.sign() > 0 {
		averageRate = total.divRound(income, 4)
	}
	net := income.sub(total)
	b.Months = 12
	if in.Months > 0 {
		b.Months = in.Months
	}
	months := taxNum{v: int64(b.Months)}
	netPerMonth := net.divRound(months, taxPlaces)
	if t.On() {
		t.Add(taxStep("tax.total_tax",
			rules.Inputs{{Name: "trygdeavgift", Value: fixed(trygdeavgift)}, {Name: "tax_on_ordinary_income", Value: fixed(ordinaryTax)},
				{Name: "trinnskatt", Value: fixed(stepTaxNum)}},
			"{trygdeavgift} + {tax_on_ordinary_income} + {trinnskatt}", total, total, "", nil))
		t.Add(taxStep("tax.net", rules.Inputs{{Name: "income", Value: fixed(income)}, {Name: "total_tax", Value: fixed(total)}},
			"{income} − {total_tax}", net, net, "", nil))
		t.Add(taxStep("tax.net_per_month", rules.Inputs{{Name: "net", Value: fixed(net)}, {Name: "months", Value: itoa(b.Months)}},
			"{net} / {months}", net.divRound(months, exactPlaces), netPerMonth, "", nil))
	}

	// Pension earning: 18.1 % of income up to 7.1 × the year's average G;
	// without the average G, 0.
	accrual, ceilingG := taxPensionAccrual()
	pensionBase := zero
	if in.AverageG.IsPositive() {
		exact = minNum(income, ceilingG.mul(numOf(in.AverageG)))
		pensionBase = exact.round(taxPlaces)
	} else {
		exact = zero
	}
	exactEarning := accrual.mul(pensionBase)
	pensionEarning := exactEarning.round(taxPlaces)
	if t.On() {
		avg := []rules.Param{{Key: ParamAverageG, From: rules.NewDate(b.Year, 1, 1)}}
		t.Add(taxStep("tax.pension_base",
			rules.Inputs{{Name: "income", Value: fixed(income)}, {Name: "ceiling", Value: ceilingG.String()}, {Name: "average_g", Value: in.AverageG.String()}},
			"min({income}, {ceiling} × max(0, {average_g}))", exact, pensionBase, rules.RefPensionEarning, avg))
		t.Add(taxStep("tax.pension_earning", rules.Inputs{{Name: "accrual", Value: accrual.String()}, {Name: "pension_base", Value: fixed(pensionBase)}},
			"{accrual} × {pension_base}", exactEarning, pensionEarning, rules.RefPensionEarning, nil))
		b.Steps = t.Steps
	}

	b.totalTax, b.net, b.pensionEarning = total.money(), net.money(), pensionEarning.money()
	if in.totalsOnly {
		return
	}
	b.PersonalIncome, b.Trygdeavgift, b.MinimumDeduction, b.OrdinaryIncome = income.dec(), trygdeavgift.dec(), minDeduction.dec(), ordinary.dec()
	b.FinnmarkAllowance, b.OrdinaryIncomeAfterFinnmark, b.PersonalAllowance = finnmark.dec(), basis.dec(), allowance.dec()
	b.TaxOnOrdinaryIncome, b.StepTax, b.TotalTax, b.AverageRate = ordinaryTax.dec(), stepTaxNum.dec(), total.dec(), averageRate.dec()
	b.Net, b.NetPerMonth, b.PensionBase, b.PensionEarning = net.dec(), netPerMonth.dec(), pensionBase.dec(), pensionEarning.dec()
}

// taxPensionAccrual is rules.PensionAccrual as taxNums.
var taxPensionAccrual = sync.OnceValues(func() (rate, ceilingG taxNum) {
	r, c := rules.PensionAccrual()
	return numOf(r), numOf(c)
})

// stepTax returns the trinnskatt and records its step: each step's rate on
// the part of income between its bound and the next, summed exactly, then
// rounded once.
func stepTax(t *rules.Trace, in TaxInput, p rules.TaxYear, income taxNum, table []rules.Param) taxNum {
	steps := p.Steps
	if in.Finnmark {
		steps = p.StepsFinnmark
		if steps == nil {
			steps = p.Steps
		}
	}
	sum := taxNum{}
	for i, s := range steps {
		from := numOf(s.From)
		if income.cmp(from) <= 0 {
			break
		}
		upper := income
		if i+1 < len(steps) {
			if next := numOf(steps[i+1].From); next.cmp(income) < 0 {
				upper = next
			}
		}
		sum = sum.add(numOf(s.Rate).mul(upper.sub(from)))
	}
	stepTax := sum.round(taxPlaces)
	if !t.On() {
		return stepTax
	}
	ref := rules.RefTrinnskatt + " (trinnskatt); rates: " + rules.RefOrdinaryTax
	if in.Finnmark {
		if p.StepsFinnmark != nil {
			table = append(table[:1:1], rules.Param{Key: ParamStepsFinnmark, From: table[0].From})
		} else {
			table = append(table[:1:1], rules.Param{Key: ParamNoStepsFinnmark, From: table[0].From, Source: p.Note})
		}
	}
	// The formula names the steps the loop summed: rate × (the next bound,
	// or the income, − the bound); below step 1, rate × max(0, income − bound).
	in0 := rules.Inputs{{Name: "income", Value: fixed(income)}}
	var terms []string
	for i, s := range steps {
		below := income.cmp(numOf(s.From)) <= 0
		if below && i > 0 {
			break
		}
		n := "." + itoa(i+1)
		in0 = append(in0, rules.Input{Name: "rate" + n, Value: s.Rate.String()}, rules.Input{Name: "from" + n, Value: s.From.String()})
		upper := "{income}"
		if i+1 < len(steps) && numOf(steps[i+1].From).cmp(income) < 0 {
			upper = "{from." + itoa(i+2) + "}"
		}
		if below {
			terms = append(terms, "{rate"+n+"} × max(0, {income} − {from"+n+"})")
			break
		}
		terms = append(terms, "{rate"+n+"} × ("+upper+" − {from"+n+"})")
	}
	formula := strings.Join(terms, " + ")
	if formula == "" {
		formula = "0"
	}
	t.Add(taxStep("tax.trinnskatt", in0, formula, sum, stepTax, ref, in.overridden(table, in.stepKeys()...)))
	return stepTax
}

// taxStep is a tax figure's step: the formula's exact value, rounded to the
// øre when it differs from the result.
func taxStep(key string, in rules.Inputs, formula string, exact, result taxNum, ref string, params []rules.Param) rules.Step {
	s := rules.Step{Key: key, Inputs: in, Formula: formula, Result: fixed(result), Unit: rules.UnitKroner, Ref: ref, Params: params}
	if !exact.equal(result) {
		s.Exact, s.Rounding = exact.String(), rules.RoundOreHalfUp
	}
	return s
}

// tableSource is the source of the year's values no override replaced:
// p.Source joins the overrides' sources to it.
func (in TaxInput) tableSource(p rules.TaxYear) string {
	if in.Overrides.Keys == nil {
		return p.Source
	}
	return in.Overrides.Base
}

// overridden is params and, once each, the sources of the overrides that
// replaced one of keys ("--set personal_allowance@2026=120000"), as rule
// sources: a figure credits an override of a value it uses, and no other
// figure does. params itself is not changed.
func (in TaxInput) overridden(params []rules.Param, keys ...string) []rules.Param {
	out := params
	for _, k := range keys {
		src, ok := in.Overrides.Keys[k]
		if !ok || slices.ContainsFunc(out, func(q rules.Param) bool { return q.Key == "" && q.Source == src }) {
			continue
		}
		out = append(out[:len(out):len(out)], rules.Param{Source: src})
	}
	return out
}

// stepKeys are the overridden trinnskatt keys (stepN_from, stepN_rate,
// and in Finnmark stepN_rate_finnmark), for overridden.
func (in TaxInput) stepKeys() []string {
	var out []string
	for k := range in.Overrides.Keys {
		if strings.HasPrefix(k, "step") && (in.Finnmark || !strings.HasSuffix(k, "_finnmark")) {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// fixed writes an amount with its two decimals: "265657.00".
func fixed(n taxNum) string { return n.dec().StringFixed(taxPlaces) }

// MarshalJSON writes every amount with exactly two decimals, as all kvp
// JSON does ("92000.00"); the average rate keeps its four.
func (b TaxBreakdown) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Year                 int    `json:"year"`
		PersonalIncome       Money  `json:"personal_income"`
		Trygdeavgift         Money  `json:"trygdeavgift"`
		TrygdeavgiftRateKind string `json:"trygdeavgift_rate_kind"`
		AgeInIncomeYear      *int   `json:"age_in_income_year,omitempty"`
		MinimumDeduction     Money  `json:"minimum_deduction"`
		OrdinaryIncome       Money  `json:"ordinary_income"`
		OrdinaryIncomeAfter  Money  `json:"ordinary_income_after_finnmark_allowance"`
		PersonalAllowance    Money  `json:"personal_allowance"`
		TaxOnOrdinaryIncome  Money  `json:"tax_on_ordinary_income"`
		StepTax              Money  `json:"step_tax"`
		FinnmarkAllowance    Money  `json:"finnmark_allowance"`
		TotalTax             Money  `json:"total_tax"`
		AverageRate          string `json:"average_rate"`
		Net                  Money  `json:"net"`
		NetPerMonth          Money  `json:"net_per_month"`
		Months               int    `json:"months"`
		PensionBase          Money  `json:"pension_base"`
		PensionEarning       Money  `json:"pension_earning"`
	}{b.Year, M(b.PersonalIncome), M(b.Trygdeavgift), b.TrygdeavgiftRateKind, b.AgeInIncomeYear, M(b.MinimumDeduction),
		M(b.OrdinaryIncome), M(b.OrdinaryIncomeAfterFinnmark), M(b.PersonalAllowance),
		M(b.TaxOnOrdinaryIncome), M(b.StepTax), M(b.FinnmarkAllowance), M(b.TotalTax), b.AverageRate.StringFixed(4),
		M(b.Net), M(b.NetPerMonth), b.Months, M(b.PensionBase), M(b.PensionEarning)})
}
