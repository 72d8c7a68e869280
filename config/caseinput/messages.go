package caseinput

import "kvp/rules"

// The words of the case decoder and the item parsers, as codes: a value,
// a key or a path is an argument and stays as the user wrote it.
var (
	codeProblems           = rules.NewCode("err.case.problems", "problems")
	codeProblemsMore       = rules.NewCode("err.case.problems_more", "problems", "n")
	codeNotJSONObject      = rules.NewCode("err.case.not_json_object", "example")
	codeOnlyComments       = rules.NewCode("err.case.only_comments")
	codeSecondYAMLDocument = rules.NewCode("err.case.second_yaml_document")
	codeInvalidJSON        = rules.NewCode("err.case.invalid_json", "reason")
	codeJSONEndsInside     = rules.NewCode("err.case.json_ends_inside")
	codeNestedTooDeep      = rules.NewCode("err.case.nested_too_deep", "depth")
	codeSecondJSONValue    = rules.NewCode("err.case.second_json_value")
	codeExpectedCase       = rules.NewCode("err.case.expected_case", "got")
	codeKeyNotText         = rules.NewCode("err.case.key_not_text", "got")
	codeGivenTwice         = rules.NewCode("err.case.given_twice")
	codeGivenTwiceAt       = rules.NewCode("err.case.given_twice_at", "line")
	codeTooLong            = rules.NewCode("err.case.too_long", "value", "want")
	codeNotIncomeYear      = rules.NewCode("err.case.not_income_year", "value", "min", "max")

	// what a node is, in "expected X, got Y"

	// what a key wants, in "expected X, got Y"
	codeWantMappings      = rules.NewCode("err.case.want.mappings")
	codeWantIncomeMapping = rules.NewCode("err.case.want.income_mapping")
	codeWantDate          = rules.NewCode("err.case.want.date")
	codeWantDates         = rules.NewCode("err.case.want.dates")
	codeWantYesNo         = rules.NewCode("err.case.want.yes_no")
	codeWantPeriod        = rules.NewCode("err.case.want.period")
	codeWantPeriods       = rules.NewCode("err.case.want.periods")
	codeWantInterruption  = rules.NewCode("err.case.want.interruption")
	codeWantYearly        = rules.NewCode("err.case.want.yearly")
	codeWantID            = rules.NewCode("err.case.want.id")

	// the values and the conversion
	codeNotYesNo          = rules.NewCode("err.case.not_yes_no", "value")
	codeNotNumber         = rules.NewCode("err.case.not_number", "value")
	codeChildrenBoth      = rules.NewCode("err.case.children_both")
	codePerDayOrTotal     = rules.NewCode("err.case.per_day_or_total")
	codeNotAMonth         = rules.NewCode("err.case.not_a_month", "value")
	codeAbsenceForm       = rules.NewCode("err.case.absence_form")
	codeWorkHoursForm     = rules.NewCode("err.case.work_hours_form", "err")
	codeOtherBenefitForm  = rules.NewCode("err.case.other_benefit_form", "value")
	codeOtherBenefitAfter = rules.NewCode("err.case.other_benefit_form_after", "err")
	codeAbsenceItemForm   = rules.NewCode("err.case.absence_item_form", "err")
	codeNoneWithBenefits  = rules.NewCode("err.case.none_with_benefits")
	codeNoneWithPeriods   = rules.NewCode("err.case.none_with_periods")
	codeOtherIncomeForm   = rules.NewCode("err.case.other_income_form", "value")
	codeOtherIncomeAmount = rules.NewCode("err.case.other_income_amount", "value")
	codeNotYearly         = rules.NewCode("err.case.not_yearly", "value")
	codeYearlyNegative    = rules.NewCode("err.case.yearly_negative", "value")
	codeChildrenRange     = rules.NewCode("err.case.children_range", "n", "max")
	codePercentRange      = rules.NewCode("err.case.percent_range", "value")

	// CSV
	codeCSVUnknownColumn = rules.NewCode("err.csv.unknown_column", "column", "columns")
	codeCSVColumnTwice   = rules.NewCode("err.csv.column_twice", "column")
	codeCSVFields        = rules.NewCode("err.csv.fields", "fields", "header")
)
