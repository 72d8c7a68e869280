package config

import (
	"bytes"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"

	"kvp/rules"
)

// Config and scenario files are read from a yaml.Node tree, as case files
// are: each problem is worded where it is found, with its line and key
// path ("line 3: unknown field parameters.g[0].sourse"), so nothing is
// reworded afterwards, and only the first few are worded. Values are kept
// as the YAML text, never through a float.

// maxShown is how many problems an error shows; the rest are counted.
const maxShown = 5

// The keys of a config file and of a scenario file, and of an entry of a
// dated parameter.
var (
	configKeys   = []string{KeyRounding, KeyLang, KeyAgeSwitch, KeyLeapBirthday, KeyOutput, KeyDurationRegime, KeyPayCycle, KeyPayDay, KeyCycleStart, KeyPayLag, KeyAsOf, "parameters", "tax"}
	scenarioKeys = []string{"title", "description", "legal_basis", "parameters", "tax"}
	entryKeys    = []string{"from", "value", "legal_reference", "source", "known_from"}
)

// fileReader walks the node tree of a config or scenario file and keeps
// the first problems.
type fileReader struct {
	problems []rules.Message
	count    int
}

// fail records a problem: "line 3: parameters.g[0]: msg".
func (d *fileReader) fail(line int, path string, msg rules.Message) {
	d.count++
	if d.count > maxShown {
		return
	}
	if path != "" {
		msg = rules.ErrAtField.M(path, msg)
	}
	if line > 0 {
		msg = rules.ErrAtLine.M(line, msg)
	}
	d.problems = append(d.problems, msg)
}

// err is the problems found in file, or nil.
func (d *fileReader) err(file string) error {
	switch {
	case d.count == 0:
		return nil
	case d.count > len(d.problems):
		return rules.Errorf(rules.ErrAtField, file, codeYAMLProblemsMore.M(d.problems, d.count-len(d.problems)))
	}
	return rules.Errorf(rules.ErrAtField, file, codeYAMLProblems.M(d.problems))
}

// parseDocument parses data as one YAML document and returns its document
// node, of Kind 0 when the text is empty or only comments. A syntax error
// and a second document (which a reader would ignore and --write would
// drop) are errors naming file; second says what the file holds.
func parseDocument(file string, data []byte, second rules.Code) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err == io.EOF {
		return &yaml.Node{}, nil
	} else if err != nil {
		return nil, rules.Errorf(rules.ErrAtField, file, yamlMessage(err))
	}
	var next yaml.Node
	if err := dec.Decode(&next); err != io.EOF {
		line := next.Line
		if err != nil || line == 0 {
			line = documentEnd(data, doc)
		}
		return nil, rules.Errorf(rules.ErrAtField, file, rules.ErrAtLine.M(line, second.M()))
	}
	return &doc, nil
}

// documentEnd is the line of the "---" or "..." that ends the first
// document, or its last line.
func documentEnd(data []byte, doc yaml.Node) int {
	lines := bytes.Split(data, []byte("\n"))
	for i := max(doc.Line, 1); i < len(lines); i++ {
		if l := lines[i]; bytes.HasPrefix(l, []byte("---")) || bytes.HasPrefix(l, []byte("...")) {
			return i + 1
		}
	}
	return len(lines)
}

// root is the top mapping of doc, or nil when the document is empty.
func root(doc *yaml.Node) *yaml.Node {
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 || isNull(deref(doc.Content[0])) {
		return nil
	}
	return deref(doc.Content[0])
}

// mapping calls set for each key of the mapping n (want says what n should
// be), with the path of its value. A key that is not text, a key given
// twice and, when keys is not nil, a key not among them are problems.
func (d *fileReader) mapping(n *yaml.Node, path string, want rules.Message, keys []string, set func(k, v *yaml.Node, path string)) {
	if n.Kind != yaml.MappingNode {
		d.fail(n.Line, path, rules.ErrExpected.M(want, DescribeNode(n)))
		return
	}
	first := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := deref(n.Content[i]), deref(n.Content[i+1])
		if k.Kind != yaml.ScalarNode {
			d.fail(k.Line, path, codeKeyNotText.M(DescribeNode(k)))
			continue
		}
		kp := join(path, k.Value)
		if keys != nil && !slices.Contains(keys, k.Value) {
			d.fail(k.Line, "", rules.ErrUnknownField.M(kp))
			continue
		}
		if line, twice := first[k.Value]; twice {
			d.fail(k.Line, kp, givenTwice(line, k.Line))
			continue
		}
		first[k.Value] = k.Line
		set(k, v, kp)
	}
}

// text is the text of a scalar, "" for null; anything else is a problem.
func (d *fileReader) text(n *yaml.Node, path string) string {
	switch {
	case isNull(n):
		return ""
	case n.Kind != yaml.ScalarNode:
		d.fail(n.Line, path, rules.ErrExpected.M(rules.WantText.M(), DescribeNode(n)))
		return ""
	}
	return n.Value
}

// parameters reads the parameters mapping: key → a list of dated entries.
func (d *fileReader) parameters(n *yaml.Node, path string) map[string][]fileDatedRow {
	out := map[string][]fileDatedRow{}
	d.mapping(n, path, rules.WantMapping.M(), nil, func(k, v *yaml.Node, kp string) {
		if !slices.Contains(rules.Keys, k.Value) {
			d.fail(k.Line, path, rules.ErrUnknownParameter.M(rules.Quote(k.Value), strings.Join(rules.Keys, ", ")))
			return
		}
		if isNull(v) {
			return
		}
		if v.Kind != yaml.SequenceNode {
			d.fail(v.Line, kp, rules.ErrExpected.M(rules.WantList.M(), DescribeNode(v)))
			return
		}
		rows := []fileDatedRow{}
		firstLine := map[rules.Date]int{}
		for i, item := range v.Content {
			if row, ok := d.entry(deref(item), kp+"["+strconv.Itoa(i)+"]", firstLine); ok {
				rows = append(rows, row)
			}
		}
		out[k.Value] = rows
	})
	return out
}

// entry reads one dated entry, {from, value, legal_reference, source}. A
// from date that an entry before it in the list gave too is a problem;
// firstLine holds their lines. A date that does not parse is left to apply.
func (d *fileReader) entry(n *yaml.Node, path string, firstLine map[rules.Date]int) (fileDatedRow, bool) {
	row := fileDatedRow{line: n.Line}
	if n.Kind != yaml.MappingNode {
		d.fail(n.Line, path, rules.ErrExpected.M(rules.WantMapping.M(), DescribeNode(n)))
		return row, false
	}
	before := d.count
	d.mapping(n, path, rules.WantMapping.M(), entryKeys, func(k, v *yaml.Node, kp string) {
		switch k.Value {
		case "from":
			row.From = *v
		case "value":
			row.Value = *v
		case "legal_reference":
			row.Ref = d.text(v, kp)
		case "source":
			row.Source = d.text(v, kp)
		case "known_from":
			row.KnownFrom = *v
		}
	})
	if row.From.Kind != yaml.ScalarNode || isNull(&row.From) || row.Value.Kind != yaml.ScalarNode || isNull(&row.Value) {
		d.fail(n.Line, path, codeEntryForm.M())
		return row, false
	}
	if from, err := rules.ParseDate(row.From.Value); err == nil {
		if line, twice := firstLine[from]; twice {
			d.fail(row.From.Line, path+".from", codeDateTwice.M(from, line))
		} else {
			firstLine[from] = row.From.Line
		}
	}
	return row, d.count == before
}

// tax reads the tax mapping: income year → a mapping of tax parameters. The
// parameters' keys and values are checked where they are applied.
func (d *fileReader) tax(n *yaml.Node, path string) map[int]map[string]yaml.Node {
	out := map[int]map[string]yaml.Node{}
	firstLine := map[int]int{}
	d.mapping(n, path, rules.WantMapping.M(), nil, func(k, v *yaml.Node, kp string) {
		year, err := strconv.Atoi(k.Value)
		if err != nil || strings.Trim(k.Value, "0123456789") != "" || year < rules.MinYear || year > rules.MaxYear {
			d.fail(k.Line, path, codeTaxYearRange.M(yearText(k.Value), rules.MinYear, rules.MaxYear))
			return
		}
		if line, twice := firstLine[year]; twice {
			d.fail(k.Line, kp, givenTwice(line, k.Line))
			return
		}
		firstLine[year] = k.Line
		values := map[string]yaml.Node{}
		if !isNull(v) {
			d.mapping(v, kp, rules.WantMapping.M(), nil, func(k, v *yaml.Node, _ string) {
				values[k.Value] = *v
			})
		}
		out[year] = values
	})
	return out
}

// givenTwice is the problem of a key given again on line, first on first.
func givenTwice(first, line int) rules.Message {
	if first == line {
		return codeGivenTwice.M()
	}
	return codeGivenTwiceAt.M(first)
}

// join is the path of key under path: "parameters.g".
func join(path, key string) string {
	if path == "" {
		return keyText(key)
	}
	return path + "." + keyText(key)
}

// keyText writes a key as it goes into a path: as it is when plain and
// short, else quoted (and cut).
func keyText(k string) string {
	if k == "" || len(k) > rules.QuoteMax {
		return rules.Quote(k)
	}
	for _, r := range k {
		if !(r == '_' || r == '-' || '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') {
			return rules.Quote(k)
		}
	}
	return k
}

// yearText writes what was given as a year: digits as they are, anything
// else quoted.
func yearText(k string) string {
	if k != "" && len(k) <= 10 && strings.Trim(k, "0123456789") == "" {
		return k
	}
	return rules.Quote(k)
}

// DescribeNode says what a YAML node is, for "expected X, got Y"; case
// files (config/caseinput) word it the same way.
func DescribeNode(n *yaml.Node) rules.Message {
	switch n.Kind {
	case yaml.MappingNode:
		return rules.GotMapping.M()
	case yaml.SequenceNode:
		return rules.GotList.M()
	case yaml.ScalarNode:
		switch {
		case n.ShortTag() == "!!str":
			return rules.GotText.M(rules.Quote(n.Value))
		case len(n.Value) > rules.QuoteMax || strings.ContainsFunc(n.Value, func(r rune) bool { return !unicode.IsGraphic(r) }):
			// A value with a line break or a control character (a folded
			// scalar under a custom tag) is quoted, so the error stays one line.
			return rules.GotValue.M(rules.Quote(n.Value))
		}
		return rules.GotValue.M(n.Value)
	}
	return rules.GotAlias.M()
}

// deref follows aliases to the node they name.
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && n.Alias != nil && i < 100; i++ {
		n = n.Alias
	}
	return n
}
