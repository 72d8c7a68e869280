package rules

import (
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// A message's JSON is written by appending, without encoding/json for the
// values it can write itself (strings, integers, dates, decimals and
// values whose own MarshalJSON writes a plain token): a batch writes a
// warning in a quarter of its records, and encoding/json's reflection and
// copies were most of that (issue 19). The bytes are encoding/json's, with
// its escapes (TestMessageJSONAsEncodingJSON).

// AppendJSON appends m as MarshalJSON writes it.
func (m Message) AppendJSON(b []byte) ([]byte, error) {
	b = append(b, `{"code":`...)
	b = appendJSONString(b, m.Code)
	b = append(b, `,"args":`...)
	b, err := m.appendArgs(b)
	if err != nil {
		return nil, err
	}
	b = append(b, `,"text":`...)
	b = appendJSONString(b, m.Text(LangEN))
	return append(b, '}'), nil
}

// AppendJSON appends w as MarshalJSON writes it.
func (w Warning) AppendJSON(b []byte) ([]byte, error) {
	b, err := w.Message.AppendJSON(b)
	if err != nil {
		return nil, err
	}
	b = append(b[:len(b)-1], `,"legal_reference":`...)
	b = appendJSONString(b, w.Ref)
	return append(b, '}'), nil
}

// appendArgs appends the arguments as an object in their declared order.
func (m Message) appendArgs(b []byte) ([]byte, error) {
	b = append(b, '{')
	for i, a := range m.Args {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, a.Name)
		b = append(b, ':')
		var err error
		if b, err = appendJSONValue(b, a.Value); err != nil {
			return nil, fmt.Errorf("message %s: argument %s: %w", m.Code, a.Name, err)
		}
	}
	return append(b, '}'), nil
}

// appendJSONValue appends v as json.Marshal writes it.
func appendJSONValue(b []byte, v any) ([]byte, error) {
	switch v := v.(type) {
	case string:
		return appendJSONString(b, v), nil
	case int:
		return strconv.AppendInt(b, int64(v), 10), nil
	case Date:
		b = append(b, '"')
		b = append(b, v.String()...)
		return append(b, '"'), nil
	case Message:
		return v.AppendJSON(b)
	case decimal.Decimal:
		text, err := v.MarshalJSON()
		if err == nil && plainToken(text) {
			return append(b, text...), nil
		}
	case json.Marshaler:
		if text, err := v.MarshalJSON(); err == nil && plainToken(text) {
			return append(b, text...), nil
		}
	}
	text, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return append(b, text...), nil
}

// plainToken says text is a JSON string or number that encoding/json
// would copy as it is: printable ASCII, no escapes, no HTML characters.
func plainToken(text []byte) bool {
	if len(text) == 0 {
		return false
	}
	if text[0] == '"' {
		if len(text) < 2 || text[len(text)-1] != '"' {
			return false
		}
		for _, c := range text[1 : len(text)-1] {
			if !jsonSafe(c) {
				return false
			}
		}
		return true
	}
	for _, c := range text {
		if !(c >= '0' && c <= '9' || c == '-' || c == '.' || c == 'e' || c == 'E' || c == '+') {
			return false
		}
	}
	return true
}

// jsonSafe says encoding/json writes the byte c of a string as it is.
func jsonSafe(c byte) bool {
	return c >= 0x20 && c < utf8.RuneSelf && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
}

// appendJSONString appends s quoted as json.Marshal writes it: as it is
// when encoding/json would escape nothing (printable ASCII but for quotes,
// backslashes and HTML characters, and valid UTF-8 but for U+2028 and
// U+2029), else by json.Marshal.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if !jsonSafe(c) {
				return appendMarshalled(b, s)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			return appendMarshalled(b, s)
		}
		i += size
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

func appendMarshalled(b []byte, s string) []byte {
	text, _ := json.Marshal(s)
	return append(b, text...)
}
