package main

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"kvp/calc"
	"kvp/rules"
)

// The --explain steps of kvp check, kvp period and kvp tax: each answer with
// the rule applied, the dates and facts it was decided on, its legal
// reference and where the rule or parameter comes from. Fixed texts go
// through locale.T (catalog nbRules); JSON always carries the English steps,
// so that the document is the same in both languages.

// rulesPeriod writes a period: "2026-01-05..2027-01-04", "05.01.2026–04.01.2027".
func rulesPeriod(l locale, p rules.Period) string {
	if !l.nb {
		return p.String()
	}
	return l.Date(p.From) + "–" + l.Date(p.To)
}

// rulesDays says "1 day", "2 days" ("1 dag", "2 dager").
func rulesDays(l locale, n int) string {
	if n == 1 || n == -1 {
		return fmt.Sprintf(l.T("%d day"), n)
	}
	return fmt.Sprintf(l.T("%d days"), n)
}

// compareDates writes "assessed 2026-11-24 ≥ 2019-01-01 (2019 amendment)":
// a labelled date against the date a rule changed.
func compareDates(l locale, a rules.Date, aLabel string, b rules.Date, bNote string) string {
	op := "≥"
	if a < b {
		op = "<"
	}
	return fmt.Sprintf("%s %s %s %s (%s)", l.T(aLabel), l.Date(a), op, l.Date(b), l.T(bNote))
}

// startDeadlineStep is § 31: the programme starts no later than six months
// after the application.
func startDeadlineStep(l locale, application, deadline rules.Date) explainStep {
	return explainStep{
		Figure:  l.T("start deadline"),
		Formula: fmt.Sprintf(l.T("application %s + %d months"), l.Date(application), rules.StartDeadlineMonths),
		Result:  l.Date(deadline),
		Ref:     rules.RefStartDeadline,
		Source:  l.T("the same day of the month, or the month's last day when it has none (domstolloven § 148)"),
	}
}

// periodExplain derives kvp period's answers in order: the regime, the limit
// in counted days, the days not counted, the latest end (and with the extra
// year), the used and remaining days, the next decision, the end of a long
// interruption and the § 31 start deadline.
func periodExplain(l locale, f rules.ProgrammeFacts, r rules.PeriodReport) []explainStep {
	ref := map[string]string{}
	value := map[string]string{}
	for _, line := range r.Lines() {
		ref[line.Label] = line.Ref
		value[line.Label] = line.Value
		if l.nb {
			value[line.Label] = line.ValueNB
		}
	}
	start := f.Start
	steps := []explainStep{{
		Figure:  l.T("regime"),
		Formula: compareDates(l, start, "start", rules.Amendment2019, "2019 amendment"),
		Result:  value["Regime"],
		Ref:     l.T(r.RegimeRef),
	}}

	years := r.BaseLimitYears
	limitRef := r.RegimeRef
	if r.LatestEndExtended != nil && f.Extended {
		years += r.ExtraYears
		limitRef = ref["Latest end with the extra year"]
	}
	steps = append(steps, explainStep{
		Figure:  l.T("limit"),
		Formula: fmt.Sprintf(l.T("%s − %s (%d years)"), l.Date(start.AddYears(years)), l.Date(start), years),
		Result:  fmt.Sprintf(l.T("%d counted days"), r.LimitDays),
		Ref:     l.T(limitRef),
		Source:  l.T("CONVENTION: N years from a start S end on S + N years − 1 day"),
	})

	var absent []string
	for _, p := range f.Leave {
		absent = append(absent, l.T("leave")+" "+rulesPeriod(l, p)+" ("+rulesDays(l, p.Days())+")")
	}
	for _, p := range f.Interruptions {
		s := l.T("interruption") + " " + rulesPeriod(l, p)
		if p.Contains(f.EvalDate) {
			known := rules.Period{From: p.From, To: f.EvalDate}
			s += " (" + fmt.Sprintf(l.T("ongoing: %s known through %s"), rulesDays(l, known.Days()), l.Date(f.EvalDate)) + ")"
		} else {
			s += " (" + rulesDays(l, p.Days()) + ")"
		}
		absent = append(absent, s)
	}
	if len(absent) > 0 {
		steps = append(steps, explainStep{
			Figure:  l.T("leave and interruption"),
			Formula: strings.Join(absent, ", "),
			Result:  l.T("not counted"),
			Ref:     "sotjl. §§ 32, 34",
			Source:  l.T("CONVENTION: each day of leave (permisjon) or interruption (avbrudd) inside the programme pushes the latest end out by one day; a day that is both counts once"),
		})
	}

	endStep := func(figure string, years int, end rules.Date, ref string) explainStep {
		plain := start.AddYears(years).AddDays(-1)
		formula := fmt.Sprintf(l.T("%s + %d years − 1 day = %s"), l.Date(start), years, l.Date(plain))
		if pushed := int(end - plain); pushed != 0 {
			formula += " + " + fmt.Sprintf(l.T("%s of leave and interruption"), rulesDays(l, pushed))
		}
		return explainStep{Figure: l.T(figure), Formula: formula, Result: l.Date(end), Ref: l.T(ref)}
	}
	steps = append(steps, endStep("latest end", r.BaseLimitYears, r.LatestEnd, r.RegimeRef))
	if r.LatestEndExtended != nil {
		steps = append(steps, endStep("latest end with the extra year", r.BaseLimitYears+r.ExtraYears, *r.LatestEndExtended,
			ref["Latest end with the extra year"]))
	}

	used := explainStep{Figure: l.T("used"), Result: rulesDays(l, r.UsedDays), Ref: l.T(r.RegimeRef)}
	if r.UsedThrough < start {
		used.Formula = fmt.Sprintf(l.T("evaluated %s, before the start %s"), l.Date(f.EvalDate), l.Date(start))
	} else {
		calendar := int(r.UsedThrough-start) + 1
		used.Formula = fmt.Sprintf(l.T("%s from %s through %s"), rulesDays(l, calendar), l.Date(start), l.Date(r.UsedThrough))
		if n := calendar - r.UsedDays; n > 0 {
			used.Formula += " − " + fmt.Sprintf(l.T("%s not counted"), rulesDays(l, n))
		}
		if r.UsedThrough < f.EvalDate {
			used.Formula += " (" + fmt.Sprintf(l.T("the last decision ended %s"), l.Date(r.UsedThrough)) + ")"
		}
	}
	steps = append(steps, used,
		explainStep{Figure: l.T("remaining"), Formula: fmt.Sprintf("max(0, %d − %d)", r.LimitDays, r.UsedDays),
			Result: rulesDays(l, r.RemainingDays), Ref: l.T(r.RegimeRef)})

	if r.NextDecisionDue != nil && r.CurrentDecision != nil {
		steps = append(steps, explainStep{
			Figure:  l.T("next decision due"),
			Formula: fmt.Sprintf(l.T("the last day of the decision in force %s"), rulesPeriod(l, *r.CurrentDecision)),
			Result:  l.Date(*r.NextDecisionDue),
			Ref:     ref["Next decision due"],
			Source:  l.T("a vedtak covers at most one year; by its last day the municipality decides to extend or to end"),
		})
	}
	if r.InterruptionEndBy != nil {
		from := interruptionRunFrom(f.Interruptions, f.EvalDate)
		steps = append(steps, explainStep{
			Figure:  l.T("interrupted: end the programme by"),
			Formula: fmt.Sprintf(l.T("interrupted since %s + 1 year − 1 day"), l.Date(from)),
			Result:  l.Date(*r.InterruptionEndBy),
			Ref:     ref["Interrupted: end the programme by"],
			Source:  l.T("it may not be ended earlier for absence due to ordinary work, birth or adoption"),
		})
	}
	if f.ApplicationDate != nil && r.StartDeadline != nil {
		s := startDeadlineStep(l, *f.ApplicationDate, *r.StartDeadline)
		if r.StartDeadlineMet != nil {
			op, word := "≤", l.T("deadline met")
			if !*r.StartDeadlineMet {
				op, word = ">", l.T("deadline missed")
			}
			s.Formula += "; " + fmt.Sprintf("%s %s %s %s", l.T("start"), l.Date(start), op, l.Date(*r.StartDeadline))
			s.Result += " (" + word + ")"
		}
		steps = append(steps, s)
	}
	return steps
}

// interruptionRunFrom is the first day of the run of back-to-back or
// overlapping interruptions that covers on (sotjl. § 34 counts the year
// from it); on itself when none does.
func interruptionRunFrom(ps []rules.Period, on rules.Date) rules.Date {
	sorted := slices.Clone(ps)
	slices.SortFunc(sorted, func(a, b rules.Period) int { return int(a.From) - int(b.From) })
	var run rules.Period
	started := false
	for _, p := range sorted {
		if p.To < p.From {
			continue
		}
		if started && p.From <= run.To+1 {
			run.To = max(run.To, p.To)
		} else {
			run, started = p, true
		}
		if run.Contains(on) {
			return run.From // later periods can only lengthen the run, not move its start
		}
	}
	return on
}

// taxRounding is the rounding of each tax line (calc.Tax: to øre, half up,
// where the line is computed).
var taxRounding = map[string]string{
	"personal_income":        "to the øre, half up",
	"trygdeavgift":           "to the øre, half up",
	"minstefradrag":          "to the øre, half up",
	"ordinary_income":        "to the øre, half up",
	"tax_on_ordinary_income": "to the øre, half up",
	"trinnskatt":             "the steps summed exactly, then to the øre, half up",
	"total_tax":              "none: a sum of rounded amounts",
	"net":                    "none: a difference of rounded amounts",
	"net_per_month":          "to the øre, half up",
	"pension_base":           "to the øre, half up",
	"pension_earning":        "to the øre, half up",
}

// taxTableLines are the lines whose parameters come from the year's tax table.
var taxTableLines = []string{"trygdeavgift", "minstefradrag", "finnmarksfradrag", "personfradrag", "tax_on_ordinary_income", "trinnskatt"}

// taxExplain derives each line of a tax computation: the formula with its
// values, the result, the rounding, the legal reference and the parameters
// with their source. source is the tax table's source for the year ("" to
// leave it out).
func taxExplain(l locale, b calc.TaxBreakdown, source string) []explainStep {
	steps := make([]explainStep, 0, len(b.Lines))
	for _, line := range b.Lines {
		s := explainStep{
			Figure:   taxLabel(l, line),
			Formula:  taxFormula(l, line.Formula),
			Result:   l.Money(calc.M(line.Amount)),
			Rounding: l.T(taxRounding[line.Key]),
			Ref:      l.T(line.Ref),
		}
		params := make([]string, 0, len(line.Params))
		for _, p := range line.Params {
			params = append(params, taxParam(l, p))
		}
		s.Source = strings.Join(params, "; ")
		var from string
		switch {
		case slices.Contains(taxTableLines, line.Key) && source != "":
			from = fmt.Sprintf(l.T("tax parameters %d: %s"), b.Year, source)
		case line.Key == "pension_base":
			from = fmt.Sprintf(l.T("average G %d from the G table"), b.Year)
		case line.Key == "pension_earning":
			from = l.T("fixed by law")
		}
		if from != "" {
			if s.Source != "" {
				s.Source += " "
			}
			s.Source += "(" + from + ")"
		}
		steps = append(steps, s)
	}
	return steps
}

// taxLabel is a tax line's label in the locale's language.
func taxLabel(l locale, line calc.TaxLine) string {
	if l.nb && line.LabelNB != "" {
		return line.LabelNB
	}
	return line.Label
}

// decimalPoint finds a decimal point between digits: "265 657.00".
var decimalPoint = regexp.MustCompile(`(\d)\.(\d)`)

// taxFormulaNB words the few English texts inside calc.Tax's formulas.
var taxFormulaNB = strings.NewReplacer(
	" (class 1)", " (klasse 1)",
	" (lower limit)", " (nedre grense)",
	" (step 1)", " (trinn 1)",
	"average G not given", "gjennomsnittlig G ikke oppgitt",
	"no steps", "ingen trinn",
)

// taxFormula writes a calc.Tax formula in the locale: in Norwegian with a
// decimal comma ("265 657,00") and Norwegian words.
func taxFormula(l locale, s string) string {
	if !l.nb {
		return s
	}
	return decimalPoint.ReplaceAllString(taxFormulaNB.Replace(s), "$1,$2")
}

// taxStepParam is a trinnskatt step parameter: "step 1 from 217 400 at 1.7 %".
var taxStepParam = regexp.MustCompile(`^step (\d+) from (.+) at (.+)$`)

// taxParamNB words calc.Tax's parameter names in Norwegian. At each
// position the first listed match wins, so the specific names come first.
var taxParamNB = strings.NewReplacer(
	"rate Finnmark and Nord-Troms ", "sats Finnmark og Nord-Troms ",
	"accrual rate ", "opptjeningssats ",
	"rate ", "sats ",
	"lower limit ", "nedre grense ",
	"phase-in ", "opptrapping ",
	"cap ", "tak ",
	"ceiling ", "tak ",
	" × average G", " × gjennomsnittlig G",
	"average G ", "gjennomsnittlig G ",
	"Finnmark and Nord-Troms step rates", "trinnsatser for Finnmark og Nord-Troms",
	"no Finnmark and Nord-Troms step reduction in ", "ingen redusert trinnskatt i Finnmark og Nord-Troms i ",
	"note: ", "merknad: ",
)

// taxParam writes a tax line's parameter in the locale.
func taxParam(l locale, p string) string {
	if !l.nb {
		return p
	}
	if m := taxStepParam.FindStringSubmatch(p); m != nil {
		p = "trinn " + m[1] + " fra " + m[2] + " med " + m[3]
	} else {
		p = taxParamNB.Replace(p)
	}
	return decimalPoint.ReplaceAllString(p, "$1,$2")
}
