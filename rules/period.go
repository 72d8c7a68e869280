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

// Warning codes of the period evaluation. Their texts are in catalog/*.json.
var (
	WarnOpenNotStarted          = NewCode("period.open_interruption_not_started", "field", "interruption", "date")
	WarnPastLimit               = NewCode("period.past_limit", "days", "through", "limit", "end", "hint")
	warnPastLimitHint           = NewCode("period.past_limit.extra_year_hint", "date")
	WarnDecisionTooLong         = NewCode("period.decision_too_long", "field", "decision", "days", "last")
	WarnDecisionBeforeStart     = NewCode("period.decision_before_start", "field", "decision", "start")
	WarnDecisionPastLimit       = NewCode("period.decision_past_limit", "field", "decision", "end")
	WarnNoDecisionBeforeFirst   = NewCode("period.no_decision_before_first", "date", "field", "decision", "days")
	WarnNoDecisionGap           = NewCode("period.no_decision_gap", "date", "prev_field", "prev", "next_field", "next")
	WarnOverlap                 = NewCode("period.overlap", "field", "absence", "other_field", "other")
	WarnAbsenceBeforeStart      = NewCode("period.absence_before_start", "field", "absence", "start")
	WarnAbsenceAfterLimit       = NewCode("period.absence_after_limit", "field", "absence", "end")
	WarnInterruptionYearReached = NewCode("period.interruption_limit_reached", "since", "end_by")
	WarnInterruptionYearPassed  = NewCode("period.interruption_limit_passed", "interruption", "end_by")
	WarnInterruptionYearAhead   = NewCode("period.interruption_limit_ahead", "interruption", "end_by")
	WarnStartDeadlineMissed     = NewCode("period.start_deadline_missed", "start", "late", "deadline", "application")
	WarnStartBeforeApplication  = NewCode("period.start_before_application", "start", "application")
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
		return Interruption{}, Errorf(ErrNotAnInterruption, Quote(s))
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
// the input does, with a 0-based index: "decisions[1]". A problem that
// points at another fact holds it as its argument "other", a FactRef, so
// that a caller can name that fact its own way (Problem.With).
type PeriodFactError struct {
	Field   string
	Problem Message
}

func (e *PeriodFactError) Error() string { return e.Msg().String() }

// Msg is "field: problem".
func (e *PeriodFactError) Msg() Message { return ErrAtField.M(e.Field, e.Problem) }

// FactRef is another fact a problem points at: its field ("decisions[0]",
// "" when the caller leaves it out) and its value as the input gave it.
type FactRef struct {
	Field string
	Name  string // the list: decisions, leave, interruptions
	Index int
	Value string
}

// Text is "decisions[0] 2026-01-01..2026-06-30", or the value alone.
func (r FactRef) Text(string) string {
	if r.Field == "" {
		return r.Value
	}
	return r.Field + " " + r.Value
}

// The problems of programme facts.
var (
	errOnlyOneOpen     = NewCode("err.period.only_one_open", "interruption", "other")
	errDecisionOverlap = NewCode("err.period.decisions_overlap", "decision", "other")
)

// Validate rejects facts no evaluation can stand on: a date outside
// MinYear–MaxYear, a period that ends before it starts, and decisions that
// overlap (two vedtak cannot both be in force), two interruptions still
// running, and an unknown duration regime. Leave before the start and the
// like are warnings of EvaluatePeriod, not errors. All problems are joined.
func (f ProgrammeFacts) Validate() error {
	var errs []error
	bad := func(field string, problem Message) {
		errs = append(errs, &PeriodFactError{Field: field, Problem: problem})
	}
	ref := func(name string, i int, v fmt.Stringer) FactRef {
		return FactRef{Field: fmt.Sprintf("%s[%d]", name, i), Name: name, Index: i, Value: v.String()}
	}
	checkYear := func(field string, d Date) bool {
		if y := d.Year(); y < MinYear || y > MaxYear {
			bad(field, ErrYearOutside.M(d.String(), y, MinYear, MaxYear))
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
		bad("duration_regime", ErrNotOneOf.M(Quote(f.DurationRegime), strings.Join(DurationRegimes, ", ")))
	}
	open := -1 // the interruption still running
	for i, in := range f.Interruptions {
		field := fmt.Sprintf("interruptions[%d]", i)
		switch {
		case !checkYear(field, in.From):
		case in.To == nil && open >= 0:
			bad(field, errOnlyOneOpen.M(in.String(), ref("interruptions", open, f.Interruptions[open])))
		case in.To == nil:
			open = i
		case !checkYear(field, *in.To):
		case *in.To < in.From:
			bad(field, ErrPeriodReversed.M(in.String()))
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
				bad(field, ErrPeriodReversed.M(p.String()))
			}
		}
	}
	for j, q := range f.Decisions {
		for i, p := range f.Decisions[:j] {
			if p.From <= p.To && q.From <= q.To && p.Overlaps(q) {
				bad(fmt.Sprintf("decisions[%d]", j), errDecisionOverlap.M(q.String(), ref("decisions", i, p)))
			}
		}
	}
	return errors.Join(errs...)
}

// PeriodLine is one line of the report's summary, with its legal reference.
type PeriodLine struct {
	Label Message `json:"label"`
	Value Message `json:"value"`
	Date  *Date   `json:"date,omitempty"`
	Days  *int    `json:"days,omitempty"`
	Ref   string  `json:"legal_reference"`
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
	warn := func(ref string, m Message) { r.Warnings = append(r.Warnings, Warn(m, ref)) }

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
		warn(refPeriodInterrupted, WarnOpenNotStarted.M(fmt.Sprintf("interruptions[%d]", i), in, f.EvalDate))
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
		var hint any = ""
		if !f.Extended {
			hint = warnPastLimitHint.M(*r.LatestEndExtended)
		}
		warn(r.RegimeRef, WarnPastLimit.M(r.UsedDays, r.UsedThrough, r.LimitDays, limitEnd, hint))
	}

	// Decisions (vedtak).
	for i, d := range f.Decisions {
		if last := d.From.AddYears(periodDecisionMaxYears).AddDays(-1); d.To > last {
			warn(refPeriodDecision, WarnDecisionTooLong.M(fmt.Sprintf("decisions[%d]", i), d, d.Days(), last))
		}
		if d.From < f.Start {
			warn(refPeriodDecision, WarnDecisionBeforeStart.M(fmt.Sprintf("decisions[%d]", i), d, f.Start))
		}
		if d.To > limitEnd {
			warn(r.RegimeRef, WarnDecisionPastLimit.M(fmt.Sprintf("decisions[%d]", i), d, limitEnd))
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
	if m, ok := noDecisionInForce(f); ok {
		warn(refPeriodDecision, m)
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
		field string
		given any // the period as given: a Period, or an Interruption
		p     Period
	}
	var absences []named
	for i, p := range f.Leave {
		absences = append(absences, named{fmt.Sprintf("leave[%d]", i), p, p})
	}
	for i, in := range f.Interruptions {
		absences = append(absences, named{fmt.Sprintf("interruptions[%d]", i), in, spans[i]})
	}
	for j, b := range absences {
		for _, a := range absences[:j] {
			if a.p.Overlaps(b.p) {
				warn(r.RegimeRef, WarnOverlap.M(b.field, b.given, a.field, a.given))
			}
		}
		switch {
		case b.p.From < f.Start:
			warn(r.RegimeRef, WarnAbsenceBeforeStart.M(b.field, b.given, f.Start))
		case b.p.From > limitEnd:
			warn(r.RegimeRef, WarnAbsenceAfterLimit.M(b.field, b.given, limitEnd))
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
				warn(refPeriodInterrupted, WarnInterruptionYearReached.M(run.From, endBy))
			}
		case run.To < endBy:
			continue // ends within the year
		case f.EvalDate > endBy:
			warn(refPeriodInterrupted, WarnInterruptionYearPassed.M(run, endBy))
		default:
			warn(refPeriodInterrupted, WarnInterruptionYearAhead.M(run, endBy))
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
			warn(refPeriodStart, WarnStartDeadlineMissed.M(f.Start, Days(f.Start-deadline), deadline, app))
		}
		if f.Start < app {
			warn(refPeriodStart, WarnStartBeforeApplication.M(f.Start, app))
		}
	}

	r.LimitEnd = limitEnd
	r.Timeline = buildTimeline(f, r, limitEnd, interrupted, leave, excluded, known)
	return r, nil
}

// noDecisionInForce is the warning that no decision covers the evaluation
// date, when decisions are registered, the programme has started and the
// date is not after the last decision; false when a decision is in force or
// none of that holds.
func noDecisionInForce(f ProgrammeFacts) (Message, bool) {
	on := f.EvalDate
	if len(f.Decisions) == 0 || on < f.Start {
		return Message{}, false
	}
	prev, next := -1, -1 // the decision that ended last before on, the one that starts first after it
	for i, d := range f.Decisions {
		switch {
		case d.Contains(on):
			return Message{}, false
		case d.To < on && (prev < 0 || d.To > f.Decisions[prev].To):
			prev = i
		case d.From > on && (next < 0 || d.From < f.Decisions[next].From):
			next = i
		}
	}
	field := func(i int) string { return fmt.Sprintf("decisions[%d]", i) }
	switch {
	case next < 0:
		return Message{}, false // after the last decision: the programme is over
	case prev < 0:
		return WarnNoDecisionBeforeFirst.M(on, field(next), f.Decisions[next], Days(f.Decisions[next].From-on)), true
	}
	return WarnNoDecisionGap.M(on, field(prev), f.Decisions[prev], field(next), f.Decisions[next]), true
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

// The labels and values of the report's summary lines.
var (
	LabelRegime            = NewCode("period.label.regime")
	LabelDurationRegime    = NewCode("period.label.duration_regime")
	LabelLimit             = NewCode("period.label.limit")
	LabelUsed              = NewCode("period.label.used")
	LabelRemaining         = NewCode("period.label.remaining")
	LabelLatestEnd         = NewCode("period.label.latest_end")
	LabelLatestEndExtended = NewCode("period.label.latest_end_extended")
	LabelDecisionInForce   = NewCode("period.label.decision_in_force")
	LabelNextDecisionDue   = NewCode("period.label.next_decision_due")
	LabelStillRunning      = NewCode("period.label.interruption_still_running")
	LabelEndBy             = NewCode("period.label.interrupted_end_by")
	LabelStartDeadline     = NewCode("period.label.start_deadline")

	valueRegime2019     = NewCode("period.value.regime_2019", "date")
	valueRegimePre2019  = NewCode("period.value.regime_pre2019", "date")
	valueByStart        = NewCode("period.value.duration_regime_start", "date")
	valueByAssessed     = NewCode("period.value.duration_regime_assessed", "date")
	valueCountedDays    = NewCode("period.value.counted_days", "days")
	valueDaysThrough    = NewCode("period.value.days_through", "days", "date")
	valueDays           = NewCode("period.value.days", "days")
	valueDate           = NewCode("period.value.date", "date")
	valuePeriod         = NewCode("period.value.period", "period")
	valueStillRunning   = NewCode("period.value.still_running", "since", "days", "through")
	valueDeadlineMet    = NewCode("period.value.deadline_met", "date")
	valueDeadlineMissed = NewCode("period.value.deadline_missed", "date")
)

// Lines returns the report's summary, one line per limit, for a table or
// --explain.
func (r PeriodReport) Lines() []PeriodLine {
	date := func(d Date) *Date { return &d }
	days := func(n int) *int { return &n }
	regime := valueRegime2019.M(Amendment2019)
	if r.Regime == RegimePre2019 {
		regime = valueRegimePre2019.M(Amendment2019)
	}
	by := valueByStart.M(r.RegimeDate)
	if r.DurationRegime == DurationRegimeAssessed {
		by = valueByAssessed.M(r.RegimeDate)
	}
	lines := []PeriodLine{
		{Label: LabelRegime.M(), Value: regime, Ref: r.RegimeRef},
		{Label: LabelDurationRegime.M(), Value: by, Date: date(r.RegimeDate), Ref: refDurationRegime},
		{Label: LabelLimit.M(), Value: valueCountedDays.M(r.LimitDays), Days: days(r.LimitDays), Ref: r.RegimeRef},
		{Label: LabelUsed.M(), Value: valueDaysThrough.M(Days(r.UsedDays), r.UsedThrough), Date: date(r.UsedThrough), Days: days(r.UsedDays), Ref: r.RegimeRef},
		{Label: LabelRemaining.M(), Value: valueDays.M(Days(r.RemainingDays)), Days: days(r.RemainingDays), Ref: r.RegimeRef},
		{Label: LabelLatestEnd.M(), Value: valueDate.M(r.LatestEnd), Date: date(r.LatestEnd), Ref: r.RegimeRef},
	}
	if r.LatestEndExtended != nil {
		lines = append(lines, PeriodLine{Label: LabelLatestEndExtended.M(), Value: valueDate.M(*r.LatestEndExtended), Date: date(*r.LatestEndExtended), Ref: refPeriodExtraYear})
	}
	if r.CurrentDecision != nil {
		lines = append(lines, PeriodLine{Label: LabelDecisionInForce.M(), Value: valuePeriod.M(*r.CurrentDecision), Date: date(r.CurrentDecision.To), Ref: refPeriodDecision})
	}
	if r.NextDecisionDue != nil {
		lines = append(lines, PeriodLine{Label: LabelNextDecisionDue.M(), Value: valueDate.M(*r.NextDecisionDue), Date: date(*r.NextDecisionDue), Ref: refPeriodDecision})
	}
	if o := r.OpenInterruption; o != nil {
		lines = append(lines, PeriodLine{Label: LabelStillRunning.M(), Value: valueStillRunning.M(o.From, Days(o.Days), o.CountedThrough),
			Date: date(o.CountedThrough), Days: days(o.Days), Ref: refPeriodStillRunning})
	}
	if r.InterruptionEndBy != nil {
		lines = append(lines, PeriodLine{Label: LabelEndBy.M(), Value: valueDate.M(*r.InterruptionEndBy), Date: date(*r.InterruptionEndBy), Ref: refPeriodInterrupted})
	}
	if r.StartDeadline != nil {
		v := valueDate.M(*r.StartDeadline)
		if met := r.StartDeadlineMet; met != nil && *met {
			v = valueDeadlineMet.M(*r.StartDeadline)
		} else if met != nil {
			v = valueDeadlineMissed.M(*r.StartDeadline)
		}
		lines = append(lines, PeriodLine{Label: LabelStartDeadline.M(), Value: v, Date: date(*r.StartDeadline), Ref: refPeriodStart})
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
