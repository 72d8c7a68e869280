package rules

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// Replay evaluates a step's formula with its inputs, independently of the
// code that recorded it: the property tests check every step's Exact and
// Result against it, so that a calculator that changes a formula without its
// step is caught. A date input counts as its day number (days since
// 1970-01-01), a ratio "2/3" as the exact fraction, and a comparison
// (<, ≤, >, ≥, =, chained) as 1 when it holds and 0 when not. Besides min
// and max, weekdays(from, to) counts Monday–Friday.
func Replay(s *Step) (decimal.Decimal, error) {
	p := &replayParser{src: s.Formula, in: s.Inputs}
	v, err := p.compare()
	if err == nil {
		p.space()
		if p.pos < len(p.src) {
			err = fmt.Errorf("unexpected %q", p.src[p.pos:])
		}
	}
	if err != nil {
		return decimal.Zero, fmt.Errorf("%s: formula %q: %w", s.Key, s.Formula, err)
	}
	return v.Round(replayResult), nil
}

// ReplayValue reads a step's value (an input, Exact or Result) the way Replay
// does: a decimal, a ratio, or a date as its day number.
func ReplayValue(v string) (decimal.Decimal, error) {
	v = strings.TrimSpace(v)
	if d, err := decimal.NewFromString(v); err == nil {
		return d, nil
	}
	if r, err := ParseRatio(v); err == nil && strings.Contains(v, "/") {
		return r.Num.DivRound(r.Den, replayPlaces), nil
	}
	if d, err := ParseDate(v); err == nil {
		return decimal.NewFromInt(int64(d)), nil
	}
	return decimal.Zero, fmt.Errorf("%q is not a number, a ratio or a date", v)
}

// replayPlaces is the precision of a division; Replay rounds its value to
// replayResult places, so a ratio's rounding never shows.
const (
	replayPlaces = 40
	replayResult = 24
)

type replayParser struct {
	src string
	pos int
	in  Inputs
}

func (p *replayParser) space() {
	for p.pos < len(p.src) && p.src[p.pos] == ' ' {
		p.pos++
	}
}

// accept consumes the first of ops that comes next and returns it.
func (p *replayParser) accept(ops ...string) string {
	p.space()
	for _, op := range ops {
		if strings.HasPrefix(p.src[p.pos:], op) {
			p.pos += len(op)
			return op
		}
	}
	return ""
}

var one = decimal.NewFromInt(1)

func (p *replayParser) compare() (decimal.Decimal, error) {
	left, err := p.sum()
	if err != nil {
		return left, err
	}
	result, compared := true, false
	for {
		op := p.accept("≤", "<=", "≥", ">=", "<", ">", "=")
		if op == "" {
			break
		}
		right, err := p.sum()
		if err != nil {
			return right, err
		}
		c := left.Cmp(right)
		ok := map[string]bool{"≤": c <= 0, "<=": c <= 0, "≥": c >= 0, ">=": c >= 0, "<": c < 0, ">": c > 0, "=": c == 0}[op]
		result, compared, left = result && ok, true, right
	}
	if !compared {
		return left, nil
	}
	if result {
		return one, nil
	}
	return decimal.Zero, nil
}

func (p *replayParser) sum() (decimal.Decimal, error) {
	v, err := p.term()
	for err == nil {
		switch p.accept("+", "-", "−") {
		case "+":
			var t decimal.Decimal
			t, err = p.term()
			v = v.Add(t)
		case "-", "−":
			var t decimal.Decimal
			t, err = p.term()
			v = v.Sub(t)
		default:
			return v, nil
		}
	}
	return v, err
}

func (p *replayParser) term() (decimal.Decimal, error) {
	v, err := p.unary()
	for err == nil {
		switch p.accept("×", "*", "/") {
		case "×", "*":
			var t decimal.Decimal
			t, err = p.unary()
			v = v.Mul(t)
		case "/":
			var t decimal.Decimal
			if t, err = p.unary(); err == nil {
				if t.IsZero() {
					return v, fmt.Errorf("division by zero")
				}
				v = v.DivRound(t, replayPlaces)
			}
		default:
			return v, nil
		}
	}
	return v, err
}

func (p *replayParser) unary() (decimal.Decimal, error) {
	if p.accept("-", "−") != "" {
		v, err := p.unary()
		return v.Neg(), err
	}
	return p.primary()
}

func (p *replayParser) primary() (decimal.Decimal, error) {
	p.space()
	switch {
	case p.accept("(") != "":
		v, err := p.compare()
		if err == nil && p.accept(")") == "" {
			err = fmt.Errorf("missing )")
		}
		return v, err
	case p.accept("{") != "":
		end := strings.IndexByte(p.src[p.pos:], '}')
		if end < 0 {
			return decimal.Zero, fmt.Errorf("missing }")
		}
		name := p.src[p.pos : p.pos+end]
		p.pos += end + 1
		v, ok := p.in.Value(name)
		if !ok {
			return decimal.Zero, fmt.Errorf("no input %q", name)
		}
		return ReplayValue(v)
	}
	if fn := p.accept("min(", "max(", "weekdays("); fn != "" {
		var args []decimal.Decimal
		for {
			v, err := p.compare()
			if err != nil {
				return v, err
			}
			args = append(args, v)
			if p.accept(",") == "" {
				break
			}
		}
		if p.accept(")") == "" {
			return decimal.Zero, fmt.Errorf("missing ) after %s", fn)
		}
		switch fn {
		case "min(":
			return decimal.Min(args[0], args[1:]...), nil
		case "weekdays(":
			if len(args) != 2 {
				return decimal.Zero, fmt.Errorf("weekdays takes two dates")
			}
			return decimal.NewFromInt(int64(Weekdays(Date(args[0].IntPart()), Date(args[1].IntPart())))), nil
		}
		return decimal.Max(args[0], args[1:]...), nil
	}
	start := p.pos
	for p.pos < len(p.src) && (p.src[p.pos] == '.' || (p.src[p.pos] >= '0' && p.src[p.pos] <= '9')) {
		p.pos++
	}
	if start == p.pos {
		return decimal.Zero, fmt.Errorf("expected a number, an input or ( at %q", p.src[start:])
	}
	return decimal.NewFromString(p.src[start:p.pos])
}

// VerifyStep replays s and checks its Exact and Result against the replayed
// value under its Rounding: the property tests call it on every step a
// calculator records.
func VerifyStep(s *Step) error {
	v, err := Replay(s)
	if err != nil {
		return err
	}
	tiny := decimal.New(1, -9)
	near := func(a, b decimal.Decimal, tol decimal.Decimal) bool { return a.Sub(b).Abs().LessThanOrEqual(tol) }
	if s.Exact != "" {
		e, err := ReplayValue(s.Exact)
		if err != nil {
			return fmt.Errorf("%s: exact: %w", s.Key, err)
		}
		if !near(e, v, tiny) {
			return fmt.Errorf("%s: exact %s, but %s gives %s", s.Key, s.Exact, s.Formula, v)
		}
	}
	var r decimal.Decimal
	switch s.Result {
	case string(Met), "true", "yes":
		r = one
	case string(NotMet), "false", "no":
		r = decimal.Zero
	default:
		if r, err = ReplayValue(s.Result); err != nil {
			return fmt.Errorf("%s: result: %w", s.Key, err)
		}
	}
	ok := false
	switch s.Rounding {
	case "":
		ok = near(r, v, tiny)
	case RoundKronerHalfUp:
		ok = r.Equal(v.Round(0))
	case RoundOreHalfUp, RoundShownOre:
		ok = r.Equal(v.Round(2))
	case RoundOrePerMonth:
		ok = near(r, v, monthsØre(s))
	case RoundCapped:
		ok = r.Abs().LessThanOrEqual(v.Abs().Add(monthsØre(s))) && (r.IsZero() || r.Sign() == v.Sign())
	default:
		return fmt.Errorf("%s: unknown rounding %q", s.Key, s.Rounding)
	}
	if !ok {
		return fmt.Errorf("%s: result %s, but %s gives %s (rounding %q)", s.Key, s.Result, s.Formula, v, s.Rounding)
	}
	return nil
}

// monthsØre is an øre for each month the step's span touches: the most that
// rounding each month's payment to the øre can move a sum.
func monthsØre(s *Step) decimal.Decimal {
	months := int64(1)
	if s.Span != nil {
		fy, fm, _ := s.Span.From.YMD()
		ty, tm, _ := s.Span.To.YMD()
		months = int64((ty-fy)*12 + tm - fm + 1)
	}
	return decimal.New(months, -2)
}
