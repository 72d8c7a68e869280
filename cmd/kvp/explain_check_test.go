package main

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"kvp/rules"
)

// TestCheckStepsLabelled walks the steps kvp check --explain renders, over
// facts that reach every branch of the criteria, and checks that each key
// has a label and each label, input label and source its bokmål text.
func TestCheckStepsLabelled(t *testing.T) {
	nb := locale{language: rules.LangNB}
	date := func(s string) *rules.Date { d, _ := rules.ParseDate(s); return &d }
	yes, no := true, false
	amount := decimal.NewFromInt(20000)
	benefits := [][]rules.Benefit{nil, {{Kind: rules.BenefitAAP, Full: true}}, {{Kind: rules.BenefitAAP, Yearly: &amount}}, {{Kind: rules.BenefitDagpenger}}}
	seen := map[string]bool{}
	for _, on := range []string{"2018-12-31", "2019-01-01", "2025-03-06", "2025-03-07", "2025-08-01", "2026-11-24"} {
		for _, birth := range []*rules.Date{nil, date("1990-06-15"), date("2000-02-29"), date("2008-11-25")} {
			for _, residence := range append([]string{""}, rules.ResidenceStatuses...) {
				for i, b := range benefits {
					f := rules.EligibilityFacts{AssessmentDate: *date(on), BirthDate: birth, Residence: residence,
						Benefits: b, BenefitsKnown: i != 0 || residence == "", FixedAbode: []*bool{nil, &yes, &no}[i%3],
						YouthProgramme: []*bool{nil, &yes, &no}[(i+1)%3], BenefitVeryLimited: []*bool{nil, &yes, &no}[(i+2)%3],
						Previous: []rules.Period{{From: *date("2015-01-01"), To: *date("2015-12-31")}}, PreviousKnown: i%2 == 0}
					if i == 3 {
						f.Previous, f.ApplicationDate = nil, date("2018-08-31")
					}
					var tr rules.Trace
					rules.CheckEligibilityTraced(f, &tr)
					for _, s := range tr.Steps {
						seen[s.Key] = true
						checkStepTexts(t, nb, s)
					}
				}
			}
		}
	}
	for key := range stepLabels {
		if strings.HasPrefix(key, "eligibility.") && !seen[key] {
			t.Errorf("no step %s reached: extend the facts", key)
		}
	}
}

func checkStepTexts(t *testing.T, nb locale, s rules.Step) {
	t.Helper()
	if _, ok := stepLabels[s.Key]; !ok {
		t.Errorf("%s: no label code in stepLabels", s.Key)
	}
	for _, p := range s.Params {
		if _, ok := domainTexts()[p.Source]; p.Source != "" && !ok {
			t.Errorf("%s: source %q has no code in domainCodes", s.Key, p.Source)
		}
	}
	if e := nb.renderStep(&s, map[rules.Param]bool{}); strings.Contains(e.Formula, "{") || e.Result == "" {
		t.Errorf("%s: rendered %+v", s.Key, e)
	}
}
