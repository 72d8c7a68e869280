package main

import "kvp/rules"

// The words of kvp's tables and headings, as codes; their texts are in
// rules/catalog/*.json with the domain's.
var (
	labelID             = rules.NewCode("label.id")
	labelCriterion      = rules.NewCode("label.criterion")
	labelResult         = rules.NewCode("label.result")
	labelReason         = rules.NewCode("label.reason")
	labelLegalReference = rules.NewCode("label.legal_reference")
	wordNone            = rules.NewCode("word.none")

	checkHeading       = rules.NewCode("check.heading", "date")
	checkEligible      = rules.NewCode("check.verdict.eligible")
	checkNotEligible   = rules.NewCode("check.verdict.not_eligible", "ids")
	checkUndetermined  = rules.NewCode("check.verdict.undetermined", "ids")
	checkMissingFacts  = rules.NewCode("check.missing_facts", "facts")
	checkStartDeadline = rules.NewCode("check.start_deadline", "date", "ref")
	checkNotes         = rules.NewCode("check.notes")
	checkCannotAsk     = rules.NewCode("check.cannot_ask", "fact")
	checkTryAgain      = rules.NewCode("check.try_again")
)

// outcomeWords are the table's words for the outcomes.
var outcomeWords = map[rules.Outcome]rules.Code{
	rules.Met:     rules.NewCode("outcome.met"),
	rules.NotMet:  rules.NewCode("outcome.not_met"),
	rules.Unknown: rules.NewCode("outcome.unknown"),
}
