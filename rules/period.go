package rules

import (
	"errors"
	"fmt"
	"slices"
	"strings"
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
//   - Registered interruption. An interruption registered with an end date
//     counts whole, whatever the evaluation date: before it, inside it or
//     after it, the latest end is the same.
//   - Interruption still running. An interruption with no end date yet
//     (written FROM..; To is nil) counts from its start through the
//     evaluation date, that day included: it is known to be running on the
//     day assessed. The latest end assumes the programme resumes the day
//     after, and moves one day later for every further day of
//     interruption. One that starts after the evaluation date counts no
//     day yet (a warning). Only one interruption can be still running.
//   - Regime (CONVENTION, duration regime: no transitional rule was found
//     for programmes running on 2019-01-01). DurationRegimeStart, the
//     default: the rules in force on the programme's start date decide.
//     DurationRegimeAssessed: the rules in force on the evaluation date.
//     Either date is held against Amendment2019. Before it: one year,
//     extendable by one (two years in total, with no further extension).
//     From it: at most two years, and up to one more year for special
//     reasons (§ 32) when Extended is set. Under both the years are counted
//     from the start.
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
//     must be ended (InterruptionEndBy): for a registered run that lasts
//     that long, and for a run still running on the evaluation date, should
//     it last until then. It may not be ended earlier on the ground of
//     absence for ordinary work, birth or adoption.
//   - Start deadline (§ 31): StartDeadline, shared with the eligibility
//     rules. Six months after the application date, on the same day of the
//     month; when that month has no such day, its last day (domstolloven
//     § 148 second paragraph): 2025-08-31 gives 2026-02-28. A start on the
//     deadline itself meets it.

// Regimes of the programme's length, chosen by the duration regime's date.
const (
	RegimePre2019 = "pre-2019"
	Regime2019    = "2019"
)

// Duration regimes: which date chooses the regime of the programme's length
// (CONVENTION: no transitional rule was found for programmes running on
// 2019-01-01).
const (
	DurationRegimeStart    = "start"    // the rules in force on the programme's start date (the default)
	DurationRegimeAssessed = "assessed" // the rules in force on the evaluation date
)

// DurationRegimes are the duration regimes, the default first.
var DurationRegimes = []string{DurationRegimeStart, DurationRegimeAssessed}

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
	WarnOpenNotStarted         = "open_interruption_not_started"
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
	refDurationRegime     = "sotjl. § 32; CONVENTION"
	refPeriodStillRunning = "sotjl. §§ 32, 34"
)

// ProgrammeFacts are the dates of one programme, as a caseworker registers
// them, and the duration regime to judge them by.
type ProgrammeFacts struct {
	Start           Date           `json:"start"`
	ApplicationDate *Date          `json:"application_date,omitempty"`
	Decisions       []Period       `json:"decisions"`     // vedtak periods already made
	Leave           []Period       `json:"leave"`         // approved permisjon
	Interruptions   []Interruption `json:"interruptions"` // avbrudd; one still running has no end date
	Extended        bool           `json:"extended"`      // extension for special reasons granted (§ 32)
	EvalDate        Date           `json:"eval_date"`
	// DurationRegime is DurationRegimeStart or DurationRegimeAssessed; "" is start.
	DurationRegime string `json:"duration_regime,omitempty"`
}

// Interruption is a registered interruption (avbrudd, sotjl. § 34): FROM..TO,
// or FROM.. while it is still running and has no end date (To is nil; in
// JSON "to": null).
type Interruption struct {
	From Date  `json:"from"`
	To   *Date `json:"to"`
}

// ClosedInterruption is the interruption of the days of p.
func ClosedInterruption(p Period) Interruption {
	to := p.To
	return Interruption{From: p.From, To: &to}
}

// Open reports whether i is still running: it has no end date.
func (i Interruption) Open() bool { return i.To == nil }

// Through returns the days of i known on d: a registered interruption whole,
// and one still running from its start through d, that day included (empty,
// To < From, when it starts after d).
func (i Interruption) Through(d Date) Period {
	if i.To != nil {
		return Period{From: i.From, To: *i.To}
	}
	return Period{From: i.From, To: d}
}

// String writes i as the command line takes it: "FROM..TO", or "FROM.." when still running.
func (i Interruption) String() string {
	if i.To == nil {
		return i.From.String() + ".."
	}
	return i.From.String() + ".." + i.To.String()
}

// nb writes i the Norwegian way: 01.06.2026–31.12.2026, or 01.06.2026– when still running.
func (i Interruption) nb() string {
	if i.To == nil {
		return dateNB(i.From) + "–"
	}
	return dateNB(i.From) + "–" + dateNB(*i.To)
}

// ParseInterruption reads "FROM..TO" as ParsePeriod does, or "FROM.." for an
// interruption still running.
func ParseInterruption(s string) (Interruption, error) {
	if from, ok := strings.CutSuffix(s, ".."); ok && !strings.Contains(from, "..") {
		d, err := ParseDate(from)
		if err != nil {
			return Interruption{}, err
		}
		return Interruption{From: d}, nil
	}
	if !strings.Contains(s, "..") {
		return Interruption{}, fmt.Errorf("%q is not a period: expected FROM..TO, or FROM.. for an interruption still running, e.g. 2026-06-01..2026-06-30 or 2026-06-01..", s)
	}
	p, err := ParsePeriod(s)
	if err != nil {
		return Interruption{}, err
	}
	return ClosedInterruption(p), nil
}

// OpenInterruption is the interruption still running on the evaluation date,
// as counted: from its start through the evaluation date.
type OpenInterruption struct {
	From           Date `json:"from"`
	CountedThrough Date `json:"counted_through"`
	Days           int  `json:"days"` // From..CountedThrough: the days of interruption known so far
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
// overlap (two vedtak cannot both be in force), two interruptions still
// running, and an unknown duration regime. Leave before the start and the
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
	switch f.DurationRegime {
	case "", DurationRegimeStart, DurationRegimeAssessed:
	default:
		bad("duration_regime", "%q is not one of %s", f.DurationRegime, strings.Join(DurationRegimes, ", "))
	}
	open := -1 // the interruption still running
	for i, in := range f.Interruptions {
		field := fmt.Sprintf("interruptions[%d]", i)
		switch {
		case !checkYear(field, in.From):
		case in.To == nil && open >= 0:
			bad(field, "%s has no end date, nor has interruptions[%d] %s: only one interruption can be still running", in, open, f.Interruptions[open])
		case in.To == nil:
			open = i
		case !checkYear(field, *in.To):
		case *in.To < in.From:
			bad(field, "%s ends before it starts", in)
		}
	}
	for _, list := range []struct {
		name string
		ps   []Period
	}{{"decisions", f.Decisions}, {"leave", f.Leave}} {
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
	// Ongoing marks the days of an interruption still running (no end date),
	// counted through the evaluation date.
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
	// DurationRegime is the CONVENTION that chose the regime (start or
	// assessed), RegimeDate the date it held against 2019-01-01.
	DurationRegime string `json:"duration_regime"`
	RegimeDate     Date   `json:"regime_date"`
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
	LimitEnd         Date              `json:"limit_end"`
	CurrentDecision  *Period           `json:"current_decision,omitempty"`
	NextDecisionDue  *Date             `json:"next_decision_due,omitempty"`
	OpenInterruption *OpenInterruption `json:"open_interruption,omitempty"`
	// InterruptedSince is the first day of the run of interruption that
	// sets InterruptionEndBy (§ 34).
	InterruptedSince  *Date           `json:"interrupted_since,omitempty"`
	InterruptionEndBy *Date           `json:"interruption_end_by,omitempty"`
	StartDeadline     *Date           `json:"start_deadline,omitempty"`
	StartDeadlineMet  *bool           `json:"start_deadline_met,omitempty"`
	Timeline          []TimelineEntry `json:"timeline"`
	Warnings          []Warning       `json:"warnings"`
}

// EvaluatePeriod computes the programme's time limits from f on f.EvalDate.
// It returns Validate's error for facts it cannot use.
func EvaluatePeriod(f ProgrammeFacts) (PeriodReport, error) {
	return EvaluatePeriodTraced(f, nil)
}

// EvaluatePeriodTraced is EvaluatePeriod, recording in t a step for each
// figure as it is computed (keys period.*; see period_trace.go). A nil t
// records nothing.
func EvaluatePeriodTraced(f ProgrammeFacts, t *Trace) (PeriodReport, error) {
	if err := f.Validate(); err != nil {
		return PeriodReport{}, err
	}
	r := PeriodReport{BaseLimitYears: periodBaseYears, Timeline: []TimelineEntry{}, Warnings: []Warning{}}
	warn := func(code, ref, en, nb string) {
		r.Warnings = append(r.Warnings, Warning{Code: code, Message: en, Ref: ref, MessageNB: nb})
	}

	r.DurationRegime, r.RegimeDate = DurationRegimeStart, f.Start
	if f.DurationRegime == DurationRegimeAssessed {
		r.DurationRegime, r.RegimeDate = DurationRegimeAssessed, f.EvalDate
	}
	if r.RegimeDate < Amendment2019 {
		r.Regime, r.RegimeRef = RegimePre2019, refPeriodPre2019
		r.BaseLimitYears, r.ExtraYears = periodBaseYearsPre2019, periodExtraYearsPre2019
	} else {
		r.Regime, r.RegimeRef, r.ExtraYears = Regime2019, refPeriod2019, periodExtraYears2019
	}
	traceRegime(t, r)

	// Days that do not count: leave, and every interruption; one still
	// running through EvalDate.
	known := make([]Period, len(f.Interruptions))
	for i, in := range f.Interruptions {
		known[i] = in.Through(f.EvalDate)
		traceAbsence(t, KindInterruption, known[i], in.Open())
		if !in.Open() {
			continue
		}
		if in.From <= f.EvalDate {
			r.OpenInterruption = &OpenInterruption{From: in.From, CountedThrough: f.EvalDate, Days: known[i].Days()}
			continue
		}
		warn(WarnOpenNotStarted, refPeriodInterrupted,
			fmt.Sprintf("interruptions[%d] %s has no end date and starts after the evaluation date %s: none of its days is counted", i, in, f.EvalDate),
			fmt.Sprintf("interruptions[%d] %s har ingen sluttdato og starter etter vurderingsdatoen %s: ingen av dagene telles", i, in.nb(), dateNB(f.EvalDate)))
	}
	interrupted := newSpanSet(known)
	leave := newSpanSet(f.Leave)
	excluded := newSpanSet(f.Leave, known)
	for _, p := range f.Leave {
		traceAbsence(t, KindLeave, p, false)
	}

	// Before 2019 one year, extendable by one; from 2019 two years, and up
	// to one more for special reasons. Extended chooses the longer limit.
	baseDays := int(f.Start.AddYears(r.BaseLimitYears) - f.Start)
	r.LatestEnd = countedEnd(f.Start, baseDays, excluded)
	r.LimitDays = baseDays
	limitEnd := r.LatestEnd
	extDays := int(f.Start.AddYears(r.BaseLimitYears+r.ExtraYears) - f.Start)
	ext := countedEnd(f.Start, extDays, excluded)
	r.LatestEndExtended = &ext
	traceEnd(t, "", f.Start, r.BaseLimitYears, baseDays, r.LatestEnd, excluded, r.RegimeRef)
	traceEnd(t, "_extended", f.Start, r.BaseLimitYears+r.ExtraYears, extDays, ext, excluded, refPeriodExtraYear)
	if f.Extended {
		r.LimitDays, limitEnd = extDays, ext
	}

	// Used and remaining days.
	r.UsedThrough = f.EvalDate
	var lastDecision *Date
	if len(f.Decisions) > 0 {
		last := f.Decisions[0].To
		for _, d := range f.Decisions[1:] {
			last = max(last, d.To)
		}
		r.UsedThrough = min(r.UsedThrough, last)
		lastDecision = &last
	}
	r.UsedDays = countedIn(f.Start, r.UsedThrough, excluded)
	r.RemainingDays = max(0, r.LimitDays-r.UsedDays)
	traceUsed(t, f, r, lastDecision, excluded)
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
			if t.On() {
				t.Add(Step{Key: "period.next_decision_due", Span: &cur,
					Inputs:  Inputs{{Name: "date", Value: f.EvalDate.String()}, {Name: "decision_from", Value: d.From.String()}, {Name: "decision_to", Value: d.To.String()}},
					Formula: "{decision_to}", Result: due.String(), Unit: UnitDate, Ref: refPeriodDecision})
			}
		}
	}
	if msg, msgNB := noDecisionInForce(f); msg != "" {
		warn(WarnNoDecisionInForce, refPeriodDecision, msg, msgNB)
	}

	// Leave and interruptions: overlaps and days outside the programme.
	// An interruption still running runs on, for overlaps and for § 34.
	spans := make([]Period, len(f.Interruptions))
	openFrom := Date(0)
	hasOpen := false
	for i, in := range f.Interruptions {
		spans[i] = in.Through(lastDate)
		if in.Open() {
			openFrom, hasOpen = in.From, true
		}
	}
	type named struct {
		field, text, textNB string
		p                   Period
	}
	var absences []named
	for i, p := range f.Leave {
		absences = append(absences, named{fmt.Sprintf("leave[%d]", i), p.String(), periodNB(p), p})
	}
	for i, in := range f.Interruptions {
		absences = append(absences, named{fmt.Sprintf("interruptions[%d]", i), in.String(), in.nb(), spans[i]})
	}
	for j, b := range absences {
		for _, a := range absences[:j] {
			if a.p.Overlaps(b.p) {
				warn(WarnOverlap, r.RegimeRef,
					fmt.Sprintf("%s %s overlaps %s %s: the shared days are not counted twice", b.field, b.text, a.field, a.text),
					fmt.Sprintf("%s %s overlapper %s %s: dagene de har felles, telles ikke to ganger", b.field, b.textNB, a.field, a.textNB))
			}
		}
		switch {
		case b.p.From < f.Start:
			warn(WarnOutsideProgramme, r.RegimeRef,
				fmt.Sprintf("%s %s starts before the programme starts on %s: only days from the start are left out of the count", b.field, b.text, f.Start),
				fmt.Sprintf("%s %s starter før programmet starter %s: bare dager fra starten holdes utenfor tellingen", b.field, b.textNB, dateNB(f.Start)))
		case b.p.From > limitEnd:
			warn(WarnOutsideProgramme, r.RegimeRef,
				fmt.Sprintf("%s %s starts after the programme's latest end %s", b.field, b.text, limitEnd),
				fmt.Sprintf("%s %s starter etter programmets seneste slutt %s", b.field, b.textNB, dateNB(limitEnd)))
		}
	}

	// Interruption for one year (§ 34): the first run that reaches a year,
	// registered or still running on EvalDate, sets the end-by date.
	for _, run := range newSpanSet(spans) {
		endBy := run.From.AddYears(periodInterruptionLimitYears).AddDays(-1)
		open := hasOpen && run.Contains(openFrom)
		switch {
		case open && run.From > f.EvalDate:
			continue // not started yet: warned above
		case open:
			if f.EvalDate >= endBy {
				warn(WarnInterruptionLimit, refPeriodInterrupted,
					fmt.Sprintf("the programme has been interrupted since %s, for one year on %s: it must be ended", run.From, endBy),
					fmt.Sprintf("programmet har vært avbrutt siden %s, i ett år %s: det må avsluttes", dateNB(run.From), dateNB(endBy)))
			}
		case run.To < endBy:
			continue // ends within the year
		case f.EvalDate > endBy:
			warn(WarnInterruptionLimit, refPeriodInterrupted,
				fmt.Sprintf("the programme was interrupted %s, for one year on %s: it should have been ended then", run, endBy),
				fmt.Sprintf("programmet var avbrutt %s, i ett år %s: det skulle ha vært avsluttet da", periodNB(run), dateNB(endBy)))
		default:
			warn(WarnInterruptionLimit, refPeriodInterrupted,
				fmt.Sprintf("the programme is interrupted %s, for one year on %s: it must be ended by then", run, endBy),
				fmt.Sprintf("programmet er avbrutt %s, i ett år %s: det må avsluttes senest da", periodNB(run), dateNB(endBy)))
		}
		if r.InterruptionEndBy == nil {
			since, e := run.From, endBy
			r.InterruptedSince, r.InterruptionEndBy = &since, &e
			traceEndBy(t, run, open, f.EvalDate, endBy)
		}
	}

	// Start deadline (§ 31).
	if f.ApplicationDate != nil {
		app := *f.ApplicationDate
		deadline := StartDeadline(app)
		met := f.Start <= deadline
		r.StartDeadline, r.StartDeadlineMet = &deadline, &met
		traceStartDeadline(t, f.Start, app, deadline, met)
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
	r.Timeline = buildTimeline(f, r, limitEnd, interrupted, leave, excluded, known)
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
func buildTimeline(f ProgrammeFacts, r PeriodReport, limitEnd Date, interrupted, leave, excluded spanSet, knownInterruptions []Period) []TimelineEntry {
	horizon := max(limitEnd, r.UsedThrough)
	cuts := []Date{f.Start, horizon + 1, f.EvalDate + 1, r.LatestEnd + 1, limitEnd + 1}
	for _, p := range slices.Concat(f.Leave, knownInterruptions) {
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
			if o := r.OpenInterruption; o != nil && from >= o.From && to == o.CountedThrough {
				e.Ongoing = true
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
	by := fmt.Sprintf("start: the rules in force on the start date %s", r.RegimeDate)
	byNB := fmt.Sprintf("start: reglene som gjaldt på startdatoen %s", dateNB(r.RegimeDate))
	if r.DurationRegime == DurationRegimeAssessed {
		by = fmt.Sprintf("assessed: the rules in force on the date assessed %s", r.RegimeDate)
		byNB = fmt.Sprintf("assessed: reglene som gjelder på vurderingsdatoen %s", dateNB(r.RegimeDate))
	}
	lines := []PeriodLine{
		{Label: "Regime", Value: regime, Ref: r.RegimeRef, ValueNB: regimeNB},
		{Label: "Duration regime", Value: by, Date: date(r.RegimeDate), Ref: refDurationRegime, ValueNB: byNB},
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
	if o := r.OpenInterruption; o != nil {
		lines = append(lines, PeriodLine{Label: "Interruption still running",
			Value: fmt.Sprintf("since %s, no end date: %s counted through %s", o.From, nDays(o.Days), o.CountedThrough),
			Date:  date(o.CountedThrough), Days: days(o.Days), Ref: refPeriodStillRunning,
			ValueNB: fmt.Sprintf("siden %s, uten sluttdato: %s telt til og med %s", dateNB(o.From), nDaysNB(o.Days), dateNB(o.CountedThrough))})
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
// calculation asks it day by day. A registered interruption covers every day
// up to its To; one still running every day from its start on.
type InterruptedDays struct{ spans spanSet }

// NewInterruptedDays returns the days covered by any of interruptions;
// overlaps count once, and a period that ends before it starts covers nothing.
func NewInterruptedDays(interruptions []Period) InterruptedDays {
	return InterruptedDays{spans: newSpanSet(interruptions)}
}

// InterruptedDays returns the days on which f's programme is interrupted.
func (f ProgrammeFacts) InterruptedDays() InterruptedDays {
	ps := make([]Period, len(f.Interruptions))
	for i, in := range f.Interruptions {
		ps[i] = in.Through(lastDate)
	}
	return NewInterruptedDays(ps)
}

// lastDate is the last date kvp accepts: an interruption still running runs
// through it.
var lastDate = NewDate(MaxYear, 12, 31)

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
