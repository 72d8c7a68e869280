package rules

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Step is one figure of a computation, recorded by the code that computes it
// (the stipend, the rates, the reductions, the tax, an eligibility criterion,
// a period limit), so that --explain, a letter and the API render the
// computation and never redo it.
//
// Formula is an expression over the inputs, each named in braces:
// "{factor} × {g} / {day_divisor}". It uses +, −, ×, /, parentheses, and the
// functions min and max; comparisons (<, ≤) for outcomes. Substituting the
// inputs and evaluating it gives Exact (or Result when Exact is empty), and
// Rounding says how Result was rounded from it. A property test replays every
// step this way.
type Step struct {
	Key      string  `json:"key"`                // stable id, e.g. "stipend.day_rate"
	Span     *Period `json:"period,omitempty"`   // the days the figure is about, when it is about a stretch
	Inputs   Inputs  `json:"inputs"`             // the values the formula names, in its order
	Formula  string  `json:"formula"`            // over the inputs' names, in braces
	Exact    string  `json:"exact,omitempty"`    // the formula's value before rounding, when it differs from Result
	Rounding string  `json:"rounding,omitempty"` // how Result was rounded: one of the Round* codes
	Result   string  `json:"result"`             // a decimal, a whole number, a date or an outcome
	Unit     string  `json:"unit,omitempty"`     // what Result is: one of the Unit* codes; "" for a plain number
	Ref      string  `json:"legal_reference,omitempty"`
	Params   []Param `json:"params,omitempty"` // the dated parameter values the formula used
}

// Param names a dated parameter value a step used, so that its source can be
// shown beside the figure. A Param without Key and From is the source of a
// rule rather than of a dated value: a CONVENTION the project chose where the
// law is silent, or who decides a fact ("the caseworker's finding").
type Param struct {
	Key    string `json:"key"`
	From   Date   `json:"from"`
	Source string `json:"source,omitempty"`
	Origin string `json:"origin,omitempty"`
}

// Rounding codes of a Step: how Result was made from Exact.
const (
	RoundKronerHalfUp = "kroner_half_up" // to whole kroner, half up (the nav policy, published yearly amounts)
	RoundOreHalfUp    = "ore_half_up"    // to the øre, half up
	RoundOrePerMonth  = "ore_per_month"  // each line rounded to the øre in each month's payment, then summed
	// RoundOreToNet: a reduction under the exact policy, rounded to the øre
	// in each month's payment and taking the øre that makes the lines add
	// up to the net rounded once; a stretch of a month is the difference of
	// two such month-to-date amounts, so within 2 øre a month.
	RoundOreToNet = "ore_to_net"
	RoundShownOre = "shown_ore" // shown to the øre; the amounts use the unrounded value
	RoundCapped   = "capped"    // at most the formula's value: capped day by day by what is left
)

// Units of a Step's Result.
const (
	UnitKroner  = "kr"      // an amount of money
	UnitDays    = "days"    // a number of days
	UnitDate    = "date"    // a date
	UnitOutcome = "outcome" // met, not_met or unknown (an eligibility criterion)
	UnitYesNo   = "yes_no"  // yes or no: whether a dated rule is in force, a deadline has passed
	UnitVerdict = "verdict" // eligible, not_eligible or undetermined
)

// Input is one named value of a step: a decimal ("2.041"), a ratio ("2/3"),
// a whole number, a date or a word.
type Input struct {
	Name  string
	Value string
}

// Inputs are a step's values in the order the formula names them. In JSON
// they are an object, name → value, in that order.
type Inputs []Input

// MarshalJSON writes the inputs as one object, in order.
func (in Inputs) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, x := range in {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(x.Name)
		v, _ := json.Marshal(x.Value)
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// UnmarshalJSON reads the object MarshalJSON writes, keeping its order.
func (in *Inputs) UnmarshalJSON(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return fmt.Errorf("inputs: expected an object")
	}
	*in = (*in)[:0]
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return err
		}
		var v string
		if err := dec.Decode(&v); err != nil {
			return fmt.Errorf("inputs: %w", err)
		}
		name, _ := k.(string)
		*in = append(*in, Input{Name: name, Value: v})
	}
	_, err := dec.Token()
	return err
}

// Value returns the input named name, and whether there is one.
func (in Inputs) Value(name string) (string, bool) {
	for _, x := range in {
		if x.Name == name {
			return x.Value, true
		}
	}
	return "", false
}

// Expand writes the formula with each {name} replaced by format(value).
func (s *Step) Expand(format func(name, value string) string) string {
	return ExpandBraces(s.Formula, func(name string) (string, bool) {
		v, _ := s.Inputs.Value(name)
		return format(name, v), true
	})
}

// Trace collects steps. A nil *Trace records nothing and costs a nil check,
// so that a batch that never explains pays nothing for it.
type Trace struct {
	Steps []Step
}

// Add records s.
func (t *Trace) Add(s Step) {
	if t != nil {
		t.Steps = append(t.Steps, s)
	}
}

// On reports whether steps are being recorded, so that a caller can skip
// building a step's inputs.
func (t *Trace) On() bool { return t != nil }
