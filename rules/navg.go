package rules

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// NAV's G service data (g.nav.no): the format kvp g import and kvp g fetch
// read, checked entry by entry. Parsing it is pure; fetching it is cmd's.

// spelling: grunnbeløp or its ASCII twin grunnbeloep, and so on.
type navGEntry struct {
	Dato              string      `json:"dato"`
	Grunnbelop        json.Number `json:"grunnbeløp"`
	GrunnbelopASCII   json.Number `json:"grunnbeloep"`
	PerMonth          json.Number `json:"grunnbeløpPerMåned"`
	PerMonthASCII     json.Number `json:"grunnbeloepPerMaaned"`
	Average           json.Number `json:"gjennomsnittPerÅr"`
	AverageASCII      json.Number `json:"gjennomsnittPerAar"`
	Omregningsfaktor  json.Number `json:"omregningsfaktor"`
	MinsteinntektFrom string      `json:"virkningstidspunktForMinsteinntekt"`
}

// NAVG is a checked entry: a G and the date it takes effect.
type NAVG struct {
	From     Date
	G        int64
	PerMonth int64
	Average  int64 // gjennomsnittPerÅr, the year's average G; 0 when not given
}

// ParseNAVG reads NAV's G data: one object, or an array of them (the history,
// newest first). It checks every entry and returns them oldest first. Errors
// start with name, the file or URL read.
func ParseNAVG(name string, data []byte) ([]NAVG, error) {
	if bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff")) {
		return nil, fmt.Errorf("%s: the file is UTF-16: expected NAV's G data as UTF-8 JSON", name)
	}
	data = bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\ufeff"))) // a UTF-8 byte order mark says nothing
	if json.Valid(data) {
		if err := jsonKeyTwice(data); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	var raws []json.RawMessage
	switch {
	case len(data) == 0:
		return nil, fmt.Errorf("%s is empty: expected NAV's G data as JSON", name)
	case data[0] == '[':
		if err := json.Unmarshal(data, &raws); err != nil {
			return nil, fmt.Errorf("%s: %s", name, jsonMessage(data, err))
		}
		if len(raws) == 0 {
			return nil, fmt.Errorf("%s: an empty list: expected at least one G entry", name)
		}
	case data[0] == '{':
		raws = []json.RawMessage{data}
	default:
		return nil, fmt.Errorf("%s: not NAV's G data: expected a JSON object or an array of objects", name)
	}
	out := make([]NAVG, 0, len(raws))
	seen := map[Date]bool{}
	for i, raw := range raws {
		where := name
		if data[0] == '[' {
			where = fmt.Sprintf("%s: entry %d", name, i+1)
		}
		var e navGEntry
		if err := json.Unmarshal(raw, &e); err != nil {
			return nil, fmt.Errorf("%s: %s", where, jsonMessage(raw, err))
		}
		if e.Dato != "" {
			where += " (dato " + e.Dato + ")"
		}
		g, err := e.check()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", where, err)
		}
		if seen[g.From] {
			return nil, fmt.Errorf("%s: dato %s appears twice", where, g.From)
		}
		seen[g.From] = true
		out = append(out, g)
	}
	slices.SortFunc(out, func(a, b NAVG) int { return int(a.From) - int(b.From) })
	return out, nil
}

// jsonKeyTwice refuses an object of the valid JSON text data that gives a
// key twice: encoding/json would keep the last value without a word. Keys
// compare as encoding/json matches them to fields, letter case aside
// (approximated by upper- then lower-casing). The error names the entry of a
// top-level array and both lines.
func jsonKeyTwice(data []byte) error {
	type frame struct {
		object  bool
		wantKey bool
		keys    map[string]int // folded key → line
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var stack []frame
	entry, line, counted := 0, 1, 0
	lineAt := func(off int64) int {
		line += bytes.Count(data[counted:off], []byte("\n"))
		counted = int(off)
		return line
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return nil // not valid JSON: the decoder's own error says so later
		}
		if n := len(stack); n > 0 && stack[n-1].object {
			top := &stack[n-1]
			if key, ok := tok.(string); ok && top.wantKey {
				top.wantKey = false
				here := lineAt(dec.InputOffset())
				folded := strings.ToLower(strings.ToUpper(key))
				if first, dup := top.keys[folded]; dup {
					where := ""
					if entry > 0 {
						where = fmt.Sprintf("entry %d: ", entry)
					}
					return fmt.Errorf("%sline %d: %q is given twice (first at line %d): give each key once", where, here, key, first)
				}
				top.keys[folded] = here
				continue
			}
			if d, ok := tok.(json.Delim); !ok || d == '{' || d == '[' {
				top.wantKey = true // a value; the next token of this object is a key
			}
		}
		switch tok {
		case json.Delim('{'):
			if len(stack) == 1 && !stack[0].object {
				entry++
			}
			stack = append(stack, frame{object: true, wantKey: true, keys: map[string]int{}})
		case json.Delim('['):
			stack = append(stack, frame{})
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
		}
	}
}

// check validates one entry: ISO dates, whole positive kroner, and G per
// month equal to G/12 rounded (within a krone).
func (e navGEntry) check() (NAVG, error) {
	var g NAVG
	if e.Dato == "" {
		return g, errors.New("dato is missing")
	}
	from, err := ParseDate(e.Dato)
	if err != nil {
		return g, fmt.Errorf("dato: %w", err)
	}
	g.From = from
	gNum, err := either("grunnbeløp", e.Grunnbelop, "grunnbeloep", e.GrunnbelopASCII)
	if err != nil {
		return g, err
	}
	if gNum == "" {
		return g, errors.New("grunnbeløp (or grunnbeloep) is missing")
	}
	if g.G, err = kroner("grunnbeløp", gNum); err != nil {
		return g, err
	}
	if b := Bounds[KeyG]; decimal.NewFromInt(g.G).GreaterThan(b.Max) {
		return g, fmt.Errorf("grunnbeløp: %d is out of range: %s is %s", g.G, KeyG, b)
	}
	perMonth, err := either("grunnbeløpPerMåned", e.PerMonth, "grunnbeloepPerMaaned", e.PerMonthASCII)
	if err != nil {
		return g, err
	}
	if perMonth != "" {
		if g.PerMonth, err = kroner("grunnbeløpPerMåned", perMonth); err != nil {
			return g, err
		}
		if want := GPerMonth(decimal.NewFromInt(g.G)).IntPart(); g.PerMonth < want-1 || g.PerMonth > want+1 {
			return g, fmt.Errorf("grunnbeløpPerMåned %d does not match grunnbeløp %d: G/12 rounded is %d", g.PerMonth, g.G, want)
		}
	}
	avg, err := either("gjennomsnittPerÅr", e.Average, "gjennomsnittPerAar", e.AverageASCII)
	if err != nil {
		return g, err
	}
	if avg != "" {
		if g.Average, err = kroner("gjennomsnittPerÅr", avg); err != nil {
			return g, err
		}
	}
	if e.Omregningsfaktor != "" {
		if f, err := decimal.NewFromString(string(e.Omregningsfaktor)); err != nil || !f.IsPositive() {
			return g, fmt.Errorf("omregningsfaktor: %s is not a positive number", e.Omregningsfaktor)
		}
	}
	if e.MinsteinntektFrom != "" {
		if _, err := ParseDate(e.MinsteinntektFrom); err != nil {
			return g, fmt.Errorf("virkningstidspunktForMinsteinntekt: %w", err)
		}
	}
	return g, nil
}

// either returns the value given under the Norwegian or the ASCII key.
func either(nb string, nbValue json.Number, ascii string, asciiValue json.Number) (json.Number, error) {
	switch {
	case nbValue == "":
		return asciiValue, nil
	case asciiValue != "" && asciiValue != nbValue:
		return "", fmt.Errorf("%s %s and %s %s disagree", nb, nbValue, ascii, asciiValue)
	}
	return nbValue, nil
}

// kroner reads a whole, positive number of kroner, at most the highest G
// kvp accepts (Bounds).
func kroner(field string, n json.Number) (int64, error) {
	v, err := strconv.ParseInt(string(n), 10, 64)
	if err != nil {
		if d, derr := decimal.NewFromString(string(n)); derr == nil && d.IsInteger() && d.IsPositive() {
			return 0, fmt.Errorf("%s: %s is out of range: at most %s kroner", field, n, Bounds[KeyG].Max)
		}
		return 0, fmt.Errorf("%s: %s is not a whole number of kroner", field, n)
	}
	if v <= 0 {
		return 0, fmt.Errorf("%s: %d must be positive", field, v)
	}
	if max := Bounds[KeyG].Max; field != "grunnbeløp" && decimal.NewFromInt(v).GreaterThan(max) {
		return 0, fmt.Errorf("%s: %d is out of range: at most %s kroner", field, v, max)
	}
	return v, nil
}

// jsonMessage words a JSON error in the data's terms: the line of a syntax
// error, the field and the kind of value for a wrong type.
func jsonMessage(data []byte, err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		line := 1 + bytes.Count(data[:min(int(se.Offset), len(data))], []byte("\n"))
		return fmt.Sprintf("not valid JSON: line %d: %v", line, se)
	case errors.As(err, &te) && te.Field != "":
		return fmt.Sprintf("%s: expected %s, got a JSON %s", te.Field, jsonKind(te.Type), te.Value)
	case errors.As(err, &te):
		return fmt.Sprintf("not NAV's G data: expected an object, got a JSON %s", te.Value)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return "not valid JSON: it ends too early"
	}
	return "not NAV's G data: " + err.Error()
}

// jsonKind names what a field takes in JSON's words.
func jsonKind(t reflect.Type) string {
	switch {
	case t == reflect.TypeFor[json.Number]():
		return "a number"
	case t.Kind() == reflect.String:
		return "a string"
	case t.Kind() == reflect.Struct:
		return "an object"
	}
	return t.String()
}

// gChange is one G that an import adds or changes.
