// Package calc computes the qualification benefit (kvalifiseringsstønad):
// the stipend and child supplement over a period, split at every change of
// a rule's parameters, the month-by-month schedule and the tax-relevant
// amounts. It does no I/O and reads no clock.
package calc

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// Money is an amount in kroner. It is printed and encoded with exactly two
// decimals, as a JSON string ("265656.56") so that no reader turns it into a float.
type Money struct{ decimal.Decimal }

// M wraps d as Money.
func M(d decimal.Decimal) Money { return Money{d} }

// String formats m with two decimals.
func (m Money) String() string { return m.StringFixed(2) }

// MarshalJSON writes m as a string with two decimals.
func (m Money) MarshalJSON() ([]byte, error) { return []byte(`"` + m.StringFixed(2) + `"`), nil }

// UnmarshalJSON reads a string or a number.
func (m *Money) UnmarshalJSON(b []byte) error {
	var d decimal.Decimal
	if err := d.UnmarshalJSON(b); err != nil {
		return fmt.Errorf("amount: %w", err)
	}
	m.Decimal = d
	return nil
}

// MarshalText writes m with two decimals (YAML, CSV).
func (m Money) MarshalText() ([]byte, error) { return []byte(m.StringFixed(2)), nil }

// exactPlaces is the precision of unrounded intermediate amounts under the
// exact policy: far below an øre over any period the tool accepts.
const exactPlaces = 12
