package caseinput

import (
	"encoding/json"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// scanJSON builds the node tree of a JSON text without reflection: the same
// tree, node for node and line for line, that jsonTree builds through
// encoding/json's tokenizer (FuzzJSONScanAgrees checks it). It only knows
// whether the text is valid: on any problem it returns ok false, and
// jsonRoot asks jsonTree for encoding/json's own words and line, so an
// error reads exactly as before. A batch line is valid nearly always, so
// the slow path costs nothing in the common case.
func scanJSON(data []byte) (root *yaml.Node, ok bool) {
	// About one node per 8 bytes of a case line: one block for most.
	// The text is copied into one string, and each plain string and number
	// is a piece of it: one allocation for all the scalars of a line.
	s := jsonScanner{data: data, text: string(data), line: 1, slab: make([]yaml.Node, 0, min(len(data)/8+4, 64))}
	s.skipSpace()
	root, ok = s.value(0)
	if !ok {
		return nil, false
	}
	s.skipSpace()
	if s.pos != len(s.data) {
		return nil, false // a second value or trailing garbage: jsonTree words it
	}
	return root, true
}

// jsonScanner reads a JSON text byte by byte, counting lines.
type jsonScanner struct {
	data []byte
	text string // data as a string, for the values' text
	pos  int
	line int
	slab []yaml.Node // nodes are taken from here, a block at a time
}

// node returns a fresh node; nodes come from blocks, not one allocation each.
func (s *jsonScanner) node() *yaml.Node {
	if len(s.slab) == cap(s.slab) {
		s.slab = make([]yaml.Node, 0, 16)
	}
	s.slab = s.slab[:len(s.slab)+1]
	return &s.slab[len(s.slab)-1]
}

func (s *jsonScanner) skipSpace() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case '\n':
			s.line++
		case ' ', '\t', '\r':
		default:
			return
		}
		s.pos++
	}
}

// value reads one value at nesting depth; s.pos is on its first byte.
func (s *jsonScanner) value(depth int) (*yaml.Node, bool) {
	if s.pos >= len(s.data) {
		return nil, false
	}
	n := s.node()
	n.Line = s.line
	switch c := s.data[s.pos]; {
	case c == '{' || c == '[':
		if depth >= maxDepth {
			return nil, false
		}
		s.pos++
		end := byte(']')
		n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
		if c == '{' {
			end, n.Kind, n.Tag = '}', yaml.MappingNode, "!!map"
		}
		s.skipSpace()
		if s.pos < len(s.data) && s.data[s.pos] == end {
			s.pos++
			return n, true
		}
		for {
			if n.Kind == yaml.MappingNode {
				if s.pos >= len(s.data) || s.data[s.pos] != '"' {
					return nil, false
				}
				k := s.node()
				k.Kind, k.Tag, k.Style, k.Line = yaml.ScalarNode, "!!str", yaml.DoubleQuotedStyle, s.line
				var ok bool
				if k.Value, ok = s.str(); !ok {
					return nil, false
				}
				s.skipSpace()
				if s.pos >= len(s.data) || s.data[s.pos] != ':' {
					return nil, false
				}
				s.pos++
				s.skipSpace()
				n.Content = append(n.Content, k)
			}
			v, ok := s.value(depth + 1)
			if !ok {
				return nil, false
			}
			n.Content = append(n.Content, v)
			s.skipSpace()
			if s.pos >= len(s.data) {
				return nil, false
			}
			switch s.data[s.pos] {
			case ',':
				s.pos++
				s.skipSpace()
			case end:
				s.pos++
				return n, true
			default:
				return nil, false
			}
		}
	case c == '"':
		n.Kind, n.Tag, n.Style = yaml.ScalarNode, "!!str", yaml.DoubleQuotedStyle
		var ok bool
		n.Value, ok = s.str()
		return n, ok
	case c == '-' || '0' <= c && c <= '9':
		start := s.pos
		float, ok := s.number()
		if !ok {
			return nil, false
		}
		n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!int", s.text[start:s.pos]
		if float {
			n.Tag = "!!float"
		}
		return n, true
	default:
		for _, lit := range [...]struct{ word, tag string }{{"true", "!!bool"}, {"false", "!!bool"}, {"null", "!!null"}} {
			if len(s.data)-s.pos >= len(lit.word) && string(s.data[s.pos:s.pos+len(lit.word)]) == lit.word {
				s.pos += len(lit.word)
				n.Kind, n.Tag, n.Value = yaml.ScalarNode, lit.tag, lit.word
				return n, true
			}
		}
		return nil, false
	}
}

// str reads a string; s.pos is on its opening quote. A string of plain
// characters is taken as it is; one with escapes or other than ASCII is
// unquoted by encoding/json, so that escapes, surrogates and invalid UTF-8
// come out exactly as encoding/json makes them.
func (s *jsonScanner) str() (string, bool) {
	start := s.pos
	s.pos++
	plain := true
	for s.pos < len(s.data) {
		c := s.data[s.pos]
		switch {
		case c == '"':
			s.pos++
			if plain {
				return s.text[start+1 : s.pos-1], true
			}
			var v string
			if json.Unmarshal(s.data[start:s.pos], &v) != nil {
				return "", false
			}
			return v, true
		case c == '\\':
			plain = false
			s.pos++
			if s.pos >= len(s.data) {
				return "", false
			}
			switch s.data[s.pos] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if len(s.data)-s.pos < 5 {
					return "", false
				}
				for _, h := range s.data[s.pos+1 : s.pos+5] {
					if !('0' <= h && h <= '9' || 'a' <= h && h <= 'f' || 'A' <= h && h <= 'F') {
						return "", false
					}
				}
				s.pos += 4
			default:
				return "", false
			}
		case c < 0x20:
			return "", false
		case c >= utf8.RuneSelf:
			plain = false
		}
		s.pos++
	}
	return "", false
}

// number reads a number as JSON writes it: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?;
// float says whether it has a fraction or an exponent.
func (s *jsonScanner) number() (float bool, ok bool) {
	d := s.data
	if s.pos < len(d) && d[s.pos] == '-' {
		s.pos++
	}
	digits := func() int {
		n := 0
		for s.pos < len(d) && '0' <= d[s.pos] && d[s.pos] <= '9' {
			s.pos++
			n++
		}
		return n
	}
	switch {
	case s.pos < len(d) && d[s.pos] == '0':
		s.pos++
	case digits() == 0:
		return false, false
	}
	if s.pos < len(d) && d[s.pos] == '.' {
		s.pos++
		float = true
		if digits() == 0 {
			return false, false
		}
	}
	if s.pos < len(d) && (d[s.pos] == 'e' || d[s.pos] == 'E') {
		s.pos++
		float = true
		if s.pos < len(d) && (d[s.pos] == '+' || d[s.pos] == '-') {
			s.pos++
		}
		if digits() == 0 {
			return false, false
		}
	}
	// A number must end where a value may end: "01" or "1x" is not one.
	if s.pos < len(d) {
		switch d[s.pos] {
		case ' ', '\t', '\n', '\r', ',', ']', '}':
		default:
			return false, false
		}
	}
	return float, true
}
