package main

import (
	"kvp/calc"
	"kvp/rules"
)

// The headings and words of kvp calc, compare, rates, g, config show and
// tax; their texts are in rules/catalog/*.json.
var (
	calcHeading           = rules.NewCode("calc.heading", "from", "to", "rounding", "age_switch", "full_rate")
	calcHeadingLeap       = rules.NewCode("calc.heading.leap_birthday", "leap_birthday")
	calcHeadingBenefits   = rules.NewCode("calc.heading.benefit_scope", "scope")
	calcSegments          = rules.NewCode("calc.segments")
	calcInterrupted       = rules.NewCode("calc.segment.interrupted")
	calcSegmentWork       = rules.NewCode("calc.segment.work", "hours", "ref")
	calcSegmentBenefits   = rules.NewCode("calc.segment.other_benefits", "amount", "ref")
	calcMonths            = rules.NewCode("calc.months", "ref")
	calcYears             = rules.NewCode("calc.years")
	calcReductions        = rules.NewCode("calc.reductions")
	calcNotDeducted       = rules.NewCode("calc.not_deducted")
	calcParametersUsed    = rules.NewCode("calc.parameters_used")
	compareBaseline       = rules.NewCode("compare.baseline", "title", "hash")
	compareScenario       = rules.NewCode("compare.scenario", "title", "hash")
	compareEffective      = rules.NewCode("compare.effective_configuration")
	compareLegalBasis     = rules.NewCode("compare.legal_basis", "basis")
	compareSegments       = rules.NewCode("compare.segments")
	compareMonths         = rules.NewCode("compare.months")
	compareYears          = rules.NewCode("compare.years")
	compareTaxYears       = rules.NewCode("compare.tax_years")
	compareTaxBaseline    = rules.NewCode("compare.tax_baseline")
	compareTaxScenario    = rules.NewCode("compare.tax_scenario")
	compareNetBaseline    = rules.NewCode("compare.net_baseline")
	compareNetScenario    = rules.NewCode("compare.net_scenario")
	compareNetDifference  = rules.NewCode("compare.net_difference")
	configFile            = rules.NewCode("config.file", "file")
	configNoFile          = rules.NewCode("config.no_file")
	configParameters      = rules.NewCode("config.parameters")
	configTaxParameters   = rules.NewCode("config.tax_parameters")
	gPerMonth             = rules.NewCode("g.per_month")
	gPerMonthNote         = rules.NewCode("g.per_month_note")
	gAverage              = rules.NewCode("g.average", "year")
	gAverageNote          = rules.NewCode("g.average_note")
	gAverageYear          = rules.NewCode("g.average_year")
	ratesHeading          = rules.NewCode("rates.heading", "date")
	ratesYearly           = rules.NewCode("rates.yearly", "band")
	ratesMonthly          = rules.NewCode("rates.monthly", "band")
	ratesDaily            = rules.NewCode("rates.daily", "band")
	ratesMonthlyNote      = rules.NewCode("rates.monthly_note")
	ratesDailyNote        = rules.NewCode("rates.daily_note", "divisor", "rounding")
	ratesChildPerDay      = rules.NewCode("rates.child_per_day")
	ratesChildPerYear     = rules.NewCode("rates.child_per_year")
	ratesChildPerYearNote = rules.NewCode("rates.child_per_year_note", "divisor")
	taxHeading            = rules.NewCode("tax.heading", "year")
	taxAverageRate        = rules.NewCode("tax.average_rate", "rate")
	taxWageNoFlag         = rules.NewCode("tax.trygdeavgift.wage_no_birth_date_flag", "under", "over", "ref")
	taxWageNoBirthDate    = rules.NewCode("tax.trygdeavgift.wage_no_birth_date")
	taxLowRate            = rules.NewCode("tax.trygdeavgift.low", "age", "year", "bound", "ref")
	taxWageRate           = rules.NewCode("tax.trygdeavgift.wage", "age", "year", "ref")
	taxOver               = rules.NewCode("tax.trygdeavgift.over", "age")
	taxUnder              = rules.NewCode("tax.trygdeavgift.under", "age")
	taxConventionNone     = rules.NewCode("tax.trygdeavgift.convention_no_birth_date", "under", "over", "ref")
	taxConvention         = rules.NewCode("tax.trygdeavgift.convention", "under", "over", "ref")
	taxSection            = rules.NewCode("tax.section.heading", "basis")
	taxSectionFinnmark    = rules.NewCode("tax.section.heading_finnmark", "basis")
	taxSectionStipend     = rules.NewCode("tax.section.stipend")
	taxSectionOther       = rules.NewCode("tax.section.other_income")
	taxWithholding        = rules.NewCode("tax.withholding.heading", "percent")
	taxWithholdingPaidIn  = rules.NewCode("tax.withholding.paid_in")
	taxWithholdingPaid    = rules.NewCode("tax.withholding.paid")
	taxWithheld           = rules.NewCode("tax.withholding.withheld")
	taxWithholdingPaidOut = rules.NewCode("tax.withholding.paid_out")
)

// taxBasisWords name calc.IncomeBasis: by the month paid or earned.
var taxBasisWords = map[calc.IncomeBasis]rules.Code{
	calc.IncomeBasisPaid:   rules.NewCode("tax.basis.paid"),
	calc.IncomeBasisEarned: rules.NewCode("tax.basis.earned"),
}

// The words kvp batch says on stderr; its records and summary are data (JSON
// or CSV), the same in every language.
var (
	batchProgress     = rules.NewCode("batch.progress", "lines")
	batchSummaryLabel = rules.NewCode("batch.summary")
	batchStampLabel   = rules.NewCode("batch.stamp")
)
