package main

import (
	"strconv"

	"kvp/rules"
)

// kvp period --explain renders the steps rules.EvaluatePeriodTraced recorded
// (keys period.*): nothing here computes a date or a number of days.

// periodStepLabels are the English labels of the period steps.
var periodStepLabels = map[string]string{
	"period.regime":                               "regime",
	"period.limit_days":                           "limit",
	"period.limit_days_extended":                  "limit with the extra year",
	"period.leave":                                "leave",
	"period.interruption":                         "interruption",
	"period.interruption.still_running":           "interruption still running, counted through the date assessed",
	"period.not_counted_days.latest_end":          "days not counted before the latest end",
	"period.not_counted_days.latest_end_extended": "days not counted before the latest end with the extra year",
	"period.not_counted_days.used":                "days not counted so far",
	"period.latest_end":                           "latest end",
	"period.latest_end_extended":                  "latest end with the extra year",
	"period.used_through":                         "counted through",
	"period.used_days":                            "used",
	"period.remaining_days":                       "remaining",
	"period.next_decision_due":                    "next decision due, by the decision in force",
	"period.interruption_end_by":                  "interrupted: end the programme by",
	"period.start_deadline":                       "start deadline, six months after the application",
}

// periodStepNotes say where a period rule comes from, by step key.
var periodStepNotes = map[string]string{
	"period.limit_days":                           "CONVENTION: N years from a start S end on S + N years − 1 day",
	"period.limit_days_extended":                  "CONVENTION: N years from a start S end on S + N years − 1 day",
	"period.not_counted_days.latest_end":          leaveNote,
	"period.not_counted_days.latest_end_extended": leaveNote,
	"period.not_counted_days.used":                leaveNote,
	"period.next_decision_due":                    "a vedtak covers at most one year; by its last day the municipality decides to extend or to end",
	"period.interruption_end_by":                  "it may not be ended earlier for absence due to ordinary work, birth or adoption",
	"period.start_deadline":                       "the same day of the month, or the month's last day when it has none (domstolloven § 148)",
}

const leaveNote = "CONVENTION: each day of leave (permisjon) or interruption (avbrudd) inside the programme pushes the latest end out by one day; a day that is both counts once"

// regimeNotes are the duration regime's CONVENTION, by its name.
var regimeNotes = map[string]string{
	rules.DurationRegimeStart:    "CONVENTION (duration regime start): the rules in force on the programme's start date decide; no transitional rule was found",
	rules.DurationRegimeAssessed: "CONVENTION (duration regime assessed): the rules in force on the date assessed decide; no transitional rule was found",
}

// regimeBy says which date chose the regime: the 2019 rules when it is on or after 2019-01-01.
var regimeBy = map[string]string{
	rules.DurationRegimeStart:    "2019 rules when the start date ≥ 2019-01-01",
	rules.DurationRegimeAssessed: "2019 rules when the date assessed ≥ 2019-01-01",
}

// periodExplain renders kvp period's steps in the order they were computed:
// days as "n days", the regime by its words in the report, the start
// deadline as its date and whether it was met.
func periodExplain(l locale, r rules.PeriodReport, steps []rules.Step) []explainStep {
	out := renderSteps(l, steps)
	regime := ""
	for _, line := range r.Lines() {
		if line.Label.Code == rules.LabelRegime.ID {
			regime = l.M(line.Value)
		}
	}
	for i := range out {
		s, e := &steps[i], &out[i]
		e.Ref = l.T(e.Ref)
		if note := periodStepNotes[s.Key]; note != "" {
			e.Source = l.T(note)
		}
		switch {
		case s.Key == "period.regime":
			by, _ := s.Inputs.Value("duration_regime")
			e.Result, e.Source = regime, l.T(regimeNotes[by])
			e.Figure += ", " + l.T(regimeBy[by])
		case s.Key == "period.start_deadline":
			deadline, _ := s.Inputs.Value("deadline")
			word := map[string]string{string(rules.Met): "deadline met", string(rules.NotMet): "deadline missed"}[s.Result]
			e.Result = l.inputValue("", deadline) + " (" + l.T(word) + ")"
		case s.Unit == rules.UnitDays:
			if n, err := strconv.Atoi(s.Result); err == nil {
				e.Result = rulesDays(l, n)
			}
		}
	}
	return out
}
