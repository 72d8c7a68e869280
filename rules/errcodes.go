package rules

import "strings"

// The shapes of error that every package uses: where a problem is (a line,
// a field) and the common complaints about a value. The value is an
// argument, quoted by the caller where it was typed.
var (
	ErrAtLine     = NewCode("err.at_line", "line", "problem")
	ErrAtField    = NewCode("err.at_field", "field", "problem")
	ErrNotOneOf   = NewCode("err.not_one_of", "value", "choices")
	ErrNegative   = NewCode("err.negative", "value")
	ErrNotANumber = NewCode("err.not_a_number", "value")
	ErrNotWhole   = NewCode("err.not_whole_number", "value")
	ErrMissing    = NewCode("err.missing")
	ErrNotUTF8    = NewCode("err.not_utf8")
	ErrYAMLSyntax = NewCode("err.yaml.syntax", "text") // yaml.v3's own words

	// "expected {want}, got {got}": what a value should be and what it is
	ErrExpected     = NewCode("err.expected", "want", "got")
	ErrUnknownField = NewCode("err.unknown_field", "field")
	GotMapping      = NewCode("err.got.mapping")
	GotList         = NewCode("err.got.list")
	GotText         = NewCode("err.got.text", "value")
	GotValue        = NewCode("err.got.value", "value")
	GotAlias        = NewCode("err.got.alias")
	WantMapping     = NewCode("err.want.mapping")
	WantList        = NewCode("err.want.list")
	WantText        = NewCode("err.want.text")
	WantNumber      = NewCode("err.want.number")
	WantWhole       = NewCode("err.want.whole_number")

	ErrNotARatio        = NewCode("err.param.not_a_ratio", "value")
	ErrBadDenominator   = NewCode("err.param.bad_denominator", "value")
	ErrOutOfRange       = NewCode("err.param.out_of_range", "value", "key", "bound")
	ErrValueNotPositive = NewCode("err.param.not_positive", "value")
	ErrValueNegative    = NewCode("err.param.negative", "value")
	ErrShareRange       = NewCode("err.param.share_range", "value")
	ErrTooPrecise       = NewCode("err.param.too_precise", "value")
	ErrNotWholeKroner   = NewCode("err.param.not_whole_kroner", "value")
	ErrUnknownParameter = NewCode("err.param.unknown", "key", "keys")
	ErrNoValues         = NewCode("err.series.no_values", "name")
	ErrUnsorted         = NewCode("err.series.unsorted", "name", "n", "from", "origin", "previous")
	ErrEntry            = NewCode("err.series.entry", "name", "from", "origin", "err")

	ErrTaxParam       = NewCode("err.tax.param", "year", "key", "problem")
	ErrTaxUnknownKey  = NewCode("err.tax.unknown_parameter")
	ErrNoSteps        = NewCode("err.tax.no_steps")
	ErrNotIncomeYear  = NewCode("err.tax.not_income_year", "year")
	ErrStepsAscend    = NewCode("err.tax.steps_ascend", "from", "step", "previous")
	ErrRatePercent    = NewCode("err.tax.rate_percent", "value")
	ErrRateHint       = NewCode("err.tax.rate_hint", "value", "fraction")
	ErrRate           = NewCode("err.tax.rate", "value")
	ErrAmountNegative = NewCode("err.tax.amount_negative", "value")
	ErrAmountRange    = NewCode("err.tax.amount_range", "value", "max")

	ErrAfterAssessment = NewCode("err.after_assessment_date", "date", "assessment")
	ErrBeforeBirth     = NewCode("err.before_birth_date", "date", "birth")
)

// FieldError is a problem with one field of a set of facts: Field names it
// the way the facts do ("benefits[0].kind"), so that a caller can name it
// its own way (a flag, a case-file key) without rewording the problem.
type FieldError struct {
	Field   string
	Problem Message
	Err     error // the error the problem words, when there is one
}

// FieldErr is err as the problem of field, err kept for errors.As.
func FieldErr(field string, err error) *FieldError {
	return &FieldError{Field: field, Problem: ErrorMessage(err), Err: err}
}

func (e *FieldError) Error() string { return e.Msg().String() }
func (e *FieldError) Unwrap() error { return e.Err }

// Msg is "field: problem".
func (e *FieldError) Msg() Message { return ErrAtField.M(e.Field, e.Problem) }

// origin is where a value came from ("flag", "file:config.yaml"), written
// in the language: the kind is a word, a path stays as it is.
type origin string

var originWords = map[string]Code{
	OriginDefault: NewCode("err.origin.default"),
	OriginFile:    NewCode("err.origin.file"),
	OriginEnv:     NewCode("err.origin.environment"),
	OriginFlag:    NewCode("err.origin.flag"),
	"scenario":    NewCode("err.origin.scenario"),
}

func (o origin) Text(lang string) string {
	kind, rest, hasPath := strings.Cut(string(o), ":")
	c, ok := originWords[kind]
	if !ok {
		return string(o)
	}
	if hasPath {
		return c.T(lang) + ":" + rest
	}
	return c.T(lang)
}

func (o origin) String() string { return string(o) }
