package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strconv"
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
	LeapBirthday    string       `json:"leap_birthday,omitempty" yaml:"leap_birthday"`

	// Date is the evaluation date: of the eligibility assessment (kvp check)
	// and of the programme's time used (kvp period). Default today.
	Date            *rules.Date `json:"date,omitempty" yaml:"date"`
	ApplicationDate *rules.Date `json:"application_date,omitempty" yaml:"application_date"`

	// DurationRegime chooses the regime of the programme's length (kvp
	// period, and kvp calc's latest end): start or assessed.
	DurationRegime durationRegimeText `json:"duration_regime,omitempty" yaml:"duration_regime"`

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

	// BenefitVeryLimited is the caseworker's judgement of the benefits that
	// need assessment (KVP-EL-03): yes, no, or left out (unknown).
	BenefitVeryLimited *yesNo `json:"benefit_very_limited,omitempty" yaml:"benefit_very_limited"`
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
	switch amount := bytes.TrimSpace(raw.Amount); {
	case len(amount) == 0 || string(amount) == "null":
		b.Amount = ""
	case amount[0] == '"':
		if err := json.Unmarshal(amount, &b.Amount); err != nil {
			return err
		}
	default:
		b.Amount = string(amount)
	}
	return nil
}

// programmeSection holds the programme's dates (kvp period; kvp calc reads
// the interruptions).
type programmeSection struct {
	Start         *rules.Date        `json:"start,omitempty" yaml:"start"`
	Decisions     []periodText       `json:"decisions,omitempty" yaml:"decisions"`
	Leave         []periodText       `json:"leave,omitempty" yaml:"leave"`
	Interruptions []interruptionText `json:"interruptions,omitempty" yaml:"interruptions"`
	Extended      *yesNo             `json:"extended,omitempty" yaml:"extended"`
}

// interruptionText is an interruption written "FROM..TO", or "FROM.." while
// it is still running.
type interruptionText rules.Interruption

func (p *interruptionText) UnmarshalText(b []byte) error {
	v, err := rules.ParseInterruption(string(b))
	if err != nil {
		return err
	}
	*p = interruptionText(v)
	return nil
}

func (p interruptionText) MarshalText() ([]byte, error) {
	return []byte(rules.Interruption(p).String()), nil
}

// interruptions converts interruption texts to rules interruptions.
func interruptions(ps []interruptionText) []rules.Interruption {
	out := make([]rules.Interruption, len(ps))
	for i, p := range ps {
		out[i] = rules.Interruption(p)
	}
	return out
}

// durationRegimeText is a duration regime in a case file: start, assessed,
// or empty (not given). Another value is an error naming the line and key.
type durationRegimeText string

func (d *durationRegimeText) UnmarshalText(b []byte) error {
	if s := string(b); s != "" && !slices.Contains(rules.DurationRegimes, s) {
		return fmt.Errorf("%q is not one of %s", s, strings.Join(rules.DurationRegimes, ", "))
	}
	*d = durationRegimeText(b)
	return nil
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
// Its errors are one line naming the line and the key, "line 7:
// programme.leave[0]: "2026-03-10..2026-03-01" ends before it starts", for
// both formats. A text of one line (a line of kvp batch) gets no "line 1: ":
// the key says where, and the caller knows which line it gave.
func decodeCase(data []byte) (cf *caseFile, err error) {
	defer func() {
		if err != nil {
			err = errors.New(plainTypes(err.Error()))
		}
	}()
	return decodeCaseText(data)
}

// goTypes are Go type names as decoders print them, and their words.
var goTypes = []struct {
	re   *regexp.Regexp
	word string
}{
	{regexp.MustCompile(`\*?\[\]rules\.Date\b`), "a list of dates"},
	{regexp.MustCompile(`\*?rules\.Date\b`), "a date"},
	{regexp.MustCompile(`\*?main\.caseFile\b`), "a case (an object of case-file keys)"},
	{regexp.MustCompile(`\*?\[\]main\.\w+`), "a list"},
	{regexp.MustCompile(`\*?main\.\w+`), "a mapping"},
	{regexp.MustCompile(`\bgot str\b`), "got text"},
}

// plainTypes replaces Go type names in a decoder's message with words.
func plainTypes(msg string) string {
	for _, t := range goTypes {
		msg = t.re.ReplaceAllString(msg, t.word)
	}
	return msg
}

func decodeCaseText(data []byte) (*caseFile, error) {
	var cf caseFile
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) > 0 && trimmed[0] == '{' {
		// Decode data itself, not trimmed: offsets then count the file's lines.
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&cf); err != nil {
			return nil, oneLineText(trimmed, jsonError(err, data))
		}
		if dec.More() {
			return nil, fmt.Errorf("more than one JSON value: a case file holds one case")
		}
		if err := jsonRepeatedKey(data); err != nil {
			return nil, oneLineText(trimmed, err)
		}
		return &cf, nil
	}
	if err := checkWholeNumbers(data); err != nil {
		return nil, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&cf); err == io.EOF {
		return nil, fmt.Errorf("no case: the file holds only comments")
	} else if err != nil {
		return nil, oneLineText(trimmed, yamlError(err, data))
	}
	return &cf, nil
}

// oneLineText drops the "line 1: " of err's parts when the text is one line.
func oneLineText(trimmed []byte, err error) error {
	if bytes.ContainsAny(trimmed, "\r\n") {
		return err
	}
	msg := strings.TrimPrefix(err.Error(), "line 1: ")
	return errors.New(strings.ReplaceAll(msg, "; line 1: ", "; "))
}

var (
	yamlLine         = regexp.MustCompile(`^line (\d+): `)
	yamlNotFound     = regexp.MustCompile(`^field (\S+) not found in type \S+$`)
	yamlType         = regexp.MustCompile(`^cannot unmarshal !!(\w+)(?: ` + "`" + `([^` + "`" + `]*)` + "`" + `)? into (\S+)$`)
	yamlKeyAgain     = regexp.MustCompile(`^mapping key "((?:[^"\\]|\\.)*)" already defined at line (\d+)$`)
	firstQuoted      = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)
	jsonUnknownField = regexp.MustCompile(`^json: unknown field "((?:[^"\\]|\\.)*)"$`)
)

// yamlError words yaml.v3's errors as one line, each part naming the line
// and the key (programme.leave[0]). An error from inside a value (a date that
// does not exist) carries no line: its first quoted value is looked up in
// the file instead.
func yamlError(err error, data []byte) error {
	parts := []string{err.Error()}
	var te *yaml.TypeError
	if errors.As(err, &te) {
		parts = slices.Clone(te.Errors)
	}
	spots := yamlSpots(data)
	for i, p := range parts {
		parts[i] = yamlPart(strings.TrimPrefix(p, "yaml: "), spots)
	}
	return errors.New(oneLine(strings.Join(parts, "; ")))
}

// yamlPart words one of yaml.v3's error messages.
func yamlPart(msg string, spots []spot) string {
	line := 0
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
	}
	if m := yamlNotFound.FindStringSubmatch(msg); m != nil {
		if sp, ok := spotOn(spots, line, m[1], spotKey); ok {
			return fmt.Sprintf("line %d: unknown field %s", line, sp.path)
		}
		return withLine(line, "unknown field "+m[1])
	}
	if m := yamlKeyAgain.FindStringSubmatch(msg); m != nil {
		key, _ := strconv.Unquote(`"` + m[1] + `"`)
		if sp, ok := spotOn(spots, line, key, spotKey); ok {
			return fmt.Sprintf("line %d: %s: given twice, first at line %s", line, sp.path, m[2])
		}
		return withLine(line, fmt.Sprintf("%s: given twice, first at line %s", key, m[2]))
	}
	if m := yamlType.FindStringSubmatch(msg); m != nil {
		tag, value, want := m[1], m[2], m[3]
		kind := spotScalar
		switch tag {
		case "seq":
			kind = spotList
		case "map":
			kind = spotMap
		}
		sp, ok := spotOn(spots, line, strings.TrimSuffix(value, "..."), kind)
		if ok && kind == spotScalar {
			value = sp.text // the whole value: yaml.v3 cuts long ones short
		}
		got := strings.TrimSpace(tag + " " + value)
		if ok {
			return at(line, sp.path, fmt.Sprintf("expected %s, got %s", want, got))
		}
		return withLine(line, fmt.Sprintf("expected %s, got %s", want, got))
	}
	needle := quotedIn(msg)
	var sp spot
	ok := false
	if line > 0 {
		sp, ok = spotOn(spots, line, needle, spotAny)
	} else if needle != "" {
		sp, ok = spotWithValue(spots, needle)
		line = sp.line
	}
	if ok {
		return at(line, sp.path, msg)
	}
	return withLine(line, msg)
}

// jsonError words encoding/json's errors as one line naming the line and the
// key, as yamlError does. A value's own error (a date that does not exist)
// carries no offset: its first quoted value is looked up in the file.
func jsonError(err error, data []byte) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Errorf("line %d: invalid JSON: %s", lineOf(data, syn.Offset), oneLine(syn.Error()))
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("line %d: invalid JSON: the text ends inside a value", lineOf(data, int64(len(data))))
	case errors.As(err, &typ):
		if sp, ok := jsonTypeSpot(jsonSpots(data), typ); ok {
			return errors.New(at(sp.line, sp.path, fmt.Sprintf("expected %s, got JSON %s", typ.Type, typ.Value)))
		}
		if typ.Field != "" {
			return fmt.Errorf("line %d: %s: expected %s, got JSON %s", lineOf(data, typ.Offset), typ.Field, typ.Type, typ.Value)
		}
		return fmt.Errorf("line %d: expected %s, got JSON %s", lineOf(data, typ.Offset), typ.Type, typ.Value)
	}
	msg := oneLine(err.Error())
	if m := jsonUnknownField.FindStringSubmatch(msg); m != nil {
		key, _ := strconv.Unquote(`"` + m[1] + `"`)
		// The first key of that name where the case file has no such key:
		// "from" is known at the top but not in programme. Quoted, as
		// encoding/json has always said it.
		for _, sp := range jsonSpots(data) {
			if parent, _ := parentPath(sp.path); sp.kind == spotKey && sp.text == key && !knownKey(parent, key) {
				return fmt.Errorf("line %d: unknown field %q", sp.line, sp.path)
			}
		}
		return fmt.Errorf("unknown field %q", key)
	}
	msg = strings.TrimPrefix(msg, "json: ")
	if needle := quotedIn(msg); needle != "" {
		if sp, ok := spotWithValue(jsonSpots(data), needle); ok {
			return errors.New(at(sp.line, sp.path, msg))
		}
	}
	return errors.New(msg)
}

// jsonTypeSpot finds the value a type error is about: by its key path
// (without list indexes, as encoding/json gives it) and by where the value
// ends. An error from a nested decoder (benefitEntry.UnmarshalJSON) counts
// its offset from the object it was given, so that is tried too.
func jsonTypeSpot(spots []spot, e *json.UnmarshalTypeError) (spot, bool) {
	if e.Field == "" {
		return spot{}, false
	}
	objectAt := map[string]int64{} // path → offset of its '{'
	for _, sp := range spots {
		if sp.kind == spotMap {
			objectAt[sp.path] = sp.end - 1
		}
	}
	var first *spot
	for i, sp := range spots {
		if sp.kind == spotKey || listIndex.ReplaceAllString(sp.path, "") != e.Field {
			continue
		}
		if sp.end == e.Offset {
			return sp, true
		}
		if parent, ok := parentPath(sp.path); ok {
			if at, ok := objectAt[parent]; ok && sp.end-at == e.Offset {
				return sp, true
			}
		}
		if first == nil {
			first = &spots[i]
		}
	}
	if first != nil {
		return *first, true
	}
	return spot{}, false
}

var listIndex = regexp.MustCompile(`\[\d+\]`)

// knownKey says whether the case file has a key named key in the object at
// parent (a spot's path), by the JSON names of caseFile's fields.
func knownKey(parent, key string) bool {
	steps := []string{key}
	if parent != "" {
		steps = append(strings.Split(listIndex.ReplaceAllString(parent, ""), "."), key)
	}
	t := reflect.TypeFor[caseFile]()
	for _, step := range steps {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		switch t.Kind() {
		case reflect.Map:
			t = t.Elem() // any key
			continue
		case reflect.Struct:
		default:
			return false
		}
		found := false
		for f := range t.Fields() {
			if name, _, _ := strings.Cut(f.Tag.Get("json"), ","); name == step {
				t, found = f.Type, true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// parentPath returns the path of the object holding the key a path ends in:
// "a.b[0]" for "a.b[0].c".
func parentPath(path string) (string, bool) {
	i := strings.LastIndexByte(path, '.')
	if i < 0 {
		return "", path != ""
	}
	return path[:i], true
}

// Kinds of spot.
const (
	spotAny = iota
	spotKey
	spotScalar
	spotList
	spotMap
)

// spot is a place in a case file: a key, a scalar value, or the start of a
// list or mapping, with the path of the key it belongs to
// ("programme.leave[0]") and its line. The errors of both decoders are
// mapped back to the file through spots.
type spot struct {
	kind int
	path string
	text string // the key, or the scalar as read (without quotes)
	line int
	end  int64 // JSON: the offset just after the token; -1 for YAML
}

// spotOn returns the spot on line whose text is text (or, for a period, one
// of its two dates) and of kind; failing that the first spot on the line of
// kind, or, for spotAny, of any kind: the first one on a line is the key or
// the list item that the line is about.
func spotOn(spots []spot, line int, text string, kind int) (spot, bool) {
	var first *spot
	for i, sp := range spots {
		if sp.line != line || (kind != spotAny && sp.kind != kind) {
			continue
		}
		if text != "" && valueMatches(sp.text, text) {
			return sp, true
		}
		if first == nil {
			first = &spots[i]
		}
	}
	if first != nil {
		return *first, true
	}
	return spot{}, false
}

// spotWithValue returns the first scalar, in file order, that is value or a
// period one of whose dates is value: decoders stop at the first value they
// cannot read, so that is the one.
func spotWithValue(spots []spot, value string) (spot, bool) {
	for _, sp := range spots {
		if sp.kind == spotScalar && valueMatches(sp.text, value) {
			return sp, true
		}
	}
	return spot{}, false
}

// valueMatches says whether a value as written is the value an error quotes:
// the same text, or a FROM..TO period with it at one end (ParsePeriod quotes
// only the date it cannot read).
func valueMatches(written, quoted string) bool {
	written, quoted = strings.TrimSpace(written), strings.TrimSpace(quoted)
	if written == quoted {
		return true
	}
	from, to, ok := strings.Cut(written, "..")
	return ok && (strings.TrimSpace(from) == quoted || strings.TrimSpace(to) == quoted)
}

// quotedIn returns the first Go-quoted string in msg, unquoted; "" if none.
func quotedIn(msg string) string {
	q := firstQuoted.FindString(msg)
	if q == "" {
		return ""
	}
	s, err := strconv.Unquote(q)
	if err != nil {
		return ""
	}
	return s
}

// yamlSpots lists the keys and values of a YAML text in file order; nil when
// it does not parse (the error then has its line already).
func yamlSpots(data []byte) []spot {
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil {
		return nil
	}
	var out []spot
	var walk func(n *yaml.Node, path string)
	walk = func(n *yaml.Node, path string) {
		switch n.Kind {
		case yaml.DocumentNode:
			for _, c := range n.Content {
				walk(c, path)
			}
		case yaml.MappingNode:
			out = append(out, spot{kind: spotMap, path: path, line: n.Line, end: -1})
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i]
				p := joinKey(path, k.Value)
				out = append(out, spot{kind: spotKey, path: p, text: k.Value, line: k.Line, end: -1})
				walk(n.Content[i+1], p)
			}
		case yaml.SequenceNode:
			out = append(out, spot{kind: spotList, path: path, line: n.Line, end: -1})
			for i, c := range n.Content {
				walk(c, fmt.Sprintf("%s[%d]", path, i))
			}
		case yaml.ScalarNode:
			out = append(out, spot{kind: spotScalar, path: path, text: n.Value, line: n.Line, end: -1})
		}
	}
	walk(&doc, "")
	return out
}

// jsonSpots lists the keys and values of a JSON text in file order, as far
// as it parses.
func jsonSpots(data []byte) []spot {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var out []spot
	var walk func(path string) error
	walk = func(path string) error {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		end := dec.InputOffset()
		line := lineOf(data, end)
		switch t := tok.(type) {
		case json.Delim:
			if t == '{' {
				out = append(out, spot{kind: spotMap, path: path, line: line, end: end})
				for dec.More() {
					k, err := dec.Token()
					if err != nil {
						return err
					}
					key, _ := k.(string)
					p := joinKey(path, key)
					out = append(out, spot{kind: spotKey, path: p, text: key, line: lineOf(data, dec.InputOffset()), end: dec.InputOffset()})
					if err := walk(p); err != nil {
						return err
					}
				}
			} else {
				out = append(out, spot{kind: spotList, path: path, line: line, end: end})
				for i := 0; dec.More(); i++ {
					if err := walk(fmt.Sprintf("%s[%d]", path, i)); err != nil {
						return err
					}
				}
			}
			_, err := dec.Token() // the closing delimiter
			return err
		case nil:
			out = append(out, spot{kind: spotScalar, path: path, text: "null", line: line, end: end})
		default:
			out = append(out, spot{kind: spotScalar, path: path, text: fmt.Sprint(t), line: line, end: end})
		}
		return nil
	}
	_ = walk("") // a syntax error ends the list; jsonError reports it
	return out
}

func joinKey(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// at says where msg is about: "line 7: programme.leave[0]: msg"; the line
// or the key is left out when unknown (0, or "" for the whole file).
func at(line int, path, msg string) string {
	if path != "" {
		msg = path + ": " + msg
	}
	return withLine(line, msg)
}

func withLine(line int, msg string) string {
	if line > 0 {
		return fmt.Sprintf("line %d: %s", line, msg)
	}
	return msg
}

func lineOf(data []byte, offset int64) int {
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	if offset < 0 {
		offset = 0
	}
	return bytes.Count(data[:offset], []byte("\n")) + 1
}

// wholeNumberKeys are the case-file keys that hold whole numbers. yaml.v3
// would decode 1.9 into an int as 1; JSON and CSV reject it, and so must YAML.
var wholeNumberKeys = map[string]bool{"children": true, "days": true}

// checkWholeNumbers rejects a YAML case whose whole-number keys hold
// anything but a whole number, naming the line and key.
func checkWholeNumbers(data []byte) error {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil // the strict decode reports it
	}
	var walk func(n *yaml.Node) error
	walk = func(n *yaml.Node) error {
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if wholeNumberKeys[k.Value] && v.Kind == yaml.ScalarNode && v.ShortTag() == "!!float" {
					return fmt.Errorf("line %d: %s: %q is not a whole number", v.Line, k.Value, v.Value)
				}
			}
		}
		for _, c := range n.Content {
			if err := walk(c); err != nil {
				return err
			}
		}
		return nil
	}
	return walk(&root)
}
