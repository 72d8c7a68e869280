package calc

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"kvp/rules"
)

// TestTaxMatchesDecimal: Tax, computed in taxNums, gives every figure and
// every step (with --explain) that the decimal arithmetic it replaced gave
// (refTax below, the code as it was), over random incomes in øre and
// fractions of øre, every income year with parameters, in and out of
// Finnmark, with and without a birth year, an average G and months; and
// over parameters with many decimals and amounts near the bounds, where
// taxNum falls back to decimal.
func TestTaxMatchesDecimal(t *testing.T) {
	p, err := rules.DefaultParams()
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(19, 2026))
	years := p.Tax.Years()
	odd := p.Tax[years[len(years)-1]]
	odd.Year = 2099
	odd.OrdinaryRate = decimal.RequireFromString("0.2212345678901234567891")
	odd.PersonalAllowance = decimal.RequireFromString("88250.123456789")
	odd.TrygdeavgiftLowerLimit = rules.MaxTaxAmount
	odd.Steps = append([]rules.TaxStep{}, odd.Steps...)
	odd.Steps[0].Rate = decimal.RequireFromString("0.0170000000000000001")
	n := 0
	for i := range 40000 {
		var params rules.TaxYear
		if i%10 == 9 {
			params = odd
		} else {
			params = p.Tax[years[r.IntN(len(years))]]
		}
		var income decimal.Decimal
		switch r.IntN(6) {
		case 0: // around a bound of the year
			bounds := []decimal.Decimal{params.TrygdeavgiftLowerLimit, params.PersonalAllowance, params.MinDeductionCap, params.Steps[r.IntN(len(params.Steps))].From}
			income = bounds[r.IntN(len(bounds))].Add(decimal.New(r.Int64N(2001)-1000, -2))
		case 1: // fractions of an øre
			income = decimal.New(r.Int64N(300_000_000_000), -6)
		case 2: // large
			income = decimal.New(r.Int64N(1<<62), -2)
		case 3:
			income = decimal.Zero
		default:
			income = decimal.New(r.Int64N(250_000_000), -2)
		}
		in := TaxInput{PersonalIncome: income, Finnmark: r.IntN(3) == 0, Months: r.IntN(13), Explain: r.IntN(2) == 0}
		if r.IntN(2) == 0 {
			in.BirthYear = 1940 + r.IntN(80)
		}
		if r.IntN(4) != 0 {
			in.AverageG = decimal.New(100_000_00+r.Int64N(5_000_000), -2+int32(r.IntN(2))*-2)
		}
		got, want := Tax(in, params), refTax(in, params)
		if diff := taxDiff(got, want); diff != "" {
			t.Fatalf("income %s, year %d, %+v: %s", income, params.Year, in, diff)
		}
		// Totals, in either mode, are the decimal figures in øre.
		in.totalsOnly = true
		totals := Tax(in, params)
		for _, b := range []*TaxBreakdown{&got, &totals} {
			if tax, net, pe := b.Totals(); tax != M(want.TotalTax) || net != M(want.Net) || pe != M(want.PensionEarning) {
				t.Fatalf("income %s, year %d: Totals %s %s %s, decimal %s %s %s", income, params.Year, tax, net, pe, want.TotalTax, want.Net, want.PensionEarning)
			}
		}
		if !totals.TotalTax.IsZero() || !totals.PersonalIncome.IsZero() {
			t.Fatalf("totals only: decimal figures set")
		}
		n++
	}
	if n != 40000 {
		t.Fatalf("%d cases", n)
	}
}

// taxDiff names the first field where a and b differ: decimals by value,
// everything else, the steps too, exactly.
func taxDiff(a, b TaxBreakdown) string {
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	for i := range va.NumField() {
		if !va.Type().Field(i).IsExported() {
			continue // Totals, checked by the caller
		}
		name := va.Type().Field(i).Name
		x, y := va.Field(i).Interface(), vb.Field(i).Interface()
		if dx, ok := x.(decimal.Decimal); ok {
			if !dx.Equal(y.(decimal.Decimal)) {
				return name + ": " + dx.String() + ", decimal: " + y.(decimal.Decimal).String()
			}
			continue
		}
		if !reflect.DeepEqual(x, y) {
			return name + " differs"
		}
	}
	return ""
}

// TestTaxNumOps checks taxNum's operations against decimal's on random
// operands, near int64's limits too (where it falls back to decimal).
func TestTaxNumOps(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 19))
	operand := func() decimal.Decimal {
		switch r.IntN(4) {
		case 0:
			return decimal.New(r.Int64()-r.Int64(), -int32(r.IntN(19)))
		case 1:
			return decimal.New(r.Int64N(2001)-1000, -int32(r.IntN(4)))
		case 2:
			return decimal.New(r.Int64N(1000), int32(r.IntN(20)))
		}
		return decimal.New(r.Int64N(1e12)-5e11, -int32(r.IntN(8)))
	}
	for range 200000 {
		x, y := operand(), operand()
		a, b := numOf(x), numOf(y)
		if !a.dec().Equal(x) {
			t.Fatalf("numOf(%s) = %s", x, a)
		}
		check := func(op string, got taxNum, want decimal.Decimal) {
			t.Helper()
			if !got.dec().Equal(want) {
				t.Fatalf("%s %s %s = %s, decimal: %s", x, op, y, got, want)
			}
		}
		check("+", a.add(b), x.Add(y))
		check("-", a.sub(b), x.Sub(y))
		check("×", a.mul(b), x.Mul(y))
		if a.cmp(b) != x.Cmp(y) || a.sign() != x.Sign() {
			t.Fatalf("cmp(%s, %s) = %d, decimal %d", x, y, a.cmp(b), x.Cmp(y))
		}
		places := int32(r.IntN(14))
		check("round", a.round(places), x.Round(places))
		if !y.IsZero() {
			check("divround", a.divRound(b, places), x.DivRound(y, places))
		}
	}
}

// refRound rounds to øre. decimal.Round is half away from zero, which is half
// up for the non-negative amounts here.
func refRound(d decimal.Decimal) decimal.Decimal { return d.Round(taxPlaces) }

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
func refTax(in TaxInput, p rules.TaxYear) TaxBreakdown {
	b := TaxBreakdown{Year: in.Year}
	if b.Year == 0 {
		b.Year = p.Year
	}
	if in.PersonalIncome.IsNegative() {
		b.PersonalIncome = in.PersonalIncome
		return b
	}
	var t *rules.Trace
	if in.Explain {
		t = &rules.Trace{}
	}
	table := []rules.Param{{Key: ParamTaxTable, From: rules.NewDate(b.Year, 1, 1), Source: p.Source}}
	zero := decimal.Zero
	income := refRound(in.PersonalIncome)
	b.PersonalIncome = income
	if t.On() {
		t.Add(refTaxStep("tax.personal_income", rules.Inputs{{Name: "income", Value: in.PersonalIncome.String()}}, "{income}",
			in.PersonalIncome, income, rules.RefPersonalIncome, nil))
	}

	// Trygdeavgift: the wage rate, or the low rate by age; phased in above the lower limit.
	limit := p.TrygdeavgiftLowerLimit
	age := in.age(p)
	rate, low, missing := p.TrygdeavgiftRateFor(age)
	ref := rules.RefTrygdeavgift
	b.TrygdeavgiftRateKind, b.AgeInIncomeYear = TrygdeavgiftWageRate, age
	if low {
		ref = rules.RefTrygdeavgiftLow
		b.TrygdeavgiftRateKind = TrygdeavgiftLowRate
	}
	exact := zero
	if income.GreaterThan(limit) {
		exact = decimal.Min(rate.Mul(income), p.TrygdeavgiftPhaseIn.Mul(income.Sub(limit)))
	}
	b.Trygdeavgift = refRound(exact)
	if t.On() {
		params := table
		if missing != nil {
			params = append(table[:1:1], rules.Param{Key: ParamLowRateMissing, From: table[0].From})
		}
		// max(0, …) is the "0 at or below the lower limit": the phase-in is then not positive.
		t.Add(refTaxStep("tax.trygdeavgift",
			rules.Inputs{{Name: "rate", Value: rate.String()}, {Name: "income", Value: refFixed(income)},
				{Name: "phase_in", Value: p.TrygdeavgiftPhaseIn.String()}, {Name: "lower_limit", Value: limit.String()}},
			"min({rate} × {income}, max(0, {phase_in} × ({income} − {lower_limit})))", exact, b.Trygdeavgift, ref, params))
	}

	// Minstefradrag under the wage rules.
	exact = decimal.Min(p.MinDeductionRate.Mul(income), p.MinDeductionCap)
	b.MinimumDeduction = refRound(exact)
	if t.On() {
		t.Add(refTaxStep("tax.minstefradrag",
			rules.Inputs{{Name: "rate", Value: p.MinDeductionRate.String()}, {Name: "income", Value: refFixed(income)}, {Name: "cap", Value: p.MinDeductionCap.String()}},
			"min({rate} × {income}, {cap})", exact, b.MinimumDeduction, rules.RefMinstefradrag, table))
	}

	// Alminnelig inntekt, never reduced by finnmarksfradrag (sktl. § 15-5 third para.).
	exact = income.Sub(b.MinimumDeduction)
	b.OrdinaryIncome = refRound(exact)
	if t.On() {
		t.Add(refTaxStep("tax.ordinary_income", rules.Inputs{{Name: "income", Value: refFixed(income)}, {Name: "minstefradrag", Value: refFixed(b.MinimumDeduction)}},
			"{income} − {minstefradrag}", exact, b.OrdinaryIncome, rules.RefMinstefradrag, nil))
	}

	// Finnmarksfradrag reduces the basis of the tax on ordinary income only.
	b.FinnmarkAllowance = zero
	b.OrdinaryIncomeAfterFinnmark = b.OrdinaryIncome
	if in.Finnmark {
		b.FinnmarkAllowance = decimal.Min(p.FinnmarkAllowance, decimal.Max(b.OrdinaryIncome, zero))
		exact = b.OrdinaryIncome.Sub(b.FinnmarkAllowance)
		b.OrdinaryIncomeAfterFinnmark = refRound(exact)
		if t.On() {
			t.Add(refTaxStep("tax.finnmarksfradrag",
				rules.Inputs{{Name: "finnmarksfradrag", Value: p.FinnmarkAllowance.String()}, {Name: "ordinary_income", Value: refFixed(b.OrdinaryIncome)}},
				"min({finnmarksfradrag}, max(0, {ordinary_income}))", b.FinnmarkAllowance, b.FinnmarkAllowance, rules.RefFinnmarksfradrag, table))
			t.Add(refTaxStep("tax.ordinary_income_after_finnmarksfradrag",
				rules.Inputs{{Name: "ordinary_income", Value: refFixed(b.OrdinaryIncome)}, {Name: "finnmarksfradrag", Value: refFixed(b.FinnmarkAllowance)}},
				"{ordinary_income} − {finnmarksfradrag}", exact, b.OrdinaryIncomeAfterFinnmark, rules.RefFinnmarksfradrag, nil))
		}
	}

	b.PersonalAllowance = refRound(p.PersonalAllowance)
	if t.On() {
		t.Add(refTaxStep("tax.personfradrag", rules.Inputs{{Name: "personfradrag", Value: p.PersonalAllowance.String()}}, "{personfradrag}",
			p.PersonalAllowance, b.PersonalAllowance, rules.RefPersonfradrag, table))
	}

	ordRate := p.OrdinaryRate
	if in.Finnmark {
		ordRate = p.OrdinaryRateFinnmark
	}
	exact = ordRate.Mul(decimal.Max(zero, b.OrdinaryIncomeAfterFinnmark.Sub(p.PersonalAllowance)))
	b.TaxOnOrdinaryIncome = refRound(exact)
	if t.On() {
		t.Add(refTaxStep("tax.tax_on_ordinary_income",
			rules.Inputs{{Name: "rate", Value: ordRate.String()}, {Name: "basis", Value: refFixed(b.OrdinaryIncomeAfterFinnmark)},
				{Name: "personfradrag", Value: p.PersonalAllowance.String()}},
			"{rate} × max(0, {basis} − {personfradrag})", exact, b.TaxOnOrdinaryIncome, rules.RefOrdinaryTax+"; "+rules.RefPersonfradrag+" (personfradrag)", table))
	}

	refStepTax(&b, t, in, p, income, table)

	b.TotalTax = b.Trygdeavgift.Add(b.TaxOnOrdinaryIncome).Add(b.StepTax)
	b.AverageRate = zero
	if income.IsPositive() {
		b.AverageRate = b.TotalTax.DivRound(income, 4)
	}
	b.Net = income.Sub(b.TotalTax)
	b.Months = 12
	if in.Months > 0 {
		b.Months = in.Months
	}
	months := decimal.NewFromInt(int64(b.Months))
	b.NetPerMonth = b.Net.DivRound(months, taxPlaces)
	if t.On() {
		t.Add(refTaxStep("tax.total_tax",
			rules.Inputs{{Name: "trygdeavgift", Value: refFixed(b.Trygdeavgift)}, {Name: "tax_on_ordinary_income", Value: refFixed(b.TaxOnOrdinaryIncome)},
				{Name: "trinnskatt", Value: refFixed(b.StepTax)}},
			"{trygdeavgift} + {tax_on_ordinary_income} + {trinnskatt}", b.TotalTax, b.TotalTax, "", nil))
		t.Add(refTaxStep("tax.net", rules.Inputs{{Name: "income", Value: refFixed(income)}, {Name: "total_tax", Value: refFixed(b.TotalTax)}},
			"{income} − {total_tax}", b.Net, b.Net, "", nil))
		t.Add(refTaxStep("tax.net_per_month", rules.Inputs{{Name: "net", Value: refFixed(b.Net)}, {Name: "months", Value: itoa(b.Months)}},
			"{net} / {months}", b.Net.DivRound(months, exactPlaces), b.NetPerMonth, "", nil))
	}

	// Pension earning: 18.1 % of income up to 7.1 × the year's average G;
	// without the average G, 0.
	accrual, ceilingG := rules.PensionAccrual()
	b.PensionBase, b.PensionEarning = zero, zero
	if in.AverageG.IsPositive() {
		exact = decimal.Min(income, ceilingG.Mul(in.AverageG))
		b.PensionBase = refRound(exact)
	} else {
		exact = zero
	}
	exactEarning := accrual.Mul(b.PensionBase)
	b.PensionEarning = refRound(exactEarning)
	if t.On() {
		avg := []rules.Param{{Key: ParamAverageG, From: rules.NewDate(b.Year, 1, 1)}}
		t.Add(refTaxStep("tax.pension_base",
			rules.Inputs{{Name: "income", Value: refFixed(income)}, {Name: "ceiling", Value: ceilingG.String()}, {Name: "average_g", Value: in.AverageG.String()}},
			"min({income}, {ceiling} × max(0, {average_g}))", exact, b.PensionBase, rules.RefPensionEarning, avg))
		t.Add(refTaxStep("tax.pension_earning", rules.Inputs{{Name: "accrual", Value: accrual.String()}, {Name: "pension_base", Value: refFixed(b.PensionBase)}},
			"{accrual} × {pension_base}", exactEarning, b.PensionEarning, rules.RefPensionEarning, nil))
		b.Steps = t.Steps
	}
	return b
}

// stepTax sets b.StepTax and records its step: each step's rate on the
// part of income between its bound and the next, summed exactly, then
// rounded once.
func refStepTax(b *TaxBreakdown, t *rules.Trace, in TaxInput, p rules.TaxYear, income decimal.Decimal, table []rules.Param) {
	steps := p.Steps
	ref := rules.RefTrinnskatt + " (trinnskatt); rates: " + rules.RefOrdinaryTax
	if in.Finnmark {
		if p.StepsFinnmark != nil {
			steps = p.StepsFinnmark
			table = append(table[:1:1], rules.Param{Key: ParamStepsFinnmark, From: table[0].From})
		} else {
			table = append(table[:1:1], rules.Param{Key: ParamNoStepsFinnmark, From: table[0].From, Source: p.Note})
		}
	}
	sum := decimal.Zero
	for i, s := range steps {
		if income.LessThanOrEqual(s.From) {
			break
		}
		upper := income
		if i+1 < len(steps) && steps[i+1].From.LessThan(income) {
			upper = steps[i+1].From
		}
		sum = sum.Add(s.Rate.Mul(upper.Sub(s.From)))
	}
	b.StepTax = refRound(sum)
	if !t.On() {
		return
	}
	// The formula names the steps the loop summed: rate × (the next bound,
	// or the income, − the bound); below step 1, rate × max(0, income − bound).
	in0 := rules.Inputs{{Name: "income", Value: refFixed(income)}}
	var terms []string
	for i, s := range steps {
		if income.LessThanOrEqual(s.From) && i > 0 {
			break
		}
		n := "." + itoa(i+1)
		in0 = append(in0, rules.Input{Name: "rate" + n, Value: s.Rate.String()}, rules.Input{Name: "from" + n, Value: s.From.String()})
		upper := "{income}"
		if i+1 < len(steps) && steps[i+1].From.LessThan(income) {
			upper = "{from." + itoa(i+2) + "}"
		}
		if income.LessThanOrEqual(s.From) {
			terms = append(terms, "{rate"+n+"} × max(0, {income} − {from"+n+"})")
			break
		}
		terms = append(terms, "{rate"+n+"} × ("+upper+" − {from"+n+"})")
	}
	formula := strings.Join(terms, " + ")
	if formula == "" {
		formula = "0"
	}
	t.Add(refTaxStep("tax.trinnskatt", in0, formula, sum, b.StepTax, ref, table))
}

// taxStep is a tax figure's step: the formula's exact value, rounded to the
// øre when it differs from the result.
func refTaxStep(key string, in rules.Inputs, formula string, exact, result decimal.Decimal, ref string, params []rules.Param) rules.Step {
	s := rules.Step{Key: key, Inputs: in, Formula: formula, Result: refFixed(result), Unit: rules.UnitKroner, Ref: ref, Params: params}
	if !exact.Equal(result) {
		s.Exact, s.Rounding = exact.String(), rules.RoundOreHalfUp
	}
	return s
}

// fixed writes an amount with its two decimals: "265657.00".
func refFixed(d decimal.Decimal) string { return d.StringFixed(taxPlaces) }
