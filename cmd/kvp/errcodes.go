package main

import (
	"errors"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"kvp/rules"
)

// The errors of the command line and of reading a user's file, as codes. A
// flag, a path or a value is an argument and stays as the user wrote it.
var (
	errRequired        = rules.NewCode("err.usage.required", "flag")
	errRequiredOr      = rules.NewCode("err.usage.required_or", "flag", "key")
	errRequiredBoth    = rules.NewCode("err.usage.required_both", "flag", "other")
	errExclusive       = rules.NewCode("err.usage.children_exclusive")
	errYearRange       = rules.NewCode("err.usage.year_range", "year", "min", "max")
	errIncome          = rules.NewCode("err.usage.income", "value")
	errAfterIncomeYear = rules.NewCode("err.usage.after_income_year", "date", "year")
	errMonths          = rules.NewCode("err.usage.months", "n")
	errFileRequired    = rules.NewCode("err.usage.file_required")
	errFromTo          = rules.NewCode("err.usage.from_to", "n", "min", "max")
	errBaselineNeeds   = rules.NewCode("err.usage.baseline_needs_scenario")
	errScenarioNeeded  = rules.NewCode("err.usage.scenario_required")
	errNoArguments     = rules.NewCode("err.usage.no_arguments", "command", "arg")
	errImportArgs      = rules.NewCode("err.usage.import_args", "n")
	errNotURL          = rules.NewCode("err.usage.not_url", "value")
	errNotPositive     = rules.NewCode("err.usage.not_positive", "value")
	errInteractiveFile = rules.NewCode("err.usage.interactive_stdin")
	errAfterAssessment = rules.NewCode("err.usage.after_assessment", "date", "assessment")
	errBeforeBirth     = rules.NewCode("err.usage.before_birth", "date", "birth")
	errBeforeApply     = rules.NewCode("err.usage.before_application", "date", "application")
	errAnswerTooLong   = rules.NewCode("err.usage.answer_too_long", "bytes")
	errReadingAnswer   = rules.NewCode("err.usage.reading_answer", "fact", "err")

	// cobra's and pflag's own errors, worded from their parts
	errUnknownFlag      = rules.NewCode("err.flag.unknown", "flag")
	errUnknownShorthand = rules.NewCode("err.flag.unknown_shorthand", "flag", "group")
	errNeedsArgument    = rules.NewCode("err.flag.needs_argument", "flag")
	errNeedsArgumentIn  = rules.NewCode("err.flag.needs_argument_in", "flag", "group")
	errInvalidArgument  = rules.NewCode("err.flag.invalid_argument", "value", "flag", "reason")
	errBadFlagSyntax    = rules.NewCode("err.flag.bad_syntax", "flag")
	errNotTrueFalse     = rules.NewCode("err.flag.not_true_false", "value", "flag")
	errUnknownCommand   = rules.NewCode("err.usage.unknown_command", "command", "path")
	errUnknownCommandOr = rules.NewCode("err.usage.unknown_command_suggest", "command", "path", "suggestions")

	// a user's file
	errCaseFile      = rules.NewCode("err.file.case_file", "err")
	errBatchInput    = rules.NewCode("err.file.batch_input", "err")
	errIsDirectory   = rules.NewCode("err.file.is_directory", "path")
	errLargerThan    = rules.NewCode("err.file.larger_than", "mib")
	errEmptyFile     = rules.NewCode("err.file.empty")
	errNoCSVHeader   = rules.NewCode("err.file.no_csv_header")
	errLinesFailed   = rules.NewCode("err.batch.lines_failed", "failed", "lines", "first")
	errEmptyLine     = rules.NewCode("err.batch.empty_line")
	errWritingOutput = rules.NewCode("err.output.writing", "err")
	errWritingResult = rules.NewCode("err.batch.writing", "err")
	errInterruptedBy = rules.NewCode("err.batch.interrupted", "signal", "records")
	errLineLong      = rules.NewCode("err.batch.line_too_long", "bytes")
	errCSVAt         = rules.NewCode("err.batch.csv_at", "line", "column", "err")
	errCSV           = rules.NewCode("err.batch.csv", "err")
	errCSVHeader     = rules.NewCode("err.batch.csv_header", "err")
)

// usageErrorf reports a wrong command line (exit code 2): the error saying c.
func usageErrorf(c rules.Code, args ...any) error {
	return &codeError{code: exitUsage, err: rules.Errorf(c, args...)}
}

// usageError is err as a wrong command line (exit code 2).
func usageError(err error) error { return &codeError{code: exitUsage, err: err} }

// flagUsageError is "--flag: problem" as a wrong command line.
func flagUsageError(flag string, err error) error {
	return usageError(rules.FieldErr("--"+flag, err))
}

// flagError words pflag's errors from their parts (the flag, the value, the
// cause), so that they are codes like every other: cobra's SetFlagErrorFunc.
func flagError(_ *cobra.Command, err error) error {
	var (
		notExist *pflag.NotExistError
		required *pflag.ValueRequiredError
		invalid  *pflag.InvalidValueError
		syntax   *pflag.InvalidSyntaxError
	)
	switch {
	case errors.As(err, &notExist):
		if group := notExist.GetSpecifiedShortnames(); group != "" {
			err = rules.Errorf(errUnknownShorthand, strconv.QuoteRune(rune(notExist.GetSpecifiedName()[0])), "-"+group)
		} else {
			err = rules.Errorf(errUnknownFlag, "--"+notExist.GetSpecifiedName())
		}
	case errors.As(err, &required):
		if group := required.GetSpecifiedShortnames(); group != "" {
			err = rules.Errorf(errNeedsArgumentIn, strconv.QuoteRune(rune(required.GetSpecifiedName()[0])), "-"+group)
		} else {
			err = rules.Errorf(errNeedsArgument, "--"+required.GetSpecifiedName())
		}
	case errors.As(err, &invalid):
		f := invalid.GetFlag()
		name := "--" + f.Name
		if f.Shorthand != "" && f.ShorthandDeprecated == "" {
			name = "-" + f.Shorthand + ", --" + f.Name
		}
		reason := rules.ErrorMessage(errors.Unwrap(invalid))
		var num *strconv.NumError
		if errors.As(invalid, &num) {
			reason = rules.ErrNotWhole.M(rules.Quote(num.Num))
			if num.Func == "ParseBool" { // a switch such as --explain=maybe
				reason = errNotTrueFalse.M(rules.Quote(num.Num), "--"+f.Name)
			}
		}
		err = rules.Errorf(errInvalidArgument, rules.Quote(invalid.GetValue()), strconv.Quote(name), reason)
	case errors.As(err, &syntax):
		err = rules.Errorf(errBadFlagSyntax, syntax.GetSpecifiedFlag())
	}
	return usageError(err)
}

// cobraError words cobra's one error that is not a flag's, `unknown command
// "clac" for "kvp"` (a plain text: its word is cut out of it), as a usage
// error with cobra's suggestions. Any other error is returned as it is.
func cobraError(root *cobra.Command, err error) error {
	rest, ok := strings.CutPrefix(err.Error(), "unknown command ")
	if !ok {
		return err
	}
	quoted, qerr := strconv.QuotedPrefix(rest)
	if qerr != nil {
		return usageError(err)
	}
	word, _ := strconv.Unquote(quoted)
	if s := root.SuggestionsFor(word); len(s) > 0 {
		return usageErrorf(errUnknownCommandOr, quoted, strconv.Quote(root.CommandPath()), rules.Items(commandWords(s)))
	}
	return usageErrorf(errUnknownCommand, quoted, strconv.Quote(root.CommandPath()))
}

// commandWords are command names as messages (a name is not translated).
func commandWords(names []string) []rules.Message {
	out := make([]rules.Message, len(names))
	for i, n := range names {
		out[i] = rules.GotValue.M(n)
	}
	return out
}
