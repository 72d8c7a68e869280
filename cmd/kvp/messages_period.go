package main

import "kvp/rules"

// The headings and words of kvp period; their texts are in
// rules/catalog/*.json.
var (
	periodHeading   = rules.NewCode("period.heading", "start", "date", "regime", "ref")
	periodTimeline  = rules.NewCode("period.timeline")
	periodSummary   = rules.NewCode("period.summary")
	periodWarnings  = rules.NewCode("period.warnings")
	periodOngoing   = rules.NewCode("period.ongoing")
	periodPastLimit = rules.NewCode("period.past_the_limit")

	periodDeadlineMet    = rules.NewCode("explain.period.deadline_met")
	periodDeadlineMissed = rules.NewCode("explain.period.deadline_missed")
)

// periodKinds name the kinds of a timeline entry.
var periodKinds = map[string]rules.Code{
	rules.KindProgramme:    rules.NewCode("period.kind.programme"),
	rules.KindLeave:        rules.NewCode("period.kind.leave"),
	rules.KindInterruption: rules.NewCode("period.kind.interruption"),
	rules.KindDecision:     rules.NewCode("period.kind.decision"),
}

// regimeWords name the duration regimes.
var regimeWords = map[string]rules.Code{
	rules.Regime2019:    rules.NewCode("period.regime.2019"),
	rules.RegimePre2019: rules.NewCode("period.regime.pre2019"),
}

// periodStepNotes say where a period rule comes from, by step key.
var periodStepNotes = func() map[string]rules.Code {
	limit := rules.NewCode("explain.period.note.limit")
	leave := rules.NewCode("explain.period.note.leave")
	return map[string]rules.Code{
		"period.limit_days":                           limit,
		"period.limit_days_extended":                  limit,
		"period.not_counted_days.latest_end":          leave,
		"period.not_counted_days.latest_end_extended": leave,
		"period.not_counted_days.used":                leave,
		"period.next_decision_due":                    rules.NewCode("explain.period.note.next_decision_due"),
		"period.interruption_end_by":                  rules.NewCode("explain.period.note.interruption_end_by"),
		"period.start_deadline":                       rules.NewCode("explain.period.note.start_deadline"),
	}
}()

// regimeNotes are the duration regime's CONVENTION, by its name.
var regimeNotes = map[string]rules.Code{
	rules.DurationRegimeStart:    rules.NewCode("explain.period.regime_note.start"),
	rules.DurationRegimeAssessed: rules.NewCode("explain.period.regime_note.assessed"),
}

// regimeBy says which date chose the regime: the 2019 rules when it is on or after 2019-01-01.
var regimeBy = map[string]rules.Code{
	rules.DurationRegimeStart:    rules.NewCode("explain.period.regime_by.start"),
	rules.DurationRegimeAssessed: rules.NewCode("explain.period.regime_by.assessed"),
}
