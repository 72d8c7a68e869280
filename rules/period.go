package rules

import (
	"errors"
	"fmt"
	"slices"
)

// This file holds the programme's time limits (sotjl. §§ 31, 32, 34,
// KVP-forskriften § 2) as pure functions of the facts of one programme. The
// evaluation date is an input: nothing here reads a clock.
//
// Conventions, each one tested in period_test.go:
//
//   - Counting. N years from a start S end on S.AddYears(N) − 1 day: two
//     years from 2026-01-05 end on 2028-01-04, and two years from 2024-02-29
//     end on 2026-02-28 (AddYears gives 2026-03-01). The limit in counted
//     days is S.AddYears(N) − S, so a limit that spans a 29 February has one
//     day more.
//   - Leave and interruption. A day of approved leave (permisjon) or of
//     interruption (avbrudd) inside the programme is not counted, and pushes
//     the latest end out by one calendar day. The end is found by walking
//     forward over counted days, so leave that a push brings inside the
//     window pushes the end out again. A day that is both leave and
//     interruption is one day. Before 2019 the same rule is applied
//     (CONVENTION: the rules reference states it for the 2019 regime only).
//   - Ongoing interruption. An interruption that covers the evaluation date
//     (From ≤ EvalDate ≤ To; an open end is entered as any To ≥ EvalDate) is
//     ongoing. For the limit only its days up to and including the
//     evaluation date are known and counted as interruption; the latest end
//     assumes the programme resumes the next day, and moves one day later for
//     every further day of interruption.
//   - Regime. The start date decides it, against Amendment2019. A
//     programme that starts before 2019-01-01 has one year, extendable by
//     one: two years in total, with no further extension. From 2019-01-01: at most two years, and up to one
//     more year for special reasons (§ 32) when Extended is set.
//   - Used days are the counted days from the start up to and including the
//     evaluation date, or up to the end of the last decision when decisions
//     are registered and all of them have ended before the evaluation date
//     (the programme is not running after its last vedtak). Remaining days are
//     the limit in counted days minus the used days, never below zero.
//   - Decisions. A vedtak covers at most one year: From.AddYears(1) − 1 day
//     is the last day it may cover; a longer one is a warning. The next
//     decision is due on the last day of the decision in force on the
//     evaluation date: by then the municipality must have decided to extend
//     or to end, so that the new decision takes effect the day after.
//     When decisions are registered but none covers the evaluation date,
//     while the programme has started and before the last decision ends (a
//     gap between decisions, or before the first), that is a warning: the
//     programme runs without a vedtak in force. After the last decision
//     there is no warning: the programme is taken to be over (see Used days).
//   - Interruption for one year (§ 34). A run of interruption (overlapping or
//     back-to-back interruptions are one run) that starts on F has lasted one
//     year on F.AddYears(1) − 1 day; that is the date by which the programme
//     must be ended (InterruptionEndBy). It may not be ended earlier on the
//     ground of absence for ordinary work, birth or adoption.
//   - Start deadline (§ 31): StartDeadline, shared with the eligibility
//     rules. Six months after the application date, on the same day of the
//     month; when that month has no such day, its last day (domstolloven
//     § 148 second paragraph): 2025-08-31 gives 2026-02-28. A start on the
//     deadline itself meets it.

// Regimes of the programme's length, chosen by the start date.
const (
	RegimePre2019 = "pre-2019"
	Regime2019    = "2019"
)

// Kinds of timeline entries.
const (
	KindProgramme    = "programme"
	KindLeave        = "leave"
	KindInterruption = "interruption"
	KindDecision     = "decision"
)

// Warning codes of the period evaluation.
const (
	WarnOverlap                = "overlap"
	WarnOutsideProgramme       = "outside_programme"
	WarnDecisionTooLong        = "decision_too_long"
	WarnDecisionPastLimit      = "decision_past_limit"
	WarnPastLimit              = "past_limit"
	WarnInterruptionLimit      = "interruption_limit"
	WarnStartDeadlineMissed    = "start_deadline_missed"
	WarnStartBeforeApplication = "start_before_application"
	WarnNoDecisionInForce      = "no_decision_in_force"
)

// The figures of sotjl. §§ 32, 34 and KVP-forskriften § 2.
const (
	periodBaseYears              = 2 // § 32, from 2019
	periodExtraYears2019         = 1 // § 32, special reasons
	periodBaseYearsPre2019       = 1 // § 32 before 2019: one year ...
	periodExtraYearsPre2019      = 1 // ... extendable by one
	periodDecisionMaxYears       = 1 // forskrift § 2
	periodInterruptionLimitYears = 1 // § 34
)

// Legal references carried by the report. Output puts a reference in
// parentheses after a message, so a reference never ends in a parenthesis:
// that would read "…(2018–2019)))".
const (
	refPeriodPre2019      = "sotjl. § 32 as in force before 2019-01-01, when Prop. 12 L (2018–2019) changed it"
	refPeriod2019         = "sotjl. § 32"
	refPeriodExtraYear    = "sotjl. § 32 (extension for special reasons)"
	refPeriodLeave        = "sotjl. § 32 (permisjon is not counted)"
	refPeriodInterruption = "sotjl. §§ 32, 34, 35 (avbrudd is not counted and gives no stipend)"
	refPeriodDecision     = "KVP-forskriften § 2"
	refPeriodInterrupted  = "sotjl. § 34"
	refPeriodStart        = "sotjl. § 31"
)

// ProgrammeFacts are the dates of one programme, as a caseworker registers them.
type ProgrammeFacts struct {
	Start           Date     `json:"start"`
	ApplicationDate *Date    `json:"application_date,omitempty"`
	Decisions       []Period `json:"decisions"`     // vedtak periods already made
	Leave           []Period `json:"leave"`         // approved permisjon
	Interruptions   []Period `json:"interruptions"` // avbrudd; an ongoing one has To ≥ EvalDate
	Extended        bool     `json:"extended"`      // extension for special reasons granted (§ 32)
	EvalDate        Date     `json:"eval_date"`
}

// PeriodFactError is a programme fact that cannot be used. Field names it as
// the input does, with a 0-based index: "decisions[1]".
type PeriodFactError struct {
	Field   string
	Problem string
}

func (e *PeriodFactError) Error() string { return e.Field + ": " + e.Problem }

// Validate rejects facts no evaluation can stand on: a date outside
// MinYear–MaxYear, a period that ends before it starts, and decisions that
// overlap (two vedtak cannot both be in force). Leave before the start and the
// like are warnings of EvaluatePeriod, not errors. All problems are joined.
func (f ProgrammeFacts) Validate() error {
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, &PeriodFactError{Field: field, Problem: fmt.Sprintf(format, args...)})
	}
	checkYear := func(field string, d Date) bool {
		if y := d.Year(); y < MinYear || y > MaxYear {
			bad(field, "%s: year %d is outside %d–%d", d, y, MinYear, MaxYear)
			return false
		}
		return true
	}
	checkYear("start", f.Start)
	checkYear("eval_date", f.EvalDate)
	if f.ApplicationDate != nil {
		checkYear("application_date", *f.ApplicationDate)
	}
	for _, list := range []struct {
		name string
		ps   []Period
	}{{"decisions", f.Decisions}, {"leave", f.Leave}, {"interruptions", f.Interruptions}} {
		for i, p := range list.ps {
			field := fmt.Sprintf("%s[%d]", list.name, i)
			if !checkYear(field, p.From) || !checkYear(field, p.To) {
				continue
			}
			if p.To < p.From {
				bad(field, "%s ends before it starts", p)
			}
		}
	}
	for j, q := range f.Decisions {
		for i, p := range f.Decisions[:j] {
			if p.From <= p.To && q.From <= q.To && p.Overlaps(q) {
				bad(fmt.Sprintf("decisions[%d]", j), "%s overlaps decisions[%d] %s: only one vedtak can be in force on a day", q, i, p)
			}
		}
	}
	return errors.Join(errs...)
}

// PeriodLine is one line of the report's summary, with its legal reference.
type PeriodLine struct {
	Label string `json:"label"`
	Value string `json:"value"`
	Date  *Date  `json:"date,omitempty"`
	Days  *int   `json:"days,omitempty"`
	Ref   string `json:"legal_reference"`
	// ValueNB is Value in Norwegian bokmål (dates 04.01.2028); not in JSON.
	ValueNB string `json:"-"`
}

// TimelineEntry is a stretch of the programme (programme, leave or
// interruption days; together they cover the programme without gaps) or a
// decision laid over it. CountedDays are the days in Period that count toward
// the limit; RunningTotal the counted days from the start through Period.To.
type TimelineEntry struct {
	Period       Period `json:"period"`
	Kind         string `json:"kind"`
	CountedDays  int    `json:"counted_days"`
	RunningTotal int    `json:"running_total"`
	// Ongoing marks an interruption cut at the evaluation date: its end is not known.
	Ongoing bool   `json:"ongoing,omitempty"`
	Ref     string `json:"legal_reference"`
}

// Warning is something a caseworker should look at; it does not stop the evaluation.
type Warning struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Ref     string `json:"legal_reference"`
	// MessageNB is Message in Norwegian bokmål (dates 04.01.2028); not in JSON.
	MessageNB string `json:"-"`
}

// PeriodReport is the programme's time limits on the evaluation date.
type PeriodReport struct {
	Regime         string `json:"regime"`
	RegimeRef      string `json:"regime_legal_reference"`
	BaseLimitYears int    `json:"base_limit_years"`
	ExtraYears     int    `json:"extra_years"`
	// LimitDays is the limit in counted days: base years, plus the extra year when Extended (2019 regime).
	LimitDays int `json:"limit_days"`
	// UsedThrough is the last day counted in UsedDays (before Start when nothing is used yet).
	UsedThrough       Date  `json:"used_through"`
	UsedDays          int   `json:"used_days"`
	RemainingDays     int   `json:"remaining_days"`
	LatestEnd         Date  `json:"latest_end"`
	LatestEndExtended *Date `json:"latest_end_extended,omitempty"`
	// LimitEnd is the last day the programme may run under the limit that
	// applies: LatestEndExtended when Extended (2019 regime), else LatestEnd.
	LimitEnd          Date            `json:"limit_end"`
	CurrentDecision   *Period         `json:"current_decision,omitempty"`
	NextDecisionDue   *Date           `json:"next_decision_due,omitempty"`
	InterruptionEndBy *Date           `json:"interruption_end_by,omitempty"`
	StartDeadline     *Date           `json:"start_deadline,omitempty"`
	StartDeadlineMet  *bool           `json:"start_deadline_met,omitempty"`
	Timeline          []TimelineEntry `json:"timeline"`
	Warnings          []Warning       `json:"warnings"`
}

// EvaluatePeriod computes the programme's time limits from f on f.EvalDate.
// It returns Validate's error for facts it cannot use.
func EvaluatePeriod(f ProgrammeFacts) (PeriodReport, error) {
	if err := f.Validate(); err != nil {
		return PeriodReport{}, err
	}
	r := PeriodReport{BaseLimitYears: periodBaseYears, Timeline: []TimelineEntry{}, Warnings: []Warning{}}
	warn := func(code, ref, en, nb string) {
		r.Warnings = append(r.Warnings, Warning{Code: code, Message: en, Ref: ref, MessageNB: nb})
	}

	pre2019 := f.Start < Amendment2019
	if pre2019 {
		r.Regime, r.RegimeRef = RegimePre2019, refPeriodPre2019
		r.BaseLimitYears, r.ExtraYears = periodBaseYearsPre2019, periodExtraYearsPre2019
	} else {
		r.Regime, r.RegimeRef, r.ExtraYears = Regime2019, refPeriod2019, periodExtraYears2019
	}

	// Days that do not count: leave, and interruptions with an ongoing one cut at EvalDate.
	effInterruptions := make([]Period, len(f.Interruptions))
	ongoing := make([]bool, len(f.Interruptions))
	for i, p := range f.Interruptions {
		if p.Contains(f.EvalDate) {
			p.To, ongoing[i] = f.EvalDate, true
		}
		effInterruptions[i] = p
	}
	interrupted := newSpanSet(effInterruptions)
	leave := newSpanSet(f.Leave)
	excluded := newSpanSet(f.Leave, effInterruptions)

	// Before 2019 one year, extendable by one; from 2019 two years, and up
	// to one more for special reasons. Extended chooses the longer limit.
	baseDays := int(f.Start.AddYears(r.BaseLimitYears) - f.Start)
	r.LatestEnd = countedEnd(f.Start, baseDays, excluded)
	r.LimitDays = baseDays
	limitEnd := r.LatestEnd
	extDays := int(f.Start.AddYears(r.BaseLimitYears+r.ExtraYears) - f.Start)
	ext := countedEnd(f.Start, extDays, excluded)
	r.LatestEndExtended = &ext
	if f.Extended {
		r.LimitDays, limitEnd = extDays, ext
	}

	// Used and remaining days.
	r.UsedThrough = f.EvalDate
	if len(f.Decisions) > 0 {
		last := f.Decisions[0].To
		for _, d := range f.Decisions[1:] {
			last = max(last, d.To)
		}
		r.UsedThrough = min(r.UsedThrough, last)
	}
	r.UsedDays = countedIn(f.Start, r.UsedThrough, excluded)
	r.RemainingDays = max(0, r.LimitDays-r.UsedDays)
	if r.UsedThrough > limitEnd {
		hint, hintNB := "", ""
		if !f.Extended {
			hint = fmt.Sprintf("; with the extra year for special reasons it would run until %s", *r.LatestEndExtended)
			hintNB = fmt.Sprintf("; med det ekstra året av særlige grunner kunne det vart til og med %s", dateNB(*r.LatestEndExtended))
		}
		warn(WarnPastLimit, r.RegimeRef,
			fmt.Sprintf("%d days counted through %s, more than the limit of %d: the programme should have ended on %s%s",
				r.UsedDays, r.UsedThrough, r.LimitDays, limitEnd, hint),
			fmt.Sprintf("%d dager telt til og med %s, mer enn grensen på %d: programmet skulle ha sluttet %s%s",
				r.UsedDays, dateNB(r.UsedThrough), r.LimitDays, dateNB(limitEnd), hintNB))
	}

	// Decisions (vedtak).
	for i, d := range f.Decisions {
		if last := d.From.AddYears(periodDecisionMaxYears).AddDays(-1); d.To > last {
			warn(WarnDecisionTooLong, refPeriodDecision,
				fmt.Sprintf("decisions[%d] %s covers %d days: a vedtak covers at most one year, here until %s", i, d, d.Days(), last),
				fmt.Sprintf("decisions[%d] %s dekker %d dager: et vedtak dekker høyst ett år, her til og med %s", i, periodNB(d), d.Days(), dateNB(last)))
		}
		if d.From < f.Start {
			warn(WarnOutsideProgramme, refPeriodDecision,
				fmt.Sprintf("decisions[%d] %s starts before the programme starts on %s", i, d, f.Start),
				fmt.Sprintf("decisions[%d] %s starter før programmet starter %s", i, periodNB(d), dateNB(f.Start)))
		}
		if d.To > limitEnd {
			warn(WarnDecisionPastLimit, r.RegimeRef,
				fmt.Sprintf("decisions[%d] %s runs past the programme's latest end %s", i, d, limitEnd),
				fmt.Sprintf("decisions[%d] %s varer ut over programmets seneste slutt %s", i, periodNB(d), dateNB(limitEnd)))
		}
		if d.Contains(f.EvalDate) {
			cur := d
			due := d.To
			r.CurrentDecision, r.NextDecisionDue = &cur, &due
		}
	}
	if msg, msgNB := noDecisionInForce(f); msg != "" {
		warn(WarnNoDecisionInForce, refPeriodDecision, msg, msgNB)
	}

	// Leave and interruptions: overlaps and days outside the programme.
	type named struct {
		field string
		p     Period
	}
	var absences []named
	for i, p := range f.Leave {
		absences = append(absences, named{fmt.Sprintf("leave[%d]", i), p})
	}
	for i, p := range f.Interruptions {
		absences = append(absences, named{fmt.Sprintf("interruptions[%d]", i), p})
	}
	for j, b := range absences {
		for _, a := range absences[:j] {
			if a.p.Overlaps(b.p) {
				warn(WarnOverlap, r.RegimeRef,
					fmt.Sprintf("%s %s overlaps %s %s: the shared days are not counted twice", b.field, b.p, a.field, a.p),
					fmt.Sprintf("%s %s overlapper %s %s: dagene de har felles, telles ikke to ganger", b.field, periodNB(b.p), a.field, periodNB(a.p)))
			}
		}
		switch {
		case b.p.From < f.Start:
			warn(WarnOutsideProgramme, r.RegimeRef,
				fmt.Sprintf("%s %s starts before the programme starts on %s: only days from the start are left out of the count", b.field, b.p, f.Start),
				fmt.Sprintf("%s %s starter før programmet starter %s: bare dager fra starten holdes utenfor tellingen", b.field, periodNB(b.p), dateNB(f.Start)))
		case b.p.From > limitEnd:
			warn(WarnOutsideProgramme, r.RegimeRef,
				fmt.Sprintf("%s %s starts after the programme's latest end %s", b.field, b.p, limitEnd),
				fmt.Sprintf("%s %s starter etter programmets seneste slutt %s", b.field, periodNB(b.p), dateNB(limitEnd)))
		}
	}

	// Interruption for one year (§ 34).
	for _, run := range newSpanSet(f.Interruptions) {
		endBy := run.From.AddYears(periodInterruptionLimitYears).AddDays(-1)
		known := run.To
		if run.Contains(f.EvalDate) {
			known = f.EvalDate
			e := endBy
			r.InterruptionEndBy = &e
		}
		switch {
		case known >= endBy && run.Contains(f.EvalDate):
			warn(WarnInterruptionLimit, refPeriodInterrupted,
				fmt.Sprintf("the programme has been interrupted since %s, for one year on %s: it must be ended", run.From, endBy),
				fmt.Sprintf("programmet har vært avbrutt siden %s, i ett år %s: det må avsluttes", dateNB(run.From), dateNB(endBy)))
		case known >= endBy:
			warn(WarnInterruptionLimit, refPeriodInterrupted,
				fmt.Sprintf("the programme was interrupted %s, for one year on %s: it should have been ended then", run, endBy),
				fmt.Sprintf("programmet var avbrutt %s, i ett år %s: det skulle ha vært avsluttet da", periodNB(run), dateNB(endBy)))
		}
	}

	// Start deadline (§ 31).
	if f.ApplicationDate != nil {
		app := *f.ApplicationDate
		deadline := StartDeadline(app)
		met := f.Start <= deadline
		r.StartDeadline, r.StartDeadlineMet = &deadline, &met
		if !met {
			warn(WarnStartDeadlineMissed, refPeriodStart,
				fmt.Sprintf("the programme started %s, %s after the deadline %s (six months after the application of %s)",
					f.Start, nDays(int(f.Start-deadline)), deadline, app),
				fmt.Sprintf("programmet startet %s, %s etter fristen %s (seks måneder etter søknaden %s)",
					dateNB(f.Start), nDaysNB(int(f.Start-deadline)), dateNB(deadline), dateNB(app)))
		}
		if f.Start < app {
			warn(WarnStartBeforeApplication, refPeriodStart,
				fmt.Sprintf("the programme starts %s, before the application date %s", f.Start, app),
				fmt.Sprintf("programmet starter %s, før søknadsdatoen %s", dateNB(f.Start), dateNB(app)))
		}
	}

	r.LimitEnd = limitEnd
	r.Timeline = buildTimeline(f, r, limitEnd, interrupted, leave, excluded, effInterruptions, ongoing)
	return r, nil
}

// nDays says "n days", or "1 day".
func nDays(n int) string {
	if n == 1 || n == -1 {
		return fmt.Sprintf("%d day", n)
	}
	return fmt.Sprintf("%d days", n)
}

// nDaysNB says "n dager", or "1 dag".
func nDaysNB(n int) string {
	if n == 1 || n == -1 {
		return fmt.Sprintf("%d dag", n)
	}
	return fmt.Sprintf("%d dager", n)
}

// noDecisionInForce says why no decision covers the evaluation date when
// decisions are registered, the programme has started and the date is not
// after the last decision, in English and in Norwegian; "" when a decision
// is in force or none of that holds.
func noDecisionInForce(f ProgrammeFacts) (en, nb string) {
	on := f.EvalDate
	if len(f.Decisions) == 0 || on < f.Start {
		return "", ""
	}
	prev, next := -1, -1 // the decision that ended last before on, the one that starts first after it
	for i, d := range f.Decisions {
		switch {
		case d.Contains(on):
			return "", ""
		case d.To < on && (prev < 0 || d.To > f.Decisions[prev].To):
			prev = i
		case d.From > on && (next < 0 || d.From < f.Decisions[next].From):
			next = i
		}
	}
	switch {
	case next < 0:
		return "", "" // after the last decision: the programme is over
	case prev < 0:
		return fmt.Sprintf("no decision (vedtak) is in force on %s, before the first one: decisions[%d] %s starts %s later",
				on, next, f.Decisions[next], nDays(int(f.Decisions[next].From-on))),
			fmt.Sprintf("ingen vedtak gjelder %s, før det første: decisions[%d] %s starter %s senere",
				dateNB(on), next, periodNB(f.Decisions[next]), nDaysNB(int(f.Decisions[next].From-on)))
	}
	return fmt.Sprintf("no decision (vedtak) is in force on %s, in the gap between decisions[%d] %s and decisions[%d] %s",
			on, prev, f.Decisions[prev], next, f.Decisions[next]),
		fmt.Sprintf("ingen vedtak gjelder %s, i opphold mellom decisions[%d] %s og decisions[%d] %s",
			dateNB(on), prev, periodNB(f.Decisions[prev]), next, periodNB(f.Decisions[next]))
}

// buildTimeline cuts [Start, max(limit end, UsedThrough)] into programme,
// leave and interruption stretches, split also after the evaluation date and
// at the ends of the limits, and lays the decisions over it.
func buildTimeline(f ProgrammeFacts, r PeriodReport, limitEnd Date, interrupted, leave, excluded spanSet, effInterruptions []Period, ongoing []bool) []TimelineEntry {
	horizon := max(limitEnd, r.UsedThrough)
	cuts := []Date{f.Start, horizon + 1, f.EvalDate + 1, r.LatestEnd + 1, limitEnd + 1}
	for _, p := range slices.Concat(f.Leave, effInterruptions) {
		cuts = append(cuts, p.From, p.To+1)
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)

	out := []TimelineEntry{}
	for i := 0; i+1 < len(cuts); i++ {
		from, to := cuts[i], cuts[i+1]-1
		if from < f.Start || to > horizon {
			continue
		}
		e := TimelineEntry{Period: Period{From: from, To: to}}
		switch {
		case interrupted.contains(from):
			e.Kind, e.Ref = KindInterruption, refPeriodInterruption
			for j, p := range effInterruptions {
				if ongoing[j] && p.To == to {
					e.Ongoing = true
				}
			}
		case leave.contains(from):
			e.Kind, e.Ref = KindLeave, refPeriodLeave
		default:
			e.Kind, e.CountedDays = KindProgramme, e.Period.Days()
			switch {
			case from > limitEnd:
				e.Ref = r.RegimeRef + ": past the limit"
			case from > r.LatestEnd:
				e.Ref = refPeriodExtraYear
			default:
				e.Ref = r.RegimeRef
			}
		}
		e.RunningTotal = countedIn(f.Start, to, excluded)
		out = append(out, e)
	}
	for _, d := range f.Decisions {
		out = append(out, TimelineEntry{
			Period:       d,
			Kind:         KindDecision,
			CountedDays:  countedIn(max(d.From, f.Start), d.To, excluded),
			RunningTotal: countedIn(f.Start, d.To, excluded),
			Ref:          refPeriodDecision,
		})
	}
	slices.SortStableFunc(out, func(a, b TimelineEntry) int {
		if a.Period.From != b.Period.From {
			return int(a.Period.From) - int(b.Period.From)
		}
		if (a.Kind == KindDecision) != (b.Kind == KindDecision) {
			if a.Kind == KindDecision {
				return -1
			}
			return 1
		}
		return int(a.Period.To) - int(b.Period.To)
	})
	return out
}

// Lines returns the report's summary, one line per limit, for a table or
// --explain; each line's ValueNB is its value in Norwegian.
func (r PeriodReport) Lines() []PeriodLine {
	date := func(d Date) *Date { return &d }
	days := func(n int) *int { return &n }
	regime := "from 2019-01-01: at most 2 years, and up to 1 more year for special reasons"
	regimeNB := "fra 01.01.2019: høyst 2 år, og inntil 1 år til av særlige grunner"
	if r.Regime == RegimePre2019 {
		regime = "before 2019-01-01: 1 year, extendable by 1 (2 in total)"
		regimeNB = "før 01.01.2019: 1 år, kan forlenges med 1 (2 i alt)"
	}
	lines := []PeriodLine{
		{Label: "Regime", Value: regime, Ref: r.RegimeRef, ValueNB: regimeNB},
		{Label: "Limit", Value: fmt.Sprintf("%d counted days", r.LimitDays), Days: days(r.LimitDays), Ref: r.RegimeRef,
			ValueNB: fmt.Sprintf("%d tellende dager", r.LimitDays)},
		{Label: "Used", Value: fmt.Sprintf("%d days through %s", r.UsedDays, r.UsedThrough), Date: date(r.UsedThrough), Days: days(r.UsedDays), Ref: r.RegimeRef,
			ValueNB: fmt.Sprintf("%s til og med %s", nDaysNB(r.UsedDays), dateNB(r.UsedThrough))},
		{Label: "Remaining", Value: fmt.Sprintf("%d days", r.RemainingDays), Days: days(r.RemainingDays), Ref: r.RegimeRef,
			ValueNB: nDaysNB(r.RemainingDays)},
		{Label: "Latest end", Value: r.LatestEnd.String(), Date: date(r.LatestEnd), Ref: r.RegimeRef, ValueNB: dateNB(r.LatestEnd)},
	}
	if r.LatestEndExtended != nil {
		lines = append(lines, PeriodLine{Label: "Latest end with the extra year", Value: r.LatestEndExtended.String(), Date: date(*r.LatestEndExtended), Ref: refPeriodExtraYear,
			ValueNB: dateNB(*r.LatestEndExtended)})
	}
	if r.CurrentDecision != nil {
		lines = append(lines, PeriodLine{Label: "Decision in force", Value: r.CurrentDecision.String(), Date: date(r.CurrentDecision.To), Ref: refPeriodDecision,
			ValueNB: periodNB(*r.CurrentDecision)})
	}
	if r.NextDecisionDue != nil {
		lines = append(lines, PeriodLine{Label: "Next decision due", Value: r.NextDecisionDue.String(), Date: date(*r.NextDecisionDue), Ref: refPeriodDecision,
			ValueNB: dateNB(*r.NextDecisionDue)})
	}
	if r.InterruptionEndBy != nil {
		lines = append(lines, PeriodLine{Label: "Interrupted: end the programme by", Value: r.InterruptionEndBy.String(), Date: date(*r.InterruptionEndBy), Ref: refPeriodInterrupted,
			ValueNB: dateNB(*r.InterruptionEndBy)})
	}
	if r.StartDeadline != nil {
		v, vNB := r.StartDeadline.String(), dateNB(*r.StartDeadline)
		if r.StartDeadlineMet != nil {
			v += map[bool]string{true: " (met)", false: " (missed)"}[*r.StartDeadlineMet]
			vNB += map[bool]string{true: " (overholdt)", false: " (oversittet)"}[*r.StartDeadlineMet]
		}
		lines = append(lines, PeriodLine{Label: "Start deadline", Value: v, Date: date(*r.StartDeadline), Ref: refPeriodStart, ValueNB: vNB})
	}
	return lines
}

// InterruptedDays is the set of days on which the programme is interrupted
// (avbrudd, § 34). No stipend is paid on them (§ 35), so the stipend
// calculation asks it day by day. An ongoing interruption covers every day up
// to its registered To.
type InterruptedDays struct{ spans spanSet }

// NewInterruptedDays returns the days covered by any of interruptions;
// overlaps count once, and a period that ends before it starts covers nothing.
func NewInterruptedDays(interruptions []Period) InterruptedDays {
	return InterruptedDays{spans: newSpanSet(interruptions)}
}

// InterruptedDays returns the days on which f's programme is interrupted.
func (f ProgrammeFacts) InterruptedDays() InterruptedDays { return NewInterruptedDays(f.Interruptions) }

// Contains reports whether d is inside any interruption.
func (s InterruptedDays) Contains(d Date) bool { return s.spans.contains(d) }

// Count returns how many days of p are interrupted.
func (s InterruptedDays) Count(p Period) int { return s.spans.count(p) }

// spanSet is a sorted list of disjoint, non-adjacent closed periods.
type spanSet []Period

// newSpanSet merges the periods of all lists; overlapping and back-to-back
// periods become one, empty ones (To < From) are dropped.
func newSpanSet(lists ...[]Period) spanSet {
	var all []Period
	for _, ps := range lists {
		for _, p := range ps {
			if p.From <= p.To {
				all = append(all, p)
			}
		}
	}
	slices.SortFunc(all, func(a, b Period) int { return int(a.From) - int(b.From) })
	var s spanSet
	for _, p := range all {
		if n := len(s); n > 0 && p.From <= s[n-1].To+1 {
			s[n-1].To = max(s[n-1].To, p.To)
			continue
		}
		s = append(s, p)
	}
	return s
}

func (s spanSet) contains(d Date) bool {
	i, _ := slices.BinarySearchFunc(s, d, func(p Period, d Date) int {
		if p.To < d {
			return -1
		}
		return 1
	})
	return i < len(s) && s[i].Contains(d)
}

func (s spanSet) count(p Period) int {
	n := 0
	for _, q := range s {
		if x, ok := q.Intersect(p); ok {
			n += x.Days()
		}
	}
	return n
}

// countedEnd returns the day on which need counted days from start are used
// up, skipping the days in excluded. Walking forward handles leave that a
// pushed-out end brings inside the window.
func countedEnd(start Date, need int, excluded spanSet) Date {
	cur := start
	for _, s := range excluded {
		if s.To < cur {
			continue
		}
		gap := int(max(s.From, cur) - cur)
		if gap >= need {
			break
		}
		need -= gap
		cur = s.To + 1
	}
	return cur.AddDays(need - 1)
}

// countedIn returns the days in [start, through] not in excluded.
func countedIn(start, through Date, excluded spanSet) int {
	if through < start {
		return 0
	}
	p := Period{From: start, To: through}
	return p.Days() - excluded.count(p)
}
