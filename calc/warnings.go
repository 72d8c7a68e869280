package calc

import (
	"kvp/rules"
)

// The warnings of a calculation. Their texts are in rules/catalog/*.json.
var (
	WarnWorkOverHalfTime = rules.NewCode("calc.work_over_half_time", "hours", "from", "to", "limit", "ref")
	WarnGCarriedForward  = rules.NewCode("calc.g_carried_forward", "from", "g_from", "g", "set_from")
	WarnNotYetKnown      = rules.NewCode("calc.not_yet_known", "key", "value", "from", "as_of", "known_from")
	WarnAbsenceWeekend   = rules.NewCode("calc.absence_weekend", "date", "ref")
	WarnAbsenceHoliday   = rules.NewCode("calc.absence_holiday", "date", "ref")
	WarnAbsenceInterrupt = rules.NewCode("calc.absence_interrupted", "date")
	WarnAbsenceUnplaced  = rules.NewCode("calc.absence_unplaced", "month", "left", "days")
	WarnNotEligible      = rules.NewCode("calc.not_eligible", "date", "failing")
	WarnAgeNotMet        = rules.NewCode("calc.age_not_met", "id", "criterion", "date", "reason")
	WarnPastLatestEnd    = rules.NewCode("calc.past_latest_end", "to", "latest_end", "duration_regime")
	failingCriterion     = rules.NewCode("calc.failing_criterion", "id", "criterion", "reason")
)

// CaseFacts are the facts of a case beside the stipend's that its warnings
// are checked against.
type CaseFacts struct {
	// Eligibility, when given, is judged on its AssessmentDate. When nil,
	// the age rule, which needs only the birth date, is checked at both ends
	// of the period.
	Eligibility *rules.EligibilityFacts
	// Programme, when given, is evaluated on its EvalDate, the last day of
	// the period: a period past the programme's latest end is warned of.
	Programme *rules.ProgrammeFacts
}

// Warnings are the warnings of the calculation res of c: its own (work
// above half time, G carried forward, absence not deducted), then the
// case's: eligibility not met (sotjl. § 29) and a period past the
// programme's latest end (§ 32). The stipend is computed all the same.
// kvp calc, compare and batch all warn through it, so that the same case
// gives the same warnings whichever command computes it.
func Warnings(c Case, res *Result, f CaseFacts) ([]rules.Warning, error) {
	out := append([]rules.Warning{}, res.Warnings...)
	if f.Eligibility != nil {
		r := rules.CheckEligibility(*f.Eligibility)
		if r.Verdict == rules.VerdictNotEligible {
			var failing []rules.Message
			for _, x := range r.Findings {
				if x.Result == rules.NotMet {
					failing = append(failing, failingCriterion.M(x.ID, x.NameMessage(), x.Reason))
				}
			}
			out = append(out, rules.Warn(WarnNotEligible.M(f.Eligibility.AssessmentDate, failing), rules.RefEligibility))
		}
	} else {
		for _, on := range [...]rules.Date{c.Period.From, c.Period.To} {
			if rules.AgeMet(c.BirthDate, on, c.LeapBirthday) {
				continue // CheckAge would find it met: nothing to word
			}
			if x := rules.CheckAge(rules.EligibilityFacts{BirthDate: &c.BirthDate, AssessmentDate: on, LeapBirthday: c.LeapBirthday}); x.Result == rules.NotMet {
				out = append(out, rules.Warn(WarnAgeNotMet.M(x.ID, x.NameMessage(), on, x.Reason), x.Ref))
				break
			}
		}
	}
	if f.Programme != nil {
		rep, err := rules.EvaluatePeriod(*f.Programme)
		if err != nil {
			return nil, err
		}
		if c.Period.To > rep.LimitEnd {
			out = append(out, rules.Warn(WarnPastLatestEnd.M(c.Period.To, rep.LimitEnd, rep.DurationRegime), rep.RegimeRef))
		}
	}
	return out, nil
}
