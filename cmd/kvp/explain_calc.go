package main

import (
	"strconv"
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
	if !l.nb {
		return m.String()
	}
	return groupNB(m.String())
}

// month writes a month: "2026-04", "04.2026".
func (l locale) month(ym calc.YearMonth) string {
	s := ym.String()
	if !l.nb || len(s) != 7 {
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

// minus is the minus sign: "-" in English (as amounts are written), "−" in Norwegian.
func (l locale) minus() string {
	if l.nb {
		return "−"
	}
	return "-"
}

// neg puts a minus sign in front of s.
func (l locale) neg(s string) string { return l.minus() + s }

// paramSource says where a parameter value came from: "G from 2025-05-01:
// NAV, grunnbeløpet (g.nav.no)", with the origin when it is not the default.
func (l locale) paramSource(name string, p *calc.ParamValue, detail bool) string {
	if p == nil {
		return ""
	}
	s := name + " " + l.T("from") + " " + l.Date(p.From)
	if detail && p.Source != "" {
		s += ": " + p.Source
	}
	if p.Origin != "" && p.Origin != "default" {
		s += " (" + originText(l, p.Origin) + ")"
	}
	return s
}

// originText translates where a value came from: default, environment,
// flag, file:PATH.
func originText(l locale, origin string) string {
	if path, ok := strings.CutPrefix(origin, "file:"); ok {
		return l.T("file:") + path
	}
	return l.T(origin)
}

// findParam returns the parameter value with key in force from from.
func findParam(ps []calc.ParamValue, key string, from rules.Date) *calc.ParamValue {
	for i := range ps {
		if ps[i].Key == key && ps[i].From == from {
			return &ps[i]
		}
	}
	return nil
}

// lastParam returns the value of key in force on d among ps.
func lastParam(ps []calc.ParamValue, key string, d rules.Date) *calc.ParamValue {
	var out *calc.ParamValue
	for i := range ps {
		if ps[i].Key == key && ps[i].From <= d {
			out = &ps[i]
		}
	}
	return out
}

// shareTerm is "2/3 × " for the under-25 band, "" for the full rate.
func (l locale) shareTerm(share rules.Ratio) string {
	if share.Den.Equal(decimal.NewFromInt(1)) && share.Num.Equal(decimal.NewFromInt(1)) {
		return ""
	}
	return l.Num(share.Num) + "/" + l.Num(share.Den) + " × "
}

// ratesExplain derives each figure of kvp rates.
func ratesExplain(l locale, r *calc.Rates, p *rules.Params) ([]explainStep, error) {
	factor, err := decimal.NewFromString(r.Factor)
	if err != nil {
		return nil, err
	}
	div, err := decimal.NewFromString(r.DayDivisor)
	if err != nil {
		return nil, err
	}
	share, err := p.Under25Share.At(r.Date)
	if err != nil {
		return nil, err
	}
	g := r.G.Decimal()
	gParam := findParam(r.Parameters, rules.KeyG, r.GFrom)
	fParam := findParam(r.Parameters, rules.KeyFactor, r.FactorFrom)
	sParam := findParam(r.Parameters, rules.KeyUnder25Share, share.From)
	gFrom := "G " + l.T("from") + " " + l.Date(r.GFrom)
	var steps []explainStep
	for _, b := range r.Bands {
		ratio, label, sources := rules.Ratio{Num: decimal.NewFromInt(1), Den: decimal.NewFromInt(1)}, l.T("25 and over"), []string{l.paramSource("G", gParam, true), l.paramSource(l.T("factor"), fParam, true)}
		if b.Band == "under_25" {
			ratio, label = share.Value, l.T("under 25")
			sources = append(sources, l.paramSource(l.T("share"), sParam, true))
		}
		base := l.shareTerm(ratio) + l.Num(factor) + " × " + l.Num(g)
		yearly := calc.YearlyExact(factor, g, ratio)
		steps = append(steps, explainStep{
			Figure: l.T("yearly amount") + ", " + label, Formula: base + l.equals(yearly), Result: l.Kroner(b.Yearly),
			Rounding: l.T("whole kroner, half up, as NAV publishes it"), Ref: b.Ref, Source: strings.Join(sources, "; "),
		})
		monthly := calc.MonthlyFrom(yearly)
		steps = append(steps, explainStep{
			Figure: l.T("monthly amount") + ", " + label, Formula: base + " / 12" + l.equals(yearly.DivRound(decimal.NewFromInt(12), calc.ExactPlaces)),
			Result: l.Money(calc.M(monthly)), Rounding: l.T("to the øre, half up"), Ref: b.Ref,
		})
		day := calc.DayExact(factor, g, div, ratio)
		step := explainStep{Figure: l.T("day rate") + ", " + label, Formula: base + " / " + l.Num(div) + l.equals(day), Ref: b.Ref, Source: gFrom}
		if r.Rounding == calc.RoundingNAV {
			step.Result, step.Rounding = l.Num(calc.DayNAV(factor, g, div, ratio)), string(calc.RoundingNAV)
		} else {
			step.Result, step.Rounding = l.Money(b.Daily), string(calc.RoundingExact)+": "+l.T("shown to the øre; amounts use the unrounded day rate")
		}
		steps = append(steps, step)
	}
	child := lastParam(r.Parameters, rules.KeyChildSupplement, r.Date)
	childValue := r.ChildSupplementDay.Decimal()
	if child != nil {
		if v, err := decimal.NewFromString(child.Value); err == nil {
			childValue = v
		}
	}
	steps = append(steps,
		explainStep{Figure: l.T("child supplement per child per day"), Formula: l.Num(childValue), Result: l.Money(r.ChildSupplementDay),
			Ref: r.ChildSupplementRef, Source: l.paramSource(l.T("rate"), child, true)},
		explainStep{Figure: l.T("child supplement per child per year"), Formula: l.Num(childValue) + " × " + l.Num(div),
			Result: l.Money(r.ChildSupplementYear), Ref: r.ChildSupplementRef},
	)
	return steps, nil
}

// calcExplain derives each figure of kvp calc: per segment the yearly
// amount, the day rate, the child supplement per day, the paid days, the
// amounts and each reduction; then each month's net and the total.
func calcExplain(l locale, res *calc.Result, c calc.Case) []explainStep {
	var steps []explainStep
	policyNote := func(exact, booked decimal.Decimal) (string, string) {
		if exact.Equal(booked) {
			return "", ""
		}
		return l.equals(exact), string(res.Rounding) + ": " + l.T("to the øre in the monthly payment")
	}
	for i := range res.Segments {
		s := &res.Segments[i]
		span := " " + l.span(s.From, s.To)
		ratio := rules.Ratio{Num: decimal.NewFromInt(1), Den: decimal.NewFromInt(1)}
		sources := []string{
			l.paramSource("G", findParam(res.Parameters, rules.KeyG, s.GFrom), true),
			l.paramSource(l.T("factor"), lastParam(res.Parameters, rules.KeyFactor, s.From), true),
		}
		if s.Under25 {
			ratio = s.Share
			sources = append(sources, l.paramSource(l.T("share"), lastParam(res.Parameters, rules.KeyUnder25Share, s.From), true))
		}
		g := s.G.Decimal()
		base := l.shareTerm(ratio) + l.Num(s.Factor) + " × " + l.Num(g)

		// The yearly amount, to the øre.
		yearly := calc.YearlyExact(s.Factor, g, ratio)
		eq, rounding := "", ""
		if !yearly.Equal(s.Yearly.Decimal()) {
			eq, rounding = l.equals(yearly), l.T("to the øre, half up")
		}
		steps = append(steps, explainStep{Figure: l.T("yearly amount") + span, Formula: base + eq, Result: l.Money(s.Yearly),
			Rounding: rounding, Ref: s.Ref, Source: strings.Join(sources, "; ")})

		// The day rate under the rounding policy.
		day := explainStep{Figure: l.T("day rate") + span, Ref: s.Ref,
			Source: "G " + l.T("from") + " " + l.Date(s.GFrom)}
		if res.Rounding == calc.RoundingNAV {
			day.Formula = base + " / " + l.Num(s.Divisor) + l.equals(s.DayRateExact())
			day.Result, day.Rounding = l.Num(s.DayRateUsed()), string(calc.RoundingNAV)
		} else {
			day.Formula = base + " / " + l.Num(s.Divisor)
			day.Result, day.Rounding = l.Num(s.DayRateUsed()), string(calc.RoundingExact)+": "+l.T("unrounded")
		}
		steps = append(steps, day)

		// The child supplement per day, for all children.
		childRate := s.ChildRateExact()
		childDay := childRate.Mul(decimal.NewFromInt(int64(s.Children)))
		steps = append(steps, explainStep{Figure: l.T("child supplement per day") + span,
			Formula: l.Num(childRate) + " × " + strconv.Itoa(s.Children) + " " + l.T("children"), Result: l.Money(calc.M(childDay)),
			Ref: calc.RefChildSupplement, Source: l.paramSource(l.T("rate"), lastParam(res.Parameters, rules.KeyChildSupplement, s.From), true)})

		// Paid days.
		steps = append(steps, explainStep{Figure: l.T("paid days") + span, Formula: l.T("Monday–Friday, public holidays included"),
			Result: strconv.Itoa(s.PaidDays), Ref: "sotjl. § 35; " + rules.RefHolidays})

		// The amounts: day rate × days, child supplement × days.
		days := decimal.NewFromInt(int64(s.PaidDays))
		stipend := s.DayRateUsed().Mul(days)
		eq, rounding = policyNote(stipend, s.Stipend.Decimal())
		steps = append(steps, explainStep{Figure: l.T("stipend") + span, Formula: l.Num(s.DayRateUsed()) + " × " + strconv.Itoa(s.PaidDays) + eq,
			Result: l.Money(s.Stipend), Rounding: rounding, Ref: s.Ref})
		child := childDay.Mul(days)
		if s.Children > 0 || !s.ChildSupplement.IsZero() {
			eq, rounding = policyNote(child, s.ChildSupplement.Decimal())
			steps = append(steps, explainStep{Figure: l.T("child supplement") + span,
				Formula: l.Num(childRate) + " × " + strconv.Itoa(s.Children) + " × " + strconv.Itoa(s.PaidDays) + eq,
				Result:  l.Money(s.ChildSupplement), Rounding: rounding, Ref: calc.RefChildSupplement})
		}
		steps = append(steps, reductionSteps(l, res, c, s, span, stipend, child)...)
	}

	// The months: the pieces of each segment in the month, less the reductions.
	var nets []string
	for _, m := range res.Months {
		first := rules.NewDate(m.Month.Year(), m.Month.Month(), 1)
		last := first.LastOfMonth()
		var terms []string
		exact := decimal.Zero
		for i := range res.Segments {
			s := &res.Segments[i]
			days := rules.Weekdays(max(s.From, first), min(s.To, last))
			if s.To < first || s.From > last || days == 0 {
				continue
			}
			terms = append(terms, l.Num(s.DayRateUsed())+" × "+strconv.Itoa(days))
			exact = exact.Add(s.DayRateUsed().Mul(decimal.NewFromInt(int64(days))))
			if s.Children > 0 {
				terms = append(terms, l.Num(s.ChildRateExact())+" × "+strconv.Itoa(s.Children)+" × "+strconv.Itoa(days))
				exact = exact.Add(s.ChildRateExact().Mul(decimal.NewFromInt(int64(s.Children * days))))
			}
		}
		formula := strings.Join(terms, " + ")
		if formula == "" {
			formula = "0"
		}
		for _, r := range []calc.Money{m.Interruption, m.Absence, m.Work, m.OtherBenefits} {
			if !r.IsZero() {
				formula += " " + l.minus() + " " + l.amt(-r)
				exact = exact.Add(r.Decimal())
			}
		}
		eq, rounding := policyNote(exact, m.Net.Decimal())
		if res.Rounding == calc.RoundingNAV && rounding != "" {
			rounding = string(calc.RoundingNAV) + ": " + l.T("reductions to the øre")
		}
		steps = append(steps, explainStep{
			Figure:  l.T("net") + " " + l.month(m.Month) + " (" + l.T("paid in") + " " + l.month(m.PaidIn) + ")",
			Formula: formula + eq, Result: l.Money(m.Net), Rounding: rounding, Ref: calc.RefPayment,
		})
		nets = append(nets, l.amt(m.Net))
	}
	if len(nets) == 0 {
		nets = []string{"0"}
	}
	steps = append(steps, explainStep{Figure: l.T("total"), Formula: strings.Join(nets, " + "), Result: l.Money(res.Total.Net)})
	return steps
}

// reductionSteps explains the reduction lines of a segment, each with its rule.
func reductionSteps(l locale, res *calc.Result, c calc.Case, s *calc.Segment, span string, stipend, child decimal.Decimal) []explainStep {
	var steps []explainStep
	rounded := func(exact decimal.Decimal, booked calc.Money) (string, string) {
		if exact.Neg().Equal(booked.Decimal()) {
			return "", ""
		}
		return l.equals(exact.Neg()), string(res.Rounding) + ": " + l.T("to the øre in the monthly payment")
	}
	if !s.Interruption.IsZero() {
		steps = append(steps, explainStep{Figure: l.T("interruption") + span,
			Formula: l.neg("(" + l.amt(s.Stipend) + " + " + l.amt(s.ChildSupplement) + ")"), Result: l.Money(s.Interruption),
			Ref: calc.RefInterruption})
	}
	rate := s.DayRateUsed()
	absent := decimal.Zero
	if !s.Absence.IsZero() {
		hours := c.AbsentHours(s.From, s.To)
		absent = rate.Mul(hours).DivRound(calc.HoursPerDay, calc.ExactPlaces)
		eq, rounding := rounded(absent, s.Absence)
		steps = append(steps, explainStep{Figure: l.T("absence deduction") + span,
			Formula: l.neg(l.Num(rate) + " × " + l.Num(hours) + " " + l.T("hours") + " / " + l.Num(calc.HoursPerDay) + eq),
			Result:  l.Money(s.Absence), Rounding: rounding, Ref: calc.RefAbsence})
	}
	if !s.Work.IsZero() {
		share := decimal.Min(decimal.NewFromInt(1), s.WorkHours.DivRound(calc.FullTimeHours, calc.ExactPlaces))
		base := stipend.Add(child).Sub(absent)
		terms := l.Num(stipend)
		if !child.IsZero() {
			terms += " + " + l.Num(child)
		}
		if !absent.IsZero() {
			terms += " " + l.minus() + " " + l.Num(absent)
		}
		ratio := l.Num(s.WorkHours) + " / " + l.Num(calc.FullTimeHours)
		if share.Equal(decimal.NewFromInt(1)) {
			ratio = "1"
		}
		eq, rounding := rounded(base.Mul(share), s.Work)
		steps = append(steps, explainStep{Figure: l.T("work deduction") + span,
			Formula: l.neg("(" + terms + ") × " + ratio + eq), Result: l.Money(s.Work), Rounding: rounding, Ref: calc.RefWork})
	}
	if !s.OtherBenefits.IsZero() {
		b := s.BenefitPerDayExact()
		full := b.Mul(decimal.NewFromInt(int64(s.PaidDays)))
		formula := l.neg(l.Num(b.Round(6)) + " × " + strconv.Itoa(s.PaidDays))
		if calc.M(full) != -s.OtherBenefits {
			formula = l.minus() + "Σ min(" + l.Num(b.Round(6)) + ", " + l.T("stipend left after §§ 36–37") + ") × " + strconv.Itoa(s.PaidDays)
		}
		steps = append(steps, explainStep{Figure: l.T("other benefits deduction") + span, Formula: formula,
			Result: l.Money(s.OtherBenefits), Ref: calc.RefBenefits + " (" + l.T("krone for krone") + ")"})
	}
	return steps
}

// value writes a parameter value ("130160", "2.041", "2/3") the way of l.
func (l locale) value(v string) string {
	if !l.nb {
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
	if !l.nb || len(s) != 7 {
		return s
	}
	return s[5:7] + "." + s[0:4]
}
