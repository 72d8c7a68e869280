package config

import (
	"fmt"
	"strconv"
	"strings"

	"kvp/rules"
)

// The words of the configuration's errors, as codes: a path, a key or a
// value is an argument and stays as the user wrote it.
var (
	codeConfigFile       = rules.NewCode("err.config.file", "err")
	codeAsOfNoG          = rules.NewCode("err.as_of.no_g", "as_of", "g_from", "known_from")
	codeSetForm          = rules.NewCode("err.set.form", "expr", "keys")
	codeEntryForm        = rules.NewCode("err.config.entry_form")
	codeTaxYearRange     = rules.NewCode("err.config.tax_year", "year", "min", "max")
	codeUnknownTaxParam  = rules.NewCode("err.config.unknown_tax_parameter", "key")
	codeExpectedNumber   = rules.NewCode("err.config.expected_number")
	codeBasedOnYear      = rules.NewCode("err.config.based_on_year", "value")
	codeBasedOnUnknown   = rules.NewCode("err.config.based_on_unknown", "year", "years")
	codeSetTaxYear       = rules.NewCode("err.set.tax_year", "value")
	codeSetTaxUnknown    = rules.NewCode("err.set.tax_year_unknown", "year", "years")
	codeScenarioFile     = rules.NewCode("err.scenario.file", "err")
	codeScenarioEmpty    = rules.NewCode("err.scenario.empty")
	codeScenarioComments = rules.NewCode("err.scenario.only_comments")
	codeScenarioTitle    = rules.NewCode("err.scenario.no_title")
	codeYAMLProblems     = rules.NewCode("err.yaml.problems", "problems")
	codeYAMLProblemsMore = rules.NewCode("err.yaml.problems_more", "problems", "n")

	// reading a config or scenario file strictly
	codeSecondDocConfig   = rules.NewCode("err.config.second_document")
	codeSecondDocScenario = rules.NewCode("err.scenario.second_document")
	codeWantSettingsMap   = rules.NewCode("err.config.want.settings")
	codeKeyNotText        = rules.NewCode("err.config.key_not_text", "got")
	codeGivenTwice        = rules.NewCode("err.config.given_twice")
	codeGivenTwiceAt      = rules.NewCode("err.config.given_twice_at", "line")
	codeDateTwice         = rules.NewCode("err.config.date_twice", "date", "line")

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

// yamlMessage is yaml.v3's syntax error as a message: its line and its
// text, in yaml.v3's own words ("line 2: did not find expected key"), but
// for text that is not UTF-8.
func yamlMessage(err error) rules.Message {
	s := strings.Join(strings.Fields(strings.TrimPrefix(err.Error(), "yaml: ")), " ")
	line := 0
	if rest, ok := strings.CutPrefix(s, "line "); ok {
		if n, text, ok := strings.Cut(rest, ": "); ok {
			if l, err := strconv.Atoi(n); err == nil {
				line, s = l, text
			}
		}
	}
	m := rules.ErrYAMLSyntax.M(s)
	if strings.HasSuffix(s, "UTF-8 octet") {
		m = rules.ErrNotUTF8.M()
	}
	if line > 0 {
		m = rules.ErrAtLine.M(line, m)
	}
	return m
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
