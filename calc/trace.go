package calc

import (
	"strconv"
	"strings"

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

// tracePiece is one segment × month stretch as schedule priced it.
type tracePiece struct {
	seg, month, days int
	absentHours      decimal.Decimal
	exact            [lineCount]decimal.Decimal // its unrounded lines, under the exact policy
}

// traceStipend records the steps of a priced result: per segment the yearly
// amount, the day rate, the child supplement per day, the paid days, the
// amounts and each reduction; then each month's net and the total. The
// values are the decimals the segments and pieces were priced with.
func (k *Calculator) traceStipend(res *Result, c *Case, pieces []tracePiece) {
	t := &rules.Trace{}
	segHours := make([]decimal.Decimal, len(res.Segments))
	for _, p := range pieces {
		segHours[p.seg] = segHours[p.seg].Add(p.absentHours)
	}
	for i := range res.Segments {
		s := &res.Segments[i]
		e, err := k.epochAt(s.From)
		if err != nil {
			continue
		}
		traceSegment(t, e, c, s, segHours[i])
	}
	traceMonths(t, res, pieces)
	res.Steps = t.Steps
}

func traceSegment(t *rules.Trace, e *epoch, c *Case, s *Segment, absentHours decimal.Decimal) {
	span := &rules.Period{From: s.From, To: s.To}
	band := 0
	params := []rules.Param{paramOf(&e.params[0]), paramOf(&e.params[1])}
	if s.Under25 {
		band = 1
		params = append(params, paramOf(&e.params[4]))
	}
	if c.asOf {
		// Priced as known on a date: the G's step names the convention.
		params = append(params, rules.Param{Source: rules.SourceKnownFrom})
	}
	b := &e.bands[band]
	in, base := rateInputs(e, band)
	t.Add(rules.Step{Key: "stipend.yearly", Span: span, Inputs: in, Formula: base, Exact: exactIf(b.yearlyExact, s.Yearly),
		Rounding: roundingIf(b.yearlyExact, s.Yearly, rules.RoundOreHalfUp), Result: s.Yearly.String(), Unit: rules.UnitKroner, Ref: s.Ref, Params: params})
	day := rules.Step{Key: "stipend.day_rate", Span: span, Inputs: append(in, rules.Input{Name: "day_divisor", Value: e.div.Value.String()}),
		Formula: base + " / {day_divisor}", Exact: b.dayExact.String(), Result: s.dayRate.String(), Ref: s.Ref, Params: params[:1]}
	if c.Rounding == RoundingNAV {
		day.Rounding = rules.RoundKronerHalfUp
	} else {
		day.Exact = ""
	}
	t.Add(day)
	childRate, children := e.child.Value.String(), itoa(s.Children)
	t.Add(rules.Step{Key: "stipend.child_per_day", Span: span, Inputs: rules.Inputs{{Name: "child_rate", Value: childRate}, {Name: "children", Value: children}},
		Formula: "{child_rate} × {children}", Result: M(s.childDay).String(), Unit: rules.UnitKroner, Ref: RefChildSupplement, Params: []rules.Param{paramOf(&e.params[3])}})
	days := itoa(s.PaidDays)
	t.Add(rules.Step{Key: "stipend.paid_days", Span: span, Inputs: rules.Inputs{{Name: "from", Value: s.From.String()}, {Name: "to", Value: s.To.String()}},
		Formula: "weekdays({from}, {to})", Result: days, Unit: rules.UnitDays, Ref: "sotjl. § 35; " + rules.RefHolidays})

	nd := decimal.NewFromInt(int64(s.PaidDays))
	stipend, child := s.dayRate.Mul(nd), s.childDay.Mul(nd)
	t.Add(rules.Step{Key: "stipend.amount", Span: span, Inputs: rules.Inputs{{Name: "day_rate", Value: s.dayRate.String()}, {Name: "paid_days", Value: days}},
		Formula: "{day_rate} × {paid_days}", Exact: exactIf(stipend, s.Stipend), Rounding: roundingIf(stipend, s.Stipend, rules.RoundOrePerMonth),
		Result: s.Stipend.String(), Unit: rules.UnitKroner, Ref: s.Ref})
	if s.Children > 0 || !s.ChildSupplement.IsZero() {
		t.Add(rules.Step{Key: "stipend.child_amount", Span: span,
			Inputs:  rules.Inputs{{Name: "child_rate", Value: childRate}, {Name: "children", Value: children}, {Name: "paid_days", Value: days}},
			Formula: "{child_rate} × {children} × {paid_days}", Exact: exactIf(child, s.ChildSupplement),
			Rounding: roundingIf(child, s.ChildSupplement, rules.RoundOrePerMonth), Result: s.ChildSupplement.String(), Unit: rules.UnitKroner, Ref: RefChildSupplement})
	}
	perMonth := rules.RoundOrePerMonth
	if c.Rounding == RoundingExact {
		perMonth = rules.RoundOreToNet
	}
	traceReductions(t, span, s, absentHours, stipend, child, perMonth)
}

// traceReductions records a segment's reduction lines, each with its rule;
// perMonth is how a line is rounded in each month under the policy.
func traceReductions(t *rules.Trace, span *rules.Period, s *Segment, absentHours, stipend, child decimal.Decimal, perMonth string) {
	amounts := rules.Inputs{{Name: "stipend", Value: s.Stipend.String()}, {Name: "child_supplement", Value: s.ChildSupplement.String()}}
	if !s.Interruption.IsZero() {
		t.Add(rules.Step{Key: "stipend.interruption", Span: span, Inputs: amounts, Formula: "−({stipend} + {child_supplement})",
			Result: s.Interruption.String(), Unit: rules.UnitKroner, Ref: RefInterruption})
	}
	absent := decimal.Zero
	if !s.Absence.IsZero() {
		absent = s.dayRate.Mul(absentHours).DivRound(HoursPerDay, exactPlaces)
		t.Add(rules.Step{Key: "stipend.absence", Span: span,
			Inputs:  rules.Inputs{{Name: "day_rate", Value: s.dayRate.String()}, {Name: "hours", Value: absentHours.String()}, {Name: "hours_per_day", Value: HoursPerDay.String()}},
			Formula: "−{day_rate} × {hours} / {hours_per_day}", Exact: exactIf(absent.Neg(), s.Absence),
			Rounding: roundingIf(absent.Neg(), s.Absence, perMonth), Result: s.Absence.String(), Unit: rules.UnitKroner, Ref: RefAbsence})
	}
	if !s.Work.IsZero() {
		in := rules.Inputs{{Name: "stipend", Value: stipend.String()}}
		formula := "{stipend}"
		if !child.IsZero() {
			in, formula = append(in, rules.Input{Name: "child_supplement", Value: child.String()}), formula+" + {child_supplement}"
		}
		if !absent.IsZero() {
			in, formula = append(in, rules.Input{Name: "absence", Value: absent.String()}), formula+" − {absence}"
		}
		in = append(in, rules.Input{Name: "work_hours", Value: s.WorkHours.String()}, rules.Input{Name: "full_time", Value: FullTimeHours.String()})
		share := "{work_hours} / {full_time}"
		if s.workShare.Equal(decimal.NewFromInt(1)) {
			share = "min(1, " + share + ")"
		}
		// The step's exact value is the formula's, to 12 places; the booked
		// amount (priced day by day with the share to 12 places) is within
		// an øre of it in each month.
		exact := stipend.Add(child).Sub(absent).Mul(s.WorkHours).DivRound(FullTimeHours, exactPlaces).Neg()
		if s.workShare.Equal(decimal.NewFromInt(1)) {
			exact = stipend.Add(child).Sub(absent).Neg()
		}
		t.Add(rules.Step{Key: "stipend.work", Span: span, Inputs: in, Formula: "−(" + formula + ") × " + share,
			Exact: exactIf(exact, s.Work), Rounding: roundingIf(exact, s.Work, perMonth), Result: s.Work.String(), Unit: rules.UnitKroner, Ref: RefWork})
	}
	if !s.OtherBenefits.IsZero() {
		full := s.benefitDay.Mul(decimal.NewFromInt(int64(s.PaidDays))).Neg()
		rounding := roundingIf(full, s.OtherBenefits, perMonth)
		if s.normalDay[lineBenefits-lineAbsence].LessThan(s.benefitDay) || (absentHours.IsPositive() && rounding != "") {
			rounding = rules.RoundCapped // some days had less left than the benefit
		}
		t.Add(rules.Step{Key: "stipend.other_benefits", Span: span,
			Inputs:  rules.Inputs{{Name: "benefit_per_day", Value: s.benefitDay.Round(exactPlaces).String()}, {Name: "paid_days", Value: itoa(s.PaidDays)}},
			Formula: "−{benefit_per_day} × {paid_days}", Exact: exactIf(full, s.OtherBenefits), Rounding: rounding,
			Result: s.OtherBenefits.String(), Unit: rules.UnitKroner, Ref: RefBenefits})
	}
}

// traceMonths records each month's net from its pieces, and the total.
func traceMonths(t *rules.Trace, res *Result, pieces []tracePiece) {
	total := rules.Step{Key: "stipend.total", Result: res.Total.Net.String(), Unit: rules.UnitKroner}
	var terms []string
	for mi := range res.Months {
		m := &res.Months[mi]
		var in rules.Inputs
		var f []string
		exact := decimal.Zero
		n := 0
		for _, p := range pieces {
			if p.month != mi || p.days == 0 {
				continue
			}
			s := &res.Segments[p.seg]
			n++
			suffix := "." + itoa(n)
			nd := decimal.NewFromInt(int64(p.days))
			in = append(in, rules.Input{Name: "day_rate" + suffix, Value: s.dayRate.String()}, rules.Input{Name: "days" + suffix, Value: itoa(p.days)})
			f = append(f, "{day_rate"+suffix+"} × {days"+suffix+"}")
			exact = exact.Add(s.dayRate.Mul(nd))
			if s.Children > 0 {
				in = append(in, rules.Input{Name: "child_rate" + suffix, Value: s.childRate.String()}, rules.Input{Name: "children" + suffix, Value: itoa(s.Children)})
				f = append(f, "{child_rate"+suffix+"} × {children"+suffix+"} × {days"+suffix+"}")
				exact = exact.Add(s.childDay.Mul(nd))
			}
		}
		formula := strings.Join(f, " + ")
		if formula == "" {
			formula = "0"
		}
		// Under nav the net is the sum of the rounded lines; under exact it
		// is the unrounded net rounded once, so the reductions enter
		// unrounded (the sums of the pieces' exact lines).
		rounding := rules.RoundOrePerMonth
		var unrounded [lineCount]decimal.Decimal
		if res.Rounding == RoundingExact {
			rounding = rules.RoundOreHalfUp
			for _, p := range pieces {
				if p.month == mi {
					for l := lineInterruption; l < lineCount; l++ {
						unrounded[l] = unrounded[l].Add(p.exact[l])
					}
				}
			}
		}
		for _, r := range []struct {
			name string
			line int
			m    Money
		}{{"interruption", lineInterruption, m.Interruption}, {"absence", lineAbsence, m.Absence}, {"work", lineWork, m.Work}, {"other_benefits", lineBenefits, m.OtherBenefits}} {
			x, shown := r.m.Decimal(), (-r.m).String()
			if res.Rounding == RoundingExact {
				x = unrounded[r.line]
				shown = x.Neg().String()
			}
			if !x.IsZero() {
				in = append(in, rules.Input{Name: r.name, Value: shown})
				formula += " − {" + r.name + "}"
				exact = exact.Add(x)
			}
		}
		first := rules.NewDate(m.Month.Year(), m.Month.Month(), 1)
		in = append(in, rules.Input{Name: "paid_in", Value: m.PaidIn.String()})
		t.Add(rules.Step{Key: "stipend.month_net", Span: &rules.Period{From: first, To: first.LastOfMonth()}, Inputs: in, Formula: formula,
			Exact: exactIf(exact, m.Net), Rounding: roundingIf(exact, m.Net, rounding), Result: m.Net.String(), Unit: rules.UnitKroner, Ref: RefPayment})
		name := "net." + m.Month.String()
		total.Inputs = append(total.Inputs, rules.Input{Name: name, Value: m.Net.String()})
		terms = append(terms, "{"+name+"}")
	}
	tracePayments(t, res)
	total.Formula = strings.Join(terms, " + ")
	if total.Formula == "" {
		total.Formula = "0"
	}
	t.Add(total)
}

// tracePayments records each payment's pay date: the pay day the schedule
// names (due), moved to the working day before a Saturday, Sunday or public
// holiday (CONVENTION), with the net it pays.
func tracePayments(t *rules.Trace, res *Result) {
	for _, p := range res.Payments {
		in := rules.Inputs{{Name: "due", Value: p.Due.String()}, {Name: "net", Value: p.Net.String()}}
		switch res.Pay.Cycle {
		case Pay14Days:
			in = append(in, rules.Input{Name: "pay_lag", Value: itoa(res.Pay.Lag)})
		default:
			in = append(in, rules.Input{Name: "pay_day", Value: itoa(res.Pay.Day)})
		}
		t.Add(rules.Step{Key: "stipend.pay_date", Span: &rules.Period{From: p.From, To: p.To}, Inputs: in,
			Formula: "working_day_on_or_before({due})", Result: p.PayDate.String(), Unit: rules.UnitDate, Ref: RefPayDay})
	}
}

// roundingIf is code when the booked amount differs from the exact one.
func roundingIf(exact decimal.Decimal, booked Money, code string) string {
	if exact.Equal(booked.Decimal()) {
		return ""
	}
	return code
}

func itoa(n int) string { return strconv.Itoa(n) }
