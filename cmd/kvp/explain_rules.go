package main

import (
	"fmt"

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
