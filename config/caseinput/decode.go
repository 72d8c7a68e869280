package caseinput

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"kvp/config"
	"kvp/rules"
)

// The decoder reads a case from a yaml.Node tree: YAML as yaml.v3 parses it,
// JSON as encoding/json tokenizes it (yaml.v3 refuses some valid JSON, such
// as "\/" and surrogate pairs). Each problem is worded where it is found,
// with its line and key path, so nothing is reworded afterwards; the walk
// over the tree is linear, and only the first few problems are worded.

// maxShown is how many problems an error shows; the rest are counted.
const maxShown = 5

// maxValue bounds a value's text: nothing a case holds is longer, and an
// error never echoes more than the start of one.
const maxValue = 256

// maxDepth bounds the nesting of a JSON text; a case is four levels deep.
const maxDepth = 64

// Error lists what is wrong with a case text: the first problems in the
// order of the text, each "line 7: programme.leave[0]: …", and how many
// more there are.
type Error struct {
	Problems []Problem
	More     int
	// ID is the case's id when it could be read, so that a batch's error
	// record still names it.
	ID *ID
}

// Problem is one thing wrong in a case text: where (the line, 0 in a text of
// one line, and the key path) and what, as a message.
type Problem struct {
	Line int
	Path string
	Msg  rules.Message
}

// Msg is the problem as "line 7: programme.leave[0]: …".
func (p Problem) Message() rules.Message {
	m := p.Msg
	if p.Path != "" {
		m = rules.ErrAtField.M(p.Path, m)
	}
	if p.Line > 0 {
		m = rules.ErrAtLine.M(p.Line, m)
	}
	return m
}

// Msg is the problems, "; " between, and "and N more".
func (e *Error) Msg() rules.Message {
	ms := make([]rules.Message, len(e.Problems))
	for i, p := range e.Problems {
		ms[i] = p.Message()
	}
	if e.More > 0 {
		return codeProblemsMore.M(ms, e.More)
	}
	return codeProblems.M(ms)
}

func (e *Error) Error() string { return e.Msg().String() }

// Decode reads a case file: JSON when its text starts with '{', else YAML.
// A text of one line (a batch line) gets no "line 1: ": the key says where,
// and the caller knows which line it gave.
func Decode(data []byte) (*Case, error) {
	if t := bytes.TrimSpace(data); len(t) > 0 && t[0] == '{' {
		return DecodeJSON(data)
	}
	d := newDecoder(data, false)
	root, line, msg := yamlRoot(data)
	if msg.Code != "" {
		return nil, d.whole(line, msg)
	}
	return d.decode(root)
}

// DecodeJSON reads a JSON text only: a line of kvp batch is JSON, and YAML
// (also YAML's flow style, {birth_date: 1990-01-01}) is refused there.
func DecodeJSON(data []byte) (*Case, error) {
	t := bytes.TrimSpace(data)
	if len(t) == 0 || t[0] != '{' {
		return nil, newDecoder(data, true).whole(0, codeNotJSONObject.M(`{"birth_date": …}`))
	}
	if c, ok := decodeDirect(data); ok {
		return c, nil
	}
	return decodeJSONNodes(data)
}

// decodeJSONNodes is DecodeJSON through the node tree: the reference that
// decodeDirect agrees with, and the path that words every problem.
func decodeJSONNodes(data []byte) (*Case, error) {
	d := newDecoder(data, true)
	t := bytes.TrimSpace(data)
	if len(t) == 0 || t[0] != '{' {
		return nil, d.whole(0, codeNotJSONObject.M(`{"birth_date": …}`))
	}
	root, line, msg := jsonRoot(data)
	if msg.Code != "" {
		return nil, d.whole(line, msg)
	}
	return d.decode(root)
}

func newDecoder(data []byte, isJSON bool) *decoder {
	return &decoder{json: isJSON, oneLine: !bytes.ContainsAny(bytes.TrimSpace(data), "\r\n")}
}

// yamlRoot parses one YAML document; a second one is an error. The error
// comes with its line, or 0.
func yamlRoot(data []byte) (*yaml.Node, int, rules.Message) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err == io.EOF {
		return nil, 0, codeOnlyComments.M()
	} else if err != nil {
		line, msg := yamlError(err)
		return nil, line, msg
	}
	var next yaml.Node
	if err := dec.Decode(&next); err != io.EOF {
		line := next.Line
		if err != nil {
			line = 0
		}
		return nil, line, codeSecondYAMLDocument.M()
	}
	if len(doc.Content) == 0 {
		return nil, 0, codeOnlyComments.M()
	}
	return doc.Content[0], 0, rules.Message{}
}

// yamlError is yaml.v3's syntax error, "yaml: line 2: did not find expected
// key", as its line and its text (yaml.v3's own words).
func yamlError(err error) (int, rules.Message) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if n, text, ok := strings.Cut(rest, ": "); ok {
			if line, err := strconv.Atoi(n); err == nil {
				return line, rules.ErrYAMLSyntax.M(text)
			}
		}
	}
	return 0, rules.ErrYAMLSyntax.M(msg)
}

// jsonError is a JSON text that cannot be read: its line (or 0) and why.
type jsonError struct {
	line int
	msg  rules.Message
}

func (e *jsonError) Error() string { return e.msg.String() }

// jsonRoot builds the node tree of a JSON text, each node with its line.
// The error comes with its line, or 0. scanJSON builds the tree of a valid
// text; jsonTree finds and words what is wrong with any other.
func jsonRoot(data []byte) (*yaml.Node, int, rules.Message) {
	if root, ok := scanJSON(data); ok {
		return root, 0, rules.Message{}
	}
	return jsonTree(data)
}

// jsonTree is jsonRoot through encoding/json's tokenizer: its errors are
// encoding/json's own words.
func jsonTree(data []byte) (*yaml.Node, int, rules.Message) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	lc := lineCounter{data: data, line: 1}
	fail := func(err error) error {
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			return &jsonError{lc.at(syn.Offset), codeInvalidJSON.M(syn.Error())}
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return &jsonError{lc.at(int64(len(data))), codeInvalidJSON.M(codeJSONEndsInside.M())}
		}
		return &jsonError{0, codeInvalidJSON.M(rules.ErrorMessage(err))}
	}
	var value func(depth int) (*yaml.Node, error)
	value = func(depth int) (*yaml.Node, error) {
		tok, err := dec.Token()
		if err != nil {
			return nil, fail(err)
		}
		n := &yaml.Node{Line: lc.at(dec.InputOffset())}
		switch t := tok.(type) {
		case json.Delim:
			if depth >= maxDepth {
				return nil, &jsonError{n.Line, codeNestedTooDeep.M(maxDepth)}
			}
			n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
			if t == '{' {
				n.Kind, n.Tag = yaml.MappingNode, "!!map"
			}
			for dec.More() {
				if n.Kind == yaml.MappingNode {
					k, err := dec.Token()
					if err != nil {
						return nil, fail(err)
					}
					key, _ := k.(string)
					n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Style: yaml.DoubleQuotedStyle, Value: key, Line: lc.at(dec.InputOffset())})
				}
				c, err := value(depth + 1)
				if err != nil {
					return nil, err
				}
				n.Content = append(n.Content, c)
			}
			if _, err := dec.Token(); err != nil { // the closing delimiter
				return nil, fail(err)
			}
		case string:
			n.Kind, n.Tag, n.Style, n.Value = yaml.ScalarNode, "!!str", yaml.DoubleQuotedStyle, t
		case json.Number:
			n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!int", string(t)
			if strings.ContainsAny(n.Value, ".eE") {
				n.Tag = "!!float"
			}
		case bool:
			n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!bool", strconv.FormatBool(t)
		case nil:
			n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!null", "null"
		}
		return n, nil
	}
	root, err := value(0)
	if err != nil {
		je := err.(*jsonError)
		return nil, je.line, je.msg
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, 0, codeSecondJSONValue.M()
	}
	return root, 0, rules.Message{}
}

// lineCounter gives the line of an offset, counting on from the last one.
type lineCounter struct {
	data []byte
	off  int64
	line int
}

func (c *lineCounter) at(off int64) int {
	off = min(max(off, 0), int64(len(c.data)))
	if off < c.off {
		c.off, c.line = 0, 1
	}
	c.line += bytes.Count(c.data[c.off:off], []byte{'\n'})
	c.off = off
	return c.line
}

// decoder walks a node tree into a Case, keeping the first problems.
type decoder struct {
	json     bool // keys match letter case aside, as encoding/json matches them; text must be a JSON string
	oneLine  bool // the text is one line: problems carry no line
	problems []Problem
	count    int
	paths    []path // paths are taken from here, a block at a time
}

// path is where a node is: a key or a list index under its parent.
type path struct {
	up    *path
	key   string
	index int // for a list item; key is then ""
}

func (p *path) field(k string) *path { return &path{up: p, key: k} }

// field and item are the paths of a key and a list item under p, from the
// decoder's blocks: a case has a path per key, one allocation each would be
// a large share of a batch line's.
func (d *decoder) field(p *path, k string) *path { return d.path(path{up: p, key: k}) }
func (d *decoder) item(p *path, i int) *path     { return d.path(path{up: p, index: i}) }

func (d *decoder) path(v path) *path {
	if len(d.paths) == cap(d.paths) {
		d.paths = make([]path, 0, 16)
	}
	d.paths = append(d.paths, v)
	return &d.paths[len(d.paths)-1]
}

func (p *path) String() string {
	var parts []*path
	for q := p; q != nil && (q.key != "" || q.up != nil); q = q.up {
		parts = append(parts, q)
	}
	var b strings.Builder
	for i := len(parts) - 1; i >= 0; i-- {
		q := parts[i]
		switch {
		case q.key == "":
			b.WriteString("[" + strconv.Itoa(q.index) + "]")
		default:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(keyText(q.key))
		}
	}
	return b.String()
}

// keyText writes a key as it goes into a path: as it is when plain, else quoted.
func keyText(k string) string {
	for _, r := range k {
		if !(r == '_' || r == '-' || '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') {
			return rules.Quote(k)
		}
	}
	if len(k) > rules.QuoteMax {
		return rules.Quote(k)
	}
	return k
}

// whole reports an error about the whole text (a syntax error, with its
// line or 0).
func (d *decoder) whole(line int, msg rules.Message) error {
	if d.oneLine && line == 1 {
		line = 0
	}
	return &Error{Problems: []Problem{{Line: line, Msg: msg}}}
}

// fail records a problem at line with the value at p: "line 3: children: msg".
func (d *decoder) fail(line int, p *path, msg rules.Message) {
	d.count++
	if d.count > maxShown {
		return
	}
	d.add(line, p.String(), msg)
}

func (d *decoder) add(line int, path string, msg rules.Message) {
	if d.oneLine {
		line = 0
	}
	d.problems = append(d.problems, Problem{Line: line, Path: path, Msg: msg})
}

func (d *decoder) decode(root *yaml.Node) (*Case, error) {
	c := &Case{}
	root = deref(root)
	if !isNull(root) {
		if root.Kind != yaml.MappingNode {
			d.fail(root.Line, nil, codeExpectedCase.M(config.DescribeNode(root)))
		} else {
			d.caseFields(root, nil, c)
		}
	}
	if d.count > 0 {
		return nil, &Error{Problems: d.problems, More: d.count - len(d.problems), ID: c.ID}
	}
	return c, nil
}

func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && n.Alias != nil && i < 100; i++ {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n == nil || n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// mapping calls set for each known key of the mapping n, by its index in
// keys; an unknown key and a key given twice are problems. false when n is
// not a mapping (nor null).
func (d *decoder) mapping(n *yaml.Node, p *path, keys []string, set func(key string, v *yaml.Node, p *path)) bool {
	if n.Kind != yaml.MappingNode {
		d.fail(n.Line, p, rules.ErrExpected.M(rules.WantMapping.M(), config.DescribeNode(n)))
		return false
	}
	var firstLine [32]int // by index in keys
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := deref(n.Content[i]), deref(n.Content[i+1])
		if k.Kind != yaml.ScalarNode {
			d.fail(k.Line, p, codeKeyNotText.M(config.DescribeNode(k)))
			continue
		}
		at := -1
		for j, known := range keys {
			if k.Value == known || d.json && strings.EqualFold(k.Value, known) {
				at = j
				break
			}
		}
		kp := d.field(p, k.Value)
		switch {
		case at < 0:
			d.count++
			if d.count <= maxShown {
				d.add(k.Line, "", rules.ErrUnknownField.M(kp.String()))
			}
		case firstLine[at] > 0:
			d.fail(k.Line, kp, d.givenTwice(firstLine[at], k.Line))
		default:
			firstLine[at] = k.Line
			if !isNull(v) {
				set(keys[at], v, kp)
			}
		}
	}
	return true
}

// givenTwice is the problem of a key given again on line, first on first.
func (d *decoder) givenTwice(first, line int) rules.Message {
	if d.oneLine || first == line {
		return codeGivenTwice.M()
	}
	return codeGivenTwiceAt.M(first)
}

// list calls item for each element of the list n.
func (d *decoder) list(n *yaml.Node, p *path, want rules.Code, item func(v *yaml.Node, p *path)) bool {
	if n.Kind != yaml.SequenceNode {
		d.fail(n.Line, p, rules.ErrExpected.M(want.M(), config.DescribeNode(n)))
		return false
	}
	for i, v := range n.Content {
		item(deref(v), d.item(p, i))
	}
	return true
}

// scalar returns the text of a scalar; a list, a mapping or an overlong
// value is a problem.
func (d *decoder) scalar(n *yaml.Node, p *path, want rules.Code) (string, bool) {
	if n.Kind != yaml.ScalarNode {
		d.fail(n.Line, p, rules.ErrExpected.M(want.M(), config.DescribeNode(n)))
		return "", false
	}
	if len(n.Value) > maxValue {
		d.fail(n.Line, p, codeTooLong.M(rules.Quote(n.Value), want.M()))
		return "", false
	}
	return n.Value, true
}

// check records err, a parser's word on the value, as a problem.
func (d *decoder) check(n *yaml.Node, p *path, err error) bool {
	if err != nil {
		d.fail(n.Line, p, rules.ErrorMessage(err))
		return false
	}
	return true
}

func (d *decoder) date(n *yaml.Node, p *path) *rules.Date {
	s, ok := d.scalar(n, p, codeWantDate)
	if !ok {
		return nil
	}
	v, err := rules.ParseDate(s)
	if !d.check(n, p, err) {
		return nil
	}
	return &v
}

// id reads a case's id: text or a number, kept as written.
func (d *decoder) id(n *yaml.Node, p *path) *ID {
	if n.Kind == yaml.ScalarNode {
		switch n.ShortTag() {
		case "!!bool", "!!null":
			d.fail(n.Line, p, rules.ErrExpected.M(codeWantID.M(), config.DescribeNode(n)))
			return nil
		}
	}
	s, ok := d.scalar(n, p, codeWantID)
	if !ok {
		return nil
	}
	tag := n.ShortTag()
	return &ID{Text: s, Number: n.Style == 0 && (tag == "!!int" || tag == "!!float")}
}

// text reads a word or a name; in JSON it must be a string.
func (d *decoder) text(n *yaml.Node, p *path) string {
	s, ok := d.scalar(n, p, rules.WantText)
	if ok && d.json && n.ShortTag() != "!!str" {
		d.fail(n.Line, p, rules.ErrExpected.M(rules.WantText.M(), config.DescribeNode(n)))
		return ""
	}
	return s
}

// choice reads a setting's value, checked by config.
func (d *decoder) choice(n *yaml.Node, p *path, key string) string {
	s := d.text(n, p)
	if s != "" && !d.check(n, p, config.CheckChoice(key, s)) {
		return ""
	}
	return s
}

func (d *decoder) yesNo(n *yaml.Node, p *path) *YesNo {
	s, ok := d.scalar(n, p, codeWantYesNo)
	if !ok {
		return nil
	}
	b, err := ParseYesNo(s)
	if !d.check(n, p, err) {
		return nil
	}
	y := YesNo(b)
	return &y
}

func (d *decoder) number(n *yaml.Node, p *path) *Number {
	s, ok := d.scalar(n, p, rules.WantNumber)
	if !ok {
		return nil
	}
	v, err := ParseNumber(s)
	if !d.check(n, p, err) {
		return nil
	}
	return &Number{v}
}

// wholeNumber reads a count: a number without a fraction, not text.
// setting reads a whole number that the setting key checks (pay_day 1–28).
func (d *decoder) setting(n *yaml.Node, p *path, key string) *int {
	v := d.wholeNumber(n, p)
	if v == nil {
		return nil
	}
	if !d.check(n, p, config.CheckChoice(key, strconv.Itoa(*v))) {
		return nil
	}
	return v
}

func (d *decoder) wholeNumber(n *yaml.Node, p *path) *int {
	s, ok := d.scalar(n, p, rules.WantWhole)
	if !ok {
		return nil
	}
	if n.ShortTag() == "!!str" {
		d.fail(n.Line, p, rules.ErrExpected.M(rules.WantWhole.M(), config.DescribeNode(n)))
		return nil
	}
	v, err := strconv.Atoi(s)
	if err != nil {
		d.fail(n.Line, p, rules.ErrNotWhole.M(rules.Quote(s)))
		return nil
	}
	return &v
}

func (d *decoder) period(n *yaml.Node, p *path) (Period, bool) {
	s, ok := d.scalar(n, p, codeWantPeriod)
	if !ok {
		return Period{}, false
	}
	v, err := rules.ParsePeriod(s)
	return Period(v), d.check(n, p, err)
}

func (d *decoder) periods(n *yaml.Node, p *path) []Period {
	out := []Period{}
	d.list(n, p, codeWantPeriods, func(v *yaml.Node, p *path) {
		if x, ok := d.period(v, p); ok {
			out = append(out, x)
		}
	})
	return out
}

func (d *decoder) dates(n *yaml.Node, p *path) []rules.Date {
	var out []rules.Date
	d.list(n, p, codeWantDates, func(v *yaml.Node, p *path) {
		if x := d.date(v, p); x != nil {
			out = append(out, *x)
		}
	})
	return out
}

var caseKeys = []string{"id", "birth_date", "from", "to", "children", "child_birth_dates", "rounding", "age_switch", "leap_birthday",
	"pay_cycle", "pay_day", "cycle_start", "pay_lag", "as_of", "regulated_on",
	"date", "application_date", "duration_regime", "eligibility", "programme", "work_hours", "other_benefits", "absence",
	"not_deducted", "benefit_scope", "other_income", "finnmark", "withholding_percent", "income_year"}

// payLine records the line of a pay key (Case.PayLines); 0 in a text of
// one line, whose problems carry no line.
func (d *decoder) payLine(c *Case, key string, v *yaml.Node) {
	if c.PayLines == nil {
		c.PayLines = map[string]int{}
	}
	if c.PayLines[key] = v.Line; d.oneLine {
		c.PayLines[key] = 0
	}
}

func (d *decoder) caseFields(n *yaml.Node, p *path, c *Case) {
	d.mapping(n, p, caseKeys, func(key string, v *yaml.Node, p *path) {
		switch key {
		case "id":
			c.ID = d.id(v, p)
		case "birth_date":
			c.BirthDate = d.date(v, p)
		case "from":
			c.From = d.date(v, p)
		case "to":
			c.To = d.date(v, p)
		case "date":
			c.Date = d.date(v, p)
		case "application_date":
			c.ApplicationDate = d.date(v, p)
		case "children":
			c.Children = d.wholeNumber(v, p)
		case "child_birth_dates":
			c.ChildBirthDates = d.dates(v, p)
		case "rounding":
			c.Rounding = d.choice(v, p, config.KeyRounding)
		case "age_switch":
			c.AgeSwitch = d.choice(v, p, config.KeyAgeSwitch)
		case "leap_birthday":
			c.LeapBirthday = d.choice(v, p, config.KeyLeapBirthday)
		case "pay_cycle":
			c.PayCycle = d.choice(v, p, config.KeyPayCycle)
			d.payLine(c, key, v)
		case "pay_day":
			c.PayDay = d.setting(v, p, config.KeyPayDay)
			d.payLine(c, key, v)
		case "pay_lag":
			c.PayLag = d.setting(v, p, config.KeyPayLag)
			d.payLine(c, key, v)
		case "cycle_start":
			c.CycleStart = d.date(v, p)
			d.payLine(c, key, v)
		case "as_of":
			c.AsOf = d.date(v, p)
		case "regulated_on":
			c.RegulatedOn = d.date(v, p)
		case "duration_regime":
			c.DurationRegime = d.choice(v, p, config.KeyDurationRegime)
		case "benefit_scope":
			c.BenefitScope = d.choice(v, p, config.KeyBenefitScope)
		case "income_year":
			c.IncomeYear = d.choice(v, p, config.KeyIncomeYear)
		case "eligibility":
			c.Eligibility = &Eligibility{}
			d.eligibility(v, p, c.Eligibility)
		case "programme":
			c.Programme = &Programme{}
			d.programme(v, p, c.Programme)
		case "work_hours":
			d.list(v, p, codeWantMappings, func(v *yaml.Node, p *path) {
				var w WorkHours
				d.mapping(v, p, []string{"hours", "from", "to"}, func(key string, v *yaml.Node, p *path) {
					switch key {
					case "hours":
						if h := d.number(v, p); h != nil {
							w.Hours = *h
						}
					case "from":
						w.From = d.date(v, p)
					case "to":
						w.To = d.date(v, p)
					}
				})
				c.WorkHours = append(c.WorkHours, w)
			})
		case "other_benefits":
			d.list(v, p, codeWantMappings, func(v *yaml.Node, p *path) {
				var b OtherBenefit
				d.mapping(v, p, []string{"kind", "from", "to", "per_day", "total"}, func(key string, v *yaml.Node, p *path) {
					switch key {
					case "kind":
						b.Kind = d.text(v, p)
					case "from":
						b.From = d.date(v, p)
					case "to":
						b.To = d.date(v, p)
					case "per_day":
						b.PerDay = d.number(v, p)
					case "total":
						b.Total = d.number(v, p)
					}
				})
				c.OtherBenefits = append(c.OtherBenefits, b)
			})
		case "absence":
			d.list(v, p, codeWantMappings, func(v *yaml.Node, p *path) {
				var a Absence
				d.mapping(v, p, []string{"date", "hours", "month", "days"}, func(key string, v *yaml.Node, p *path) {
					switch key {
					case "date":
						a.Date = d.date(v, p)
					case "hours":
						a.Hours = d.number(v, p)
					case "month":
						a.Month = d.text(v, p)
					case "days":
						a.Days = d.wholeNumber(v, p)
					}
				})
				c.Absence = append(c.Absence, a)
			})
		case "not_deducted":
			d.list(v, p, codeWantMappings, func(v *yaml.Node, p *path) {
				var nd NotDeducted
				d.mapping(v, p, []string{"kind", "amount"}, func(key string, v *yaml.Node, p *path) {
					switch key {
					case "kind":
						nd.Kind = d.text(v, p)
					case "amount":
						nd.Amount = d.number(v, p)
					}
				})
				c.NotDeducted = append(c.NotDeducted, nd)
			})
		case "other_income":
			c.OtherIncome = d.otherIncome(v, p)
		case "finnmark":
			c.Finnmark = d.yesNo(v, p)
		case "withholding_percent":
			c.WithholdingPercent = d.number(v, p)
		}
	})
}

// otherIncome reads income year → amount; a key that is not a year is a
// problem of the key, not of its value.
func (d *decoder) otherIncome(n *yaml.Node, p *path) map[int]Number {
	if n.Kind != yaml.MappingNode {
		d.fail(n.Line, p, rules.ErrExpected.M(codeWantIncomeMapping.M(), config.DescribeNode(n)))
		return nil
	}
	out := map[int]Number{}
	lines := map[int]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := deref(n.Content[i]), deref(n.Content[i+1])
		year, err := strconv.Atoi(k.Value)
		if k.Kind != yaml.ScalarNode || err != nil || year < rules.MinYear || year > rules.MaxYear {
			what := config.DescribeNode(k)
			if k.Kind == yaml.ScalarNode {
				what = rules.GotValue.M(rules.Quote(k.Value))
			}
			d.fail(k.Line, p, codeNotIncomeYear.M(what, rules.MinYear, rules.MaxYear))
			continue
		}
		kp := p.field(strconv.Itoa(year))
		if first, ok := lines[year]; ok {
			d.fail(k.Line, kp, d.givenTwice(first, k.Line))
			continue
		}
		lines[year] = k.Line
		if isNull(v) {
			continue
		}
		if x := d.number(v, kp); x != nil {
			if x.IsNegative() {
				d.fail(v.Line, kp, rules.ErrNegative.M(x.String()))
				continue
			}
			out[year] = *x
		}
	}
	return out
}

var eligibilityKeys = []string{"reduced_capacity", "assessment_done", "follow_up_needed", "benefits", "residence",
	"fixed_abode", "youth_programme", "previous", "benefit_very_limited"}

func (d *decoder) eligibility(n *yaml.Node, p *path, e *Eligibility) {
	d.mapping(n, p, eligibilityKeys, func(key string, v *yaml.Node, p *path) {
		switch key {
		case "reduced_capacity":
			e.ReducedCapacity = d.yesNo(v, p)
		case "assessment_done":
			e.AssessmentDone = d.yesNo(v, p)
		case "follow_up_needed":
			e.FollowUpNeeded = d.yesNo(v, p)
		case "fixed_abode":
			e.FixedAbode = d.yesNo(v, p)
		case "youth_programme":
			e.YouthProgramme = d.yesNo(v, p)
		case "benefit_very_limited":
			e.BenefitVeryLimited = d.yesNo(v, p)
		case "residence":
			e.Residence = d.text(v, p)
		case "previous":
			list := d.periods(v, p)
			e.Previous = &list
		case "benefits":
			list := []Benefit{}
			d.list(v, p, codeWantMappings, func(v *yaml.Node, p *path) {
				var b Benefit
				d.mapping(v, p, []string{"kind", "amount"}, func(key string, v *yaml.Node, p *path) {
					switch key {
					case "kind":
						b.Kind = d.text(v, p)
					case "amount": // "full" or a number, in JSON also as a number
						b.Amount, _ = d.scalar(v, p, codeWantYearly)
					}
				})
				list = append(list, b)
			})
			e.Benefits = &list
		}
	})
}

func (d *decoder) programme(n *yaml.Node, p *path, pr *Programme) {
	d.mapping(n, p, []string{"start", "decisions", "leave", "interruptions", "extended"}, func(key string, v *yaml.Node, p *path) {
		switch key {
		case "start":
			pr.Start = d.date(v, p)
		case "decisions":
			pr.Decisions = d.periods(v, p)
		case "leave":
			pr.Leave = d.periods(v, p)
		case "extended":
			pr.Extended = d.yesNo(v, p)
		case "interruptions":
			d.list(v, p, codeWantPeriods, func(v *yaml.Node, p *path) {
				s, ok := d.scalar(v, p, codeWantInterruption)
				if !ok {
					return
				}
				in, err := rules.ParseInterruption(s)
				if d.check(v, p, err) {
					pr.Interruptions = append(pr.Interruptions, Interruption(in))
				}
			})
		}
	})
}
