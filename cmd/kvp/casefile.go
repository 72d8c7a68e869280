package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"kvp/rules"
)

// maxCaseFileSize bounds a case file; no real case comes near it.
const maxCaseFileSize = 4 << 20

// caseFile is one case: the keys mirror the flags in snake_case, so that a
// case file, a flag set and one line of a batch all say the same thing.
// Sections for the other commands are optional.
type caseFile struct {
	BirthDate       *rules.Date  `json:"birth_date,omitempty" yaml:"birth_date"`
	From            *rules.Date  `json:"from,omitempty" yaml:"from"`
	To              *rules.Date  `json:"to,omitempty" yaml:"to"`
	Children        *int         `json:"children,omitempty" yaml:"children"`
	ChildBirthDates []rules.Date `json:"child_birth_dates,omitempty" yaml:"child_birth_dates"`
	Rounding        string       `json:"rounding,omitempty" yaml:"rounding"`
	AgeSwitch       string       `json:"age_switch,omitempty" yaml:"age_switch"`

	// Date is the evaluation date: of the eligibility assessment (kvp check)
	// and of the programme's time used (kvp period). Default today.
	Date            *rules.Date `json:"date,omitempty" yaml:"date"`
	ApplicationDate *rules.Date `json:"application_date,omitempty" yaml:"application_date"`

	Eligibility *eligibilitySection `json:"eligibility,omitempty" yaml:"eligibility"`
	Programme   *programmeSection   `json:"programme,omitempty" yaml:"programme"`

	// Reductions (kvp calc).
	WorkHours     []workEntry         `json:"work_hours,omitempty" yaml:"work_hours"`
	OtherBenefits []otherBenefitEntry `json:"other_benefits,omitempty" yaml:"other_benefits"`
	Absence       []absenceEntry      `json:"absence,omitempty" yaml:"absence"`
	NotDeducted   []notDeductedEntry  `json:"not_deducted,omitempty" yaml:"not_deducted"`
	BenefitScope  string              `json:"benefit_scope,omitempty" yaml:"benefit_scope"`

	// Tax-relevant amounts (kvp calc).
	OtherIncome        map[int]number `json:"other_income,omitempty" yaml:"other_income"` // income year → other personal income
	Finnmark           *yesNo         `json:"finnmark,omitempty" yaml:"finnmark"`
	WithholdingPercent *number        `json:"withholding_percent,omitempty" yaml:"withholding_percent"`
	IncomeYear         string         `json:"income_year,omitempty" yaml:"income_year"` // paid or earned
}

// eligibilitySection holds the facts of sotjl. § 29 (kvp check). A missing
// key is an unknown fact.
type eligibilitySection struct {
	ReducedCapacity *yesNo          `json:"reduced_capacity,omitempty" yaml:"reduced_capacity"`
	AssessmentDone  *yesNo          `json:"assessment_done,omitempty" yaml:"assessment_done"`
	FollowUpNeeded  *yesNo          `json:"follow_up_needed,omitempty" yaml:"follow_up_needed"`
	Benefits        *[]benefitEntry `json:"benefits,omitempty" yaml:"benefits"` // present and empty: none
	Residence       string          `json:"residence,omitempty" yaml:"residence"`
	FixedAbode      *yesNo          `json:"fixed_abode,omitempty" yaml:"fixed_abode"`
	YouthProgramme  *yesNo          `json:"youth_programme,omitempty" yaml:"youth_programme"`
	Previous        *[]periodText   `json:"previous,omitempty" yaml:"previous"` // present and empty: none
}

// benefitEntry is a benefit received: kind, and a yearly amount or "full".
type benefitEntry struct {
	Kind   string `json:"kind" yaml:"kind"`
	Amount string `json:"amount,omitempty" yaml:"amount"` // "full" or a yearly amount in kroner
}

// UnmarshalJSON accepts the amount as a JSON number or string.
func (b *benefitEntry) UnmarshalJSON(data []byte) error {
	var raw struct {
		Kind   string          `json:"kind"`
		Amount json.RawMessage `json:"amount"`
	}
	if err := jsonStrict(data, &raw); err != nil {
		return err
	}
	b.Kind = raw.Kind
	b.Amount = strings.Trim(string(raw.Amount), `"`)
	return nil
}

// programmeSection holds the programme's dates (kvp period; kvp calc reads
// the interruptions).
type programmeSection struct {
	Start         *rules.Date  `json:"start,omitempty" yaml:"start"`
	Decisions     []periodText `json:"decisions,omitempty" yaml:"decisions"`
	Leave         []periodText `json:"leave,omitempty" yaml:"leave"`
	Interruptions []periodText `json:"interruptions,omitempty" yaml:"interruptions"`
	Extended      *yesNo       `json:"extended,omitempty" yaml:"extended"`
}

// yesNo is a yes/no fact: yes, no, true or false (JSON booleans too).
type yesNo bool

func (y *yesNo) UnmarshalText(b []byte) error {
	v, err := parseYesNo(string(b))
	*y = yesNo(v)
	return err
}

func (y *yesNo) UnmarshalJSON(b []byte) error {
	return y.UnmarshalText(bytes.Trim(b, `"`))
}

func (y *yesNo) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: expected yes or no", n.Line)
	}
	if err := y.UnmarshalText([]byte(n.Value)); err != nil {
		return fmt.Errorf("line %d: %w", n.Line, err)
	}
	return nil
}

func (y yesNo) MarshalText() ([]byte, error) {
	if y {
		return []byte("yes"), nil
	}
	return []byte("no"), nil
}

// parseYesNo reads yes/no (also true/false, ja/nei).
func parseYesNo(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "yes", "true", "ja", "y":
		return true, nil
	case "no", "false", "nei", "n":
		return false, nil
	}
	return false, fmt.Errorf("%q is not yes or no", s)
}

// boolPtr converts an optional yes/no fact.
func boolPtr(y *yesNo) *bool {
	if y == nil {
		return nil
	}
	b := bool(*y)
	return &b
}

// periods converts period texts to rules periods.
func periods(ps []periodText) []rules.Period {
	out := make([]rules.Period, len(ps))
	for i, p := range ps {
		out[i] = rules.Period(p)
	}
	return out
}

// periodText is a period written "FROM..TO" in a file or on the command line.
type periodText rules.Period

func (p *periodText) UnmarshalText(b []byte) error {
	v, err := rules.ParsePeriod(string(b))
	if err != nil {
		return err
	}
	*p = periodText(v)
	return nil
}

func (p periodText) MarshalText() ([]byte, error) { return []byte(rules.Period(p).String()), nil }

// readCaseFile reads a case from path, or from stdin when path is "-".
// JSON and YAML are both accepted; unknown keys and wrong types are errors
// that name the file and the field.
func readCaseFile(path string, stdin io.Reader) (*caseFile, error) {
	data, name, err := readInput(path, stdin)
	if err != nil {
		return nil, err
	}
	cf, err := decodeCase(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return cf, nil
}

// readInput reads a whole file (or stdin for "-") with the size, directory and
// UTF-8 checks every user file gets.
func readInput(path string, stdin io.Reader) ([]byte, string, error) {
	name := path
	var r io.Reader
	if path == "-" {
		name = "stdin"
		r = stdin
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, name, fmt.Errorf("case file: %w", err)
		}
		defer f.Close()
		if fi, err := f.Stat(); err == nil && fi.IsDir() {
			return nil, name, fmt.Errorf("case file: %s is a directory, not a file", path)
		}
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(bufio.NewReader(r), maxCaseFileSize+1))
	if err != nil {
		return nil, name, fmt.Errorf("%s: %w", name, err)
	}
	if len(data) > maxCaseFileSize {
		return nil, name, fmt.Errorf("%s: larger than %d MiB", name, maxCaseFileSize>>20)
	}
	if !utf8.Valid(data) {
		return nil, name, fmt.Errorf("%s: not UTF-8 text", name)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, name, fmt.Errorf("%s: empty", name)
	}
	return data, name, nil
}

// decodeCase decodes JSON (when the text starts with '{') or YAML, strictly.
func decodeCase(data []byte) (*caseFile, error) {
	var cf caseFile
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) > 0 && trimmed[0] == '{' {
		dec := json.NewDecoder(bytes.NewReader(trimmed))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&cf); err != nil {
			return nil, jsonError(err, trimmed)
		}
		if dec.More() {
			return nil, fmt.Errorf("more than one JSON value: a case file holds one case")
		}
		return &cf, nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&cf); err != nil {
		return nil, yamlError(err)
	}
	return &cf, nil
}

var yamlNotFound = regexp.MustCompile(`field (\S+) not found in type \S+`)
var yamlType = regexp.MustCompile(`cannot unmarshal !!(\w+) ` + "`" + `([^` + "`" + `]*)` + "`" + ` into (\S+)`)

// yamlError words yaml.v3's errors as one line naming the line and the field.
func yamlError(err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:\n")
	msg = yamlNotFound.ReplaceAllString(msg, "unknown field $1")
	msg = yamlType.ReplaceAllString(msg, "expected $3, got $1 $2")
	return fmt.Errorf("%s", strings.Join(strings.Fields(strings.ReplaceAll(msg, "\n", "; ")), " "))
}

// jsonError words encoding/json's errors with the field and the line.
func jsonError(err error, data []byte) error {
	switch e := err.(type) {
	case *json.SyntaxError:
		return fmt.Errorf("line %d: invalid JSON: %v", lineOf(data, e.Offset), e)
	case *json.UnmarshalTypeError:
		return fmt.Errorf("line %d: %s: expected %s, got JSON %s", lineOf(data, e.Offset), e.Field, e.Type, e.Value)
	}
	msg := err.Error()
	if f, ok := strings.CutPrefix(msg, "json: unknown field "); ok {
		return fmt.Errorf("unknown field %s", f)
	}
	return fmt.Errorf("%s", strings.TrimPrefix(msg, "json: "))
}

func lineOf(data []byte, offset int64) int {
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	return bytes.Count(data[:offset], []byte("\n")) + 1
}
