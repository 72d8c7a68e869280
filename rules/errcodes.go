package rules

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

	ErrAfterAssessment = NewCode("err.after_assessment_date", "date", "assessment")
	ErrBeforeBirth     = NewCode("err.before_birth_date", "date", "birth")
)

// FieldError is a problem with one field of a set of facts: Field names it
// the way the facts do ("benefits[0].kind"), so that a caller can name it
// its own way (a flag, a case-file key) without rewording the problem.
type FieldError struct {
	Field   string
	Problem Message
}

func (e *FieldError) Error() string { return e.Msg().String() }

// Msg is "field: problem".
func (e *FieldError) Msg() Message { return ErrAtField.M(e.Field, e.Problem) }
