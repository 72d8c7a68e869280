package rules

import (
	"fmt"
	"strconv"
	"strings"
)

// The steps of EvaluatePeriodTraced, recorded where each figure is computed.
// Dates are inputs and results as ISO dates; a formula counts them as day
// numbers, so "{start} + {limit_days} + {not_counted_days} − 1" replays the
// latest end. Keys:
//
//	period.regime                      {regime_date} ≥ {amendment_2019}: 1 for the 2019 regime
//	period.limit_days[_extended]       {years_later} − {start}
//	period.leave, period.interruption  the days of one absence; one still running through the date assessed
//	period.not_counted_days.<window>   the days of leave and interruption in the window, merged, summed by run
//	period.latest_end[_extended]       {start} + {limit_days} + {not_counted_days} − 1
//	period.used_through                {date}, or min({date}, {last_decision_end})
//	period.used_days                   max(0, {used_through} − {start} + 1 − {not_counted_days})
//	period.remaining_days              max(0, {limit_days} − {used_days})
//	period.next_decision_due           the last day of the decision in force
//	period.interruption_end_by         {a_year_later} − 1 (§ 34)
//	period.start_deadline              {start} ≤ {deadline} (§ 31)

func day(d Date) string { return d.String() }

// traceRegime records the regime chosen and the date that chose it.
func traceRegime(t *Trace, r PeriodReport) {
	if !t.On() {
		return
	}
	result := "0"
	if r.Regime == Regime2019 {
		result = "1"
	}
	t.Add(Step{Key: "period.regime",
		Inputs: Inputs{{Name: "duration_regime", Value: r.DurationRegime}, {Name: "regime_date", Value: day(r.RegimeDate)},
			{Name: "amendment_2019", Value: day(Amendment2019)}, {Name: "regime", Value: r.Regime}},
		Formula: "{regime_date} ≥ {amendment_2019}", Result: result, Ref: r.RegimeRef})
}

// traceAbsence records the days of one leave or interruption (p as known on
// the evaluation date; one still running ends on it, and counts no day when
// it starts later).
func traceAbsence(t *Trace, kind string, p Period, open bool) {
	if !t.On() {
		return
	}
	s := Step{Key: "period." + kind, Inputs: Inputs{{Name: "from", Value: day(p.From)}, {Name: "to", Value: day(p.To)}},
		Formula: "{to} − {from} + 1", Result: strconv.Itoa(max(0, p.Days())), Unit: UnitDays, Ref: refPeriodLeave}
	if kind == KindInterruption {
		s.Ref = refPeriodInterruption
	}
	if open {
		s.Key += ".still_running"
		s.Inputs[1].Name = "counted_through"
		s.Formula = "max(0, {counted_through} − {from} + 1)"
		s.Ref = refPeriodStillRunning
	}
	if p.From <= p.To {
		span := p
		s.Span = &span
	}
	t.Add(s)
}

// traceNotCounted records the days of excluded in [start, through], run by
// run, and returns their number.
func traceNotCounted(t *Trace, key string, start, through Date, excluded spanSet) int {
	window := Period{From: start, To: through}
	n := 0
	var in Inputs
	var terms []string
	for _, run := range excluded {
		x, ok := run.Intersect(window)
		if !ok {
			continue
		}
		n += x.Days()
		k := strconv.Itoa(len(terms) + 1)
		in = append(in, Input{Name: "from_" + k, Value: day(x.From)}, Input{Name: "to_" + k, Value: day(x.To)})
		terms = append(terms, fmt.Sprintf("({to_%s} − {from_%s} + 1)", k, k))
	}
	if len(terms) > 0 {
		t.Add(Step{Key: "period.not_counted_days." + key, Span: &window, Inputs: in, Formula: strings.Join(terms, " + "),
			Result: strconv.Itoa(n), Unit: UnitDays, Ref: "sotjl. §§ 32, 34"})
	}
	return n
}

// traceEnd records the limit of years in counted days and the latest end it
// gives (suffix "" for the base limit, "_extended" with the extra year).
func traceEnd(t *Trace, suffix string, start Date, years, limitDays int, end Date, excluded spanSet, ref string) {
	if !t.On() {
		return
	}
	t.Add(Step{Key: "period.limit_days" + suffix,
		Inputs:  Inputs{{Name: "years", Value: strconv.Itoa(years)}, {Name: "years_later", Value: day(start.AddYears(years))}, {Name: "start", Value: day(start)}},
		Formula: "{years_later} − {start}", Result: strconv.Itoa(limitDays), Unit: UnitDays, Ref: ref})
	n := traceNotCounted(t, "latest_end"+suffix, start, end, excluded)
	t.Add(Step{Key: "period.latest_end" + suffix,
		Inputs:  Inputs{{Name: "start", Value: day(start)}, {Name: "limit_days", Value: strconv.Itoa(limitDays)}, {Name: "not_counted_days", Value: strconv.Itoa(n)}},
		Formula: "{start} + {limit_days} + {not_counted_days} − 1", Result: day(end), Unit: UnitDate, Ref: ref})
}

// traceUsed records the last day counted, the used days and the remaining days.
func traceUsed(t *Trace, f ProgrammeFacts, r PeriodReport, lastDecision *Date, excluded spanSet) {
	if !t.On() {
		return
	}
	through := Step{Key: "period.used_through", Inputs: Inputs{{Name: "date", Value: day(f.EvalDate)}},
		Formula: "{date}", Result: day(r.UsedThrough), Unit: UnitDate, Ref: r.RegimeRef}
	if lastDecision != nil {
		through.Inputs = append(through.Inputs, Input{Name: "last_decision_end", Value: day(*lastDecision)})
		through.Formula = "min({date}, {last_decision_end})"
	}
	t.Add(through)
	n := 0
	if r.UsedThrough >= f.Start {
		n = traceNotCounted(t, "used", f.Start, r.UsedThrough, excluded)
	}
	t.Add(Step{Key: "period.used_days",
		Inputs: Inputs{{Name: "start", Value: day(f.Start)}, {Name: "used_through", Value: day(r.UsedThrough)},
			{Name: "not_counted_days", Value: strconv.Itoa(n)}},
		Formula: "max(0, {used_through} − {start} + 1 − {not_counted_days})", Result: strconv.Itoa(r.UsedDays), Unit: UnitDays, Ref: r.RegimeRef})
	t.Add(Step{Key: "period.remaining_days",
		Inputs:  Inputs{{Name: "limit_days", Value: strconv.Itoa(r.LimitDays)}, {Name: "used_days", Value: strconv.Itoa(r.UsedDays)}},
		Formula: "max(0, {limit_days} − {used_days})", Result: strconv.Itoa(r.RemainingDays), Unit: UnitDays, Ref: r.RegimeRef})
}

// traceEndBy records § 34's end-by date of a run of interruption (one still
// running shown through the evaluation date).
func traceEndBy(t *Trace, run Period, open bool, on, endBy Date) {
	if !t.On() {
		return
	}
	span := run
	if open {
		span.To = on
	}
	still := "no"
	if open {
		still = "yes"
	}
	t.Add(Step{Key: "period.interruption_end_by", Span: &span,
		Inputs: Inputs{{Name: "interrupted_since", Value: day(run.From)}, {Name: "a_year_later", Value: day(run.From.AddYears(periodInterruptionLimitYears))},
			{Name: "still_running", Value: still}},
		Formula: "{a_year_later} − 1", Result: day(endBy), Unit: UnitDate, Ref: refPeriodInterrupted})
}

// traceStartDeadline records § 31: the deadline six months after the
// application (the span) and whether the start meets it.
func traceStartDeadline(t *Trace, start, app, deadline Date, met bool) {
	if !t.On() {
		return
	}
	result := NotMet
	if met {
		result = Met
	}
	t.Add(Step{Key: "period.start_deadline", Span: &Period{From: app, To: deadline},
		Inputs:  Inputs{{Name: "application_date", Value: day(app)}, {Name: "start", Value: day(start)}, {Name: "deadline", Value: day(deadline)}},
		Formula: "{start} ≤ {deadline}", Result: string(result), Unit: UnitOutcome, Ref: refPeriodStart})
}
