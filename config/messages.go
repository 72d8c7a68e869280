package config

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"kvp/rules"
)

// The words of the configuration's errors, as codes: a path, a key or a
// value is an argument and stays as the user wrote it.
var (
	codeConfigFile       = rules.NewCode("err.config.file", "err")
	codeSetForm          = rules.NewCode("err.set.form", "expr", "keys")
	codeEntryForm        = rules.NewCode("err.config.entry_form")
	codeTaxYearRange     = rules.NewCode("err.config.tax_year", "year", "min", "max")
	codeUnknownTaxParam  = rules.NewCode("err.config.unknown_tax_parameter", "key")
	codeExpectedNumber   = rules.NewCode("err.config.expected_number")
	codeScenarioFile     = rules.NewCode("err.scenario.file", "err")
	codeScenarioEmpty    = rules.NewCode("err.scenario.empty")
	codeScenarioComments = rules.NewCode("err.scenario.only_comments")
	codeScenarioTitle    = rules.NewCode("err.scenario.no_title")
	codeYAMLProblems     = rules.NewCode("err.yaml.problems", "problems")

	// writing a config file (--write)
	codeNoLocation         = rules.NewCode("err.config.no_location")
	codeWriting            = rules.NewCode("err.config.writing", "path", "err")
	codeMergedWouldNotLoad = rules.NewCode("err.config.merged_would_not_load", "err")
	codeKeepingBackup      = rules.NewCode("err.config.keeping_backup", "path", "err")
	codeDanglingLink       = rules.NewCode("err.config.dangling_link", "path", "target")
	codeNotRegular         = rules.NewCode("err.config.not_regular", "path", "kind")
	codeKindOther          = rules.NewCode("err.config.kind.other")
	codeKindDirectory      = rules.NewCode("err.config.kind.directory")
	codeKindDevice         = rules.NewCode("err.config.kind.device")
	codeKindPipe           = rules.NewCode("err.config.kind.pipe")
	codeKindSocket         = rules.NewCode("err.config.kind.socket")
	codeKindSymlink        = rules.NewCode("err.config.kind.symlink")
	codeLocking            = rules.NewCode("err.config.locking", "path", "err")
	codeLockBusy           = rules.NewCode("err.config.lock_busy", "wait", "lock")
	codeWantSettings       = rules.NewCode("err.config.want_settings")
	codeWantParameterKeys  = rules.NewCode("err.config.want_parameter_keys")
	codeWantGEntries       = rules.NewCode("err.config.want_g_entries", "shape")
)

// atLine is "path: line 3: key: problem", a setting's place in a file.
func atLine(path string, line int, key string, problem error) error {
	return rules.Errorf(rules.ErrAtField, path, rules.ErrAtLine.M(line, rules.ErrAtField.M(key, problem)))
}

// yamlMessage words a yaml.v3 error as a message, without Go type names:
// "line 3: unknown field colour", "line 2: expected text, got a list".
func yamlMessage(err error) rules.Message {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		ms := make([]rules.Message, len(te.Errors))
		for i, e := range te.Errors {
			ms[i] = yamlProblem(e)
		}
		return codeYAMLProblems.M(ms)
	}
	return yamlProblem(strings.TrimPrefix(err.Error(), "yaml: "))
}

// yamlProblem words one of yaml.v3's problems, "line 1: field bogus not
// found in type config.file" or "line 1: cannot unmarshal !!str `abc` into
// int"; a syntax error keeps yaml.v3's words.
func yamlProblem(s string) rules.Message {
	s = strings.Join(strings.Fields(s), " ")
	line := 0
	if rest, ok := strings.CutPrefix(s, "line "); ok {
		if n, text, ok := strings.Cut(rest, ": "); ok {
			if l, err := strconv.Atoi(n); err == nil {
				line, s = l, text
			}
		}
	}
	var m rules.Message
	if rest, ok := strings.CutPrefix(s, "field "); ok && strings.Contains(rest, " not found in type ") {
		field, _, _ := strings.Cut(rest, " not found in type ")
		m = rules.ErrUnknownField.M(field)
	} else if rest, ok := strings.CutPrefix(s, "cannot unmarshal !!"); ok && strings.Contains(rest, " into ") {
		got, into, _ := strings.Cut(rest, " into ")
		tag, value, hasValue := strings.Cut(got, " ")
		m = rules.ErrExpected.M(yamlWant(into), yamlGot(tag, strings.Trim(value, "`"), hasValue))
	} else if strings.HasSuffix(s, "UTF-8 octet") {
		m = rules.ErrNotUTF8.M()
	} else {
		m = rules.ErrYAMLSyntax.M(s)
	}
	if line > 0 {
		m = rules.ErrAtLine.M(line, m)
	}
	return m
}

// yamlWant says what a Go type holds: text, a whole number, a list, a mapping.
func yamlWant(goType string) rules.Message {
	switch {
	case goType == "string":
		return rules.WantText.M()
	case strings.HasPrefix(goType, "int") || strings.HasPrefix(goType, "uint"):
		return rules.WantWhole.M()
	case strings.HasPrefix(goType, "float"):
		return rules.WantNumber.M()
	case strings.HasPrefix(goType, "[]"):
		return rules.WantList.M()
	}
	return rules.WantMapping.M()
}

// yamlGot says what a YAML node is: a list, a mapping, text "x", 3.
func yamlGot(tag, value string, hasValue bool) rules.Message {
	switch {
	case tag == "seq":
		return rules.GotList.M()
	case tag == "map":
		return rules.GotMapping.M()
	case tag == "str" && hasValue:
		return rules.GotText.M(strconv.Quote(value))
	case hasValue:
		return rules.GotValue.M(value)
	}
	return rules.GotValue.M(tag)
}

// fromFlag reports whether err is about a value a flag gave: a series
// entry whose origin is rules.OriginFlag.
func fromFlag(err error) bool {
	switch e := err.(type) {
	case nil:
		return false
	case *rules.Error:
		for _, a := range e.Args {
			if o, ok := a.Value.(fmt.Stringer); ok && a.Name == "origin" && o.String() == rules.OriginFlag {
				return true
			}
		}
	}
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		return fromFlag(u.Unwrap())
	case interface{ Unwrap() []error }:
		for _, in := range u.Unwrap() {
			if fromFlag(in) {
				return true
			}
		}
	}
	return false
}
