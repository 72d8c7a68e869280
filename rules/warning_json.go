package rules

import (
	"strconv"

	"github.com/shopspring/decimal"
)

// WarningJSON appends warnings as Warning.AppendJSON writes them, each
// distinct warning worded once: in a batch many cases carry the same
// warning (calc.g_carried_forward is the same for every case under one
// parameter set), and wording its text is most of its cost (issue 19). A
// warning is known by its code, reference and arguments, each argument by
// its type and its exact value; one with an argument of another type is
// worded every time. It holds at most warningJSONMax warnings. The zero
// value is ready; it is not safe for concurrent use.
type WarningJSON struct {
	done map[string][]byte
	key  []byte
}

// warningJSONMax bounds a WarningJSON's memory: a run's repeated warnings
// are few, and the others are worded as they come.
const warningJSONMax = 64

// Append appends w as w.AppendJSON(b) does.
func (c *WarningJSON) Append(b []byte, w Warning) ([]byte, error) {
	key, ok := c.keyOf(w)
	if !ok {
		return w.AppendJSON(b)
	}
	if text, ok := c.done[string(key)]; ok {
		return append(b, text...), nil
	}
	start := len(b)
	b, err := w.AppendJSON(b)
	if err == nil && len(c.done) < warningJSONMax {
		if c.done == nil {
			c.done = map[string][]byte{}
		}
		c.done[string(key)] = append([]byte(nil), b[start:]...)
	}
	return b, err
}

// keyOf is w's code, reference and arguments as one text that two
// warnings share only when they are worded alike: each part carries its
// length or its type, so no two warnings' parts run together.
func (c *WarningJSON) keyOf(w Warning) ([]byte, bool) {
	k := c.key[:0]
	str := func(s string) {
		k = strconv.AppendInt(k, int64(len(s)), 10)
		k = append(k, ':')
		k = append(k, s...)
	}
	str(w.Code)
	str(w.Ref)
	for _, a := range w.Args {
		str(a.Name)
		switch v := a.Value.(type) {
		case string:
			k = append(k, 's')
			str(v)
		case int:
			k = append(k, 'i')
			k = strconv.AppendInt(k, int64(v), 10)
		case Date:
			k = append(k, 'd')
			k = strconv.AppendInt(k, int64(v), 10)
		case decimal.Decimal:
			// Its digits and exponent, not its value: 1.5 and 1.50 may be
			// written differently.
			k = append(k, 'n')
			k = v.Coefficient().Append(k, 10)
			k = append(k, 'e')
			k = strconv.AppendInt(k, int64(v.Exponent()), 10)
		default:
			c.key = k
			return nil, false
		}
		k = append(k, ';')
	}
	c.key = k
	return k, true
}
