package main

import (
	"fmt"
	"slices"
	"strings"

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

// yesNoWord writes a yes/no fact.
func yesNoWord(l locale, v bool) string {
	if v {
		return l.T("yes")
	}
	return l.T("no")
}

// factIs writes "key: yes" for a known fact, "key not given" for an unknown one.
func factIs(l locale, key string, v *bool) string {
	if v == nil {
		return fmt.Sprintf(l.T("%s not given"), key)
	}
	return key + ": " + yesNoWord(l, *v)
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

// birthdayLabel is "18th birthday" ("18-årsdag").
func birthdayLabel(l locale, age int) string {
	return fmt.Sprintf(l.T("%dth birthday"), age)
}

// checkExplain derives every criterion of kvp check in order, then the
// verdict and, with an application date, the § 31 start deadline.
func checkExplain(l locale, f rules.EligibilityFacts, res rules.EligibilityResult) []explainStep {
	on := f.AssessmentDate
	steps := make([]explainStep, 0, len(res.Findings)+2)
	var notMet, unknown []string
	for _, fd := range res.Findings {
		s := explainStep{Figure: fd.ID, Result: l.T(resultWords[fd.Result]), Ref: l.T(fd.Ref)}
		switch fd.ID {
		case "KVP-EL-01":
			s.Formula, s.Source = explainAge(l, f)
		case "KVP-EL-02":
			s.Formula, s.Source = factIs(l, rules.FactReducedCapacity, f.ReducedCapacity), l.T("the caseworker's finding")
		case "KVP-EL-03":
			s.Formula, s.Source = explainBenefits(l, f)
		case "KVP-EL-04":
			s.Formula, s.Source = factIs(l, rules.FactAssessmentDone, f.AssessmentDone), l.T("the caseworker's finding")
		case "KVP-EL-05":
			s.Formula, s.Source = factIs(l, rules.FactFollowUpNeeded, f.FollowUpNeeded), l.T("the caseworker's judgement")
		case "KVP-EL-06":
			s.Formula, s.Source = explainResidence(l, f)
		case "KVP-EL-07":
			s.Formula, s.Source = explainYouth(l, f)
		case "KVP-EL-08":
			s.Formula, s.Source = explainPrevious(l, f)
		}
		steps = append(steps, s)
		switch fd.Result {
		case rules.NotMet:
			notMet = append(notMet, fd.ID)
		case rules.Unknown:
			unknown = append(unknown, fd.ID)
		}
	}
	v := explainStep{Figure: l.T("verdict"), Result: l.T(res.Verdict), Ref: "sotjl. § 29"}
	if !l.nb {
		v.Result = strings.ReplaceAll(res.Verdict, "_", " ") // not_eligible: not eligible
	}
	switch res.Verdict {
	case rules.VerdictEligible:
		v.Formula = l.T("every criterion met")
	case rules.VerdictNotEligible:
		v.Formula = fmt.Sprintf(l.T("%s not met"), strings.Join(notMet, ", "))
	default:
		v.Formula = fmt.Sprintf(l.T("none not met; %s unknown"), strings.Join(unknown, ", "))
	}
	steps = append(steps, v)
	if f.ApplicationDate != nil && res.StartDeadline != nil {
		s := startDeadlineStep(l, *f.ApplicationDate, *res.StartDeadline)
		if on > *res.StartDeadline {
			s.Result += " (" + fmt.Sprintf(l.T("passed on %s"), l.Date(on)) + ")"
		}
		steps = append(steps, s)
	}
	return steps
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

// explainAge is KVP-EL-01: the lower-age and 67th birthdays against the assessment date.
func explainAge(l locale, f rules.EligibilityFacts) (formula, source string) {
	on := f.AssessmentDate
	lower := rules.MinAge
	source = fmt.Sprintf(l.T("lower age %d from %s (%d before)"), rules.MinAge, l.Date(rules.Amendment2019), rules.MinAgeBefore)
	if on < rules.Amendment2019 {
		lower = rules.MinAgeBefore
		source = fmt.Sprintf(l.T("lower age %d before %s (%d from then)"), rules.MinAgeBefore, l.Date(rules.Amendment2019), rules.MinAge)
	}
	source += "; " + fmt.Sprintf(l.T("CONVENTION: from the %dth birthday to the day before the %dth"), lower, rules.AgeUpperBound)
	if f.BirthDate == nil {
		return fmt.Sprintf(l.T("%s not given"), rules.FactBirthDate), source
	}
	from := rules.Birthday(*f.BirthDate, lower, f.LeapBirthday)
	upper := rules.Birthday(*f.BirthDate, rules.AgeUpperBound, f.LeapBirthday)
	assessed := l.T("assessed") + " " + l.Date(on)
	switch {
	case on < from:
		formula = fmt.Sprintf("%s < %s %s", assessed, birthdayLabel(l, lower), l.Date(from))
	case on >= upper:
		formula = fmt.Sprintf("%s ≥ %s %s", assessed, birthdayLabel(l, rules.AgeUpperBound), l.Date(upper))
	default:
		formula = fmt.Sprintf("%s %s ≤ %s < %s %s", birthdayLabel(l, lower), l.Date(from), assessed,
			birthdayLabel(l, rules.AgeUpperBound), l.Date(upper))
	}
	return formula, source
}

// subsistenceKinds are the benefit kinds that, received in full, rule the
// programme out: all but barnepensjon and other (see rules.checkBenefits).
func subsistenceKinds() []string {
	return slices.DeleteFunc(slices.Clone(rules.BenefitKinds), func(k string) bool {
		return k == rules.BenefitBarnepensjon || k == rules.BenefitOther
	})
}

// The rules of KVP-EL-03 and KVP-EL-06 as --explain states them; the
// texts are also the keys of their Norwegian in nbRules.
const (
	benefitsSource = "in full rules the programme out: %s, whatever the judgement; a smaller amount, barnepensjon or other " +
		"is decided by the caseworker's judgement %s (yes: met, no: not met; the law sets no threshold)"
	residenceSource = "a fixed abode (bopel) is required only of persons who are not Norwegian citizens (§ 1 første ledd), " +
		"not of presumed victims of human trafficking (utlendingsforskriften § 8-3) nor of persons allowed to stay while " +
		"an application or appeal on residence is processed (§ 1 fjerde ledd); EEA citizens are exempt from %s (§ 1a), " +
		"but not with only the initial right of residence (utlendingsloven § 111, § 1a andre ledd); " +
		"asylum reception (§ 2) or no lawful residence (§ 4): no right"
)

// explainBenefits is KVP-EL-03: the benefits as registered and, where a
// benefit needs assessment or it was given, the caseworker's judgement.
func explainBenefits(l locale, f rules.EligibilityFacts) (formula, source string) {
	source = fmt.Sprintf(l.T(benefitsSource), strings.Join(subsistenceKinds(), ", "), rules.FactBenefitVeryLimited)
	var items []string
	assess := false // a benefit that needs the caseworker's judgement
	for _, b := range f.Benefits {
		switch {
		case b.Full:
			items = append(items, fmt.Sprintf(l.T("%s in full"), b.Kind))
			assess = assess || !slices.Contains(subsistenceKinds(), b.Kind)
		case b.Yearly != nil:
			items = append(items, fmt.Sprintf(l.T("%s %s a year"), b.Kind, l.Num(*b.Yearly)))
			assess = assess || !b.Yearly.IsZero()
		default:
			items = append(items, fmt.Sprintf(l.T("%s, amount unknown"), b.Kind))
			assess = true
		}
	}
	switch {
	case len(items) > 0 && !f.BenefitsKnown:
		formula = rules.FactBenefits + ": " + strings.Join(items, ", ") + " " + l.T("(the list may be incomplete)")
	case len(items) > 0:
		formula = rules.FactBenefits + ": " + strings.Join(items, ", ")
	case f.BenefitsKnown:
		formula = rules.FactBenefits + ": " + l.T("none")
	default:
		formula = fmt.Sprintf(l.T("%s not given"), rules.FactBenefits)
	}
	if assess || f.BenefitVeryLimited != nil {
		formula += ", " + factIs(l, rules.FactBenefitVeryLimited, f.BenefitVeryLimited)
	}
	return formula, source
}

// explainResidence is KVP-EL-06: residence status, fixed abode and, where it
// matters, the assessment date against the EEA exemption.
func explainResidence(l locale, f rules.EligibilityFacts) (formula, source string) {
	on := f.AssessmentDate
	var parts []string
	if f.Residence == "" {
		parts = append(parts, fmt.Sprintf(l.T("%s not given"), rules.FactResidence))
	} else {
		parts = append(parts, rules.FactResidence+": "+f.Residence)
	}
	switch f.Residence {
	case rules.ResidenceAsylumReception, rules.ResidenceNoLawfulResidence:
		// no right, whatever the abode
	case rules.ResidenceNorwegian, rules.ResidenceTraffickingReflection, rules.ResidencePendingApplication:
		parts = append(parts, l.T("fixed abode not required"))
	default:
		parts = append(parts, factIs(l, rules.FactFixedAbode, f.FixedAbode))
	}
	if f.Residence == "" || f.Residence == rules.ResidenceEEA {
		parts = append(parts, compareDates(l, on, "assessed", rules.EEABopelExemptFrom, "EEA citizens exempt from bopel"))
	}
	source = fmt.Sprintf(l.T(residenceSource), l.Date(rules.EEABopelExemptFrom))
	return strings.Join(parts, ", "), source
}

// explainYouth is KVP-EL-07: the rule's start date, and the fact or the
// 29th birthday.
func explainYouth(l locale, f rules.EligibilityFacts) (formula, source string) {
	on := f.AssessmentDate
	source = fmt.Sprintf(l.T("in force from %s; the youth programme covers ages 18–28"), l.Date(rules.YouthProgrammeFrom))
	parts := []string{compareDates(l, on, "assessed", rules.YouthProgrammeFrom, "rule in force")}
	if on < rules.YouthProgrammeFrom {
		return parts[0], source
	}
	switch {
	case f.YouthProgramme != nil:
		parts = append(parts, factIs(l, rules.FactYouthProgramme, f.YouthProgramme))
	case f.BirthDate != nil && on >= rules.Birthday(*f.BirthDate, rules.YouthProgrammeAgeLimit, f.LeapBirthday):
		parts = append(parts, fmt.Sprintf("%s %s ≤ %s %s", birthdayLabel(l, rules.YouthProgrammeAgeLimit),
			l.Date(rules.Birthday(*f.BirthDate, rules.YouthProgrammeAgeLimit, f.LeapBirthday)), l.T("assessed"), l.Date(on)))
	default:
		parts = append(parts, factIs(l, rules.FactYouthProgramme, nil))
	}
	return strings.Join(parts, ", "), source
}

// explainPrevious is KVP-EL-08: the one-time right before 2019-01-01.
func explainPrevious(l locale, f rules.EligibilityFacts) (formula, source string) {
	on := f.AssessmentDate
	source = fmt.Sprintf(l.T("a one-time right before %s; no limit from then (2019 amendment)"), l.Date(rules.Amendment2019))
	parts := []string{compareDates(l, on, "assessed", rules.Amendment2019, "2019 amendment")}
	if on >= rules.Amendment2019 {
		return parts[0], source
	}
	switch {
	case len(f.Previous) > 0:
		ps := make([]string, 0, len(f.Previous))
		for _, p := range f.Previous {
			ps = append(ps, rulesPeriod(l, p))
		}
		parts = append(parts, rules.FactPrevious+": "+strings.Join(ps, ", "))
	case f.PreviousKnown:
		parts = append(parts, rules.FactPrevious+": "+l.T("none"))
	default:
		parts = append(parts, fmt.Sprintf(l.T("%s not given"), rules.FactPrevious))
	}
	return strings.Join(parts, ", "), source
}
