package calc

import (
	"strconv"

	"kvp/rules"
)

// The errors of a case that cannot be computed, as codes; each is a
// *rules.FieldError naming the case-file field, so that a caller can name
// its flag instead. A value is an argument, written as the user gave it.
var (
	ErrChildrenRange    = rules.NewCode("err.calc.children_range", "n", "max")
	errToBeforeFrom     = rules.NewCode("err.calc.to_before_from", "to", "from")
	errPeriodTooLong    = rules.NewCode("err.calc.period_too_long", "years")
	errBornInPeriod     = rules.NewCode("err.calc.born_in_period", "birth", "from")
	errTooManyChildren  = rules.NewCode("err.calc.too_many_children", "max")
	errChildAfterPeriod = rules.NewCode("err.calc.child_after_period", "birth", "to")
	errHoursNegative    = rules.NewCode("err.calc.hours_negative", "hours")
	errHoursOverWeek    = rules.NewCode("err.calc.hours_over_week", "hours")
	errNotInsidePeriod  = rules.NewCode("err.calc.not_inside_period", "value", "period")
	errOverlaps         = rules.NewCode("err.calc.overlaps", "period", "other")
	errKindNotDeducted  = rules.NewCode("err.calc.kind_not_deducted", "value", "kinds", "not_deducted")
	errAmountNegative   = rules.NewCode("err.calc.amount_negative")
	errAbsenceHours     = rules.NewCode("err.calc.absence_hours", "hours")
	errAbsenceDays      = rules.NewCode("err.calc.absence_days", "days")
	errPercentRange     = rules.NewCode("err.calc.percent_range", "value")
	errProgrammeBegan   = rules.NewCode("err.calc.programme_began", "err")
	errNoStipendParams  = rules.NewCode("err.calc.no_stipend_parameters", "date")
)

// fieldErr is the problem m with the case-file field field.
func fieldErr(field string, m rules.Message) error {
	return &rules.FieldError{Field: field, Problem: m}
}

// notOneOf is `"x" is not one of a, b`.
func notOneOf(value, choices string) rules.Message {
	return rules.ErrNotOneOf.M(strconv.Quote(value), choices)
}
