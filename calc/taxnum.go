package calc

import (
	"math"
	"math/bits"

	"github.com/shopspring/decimal"
)

// taxNum is an exact decimal number of the tax arithmetic (Tax): v × 10^-e
// in an int64 while it fits, else a decimal.Decimal. Every operation is
// exact, as decimal's are, and rounds where decimal's would; an operation
// whose int64 result would overflow is done in decimal instead. A --tax
// batch spent a quarter of its time allocating decimal's big integers for
// amounts of a few million øre (issue 19).
type taxNum struct {
	v   int64
	e   int32 // 0 ≤ e ≤ maxTaxExp
	big bool  // the value is d
	d   decimal.Decimal
}

const maxTaxExp = 18

// taxPow10[i] is 10^i.
var taxPow10 = func() (p [maxTaxExp + 1]int64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// numOf is d as a taxNum.
func numOf(d decimal.Decimal) taxNum {
	exp := d.Exponent()
	if exp <= 0 && exp >= -maxTaxExp && d.NumDigits() <= 18 {
		return taxNum{v: d.CoefficientInt64(), e: -exp}
	}
	if exp > 0 && exp <= maxTaxExp && d.NumDigits() <= 18 {
		if v, ok := mul64(d.CoefficientInt64(), taxPow10[exp]); ok {
			return taxNum{v: v}
		}
	}
	return bigNum(d)
}

func bigNum(d decimal.Decimal) taxNum { return taxNum{big: true, d: d} }

// dec is n as a decimal with exponent -e.
func (n taxNum) dec() decimal.Decimal {
	if n.big {
		return n.d
	}
	return decimal.New(n.v, -n.e)
}

func (n taxNum) String() string { return n.dec().String() }

// money is n, rounded to the øre, in øre.
func (n taxNum) money() Money {
	if !n.big && n.e == 2 {
		return Money(n.v)
	}
	return M(n.dec())
}

func mul64(a, b int64) (int64, bool) {
	hi, lo := bits.Mul64(uabs(a), uabs(b))
	if hi != 0 || lo > math.MaxInt64 {
		return 0, false
	}
	if (a < 0) != (b < 0) {
		return -int64(lo), true
	}
	return int64(lo), true
}

// uabs is |a|.
func uabs(a int64) uint64 {
	if a < 0 {
		return uint64(-a) // math.MinInt64 becomes 2^63, which mul64 refuses
	}
	return uint64(a)
}

// align returns a and b as counts of the same unit, 10^-e.
func align(a, b taxNum) (x, y int64, e int32, ok bool) {
	if a.big || b.big || a.v == math.MinInt64 || b.v == math.MinInt64 {
		return 0, 0, 0, false
	}
	switch {
	case a.e < b.e:
		x, ok = mul64(a.v, taxPow10[b.e-a.e])
		return x, b.v, b.e, ok
	case a.e > b.e:
		y, ok = mul64(b.v, taxPow10[a.e-b.e])
		return a.v, y, a.e, ok
	}
	return a.v, b.v, a.e, true
}

func (a taxNum) add(b taxNum) taxNum {
	if x, y, e, ok := align(a, b); ok {
		if s := x + y; (s > x) == (y > 0) {
			return taxNum{v: s, e: e}
		}
	}
	return numOf(a.dec().Add(b.dec()))
}

func (a taxNum) sub(b taxNum) taxNum {
	if x, y, e, ok := align(a, b); ok {
		if s := x - y; (s < x) == (y > 0) {
			return taxNum{v: s, e: e}
		}
	}
	return numOf(a.dec().Sub(b.dec()))
}

func (a taxNum) mul(b taxNum) taxNum {
	if !a.big && !b.big && a.e+b.e <= maxTaxExp {
		if p, ok := mul64(a.v, b.v); ok {
			return taxNum{v: p, e: a.e + b.e}
		}
	}
	return numOf(a.dec().Mul(b.dec()))
}

func (a taxNum) cmp(b taxNum) int {
	if x, y, _, ok := align(a, b); ok {
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	}
	return a.dec().Cmp(b.dec())
}

func (a taxNum) sign() int {
	if a.big {
		return a.d.Sign()
	}
	switch {
	case a.v < 0:
		return -1
	case a.v > 0:
		return 1
	}
	return 0
}

func (a taxNum) equal(b taxNum) bool { return a.cmp(b) == 0 }

// minNum and maxNum return a on a tie, as decimal.Min and decimal.Max do.
func minNum(a, b taxNum) taxNum {
	if b.cmp(a) < 0 {
		return b
	}
	return a
}

func maxNum(a, b taxNum) taxNum {
	if b.cmp(a) > 0 {
		return b
	}
	return a
}

// round rounds half away from zero to places decimals, as decimal.Round.
func (a taxNum) round(places int32) taxNum {
	switch {
	case a.big || places > maxTaxExp || a.v == math.MinInt64:
	case a.e <= places:
		if v, ok := mul64(a.v, taxPow10[places-a.e]); ok {
			return taxNum{v: v, e: places}
		}
	default:
		unit := taxPow10[a.e-places]
		q, r := a.v/unit, a.v%unit
		if r < 0 {
			r = -r
		}
		if r >= unit-r { // half or more: away from zero
			if a.v < 0 {
				q--
			} else {
				q++
			}
		}
		return taxNum{v: q, e: places}
	}
	return numOf(a.dec().Round(places))
}

// divRound is a / b rounded half away from zero to places decimals, as
// decimal.DivRound; b is not zero.
func (a taxNum) divRound(b taxNum, places int32) taxNum {
	if !a.big && !b.big && places <= maxTaxExp && a.v != math.MinInt64 && b.v != math.MinInt64 && b.v != 0 {
		// a / b = (a.v / b.v) × 10^(b.e − a.e); in units of 10^-places the
		// quotient is a.v × 10^s / b.v with s = places + b.e − a.e.
		num, den, ok := a.v, b.v, true
		if s := places + b.e - a.e; s >= 0 && s <= maxTaxExp {
			num, ok = mul64(num, taxPow10[s])
		} else if s < 0 && -s <= maxTaxExp {
			den, ok = mul64(den, taxPow10[-s])
		} else {
			ok = false
		}
		if ok {
			q, r := num/den, num%den
			ar, ad := uabs(r), uabs(den)
			if ar >= ad-ar {
				if (num < 0) != (den < 0) {
					q--
				} else {
					q++
				}
			}
			return taxNum{v: q, e: places}
		}
	}
	return numOf(a.dec().DivRound(b.dec(), places))
}
