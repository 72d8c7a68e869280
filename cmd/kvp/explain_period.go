package main

import (
	"strconv"

	"kvp/rules"
)

// kvp period --explain renders the steps rules.EvaluatePeriodTraced recorded
// (keys period.*, labelled by stepLabels): nothing here computes a date or a
// number of days.

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
		if note, ok := periodStepNotes[s.Key]; ok {
			e.Source = l.L(note)
		}
		switch {
		case s.Key == "period.regime":
			by, _ := s.Inputs.Value("duration_regime")
			e.Result, e.Source = regime, l.code(regimeNotes, by, "explain.period.regime_note.")
			e.Figure += ", " + l.code(regimeBy, by, "explain.period.regime_by.")
		case s.Key == "period.start_deadline":
			deadline, _ := s.Inputs.Value("deadline")
			word := periodDeadlineMissed
			if s.Result == string(rules.Met) {
				word = periodDeadlineMet
			}
			e.Result = l.inputValue("", deadline) + " (" + l.L(word) + ")"
		case s.Unit == rules.UnitDays:
			if n, err := strconv.Atoi(s.Result); err == nil {
				e.Result = rules.FormatValue(rules.Days(n), l.lang())
			}
		}
	}
	return out
}
