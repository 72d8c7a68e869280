// Package calc computes the qualification benefit (kvalifiseringsstønad):
// the stipend and child supplement over a period, split at every change of
// a rule's parameters, the month-by-month schedule and the tax-relevant
// amounts. It does no I/O and reads no clock.
package calc

import (
	"fmt"
	"strconv"

	"github.com/shopspring/decimal"

	"kvp/rules"
)

// Money is an amount in whole øre. Every amount kvp prints is a Money, so
// sums are exact integer additions; unrounded intermediate values are
// decimal.Decimal until the rounding policy turns them into Money. It is
// printed and encoded with exactly two decimals, as a JSON string
// ("265656.56") so that no reader turns it into a float.
type Money int64

// M rounds d half away from zero to the øre.
func M(d decimal.Decimal) Money {
	if exp := d.Exponent(); exp >= -2 && exp <= 8 {
		// Already whole øre: no rounding, and IntPart of a small shift is cheap.
		return Money(d.Shift(2).IntPart())
	}
	if exp := d.Exponent(); exp < -2 && exp >= -18 && d.NumDigits() <= 18 {
		// An unrounded amount (12 places, as the calculation keeps them)
		// in int64 arithmetic: big.Int shifts and rounding were a tenth of
		// a batch (issue 19). |coefficient| < 10^18 fits.
		c, unit := d.CoefficientInt64(), pow10[-exp-2]
		q, r := c/unit, c%unit
		if r < 0 {
			r = -r
		}
		if 2*r >= unit { // half away from zero
			if c < 0 {
				q--
			} else {
				q++
			}
		}
		return Money(q)
	}
	return Money(d.Shift(2).Round(0).IntPart())
}

// pow10[i] is 10^i, for M.
var pow10 = [...]int64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16}

// Kroner returns k whole kroner.
func Kroner(k int64) Money { return Money(k * 100) }

// Decimal returns m in kroner as a decimal.
func (m Money) Decimal() decimal.Decimal { return decimal.New(int64(m), -2) }

// IsZero, IsNegative and IsPositive compare m with zero.
func (m Money) IsZero() bool     { return m == 0 }
func (m Money) IsNegative() bool { return m < 0 }
func (m Money) IsPositive() bool { return m > 0 }

// String formats m with two decimals: "-1234.50".
func (m Money) String() string { return string(m.appendFixed(nil)) }

// StringFixed formats m with places decimals (0 or 2), rounding half away from zero.
func (m Money) StringFixed(places int32) string {
	if places >= 2 {
		return m.String()
	}
	return m.Decimal().StringFixed(places)
}

func (m Money) appendFixed(b []byte) []byte {
	v := int64(m)
	if v < 0 {
		b = append(b, '-')
		v = -v
	}
	b = strconv.AppendInt(b, v/100, 10)
	return append(b, '.', byte('0'+v%100/10), byte('0'+v%10))
}

// MarshalJSON writes m as a string with two decimals.
func (m Money) MarshalJSON() ([]byte, error) {
	b := append(make([]byte, 0, 24), '"')
	return append(m.appendFixed(b), '"'), nil
}

// UnmarshalJSON reads a string or a number of kroner.
func (m *Money) UnmarshalJSON(b []byte) error {
	var d decimal.Decimal
	if err := d.UnmarshalJSON(b); err != nil {
		return fmt.Errorf("amount: %w", err)
	}
	*m = M(d)
	return nil
}

// AppendText appends m with two decimals to b.
func (m Money) AppendText(b []byte) ([]byte, error) { return m.appendFixed(b), nil }

// MarshalText writes m with two decimals (YAML, CSV).
func (m Money) MarshalText() ([]byte, error) { return m.appendFixed(nil), nil }

// exactPlaces is the precision of unrounded intermediate amounts under the
// exact policy: far below an øre over any period the tool accepts.
const exactPlaces = 12

// YearMonth is a calendar month, printed "2026-05".
type YearMonth int32

// MonthOf returns the month of d.
func MonthOf(d rules.Date) YearMonth {
	y, m, _ := d.YMD()
	return YearMonth(y*12 + m - 1)
}

// Year and Month (1–12) of ym.
func (ym YearMonth) Year() int  { return int(ym) / 12 }
func (ym YearMonth) Month() int { return int(ym)%12 + 1 }

// Next is the month after ym.
func (ym YearMonth) Next() YearMonth { return ym + 1 }

func (ym YearMonth) String() string { return string(ym.appendText(nil)) }

func (ym YearMonth) appendText(b []byte) []byte {
	y, m := ym.Year(), ym.Month()
	return append(b, byte('0'+y/1000%10), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-', byte('0'+m/10), byte('0'+m%10))
}

// MarshalText writes "2026-05".
func (ym YearMonth) MarshalText() ([]byte, error) { return ym.appendText(nil), nil }
