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

// The words of the tables of several commands.
var (
	labelFrom          = rules.NewCode("label.from")
	labelFromDate      = rules.NewCode("label.from_date", "date")
	labelTo            = rules.NewCode("label.to")
	labelFactor        = rules.NewCode("label.factor")
	labelAge           = rules.NewCode("label.age")
	labelDayRate       = rules.NewCode("label.day_rate")
	labelChildren      = rules.NewCode("label.children")
	labelChildPerDay   = rules.NewCode("label.child_per_day")
	labelDays          = rules.NewCode("label.days")
	labelReference     = rules.NewCode("label.reference")
	labelStipend       = rules.NewCode("label.stipend")
	labelChildSuppl    = rules.NewCode("label.child_supplement")
	labelInterruption  = rules.NewCode("label.interruption")
	labelAbsence       = rules.NewCode("label.absence")
	labelWork          = rules.NewCode("label.work")
	labelOtherBenefits = rules.NewCode("label.other_benefits")
	labelNet           = rules.NewCode("label.net")
	labelEarned        = rules.NewCode("label.earned")
	labelPaid          = rules.NewCode("label.paid")
	labelYear          = rules.NewCode("label.year")
	labelMonth         = rules.NewCode("label.month")
	labelPeriod        = rules.NewCode("label.period")
	labelTotal         = rules.NewCode("label.total")
	labelNetPaid       = rules.NewCode("label.net_paid")
	labelReduction     = rules.NewCode("label.reduction")
	labelReductions    = rules.NewCode("label.reductions")
	labelBenefit       = rules.NewCode("label.benefit")
	labelAmount        = rules.NewCode("label.amount")
	labelUnrounded     = rules.NewCode("label.unrounded")
	labelParameter     = rules.NewCode("label.parameter")
	labelParameters    = rules.NewCode("label.parameters")
	labelFormula       = rules.NewCode("label.formula")
	labelValue         = rules.NewCode("label.value")
	labelSource        = rules.NewCode("label.source")
	labelOrigin        = rules.NewCode("label.origin")
	labelSetting       = rules.NewCode("label.setting")
	labelDate          = rules.NewCode("label.date")
	labelNote          = rules.NewCode("label.note")
	labelKind          = rules.NewCode("label.kind")
	labelCountedDays   = rules.NewCode("label.counted_days")
	labelRunningTotal  = rules.NewCode("label.running_total")
	labelBaseline      = rules.NewCode("label.baseline")
	labelScenario      = rules.NewCode("label.scenario")
	labelDifference    = rules.NewCode("label.difference")
	labelPerCent       = rules.NewCode("label.per_cent")
	labelWarning       = rules.NewCode("label.warning")
	wordNotAvailable   = rules.NewCode("word.not_available")
	wordYes            = rules.NewCode("word.yes")
	wordNo             = rules.NewCode("word.no")
)

// originWords say where a value came from (rules.OriginDefault, …); a
// file's origin is "file:PATH" (originFile).
var (
	originWords = map[string]rules.Code{
		rules.OriginDefault: rules.NewCode("origin.default"),
		rules.OriginEnv:     rules.NewCode("origin.environment"),
		rules.OriginFlag:    rules.NewCode("origin.flag"),
	}
	originFile = rules.NewCode("origin.file", "path")
)

// bandWords name the age bands of the rates (rules' band keys).
var bandWords = map[string]rules.Code{
	"25_and_over": rules.NewCode("band.25_and_over"),
	"under_25":    rules.NewCode("band.under_25"),
}

// The hints of kvp check --interactive: what an answer looks like.
var (
	hintYesNo     = rules.NewCode("check.hint.yes_no")
	hintDate      = rules.NewCode("check.hint.date")
	hintBenefits  = rules.NewCode("check.hint.benefits", "kinds")
	hintResidence = rules.NewCode("check.hint.residence", "statuses")
	hintPrevious  = rules.NewCode("check.hint.previous")
)
